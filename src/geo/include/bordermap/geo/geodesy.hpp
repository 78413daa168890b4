#pragma once
// Geodesic measures on the WGS84 ellipsoid, through PROJ's implementation of Karney's algorithms
// (geodesic.h). Independent of the map CRS: a distance is the same in every projection.

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/feature.hpp>

#include <span>

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

}  // namespace bordermap::geo
