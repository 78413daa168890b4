#pragma once
// Which country and province contain a point, from the boundary layers.

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/boundary_data.hpp>

#include <optional>
#include <string>

namespace bordermap::geo {

struct Whereabouts {
    std::optional<std::string> country;       // none: outside every country in the data
    std::optional<std::string> province;      // none: outside every province in the data
    std::string provinceType;                 // "Province", "Federal territory", ...
    double distanceToDurandLineM = 0.0;       // geodesic, to the nearest point of the line
};

// The index of the first feature of a polygon layer that contains `p`, if any.
std::optional<std::size_t> findContaining(const Layer& polygons, LonLat p);

// Country, province and distance to the Durand Line for a point. `p` must be a valid lon/lat.
Whereabouts locate(const BoundaryData& data, LonLat p);

}  // namespace bordermap::geo
