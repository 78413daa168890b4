#include "bordermap/scene/view.hpp"

#include <algorithm>

namespace bordermap::scene {

ScreenPx View::toScreen(MapXY p) const {
    return {(p.x_m - centre.x_m) / metresPerPixel + widthPx * 0.5, (centre.y_m - p.y_m) / metresPerPixel + heightPx * 0.5};
}

MapXY View::toMap(ScreenPx p) const {
    return {centre.x_m + (p.x_px - widthPx * 0.5) * metresPerPixel, centre.y_m - (p.y_px - heightPx * 0.5) * metresPerPixel};
}

MapBox View::visibleBox() const {
    MapBox box;
    box.add(toMap({0.0, 0.0}));
    box.add(toMap({static_cast<double>(widthPx), static_cast<double>(heightPx)}));
    return box;
}

void View::zoomAround(ScreenPx anchor, double factor) {
    const MapXY before = toMap(anchor);
    metresPerPixel = std::clamp(metresPerPixel / factor, kMinMetresPerPixel, kMaxMetresPerPixel);
    const MapXY after = toMap(anchor);
    centre.x_m += before.x_m - after.x_m;
    centre.y_m += before.y_m - after.y_m;
}

void View::panBy(double dx_px, double dy_px) {
    centre.x_m -= dx_px * metresPerPixel;
    centre.y_m += dy_px * metresPerPixel;
}

View fitView(const MapBox& box, int widthPx, int heightPx, double marginPx) {
    View view;
    view.widthPx = widthPx;
    view.heightPx = heightPx;
    if (box.empty()) return view;
    view.centre = {(box.min.x_m + box.max.x_m) * 0.5, (box.min.y_m + box.max.y_m) * 0.5};
    const double usableW = std::max(1.0, widthPx - 2.0 * marginPx);
    const double usableH = std::max(1.0, heightPx - 2.0 * marginPx);
    view.metresPerPixel = std::clamp(std::max((box.max.x_m - box.min.x_m) / usableW, (box.max.y_m - box.min.y_m) / usableH),
                                     kMinMetresPerPixel, kMaxMetresPerPixel);
    return view;
}

}  // namespace bordermap::scene
