#include "bordermap/scene/scene.hpp"
#include "labels.hpp"

#include <bordermap/core/huge_pages.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/geodesy.hpp>

#include <boost/sort/spreadsort/integer_sort.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace bordermap::scene {

namespace {

using timeline::CalendarDay;
using timeline::CrossingStatus;
using timeline::Event;
using timeline::EventKind;

// The opacity of the markers beside a highlighted one, as a share of their own.
constexpr double kDimmed = 0.35;

// How far an uncertain place may be from its point: a district's or a province's typical radius in this region.
constexpr double kDistrictRadiusM = 25'000.0;
constexpr double kProvinceRadiusM = 80'000.0;

}  // namespace

// Each kind its own shape, so that kinds stay apart without colour (grey print, colour-blind readers).
MarkerShape markerShapeFor(EventKind kind) {
    switch (kind) {
    case EventKind::Airstrike: return MarkerShape::Triangle;
    case EventKind::Clash: return MarkerShape::Diamond;
    case EventKind::Attack: return MarkerShape::Circle;
    case EventKind::Talks: return MarkerShape::Square;
    case EventKind::Ceasefire: return MarkerShape::Star;
    case EventKind::Diplomacy: return MarkerShape::TriangleUp;
    case EventKind::Deportation: return MarkerShape::Hexagon;
    case EventKind::Political: return MarkerShape::Plus;
    case EventKind::Crossing:
    case EventKind::Closure:
    case EventKind::StateUnknown: break;
    }
    return MarkerShape::Circle;
}

namespace {

std::string kindLegendText(EventKind kind) {
    switch (kind) {
    case EventKind::Airstrike: return "Airstrike";
    case EventKind::Clash: return "Clash between forces";
    case EventKind::Attack: return "Attack";
    case EventKind::Talks: return "Talks";
    case EventKind::Ceasefire: return "Ceasefire";
    case EventKind::Diplomacy: return "Diplomacy";
    case EventKind::Deportation: return "Deportation order";
    case EventKind::Political: return "Change of power";
    default: return std::string(timeline::eventKindName(kind));
    }
}

// Under the heading "Crossings": the state alone.
std::string statusLegendText(CrossingStatus status) {
    switch (status) {
    case CrossingStatus::Open: return "Open";
    case CrossingStatus::Closed: return "Closed";
    case CrossingStatus::Uncertain: return "Possibly closed (vague dates)";
    case CrossingStatus::NotYetOpen: return "Not yet open";
    case CrossingStatus::Unknown: return "State unknown (no source says open)";
    }
    return "Crossing";
}

// Whether a vertex of any of the layer's lines lies in `box`: the legend names a line layer only where it shows.
// A vertex, not a bounding box: a river's box covers much land it does not cross.
bool anyVertexIn(const geo::ProjectedLayer& layer, const MapBox& box) {
    for (const geo::ProjectedFeature& f : layer.features) {
        if (f.bounds.max.x_m < box.min.x_m || f.bounds.min.x_m > box.max.x_m || f.bounds.max.y_m < box.min.y_m ||
            f.bounds.min.y_m > box.max.y_m)
            continue;
        if (std::any_of(f.geometry.points.begin(), f.geometry.points.end(), [&](MapXY p) { return box.contains(p); }))
            return true;
    }
    return false;
}

bool onScreen(const View& view, ScreenPx p, double margin) {
    return p.x_px >= -margin && p.y_px >= -margin && p.x_px <= view.widthPx + margin && p.y_px <= view.heightPx + margin;
}

}  // namespace

double markerRadius_px(long long deaths, const Style& style) {
    const double counted = std::min(400.0, static_cast<double>(std::max(0LL, deaths)));
    return (style.markerMin_px + (style.markerMax_px - style.markerMin_px) * std::sqrt(counted / 400.0)) * style.scale;
}

namespace {

double markerRadius(const Event& e, const Style& style) { return markerRadius_px(e.fatalitiesLow.value_or(0), style); }

// Which events the bins hold for the date, and how faded; nothing for the others. Cumulative: every dated event,
// whatever its day (a date takes each bin's events up to it). Reads an event's facts, not the event.
std::optional<double> opacityOn(const timeline::EventFacts& e, const TimeSettings& time) {
    if (!e.dated || timeline::isCrossingState(e.kind)) return std::nullopt;
    if (time.mode == TimeMode::Cumulative) return 1.0;
    const auto day = static_cast<std::int32_t>(time.day.time_since_epoch().count());
    if (e.firstDay > day || e.lastDay < day - (time.windowDays - 1)) return std::nullopt;
    const double age = std::max(0.0, static_cast<double>(day - e.lastDay));
    return 1.0 - 0.7 * std::min(1.0, age / std::max(1, time.windowDays));
}

}  // namespace

std::string clusterCountText(int count) {
    if (count < 1000) return std::to_string(count);
    const auto shortened = [](double value, const char* unit) {
        return (value < 10 ? formatNumber(value, 1) : formatNumber(value, 0)) + unit;
    };
    if (count < 999'500) return shortened(std::floor(count / 100.0) / 10.0, "k");
    return shortened(std::floor(count / 100'000.0) / 10.0, "M");
}

double approximateTextWidth(const std::string& text, double size_px) {
    std::size_t characters = 0;
    for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return static_cast<double>(characters) * size_px * 0.55;
}

ScaleBar scaleBarFor(const ProjectedMap& map, const View& view, double style_scale) {
    // Measure along the bottom of the screen, where the bar is drawn.
    const double y = view.heightPx - 40.0 * style_scale;
    const double probe_px = std::max(50.0, view.widthPx / 4.0);
    const LonLat a = map.projection.inverse(view.toMap({40.0, y}));
    const LonLat b = map.projection.inverse(view.toMap({40.0 + probe_px, y}));
    ScaleBar bar;
    if (!std::isfinite(a.lon_deg) || !std::isfinite(b.lon_deg)) return bar;
    const double kmPerPx = geo::geodesicDistanceM(a, b) / 1000.0 / probe_px;
    if (!(kmPerPx > 0)) return bar;
    // A sixth of the view, and never so short that its figures ("0" and "200 km") run into each other.
    const double target_km = kmPerPx * std::max(view.widthPx / 6.0, 110.0 * style_scale);
    const double power = std::pow(10.0, std::floor(std::log10(target_km)));
    double nice = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power <= target_km) nice = m * power;
    bar.length_km = nice;
    bar.length_px = nice / kmPerPx;
    bar.text = formatNumber(nice, nice < 1 ? 1 : 0) + " km";
    bar.trueAtLat_deg = (a.lat_deg + b.lat_deg) / 2;
    return bar;
}

namespace {

// std::round (halves away from zero) without the library call, which was a tenth of a million-event binning. Exact:
// a double less its whole part is exact, and from 2^52 on every double is whole.
double roundHalfAway(double x) {
    if (!(std::abs(x) < 0x1p52)) return x;
    const double whole = static_cast<double>(static_cast<std::int64_t>(x));
    return std::abs(x - whole) >= 0.5 ? whole + std::copysign(1.0, x) : whole;
}

// The hexagon (pointy-top, axial coordinates) of a grid of circumradius `r_m` holding `p`.
std::pair<std::int32_t, std::int32_t> hexagonOf(MapXY p, double r_m) {
    const double q = (std::sqrt(3.0) / 3.0 * p.x_m - 1.0 / 3.0 * p.y_m) / r_m;
    const double r = (2.0 / 3.0 * p.y_m) / r_m;
    // Cube rounding: the nearest hexagon centre.
    double x = q, z = r, y = -x - z;
    double rx = roundHalfAway(x), ry = roundHalfAway(y), rz = roundHalfAway(z);
    const double dx = std::abs(rx - x), dy = std::abs(ry - y), dz = std::abs(rz - z);
    if (dx > dy && dx > dz) rx = -ry - rz;
    else if (dy <= dz) rz = -rx - ry;
    return {static_cast<std::int32_t>(rz), static_cast<std::int32_t>(rx)};  // (r, q)
}

}  // namespace

double clusterRadius_m(const View& view, const Style& style) {
    return kClusterBin_px * style.scale * std::exp2(std::ceil(std::log2(view.metresPerPixel)));
}

bool binsFit(const EventBins& bins, const timeline::EventSelection& events, const TimeSettings& time, double radius_m,
             bool userEvents) {
    const bool sameTime = bins.time.mode == time.mode &&
                          (time.mode == TimeMode::Cumulative ||
                           (bins.time.day == time.day && bins.time.windowDays == time.windowDays));
    return bins.events == &events && bins.catalogueSize == events.catalogue().events.size() && sameTime &&
           bins.radius_m == radius_m && bins.userEvents == userEvents;
}

EventBins binEvents(const ProjectedMap& map, const timeline::EventSelection& events, const TimeSettings& time,
                    double radius_m, bool userEvents) {
    const timeline::Catalogue& catalogue = events.catalogue();
    EventBins out;
    out.events = &events;
    out.catalogueSize = catalogue.events.size();
    out.time = time;
    out.radius_m = radius_m;
    out.userEvents = userEvents;
    const bool projected = map.eventsProjected(catalogue.events.size());
    const bool cumulative = time.mode == TimeMode::Cumulative;
    // Each place binned, in order of start: f(index, facts, opacity, at) for every finite place of each selected
    // event the bins hold (the user's files' only when `userEvents`). Read from the events' facts: a cumulative
    // binning streams 20 bytes an event, not the events' 184. Cumulative: every event selected. A window: those
    // whose start may overlap its days, in order of start, as forEachOverlapping finds them.
    const std::span<const timeline::EventFacts> facts = catalogue.facts();
    const std::span<const std::uint32_t> selected = events.indices();
    const auto toDay = static_cast<std::int32_t>(time.day.time_since_epoch().count());
    const std::int32_t fromDay = toDay - (time.windowDays - 1);
    const std::int32_t earliest = fromDay - catalogue.longestStartDays();
    const auto forEachPlace = [&](auto&& f) {
        auto next = cumulative ? selected.begin()
                               : std::partition_point(selected.begin(), selected.end(), [&](std::uint32_t i) { return facts[i].firstDay < earliest; });
        for (; next != selected.end(); ++next) {
            const std::uint32_t index = *next;
            const timeline::EventFacts& e = facts[index];
            if (!cumulative && e.firstDay > toDay) break;
            if (!cumulative && e.lastDay < fromDay) continue;
            const auto opacity = opacityOn(e, time);
            if (!opacity || (!userEvents && !e.embedded)) continue;
            const auto place = [&](MapXY at) {
                if (std::isfinite(at.x_m) && std::isfinite(at.y_m)) f(index, e, *opacity, at);
            };
            if (projected) {
                for (const MapXY& at : map.eventPlacesOf(index)) place(at);
            } else {
                for (const LonLat& p : catalogue.events[index].places) place(map.projection.forward(p));
            }
        }
    };

    // First pass: each place's hexagon (r, q), the only thing kept aside (8 bytes a place). The members are made in
    // the second pass where they belong: fresh memory costs a page fault every 4 KB when first written, and a list
    // of members made aside and then moved into place was most of a binning's faults.
    std::vector<std::pair<std::int32_t, std::int32_t>> cells;
    if (cumulative) reserveHuge(cells, selected.size());  // every event shown: room for one place each at once
    std::int32_t rLow = std::numeric_limits<std::int32_t>::max(), rHigh = std::numeric_limits<std::int32_t>::min();
    std::int32_t qLow = rLow, qHigh = rHigh;
    forEachPlace([&](std::uint32_t, const timeline::EventFacts&, double, MapXY at) {
        const auto [r, q] = hexagonOf(at, radius_m);
        rLow = std::min(rLow, r), rHigh = std::max(rHigh, r), qLow = std::min(qLow, q), qHigh = std::max(qHigh, q);
        cells.push_back({r, q});
    });

    // By hexagon, and within one in order of start (places came in that order): where each place goes.
    const std::size_t n = cells.size();
    const std::uint64_t columns = n == 0 ? 0 : static_cast<std::uint64_t>(std::int64_t{qHigh} - qLow + 1);
    const std::uint64_t rows = n == 0 ? 0 : static_cast<std::uint64_t>(std::int64_t{rHigh} - rLow + 1);
    const auto cellOf = [&](std::size_t i) {
        return static_cast<std::uint64_t>(cells[i].first - rLow) * columns + static_cast<std::uint64_t>(cells[i].second - qLow);
    };
    // A grid over the places no bigger than a few cells a place (the usual case: a zoom level's hexagons over the
    // region are a few thousand): a counting sort, stable; cells numbered row by row come out in order of (r, q).
    const bool counted = rows * columns <= std::max<std::uint64_t>(std::uint64_t{4} * n, 1 << 16);
    std::vector<std::uint32_t> starts;  // counted: where cell c's next place goes
    std::vector<std::uint32_t> rank;    // else: where place i goes
    if (counted) {
        starts.assign(rows * columns + 1, 0);
        for (std::size_t i = 0; i < n; ++i) ++starts[cellOf(i) + 1];
        for (std::size_t c = 0; c + 1 < starts.size(); ++c) starts[c + 1] += starts[c];
        for (std::size_t c = 0; c + 1 < starts.size(); ++c)
            if (starts[c + 1] > starts[c])
                out.bins.push_back({static_cast<std::int32_t>(static_cast<std::int64_t>(c / columns) + rLow),
                                    static_cast<std::int32_t>(static_cast<std::int64_t>(c % columns) + qLow), starts[c],
                                    starts[c + 1] - starts[c]});
    } else {
        std::vector<std::uint64_t> order(n);
        if (rows * columns <= std::uint64_t{1} << 32) {
            // The hexagon's number in the grid over the places, row by row, above the place's: sorting the numbers
            // (Boost's spreadsort) orders by (r, q), then by place.
            for (std::size_t i = 0; i < n; ++i) order[i] = cellOf(i) << 32 | i;
            boost::sort::spreadsort::integer_sort(order.begin(), order.end());
            for (std::uint64_t& packed : order) packed &= 0xFFFFFFFFu;
        } else {
            // A grid too fine to number in 32 bits (zoomed far in, with events far apart): compare the cells.
            std::iota(order.begin(), order.end(), std::uint64_t{0});
            std::stable_sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) { return cells[a] < cells[b]; });
        }
        rank.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            rank[order[k]] = static_cast<std::uint32_t>(k);
            if (k == 0 || cells[order[k]] != cells[order[k - 1]])
                out.bins.push_back({cells[order[k]].first, cells[order[k]].second, static_cast<std::uint32_t>(k), 0});
            ++out.bins.back().count;
        }
    }

    // Second pass, over the same places in the same order (the facts and the projection give the same answers):
    // each member made where it goes.
    reserveHuge(out.members, n);
    out.members.resize(n);
    std::size_t i = 0;
    forEachPlace([&](std::uint32_t index, const timeline::EventFacts& e, double opacity, MapXY at) {
        out.members[counted ? starts[cellOf(i)]++ : rank[i]] = {index, e.firstDay, std::min(e.deathsLow, 10'000'000),
                                                                cumulative ? 1.0f : static_cast<float>(opacity), e.kind, at};
        ++i;
    });
    return out;
}

bool binsNarrow(const EventBins& all, const timeline::EventSelection& events, const TimeSettings& time, double radius_m,
                bool userEvents) {
    return all.events != nullptr && !all.events->filter().active() && &all.events->catalogue() == &events.catalogue() &&
           time.mode == TimeMode::Cumulative && binsFit(all, *all.events, time, radius_m, userEvents);
}

EventBins narrowBins(const EventBins& all, const timeline::EventSelection& events) {
    EventBins out;
    out.events = &events;
    out.catalogueSize = all.catalogueSize;
    out.time = all.time;
    out.radius_m = all.radius_m;
    out.userEvents = all.userEvents;
    // Room for one place for each event the filter keeps, as binEvents makes.
    reserveHuge(out.members, std::min(all.members.size(), events.indices().size()));
    out.bins.reserve(all.bins.size());
    for (const EventBins::Bin& bin : all.bins) {
        EventBins::Bin kept = bin;
        kept.first = static_cast<std::uint32_t>(out.members.size());
        for (std::uint32_t i = bin.first; i < bin.first + bin.count; ++i)
            if (events.selectedAt(all.members[i].event)) out.members.push_back(all.members[i]);
        kept.count = static_cast<std::uint32_t>(out.members.size()) - kept.first;
        if (kept.count > 0) out.bins.push_back(kept);
    }
    return out;
}

std::span<const HitGrid::Item> HitGrid::near(ScreenPx p) const {
    if (columns <= 0 || rows <= 0 || !(p.x_px >= 0) || !(p.y_px >= 0)) return {};
    const auto column = static_cast<int>(p.x_px / cell_px), row = static_cast<int>(p.y_px / cell_px);
    if (column >= columns || row >= rows) return {};
    const auto c = static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(column);
    return std::span<const Item>(items).subspan(starts[c], starts[c + 1] - starts[c]);
}

void indexHits(DynamicScene& scene, const View& view, double margin_px) {
    HitGrid& grid = scene.hits;
    grid = {};
    grid.columns = std::max(1, static_cast<int>(std::ceil(view.widthPx / grid.cell_px)));
    grid.rows = std::max(1, static_cast<int>(std::ceil(view.heightPx / grid.cell_px)));
    const std::size_t cells = static_cast<std::size_t>(grid.columns) * static_cast<std::size_t>(grid.rows);
    // Each item's square of cells, clipped to the screen; counted, then placed (a bucket sort, stable).
    struct Reach {
        HitGrid::Item item;
        int c0, c1, r0, r1;
    };
    std::vector<Reach> reaches;
    const auto add = [&](HitGrid::Kind kind, std::size_t index, ScreenPx s, double half_px) {
        const double h = half_px + margin_px;
        if (!std::isfinite(s.x_px) || !std::isfinite(s.y_px) || s.x_px + h < 0 || s.y_px + h < 0 ||
            s.x_px - h >= view.widthPx || s.y_px - h >= view.heightPx)
            return;
        const auto cellOf = [&](double v, int count) { return std::clamp(static_cast<int>(std::floor(v / grid.cell_px)), 0, count - 1); };
        reaches.push_back({{kind, static_cast<std::uint32_t>(index)}, cellOf(s.x_px - h, grid.columns), cellOf(s.x_px + h, grid.columns),
                           cellOf(s.y_px - h, grid.rows), cellOf(s.y_px + h, grid.rows)});
    };
    for (std::size_t i = 0; i < scene.markers.size(); ++i) add(HitGrid::Kind::Marker, i, drawnAt(scene.markers[i], view), scene.markers[i].radius_px);
    for (std::size_t i = 0; i < scene.crossings.size(); ++i)
        add(HitGrid::Kind::Crossing, i, view.toScreen(scene.crossings[i].at), scene.crossings[i].size_px);
    for (std::size_t i = 0; i < scene.clusters.size(); ++i) add(HitGrid::Kind::Cluster, i, view.toScreen(scene.clusters[i].at), scene.clusters[i].radius_px);
    std::vector<std::uint32_t> counts(cells + 1, 0);
    const auto forCells = [&](const Reach& r, const auto& f) {
        for (int row = r.r0; row <= r.r1; ++row)
            for (int column = r.c0; column <= r.c1; ++column)
                f(static_cast<std::size_t>(row) * static_cast<std::size_t>(grid.columns) + static_cast<std::size_t>(column));
    };
    for (const Reach& r : reaches) forCells(r, [&](std::size_t c) { ++counts[c + 1]; });
    for (std::size_t c = 0; c < cells; ++c) counts[c + 1] += counts[c];
    grid.starts = counts;
    grid.items.resize(counts[cells]);
    for (const Reach& r : reaches) forCells(r, [&](std::size_t c) { grid.items[counts[c]++] = r.item; });
}

DateBlockLayout dateBlockLayout(const Decorations& d, const TextMeasure& measure, double k) {
    DateBlockLayout layout;
    layout.lines.push_back({d.dateText, 34 * k, 18 * k, 14 * k});
    layout.lines.push_back({d.modeText, 14 * k, 20 * k, 60 * k});
    if (!d.filterText.empty()) layout.lines.push_back({"Filter: " + d.filterText, 14 * k, 20 * k, 80 * k});
    // The panel reaches past the text's halo: from the date's cap top to the last line's descenders (0.25 em).
    double right = 0;
    for (const DateBlockLine& line : layout.lines) right = std::max(right, line.x_px + measure(line.text, line.size_px));
    const DateBlockLine& last = layout.lines.back();
    layout.panel = {8 * k, 6 * k, right + 10 * k, last.capTop_px + last.size_px * (0.714 + 0.25) + 8 * k};
    return layout;
}

DynamicScene buildDynamicScene(const ProjectedMap& map, const timeline::EventSelection& events, const View& view,
                               const TimeSettings& time, const Style& style, const LayerSwitches& layers,
                               const TextMeasure& measure, const EventBins* cached) {
    const timeline::Catalogue& catalogue = events.catalogue();
    DynamicScene scene;
    const double k = style.scale;
    const double mpp = view.metresPerPixel;
    std::set<EventKind> kindsShown;
    std::set<CrossingStatus> statusesShown;
    bool anyHalo = false, anyHollow = false;

    std::set<std::string_view> userFiles;
    if (layers.events) {
        const double radius_m = clusterRadius_m(view, style);
        EventBins local;
        if (cached == nullptr || !binsFit(*cached, events, time, radius_m, layers.userEvents)) {
            local = binEvents(map, events, time, radius_m, layers.userEvents);
            cached = &local;
        }
        const EventBins& binned = *cached;

        // The bins whose hexagons meet the view (with a margin for markers half off the edge): for each row of
        // hexagons, the run of columns the view spans, found by binary search.
        const MapBox visible = view.visibleBox();
        const double margin_m = 60.0 * mpp;
        const double x0 = visible.min.x_m - margin_m, x1 = visible.max.x_m + margin_m;
        const double y0 = visible.min.y_m - margin_m, y1 = visible.max.y_m + margin_m;
        const double R = binned.radius_m;
        // Each bin's events on the date: in cumulative mode those that have started by it (a prefix: in order of
        // start), in window mode all of them.
        struct Shown {
            std::uint32_t first, count;
        };
        std::vector<Shown> inView;
        std::size_t members = 0;
        const auto today = static_cast<std::int32_t>(time.day.time_since_epoch().count());
        const auto rowOf = [&](double y) { return 2.0 / 3.0 * y / R; };
        for (auto r = static_cast<std::int32_t>(std::floor(rowOf(y0))) - 1; r <= static_cast<std::int32_t>(std::ceil(rowOf(y1))) + 1; ++r) {
            const auto qLow = static_cast<std::int32_t>(std::floor(std::sqrt(3.0) / 3.0 * x0 / R - r / 2.0)) - 1;
            const auto qHigh = static_cast<std::int32_t>(std::ceil(std::sqrt(3.0) / 3.0 * x1 / R - r / 2.0)) + 1;
            auto it = std::lower_bound(binned.bins.begin(), binned.bins.end(), std::pair{r, qLow},
                                       [](const EventBins::Bin& b, const std::pair<std::int32_t, std::int32_t>& key) {
                                           return std::pair{b.r, b.q} < key;
                                       });
            for (; it != binned.bins.end() && it->r == r && it->q <= qHigh; ++it) {
                const auto begin = binned.members.begin() + it->first, end = begin + it->count;
                const auto last = std::partition_point(begin, end, [&](const EventBins::Member& m) { return m.day <= today; });
                const auto count = static_cast<std::uint32_t>(last - begin);
                if (count == 0) continue;
                inView.push_back({it->first, count});
                members += count;
            }
        }
        const auto inMargin = [&](MapXY p) { return p.x_m >= x0 && p.x_m <= x1 && p.y_m >= y0 && p.y_m <= y1; };

        const auto makeMarker = [&](const EventBins::Member& member) {
            const Event& e = catalogue.events[member.event];
            Marker m;
            m.eventId = e.id;
            m.kind = e.kind;
            m.at = member.at;
            m.shape = markerShapeFor(e.kind);
            m.colour = style.eventColour(e.kind);
            m.radius_px = markerRadius(e, style);
            m.deaths = std::max(0, e.fatalitiesLow.value_or(0));
            m.opacity = member.opacity;
            m.hollow = e.start->precision() != timeline::TimePrecision::Day;
            m.fromUser = !catalogue.isEmbedded(e);
            if (!style.highlightEventId.empty() || !style.highlightEventIds.empty()) {
                // The picked event stands out; the others step back, still there to be seen.
                m.highlighted = e.id == style.highlightEventId ||
                                std::find(style.highlightEventIds.begin(), style.highlightEventIds.end(), e.id.view()) != style.highlightEventIds.end();
                if (!m.highlighted) m.opacity *= kDimmed;
            }
            if (e.geoPrecision != timeline::GeoPrecision::Exact) {
                const double halo_m = e.geoPrecision == timeline::GeoPrecision::District ? kDistrictRadiusM : kProvinceRadiusM;
                m.halo_px = std::max(m.radius_px + 3.0 * k, halo_m / mpp);
            }
            // The legend counts what can be seen: the marker's centre on the screen.
            if (onScreen(view, view.toScreen(m.at), 0)) {
                if (m.fromUser) userFiles.insert(e.file);
                anyHalo = anyHalo || m.halo_px > 0;
                anyHollow = anyHollow || m.hollow;
                kindsShown.insert(e.kind);
            }
            scene.markers.push_back(m);
        };

        // Few enough to tell apart: every one a marker. Else a bin of one stays a marker, the others are clusters.
        const bool gather = members > kMaxMarkers;
        std::vector<std::uint32_t> alone;  // members drawn as markers, in order of start
        for (const Shown& bin : inView) {
            if (!gather || bin.count == 1) {
                for (std::uint32_t i = bin.first; i < bin.first + bin.count; ++i)
                    if (inMargin(binned.members[i].at)) alone.push_back(i);
                continue;
            }
            Cluster c;
            double sumX = 0, sumY = 0;
            std::array<int, timeline::kEventKindCount> kinds{};
            for (std::uint32_t i = bin.first; i < bin.first + bin.count; ++i) {
                const EventBins::Member& m = binned.members[i];
                sumX += m.at.x_m;
                sumY += m.at.y_m;
                c.deaths += m.deaths;
                ++kinds[static_cast<std::size_t>(m.kind)];
            }
            c.count = static_cast<int>(bin.count);
            c.at = {sumX / c.count, sumY / c.count};
            if (!inMargin(c.at)) continue;
            c.kind = static_cast<EventKind>(std::max_element(kinds.begin(), kinds.end()) - kinds.begin());
            c.colour = style.eventColour(c.kind);
            c.radius_px = (9.0 + 3.0 * std::log10(static_cast<double>(c.count))) * k;
            if (onScreen(view, view.toScreen(c.at), 0))
                for (std::size_t kind = 0; kind < kinds.size(); ++kind)
                    if (kinds[kind] > 0) kindsShown.insert(static_cast<EventKind>(kind));
            scene.clusters.push_back(c);
            scene.eventsShown += bin.count;
            for (std::uint32_t i = bin.first; i < bin.first + bin.count; ++i) scene.eventsInView.push_back(binned.members[i].event);
        }
        std::sort(alone.begin(), alone.end(), [&](std::uint32_t a, std::uint32_t b) {
            return binned.members[a].event != binned.members[b].event ? binned.members[a].event < binned.members[b].event : a < b;
        });
        for (std::uint32_t i : alone) {
            makeMarker(binned.members[i]);
            scene.eventsInView.push_back(binned.members[i].event);
        }
        scene.eventsShown += alone.size();
        // The highlighted event above all the others.
        std::stable_partition(scene.markers.begin(), scene.markers.end(), [](const Marker& m) { return !m.highlighted; });
    }

    for (std::size_t i = 0; i < map.overlays.size(); ++i) {
        const UserLayerStyle own = style.userLayer(i);
        if (!own.visible) continue;
        const Colour colour = style.userLayerColour(i);
        for (const geo::ProjectedFeature& f : map.overlays[i].features)
            if (f.geometry.kind == geo::GeometryKind::Points)
                for (const MapXY& p : f.geometry.points)
                    if (std::isfinite(p.x_m) && onScreen(view, view.toScreen(p), 10))
                        scene.overlayPoints.push_back({p, colour, own.pointRadius_px() * k});
    }

    if (layers.crossings) {
        // The crossings whose icon is ringed: highlighted themselves, or through a closure or unknown period of theirs.
        std::vector<std::string_view> ringed;
        const auto ring = [&](std::string_view id) {
            if (const Event* e = catalogue.find(id)) ringed.push_back(e->kind == EventKind::Crossing ? e->id.view() : e->crossing.view());
        };
        if (!style.highlightEventId.empty()) ring(style.highlightEventId);
        for (const std::string& id : style.highlightEventIds) ring(id);
        for (const Event* crossing : catalogue.crossings()) {
            if (crossing->places.empty()) continue;
            const timeline::CrossingState state = timeline::crossingStateOn(catalogue, *crossing, time.day);
            CrossingIcon icon;
            icon.crossingId = crossing->id;
            icon.name = crossing->name;
            icon.at = map.projection.forward(crossing->places.front());
            if (!std::isfinite(icon.at.x_m) || !onScreen(view, view.toScreen(icon.at), 20)) continue;
            icon.status = state.status;
            icon.colour = style.crossingColour(state.status);
            icon.size_px = 9.0 * k;
            switch (state.status) {
            case CrossingStatus::Open: icon.since = "open"; break;
            case CrossingStatus::Closed: icon.since = "closed since " + state.closure->start->display(); break;
            case CrossingStatus::Uncertain:
                icon.since = "possibly closed: " + state.closure->name +
                             (state.closure->end ? ", reopened " + state.closure->end->display() : ", reopening not known");
                break;
            case CrossingStatus::NotYetOpen: icon.since = "not yet open (opened " + crossing->start->display() + ")"; break;
            case CrossingStatus::Unknown:
                icon.since = "state unknown since " + state.unknown->start->display() +
                             ": no source says whether it was open (" + state.unknown->name + ")";
                break;
            }
            statusesShown.insert(state.status);
            icon.highlighted = std::find(ringed.begin(), ringed.end(), crossing->id.view()) != ringed.end();
            scene.crossings.push_back(std::move(icon));
        }
    }

    // A marker over a crossing's icon moves off it, along the line from the icon's centre through its place (up and to
    // the right where it sits on the centre), with a leader line back: neither hides the other. Each further marker
    // off the same icon turns 40 degrees on, so that they do not pile up.
    {
        std::vector<int> movedOff(scene.crossings.size(), 0);
        for (Marker& m : scene.markers) {
            const ScreenPx p = view.toScreen(m.at);
            for (std::size_t i = 0; i < scene.crossings.size(); ++i) {
                const CrossingIcon& icon = scene.crossings[i];
                const ScreenPx c = view.toScreen(icon.at);
                const double reach = icon.size_px * 1.42 + m.radius_px;  // the icon's corner and the marker's edge
                const double dx = p.x_px - c.x_px, dy = p.y_px - c.y_px, d = std::hypot(dx, dy);
                if (d >= reach || !std::isfinite(d)) continue;
                double angle = d > 0.5 ? std::atan2(dy, dx) : -M_PI / 4;
                angle += movedOff[i]++ * (40.0 * M_PI / 180.0);
                const double out = reach + 3.0 * k;
                m.offset_px = {c.x_px + out * std::cos(angle) - p.x_px, c.y_px + out * std::sin(angle) - p.y_px};
                break;
            }
        }
    }

    // The scale bar and north arrow go to the bottom corner where they cover less, before the labels keep clear of them.
    Decorations& d = scene.decorations;
    d.scale = scaleBarFor(map, view, k);
    {
        const auto covers = [&](Corner corner) {
            const ScreenBox area = scaleBarArea(view, k, corner, d.scale.length_px);
            const auto in = [&](MapXY p) {
                const ScreenPx q = view.toScreen(p);
                return q.x_px >= area.x0 && q.x_px <= area.x1 && q.y_px >= area.y0 && q.y_px <= area.y1;
            };
            int n = 0;
            for (const CrossingIcon& c : scene.crossings) n += in(c.at) ? 3 : 0;
            for (const Marker& m : scene.markers) n += in(m.at) ? 2 : 0;
            for (const Cluster& c : scene.clusters) n += in(c.at) ? 2 : 0;
            if (layers.labels)
                for (const LabelPoint& c : map.cityLabels) n += c.rank <= 2 && in(c.xy) ? 2 : 0;
            return n;
        };
        d.scaleCorner = covers(Corner::BottomRight) < covers(Corner::BottomLeft) ? Corner::BottomRight : Corner::BottomLeft;
    }
    d.dateText = timeline::displayDay(time.day);
    d.modeText = time.mode == TimeMode::Cumulative
                     ? "all events up to this date"
                     : "events of the " + std::to_string(time.windowDays) + " days to this date, older ones fading";
    d.filterText = events.filter().describe();
    if (style.dateOnMap) d.dateBlock = dateBlockLayout(d, measure, k);
    // The distance tool's path before the labels, which keep clear of its own.
    if (!style.measurePath.empty()) d.measure = measurePath(map, style.measurePath, view, style, measure);
    if (layers.labels) scene.labels = placeLabels(map, scene, view, style, layers, measure);

    const ScreenPx arrowPx = northArrowAt(view, k, d.scaleCorner);
    const MapXY arrow = view.toMap(arrowPx);
    const LonLat arrowAt = map.projection.inverse(arrow);
    if (std::isfinite(arrowAt.lon_deg)) {
        const MapXY north = map.projection.forward({arrowAt.lon_deg, std::min(89.0, arrowAt.lat_deg + 0.1)});
        if (std::isfinite(north.x_m)) d.northAngle_rad = std::atan2(north.x_m - arrow.x_m, north.y_m - arrow.y_m);
    }
    d.durandNote = durandViewLegendNote(style.durandView);
    d.crsName = map.projection.name();

    // The legend lists what is on the screen, under headings, in the order a reader needs it.
    const auto add = [&](LegendGroup group, LegendEntry entry) {
        entry.group = group;
        d.legend.push_back(std::move(entry));
    };
    LegendEntry durand{style.durandView == DurandView::International ? LegendSymbol::Line : LegendSymbol::DashedLine,
                       style.durandLine, "Durand Line (" + durandViewName(style.durandView) + ")", {}, {}};
    if (style.durandView == DurandView::Disputed) durand.dash_px = {12.0 * k, 4.0 * k, 2.0 * k, 4.0 * k};
    add(LegendGroup::Border, durand);
    if (layers.disputed) {
        for (const geo::ProjectedFeature& f : map.disputedBorders.features) {
            const MapBox box = view.visibleBox();
            if (f.bounds.max.x_m >= box.min.x_m && f.bounds.min.x_m <= box.max.x_m && f.bounds.max.y_m >= box.min.y_m &&
                f.bounds.min.y_m <= box.max.y_m) {
                add(LegendGroup::Border, {LegendSymbol::DashedLine, style.disputedLine, "Kashmir: line of control, claims", {5.0 * k, 4.0 * k}, {}});
                break;
            }
        }
    }
    d.dataCredit = "Boundaries: Natural Earth (public domain).";
    if (layers.rivers && anyVertexIn(map.rivers, view.visibleBox())) {
        add(LegendGroup::Border, {LegendSymbol::Line, style.river, "River", {}, {}, {}, style.river_px * k});
        d.dataCredit += " Rivers: GSHHG (LGPL).";
    }
    for (CrossingStatus status : {CrossingStatus::Open, CrossingStatus::Closed, CrossingStatus::Uncertain, CrossingStatus::Unknown,
                                  CrossingStatus::NotYetOpen})
        if (statusesShown.count(status))
            add(LegendGroup::Crossings, {LegendSymbol::Crossing, style.crossingColour(status), statusLegendText(status), {}, {}, status});
    for (EventKind kind : timeline::allEventKinds())
        if (kindsShown.count(kind))
            add(LegendGroup::Events, {LegendSymbol::Marker, style.eventColour(kind), kindLegendText(kind), {}, markerShapeFor(kind)});
    // The size key: round tolls up to the most deaths a marker on the screen reports, at the markers' own sizes.
    int mostDeaths = 0;
    for (const Marker& m : scene.markers)
        if (onScreen(view, view.toScreen(m.at), 0)) mostDeaths = std::max(mostDeaths, m.deaths);
    if (const std::vector<int> tolls = sizeKeyDeaths(mostDeaths); !tolls.empty()) {
        LegendEntry key{LegendSymbol::SizeKey, style.text, "Deaths reported (the fewest)", {}, MarkerShape::Circle};
        for (const int toll : tolls)
            key.sizes.push_back({toll, markerRadius_px(toll, style), std::to_string(toll) + (toll == 400 && mostDeaths > 400 ? "+" : "")});
        add(LegendGroup::Events, std::move(key));
    }
    if (!scene.clusters.empty())
        add(LegendGroup::Events, {LegendSymbol::Cluster, style.text, "Events grouped where they crowd", {}, {}});
    if (anyHalo) add(LegendGroup::Events, {LegendSymbol::Halo, style.text, "Place known only to district or province", {}, {}});
    if (anyHollow) add(LegendGroup::Events, {LegendSymbol::Hollow, style.text, "Date known only to month or year", {}, {}});
    // The places named on the map: a city's dot by its rank, at the dot's own size; the type of country and
    // province names.
    std::array<const Label*, 4> cityShown{};
    bool countryShown = false, provinceShown = false;
    for (const Label& l : scene.labels) {
        if (l.kind == LabelKind::City && l.dot_px > 0) {
            const int r = std::clamp(l.rank, 1, 3);  // the label's text may carry a local name: its rank, not its text
            if (cityShown[static_cast<std::size_t>(r)] == nullptr) cityShown[static_cast<std::size_t>(r)] = &l;
        }
        countryShown = countryShown || l.kind == LabelKind::Country;
        provinceShown = provinceShown || l.kind == LabelKind::Province;
    }
    const char* cityText[] = {"", "Capital", "City", "Town"};
    for (std::size_t r = 1; r <= 3; ++r)
        if (const Label* l = cityShown[r]) add(LegendGroup::Places, {LegendSymbol::CityDot, l->colour, cityText[r], {}, {}, {}, l->dot_px});
    for (const LabelKind kind : {LabelKind::Country, LabelKind::Province}) {
        if (!(kind == LabelKind::Country ? countryShown : provinceShown)) continue;
        const auto l = std::find_if(scene.labels.begin(), scene.labels.end(), [&](const Label& x) { return x.kind == kind; });
        LegendEntry sample{LegendSymbol::NameSample, l->colour, kind == LabelKind::Country ? (l->upper ? "COUNTRY" : "Country") : "Province", {}, {}};
        sample.type = {std::min(l->size_px, 13.0 * k), l->bold, l->italic, l->upper, l->letterSpacing_em};
        add(LegendGroup::Places, std::move(sample));
    }
    for (std::size_t i = 0; i < map.overlays.size(); ++i) {
        const geo::ProjectedLayer& layer = map.overlays[i];
        const UserLayerStyle own = style.userLayer(i);
        if (!own.visible) continue;
        const bool points = std::all_of(layer.features.begin(), layer.features.end(),
                                        [](const geo::ProjectedFeature& f) { return f.geometry.kind == geo::GeometryKind::Points; });
        LegendEntry entry{points ? LegendSymbol::Marker : LegendSymbol::Line, style.userLayerColour(i), "Layer: " + printable(layer.name), {}, MarkerShape::Circle};
        if (!points) entry.width_px = own.width_px * k;
        add(LegendGroup::Yours, std::move(entry));
    }
    for (std::string_view file : userFiles)
        add(LegendGroup::Yours, {LegendSymbol::Hollow, style.overlay, "Events: " + printable(std::filesystem::path(file).filename().string()), {}, {}});
    indexHits(scene, view, 3.0);  // hover and click allow 2 to 3 px beyond a shape
    return scene;
}

}  // namespace bordermap::scene
