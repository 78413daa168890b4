#pragma once
// Geodesic measures on the WGS84 ellipsoid, through PROJ's implementation of Karney's algorithms
// (geodesic.h). Independent of the map CRS: a distance is the same in every projection.

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/feature.hpp>

#include <span>
#include <vector>

namespace bordermap::geo {

// The shortest distance along the ellipsoid between two points, in metres.
double geodesicDistanceM(LonLat a, LonLat b);

// The length of a polyline as the sum of its segments' geodesic lengths, in metres.
double geodesicLengthM(std::span<const LonLat> line);

// Lines: the sum of their lengths; polygons: the sum of their rings' perimeters; points: 0.
double geodesicLengthM(const Geometry<LonLat>& geometry);

// The area of polygons in square metres: outer rings minus holes. Lines and points: 0.
double geodesicAreaM2(const Geometry<LonLat>& geometry);

// The geodesic distance in metres from `p` to the nearest point of a line geometry (or of a polygon's
// rings). The nearest point is found on each segment in a local equirectangular frame and then measured
// geodesically, which is exact to well under 0.1 % for segments of the lengths in boundary data.
double geodesicDistanceToM(const Geometry<LonLat>& geometry, LonLat p);

// The geodesic from `a` to `b`: its length in metres and its initial bearing (the azimuth at `a`), in degrees
// clockwise from true north, 0 to 360. A point to itself: length 0, bearing 0.
struct GeodesicLeg {
    double length_m = 0;
    double initialBearing_deg = 0;
};
GeodesicLeg geodesicLeg(LonLat a, LonLat b);

// Points along the geodesic from `a` to `b`, both ends included, at most `step_m` apart (at least 1 m): a long leg
// drawn through them follows the great circle in any projection, not the projection's straight line.
std::vector<LonLat> geodesicPoints(LonLat a, LonLat b, double step_m);

}  // namespace bordermap::geo
