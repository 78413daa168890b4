// The events loader and validator on arbitrary bytes as a GeoJSON file: addEventFile (the streaming GeoJSON reader
// and, for what it leaves, GDAL's GeoJSON driver; the schema checks, as_of) and the place checks against the
// embedded boundaries, as `bordermap validate` runs them.
#include "fuzz_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <cstdint>

namespace {

const bordermap::geo::BoundaryData& boundaries() {
    static const bordermap::geo::BoundaryData data = bordermap::geo::loadEmbeddedBoundaries();
    return data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries());
    const fuzz::InMemoryFile file("/vsimem/fuzz/events.geojson", data, size);
    timeline::Catalogue catalogue;
    try {
        const auto problems = timeline::addEventFile(catalogue, file.path(), context, "events.geojson");
        for (const timeline::Problem& p : problems) (void)p.line();
        (void)timeline::checkPlacesAgainstBoundaries(catalogue, boundaries());
        (void)catalogue.range();
    } catch (const Error&) {
        // A file that cannot be read at all: one line for the user, which is the expected outcome here.
    }
    return 0;
}
