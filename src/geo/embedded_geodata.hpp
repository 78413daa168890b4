#pragma once

#include <span>

namespace bordermap::embedded {

// The bytes of geodata/bordermap.gpkg as it was at build time (cmake/Embed.cmake).
std::span<const unsigned char> boundaries_gpkg();

// The bytes of geodata/cities.geojson as it was at build time.
std::span<const unsigned char> cities_geojson();

// The bytes of geodata/local_names.csv as it was at build time.
std::span<const unsigned char> local_names_csv();

}  // namespace bordermap::embedded
