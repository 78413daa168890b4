// The ACLED import on arbitrary bytes as a CSV file: GDAL's CSV driver, the coordinate columns, the row mapping
// and its date forms, as `bordermap validate --acled` runs it.
#include "fuzz_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/timeline/acled.hpp>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    static const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
    static const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
    const fuzz::InMemoryFile file("/vsimem/fuzz/acled.csv", data, size);
    timeline::Catalogue catalogue;
    try {
        for (const timeline::Problem& p : timeline::addAcledFile(catalogue, file.path(), context).problems) (void)p.line();
    } catch (const Error&) {
        // Not an ACLED export, or not a CSV at all: one line for the user.
    }
    return 0;
}
