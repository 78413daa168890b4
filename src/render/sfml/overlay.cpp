#include "bordermap/render/map_renderer.hpp"

#include "marker_batch.hpp"
#include "text_atlas.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/ConvexShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>

#include <algorithm>
#include <cmath>

namespace bordermap::render {

namespace {

using scene::MarkerShape;

text::TextStyle styleOf(double size_px, bool bold = false) {
    text::TextStyle style;
    style.size_px = size_px;
    style.bold = bold;
    return style;
}

// `s` with the top of its capitals at (x, capTop).
void capitalText(sf::RenderTarget& target, TextAtlas& atlas, const std::string& s, double size_px, sf::Color fill, sf::Color halo,
                 float haloWidth, float x, float capTop) {
    // Noto Sans's capitals are 0.714 em tall: their top lies that far above the baseline.
    atlas.addAtBaseline(target, s, styleOf(size_px), fill, halo, haloWidth, {x, capTop + static_cast<float>(0.714 * size_px)});
}

// `s` in white, bold, its box centred on `at`: a crossing's "?", a cluster's count.
void centredText(sf::RenderTarget& target, TextAtlas& atlas, const std::string& s, double size_px, sf::Vector2f at) {
    atlas.addCentred(target, s, styleOf(size_px, true), sf::Color::White, sf::Color::Transparent, 0, at);
}

void drawCrossing(sf::RenderTarget& target, const scene::CrossingIcon& icon, sf::Vector2f at, float k, TextAtlas& atlas) {
    const float half = static_cast<float>(icon.size_px);
    sf::RectangleShape box(sf::Vector2f(2 * half, 2 * half));
    box.setOrigin(half, half);
    box.setPosition(at);
    const bool notYet = icon.status == timeline::CrossingStatus::NotYetOpen;
    box.setFillColor(notYet ? sf::Color(255, 255, 255, 220) : toSf(icon.colour));
    box.setOutlineColor(notYet ? toSf(icon.colour) : sf::Color::White);
    box.setOutlineThickness(1.5f * k);
    target.draw(box);
    if (icon.status == timeline::CrossingStatus::Closed) {
        for (float angle : {45.f, -45.f}) {
            sf::RectangleShape bar(sf::Vector2f(2.2f * half, 2.2f * k));
            bar.setOrigin(1.1f * half, 1.1f * k);
            bar.setPosition(at);
            bar.setRotation(angle);
            bar.setFillColor(sf::Color::White);
            target.draw(bar);
        }
    } else if (icon.status == timeline::CrossingStatus::Open) {
        sf::RectangleShape bar(sf::Vector2f(1.3f * half, 2.2f * k));  // a gate's open bar
        bar.setOrigin(0.65f * half, 1.1f * k);
        bar.setPosition(at);
        bar.setFillColor(sf::Color::White);
        target.draw(bar);
    } else if (icon.status == timeline::CrossingStatus::Unknown) {
        centredText(target, atlas, "?", 1.7 * icon.size_px, at);
        atlas.flush(target);
    }
}

}  // namespace

void MapRenderer::addClusterDisc(const scene::Cluster& c, sf::Vector2f at, float k) {
    m_markers->add(MarkerShape::Circle, at, static_cast<float>(c.radius_px), toSf(c.colour, 0.88), sf::Color(255, 255, 255, 242),
                   2.0f * k);
}

void MapRenderer::drawClusterCount(sf::RenderTarget& target, const scene::Cluster& c, sf::Vector2f at, float k) {
    const std::string count = scene::clusterCountText(c.count);
    centredText(target, *m_text, count, std::max(8.0 * k, c.radius_px * (count.size() > 3 ? 0.62 : 0.8)), at);
}

void MapRenderer::drawOverlay(sf::RenderTarget& target, const scene::View& view, const scene::DynamicScene& d,
                              const scene::Style& style, const LegendView& legend, bool mainMap) {
    const float k = static_cast<float>(style.scale);
    const auto screen = [&](MapXY p) {
        const scene::ScreenPx s = view.toScreen(p);
        return sf::Vector2f(static_cast<float>(s.x_px), static_cast<float>(s.y_px));
    };
    const auto toSfPx = [](scene::ScreenPx s) { return sf::Vector2f(static_cast<float>(s.x_px), static_cast<float>(s.y_px)); };

    // The user's overlay points and the uncertainty halos; then the crossings and the labels; then, above them all,
    // what happened: the markers, oldest first, and the highlighted one's ring (each group one batch, one draw call
    // where instancing works). No icon or label hides an event.
    m_markers->resetDrawCalls();
    for (const scene::OverlayPoint& p : d.overlayPoints)
        m_markers->add(MarkerShape::Circle, screen(p.at), static_cast<float>(p.radius_px), toSf(p.colour), sf::Color::White, 1.0f * k);
    for (const scene::Marker& m : d.markers) {
        if (m.halo_px <= 0) continue;
        m_markers->add(MarkerShape::Circle, screen(m.at), static_cast<float>(m.halo_px), toSf(m.colour, 0.10 * m.opacity),
                       toSf(m.colour, 0.55 * m.opacity), 1.2f * k);
    }
    m_markers->flush(target);
    for (const scene::CrossingIcon& icon : d.crossings) drawCrossing(target, icon, screen(icon.at), k, *m_text);

    // Labels as the exports draw them: the baseline 0.95 em below the box the placer gave.
    for (const scene::Label& label : d.labels)  // a city's dot: dark, with a white ring
        if (label.dot_px > 0)
            m_markers->add(MarkerShape::Circle, {static_cast<float>(label.dot.x_px), static_cast<float>(label.dot.y_px)},
                           static_cast<float>(label.dot_px), toSf(label.colour), sf::Color(255, 255, 255, 230), 1.2f * k);
    m_markers->flush(target);
    for (const scene::Label& label : d.labels) {
        text::TextStyle type = styleOf(label.size_px, label.bold);
        type.italic = label.italic;
        type.letterSpacing_em = label.letterSpacing_em;
        m_text->addAtBaseline(target, label.text, type, toSf(label.colour), toSf(label.halo), 2.2f * k,
                              {static_cast<float>(label.anchor.x_px), static_cast<float>(label.anchor.y_px + label.size_px * 0.95)});
    }
    m_text->flush(target);

    // A marker moved off a crossing's icon: a leader line back to its place, ending in a dot.
    sf::VertexArray leaders(sf::Triangles);
    for (const scene::Marker& m : d.markers) {
        if (!scene::hasLeader(m)) continue;
        const sf::Vector2f from = screen(m.at), to = toSfPx(scene::drawnAt(m, view));
        const sf::Vector2f along = to - from;
        const float length = std::hypot(along.x, along.y);
        if (length <= 0) continue;
        const sf::Vector2f across = sf::Vector2f(-along.y, along.x) * (0.5f * k / length);
        const sf::Color ink = toSf(style.text, m.opacity);
        for (const sf::Vector2f& v : {from - across, from + across, to + across, from - across, to + across, to - across})
            leaders.append(sf::Vertex(v, ink));
        m_markers->add(MarkerShape::Circle, from, 1.8f * k, ink, sf::Color::White, 0.8f * k);
    }
    target.draw(leaders);
    for (const scene::Marker& m : d.markers) {
        const sf::Color fill = m.hollow ? sf::Color(255, 255, 255, static_cast<sf::Uint8>(200 * m.opacity)) : toSf(m.colour, 0.9 * m.opacity);
        sf::Color outline = m.hollow ? toSf(m.colour, m.opacity) : sf::Color(255, 255, 255, static_cast<sf::Uint8>(230 * m.opacity));
        if (m.fromUser) outline = toSf(style.overlay, m.opacity);  // the user's own events: outlined in the layer colour
        m_markers->add(m.shape, toSfPx(scene::drawnAt(m, view)), static_cast<float>(m.radius_px), fill, outline,
                       (m.hollow || m.fromUser ? 2.5f : 1.3f) * k);
    }
    // The highlighted event's ring: dark on a white band, clear of the marker (transparent fill: a ring).
    for (const scene::Marker& m : d.markers) {
        if (!m.highlighted) continue;
        const float r = static_cast<float>(m.radius_px) * 1.3f + 5 * k;
        m_markers->add(MarkerShape::Circle, toSfPx(scene::drawnAt(m, view)), r + 1.25f * k, sf::Color::Transparent, sf::Color(255, 255, 255, 230), 5 * k);
        m_markers->add(MarkerShape::Circle, toSfPx(scene::drawnAt(m, view)), r, sf::Color::Transparent, toSf(style.text), 2.5f * k);
    }
    for (const scene::CrossingIcon& icon : d.crossings) {  // a highlighted closure rings its crossing
        if (!icon.highlighted) continue;
        const auto r = static_cast<float>(icon.ringRadius_px(k));
        m_markers->add(MarkerShape::Circle, screen(icon.at), r + 1.25f * k, sf::Color::Transparent, sf::Color(255, 255, 255, 230), 5 * k);
        m_markers->add(MarkerShape::Circle, screen(icon.at), r, sf::Color::Transparent, toSf(style.text), 2.5f * k);
    }
    m_markers->flush(target);
    // Clusters above crossings and labels: every disc in one batch, then every count on top.
    for (const scene::Cluster& c : d.clusters) addClusterDisc(c, screen(c.at), k);
    m_markers->flush(target);
    for (const scene::Cluster& c : d.clusters) drawClusterCount(target, c, screen(c.at), k);
    m_text->flush(target);

    // The distance tool's path above everything on the map (the main map's only): each leg a dark line on a light
    // band, a mark at each vertex, the lengths and bearings in bold type on a halo.
    const scene::MeasurePath& path = d.decorations.measure;
    if (mainMap && !path.empty()) {
        const auto band = [&](float width, sf::Color colour) {
            sf::VertexArray strip(sf::Triangles);
            for (const scene::MeasureLeg& leg : path.legs)
                for (std::size_t i = 1; i < leg.line.size(); ++i) {
                    const sf::Vector2f a = screen(leg.line[i - 1]), b = screen(leg.line[i]);
                    const sf::Vector2f along = b - a;
                    const float length = std::hypot(along.x, along.y);
                    if (!(length > 0)) continue;
                    // Each piece reaches half a width past its ends, so that the joints between pieces have no notch.
                    const sf::Vector2f ahead = along * (width / 2 / length), across(-ahead.y, ahead.x);
                    const sf::Vector2f from = a - ahead, to = b + ahead;
                    for (const sf::Vector2f& v : {from - across, from + across, to + across, from - across, to + across, to - across})
                        strip.append(sf::Vertex(v, colour));
                }
            target.draw(strip);
        };
        band(static_cast<float>(path.line_px) + 5 * k, toSf(path.halo));
        band(static_cast<float>(path.line_px), toSf(path.ink));
        for (const MapXY& v : path.vertices)
            m_markers->add(MarkerShape::Circle, screen(v), static_cast<float>(path.vertex_px), toSf(path.ink), toSf(path.halo), 2.0f * k);
        m_markers->flush(target);
        for (const scene::Label& label : path.labels)
            m_text->addAtBaseline(target, label.text, styleOf(label.size_px, label.bold), toSf(label.colour), toSf(label.halo), 3.0f * k,
                                  {static_cast<float>(label.anchor.x_px), static_cast<float>(label.anchor.y_px + label.size_px * 0.95)});
        m_text->flush(target);
    }

    // The date, large, top left, the mode and the filter under it, on a panel of the paper's colour that the labels
    // keep clear of (scene::dateBlockLayout): the block reads as a card over the map, never through a name.
    const sf::Color ink = toSf(style.text);
    const sf::Color paper = toSf(style.textHalo);
    if (mainMap && d.decorations.dateBlock) {
        const scene::DateBlockLayout& block = *d.decorations.dateBlock;
        sf::RectangleShape panel(sf::Vector2f(static_cast<float>(block.panel.x1 - block.panel.x0), static_cast<float>(block.panel.y1 - block.panel.y0)));
        panel.setPosition(static_cast<float>(block.panel.x0), static_cast<float>(block.panel.y0));
        panel.setFillColor(sf::Color(paper.r, paper.g, paper.b, 205));
        target.draw(panel);
        for (const scene::DateBlockLine& line : block.lines)
            capitalText(target, *m_text, line.text, line.size_px, ink, paper, static_cast<float>(line.size_px > 20 * k ? 3.5 * k : 2.5 * k),
                        static_cast<float>(line.x_px), static_cast<float>(line.capTop_px));
    }

    // Scale bar, at the bottom corner where it covers less (scene::scaleBarOrigin), in alternating black and white halves.
    const scene::ScaleBar& bar = d.decorations.scale;
    if (bar.length_px > 0) {
        const scene::ScreenPx origin = scene::scaleBarOrigin(view, k, d.decorations.scaleCorner, bar.length_px);
        const float x0 = static_cast<float>(origin.x_px), yb = static_cast<float>(origin.y_px), h = 7 * k;
        const float half = static_cast<float>(bar.length_px) / 2;
        sf::RectangleShape back(sf::Vector2f(static_cast<float>(bar.length_px) + 4 * k, h + 4 * k));
        back.setPosition(x0 - 2 * k, yb - 2 * k);
        back.setFillColor(paper);
        target.draw(back);
        for (int i = 0; i < 2; ++i) {
            sf::RectangleShape r(sf::Vector2f(half, h));
            r.setPosition(x0 + static_cast<float>(i) * half, yb);
            r.setFillColor(i == 0 ? ink : sf::Color::White);
            r.setOutlineColor(ink);
            r.setOutlineThickness(1);
            target.draw(r);
        }
        capitalText(target, *m_text, bar.text, 14 * k, ink, paper, 2.5f * k, x0, yb - 22 * k);
    }

    // North arrow above the scale bar, turned to true north at the view's centre.
    if (mainMap) {
        const scene::ScreenPx arrowAt = scene::northArrowAt(view, k, d.decorations.scaleCorner);
        const sf::Vector2f at(static_cast<float>(arrowAt.x_px), static_cast<float>(arrowAt.y_px));
        sf::ConvexShape arrow(4);
        arrow.setPoint(0, {0, -26 * k});
        arrow.setPoint(1, {11 * k, 14 * k});
        arrow.setPoint(2, {0, 6 * k});
        arrow.setPoint(3, {-11 * k, 14 * k});
        arrow.setPosition(at);
        arrow.setRotation(static_cast<float>(d.decorations.northAngle_rad * 180.0 / M_PI));
        arrow.setFillColor(ink);
        arrow.setOutlineColor(paper);
        arrow.setOutlineThickness(2 * k);
        target.draw(arrow);
        const double a = d.decorations.northAngle_rad;
        capitalText(target, *m_text, "N", 16 * k, ink, paper, 2.5f * k, at.x + static_cast<float>(std::sin(a) * 42 * k) - 6 * k,
                    at.y - static_cast<float>(std::cos(a) * 42 * k) - 8 * k);
    }
    m_text->flush(target);

    m_legendDrawn = {};
    if (legend.visible) drawLegend(target, view, d, style, legend);
}

void MapRenderer::drawLegend(sf::RenderTarget& target, const scene::View& view, const scene::DynamicScene& d, const scene::Style& style,
                             const LegendView& legend) {
    // At most two fifths of the map's width (texts wrap to it) and three fifths of its height: on a small map the
    // credits go first, then the Durand Line's note (the exports carry both, the side panel the note), then the
    // whole legend is drawn smaller, down to 0.7 of its size (text widths scale linearly: the text engine does not
    // hint them). The size key's discs keep the markers' size.
    const float maxW = 0.4f * static_cast<float>(view.widthPx), maxH = 0.6f * static_cast<float>(view.heightPx);
    const auto layOut = [&](double scale, bool withCredits, bool withNote = true, bool folded = false) {
        scene::LegendOptions options;
        options.k = scale;
        options.maxWidth_px = maxW;
        options.header = true;
        options.collapsed = folded;
        if (withNote) options.note = d.decorations.durandNote;
        if (withCredits) options.credits = d.decorations.dataCredit + " Map: " + d.decorations.crsName + ".";
        return scene::layOutLegend(d.decorations, style, [this](const std::string& t, double z) { return measure(t, z); }, options);
    };
    float k = static_cast<float>(style.scale);
    scene::LegendLayout layout = layOut(k, true);
    const auto tooBig = [&] { return layout.width_px > maxW || layout.height_px > maxH; };
    if (tooBig()) layout = layOut(k, false);
    if (tooBig()) layout = layOut(k, false, false);
    if (tooBig()) {
        k *= std::max(0.7f, static_cast<float>(std::min(maxW / layout.width_px, maxH / layout.height_px)));
        layout = layOut(k, false, false);
    }

    // Where the reader dropped it, or where it covers least of what the map shows (no crossing, label or marker
    // under it, where a place along the edges allows). Folded, its title row stays where the open legend's begins,
    // under the pointer that folded it, so that a click unfolds it again in place.
    // Where even the best place covers some of them, and the reader has not opened it, it is folded, and its title row
    // goes where that covers least.
    scene::ScreenBox place;
    std::size_t covered = 0;
    if (!legend.at) place = scene::legendPlace(d, view, layout.width_px, layout.height_px, 16 * k, k, &covered);
    const bool folded = legend.collapsed || (!legend.at && !legend.opened && covered > 0);
    if (folded) layout = layOut(k, false, false, true);
    if (folded && !legend.collapsed) place = scene::legendPlace(d, view, layout.width_px, layout.height_px, 16 * k, k);
    const auto width = static_cast<float>(layout.width_px), height = static_cast<float>(layout.height_px);
    if (legend.at) place = scene::legendAt(*legend.at, view, width, height, 0);
    else place = {place.x0, place.y0, place.x0 + width, place.y0 + height};
    const sf::Vector2f origin(static_cast<float>(place.x0), static_cast<float>(place.y0));
    m_legendDrawn = {true, place, {place.x0, place.y0, place.x0 + layout.header.x1, place.y0 + layout.header.y1}, folded};
    sf::RectangleShape box(sf::Vector2f(width, height));
    box.setPosition(origin);
    box.setFillColor(sf::Color(255, 255, 255, 232));
    box.setOutlineColor(sf::Color(120, 120, 120));
    box.setOutlineThickness(1);
    target.draw(box);
    // The title row, a band to grab it by.
    sf::RectangleShape band(sf::Vector2f(width, static_cast<float>(layout.header.y1)));
    band.setPosition(origin);
    band.setFillColor(sf::Color(226, 226, 226, 240));
    target.draw(band);
    const auto at = [&](scene::ScreenPx p) { return sf::Vector2f(origin.x + static_cast<float>(p.x_px), origin.y + static_cast<float>(p.y_px)); };

    // The symbols' markers go into one batch, drawn after the rows (nothing else in a row overlaps them), and the
    // sample cluster's count after that, on its disc.
    std::vector<std::pair<scene::Cluster, sf::Vector2f>> sampleClusters;
    for (const scene::LegendMark& mark : layout.marks) {
        const scene::LegendEntry& e = d.decorations.legend[mark.entry];
        const sf::Vector2f centre = at(mark.centre);
        const sf::Color c = toSf(e.colour);
        switch (e.symbol) {
        case scene::LegendSymbol::Line:
        case scene::LegendSymbol::DashedLine: {
            const float w = 26 * k;
            const float t = e.width_px > 0 ? static_cast<float>(e.width_px) : (e.symbol == scene::LegendSymbol::Line ? 3.2f : 2.4f) * k;
            if (e.dash_px.empty()) {
                sf::RectangleShape line(sf::Vector2f(w, t));
                line.setPosition(centre.x - w / 2, centre.y - t / 2);
                line.setFillColor(c);
                target.draw(line);
            } else {
                // The pattern's on and off lengths in turn (dashed: on, off; dash-dot: on, off, on, off).
                float x = 0;
                for (std::size_t i = 0; x < w; i = (i + 1) % e.dash_px.size()) {
                    const auto length = static_cast<float>(e.dash_px[i]);
                    if (i % 2 == 0) {
                        sf::RectangleShape dash(sf::Vector2f(std::min(length, w - x), t));
                        dash.setPosition(centre.x - w / 2 + x, centre.y - t / 2);
                        dash.setFillColor(c);
                        target.draw(dash);
                    }
                    x += std::max(length, 0.5f);
                }
            }
            break;
        }
        case scene::LegendSymbol::Crossing: drawCrossing(target, scene::legendCrossingIcon(e, k), centre, k, *m_text); break;
        case scene::LegendSymbol::Marker: m_markers->add(e.shape, centre, 6.5f * k, c, sf::Color::White, 1.2f * k); break;
        case scene::LegendSymbol::Halo: {
            sf::CircleShape ring(10 * k, 40);
            ring.setOrigin(10 * k, 10 * k);
            ring.setPosition(centre);
            ring.setFillColor(sf::Color(80, 80, 80, 25));
            ring.setOutlineColor(sf::Color(80, 80, 80, 150));
            ring.setOutlineThickness(1.2f * k);
            target.draw(ring);
            m_markers->add(MarkerShape::Circle, centre, 4 * k, sf::Color(80, 80, 80), sf::Color::White, 1 * k);
            break;
        }
        case scene::LegendSymbol::Hollow: m_markers->add(MarkerShape::Circle, centre, 6 * k, sf::Color::White, c, 2.2f * k); break;
        case scene::LegendSymbol::Cluster: {
            scene::Cluster sample;
            sample.count = 12;
            sample.colour = e.colour;
            sample.radius_px = 8.5 * k;
            addClusterDisc(sample, centre, k);
            sampleClusters.emplace_back(sample, centre);
            break;
        }
        case scene::LegendSymbol::CityDot:  // as on the map: dark, with a white ring
            m_markers->add(MarkerShape::Circle, centre, static_cast<float>(e.width_px), c, sf::Color(255, 255, 255, 230), 1.2f * k);
            break;
        case scene::LegendSymbol::Fill:
        case scene::LegendSymbol::NameSample:
        case scene::LegendSymbol::SizeKey: break;
        }
    }
    for (const scene::LegendDisc& disc : layout.discs)  // the size key's discs, in a neutral tone
        m_markers->add(MarkerShape::Circle, at(disc.centre), static_cast<float>(disc.radius_px), sf::Color(128, 128, 128, 115),
                       sf::Color(60, 60, 60), 1.0f * k);
    m_markers->flush(target);
    for (const auto& [sample, centre] : sampleClusters) drawClusterCount(target, sample, centre, k);
    for (const scene::LegendText& t : layout.texts) {
        text::TextStyle type = styleOf(t.type.size_px, t.type.bold);
        type.italic = t.type.italic;
        type.letterSpacing_em = t.type.letterSpacing_em;
        m_text->addAtBaseline(target, t.text, type, toSf(t.colour), sf::Color::Transparent, 0, at({t.x_px, t.baseline_px}));
    }
    m_text->flush(target);
}

}  // namespace bordermap::render
