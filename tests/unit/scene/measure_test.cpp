// The distance tool's path as scene data, and the user's layers' styles in the scene.

#include "../test_paths.hpp"
#include "scene_fixture.hpp"

#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/vector_source.hpp>
#include <bordermap/scene/scene.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::scene;
using test::engineWidth;
using test::regionalMap;

namespace {

// Peshawar, Torkham, Jalalabad, Kabul: three legs across the border.
const std::vector<LonLat> kKhyberRoad{{71.5785, 34.0151}, {71.0847, 34.1147}, {70.4500, 34.4300}, {69.1723, 34.5281}};

View khyberView(int w = 1024, int h = 768) {
    return viewAtZoom(regionalMap(), {70.4, 34.3}, 8, w, h);
}

bool clearOf(const ScreenBox& box, const MeasurePath& path, const View& view, std::size_t self) {
    for (std::size_t i = 0; i < path.labels.size(); ++i)
        if (i != self && path.labels[i].box.overlaps(box)) return false;
    for (const MapXY& v : path.vertices) {
        const ScreenPx p = view.toScreen(v);
        if (box.overlaps({p.x_px - path.vertex_px, p.y_px - path.vertex_px, p.x_px + path.vertex_px, p.y_px + path.vertex_px})) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("distances and bearings read as a reader expects") {
    CHECK(distanceText(849.6) == "850 m");
    CHECK(distanceText(4321) == "4.3 km");
    CHECK(distanceText(99'940) == "99.9 km");
    CHECK(distanceText(112'400) == "112 km");
    CHECK(distanceText(1'204'000) == "1,204 km");
    CHECK(bearingText(0.2) == "0\u00b0 N");
    CHECK(bearingText(287.4) == "287\u00b0 WNW");
    CHECK(bearingText(359.8) == "0\u00b0 N");
    CHECK(bearingText(103.8) == "104\u00b0 ESE");
}

TEST_CASE("a measured path: each leg's geodesic length and bearing, the total, a label at each leg and the total") {
    const View view = khyberView();
    const MeasurePath path = measurePath(regionalMap(), kKhyberRoad, view, test::standardStyle(), engineWidth);
    REQUIRE(path.vertices.size() == 4);
    REQUIRE(path.legs.size() == 3);
    double sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const geo::GeodesicLeg g = geo::geodesicLeg(kKhyberRoad[i], kKhyberRoad[i + 1]);
        CHECK(path.legs[i].length_m == doctest::Approx(g.length_m));
        CHECK(path.legs[i].bearing_deg == doctest::Approx(g.initialBearing_deg));
        sum += g.length_m;
        // The leg's line runs from one vertex to the next.
        REQUIRE(path.legs[i].line.size() >= 2);
        CHECK(std::hypot(path.legs[i].line.front().x_m - path.vertices[i].x_m, path.legs[i].line.front().y_m - path.vertices[i].y_m) < 1);
        CHECK(std::hypot(path.legs[i].line.back().x_m - path.vertices[i + 1].x_m, path.legs[i].line.back().y_m - path.vertices[i + 1].y_m) < 1);
    }
    CHECK(path.total_m == doctest::Approx(sum));
    CHECK(path.total_m == doctest::Approx(geo::geodesicLengthM(kKhyberRoad)));
    CHECK(path.legs[0].bearing_deg > 270);  // Peshawar to Torkham: west, a little north
    CHECK(path.legs[0].bearing_deg < 300);
    // Jalalabad to Kabul is about 118 km: densified every 10 km.
    CHECK(path.legs[2].line.size() >= 12);

    REQUIRE(path.labels.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) CHECK(path.labels[i].text == distanceText(path.legs[i].length_m) + " \u00b7 " + bearingText(path.legs[i].bearing_deg));
    CHECK(path.labels[3].text == "Total " + distanceText(path.total_m));
    for (std::size_t i = 0; i < path.labels.size(); ++i) {
        const Label& l = path.labels[i];
        CHECK(l.kind == LabelKind::Measure);
        CHECK(clearOf(l.box, path, view, i));
        CHECK(l.box.x0 >= 0);
        CHECK(l.box.x1 <= view.widthPx);
    }
    // A leg's label lies beside its middle, not across its line: the middle of the screen line is outside the box.
    const ScreenPx a = view.toScreen(path.vertices[2]), b = view.toScreen(path.vertices[3]);
    const ScreenBox& box = path.labels[2].box;
    const ScreenPx mid{(a.x_px + b.x_px) / 2, (a.y_px + b.y_px) / 2};
    CHECK_FALSE((mid.x_px > box.x0 && mid.x_px < box.x1 && mid.y_px > box.y0 && mid.y_px < box.y1));
    CHECK(std::hypot((box.x0 + box.x1) / 2 - mid.x_px, (box.y0 + box.y1) / 2 - mid.y_px) < 40);
    // The total beside the last vertex, Kabul.
    const ScreenPx kabul = view.toScreen(path.vertices[3]);
    const ScreenBox& total = path.labels[3].box;
    CHECK(std::hypot(std::clamp(kabul.x_px, total.x0, total.x1) - kabul.x_px, std::clamp(kabul.y_px, total.y0, total.y1) - kabul.y_px) < 20);
}

TEST_CASE("a label that would leave the screen goes to another side of its place") {
    // Kabul, the last vertex, 40-odd pixels from the left edge: the total cannot go on west of it.
    const View view = viewAtZoom(regionalMap(), {71.0, 34.3}, 8.5, 1024, 768);
    REQUIRE(view.toScreen(regionalMap().projection.forward(kKhyberRoad.back())).x_px < 60);
    const MeasurePath path = measurePath(regionalMap(), kKhyberRoad, view, test::standardStyle(), engineWidth);
    REQUIRE(path.labels.size() == 4);
    for (std::size_t i = 0; i < path.labels.size(); ++i) {
        const ScreenBox& b = path.labels[i].box;
        CHECK(b.x0 >= 2);
        CHECK(b.y0 >= 2);
        CHECK(b.x1 <= view.widthPx - 2);
        CHECK(clearOf(b, path, view, i));
    }
}

TEST_CASE("one leg has no separate total; a single point is a mark alone; no points, no path") {
    const View view = khyberView();
    const MeasurePath one = measurePath(regionalMap(), std::span(kKhyberRoad).first(2), view, test::standardStyle(), engineWidth);
    CHECK(one.legs.size() == 1);
    CHECK(one.labels.size() == 1);
    const MeasurePath point = measurePath(regionalMap(), std::span(kKhyberRoad).first(1), view, test::standardStyle(), engineWidth);
    CHECK(point.vertices.size() == 1);
    CHECK(point.legs.empty());
    CHECK(point.labels.empty());
    CHECK(measurePath(regionalMap(), {}, view, test::standardStyle(), engineWidth).empty());
}

TEST_CASE("the dynamic scene carries the style's measured path, and the map's labels keep clear of its labels") {
    const View view = khyberView();
    Style style = test::standardStyle();
    const timeline::Catalogue& catalogue = test::embeddedCatalogue();
    TimeSettings time;
    time.day = test::day("2025-10-15");
    const DynamicScene without = buildDynamicScene(regionalMap(), catalogue, view, time, style, {}, engineWidth);
    CHECK(without.decorations.measure.empty());
    style.measurePath = kKhyberRoad;
    const DynamicScene with = buildDynamicScene(regionalMap(), catalogue, view, time, style, {}, engineWidth);
    const MeasurePath& path = with.decorations.measure;
    REQUIRE(path.labels.size() == 4);
    for (const Label& l : with.labels)
        for (const Label& m : path.labels) CHECK_FALSE(l.box.overlaps(m.box));
}

TEST_CASE("the user's layers in the scene: each in its own colour and width, hidden ones left out, labelled by a field") {
    geo::LoadOptions lenient;
    lenient.strict = false;
    std::vector<geo::Layer> overlays = geo::loadVectorSource(test::dataFile("route.kml"), lenient).layers;
    overlays.push_back(geo::loadVectorSource(test::dataFile("points.geojson"), lenient).layers.front());
    const ProjectedMap map = projectMap(test::boundaries(), "regional", overlays);
    const View view = viewAtZoom(map, {70.4, 34.0}, 7, 1024, 768);
    Style style = test::standardStyle();
    style.userLayers = {UserLayerStyle{true, Colour{10, 120, 40, 255}, 3.0, {}}, UserLayerStyle{true, Colour{200, 0, 0, 255}, 3.6, "name"}};
    TimeSettings time;
    time.day = test::day("2025-10-15");
    const auto strokeOf = [](const StaticScene& s, const std::string& layer) {
        return std::find_if(s.strokes.begin(), s.strokes.end(), [&](const StrokeBatch& b) { return b.layer == "overlay:" + layer; });
    };
    const StaticScene base = buildStaticScene(map, style, {});
    const auto route = strokeOf(base, overlays[0].name);
    REQUIRE(route != base.strokes.end());
    CHECK(route->colour == Colour{10, 120, 40, 255});
    CHECK(route->width_px == doctest::Approx(3.0));

    const DynamicScene shown = buildDynamicScene(map, test::embeddedCatalogue(), view, time, style, {}, engineWidth);
    REQUIRE(shown.overlayPoints.size() >= 2);  // Kabul and Peshawar at least
    for (const OverlayPoint& p : shown.overlayPoints) {
        CHECK(p.colour == Colour{200, 0, 0, 255});
        CHECK(p.radius_px == doctest::Approx(7.0));
    }
    std::vector<std::string> userLabels;
    for (const Label& l : shown.labels)
        if (l.kind == LabelKind::User) userLabels.push_back(l.text);
    CHECK(std::find(userLabels.begin(), userLabels.end(), "Peshawar") != userLabels.end());
    const auto legendHas = [](const DynamicScene& s, const std::string& text) {
        return std::any_of(s.decorations.legend.begin(), s.decorations.legend.end(), [&](const LegendEntry& e) { return e.text == text; });
    };
    CHECK(legendHas(shown, "Layer: " + overlays[1].name));

    style.userLayers[0].visible = false;
    style.userLayers[1].visible = false;
    const StaticScene without = buildStaticScene(map, style, {});
    CHECK(strokeOf(without, overlays[0].name) == without.strokes.end());
    const DynamicScene hidden = buildDynamicScene(map, test::embeddedCatalogue(), view, time, style, {}, engineWidth);
    CHECK(hidden.overlayPoints.empty());
    CHECK_FALSE(legendHas(hidden, "Layer: " + overlays[1].name));
    CHECK(std::none_of(hidden.labels.begin(), hidden.labels.end(), [](const Label& l) { return l.kind == LabelKind::User; }));
}
