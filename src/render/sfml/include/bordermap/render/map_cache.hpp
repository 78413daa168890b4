#pragma once
// The static map (what MapRenderer::drawMap draws: fills, borders, rivers, the graticule, the Durand Line) kept as
// an image, so that panning and zooming move a picture instead of filling every polygon again, which is most of a
// frame under a software rasterizer (Mesa llvmpipe). The image covers the view and a margin around it at one scale;
// a pan moves it, a zoom scales it (briefly blurry). A fresh image is drawn on a thread of its own, in an OpenGL
// context shared with the window's (with its own renderer, so that no shader's uniforms are shared between
// threads), when the view nears the margin's edge, drifts in scale or enters another zoom band; it is asked for
// where the view will be when it arrives (the motion of the last frame carried on for as many frames as images
// lately took), and replaces the shown one when whole. While moving fast the image may leave a sliver of the view
// at its edge in the background colour for a moment; under most of the view, the frame is drawn straight.
// Once the view has stood still for a few frames the image is drawn at exactly the view and from then on copied
// pixel for pixel: the settled frame is the full redraw's.
// Why a thread and not the window's own thread a strip a frame: llvmpipe runs every vertex of the zoom band through
// its vertex stage for each draw, so each strip would pay a fifth of a whole redraw again before filling a pixel.

#include <bordermap/scene/scene.hpp>

#include <SFML/Graphics/RenderTarget.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace bordermap::render {

class MapRenderer;

class MapCache {
public:
    struct Tuning {
        double margin = 0.125;   // the image's margin on each side, as a fraction of the view's width or height
        double maxDrift = 1.15;  // a fresh image is asked for when the scale differs from the image's by more
        int stillFrames = 3;     // frames without motion after which the image is drawn at exactly the view
        double minCovered = 0.8; // the image is shown where it covers this part of the view, else the frame drawn straight
    };
    // How the frames were drawn since construction (or resetCounts): from the image, straight (no image covering
    // the view), and how many fresh images arrived.
    struct Counts {
        int fromImage = 0, straight = 0, imagesDrawn = 0;
    };
    using Bands = std::vector<std::pair<double, scene::StaticScene>>;

    // `straight` draws the frames no image covers; its zoom bands must be the ones given to setStaticScenes.
    // Needs the window's OpenGL context active; starts the thread.
    explicit MapCache(MapRenderer& straight);
    MapCache(MapRenderer& straight, Tuning tuning);
    ~MapCache();
    MapCache(const MapCache&) = delete;
    MapCache& operator=(const MapCache&) = delete;

    // The static scenes for the thread's renderer, as given to MapRenderer::setStaticScenes: images drawn from
    // earlier ones are no longer shown.
    void setStaticScenes(Bands bands);

    // Off: every frame is drawn straight.
    void setEnabled(bool on);
    bool enabled() const { return m_enabled; }

    // Draws the static map for `view` into `target`, whose current sf::View must be the map's pixels (as for
    // MapRenderer::drawMap).
    void draw(sf::RenderTarget& target, const scene::View& view);

    // True while what the last draw showed is not yet the settled frame (a moved or scaled image, or an exact one
    // still being drawn): the frame loop must go on drawing until it is false, even with no input.
    bool pending() const { return m_pending; }
    // Why the thread could not draw (its renderer's error), after which every frame is drawn straight; else empty.
    std::string failure() const;

    const Counts& counts() const { return m_counts; }
    void resetCounts() { m_counts = {}; }

private:
    struct Image;
    // What an image shows: the map's view widened by the margin on each side, for a map of mapW x mapH pixels,
    // from the static scenes of `revision`, in zoom band `band`.
    struct Shows {
        scene::View view;
        int mapW = 0, mapH = 0;
        int revision = -1;
        int band = -1;
    };

    Shows wanted(const scene::View& view) const;
    void ask(const Shows& shows);
    // The part of `view` (0 to 1) that an image showing `shows` covers.
    double covered(const Shows& shows, const scene::View& view) const;
    bool comfortable(const Shows& shows, const scene::View& view) const;
    bool exactly(const Shows& shows, const scene::View& view) const;
    void put(sf::RenderTarget& target, Image& image, const scene::View& view);
    void work();  // the thread

    MapRenderer& m_straight;
    Tuning m_tuning;
    bool m_enabled = true;
    bool m_pending = false;
    int m_revision = 0;
    scene::View m_last;
    int m_still = 0;                  // frames the view has not moved
    std::optional<Shows> m_asked;     // the last image asked for (arrived or not)
    int m_frame = 0, m_askedFrame = 0;
    int m_latencyFrames = 4;          // frames from asking for an image to showing it, lately
    std::unique_ptr<Image> m_front;   // the window's thread's: shown
    Counts m_counts;

    // Shared with the thread, under m_mutex. m_back is the thread's from taking a job until m_done is set, then
    // the window thread's until it is swapped to the front.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Shows> m_job;                 // asked for and not yet begun: the newest wins
    std::shared_ptr<const Bands> m_scenes;      // the newest static scenes, and their revision
    int m_scenesRevision = -1;
    std::unique_ptr<Image> m_back;
    bool m_done = false, m_stop = false, m_failed = false;
    std::string m_failure;
    std::thread m_thread;  // last: started once everything it touches exists
};

}  // namespace bordermap::render
