#pragma once
// What part of the map the screen shows: a centre in map metres and a scale in metres per pixel, on a
// screen of a given size. Screen pixels have their own type; y grows downwards on the screen, upwards on the map.

#include <bordermap/core/coords.hpp>

namespace bordermap::scene {

struct ScreenPx {
    double x_px = 0.0;
    double y_px = 0.0;
    friend bool operator==(const ScreenPx&, const ScreenPx&) = default;
};

struct View {
    MapXY centre;
    double metresPerPixel = 1000.0;
    int widthPx = 1280;
    int heightPx = 800;

    ScreenPx toScreen(MapXY p) const;
    MapXY toMap(ScreenPx p) const;
    MapBox visibleBox() const;

    // Zooms by `factor` (> 1 zooms in) keeping the map point under `anchor` where it is on the screen.
    void zoomAround(ScreenPx anchor, double factor);
    // Moves the map by a screen distance (a drag).
    void panBy(double dx_px, double dy_px);
};

// The view that shows `box` whole on a screen of the given size, with `marginPx` around it.
View fitView(const MapBox& box, int widthPx, int heightPx, double marginPx = 24.0);

// Scale limits: from the whole world to a few metres a pixel.
inline constexpr double kMinMetresPerPixel = 5.0;
inline constexpr double kMaxMetresPerPixel = 40'000.0;

}  // namespace bordermap::scene
