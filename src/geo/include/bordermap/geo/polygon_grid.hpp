#pragma once
// A grid over a polygon geometry that answers "inside, or within a tolerance of the outline?" for many points at
// the cost of a lookup for most of them, with exactly the answers of the full test (insideOrNear below).

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/feature.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bordermap::geo {

// The full test: contains(polygons, p) || geodesicDistanceToM(polygons, p) <= tolerance_m. O(vertices).
// For lines (no inside) it is the distance alone.
bool insideOrNear(const Geometry<LonLat>& polygons, LonLat p, double tolerance_m);

// Square cells of `cell_deg` over the geometry's bounding box widened by the tolerance. A cell is Inside (every
// point of it is inside the polygons), Outside (every point is outside and farther than the tolerance from every
// edge) or Boundary (anything else: an edge passes within the tolerance of it, widened conservatively, since a
// degree of longitude shrinks with latitude and the ellipsoid is not a sphere). Only points in Boundary cells run
// the full test, so insideOrNear(p) equals geo::insideOrNear(polygons, p, tolerance_m) for every p, bit for bit; and
// their crossing test looks only at the edges that reach into their row of cells.
// Built in about O(vertices + cells). Holds its own copy of the geometry. Near a pole or the antimeridian it
// keeps no cells and runs the full test for every point. Immutable once built: safe to share between threads.
class PolygonGrid {
public:
    enum class Cell : std::uint8_t { Outside, Inside, Boundary };

    // `tolerance_m` < 0 counts as 0 for the widening (and no point is ever within it); `cell_deg` must be > 0.
    PolygonGrid(Geometry<LonLat> polygons, double tolerance_m, double cell_deg = 0.1);

    bool insideOrNear(LonLat p) const;
    // The cell `p` falls in: Outside beyond the grid; Boundary for every point when the grid keeps no cells.
    Cell cellOf(LonLat p) const;

    double toleranceM() const { return m_toleranceM; }
    // The box the cells cover (empty when there are none) and their side; cell (x, y) spans
    // extent().min + [x, x + 1) * cellDeg() in longitude and likewise in latitude.
    const GeoBox& extent() const { return m_extent; }
    double cellDeg() const { return m_cellDeg; }
    const Geometry<LonLat>& polygons() const { return m_polygons; }
    std::size_t cellCount(Cell kind) const;

private:
    // An edge of a ring as the crossing test takes it (a = ring[i], b = ring[i - 1]), with its part.
    struct RowEdge {
        LonLat a;
        LonLat b;
        std::uint32_t part;
    };

    void build(double cell_deg);
    void fullTestOnly();
    bool containsInRow(LonLat p, std::size_t row) const;  // contains(), from the row's edges alone

    Geometry<LonLat> m_polygons;
    double m_toleranceM;
    bool m_fullTestOnly = false;
    GeoBox m_extent;  // the cells cover it; every point within the tolerance of an edge lies in it
    double m_cellDeg = 0.0;
    std::size_t m_columns = 0;
    std::size_t m_rows = 0;
    std::vector<Cell> m_cells;  // row by row from the south-west corner
    std::vector<std::uint32_t> m_rowStarts;  // row y's edges are m_rowEdges[m_rowStarts[y] .. m_rowStarts[y + 1])
    std::vector<RowEdge> m_rowEdges;
};

}  // namespace bordermap::geo
