#include "bordermap/render/map_cache.hpp"

#include "bordermap/render/map_renderer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/Window/Context.hpp>

#include <algorithm>
#include <cmath>
#include <exception>

namespace bordermap::render {

namespace {

bool sameView(const scene::View& a, const scene::View& b) {
    return a.centre == b.centre && a.metresPerPixel == b.metresPerPixel && a.widthPx == b.widthPx && a.heightPx == b.heightPx;
}

// Where the corners of `view` fall in the pixels of an image showing `image`.
std::pair<scene::ScreenPx, scene::ScreenPx> cornersIn(const scene::View& image, const scene::View& view) {
    return {image.toScreen(view.toMap({0.0, 0.0})),
            image.toScreen(view.toMap({static_cast<double>(view.widthPx), static_cast<double>(view.heightPx)}))};
}

}  // namespace

struct MapCache::Image {
    sf::RenderTexture texture;
    Shows shows;
};

MapCache::MapCache(MapRenderer& straight) : MapCache(straight, Tuning{}) {}

MapCache::MapCache(MapRenderer& straight, Tuning tuning)
    : m_straight(straight), m_tuning(tuning), m_front(std::make_unique<Image>()), m_back(std::make_unique<Image>()),
      m_thread([this] { work(); }) {}

MapCache::~MapCache() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void MapCache::setStaticScenes(Bands bands) {
    ++m_revision;
    {
        const std::lock_guard lock(m_mutex);
        m_scenes = std::make_shared<const Bands>(std::move(bands));
        m_scenesRevision = m_revision;
    }
}

void MapCache::setEnabled(bool on) {
    m_enabled = on;
    m_pending = false;
    m_still = 0;
}

std::string MapCache::failure() const {
    const std::lock_guard lock(m_mutex);
    return m_failure;
}

void MapCache::work() {
    const auto fail = [&](const std::string& why) {
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        m_failure = why;
    };
    sf::Context context;  // shared with the window's: the images' textures are drawn there
    std::unique_ptr<MapRenderer> renderer;
    try {
        renderer = std::make_unique<MapRenderer>(MarkerDraw::PerMarker);
    } catch (const std::exception& e) {
        fail(e.what());
        return;
    }
    int uploaded = -1;
    for (;;) {
        Shows job;
        std::shared_ptr<const Bands> scenes;
        int scenesRevision = -1;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || (m_job && !m_done); });
            if (m_stop) break;
            job = *m_job;
            m_job.reset();
            scenes = m_scenes;
            scenesRevision = m_scenesRevision;
        }
        if (!scenes || job.revision != scenesRevision) continue;  // asked for scenes replaced since
        if (uploaded != job.revision) {
            try {
                renderer->setStaticScenes(*scenes);
            } catch (const std::exception& e) {  // out of memory for a second copy of the geometry
                fail(std::string("cannot upload the map: ") + e.what());
                break;
            }
            uploaded = job.revision;
        }
        Image& back = *m_back;  // the thread's until m_done is set
        const sf::Vector2u size(static_cast<unsigned>(job.view.widthPx), static_cast<unsigned>(job.view.heightPx));
        if (back.texture.getSize() != size) {
            sf::ContextSettings settings;
            settings.stencilBits = 8;  // the renderer fills polygons through the stencil buffer
            const unsigned most = sf::Texture::getMaximumSize();
            if (size.x > most || size.y > most || !back.texture.create(size.x, size.y, settings)) {
                fail("the map cache needs a " + std::to_string(size.x) + "x" + std::to_string(size.y) +
                     " texture, more than this OpenGL gives (" + std::to_string(most) + " a side)");
                break;
            }
            back.texture.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
        }
        renderer->drawMap(back.texture, job.view);
        back.texture.display();
        glFinish();  // whole before the window's context samples it
        back.shows = job;
        const std::lock_guard lock(m_mutex);
        m_done = true;
    }
    // The images' framebuffers belong to this context: they go with it (the window's thread is in the destructor,
    // or no longer asks).
    const std::lock_guard lock(m_mutex);
    if (m_stop) {
        m_back.reset();
        m_front.reset();
    }
}

MapCache::Shows MapCache::wanted(const scene::View& view) const {
    const int mx = std::max(32, static_cast<int>(std::lround(view.widthPx * m_tuning.margin)));
    const int my = std::max(32, static_cast<int>(std::lround(view.heightPx * m_tuning.margin)));
    Shows s;
    s.view = view;
    s.view.widthPx += 2 * mx;
    s.view.heightPx += 2 * my;
    s.mapW = view.widthPx;
    s.mapH = view.heightPx;
    s.revision = m_revision;
    s.band = m_straight.bandFor(view.metresPerPixel);
    return s;
}

void MapCache::ask(const Shows& shows) {
    m_asked = shows;
    m_askedFrame = m_frame;
    {
        const std::lock_guard lock(m_mutex);
        m_job = shows;
    }
    m_wake.notify_one();
}

double MapCache::covered(const Shows& s, const scene::View& view) const {
    if (s.revision != m_revision || s.mapW != view.widthPx || s.mapH != view.heightPx) return 0;
    const auto [a, b] = cornersIn(s.view, view);
    const double w = std::min(b.x_px, static_cast<double>(s.view.widthPx)) - std::max(a.x_px, 0.0);
    const double h = std::min(b.y_px, static_cast<double>(s.view.heightPx)) - std::max(a.y_px, 0.0);
    return w <= 0 || h <= 0 ? 0 : w * h / ((b.x_px - a.x_px) * (b.y_px - a.y_px));
}

bool MapCache::comfortable(const Shows& s, const scene::View& view) const {
    if (s.revision != m_revision || s.mapW != view.widthPx || s.mapH != view.heightPx) return false;
    if (s.band != m_straight.bandFor(view.metresPerPixel)) return false;
    const double scale = s.view.metresPerPixel / view.metresPerPixel;
    if (scale > m_tuning.maxDrift || scale < 1 / m_tuning.maxDrift) return false;
    // A quarter of the margin left on every side: time for a fresh image before the view runs off this one.
    const auto [a, b] = cornersIn(s.view, view);
    const double qx = (s.view.widthPx - s.mapW) / 8.0, qy = (s.view.heightPx - s.mapH) / 8.0;
    return a.x_px >= qx && a.y_px >= qy && b.x_px <= s.view.widthPx - qx && b.y_px <= s.view.heightPx - qy;
}

bool MapCache::exactly(const Shows& s, const scene::View& view) const {
    scene::View shown = s.view;
    shown.widthPx = s.mapW;
    shown.heightPx = s.mapH;
    return s.revision == m_revision && sameView(shown, view);
}

void MapCache::put(sf::RenderTarget& target, Image& image, const scene::View& view) {
    const Shows& s = image.shows;
    const double scale = s.view.metresPerPixel / view.metresPerPixel;
    const scene::ScreenPx at = view.toScreen(s.view.centre);
    // At the image's own scale, texel for pixel (sharp, and exact where the offset is whole pixels); scaled,
    // filtered, which looks better than the nearest texel for the moment it is shown.
    image.texture.setSmooth(scale != 1.0);
    sf::Sprite sprite(image.texture.getTexture());
    sprite.setOrigin(static_cast<float>(s.view.widthPx) * 0.5f, static_cast<float>(s.view.heightPx) * 0.5f);
    sprite.setPosition(static_cast<float>(at.x_px), static_cast<float>(at.y_px));
    sprite.setScale(static_cast<float>(scale), static_cast<float>(scale));
    target.draw(sprite, sf::RenderStates(sf::BlendNone));  // the image is opaque: a copy, no blending to pay for
}

void MapCache::draw(sf::RenderTarget& target, const scene::View& view) {
    bool failed = false, arrived = false;
    {
        const std::lock_guard lock(m_mutex);
        if (m_done) {
            arrived = true;  // a fresh image: shown from now on, and the old one is the thread's to draw into
            std::swap(m_front, m_back);
            m_done = false;
            ++m_counts.imagesDrawn;
        }
        failed = m_failed;
    }
    m_wake.notify_one();  // a job asked meanwhile waits for the swap
    if (!m_enabled || failed) {
        m_pending = false;
        m_straight.drawMap(target, view);
        ++m_counts.straight;
        return;
    }
    const scene::View previous = m_last;
    m_still = sameView(view, m_last) ? m_still + 1 : 0;
    m_last = view;
    ++m_frame;
    if (arrived) m_latencyFrames = std::clamp(m_frame - m_askedFrame, 1, 12);
    if (m_front->shows.revision >= 0 && exactly(m_front->shows, view)) {
        put(target, *m_front, view);
        ++m_counts.fromImage;
        m_pending = false;
        return;
    }
    m_pending = true;
    if (m_still >= m_tuning.stillFrames) {
        // Standing still: the image at exactly this view.
        if (!(m_asked && exactly(*m_asked, view))) ask(wanted(view));
    } else if (!comfortable(m_front->shows, view) && !(m_asked && comfortable(*m_asked, view))) {
        // Where the view will be when the image arrives, if it goes on moving as it did since the last frame.
        scene::View ahead = view;
        if (previous.widthPx == view.widthPx && previous.heightPx == view.heightPx && previous.metresPerPixel > 0) {
            const double n = m_latencyFrames, zoom = view.metresPerPixel / previous.metresPerPixel;
            ahead.centre = {view.centre.x_m + n * (view.centre.x_m - previous.centre.x_m), view.centre.y_m + n * (view.centre.y_m - previous.centre.y_m)};
            ahead.metresPerPixel = view.metresPerPixel * std::pow(zoom, n);
            if (!comfortable(wanted(ahead), view)) ahead = view;  // too far ahead to serve now
        }
        ask(wanted(ahead));
    }
    // Most of the view in the image: shown, the rest of the view in the background colour until a fresh image
    // arrives (a moment at the edge while moving fast, where a whole redraw would stall the frame).
    if (covered(m_front->shows, view) >= m_tuning.minCovered) {
        put(target, *m_front, view);
        ++m_counts.fromImage;
    } else {
        m_straight.drawMap(target, view);
        ++m_counts.straight;
    }
}

}  // namespace bordermap::render
