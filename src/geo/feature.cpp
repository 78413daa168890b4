#include "bordermap/geo/feature.hpp"

#include "ring_crossing.hpp"

namespace bordermap::geo {

std::string_view geometryKindName(GeometryKind kind) {
    switch (kind) {
    case GeometryKind::Points: return "points";
    case GeometryKind::Lines: return "lines";
    case GeometryKind::Polygons: return "polygons";
    }
    return "unknown";
}

namespace {

// Crossing-number test of one closed ring, in degrees. Rings here never cross the antimeridian.
bool insideRing(std::span<const LonLat> ring, LonLat p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LonLat a = ring[i];
        const LonLat b = ring[j];
        if (detail::straddles(a, b, p.lat_deg) && p.lon_deg < detail::crossingLon(a, b, p.lat_deg)) inside = !inside;
    }
    return inside;
}

}  // namespace

bool contains(const Geometry<LonLat>& polygons, LonLat p) {
    if (polygons.kind != GeometryKind::Polygons) return false;
    for (std::size_t part = 0; part < polygons.partCount(); ++part) {
        const auto [first, last] = polygons.partRuns(part);
        bool inside = false;
        for (std::size_t r = first; r < last; ++r) {
            if (insideRing(polygons.run(r), p)) inside = !inside;
        }
        if (inside) return true;
    }
    return false;
}

}  // namespace bordermap::geo
