#include "labels.hpp"

#include <bordermap/core/text.hpp>
#include <bordermap/scene/inset.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <tuple>

namespace bordermap::scene {

namespace {

// The TextMeasure gives the regular face's advance. Bold Noto Sans is wider by a share that varies with the
// letters: over the region's names from 1.05 (Chaman, Angoor Adda) to 1.073 (Badini), measured with the text
// engine, so a bold box is 1.075 times the regular width and a twentieth of an em. Letter spacing adds its space
// between letters (Pango's); an oblique face leans past its advance by at most about a tenth of an em.
constexpr double kBoldWidening = 1.075;
constexpr double kBoldExtra_em = 0.05;
constexpr double kItalicOverhang_em = 0.1;
// A label's box is the text's line: 1.25 em, its baseline 0.95 em below its top (the backends draw it so).
constexpr double kLineHeight_em = 1.25;
// What crossing the Durand Line costs a label (covering anything else costs more: see LabelPlacer::cost).
constexpr double kLineCost = 1;
// What covering another label costs: more than everything else together.
constexpr double kLabelCost = 1000;
// What covering an event's marker costs (markers are drawn above labels, so the name would be hidden in part).
constexpr double kMarkerCost = 100;
// How far from its symbol's edge a point's label may lie, in em of its size: within that it reads as the symbol's.
constexpr double kNear_em = 0.6;
// A marker's core, in its radius: over the middle of a name's letters it hides the name, which costs as much as
// covering another name. The letters' middle: from the x-height (Noto Sans 0.54 em) to the baseline (0.95 em
// below the box's top).
constexpr double kMarkerCore = 0.55;
// How far into a marker a town's name may reach where no near place is clear, in its radius: its pale outer edge.
constexpr double kTownEdge = 0.4;
constexpr double kLettersTop_em = 0.95 - 0.54, kLettersBottom_em = 0.95;

struct Circle {
    ScreenPx centre;
    double r_px = 0;
};

struct Segment {
    ScreenPx a, b;
    double halfWidth_px = 0;
};

bool meets(const ScreenBox& box, const Circle& c) {
    const double dx = std::max({box.x0 - c.centre.x_px, 0.0, c.centre.x_px - box.x1});
    const double dy = std::max({box.y0 - c.centre.y_px, 0.0, c.centre.y_px - box.y1});
    return dx * dx + dy * dy < c.r_px * c.r_px;
}

// Whether the segment, `halfWidth_px` wide on either side, meets `box`: the segment clipped to the box grown by the
// half width (Liang-Barsky). Near the box's corners this counts a little more than the band's rounded ends cover.
bool meets(const ScreenBox& box, const Segment& s) {
    const ScreenBox grown{box.x0 - s.halfWidth_px, box.y0 - s.halfWidth_px, box.x1 + s.halfWidth_px, box.y1 + s.halfWidth_px};
    double t0 = 0, t1 = 1;
    const double dx = s.b.x_px - s.a.x_px, dy = s.b.y_px - s.a.y_px;
    const double edges[4][2] = {{-dx, s.a.x_px - grown.x0}, {dx, grown.x1 - s.a.x_px}, {-dy, s.a.y_px - grown.y0}, {dy, grown.y1 - s.a.y_px}};
    for (const auto& [p, q] : edges) {
        if (p == 0) {
            if (q < 0) return false;
            continue;
        }
        const double t = q / p;
        if (p < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

std::size_t letters(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string upper(const std::string& text) {
    std::string out = text;
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Whether `p` lies inside the polygon geometry (every ring, even-odd).
bool inside(const geo::Geometry<MapXY>& polygons, MapXY p) {
    bool in = false;
    for (std::size_t r = 0; r < polygons.runCount(); ++r) {
        const std::span<const MapXY> ring = polygons.run(r);
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            if ((ring[i].y_m > p.y_m) != (ring[j].y_m > p.y_m) &&
                p.x_m < (ring[j].x_m - ring[i].x_m) * (p.y_m - ring[i].y_m) / (ring[j].y_m - ring[i].y_m) + ring[i].x_m)
                in = !in;
    }
    return in;
}

// How far a marker's shape reaches from its point, in its radius (the backends' paths: a diamond's corners at 1.1, a
// square's at 0.88 times the square root of 2, a triangle's at 1.1 times 2 over the square root of 3; the star,
// hexagon and plus within 1.3).
double reach(MarkerShape shape) {
    switch (shape) {
    case MarkerShape::Circle: return 1.0;
    case MarkerShape::Diamond: return 1.1;
    case MarkerShape::Square: return 1.25;
    case MarkerShape::Triangle:
    case MarkerShape::TriangleUp: return 1.28;
    case MarkerShape::Hexagon:
    case MarkerShape::Star:
    case MarkerShape::Plus: break;
    }
    return 1.3;
}

Colour darker(Colour c, double share) {
    const auto scale = [&](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(v * (1.0 - share))); };
    return {scale(c.r), scale(c.g), scale(c.b), 255};
}

// Greedy placement by priority. Each label goes to the first of its candidate positions that lies on the screen and
// clear of every label placed before it and of every obstacle: symbols (crossing icons, city dots), the markers and
// clusters of events, and lines (the Durand Line); a point's label must also lie nearer its own symbol than any
// other's, so that it is not read as another place's. A label that finds none is dropped, unless it must be kept
// (the crossings, the largest cities): that one first tries to move one label placed before it, which alone blocks
// one of its candidates, to another clear candidate of its own; failing that it takes, of its candidates (all within
// kNear_em of its symbol), the one that costs least (covering a label or hiding letters under a marker's centre
// costs most, then another symbol being nearer, a marker's edge, a symbol, the line), so it is never dropped for a
// lesser place, and never covers another label or a marker where any candidate avoids them. Only where every near
// place covers a name or hides letters does a crossing or a capital look farther out.
class LabelPlacer {
public:
    LabelPlacer(const View& view, const TextMeasure& measure, double gap_px)
        : m_view(view), m_measure(measure), m_gap(gap_px) {}

    void avoidSymbol(const ScreenBox& box) { m_symbolBoxes.push_back(box); }
    void avoidSymbol(const Circle& c) { m_symbolCircles.push_back(c); }
    void avoidMarker(const Circle& c) { m_markers.push_back(c); }
    void avoidLine(const Segment& s) { m_lines.push_back(s); }
    // Text drawn above the labels (the distance tool's): no label may cover it, as no label covers another.
    void avoidText(const ScreenBox& box) { m_texts.push_back(box); }
    // A point symbol a label may be read as belonging to (every city dot and crossing icon on the screen).
    void addAnchor(ScreenPx p) { m_anchors.push_back(p); }
    // A lesser place still to be named (a town's dot): labels placed before it keep clear of it where they can.
    void addPending(const Circle& dot) { m_pending.push_back(dot); }

    // Moves the one point label placed before that covers a town's `dot` to another clear place of its own that
    // leaves the dot uncovered and lies nearer its own symbol than the dot (Chaman's name off Zaranj, Kharlachi's off
    // Gardez); whether the dot is uncovered. Labels placed since keep theirs: the move is to a clear place only.
    bool freeDot(const Circle& dot) {
        std::size_t coverer = std::size_t(-1);
        for (std::size_t i = 0; i < m_boxes.size(); ++i)
            if (meets(m_boxes[i], dot)) {
                if (coverer != std::size_t(-1) || !m_points[i]) return false;
                coverer = i;
            }
        if (coverer == std::size_t(-1)) return true;
        const ScreenPx own = m_points[coverer]->point;
        for (const ScreenBox& other : m_points[coverer]->candidates)
            if (onScreen(other) && !meets(other, dot) && distance(other, own) < distance(other, dot.centre) &&
                cost(other, own, coverer) == 0) {
                moveTo(coverer, other);
                m_placed[coverer].forced = false;
                return true;
            }
        return false;
    }

    // Whether a placed label covers any part of `c`.
    bool labelled(const Circle& c) const {
        return std::any_of(m_boxes.begin(), m_boxes.end(), [&](const ScreenBox& b) { return meets(b, c); });
    }

    // A label beside a point symbol that reaches `r_px` from `point` (a circle, or with `square` a square of that
    // half side). Its candidates all lie within kNear_em of the symbol's edge, however crowded the map: farther out a
    // name reads as another place's. In order: the eight positions of the cartographer's preference (upper right,
    // right, lower right, upper left, left, lower left, above, below), slid along the symbol, then the same a little
    // farther out. With `keep` it is never dropped for a lesser place (see the class).
    bool placeBeside(Label label, ScreenPx point, double r_px, bool square, bool keep) {
        const auto [w, h] = size(label);
        PointLabel mine{point, {}};
        const double R = r_px + m_gap, out = std::max(0.0, kNear_em * label.size_px - m_gap);
        for (const double r : {R, R + out / 2, R + out}) {
            ring(mine.candidates, point, r, w, h, square, false);
            ring(mine.candidates, point, r, w, h, square, true);
        }
        const auto clear = [&](const ScreenBox& box) { return onScreen(box) && cost(box, point) == 0; };
        // A clear place that leaves a smaller town beside it its name first (else that town's dot would lie nearer
        // this label than its own symbol does, and the town goes unnamed: Gardez beside Kharlachi's name).
        for (const ScreenBox& box : mine.candidates)
            if (clear(box) && !crowds(box, point)) return place(label, box, std::move(mine));
        for (const ScreenBox& box : mine.candidates)
            if (clear(box)) return place(label, box, std::move(mine));
        if (!keep) {
            // A town: clear with a label placed before moved aside; else, where every near place meets an event's
            // marker (one drawn on the town itself: Chitral, Miranshah), against the pale outer edge of markers only
            // (at most kTownEdge of a radius in), the least deep; never over a name, a symbol or the line.
            for (const ScreenBox& box : mine.candidates)
                if (onScreen(box) && moveBlocker(box, point)) return place(label, box, std::move(mine));
            std::optional<std::pair<double, ScreenBox>> edge;
            for (const ScreenBox& box : mine.candidates) {
                if (!onScreen(box)) continue;
                const auto [c, deepest] = markerEdges(box);
                if (deepest <= kTownEdge && cost(box, point) <= c + 1e-9 && (!edge || c < edge->first)) edge = std::pair{c, box};
            }
            if (edge) {
                label.forced = true;
                return place(label, edge->second, std::move(mine));
            }
            return false;
        }
        // Kept: one with a blocking label moved aside; else one that crosses only the line (the halo keeps the name
        // legible over it); else the least bad: against a symbol, a marker's pale edge (never over its centre), a
        // place where another symbol is as near. Each reads better than a clear place lines away from its symbol.
        for (const ScreenBox& box : mine.candidates)
            if (onScreen(box) && moveBlocker(box, point)) return place(label, box, std::move(mine));
        for (const ScreenBox& box : mine.candidates)
            if (onScreen(box) && (cost(box, point) <= kLineCost || moveBlocker(box, point, kLineCost))) {
                label.forced = true;
                return place(label, box, std::move(mine));
            }
        const auto leastBad = [&](std::size_t from) {
            std::optional<std::pair<double, ScreenBox>> best;
            for (std::size_t i = from; i < mine.candidates.size(); ++i) {
                const ScreenBox box = onScreen(mine.candidates[i]) ? mine.candidates[i] : clamped(mine.candidates[i]);
                if (const double c = cost(box, point); !best || c < best->first) best = std::pair{c, box};
            }
            return *best;
        };
        auto [least, chosen] = leastBad(0);
        // Every near place covers another name or hides letters under a marker. A large city (not a capital) is
        // left out (Peshawar on a 645 px pane, between Arandu, Torkham and Jalalabad); a crossing or a capital
        // looks a line and more out, its last resort, and is left out where even there every place covers a name.
        const bool mustShow = label.kind == LabelKind::Crossing || label.rank <= 1;
        if (least >= kLabelCost) {
            if (!mustShow) return false;
            const std::size_t from = mine.candidates.size();
            for (const double farther : {1.5 * h, 2.5 * h}) {
                ring(mine.candidates, point, R + farther, w, h, square, false);
                ring(mine.candidates, point, R + farther, w, h, square, true);
            }
            const auto [fartherLeast, fartherChosen] = leastBad(from);
            if (fartherLeast < least) least = fartherLeast, chosen = fartherChosen;
            if (least >= kLabelCost) return false;
        }
        label.forced = least > 0;
        return place(label, chosen, std::move(mine));
    }

    // Moves point labels that cover something (kept ones placed where nothing was clear) each to the candidate of
    // its own that costs least, over and over while any such move lowers the cost, at most `rounds` times: a label
    // in the way of another moves aside where it has room. Each move lowers the cost summed over the labels, so it
    // ends.
    void settle(int rounds) {
        for (int round = 0; round < rounds; ++round) {
            bool moved = false;
            for (std::size_t i = 0; i < m_boxes.size(); ++i) {
                if (!m_points[i]) continue;
                const ScreenPx own = m_points[i]->point;
                double least = cost(m_boxes[i], own, i);
                if (least == 0) continue;
                for (const ScreenBox& box : m_points[i]->candidates) {
                    if (!onScreen(box)) continue;
                    if (const double c = cost(box, own, i); c < least) {
                        least = c;
                        moveTo(i, box);
                        m_placed[i].forced = c > 0;
                        moved = true;
                    }
                }
            }
            if (!moved) return;
        }
    }

    // Whether a point label placed before would be read as `at`'s: `at` lies nearer its box than its own point.
    // A crossing's name is not misread as a town's: it is bold, in its state's colour, beside a square icon, and a
    // town's is a plain name by a black dot (so Gardez and Bannu keep their names beside Kharlachi's and Ghulam Khan's).
    bool misleads(ScreenPx at) const {
        for (std::size_t i = 0; i < m_boxes.size(); ++i)
            if (m_points[i] && m_placed[i].kind != LabelKind::Crossing && distance(m_boxes[i], at) < distance(m_boxes[i], m_points[i]->point))
                return true;
        return false;
    }

    // An area's label (a country, a province) centred on `centre` or moved from it by up to `stepsX` times a quarter
    // of its width and `stepsY` times 0.8 of its height, nearest first, where `accept` takes the box's centre (a
    // province keeps its label inside). `maxWidth_px` > 0 drops a label wider than that.
    bool placeArea(Label label, ScreenPx centre, int stepsX, int stepsY, double maxWidth_px,
                   const std::function<bool(ScreenPx)>& accept) {
        const auto [w, h] = size(label);
        if (maxWidth_px > 0 && w > maxWidth_px) return false;
        const double dx = w / 4, dy = h * 0.8;
        std::vector<std::pair<int, int>> steps;
        for (int i = -stepsX; i <= stepsX; ++i)
            for (int j = -stepsY; j <= stepsY; ++j) steps.emplace_back(i, j);
        std::stable_sort(steps.begin(), steps.end(), [&](const auto& a, const auto& b) {
            return std::hypot(a.first * dx, a.second * dy) < std::hypot(b.first * dx, b.second * dy);
        });
        for (const auto& [i, j] : steps) {
            const ScreenPx c{centre.x_px + i * dx, centre.y_px + j * dy};
            const ScreenBox box{c.x_px - w / 2, c.y_px - h / 2, c.x_px + w / 2, c.y_px + h / 2};
            if (onScreen(box) && cost(box, std::nullopt) == 0 && ((i == 0 && j == 0) || !accept || accept(c)))
                return place(label, box, std::nullopt);
        }
        return false;
    }

    // An area's label on the clear place nearest `centre` whose box lies well inside the area: its corners, the
    // middles of its long sides and its centre, each a third of a line out from the box, where `accept` takes them.
    // The places lie on a grid over `bounds` (the area's screen box) a sixth of the label's width by half a line.
    bool placeInside(Label label, ScreenPx centre, const ScreenBox& bounds, double maxWidth_px,
                     const std::function<bool(ScreenPx)>& accept) {
        const auto [w, h] = size(label);
        if (maxWidth_px > 0 && w > maxWidth_px) return false;
        const double dx = std::max(2.0, w / 6), dy = std::max(2.0, h / 2), m = h / 3;
        const double x0 = std::max(bounds.x0 + w / 2, 2 + w / 2), x1 = std::min(bounds.x1 - w / 2, m_view.widthPx - 2 - w / 2);
        const double y0 = std::max(bounds.y0 + h / 2, 2 + h / 2), y1 = std::min(bounds.y1 - h / 2, m_view.heightPx - 2 - h / 2);
        std::vector<ScreenPx> places;
        for (double y = y0; y <= y1; y += dy)
            for (double x = x0; x <= x1; x += dx) places.push_back({x, y});
        std::sort(places.begin(), places.end(), [&](ScreenPx p, ScreenPx q) {
            return std::hypot(p.x_px - centre.x_px, p.y_px - centre.y_px) < std::hypot(q.x_px - centre.x_px, q.y_px - centre.y_px);
        });
        for (const ScreenPx c : places) {
            const ScreenBox box{c.x_px - w / 2, c.y_px - h / 2, c.x_px + w / 2, c.y_px + h / 2};
            if (!onScreen(box) || cost(box, std::nullopt) != 0) continue;
            const double l = box.x0 + 0.1 * w, r = box.x1 - 0.1 * w, t = box.y0 - m, b = box.y1 + m;
            const ScreenPx probes[] = {c, {c.x_px, t}, {c.x_px, b}, {l, c.y_px}, {r, c.y_px}, {l, box.y0}, {r, box.y0}, {l, box.y1}, {r, box.y1}};
            if (std::all_of(std::begin(probes), std::end(probes), accept)) return place(label, box, std::nullopt);
        }
        return false;
    }

    std::vector<Label> take() { return std::move(m_placed); }

private:
    // A point's label as placed: its point and every candidate it had, so that a later kept label may move it.
    struct PointLabel {
        ScreenPx point;
        std::vector<ScreenBox> candidates;
    };

    // Eight candidate boxes `R` from `point`; with `slid`, sixteen more: above and below with the point at 15, 85,
    // 30 and 70 % of the width, left and right raised and lowered by half and a quarter of a line.
    static void ring(std::vector<ScreenBox>& out, ScreenPx point, double R, double w, double h, bool square, bool slid) {
        const double d = square ? R : R * 0.7071;  // a box's corner clears a circle at 45 degrees, a square at its corner
        const double x = point.x_px, y = point.y_px;
        const auto add = [&](double x0, double y0) { out.push_back({x0, y0, x0 + w, y0 + h}); };
        if (!slid) {
            add(x + d, y - d - h), add(x + R, y - h / 2), add(x + d, y + d);
            add(x - d - w, y - d - h), add(x - R - w, y - h / 2), add(x - d - w, y + d);
            add(x - w / 2, y - R - h), add(x - w / 2, y + R);
            return;
        }
        add(x - 0.15 * w, y - R - h), add(x - 0.85 * w, y - R - h), add(x - 0.15 * w, y + R), add(x - 0.85 * w, y + R);
        add(x + R, y - h), add(x + R, y), add(x - R - w, y - h), add(x - R - w, y);
        add(x - 0.3 * w, y - R - h), add(x - 0.7 * w, y - R - h), add(x - 0.3 * w, y + R), add(x - 0.7 * w, y + R);
        add(x + R, y - 0.75 * h), add(x + R, y - 0.25 * h), add(x - R - w, y - 0.75 * h), add(x - R - w, y - 0.25 * h);
    }

    std::pair<double, double> size(const Label& label) const {
        const std::string text = label.upper ? upper(label.text) : label.text;
        const double spaces = static_cast<double>(std::max<std::size_t>(letters(text), 1) - 1);
        const double w = m_measure(text, label.size_px) * (label.bold ? kBoldWidening : 1.0) +
                         (label.bold ? kBoldExtra_em * label.size_px : 0.0) + label.letterSpacing_em * label.size_px * spaces +
                         (label.italic ? kItalicOverhang_em * label.size_px : 0.0);
        return {w, label.size_px * kLineHeight_em};
    }

    bool onScreen(const ScreenBox& box) const {
        return box.x0 >= 2 && box.y0 >= 2 && box.x1 <= m_view.widthPx - 2 && box.y1 <= m_view.heightPx - 2;
    }

    ScreenBox clamped(ScreenBox box) const {
        const double w = box.x1 - box.x0, h = box.y1 - box.y0;
        box.x0 = std::clamp(box.x0, 2.0, std::max(2.0, m_view.widthPx - 2 - w));
        box.y0 = std::clamp(box.y0, 2.0, std::max(2.0, m_view.heightPx - 2 - h));
        return {box.x0, box.y0, box.x0 + w, box.y0 + h};
    }

    // 0 where the box is clear; else weighed by what it covers: a label most, then a marker, a symbol, another
    // anchor nearer than `own` (a point label's symbol), the line (once, however many of its segments). The label
    // `except` (an index in m_boxes) does not count.
    double cost(const ScreenBox& box, std::optional<ScreenPx> own, std::size_t except = std::size_t(-1)) const {
        double c = 0;
        const double em = (box.y1 - box.y0) / kLineHeight_em;
        const ScreenBox letters{box.x0, box.y0 + kLettersTop_em * em, box.x1, box.y0 + kLettersBottom_em * em};
        for (std::size_t i = 0; i < m_boxes.size(); ++i) c += i != except && m_boxes[i].overlaps(box) ? kLabelCost : 0;
        for (const ScreenBox& t : m_texts) c += t.overlaps(box) ? kLabelCost : 0;
        c += markerEdges(box).first;
        for (const Circle& m : m_markers)
            if (meets(letters, Circle{m.centre, m.r_px * kMarkerCore})) c += kLabelCost;
        for (const ScreenBox& s : m_symbolBoxes) c += s.overlaps(box) ? 10 : 0;
        for (const Circle& s : m_symbolCircles) c += meets(box, s) ? 10 : 0;
        if (own) {
            const double mine = distance(box, *own);
            for (const ScreenPx& a : m_anchors)
                if (!(a == *own) && distance(box, a) <= mine) {
                    c += 150;
                    break;
                }
        }
        if (std::any_of(m_lines.begin(), m_lines.end(), [&](const Segment& s) { return meets(box, s); })) c += kLineCost;
        return c;
    }

    // What the markers' edges under `box` cost (a marker's edge under a letter or two costs a fifth of one over its
    // centre: a name may lie against an event, but a name far from its own place reads as another's), and how deep
    // into the deepest one the box reaches, as a share of its radius (0 where it meets none).
    std::pair<double, double> markerEdges(const ScreenBox& box) const {
        double c = 0, deepest = 0;
        for (const Circle& m : m_markers) {
            const double dx = std::max({box.x0 - m.centre.x_px, 0.0, m.centre.x_px - box.x1});
            const double dy = std::max({box.y0 - m.centre.y_px, 0.0, m.centre.y_px - box.y1});
            const double d = std::hypot(dx, dy);
            if (d >= m.r_px) continue;
            c += kMarkerCost * (0.2 + 0.8 * (1 - d / m.r_px));
            deepest = std::max(deepest, 1 - d / m.r_px);
        }
        return {c, deepest};
    }

    // Whether a point label placed before, which alone keeps `box` from costing at most `tolerated`, moves to another
    // clear candidate of its own (not over `box`); if so it has moved.
    bool moveBlocker(const ScreenBox& box, ScreenPx own, double tolerated = 0) {
        std::size_t blocker = std::size_t(-1);
        for (std::size_t i = 0; i < m_boxes.size(); ++i)
            if (m_boxes[i].overlaps(box)) {
                if (blocker != std::size_t(-1) || !m_points[i]) return false;
                blocker = i;
            }
        if (blocker == std::size_t(-1) || cost(box, own, blocker) > tolerated) return false;
        for (const ScreenBox& other : m_points[blocker]->candidates)
            if (onScreen(other) && !other.overlaps(box) && cost(other, m_points[blocker]->point, blocker) == 0) {
                moveTo(blocker, other);
                return true;
            }
        return false;
    }

    void moveTo(std::size_t i, const ScreenBox& box) {
        m_boxes[i] = box;
        m_placed[i].box = box;
        m_placed[i].anchor = {box.x0, box.y0};
    }

    bool place(Label& label, const ScreenBox& box, std::optional<PointLabel> point) {
        label.anchor = {box.x0, box.y0};
        label.box = box;
        if (label.upper) label.text = upper(label.text);
        m_boxes.push_back(box);
        m_points.push_back(std::move(point));
        m_placed.push_back(std::move(label));
        return true;
    }

    // Whether a pending place other than `own` would lie as near `box` as `own` does, or nearer (2 px of slack).
    bool crowds(const ScreenBox& box, ScreenPx own) const {
        const double mine = distance(box, own) + 2;
        return std::any_of(m_pending.begin(), m_pending.end(),
                           [&](const Circle& p) { return !(p.centre == own) && distance(box, p.centre) < mine; });
    }


    static double distance(const ScreenBox& b, ScreenPx p) {
        const double dx = std::max({b.x0 - p.x_px, 0.0, p.x_px - b.x1});
        const double dy = std::max({b.y0 - p.y_px, 0.0, p.y_px - b.y1});
        return std::hypot(dx, dy);
    }

    const View& m_view;
    const TextMeasure& m_measure;
    double m_gap;  // between a symbol and its label
    // The labels placed: their boxes, their points and candidates where they are a point's, and the labels.
    std::vector<ScreenBox> m_boxes;
    std::vector<std::optional<PointLabel>> m_points;
    std::vector<Label> m_placed;
    std::vector<ScreenBox> m_symbolBoxes;
    std::vector<Circle> m_symbolCircles;
    std::vector<Circle> m_markers;
    std::vector<Segment> m_lines;
    std::vector<ScreenBox> m_texts;
    std::vector<ScreenPx> m_anchors;
    std::vector<Circle> m_pending;
};

}  // namespace

std::vector<Label> placeLabels(const ProjectedMap& map, const DynamicScene& scene, const View& view, const Style& style,
                               const LayerSwitches& layers, const TextMeasure& measure) {
    const double k = style.scale;
    LabelPlacer placer(view, measure, 1.5 * k);
    const auto screen = [&](MapXY p) { return view.toScreen(p); };

    // What no label may cover: the crossings' icons (squares with a white edge), the markers (the largest shapes
    // reach 1.27 of their radius, the outline beyond), a highlighted one's ring, the clusters, and the Durand Line
    // (its stroke and a little room), as screen segments of the part that crosses the view.
    for (const CrossingIcon& icon : scene.crossings) {
        const ScreenPx p = screen(icon.at);
        const double r = icon.size_px + 0.75 * k;
        placer.avoidSymbol(ScreenBox{p.x_px - r, p.y_px - r, p.x_px + r, p.y_px + r});
        if (icon.highlighted) placer.avoidMarker({p, icon.ringRadius_px(k) + 4 * k});
    }
    for (const Marker& m : scene.markers) {
        const double outline = (m.hollow || m.fromUser ? 1.25 : 0.65) * k;
        placer.avoidMarker({drawnAt(m, view), m.highlighted ? m.radius_px * 1.3 + 9 * k : m.radius_px * reach(m.shape) + outline});
    }
    for (const Cluster& c : scene.clusters) placer.avoidMarker({screen(c.at), c.radius_px + 1.0 * k});
    // The scale bar and north arrow, drawn on the map at its bottom left by the window and every export.
    placer.avoidSymbol(scaleBarArea(scene.decorations, view, k));
    // The window's date block over the top left, where it is drawn.
    if (scene.decorations.dateBlock) placer.avoidSymbol(scene.decorations.dateBlock->panel);
    const ScaleBar& bar = scene.decorations.scale;
    const MapBox visible = view.visibleBox();
    const double lineRoom_px = (style.durandLine_px / 2 + 1.5) * k;
    const double room_m = lineRoom_px * view.metresPerPixel;
    for (const geo::ProjectedFeature& f : map.durandLine.features)
        for (std::size_t r = 0; r < f.geometry.runCount(); ++r) {
            const std::span<const MapXY> run = f.geometry.run(r);
            for (std::size_t i = 1; i < run.size(); ++i) {
                const MapXY a = run[i - 1], b = run[i];
                if (std::max(a.x_m, b.x_m) < visible.min.x_m - room_m || std::min(a.x_m, b.x_m) > visible.max.x_m + room_m ||
                    std::max(a.y_m, b.y_m) < visible.min.y_m - room_m || std::min(a.y_m, b.y_m) > visible.max.y_m + room_m)
                    continue;
                placer.avoidLine({screen(a), screen(b), lineRoom_px});
            }
        }
    // The outline of the area an inset magnifies: its four edges, a white band and a dark line.
    if (style.insetArea) {
        const ScreenBox o = screenBoxOf(view, areaBox(map, *style.insetArea));
        const double room = 2.5 * k;
        const ScreenPx corners[] = {{o.x0, o.y0}, {o.x1, o.y0}, {o.x1, o.y1}, {o.x0, o.y1}};
        for (int i = 0; i < 4; ++i) placer.avoidLine({corners[i], corners[(i + 1) % 4], room});
    }

    // The distance tool's vertex marks and labels, drawn above every name.
    const MeasurePath& path = scene.decorations.measure;
    for (const Label& l : path.labels) placer.avoidText(l.box);
    for (const MapXY& v : path.vertices) placer.avoidSymbol(Circle{screen(v), path.vertex_px + 1.5 * k});
    for (const MeasureLeg& leg : path.legs)
        for (std::size_t i = 1; i < leg.line.size(); ++i) placer.avoidLine({screen(leg.line[i - 1]), screen(leg.line[i]), path.line_px / 2 + 2.5 * k});

    const auto label = [&](const std::string& text, LabelKind kind, double size_px, Colour colour) {
        Label l;
        l.text = text;
        l.kind = kind;
        l.size_px = size_px * k;
        l.colour = colour;
        l.halo = style.textHalo;
        return l;
    };

    // The cities on the screen, each with the dot drawn under its name. The dots of the kept ranks are obstacles
    // from the start, so that no label placed before its city covers them; a rank 3 city whose dot a label covers by
    // then is left out, dot and all.
    struct City {
        const LabelPoint* point;
        ScreenPx at;
        double dot_px;
    };
    std::vector<City> cities;
    for (const LabelPoint& c : map.cityLabels) {
        const ScreenPx p = screen(c.xy);
        if (!std::isfinite(p.x_px) || p.x_px < 4 || p.y_px < 4 || p.x_px > view.widthPx - 4 || p.y_px > view.heightPx - 4)
            continue;
        // A city under the scale bar's box is hidden by it: a name there would point at nothing.
        const ScreenBox barBox = scaleBarBox(view, k, scene.decorations.scaleCorner, bar.length_px);
        if (p.x_px > barBox.x0 && p.x_px < barBox.x1 && p.y_px > barBox.y0 && p.y_px < barBox.y1) continue;
        // A crossing of the same name (Chaman) is labelled as the crossing.
        if (std::any_of(scene.crossings.begin(), scene.crossings.end(), [&](const CrossingIcon& i) { return i.name == c.text; }))
            continue;
        cities.push_back({&c, p, (c.rank <= 1 ? 3.4 : c.rank == 2 ? 2.8 : 2.3) * k});
    }
    for (const City& c : cities)
        if (c.point->rank <= 2) {
            placer.addAnchor(c.at);
            placer.avoidSymbol(Circle{c.at, c.dot_px + 1.0 * k});
        }
    for (const CrossingIcon& icon : scene.crossings) placer.addAnchor(screen(icon.at));
    for (const City& c : cities)
        if (c.point->rank > 2) placer.addPending(Circle{c.at, c.dot_px + 1.0 * k});

    // Crossings first, always kept: the map is about them. Bold, in a dark shade of their state's colour.
    if (layers.crossings)
        for (const CrossingIcon& icon : scene.crossings) {
            Label l = label(labelText(style, icon.name, crossingLocalLabelName(map.localNames, icon.crossingId)),
                            LabelKind::Crossing, style.labelCrossing_px, darker(icon.colour, 0.25));
            l.bold = true;
            placer.placeBeside(std::move(l), screen(icon.at), icon.size_px + 0.75 * k, true, true);
        }
    const auto placeCities = [&](int rank) {
        for (const City& c : cities) {
            if (c.point->rank != rank) continue;
            const Circle dot{c.at, c.dot_px + 1.0 * k};
            if (rank > 2 && (placer.misleads(c.at) || (placer.labelled(dot) && !placer.freeDot(dot)))) continue;
            const double share = rank <= 1 ? 1.15 : rank == 2 ? 1.0 : 0.88;
            Label l = label(labelText(style, c.point->text, c.point->local), LabelKind::City, style.labelCity_px * share, style.text);
            l.rank = rank;
            l.bold = rank <= 1;
            l.dot = c.at;
            l.dot_px = c.dot_px;
            if (placer.placeBeside(std::move(l), c.at, dot.r_px, false, rank <= 2) && rank > 2) {
                placer.avoidSymbol(dot);
                placer.addAnchor(c.at);
            }
        }
    };
    // The capitals and the largest cities, kept.
    placeCities(1);
    placeCities(2);
    placer.settle(8);
    // The user's layers labelled with a field of theirs: each feature's value beside its point, a line's middle vertex
    // or a polygon's centre, in a dark shade of the layer's colour, where it fits (at most kUserLabels a layer).
    constexpr std::size_t kUserLabels = 200;
    for (std::size_t i = 0; i < map.overlays.size(); ++i) {
        const UserLayerStyle own = style.userLayer(i);
        const geo::ProjectedLayer& layer = map.overlays[i];
        const auto field = own.labelField.empty() ? std::nullopt : layer.fieldIndex(own.labelField);
        if (!own.visible || !field) continue;
        std::size_t tried = 0;
        for (const geo::ProjectedFeature& f : layer.features) {
            if (tried >= kUserLabels) break;
            if (*field >= f.values.size() || f.values[*field].empty() || f.geometry.points.empty()) continue;
            const bool point = f.geometry.kind == geo::GeometryKind::Points;
            const MapXY at = point ? f.geometry.points.front()
                             : f.geometry.kind == geo::GeometryKind::Lines
                                 ? f.geometry.run(0)[f.geometry.run(0).size() / 2]
                                 : MapXY{(f.bounds.min.x_m + f.bounds.max.x_m) / 2, (f.bounds.min.y_m + f.bounds.max.y_m) / 2};
            const ScreenPx p = screen(at);
            if (!std::isfinite(p.x_px) || p.x_px < 0 || p.y_px < 0 || p.x_px > view.widthPx || p.y_px > view.heightPx) continue;
            ++tried;
            Label l = label(printable(f.values[*field]), LabelKind::User, style.labelCity_px * 0.92, darker(style.userLayerColour(i), 0.3));
            placer.placeBeside(std::move(l), p, point ? own.pointRadius_px() * k + 1.0 * k : 2.0 * k, false, false);
        }
    }
    // The two countries (large, letter-spaced capitals) where there is room near their centre, then the lesser
    // cities, the neighbours and the provinces (small, italic), each where it fits.
    const auto countries = [&](int rank) {
        for (const LabelPoint& c : map.countryLabels) {
            if (c.rank != rank) continue;
            Label l = label(c.text, LabelKind::Country, style.labelCountry_px * (rank == 1 ? 1.0 : 0.8), style.countryText);
            l.rank = rank;
            l.upper = true;
            l.letterSpacing_em = 0.15;
            placer.placeArea(std::move(l), screen(c.xy), 3, 5, 0, {});
        }
    };
    countries(1);
    placeCities(3);
    if (layers.neighbours) countries(2);
    if (layers.provinces)
        for (std::size_t i = 0; i < map.provinceLabels.size() && i < map.provinces.features.size(); ++i) {
            const geo::ProjectedFeature& province = map.provinces.features[i];
            const double width_px = (province.bounds.max.x_m - province.bounds.min.x_m) / view.metresPerPixel;
            Label l = label(labelText(style, map.provinceLabels[i].text, map.provinceLabels[i].local), LabelKind::Province,
                            style.labelProvince_px, style.provinceText);
            l.italic = true;
            const auto within = [&](ScreenPx c) { return inside(province.geometry, view.toMap(c)); };
            if (placer.placeArea(l, screen(map.provinceLabels[i].xy), 1, 2, width_px * 0.9, within)) continue;
            // Else a clear place anywhere well inside (Khyber Pakhtunkhwa, a strip along the line crowded with
            // crossings and events near its label point).
            const ScreenPx a = screen(province.bounds.min), b = screen(province.bounds.max);
            placer.placeInside(std::move(l), screen(map.provinceLabels[i].xy),
                               {std::min(a.x_px, b.x_px), std::min(a.y_px, b.y_px), std::max(a.x_px, b.x_px), std::max(a.y_px, b.y_px)},
                               width_px * 0.9, within);
        }
    return placer.take();
}

std::vector<Label> movedLabels(const std::vector<Label>& labels, const View& from, const View& to) {
    std::vector<Label> moved = labels;
    for (Label& l : moved) {
        const ScreenPx at = l.dot_px > 0 ? l.dot : ScreenPx{(l.box.x0 + l.box.x1) / 2, (l.box.y0 + l.box.y1) / 2};
        const ScreenPx now = to.toScreen(from.toMap(at));
        const double dx = now.x_px - at.x_px, dy = now.y_px - at.y_px;
        l.anchor = {l.anchor.x_px + dx, l.anchor.y_px + dy};
        l.dot = {l.dot.x_px + dx, l.dot.y_px + dy};
        l.box = {l.box.x0 + dx, l.box.y0 + dy, l.box.x1 + dx, l.box.y1 + dy};
    }
    return moved;
}

}  // namespace bordermap::scene
