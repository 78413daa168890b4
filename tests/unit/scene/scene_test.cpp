#include "scene_fixture.hpp"

#include <bordermap/scene/scene.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;
using test::regionalMap;

namespace {

View regionView() { return fitView(regionalMap().regionBox, 1600, 1000); }

DynamicScene sceneOn(const char* date, TimeMode mode = TimeMode::Window, int window = 30,
                     const Style& style = makeStyle(PaletteKind::Standard, DurandView::International)) {
    return buildDynamicScene(regionalMap(), test::embeddedCatalogue(), regionView(), {day(date), mode, window}, style,
                             LayerSwitches{});
}

std::set<std::string> markerIds(const DynamicScene& s) {
    std::set<std::string> ids;
    for (const Marker& m : s.markers) ids.insert(std::string(m.eventId));
    return ids;
}

bool hasLegend(const DynamicScene& s, const std::string& text) {
    return std::any_of(s.decorations.legend.begin(), s.decorations.legend.end(),
                       [&](const LegendEntry& e) { return e.text.find(text) != std::string::npos; });
}

// An entry under a heading, its text beginning with `text`.
bool hasLegend(const DynamicScene& s, LegendGroup group, const std::string& text) {
    return std::any_of(s.decorations.legend.begin(), s.decorations.legend.end(),
                       [&](const LegendEntry& e) { return e.group == group && e.text.starts_with(text); });
}

}  // namespace

TEST_CASE("the view maps screen and map both ways and zooms around the cursor") {
    View v;
    v.centre = {1000.0, 2000.0};
    v.metresPerPixel = 50.0;
    v.widthPx = 800;
    v.heightPx = 600;
    const ScreenPx s = v.toScreen({1000.0 + 50.0 * 100, 2000.0 + 50.0 * 20});
    CHECK(s.x_px == doctest::Approx(500.0));
    CHECK(s.y_px == doctest::Approx(280.0));  // up on the map is up on the screen
    const MapXY back = v.toMap(s);
    CHECK(back.x_m == doctest::Approx(6000.0));
    const MapXY under = v.toMap({100, 100});
    v.zoomAround({100, 100}, 2.0);
    CHECK(v.metresPerPixel == doctest::Approx(25.0));
    CHECK(v.toMap({100, 100}).x_m == doctest::Approx(under.x_m));
    CHECK(v.toMap({100, 100}).y_m == doctest::Approx(under.y_m));
}

TEST_CASE("the static scene holds the layers once, the Durand Line on top") {
    const StaticScene s = buildStaticScene(regionalMap(), makeStyle(PaletteKind::Standard, DurandView::International), {});
    REQUIRE(s.strokes.size() >= 5);
    CHECK(s.strokes.back().layer == "durand");
    CHECK(s.strokes.back().dash_px.empty());
    CHECK(s.strokes[s.strokes.size() - 2].layer == "durand-halo");
    CHECK(s.vertexCount > 18000);
    const StaticScene disputed = buildStaticScene(regionalMap(), makeStyle(PaletteKind::Standard, DurandView::Disputed), {});
    CHECK_FALSE(disputed.strokes.back().dash_px.empty());
    CHECK(disputed.strokes.back().colour != s.strokes.back().colour);
    LayerSwitches noGrid;
    noGrid.graticule = false;
    const StaticScene plain = buildStaticScene(regionalMap(), makeStyle(PaletteKind::Standard, DurandView::International), noGrid);
    CHECK(std::none_of(plain.strokes.begin(), plain.strokes.end(), [](const StrokeBatch& b) { return b.layer == "graticule"; }));
}

TEST_CASE("a static scene cut into parts for threads draws the same batches in the same order, in even shares") {
    const StaticScene whole = buildStaticScene(regionalMap(), makeStyle(PaletteKind::Standard, DurandView::International), {});
    // Every batch's lines, in the order they are drawn, as (layer, first vertex, vertex count) triples.
    const auto drawn = [](const std::vector<StaticScene>& parts) {
        std::vector<std::tuple<std::string, MapXY, std::size_t>> out;
        for (const StaticScene& part : parts) {
            for (const FillBatch& f : part.fills)
                for (const MapLine& l : f.rings) out.emplace_back("fill:" + f.layer, l.front(), l.size());
            for (const StrokeBatch& st : part.strokes)
                for (const MapLine& l : st.lines) out.emplace_back(st.layer, l.front(), l.size());
        }
        return out;
    };
    const auto expected = drawn({whole});
    for (const std::size_t n : std::initializer_list<std::size_t>{1, 2, 3, 4, 16}) {
        CAPTURE(n);
        const std::vector<StaticScene> parts = splitStaticScene(whole, n);
        REQUIRE(!parts.empty());
        CHECK(parts.size() <= n);
        CHECK(drawn(parts) == expected);
        CHECK(parts.front().background == whole.background);
        std::size_t total = 0, largest = 0;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            CHECK((!parts[i].fills.empty() || !parts[i].strokes.empty()));
            if (i > 0) CHECK(parts[i].background.a == 0);
            total += parts[i].vertexCount;
            largest = std::max(largest, parts[i].vertexCount);
        }
        CHECK(total == whole.vertexCount);
        // The shares are even but for what cannot be cut: a fill batch, a translucent stroke, one line.
        std::size_t uncut = 0;
        const auto count = [](const std::vector<MapLine>& lines) {
            std::size_t v = 0;
            for (const MapLine& l : lines) v += l.size();
            return v;
        };
        for (const FillBatch& f : whole.fills) uncut = std::max(uncut, count(f.rings));
        for (const StrokeBatch& st : whole.strokes) {
            if (st.colour.a < 255) uncut = std::max(uncut, count(st.lines));
            for (const MapLine& l : st.lines) uncut = std::max(uncut, l.size());
        }
        CHECK(largest <= (whole.vertexCount + n - 1) / n + uncut);
        // A translucent batch is never cut; a cut opaque one keeps its style in each part.
        std::map<std::pair<std::string, double>, int> batches;
        for (const StaticScene& part : parts)
            for (const StrokeBatch& st : part.strokes)
                if (++batches[{st.layer, st.width_px}] > 1) CHECK(st.colour.a == 255);
    }
    CHECK(splitStaticScene(whole, 2).size() == 2);
}

TEST_CASE("rivers are thin blue lines above the fills and under every border, by level, on their switch") {
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    const StaticScene s = buildStaticScene(regionalMap(), style, {});
    std::vector<double> widths;
    std::size_t lines = 0;
    for (const StrokeBatch& b : s.strokes) {
        if (b.layer != "rivers") continue;
        CHECK(b.colour == style.river);
        CHECK(b.dash_px.empty());
        widths.push_back(b.width_px);
        lines += b.lines.size();
    }
    // Four widths (levels 0 and 1 share the widest), the thinnest first so that a major river covers its tributaries;
    // every one thinner than the country borders.
    REQUIRE(widths.size() == 4);
    CHECK(std::is_sorted(widths.begin(), widths.end()));
    CHECK(widths.back() == doctest::Approx(style.river_px));
    CHECK(widths.front() == doctest::Approx(style.riverWidth_px(4)));
    CHECK(widths.back() < style.countryLine_px);
    CHECK(lines == regionalMap().rivers.features.size());
    const auto first = [&](const std::string& layer) {
        return std::find_if(s.strokes.begin(), s.strokes.end(), [&](const StrokeBatch& b) { return b.layer == layer; }) - s.strokes.begin();
    };
    CHECK(first("graticule") < first("rivers"));
    CHECK(first("rivers") < first("provinces"));
    CHECK(first("rivers") < first("countries"));
    CHECK(style.river != makeStyle(PaletteKind::Presenter, DurandView::International).river);

    LayerSwitches noRivers;
    noRivers.rivers = false;
    const StaticScene without = buildStaticScene(regionalMap(), style, noRivers);
    CHECK(std::none_of(without.strokes.begin(), without.strokes.end(), [](const StrokeBatch& b) { return b.layer == "rivers"; }));
    CHECK(without.vertexCount < s.vertexCount);
}

TEST_CASE("the legend has a river, and the credits GSHHG, only where rivers show") {
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    const DynamicScene shown = sceneOn("2025-10-20");
    CHECK(hasLegend(shown, "River"));
    CHECK(shown.decorations.dataCredit == "Boundaries: Natural Earth (public domain). Rivers: GSHHG (LGPL).");
    const auto river = std::find_if(shown.decorations.legend.begin(), shown.decorations.legend.end(),
                                    [](const LegendEntry& e) { return e.text == "River"; });
    REQUIRE(river != shown.decorations.legend.end());
    CHECK(river->symbol == LegendSymbol::Line);
    CHECK(river->colour == style.river);
    CHECK(river->width_px == doctest::Approx(style.river_px));

    LayerSwitches noRivers;
    noRivers.rivers = false;
    const DynamicScene off = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), regionView(),
                                               {day("2025-10-20"), TimeMode::Window, 30}, style, noRivers);
    CHECK_FALSE(hasLegend(off, "River"));
    CHECK(off.decorations.dataCredit == "Boundaries: Natural Earth (public domain).");
    // Over the Arabian Sea no river is in view.
    const DynamicScene sea = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), viewAtZoom(regionalMap(), {63.0, 22.0}, 9, 800, 500),
                                               {day("2025-10-20"), TimeMode::Window, 30}, style, LayerSwitches{});
    CHECK_FALSE(hasLegend(sea, "River"));
}

TEST_CASE("boundary data without rivers draws none") {
    geo::BoundaryData data = test::boundaries();
    data.rivers = {};
    const ProjectedMap map = projectMap(data, "regional");
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    const StaticScene s = buildStaticScene(map, style, {});
    CHECK(std::none_of(s.strokes.begin(), s.strokes.end(), [](const StrokeBatch& b) { return b.layer == "rivers"; }));
    const DynamicScene d = buildDynamicScene(map, test::embeddedCatalogue(), fitView(map.regionBox, 1600, 1000),
                                             {day("2025-10-20"), TimeMode::Window, 30}, style, LayerSwitches{});
    CHECK_FALSE(hasLegend(d, "River"));
}

TEST_CASE("markers on a date: the window's events, faded by age, sized by deaths") {
    const DynamicScene s = sceneOn("2025-03-01");
    const auto ids = markerIds(s);
    CHECK(ids.count("attack-2025-02-28-akora-khattak") == 1);
    CHECK(ids.count("clash-2025-03-03-torkham") == 0);     // after the date
    CHECK(ids.count("airstrike-2024-12-24-barmal") == 0);  // before the window
    for (const Marker& m : s.markers) {
        if (m.eventId == "attack-2025-02-28-akora-khattak") {
            CHECK(m.opacity > 0.9);
            CHECK(m.halo_px > 0);  // placed at the town, known to the district
        }
    }
    const DynamicScene all = sceneOn("2025-03-01", TimeMode::Cumulative);
    CHECK(markerIds(all).count("airstrike-2024-12-24-barmal") == 1);
    CHECK(all.markers.size() > s.markers.size());
    double barmal = 0, akora = 0;
    for (const Marker& m : all.markers) {
        if (m.eventId == "airstrike-2024-12-24-barmal") barmal = m.radius_px;
        if (m.eventId == "attack-2025-02-28-akora-khattak") akora = m.radius_px;
    }
    CHECK(barmal > akora);  // 46 dead against 6
}

TEST_CASE("a month-precise date is drawn hollow; a multi-place event has a marker at each place") {
    const DynamicScene s = sceneOn("2025-10-25");
    const auto delhi = std::find_if(s.markers.begin(), s.markers.end(), [](const Marker& m) { return m.eventId == "diplomacy-2025-10-muttaqi-delhi"; });
    REQUIRE(delhi != s.markers.end());
    CHECK(delhi->hollow);
    const DynamicScene feb = sceneOn("2026-02-23", TimeMode::Window, 3);
    CHECK(std::count_if(feb.markers.begin(), feb.markers.end(),
                        [](const Marker& m) { return m.eventId == "airstrike-2026-02-22-three-provinces"; }) == 3);
}

TEST_CASE("crossing states on a date") {
    const DynamicScene s = sceneOn("2025-10-20");
    std::map<std::string, timeline::CrossingStatus> states;
    for (const CrossingIcon& c : s.crossings) states[c.crossingId] = c.status;
    CHECK(states["torkham"] == timeline::CrossingStatus::Closed);
    // No source says Badini (since July 2021) or Arandu (since 11 October 2025) was open: unknown, not open.
    CHECK(states["badini"] == timeline::CrossingStatus::Unknown);
    CHECK(states["arandu"] == timeline::CrossingStatus::Unknown);
    for (const CrossingIcon& c : s.crossings) {
        if (c.crossingId == "torkham") CHECK(c.since == "closed since 11 October 2025");
        if (c.crossingId == "arandu")
            CHECK(c.since.starts_with("state unknown since 11 October 2025: no source says whether it was open"));
    }
    CHECK(hasLegend(s, LegendGroup::Crossings, "Closed"));
    CHECK(hasLegend(s, LegendGroup::Crossings, "State unknown"));
    CHECK_FALSE(hasLegend(s, LegendGroup::Crossings, "Open"));  // every crossing is closed or unknown that day
    for (const LegendEntry& e : s.decorations.legend)
        if (e.text.starts_with("State unknown")) CHECK(e.crossingStatus == timeline::CrossingStatus::Unknown);
    const DynamicScene before = sceneOn("2021-06-01");
    CHECK(hasLegend(before, LegendGroup::Crossings, "Open"));
    CHECK_FALSE(hasLegend(before, LegendGroup::Crossings, "State unknown"));
}

TEST_CASE("labels never overlap and stay on the screen") {
    const DynamicScene s = sceneOn("2025-03-01");
    REQUIRE(s.labels.size() > 20);
    for (std::size_t i = 0; i < s.labels.size(); ++i) {
        const ScreenBox& a = s.labels[i].box;
        CHECK(a.x0 >= 0);
        CHECK(a.y0 >= 0);
        CHECK(a.x1 <= 1600);
        CHECK(a.y1 <= 1000);
        for (std::size_t j = i + 1; j < s.labels.size(); ++j) CHECK_FALSE(a.overlaps(s.labels[j].box));
    }
    std::set<std::string> texts;
    for (const Label& l : s.labels) texts.insert(l.text);
    CHECK(texts.count("AFGHANISTAN") == 1);
    CHECK(texts.count("PAKISTAN") == 1);
    CHECK(texts.count("Kabul") == 1);
    CHECK(texts.count("Islamabad") == 1);
    CHECK(texts.count("Torkham") == 1);
}

TEST_CASE("a small screen keeps the most important labels and hides the rest") {
    View small = fitView(regionalMap().regionBox, 500, 350);
    const DynamicScene s = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), small, {day("2025-03-01"), TimeMode::Window, 30},
                                             makeStyle(PaletteKind::Standard, DurandView::International), LayerSwitches{});
    const DynamicScene big = sceneOn("2025-03-01");
    CHECK(s.labels.size() < big.labels.size());
    CHECK(std::any_of(s.labels.begin(), s.labels.end(), [](const Label& l) { return l.text == "AFGHANISTAN"; }));
}

TEST_CASE("the legend lists only what is on the screen, and says how the Durand Line is drawn") {
    const DynamicScene s = sceneOn("2025-03-01");
    CHECK(hasLegend(s, LegendGroup::Border, "Durand Line (international boundary)"));
    CHECK(hasLegend(s, "Attack"));
    CHECK_FALSE(hasLegend(s, "Ceasefire"));  // none in this window
    CHECK(s.decorations.durandNote.find("Afghanistan does not recognise it") != std::string::npos);
    const DynamicScene disputed = sceneOn("2025-03-01", TimeMode::Window, 30, makeStyle(PaletteKind::Standard, DurandView::Disputed));
    CHECK(hasLegend(disputed, LegendGroup::Border, "Durand Line (disputed line)"));
    // Zoomed far into Balochistan's coast, no crossing and no Kashmir line is on the screen.
    View coast;
    coast.centre = regionalMap().projection.forward({64.0, 25.5});
    coast.metresPerPixel = 200;
    const DynamicScene empty = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), coast, {day("2025-03-01"), TimeMode::Window, 30},
                                                 makeStyle(PaletteKind::Standard, DurandView::International), LayerSwitches{});
    CHECK_FALSE(std::any_of(empty.decorations.legend.begin(), empty.decorations.legend.end(),
                            [](const LegendEntry& e) { return e.group == LegendGroup::Crossings; }));
    CHECK_FALSE(hasLegend(empty, "Kashmir"));
}

TEST_CASE("the scale bar is a round, geodesically measured length") {
    const ScaleBar bar = scaleBarFor(regionalMap(), regionView());
    const double lead = bar.length_km / std::pow(10.0, std::floor(std::log10(bar.length_km)));
    CHECK((lead == doctest::Approx(1.0) || lead == doctest::Approx(2.0) || lead == doctest::Approx(5.0)));
    // The longest round length no longer than a sixth of the screen: between a sixth and 1/2.5 of that.
    CHECK(bar.length_px <= 1600 / 6.0 + 1e-6);
    CHECK(bar.length_px >= 1600 / 6.0 / 2.5 - 1e-6);
    CHECK(bar.text.find(" km") != std::string::npos);
    // In the conformal regional CRS near its standard parallels a map metre is about a true metre.
    const View v = regionView();
    CHECK(bar.length_km * 1000 / bar.length_px == doctest::Approx(v.metresPerPixel).epsilon(0.02));
}

TEST_CASE("the north arrow points to north where it is drawn, which leans away from the regional CRS's central meridian") {
    const auto northAt = [](const View& v, const DynamicScene& d) {
        // North at the arrow's place (58, height - 110 px): the direction to a point a little north of it.
        const MapXY arrow = v.toMap({58.0, v.heightPx - 110.0});
        const LonLat p = regionalMap().projection.inverse(arrow);
        const MapXY north = regionalMap().projection.forward({p.lon_deg, p.lat_deg + 0.1});
        CHECK(d.decorations.northAngle_rad == doctest::Approx(std::atan2(north.x_m - arrow.x_m, north.y_m - arrow.y_m)).epsilon(1e-9));
        return p.lon_deg;
    };
    View v = regionView();
    const auto sceneAt = [&](LonLat centre) {
        v.centre = regionalMap().projection.forward(centre);
        return buildDynamicScene(regionalMap(), test::embeddedCatalogue(), v, {day("2025-03-01"), TimeMode::Window, 30},
                                 makeStyle(PaletteKind::Standard, DurandView::International), LayerSwitches{});
    };
    // The region's view: the arrow stands far west of 69 E, where meridians converging to the north lean east.
    const DynamicScene region = sceneAt({69.0, 31.0});
    CHECK(northAt(v, region) < 64.0);
    CHECK(region.decorations.northAngle_rad > 0.05);
    // Zoomed in on 69 E, the arrow is near the central meridian, and north is nearly up.
    v.metresPerPixel = 50;
    const DynamicScene near = sceneAt({69.0, 31.0});
    CHECK(northAt(v, near) == doctest::Approx(69.0).epsilon(0.01));
    CHECK(std::fabs(near.decorations.northAngle_rad) < 0.01);
    // East of it, north leans west.
    v.metresPerPixel = 200;
    const DynamicScene east = sceneAt({75.0, 31.0});
    CHECK(northAt(v, east) > 72.0);
    CHECK(east.decorations.northAngle_rad < -0.02);
}

TEST_CASE("simplification drops what half a pixel cannot show, and keeps rings closed") {
    MapLine line;
    for (int i = 0; i <= 1000; ++i) line.push_back({i * 10.0, (i % 2) * 0.1});  // a 10 km line, 10 cm of wiggle
    const MapLine simple = simplifyLine(line, 1.0);
    CHECK(simple.size() == 2);
    CHECK(simple.front() == line.front());
    CHECK(simple.back() == line.back());
    CHECK(simplifyLine(line, 0.01).size() == line.size());  // below the wiggle: everything stays

    MapLine ring{{0, 0}, {500, 1}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}};
    const MapLine simpleRing = simplifyLine(ring, 5.0);
    CHECK(simpleRing.front() == simpleRing.back());
    CHECK(simpleRing.size() == 5);  // the 1 m bump on the bottom edge goes

    // A whole band: the coarsest band of the embedded data draws far fewer vertices than the full detail.
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    const StaticScene full = buildStaticScene(regionalMap(), style, {});
    const StaticScene coarse = buildStaticScene(regionalMap(), style, {}, kZoomBands_mpp[4] * 0.5);
    CHECK(coarse.vertexCount < full.vertexCount);
    REQUIRE(coarse.strokes.size() == full.strokes.size());
    const auto vertices = [](const StrokeBatch& b) {
        std::size_t n = 0;
        for (const MapLine& l : b.lines) n += l.size();
        return n;
    };
    // A boundary file densified tenfold (as ogr2ogr -segmentize makes one) draws, at the finest band's half-pixel
    // tolerance, with no more vertices than the original: the extra points are on straight segments.
    ProjectedMap dense = projectMap(test::boundaries(), "regional");
    for (geo::ProjectedFeature& f : dense.provinces.features) {
        geo::Geometry<MapXY> g = f.geometry;
        g.points.clear();
        for (std::size_t r = 0; r < f.geometry.runCount(); ++r) {
            g.runStarts[r] = static_cast<std::uint32_t>(g.points.size());
            const auto run = f.geometry.run(r);
            for (std::size_t i = 0; i + 1 < run.size(); ++i)
                for (int k = 0; k < 10; ++k)
                    g.points.push_back({run[i].x_m + (run[i + 1].x_m - run[i].x_m) * k / 10.0, run[i].y_m + (run[i + 1].y_m - run[i].y_m) * k / 10.0});
            g.points.push_back(run.back());
        }
        f.geometry = std::move(g);
    }
    const StaticScene denseFine = buildStaticScene(dense, style, {}, kZoomBands_mpp[1] * 0.5);
    for (std::size_t i = 0; i < full.strokes.size(); ++i) {
        if (full.strokes[i].layer != "provinces") continue;
        CHECK(vertices(denseFine.strokes[i]) <= vertices(full.strokes[i]));
        CHECK(vertices(coarse.strokes[i]) < vertices(full.strokes[i]));
    }
}

TEST_CASE("the window's legend goes to the corner where it covers least of the map") {
    const View v = regionView();
    const DynamicScene s = sceneOn("2025-10-20");
    const auto covered = [&](const ScreenBox& box) {
        std::size_t n = 0;
        for (const CrossingIcon& c : s.crossings) {
            const ScreenPx p = v.toScreen(c.at);
            n += box.overlaps({p.x_px - c.size_px, p.y_px - c.size_px, p.x_px + c.size_px, p.y_px + c.size_px}) ? 1u : 0u;
        }
        for (const Label& l : s.labels) n += box.overlaps(l.box) ? 1u : 0u;
        for (const Marker& m : s.markers) {
            const ScreenPx p = v.toScreen(m.at);
            n += box.overlaps({p.x_px - m.radius_px, p.y_px - m.radius_px, p.x_px + m.radius_px, p.y_px + m.radius_px}) ? 1u : 0u;
        }
        return n;
    };
    const double w = 420, h = 330, margin = 16;
    const ScreenBox place = legendPlace(s, v, w, h, margin, 1.0);
    CHECK(place.x1 - place.x0 == doctest::Approx(w));
    CHECK(place.y1 - place.y0 == doctest::Approx(h));
    // On the region's map of 20 October 2025 the crossings and strikes lie in the middle and the north east: the
    // legend covers no crossing or marker, and no corner it may take (the right-hand ones) covers fewer things.
    std::size_t symbols = 0;
    for (const CrossingIcon& c : s.crossings) symbols += place.overlaps({v.toScreen(c.at).x_px - 9, v.toScreen(c.at).y_px - 9, v.toScreen(c.at).x_px + 9, v.toScreen(c.at).y_px + 9}) ? 1u : 0u;
    for (const Marker& m : s.markers) symbols += place.overlaps({v.toScreen(m.at).x_px - 1, v.toScreen(m.at).y_px - 1, v.toScreen(m.at).x_px + 1, v.toScreen(m.at).y_px + 1}) ? 1u : 0u;
    CHECK(symbols == 0);
    const double W = v.widthPx, H = v.heightPx;
    for (const ScreenBox corner : {ScreenBox{W - margin - w, H - margin - h, W - margin, H - margin}, ScreenBox{W - margin - w, margin, W - margin, margin + h}})
        CHECK(covered(place) <= covered(corner));
    // Never over the date block or the scale bar.
    CHECK_FALSE(place.overlaps({0, 0, 420, 110}));
    CHECK_FALSE(place.overlaps({0, v.heightPx - 150.0, 240, static_cast<double>(v.heightPx)}));
    // A legend as big as half the map still gets a corner (the least bad one).
    const ScreenBox big = legendPlace(s, v, v.widthPx / 2.0, v.heightPx / 2.0, margin, 1.0);
    CHECK(big.x1 - big.x0 == doctest::Approx(v.widthPx / 2.0));
}

TEST_CASE("a highlighted event is drawn last, the others dimmed") {
    const DynamicScene plain = sceneOn("2025-10-20");
    Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    style.highlightEventId = "airstrike-2025-10-17-urgun";
    const DynamicScene picked = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), regionView(),
                                                  {day("2025-10-20"), TimeMode::Window, 30}, style, LayerSwitches{});
    REQUIRE(picked.markers.size() == plain.markers.size());
    REQUIRE_FALSE(picked.markers.empty());
    CHECK(picked.markers.back().eventId == "airstrike-2025-10-17-urgun");
    CHECK(picked.markers.back().highlighted);
    std::size_t highlighted = 0;
    for (const Marker& m : picked.markers) {
        if (m.highlighted) {
            ++highlighted;
            continue;
        }
        // Each other marker is the same as without a highlight, at a third of its opacity or so.
        const auto same = std::find_if(plain.markers.begin(), plain.markers.end(), [&](const Marker& p) { return p.eventId == m.eventId; });
        REQUIRE(same != plain.markers.end());
        CHECK(m.opacity == doctest::Approx(same->opacity * 0.35));
    }
    CHECK(highlighted == 1);
    for (const Marker& m : plain.markers) CHECK_FALSE(m.highlighted);
}

TEST_CASE("a highlighted closure rings its crossing's icon, and only its own") {
    Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    style.highlightEventIds = {"closure-2025-10-torkham", "closure-2025-10-chaman"};
    const DynamicScene s = buildDynamicScene(regionalMap(), test::embeddedCatalogue(), regionView(), {day("2025-10-12"), TimeMode::Window, 30},
                                             style, LayerSwitches{});
    std::vector<std::string> ringed;
    for (const CrossingIcon& c : s.crossings)
        if (c.highlighted) ringed.push_back(c.name);
    std::sort(ringed.begin(), ringed.end());
    REQUIRE(ringed.size() == 2);
    CHECK(ringed[0].find("Chaman") == 0);
    CHECK(ringed[1] == "Torkham");
    for (const CrossingIcon& c : sceneOn("2025-10-12").crossings) CHECK_FALSE(c.highlighted);
}

TEST_CASE("a marker over a crossing's icon is drawn beside it with a leader line back to its place") {
    const DynamicScene s = sceneOn("2025-10-20");
    const View v = regionView();
    int moved = 0;
    for (const Marker& m : s.markers) {
        CAPTURE(m.eventId);
        const ScreenPx drawn = drawnAt(m, v);
        for (const CrossingIcon& c : s.crossings) {
            const ScreenPx icon = v.toScreen(c.at);
            // The marker's circle stays off the icon's square.
            const double dx = std::max({icon.x_px - c.size_px - drawn.x_px, 0.0, drawn.x_px - (icon.x_px + c.size_px)});
            const double dy = std::max({icon.y_px - c.size_px - drawn.y_px, 0.0, drawn.y_px - (icon.y_px + c.size_px)});
            CHECK(std::hypot(dx, dy) >= m.radius_px);
        }
        if (hasLeader(m)) {
            ++moved;
            const ScreenPx place = v.toScreen(m.at);
            CHECK(std::hypot(drawn.x_px - place.x_px, drawn.y_px - place.y_px) < 60);  // near enough to read as its own
        }
    }
    CHECK(moved >= 2);  // the clashes at Kharlachi and Angoor Adda, on 20 October 2025
}
