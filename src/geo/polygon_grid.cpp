#include "bordermap/geo/polygon_grid.hpp"

#include "ring_crossing.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/geodesy.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace bordermap::geo {

namespace {

constexpr double kDegPerRad = 180.0 / M_PI;
// WGS84. Along any curve, ds >= M dlat >= a (1 - e^2) dlat and ds >= N cos(lat) dlon >= a cos(lat) dlon (both
// radii of curvature are at least these), so a point within s metres of p lies within s / (a (1 - e^2)) radians of
// latitude and s / (a cos(lat_far)) of longitude, lat_far being the largest |latitude| the path can reach.
constexpr double kSemiMajorM = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kE2 = kFlattening * (2.0 - kFlattening);
// Margins over those bounds, which are already strict (geodesicDistanceToM measures to a point of an edge, never
// nearer than the nearest): 5 % to spare, and a nanodegree for rounding, thousands of times any step's error.
constexpr double kSafety = 1.05;
constexpr double kMarginDeg = 1e-9;
// Beyond this latitude a degree of longitude is too short to bound; such geometry runs the full test.
constexpr double kMaxAbsLatDeg = 89.0;
// A cap on the cells of one grid (1 byte each); a larger box gets coarser cells.
constexpr double kMaxCells = 16.0e6;

}  // namespace

bool insideOrNear(const Geometry<LonLat>& polygons, LonLat p, double tolerance_m) {
    return contains(polygons, p) || geodesicDistanceToM(polygons, p) <= tolerance_m;
}

PolygonGrid::PolygonGrid(Geometry<LonLat> polygons, double tolerance_m, double cell_deg)
    : m_polygons(std::move(polygons)), m_toleranceM(tolerance_m) {
    if (!(cell_deg > 0.0)) throw OperationError({}, "a polygon grid's cells must be larger than 0 degrees");
    build(cell_deg);
}

void PolygonGrid::build(double cell_deg) {
    const double tolerance_m = std::max(0.0, m_toleranceM);
    const double dLat_deg = tolerance_m / (kSemiMajorM * (1.0 - kE2)) * kDegPerRad * kSafety + kMarginDeg;

    // Each edge's box widened by the tolerance: a point outside all of them is farther than the tolerance from every
    // edge. The edges are each ring's consecutive vertices, the closing pair included (the crossing test counts it).
    std::vector<GeoBox> widened;
    widened.reserve(m_polygons.points.size());
    for (std::size_t r = 0; r < m_polygons.runCount(); ++r) {
        const auto run = m_polygons.run(r);
        for (std::size_t i = 0; i < run.size(); ++i) {
            const LonLat a = run[i], b = run[(i + 1) % run.size()];
            if (!std::isfinite(a.lon_deg) || !std::isfinite(a.lat_deg)) return fullTestOnly();
            GeoBox box;
            box.add(a);
            box.add(b);
            const double farLat_deg = std::max(std::fabs(box.min.lat_deg), std::fabs(box.max.lat_deg)) + dLat_deg;
            if (farLat_deg >= kMaxAbsLatDeg) return fullTestOnly();
            const double dLon_deg =
                tolerance_m / (kSemiMajorM * std::cos(farLat_deg / kDegPerRad)) * kDegPerRad * kSafety + kMarginDeg;
            box.min = {box.min.lon_deg - dLon_deg, box.min.lat_deg - dLat_deg};
            box.max = {box.max.lon_deg + dLon_deg, box.max.lat_deg + dLat_deg};
            // Across the antimeridian a near point has a longitude far away: no box can hold it.
            if (box.min.lon_deg <= -180.0 || box.max.lon_deg >= 180.0) return fullTestOnly();
            widened.push_back(box);
            m_extent.add(box);
        }
    }
    if (m_extent.empty()) return;  // no vertices: nothing is inside or near

    const double width_deg = m_extent.max.lon_deg - m_extent.min.lon_deg;
    const double height_deg = m_extent.max.lat_deg - m_extent.min.lat_deg;
    m_cellDeg = std::max(cell_deg, std::sqrt(width_deg * height_deg / kMaxCells));
    // A point maps to its cell by floor((x - origin) / cell), monotonic in x under rounding: whatever lies in a box
    // maps into the cells between those of the box's corners, and every point of the extent into the grid.
    const auto column = [&](double lon_deg) { return static_cast<std::size_t>(std::floor((lon_deg - m_extent.min.lon_deg) / m_cellDeg)); };
    const auto row = [&](double lat_deg) { return static_cast<std::size_t>(std::floor((lat_deg - m_extent.min.lat_deg) / m_cellDeg)); };
    m_columns = column(m_extent.max.lon_deg) + 1;
    m_rows = row(m_extent.max.lat_deg) + 1;
    m_cells.assign(m_columns * m_rows, Cell::Outside);

    for (const GeoBox& box : widened)
        for (std::size_t y = row(box.min.lat_deg); y <= row(box.max.lat_deg); ++y)
            for (std::size_t x = column(box.min.lon_deg); x <= column(box.max.lon_deg); ++x)
                m_cells[y * m_columns + x] = Cell::Boundary;
    if (m_polygons.kind != GeometryKind::Polygons) return;  // lines contain nothing: the rest stays Outside

    // Each row's edges: those whose latitudes reach into the row, in the order of parts. Only they can straddle the
    // parallel of a point in the row (an edge straddles latitudes between its ends, which map into the rows between
    // theirs), so they alone decide the crossing test there, edge by edge as contains() does.
    std::vector<std::uint32_t> counts(m_rows + 1, 0);
    const auto forEachEdge = [&](auto&& visit) {
        for (std::size_t part = 0; part < m_polygons.partCount(); ++part) {
            const auto [first, last] = m_polygons.partRuns(part);
            for (std::size_t r = first; r < last; ++r) {
                const auto ring = m_polygons.run(r);
                for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                    visit(RowEdge{ring[i], ring[j], static_cast<std::uint32_t>(part)},
                          row(std::min(ring[i].lat_deg, ring[j].lat_deg)), row(std::max(ring[i].lat_deg, ring[j].lat_deg)));
            }
        }
    };
    forEachEdge([&](const RowEdge&, std::size_t low, std::size_t high) {
        for (std::size_t y = low; y <= high; ++y) ++counts[y + 1];
    });
    for (std::size_t y = 0; y < m_rows; ++y) counts[y + 1] += counts[y];
    m_rowStarts = counts;
    m_rowEdges.resize(m_rowStarts.back());
    forEachEdge([&](const RowEdge& edge, std::size_t low, std::size_t high) {
        for (std::size_t y = low; y <= high; ++y) m_rowEdges[counts[y]++] = edge;
    });

    // The other cells lie wholly on one side of the outline: the crossing test at a cell's centre decides the cell.
    // Row by row, the edges' crossings with the centre's parallel, sorted, give every centre's parity per part.
    struct Crossing {
        double lon_deg;
        std::size_t part;
    };
    std::vector<Crossing> crossings;
    std::vector<char> odd(m_polygons.partCount());
    for (std::size_t y = 0; y < m_rows; ++y) {
        Cell* cells = &m_cells[y * m_columns];
        const double lat_deg = m_extent.min.lat_deg + (static_cast<double>(y) + 0.5) * m_cellDeg;
        if (row(lat_deg) != y) {  // a centre that rounds into the next row cannot speak for this one
            std::replace(cells, cells + m_columns, Cell::Outside, Cell::Boundary);
            continue;
        }
        crossings.clear();
        std::fill(odd.begin(), odd.end(), 0);
        for (std::size_t k = m_rowStarts[y]; k < m_rowStarts[y + 1]; ++k) {
            const RowEdge& edge = m_rowEdges[k];
            if (!detail::straddles(edge.a, edge.b, lat_deg)) continue;
            crossings.push_back({detail::crossingLon(edge.a, edge.b, lat_deg), edge.part});
            odd[edge.part] = static_cast<char>(!odd[edge.part]);
        }
        std::sort(crossings.begin(), crossings.end(), [](const Crossing& a, const Crossing& b) { return a.lon_deg < b.lon_deg; });
        // A point counts the crossings east of it (lon < crossing): walking east, each crossing passed flips its part.
        std::size_t oddParts = static_cast<std::size_t>(std::count(odd.begin(), odd.end(), 1));
        std::size_t next = 0;
        for (std::size_t x = 0; x < m_columns; ++x) {
            const double lon_deg = m_extent.min.lon_deg + (static_cast<double>(x) + 0.5) * m_cellDeg;
            for (; next < crossings.size() && !(lon_deg < crossings[next].lon_deg); ++next) {
                char& flag = odd[crossings[next].part];
                oddParts = flag ? oddParts - 1 : oddParts + 1;
                flag = static_cast<char>(!flag);
            }
            if (cells[x] == Cell::Boundary) continue;
            if (column(lon_deg) != x)
                cells[x] = Cell::Boundary;
            else
                cells[x] = oddParts > 0 ? Cell::Inside : Cell::Outside;
        }
    }
}

bool PolygonGrid::containsInRow(LonLat p, std::size_t row) const {
    // contains(): a part holds p when an odd number of its edges cross the parallel east of p. The row's edges come
    // part by part.
    const RowEdge* edge = m_rowEdges.data() + m_rowStarts[row];
    const RowEdge* const end = m_rowEdges.data() + m_rowStarts[row + 1];
    while (edge != end) {
        const std::uint32_t part = edge->part;
        bool inside = false;
        for (; edge != end && edge->part == part; ++edge)
            if (detail::straddles(edge->a, edge->b, p.lat_deg) && p.lon_deg < detail::crossingLon(edge->a, edge->b, p.lat_deg))
                inside = !inside;
        if (inside) return true;
    }
    return false;
}

void PolygonGrid::fullTestOnly() {
    m_fullTestOnly = true;
    m_extent = {};
    m_cells.clear();
    m_rowStarts.clear();
    m_rowEdges.clear();
    m_columns = m_rows = 0;
}

PolygonGrid::Cell PolygonGrid::cellOf(LonLat p) const {
    if (m_fullTestOnly) return Cell::Boundary;
    if (m_extent.empty() || !m_extent.contains(p)) return Cell::Outside;
    const auto x = static_cast<std::size_t>(std::floor((p.lon_deg - m_extent.min.lon_deg) / m_cellDeg));
    const auto y = static_cast<std::size_t>(std::floor((p.lat_deg - m_extent.min.lat_deg) / m_cellDeg));
    return m_cells[y * m_columns + x];
}

bool PolygonGrid::insideOrNear(LonLat p) const {
    if (m_fullTestOnly) return geo::insideOrNear(m_polygons, p, m_toleranceM);
    switch (cellOf(p)) {
    case Cell::Inside: return true;
    case Cell::Outside: return false;
    case Cell::Boundary: break;
    }
    if (m_polygons.kind == GeometryKind::Polygons &&
        containsInRow(p, static_cast<std::size_t>(std::floor((p.lat_deg - m_extent.min.lat_deg) / m_cellDeg))))
        return true;
    return geodesicDistanceToM(m_polygons, p) <= m_toleranceM;
}

std::size_t PolygonGrid::cellCount(Cell kind) const {
    return static_cast<std::size_t>(std::count(m_cells.begin(), m_cells.end(), kind));
}

}  // namespace bordermap::geo
