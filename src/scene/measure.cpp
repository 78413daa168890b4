// The distance tool's path as scene data: geodesic legs densified in the map CRS, their lengths and bearings, and
// their labels placed for the view, so that the window and every export draw the same path.

#include "bordermap/scene/scene.hpp"

#include <bordermap/core/text.hpp>
#include <bordermap/geo/geodesy.hpp>

#include <array>
#include <cmath>

namespace bordermap::scene {

namespace {

// As the label placer measures a bold label (labels.cpp): the backends set bold type wider than the measure.
constexpr double kBoldWidening = 1.075, kBoldExtra_em = 0.05, kLineHeight_em = 1.25;

struct Vec {
    double x = 0, y = 0;
};

// The point halfway along a screen polyline and the unit direction there; {p, {1, 0}} for a line of no length.
std::pair<ScreenPx, Vec> halfway(const std::vector<ScreenPx>& line) {
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x_px - line[i - 1].x_px, line[i].y_px - line[i - 1].y_px);
    double left = total / 2;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double dx = line[i].x_px - line[i - 1].x_px, dy = line[i].y_px - line[i - 1].y_px, d = std::hypot(dx, dy);
        if (d <= 0) continue;
        if (d >= left || i + 1 == line.size()) {
            const double t = std::min(1.0, left / d);
            return {{line[i - 1].x_px + t * dx, line[i - 1].y_px + t * dy}, {dx / d, dy / d}};
        }
        left -= d;
    }
    return {line.empty() ? ScreenPx{} : line.front(), {1, 0}};
}

// The unit direction at the end of a screen polyline (its last segment of some length).
Vec endDirection(const std::vector<ScreenPx>& line) {
    for (std::size_t i = line.size(); i-- > 1;) {
        const double dx = line[i].x_px - line[i - 1].x_px, dy = line[i].y_px - line[i - 1].y_px, d = std::hypot(dx, dy);
        if (d > 0.5) return {dx / d, dy / d};
    }
    return {1, 0};
}

}  // namespace

std::string distanceText(double metres) {
    if (metres < 1000) return formatNumber(std::round(metres), 0) + " m";
    const double km = metres / 1000;
    return formatNumber(km, km < 100 ? 1 : 0) + " km";
}

std::string bearingText(double bearing_deg) {
    static constexpr std::array<const char*, 16> kPoints{"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                                         "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
    const long degrees = std::lround(bearing_deg) % 360;
    const auto point = static_cast<std::size_t>(std::lround(bearing_deg / 22.5)) % kPoints.size();
    return std::to_string(degrees) + "\u00b0 " + kPoints[point];
}

MeasurePath measurePath(const ProjectedMap& map, std::span<const LonLat> points, const View& view, const Style& style,
                        const TextMeasure& measure) {
    const double k = style.scale;
    MeasurePath path;
    path.vertex_px = 5.0 * k;
    path.line_px = 2.0 * k;
    path.ink = style.text;
    path.halo = style.textHalo;
    std::vector<LonLat> kept;
    for (const LonLat& p : points) {
        const MapXY xy = map.projection.forward(p);
        if (!std::isfinite(xy.x_m) || !std::isfinite(xy.y_m)) continue;
        kept.push_back(p);
        path.vertices.push_back(xy);
    }
    std::vector<std::vector<ScreenPx>> onScreen;  // each leg's line in screen pixels
    for (std::size_t i = 1; i < kept.size(); ++i) {
        const geo::GeodesicLeg g = geo::geodesicLeg(kept[i - 1], kept[i]);
        MeasureLeg leg{g.length_m, g.initialBearing_deg, {}};
        std::vector<ScreenPx> screen;
        for (const LonLat& p : geo::geodesicPoints(kept[i - 1], kept[i], kMeasureStep_m)) {
            const MapXY xy = map.projection.forward(p);
            if (!std::isfinite(xy.x_m) || !std::isfinite(xy.y_m)) continue;
            leg.line.push_back(xy);
            screen.push_back(view.toScreen(xy));
        }
        path.total_m += leg.length_m;
        path.legs.push_back(std::move(leg));
        onScreen.push_back(std::move(screen));
    }

    // Each label beside its place, on the first side where it lies on the screen and covers no vertex mark and no
    // label placed before it; where none does, on the first side, moved onto the screen where it can be.
    const double size_px = 12.0 * k, gap_px = 3.0 * k + path.line_px / 2 + 2.5 * k;
    std::vector<ScreenBox> marks;
    for (const MapXY& v : path.vertices) {
        const ScreenPx p = view.toScreen(v);
        const double r = path.vertex_px + 1.5 * k;
        marks.push_back({p.x_px - r, p.y_px - r, p.x_px + r, p.y_px + r});
    }
    const auto clear = [&](const ScreenBox& box) {
        if (box.x0 < 2 || box.y0 < 2 || box.x1 > view.widthPx - 2 || box.y1 > view.heightPx - 2) return false;
        for (const ScreenBox& m : marks)
            if (m.overlaps(box)) return false;
        for (const Label& l : path.labels)
            if (l.box.overlaps(box)) return false;
        return true;
    };
    // The label's box centred `reach` (plus half its extent that way) out from `at` along each of `ways`, in order.
    const auto place = [&](std::string text, ScreenPx at, std::initializer_list<Vec> ways, double reach) {
        Label l;
        l.text = std::move(text);
        l.kind = LabelKind::Measure;
        l.size_px = size_px;
        l.colour = style.text;
        l.halo = style.textHalo;
        l.bold = true;
        const double w = measure(l.text, size_px) * kBoldWidening + kBoldExtra_em * size_px, h = size_px * kLineHeight_em;
        bool first = true, placed = false;
        for (const Vec& n : ways) {
            const double d = std::fabs(n.x) * w / 2 + std::fabs(n.y) * h / 2 + reach;
            const ScreenPx c{at.x_px + n.x * d, at.y_px + n.y * d};
            const ScreenBox box{c.x_px - w / 2, c.y_px - h / 2, c.x_px + w / 2, c.y_px + h / 2};
            placed = clear(box);
            if (first || placed) l.box = box;
            if (placed) break;
            first = false;
        }
        if (!placed) {
            // Kept whole on the screen where the screen is larger than it (a vertex near an edge).
            const double x0 = std::clamp(l.box.x0, 2.0, std::max(2.0, view.widthPx - 2 - w));
            const double y0 = std::clamp(l.box.y0, 2.0, std::max(2.0, view.heightPx - 2 - h));
            l.box = {x0, y0, x0 + w, y0 + h};
        }
        l.anchor = {l.box.x0, l.box.y0};
        path.labels.push_back(std::move(l));
    };
    for (std::size_t i = 0; i < path.legs.size(); ++i) {
        if (onScreen[i].size() < 2) continue;
        const auto [mid, along] = halfway(onScreen[i]);
        Vec up{along.y, -along.x};  // a normal; the one pointing up the screen first
        if (up.y > 0) up = {-up.x, -up.y};
        place(distanceText(path.legs[i].length_m) + " \u00b7 " + bearingText(path.legs[i].bearing_deg), mid,
              {up, Vec{-up.x, -up.y}}, gap_px);
    }
    if (path.legs.size() >= 2 && !onScreen.back().empty()) {
        const Vec on = endDirection(onScreen.back());
        const ScreenPx last = onScreen.back().back();
        const Vec up = on.x > 0 ? Vec{on.y, -on.x} : Vec{-on.y, on.x};  // the perpendicular pointing up the screen
        place("Total " + distanceText(path.total_m), last, {on, up, Vec{-up.x, -up.y}, Vec{-on.x, -on.y}},
              path.vertex_px + 3.0 * k);
    }
    return path;
}

}  // namespace bordermap::scene
