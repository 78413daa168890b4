#include "bordermap/render/map_renderer.hpp"

#include "marker_batch.hpp"
#include "shader_loading.hpp"
#include "text_atlas.hpp"

#include <bordermap/core/error.hpp>

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/ConvexShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/System/Err.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <span>
#include <sstream>

namespace bordermap::render {

namespace detail {

std::string shaderText(std::span<const unsigned char> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

void loadShader(sf::Shader& shader, const std::string& vertex, const std::string& fragment, const char* name) {
    // SFML writes compile logs to sf::err(); catch them for the error message.
    std::ostringstream log;
    std::streambuf* previous = sf::err().rdbuf(log.rdbuf());
    const bool ok = shader.loadFromMemory(vertex, fragment);
    sf::err().rdbuf(previous);
    if (!ok) throw OperationError({}, std::string("the ") + name + " shader does not compile: " + log.str());
}

}  // namespace detail

namespace {

using detail::loadShader;
using scene::MapLine;

// A vertex as map.vert reads it: the miter vector (-3..3 half widths) in red and green, the edge in blue, the
// distance along the line in metres in the first texture coordinate.
sf::Vertex vertexAt(MapXY p, MapXY origin, float ex = 0, float ey = 0, bool left = false, double along_m = 0) {
    const auto encode = [](float v) {
        return static_cast<sf::Uint8>(std::clamp(std::lround(v / 3.0f * 127.0f + 128.0f), 1L, 255L));
    };
    return sf::Vertex(sf::Vector2f(static_cast<float>(p.x_m - origin.x_m), static_cast<float>(p.y_m - origin.y_m)),
                      sf::Color(encode(ex), encode(ey), left ? 255 : 0, 255), sf::Vector2f(static_cast<float>(along_m), 0.0f));
}

// Two triangles per segment, the vertices pushed out along miter vectors (in units of the half width), so that
// consecutive segments join without gaps. Sharp turns are limited to a miter of three half widths.
void appendLine(std::vector<sf::Vertex>& out, const MapLine& line, MapXY origin) {
    std::vector<MapXY> pts;
    for (const MapXY& p : line)
        if (pts.empty() || std::hypot(p.x_m - pts.back().x_m, p.y_m - pts.back().y_m) > 1e-6) pts.push_back(p);
    if (pts.size() < 2) return;
    const bool closed = pts.size() > 2 && std::hypot(pts.front().x_m - pts.back().x_m, pts.front().y_m - pts.back().y_m) < 1e-6;
    const auto normal = [&](std::size_t a, std::size_t b) {
        const double dx = pts[b].x_m - pts[a].x_m, dy = pts[b].y_m - pts[a].y_m;
        const double len = std::hypot(dx, dy);
        return std::pair<double, double>{-dy / len, dx / len};
    };
    std::vector<std::pair<float, float>> miter(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const bool first = i == 0, last = i + 1 == pts.size();
        std::pair<double, double> n0, n1;
        if (first && !closed) n0 = n1 = normal(0, 1);
        else if (last && !closed) n0 = n1 = normal(i - 1, i);
        else {
            const std::size_t prev = first ? pts.size() - 2 : i - 1;
            const std::size_t next = last ? 1 : i + 1;
            n0 = normal(prev, first ? pts.size() - 1 : i);
            n1 = normal(last ? 0 : i, next);
        }
        double mx = n0.first + n1.first, my = n0.second + n1.second;
        const double ml = std::hypot(mx, my);
        if (ml < 1e-9) {
            mx = n1.first;
            my = n1.second;
        } else {
            mx /= ml;
            my /= ml;
        }
        const double scale = std::min(3.0, 1.0 / std::max(1e-3, mx * n1.first + my * n1.second));
        miter[i] = {static_cast<float>(mx * scale), static_cast<float>(my * scale)};
    }
    double along = 0;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const double next = along + std::hypot(pts[i + 1].x_m - pts[i].x_m, pts[i + 1].y_m - pts[i].y_m);
        const sf::Vertex l0 = vertexAt(pts[i], origin, miter[i].first, miter[i].second, true, along);
        const sf::Vertex r0 = vertexAt(pts[i], origin, -miter[i].first, -miter[i].second, false, along);
        const sf::Vertex l1 = vertexAt(pts[i + 1], origin, miter[i + 1].first, miter[i + 1].second, true, next);
        const sf::Vertex r1 = vertexAt(pts[i + 1], origin, -miter[i + 1].first, -miter[i + 1].second, false, next);
        out.insert(out.end(), {l0, r0, l1, r0, r1, l1});
        along = next;
    }
}

// A ring as a fan of triangles from its first vertex: drawn into the stencil buffer with GL_INVERT, every pixel
// inside the polygon (by the even-odd rule, holes and all) is covered an odd number of times.
void appendFan(std::vector<sf::Vertex>& out, const MapLine& ring, MapXY origin) {
    if (ring.size() < 3) return;
    for (std::size_t i = 1; i + 1 < ring.size(); ++i)
        out.insert(out.end(), {vertexAt(ring[0], origin), vertexAt(ring[i], origin), vertexAt(ring[i + 1], origin)});
}

void upload(sf::VertexBuffer& buffer, const std::vector<sf::Vertex>& vertices) {
    buffer.create(vertices.size());
    if (!vertices.empty()) buffer.update(vertices.data());
}

}  // namespace

sf::Color toSf(scene::Colour c, double opacity) {
    return sf::Color(c.r, c.g, c.b, static_cast<sf::Uint8>(std::clamp(c.a * opacity, 0.0, 255.0)));
}

std::string findDejaVuSans(bool bold) {
    const char* name = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
    for (const char* dir : {"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"}) {
        const std::filesystem::path path = std::filesystem::path(dir) / name;
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) return path.string();
    }
    return {};
}

MapRenderer::MapRenderer(MarkerDraw markerDraw) {
    if (!sf::Shader::isAvailable()) throw OperationError({}, "this OpenGL has no shader support");
    const std::string mapVert = detail::shaderText(embedded::map_vert());
    loadShader(m_lineShader, mapVert, detail::shaderText(embedded::line_frag()), "line");
    loadShader(m_stencilShader, mapVert, detail::shaderText(embedded::stencil_frag()), "fill");
    m_markers = std::make_unique<MarkerBatch>(markerDraw);
    m_text = std::make_unique<TextAtlas>();
}

MapRenderer::~MapRenderer() = default;

MarkerDraw MapRenderer::markerDraw() const { return m_markers->mode(); }
const std::string& MapRenderer::markerFallbackReason() const { return m_markers->fallbackReason(); }
int MapRenderer::markerDrawCalls() const { return m_markers->drawCalls(); }

void MapRenderer::setStaticScenes(const std::vector<std::pair<double, scene::StaticScene>>& bands) {
    m_bands.clear();
    m_uploadedVertices = 0;
    if (bands.empty()) return;
    const scene::StaticScene& first = bands.front().second;
    m_origin = first.extent.empty() ? MapXY{}
                                    : MapXY{(first.extent.min.x_m + first.extent.max.x_m) / 2, (first.extent.min.y_m + first.extent.max.y_m) / 2};
    m_background = toSf(first.background);
    std::vector<sf::Vertex> vertices;
    for (const auto& [fromMpp, s] : bands) {
        Band& band = m_bands.emplace_back();
        band.fromMpp = fromMpp;
        for (const scene::FillBatch& f : s.fills) {
            vertices.clear();
            Batch& batch = band.fills.emplace_back();
            for (const MapLine& ring : f.rings) {
                appendFan(vertices, ring, m_origin);
                for (const MapXY& p : ring) batch.extent.add(p);
            }
            batch.colour = toSf(f.colour);
            upload(batch.buffer, vertices);
            m_uploadedVertices += vertices.size();
        }
        for (const scene::StrokeBatch& st : s.strokes) {
            Batch& batch = band.strokes.emplace_back();
            batch.colour = toSf(st.colour);
            batch.halfWidth_px = static_cast<float>(st.width_px / 2);
            batch.dash_px = st.dash_px;
            vertices.clear();
            for (const MapLine& line : st.lines) appendLine(vertices, line, m_origin);
            upload(batch.buffer, vertices);
            m_uploadedVertices += vertices.size();
        }
    }
}

void MapRenderer::drawBatch(sf::RenderTarget& target, Batch& batch, const scene::View& view, bool fill) {
    if (batch.buffer.getVertexCount() == 0) return;
    sf::Shader& shader = fill ? m_stencilShader : m_lineShader;
    shader.setUniform("u_centre", sf::Glsl::Vec2(static_cast<float>(view.centre.x_m - m_origin.x_m),
                                                 static_cast<float>(view.centre.y_m - m_origin.y_m)));
    shader.setUniform("u_mpp", static_cast<float>(view.metresPerPixel));
    shader.setUniform("u_screen", sf::Glsl::Vec2(static_cast<float>(view.widthPx), static_cast<float>(view.heightPx)));
    shader.setUniform("u_halfWidth", fill ? 0.0f : batch.halfWidth_px);
    if (!fill) {
        shader.setUniform("u_colour", sf::Glsl::Vec4(batch.colour));
        const auto dash = [&](std::size_t i) { return i < batch.dash_px.size() && batch.dash_px.size() >= 2 ? static_cast<float>(batch.dash_px[i]) : 0.0f; };
        shader.setUniform("u_dash", sf::Glsl::Vec4(dash(0), dash(1), dash(2), dash(3)));
    }
    sf::RenderStates states;
    states.shader = &shader;
    states.blendMode = sf::BlendAlpha;
    target.draw(batch.buffer, states);
}

int MapRenderer::bandFor(double metresPerPixel) const {
    int band = 0;
    for (std::size_t i = 0; i < m_bands.size(); ++i)
        if (metresPerPixel >= m_bands[i].fromMpp) band = static_cast<int>(i);
    return band;
}

void MapRenderer::drawMap(sf::RenderTarget& target, const scene::View& view) {
    // The target's view must be in pixels of the map area (the caller's); the cover rectangles are in it.
    sf::RectangleShape background(sf::Vector2f(static_cast<float>(view.widthPx), static_cast<float>(view.heightPx)));
    background.setFillColor(m_background);
    target.draw(background);
    if (m_bands.empty()) return;
    Band* band = &m_bands[static_cast<std::size_t>(bandFor(view.metresPerPixel))];

    // Fills: the even-odd rule through the stencil buffer, one fan and one cover per colour; the cover only over
    // the fill's own extent on the screen, which is what a software rasterizer pays for.
    glStencilMask(0xFF);
    glClearStencil(0);
    glClear(GL_STENCIL_BUFFER_BIT);  // sf::RenderTarget::clear() leaves the stencil buffer alone
    glEnable(GL_STENCIL_TEST);
    for (Batch& fill : band->fills) {
        if (fill.extent.empty()) continue;
        const scene::ScreenPx a = view.toScreen(fill.extent.min), b = view.toScreen(fill.extent.max);
        const float x0 = static_cast<float>(std::clamp(std::min(a.x_px, b.x_px), 0.0, static_cast<double>(view.widthPx)));
        const float x1 = static_cast<float>(std::clamp(std::max(a.x_px, b.x_px), 0.0, static_cast<double>(view.widthPx)));
        const float y0 = static_cast<float>(std::clamp(std::min(a.y_px, b.y_px), 0.0, static_cast<double>(view.heightPx)));
        const float y1 = static_cast<float>(std::clamp(std::max(a.y_px, b.y_px), 0.0, static_cast<double>(view.heightPx)));
        if (x1 - x0 < 1 || y1 - y0 < 1) continue;
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        glStencilFunc(GL_ALWAYS, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
        drawBatch(target, fill, view, true);
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
        glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);  // covering clears the stencil for the next colour
        sf::RectangleShape cover(sf::Vector2f(x1 - x0 + 2, y1 - y0 + 2));
        cover.setPosition(x0 - 1, y0 - 1);
        cover.setFillColor(fill.colour);
        target.draw(cover);
    }
    glDisable(GL_STENCIL_TEST);
    for (Batch& stroke : band->strokes) drawBatch(target, stroke, view, false);
}

double MapRenderer::measure(const std::string& s, double size_px) const {
    const std::string key = s + '\x1f' + std::to_string(static_cast<int>(size_px * 4));
    if (const auto it = m_widthCache.find(key); it != m_widthCache.end()) return it->second;
    const double width = text::width(s, size_px);
    m_widthCache.emplace(key, width);
    return width;
}

scene::TextMeasure MapRenderer::measurer() const {
    return [this](const std::string& s, double size_px) { return measure(s, size_px); };
}

}  // namespace bordermap::render
