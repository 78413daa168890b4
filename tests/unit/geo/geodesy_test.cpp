#include <bordermap/geo/geodesy.hpp>

#include <doctest/doctest.h>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

Geometry<LonLat> line(std::vector<LonLat> points) {
    Geometry<LonLat> g;
    g.kind = GeometryKind::Lines;
    g.points = std::move(points);
    g.runStarts = {0};
    return g;
}

}  // namespace

TEST_CASE("geodesic distance matches PROJ's geod") {
    // echo "34.5281 69.1723 34.0151 71.5785" | geod +ellps=WGS84 -I +units=m -f "%.4f"  ->  228769.899
    CHECK(geodesicDistanceM({69.1723, 34.5281}, {71.5785, 34.0151}) == doctest::Approx(228769.899).epsilon(1e-8));
    // One degree of longitude on the equator: 111,319.491 m; one of latitude there: 110,574.389 m.
    CHECK(geodesicDistanceM({0, 0}, {1, 0}) == doctest::Approx(111319.491).epsilon(1e-8));
    CHECK(geodesicDistanceM({0, 0}, {0, 1}) == doctest::Approx(110574.389).epsilon(1e-8));
    CHECK(geodesicDistanceM({69, 34}, {69, 34}) == 0.0);
}

TEST_CASE("a line's length is the sum of its segments") {
    const Geometry<LonLat> g = line({{69.1723, 34.5281}, {71.5785, 34.0151}, {71.5785, 35.0151}});
    const double expected = geodesicDistanceM({69.1723, 34.5281}, {71.5785, 34.0151}) +
                            geodesicDistanceM({71.5785, 34.0151}, {71.5785, 35.0151});
    CHECK(geodesicLengthM(g) == doctest::Approx(expected).epsilon(1e-12));
    CHECK(geodesicAreaM2(g) == 0.0);
}

TEST_CASE("a polygon's area subtracts its holes") {
    Geometry<LonLat> square;
    square.kind = GeometryKind::Polygons;
    square.points = {{69, 34}, {70, 34}, {70, 35}, {69, 35}, {69, 34}};
    square.runStarts = {0};
    square.partStarts = {0};
    const double outer = geodesicAreaM2(square);
    // A 1-degree cell at 34-35 N: about 111.3 km x cos(34.5 deg) x 110.9 km = 10,170 km2.
    CHECK(outer == doctest::Approx(10.17e9).epsilon(0.005));
    square.points.insert(square.points.end(),
                         {{69.25, 34.25}, {69.75, 34.25}, {69.75, 34.75}, {69.25, 34.75}, {69.25, 34.25}});
    square.runStarts = {0, 5};
    const double withHole = geodesicAreaM2(square);
    CHECK(withHole == doctest::Approx(outer * 0.75).epsilon(0.002));
}

TEST_CASE("distance to a line is measured to its nearest point, not its nearest vertex") {
    const Geometry<LonLat> equator = line({{-1, 0}, {1, 0}});
    CHECK(geodesicDistanceToM(equator, {0, 1}) == doctest::Approx(110574.389).epsilon(1e-6));
    CHECK(geodesicDistanceToM(equator, {0.5, 0}) < 1e-6);
    CHECK(geodesicDistanceToM(equator, {2, 0}) == doctest::Approx(111319.491).epsilon(1e-6));
}
