#include "commands.hpp"

#include <bordermap/core/text.hpp>

#include <cmath>

namespace bordermap::app {

geo::BoundaryData loadBoundaryOption(const ParsedArgs& parsed) {
    if (const auto path = parsed.value("data")) return geo::loadBoundaries(*path);
    return geo::loadEmbeddedBoundaries();
}

std::string formatLonLat(LonLat p) {
    return formatNumber(std::fabs(p.lat_deg), 4) + "°" + (p.lat_deg < 0 ? "S" : "N") + " " +
           formatNumber(std::fabs(p.lon_deg), 4) + "°" + (p.lon_deg < 0 ? "W" : "E");
}

}  // namespace bordermap::app
