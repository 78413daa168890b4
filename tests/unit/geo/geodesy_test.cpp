#include <bordermap/geo/geodesy.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

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

TEST_CASE("a geodesic leg's initial bearing, clockwise from north, 0 to 360") {
    CHECK(geodesicLeg({69, 34}, {69, 35}).initialBearing_deg == doctest::Approx(0).epsilon(1e-9));
    CHECK(geodesicLeg({0, 0}, {1, 0}).initialBearing_deg == doctest::Approx(90).epsilon(1e-9));
    CHECK(geodesicLeg({69, 35}, {69, 34}).initialBearing_deg == doctest::Approx(180).epsilon(1e-9));
    CHECK(geodesicLeg({1, 0}, {0, 0}).initialBearing_deg == doctest::Approx(270).epsilon(1e-9));  // not -90
    // Kabul to Peshawar: the spherical formula gives 103.79 degrees; the ellipsoid differs by a tenth or two.
    const GeodesicLeg kabulPeshawar = geodesicLeg({69.1723, 34.5281}, {71.5785, 34.0151});
    CHECK(kabulPeshawar.initialBearing_deg == doctest::Approx(103.79).epsilon(0.003));
    CHECK(kabulPeshawar.length_m == doctest::Approx(228769.899).epsilon(1e-8));
    CHECK(geodesicLeg({69, 34}, {69, 34}).length_m == 0.0);
}

TEST_CASE("points along a geodesic: both ends, evenly spaced, on the great circle rather than the straight line") {
    const LonLat a{0, 45}, b{90, 45};  // far enough apart that the geodesic bows towards the pole
    const std::vector<LonLat> points = geodesicPoints(a, b, 500'000);
    const double total = geodesicDistanceM(a, b);
    REQUIRE(points.size() == static_cast<std::size_t>(std::ceil(total / 500'000)) + 1);
    CHECK(points.front() == a);
    CHECK(points.back() == b);
    for (std::size_t i = 1; i < points.size(); ++i)
        CHECK(geodesicDistanceM(points[i - 1], points[i]) == doctest::Approx(total / static_cast<double>(points.size() - 1)).epsilon(1e-6));
    CHECK(points[points.size() / 2].lat_deg > 50);  // the middle lies north of the parallel
    CHECK(geodesicPoints(a, a, 1000).size() == 2);
}
