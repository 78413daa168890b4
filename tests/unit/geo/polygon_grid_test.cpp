#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/polygon_grid.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

// Draws by our own mapping from std::mt19937_64 (specified to the bit), so the points are the same everywhere.
class Draw {
public:
    explicit Draw(std::uint64_t seed) : m_engine(seed) {}
    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + unit() * (hi - lo); }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }

private:
    std::mt19937_64 m_engine;
};

const BoundaryData& boundaries() {
    static const BoundaryData data = loadEmbeddedBoundaries();
    return data;
}

const Feature& country(const char* name) {
    const auto& features = boundaries().countries.features;
    const auto it = std::find_if(features.begin(), features.end(),
                                 [&](const Feature& f) { return boundaries().countries.value(f, "name") == name; });
    REQUIRE(it != features.end());
    return *it;
}

// A point `offset_m` to the left of a random point of a random segment of `g` (negative: to the right).
LonLat nearLine(const Geometry<LonLat>& g, Draw& draw, double offset_m) {
    const std::size_t i = draw.below(g.points.size() - 1);
    const LonLat a = g.points[i], b = g.points[i + 1];
    const double t = draw.unit();
    const LonLat on{a.lon_deg + t * (b.lon_deg - a.lon_deg), a.lat_deg + t * (b.lat_deg - a.lat_deg)};
    const double cosLat = std::cos(on.lat_deg * M_PI / 180.0);
    double nx = -(b.lat_deg - a.lat_deg), ny = (b.lon_deg - a.lon_deg) * cosLat;  // the left normal, local frame
    const double length = std::hypot(nx, ny);
    if (length == 0.0) return on;
    nx /= length;
    ny /= length;
    const double offset_deg = offset_m / 111'000.0;
    return {on.lon_deg + nx * offset_deg / cosLat, on.lat_deg + ny * offset_deg};
}

// Points across and around the box, near the outline (both sides, around the tolerance) and near the Durand Line.
std::vector<LonLat> testPoints(const Geometry<LonLat>& g, GeoBox box, double tolerance_m, std::uint64_t seed, std::size_t n) {
    Draw draw(seed);
    std::vector<LonLat> out;
    const Geometry<LonLat>& durand = boundaries().durand().geometry;
    for (std::size_t i = 0; i < n; ++i) {
        switch (i % 5) {
        case 0:
        case 1:
            out.push_back({draw.between(box.min.lon_deg - 1.0, box.max.lon_deg + 1.0),
                           draw.between(box.min.lat_deg - 1.0, box.max.lat_deg + 1.0)});
            break;
        case 2: out.push_back(nearLine(g, draw, draw.between(-3.0, 3.0) * tolerance_m)); break;
        case 3: out.push_back(nearLine(g, draw, (draw.unit() < 0.5 ? -1.0 : 1.0) * tolerance_m * draw.between(0.98, 1.02))); break;
        default: out.push_back(nearLine(durand, draw, draw.between(-20'000.0, 20'000.0))); break;
        }
    }
    return out;
}

Geometry<LonLat> polygons(std::vector<std::vector<LonLat>> rings, std::vector<std::uint32_t> partStarts) {
    Geometry<LonLat> g;
    g.kind = GeometryKind::Polygons;
    for (const auto& ring : rings) {
        g.runStarts.push_back(static_cast<std::uint32_t>(g.points.size()));
        g.points.insert(g.points.end(), ring.begin(), ring.end());
    }
    g.partStarts = std::move(partStarts);
    return g;
}

// Every point answered by the grid as by the full test; the cell it falls in never contradicts the full test.
// Counted, not asserted point by point, and the first disagreement shown.
void checkSameAnswers(const PolygonGrid& grid, const std::vector<LonLat>& points) {
    std::size_t wrong = 0;
    LonLat first{};
    for (const LonLat& p : points) {
        const bool exact = insideOrNear(grid.polygons(), p, grid.toleranceM());
        const PolygonGrid::Cell cell = grid.cellOf(p);
        const bool agrees = grid.insideOrNear(p) == exact && (cell != PolygonGrid::Cell::Inside || contains(grid.polygons(), p)) &&
                            (cell != PolygonGrid::Cell::Outside || !exact);
        if (!agrees && wrong++ == 0) first = p;
    }
    CAPTURE(first.lon_deg);
    CAPTURE(first.lat_deg);
    CHECK(wrong == 0);
}

// The corners and a random point of every cell that is not Boundary: the places where
// a wrong classification would show first.
std::vector<LonLat> pointsOfDecidedCells(const PolygonGrid& grid, std::uint64_t seed) {
    Draw draw(seed);
    std::vector<LonLat> out;
    const GeoBox box = grid.extent();
    const double c = grid.cellDeg();
    for (double lat = box.min.lat_deg; lat <= box.max.lat_deg; lat += c)
        for (double lon = box.min.lon_deg; lon <= box.max.lon_deg; lon += c) {
            if (grid.cellOf({lon + 0.5 * c, lat + 0.5 * c}) == PolygonGrid::Cell::Boundary) continue;
            for (double fy : {0.0, 1.0})
                for (double fx : {0.0, 1.0}) out.push_back({lon + fx * c, lat + fy * c});
            out.push_back({lon + draw.unit() * c, lat + draw.unit() * c});
        }
    return out;
}

}  // namespace

TEST_CASE("polygon grid: Afghanistan and Pakistan answer as the full test, at random and near the outlines") {
    for (const char* name : {"Afghanistan", "Pakistan"}) {
        CAPTURE(name);
        const Feature& f = country(name);
        for (const double cell_deg : {0.1, 0.037}) {
            CAPTURE(cell_deg);
            const PolygonGrid grid(f.geometry, 5'000.0, cell_deg);
            checkSameAnswers(grid, testPoints(f.geometry, f.bounds, 5'000.0, 1, 10'000));
            if (cell_deg == 0.1) checkSameAnswers(grid, pointsOfDecidedCells(grid, 2));
            // The grid is worth having: most cells are decided without the full test.
            const double boundary = static_cast<double>(grid.cellCount(PolygonGrid::Cell::Boundary));
            const double all = boundary + static_cast<double>(grid.cellCount(PolygonGrid::Cell::Inside) +
                                                              grid.cellCount(PolygonGrid::Cell::Outside));
            CHECK(boundary / all < 0.3);
            CHECK(grid.cellCount(PolygonGrid::Cell::Inside) > 0);
        }
    }
}

TEST_CASE("polygon grid: other tolerances, and every neighbour") {
    for (const Feature& f : boundaries().countries.features) {
        CAPTURE(f.name);
        for (const double tolerance_m : {0.0, 15'000.0}) {
            const PolygonGrid grid(f.geometry, tolerance_m);
            checkSameAnswers(grid, testPoints(f.geometry, f.bounds, std::max(tolerance_m, 1000.0), 3, 2'000));
        }
    }
}

TEST_CASE("polygon grid: a hole, a second part, a line, nothing") {
    const Geometry<LonLat> holed = polygons({{{60, 30}, {64, 30}, {64, 34}, {60, 34}, {60, 30}},
                                             {{61, 31}, {63, 31}, {63, 33}, {61, 33}, {61, 31}},
                                             {{66, 30}, {67, 30}, {66.5, 31}, {66, 30}}},
                                            {0, 2});
    const PolygonGrid grid(holed, 5'000.0, 0.25);
    CHECK(grid.cellOf({62, 32}) == PolygonGrid::Cell::Outside);  // the middle of the hole
    CHECK(grid.cellOf({60.5, 33.5}) == PolygonGrid::Cell::Inside);
    CHECK_FALSE(grid.insideOrNear({62, 32}));
    CHECK(grid.insideOrNear({61.0 - 0.04, 32}));  // in the hole, about 3.7 km from its edge
    CHECK(grid.insideOrNear({66.5, 30.3}));       // the second part
    GeoBox box;
    for (const LonLat& p : holed.points) box.add(p);
    checkSameAnswers(grid, testPoints(holed, box, 5'000.0, 4, 5'000));
    checkSameAnswers(grid, pointsOfDecidedCells(grid, 5));

    Geometry<LonLat> line = holed;
    line.kind = GeometryKind::Lines;
    line.partStarts.clear();
    const PolygonGrid lineGrid(line, 5'000.0, 0.25);
    CHECK(lineGrid.cellCount(PolygonGrid::Cell::Inside) == 0);
    CHECK_FALSE(lineGrid.insideOrNear({60.5, 33.5}));
    checkSameAnswers(lineGrid, testPoints(line, box, 5'000.0, 6, 2'000));

    const PolygonGrid empty(Geometry<LonLat>{}, 5'000.0);
    CHECK(empty.extent().empty());
    CHECK_FALSE(empty.insideOrNear({62, 32}));
}

TEST_CASE("polygon grid: next to the antimeridian it keeps no cells and still answers right") {
    const Geometry<LonLat> fiji = polygons({{{179.9, -17}, {179.99, -17}, {179.99, -16}, {179.9, -16}, {179.9, -17}}}, {0});
    const PolygonGrid grid(fiji, 5'000.0);
    CHECK(grid.extent().empty());
    CHECK(grid.cellOf({179.95, -16.5}) == PolygonGrid::Cell::Boundary);
    CHECK(grid.insideOrNear({179.95, -16.5}));
    CHECK(grid.insideOrNear({-179.999, -16.5}) == insideOrNear(fiji, {-179.999, -16.5}, 5'000.0));
}
