#pragma once
// The one crossing rule of the point-in-polygon test, shared by geo::contains and PolygonGrid's scanline so
// that both decide every edge with the same arithmetic, bit for bit.

#include <bordermap/core/coords.hpp>

namespace bordermap::geo::detail {

// Where edge a-b meets the parallel at `lat_deg`, when it straddles it (one end above, the other at or below:
// a vertex on the parallel counts once). Degrees; the operands in this order, as insideRing has always had them.
inline bool straddles(LonLat a, LonLat b, double lat_deg) { return (a.lat_deg > lat_deg) != (b.lat_deg > lat_deg); }
inline double crossingLon(LonLat a, LonLat b, double lat_deg) {
    return a.lon_deg + (lat_deg - a.lat_deg) / (b.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg);
}

}  // namespace bordermap::geo::detail
