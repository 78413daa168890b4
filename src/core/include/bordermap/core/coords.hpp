#pragma once
// Each coordinate space has its own type, so that mixing them does not compile:
//   LonLat  geographic WGS84 degrees (longitude east, latitude north), the space every layer is loaded into;
//   MapXY   projected metres in the map CRS (easting, northing), what the scene is built in.
// Screen pixels get their own type in the render stage.

#include <algorithm>
#include <limits>

namespace bordermap {

struct LonLat {
    double lon_deg = 0.0;
    double lat_deg = 0.0;
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

struct MapXY {
    double x_m = 0.0;
    double y_m = 0.0;
    friend bool operator==(const MapXY&, const MapXY&) = default;
};

// True when a point is a valid WGS84 position: finite, longitude in [-180, 180], latitude in [-90, 90].
inline bool isValidLonLat(LonLat p) {
    return p.lon_deg >= -180.0 && p.lon_deg <= 180.0 && p.lat_deg >= -90.0 && p.lat_deg <= 90.0;
}

// The two axes of a point type as plain numbers, for code that is the same in every space.
inline double axis0(LonLat p) { return p.lon_deg; }
inline double axis1(LonLat p) { return p.lat_deg; }
inline double axis0(MapXY p) { return p.x_m; }
inline double axis1(MapXY p) { return p.y_m; }

// An axis-aligned box in one coordinate space; empty() until the first point is added.
template <class Point>
struct Box {
    static constexpr double kInf = std::numeric_limits<double>::infinity();
    Point min{kInf, kInf};
    Point max{-kInf, -kInf};
    friend bool operator==(const Box&, const Box&) = default;

    bool empty() const { return axis0(min) > axis0(max); }
    void add(Point p) {
        min = Point{std::min(axis0(min), axis0(p)), std::min(axis1(min), axis1(p))};
        max = Point{std::max(axis0(max), axis0(p)), std::max(axis1(max), axis1(p))};
    }
    void add(const Box& other) {
        if (other.empty()) return;
        add(other.min);
        add(other.max);
    }
    bool contains(Point p) const {
        return axis0(p) >= axis0(min) && axis0(p) <= axis0(max) && axis1(p) >= axis1(min) &&
               axis1(p) <= axis1(max);
    }
};

using GeoBox = Box<LonLat>;
using MapBox = Box<MapXY>;

}  // namespace bordermap
