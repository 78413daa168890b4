#include "bordermap/geo/geodesy.hpp"

#include <geodesic.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace bordermap::geo {

namespace {

// WGS84, the ellipsoid of every layer once loaded.
geod_geodesic wgs84() {
    geod_geodesic g{};
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    return g;
}

double ringAreaM2(const geod_geodesic& g, std::span<const LonLat> ring) {
    std::vector<double> lats;
    std::vector<double> lons;
    // A closed ring repeats its first vertex; geod_polygonarea closes the polygon itself.
    const std::size_t n = ring.size() > 1 && ring.front() == ring.back() ? ring.size() - 1 : ring.size();
    lats.reserve(n);
    lons.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        lats.push_back(ring[i].lat_deg);
        lons.push_back(ring[i].lon_deg);
    }
    double area = 0.0;
    double perimeter = 0.0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(n), &area, &perimeter);
    return std::fabs(area);
}

}  // namespace

double geodesicDistanceM(LonLat a, LonLat b) {
    const geod_geodesic g = wgs84();
    double s12 = 0.0;
    geod_inverse(&g, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, nullptr, nullptr);
    return s12;
}

GeodesicLeg geodesicLeg(LonLat a, LonLat b) {
    const geod_geodesic g = wgs84();
    double s12 = 0.0, azi1 = 0.0, azi2 = 0.0;
    geod_inverse(&g, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, &azi1, &azi2);
    if (s12 <= 0.0) return {};
    return {s12, azi1 < 0 ? azi1 + 360.0 : azi1};  // geod_inverse gives -180 to 180
}

std::vector<LonLat> geodesicPoints(LonLat a, LonLat b, double step_m) {
    const geod_geodesic g = wgs84();
    double s12 = 0.0, azi1 = 0.0, azi2 = 0.0;
    geod_inverse(&g, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, &azi1, &azi2);
    const double step = std::max(step_m, 1.0);
    const auto pieces = static_cast<std::size_t>(std::max(1.0, std::ceil(s12 / step)));
    std::vector<LonLat> points;
    points.reserve(pieces + 1);
    points.push_back(a);
    geod_geodesicline line{};
    geod_lineinit(&line, &g, a.lat_deg, a.lon_deg, azi1, GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_DISTANCE_IN);
    for (std::size_t i = 1; i < pieces; ++i) {
        double lat = 0.0, lon = 0.0;
        geod_position(&line, s12 * static_cast<double>(i) / static_cast<double>(pieces), &lat, &lon, nullptr);
        points.push_back({lon, lat});
    }
    points.push_back(b);
    return points;
}

double geodesicLengthM(std::span<const LonLat> line) {
    const geod_geodesic g = wgs84();
    double total = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        double s12 = 0.0;
        geod_inverse(&g, line[i - 1].lat_deg, line[i - 1].lon_deg, line[i].lat_deg, line[i].lon_deg, &s12, nullptr,
                     nullptr);
        total += s12;
    }
    return total;
}

double geodesicLengthM(const Geometry<LonLat>& geometry) {
    if (geometry.kind == GeometryKind::Points) return 0.0;
    double total = 0.0;
    for (std::size_t r = 0; r < geometry.runCount(); ++r) total += geodesicLengthM(geometry.run(r));
    return total;
}

double geodesicAreaM2(const Geometry<LonLat>& geometry) {
    if (geometry.kind != GeometryKind::Polygons) return 0.0;
    const geod_geodesic g = wgs84();
    double total = 0.0;
    for (std::size_t part = 0; part < geometry.partCount(); ++part) {
        const auto [first, last] = geometry.partRuns(part);
        for (std::size_t r = first; r < last; ++r) {
            const double ring = ringAreaM2(g, geometry.run(r));
            total += r == first ? ring : -ring;
        }
    }
    return total;
}

double geodesicDistanceToM(const Geometry<LonLat>& geometry, LonLat p) {
    constexpr double kDeg = M_PI / 180.0;
    const double cosLat = std::cos(p.lat_deg * kDeg);
    double bestSquared = std::numeric_limits<double>::infinity();
    LonLat best = p;
    for (std::size_t r = 0; r < geometry.runCount(); ++r) {
        const auto run = geometry.run(r);
        for (std::size_t i = 0; i < run.size(); ++i) {
            // Segment a-b in a local frame (degrees of latitude, longitude scaled by cos(lat)) around p.
            const LonLat a = run[i];
            const LonLat b = i + 1 < run.size() ? run[i + 1] : run[i];
            const double ax = (a.lon_deg - p.lon_deg) * cosLat, ay = a.lat_deg - p.lat_deg;
            const double bx = (b.lon_deg - p.lon_deg) * cosLat, by = b.lat_deg - p.lat_deg;
            const double dx = bx - ax, dy = by - ay;
            const double length2 = dx * dx + dy * dy;
            const double t = length2 > 0.0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
            const double cx = ax + t * dx, cy = ay + t * dy;
            const double d2 = cx * cx + cy * cy;
            if (d2 < bestSquared) {
                bestSquared = d2;
                best = {a.lon_deg + t * (b.lon_deg - a.lon_deg), a.lat_deg + t * (b.lat_deg - a.lat_deg)};
            }
        }
    }
    return std::isfinite(bestSquared) ? geodesicDistanceM(p, best) : std::numeric_limits<double>::infinity();
}

}  // namespace bordermap::geo
