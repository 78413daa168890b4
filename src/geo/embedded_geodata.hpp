#pragma once

#include <span>

namespace bordermap::geo::detail {

// The bytes of geodata/bordermap.gpkg as it was at build time.
std::span<const unsigned char> embeddedGeodata();

}  // namespace bordermap::geo::detail
