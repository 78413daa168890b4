#pragma once

#include <span>

namespace bordermap::embedded {

// The bytes of geodata/bordermap.gpkg as it was at build time (cmake/Embed.cmake).
std::span<const unsigned char> boundaries_gpkg();

}  // namespace bordermap::embedded
