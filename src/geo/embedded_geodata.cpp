// The committed GeoPackage, assembled into the binary's read-only data with .incbin so that bordermap
// needs no data folder at run time. BORDERMAP_GEODATA_FILE is its absolute path at build time.
#include "embedded_geodata.hpp"

__asm__(".section .rodata\n"
        ".balign 16\n"
        ".global bordermap_embedded_geodata_begin\n"
        "bordermap_embedded_geodata_begin:\n"
        ".incbin \"" BORDERMAP_GEODATA_FILE "\"\n"
        ".global bordermap_embedded_geodata_end\n"
        "bordermap_embedded_geodata_end:\n"
        ".byte 0\n"
        ".previous\n");

extern "C" const unsigned char bordermap_embedded_geodata_begin[];
extern "C" const unsigned char bordermap_embedded_geodata_end[];

namespace bordermap::geo::detail {

std::span<const unsigned char> embeddedGeodata() {
    return {bordermap_embedded_geodata_begin,
            static_cast<std::size_t>(bordermap_embedded_geodata_end - bordermap_embedded_geodata_begin)};
}

}  // namespace bordermap::geo::detail
