#pragma once
// The embedded boundaries and catalogue, loaded once for the timeline tests (they are read-only).

#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <string>
#include <vector>

namespace bordermap::test {

inline const geo::BoundaryData& boundaries() {
    static const geo::BoundaryData data = geo::loadEmbeddedBoundaries();
    return data;
}

inline const timeline::ValidationContext& context() {
    static const timeline::ValidationContext ctx = timeline::defaultValidationContext(boundaries());
    return ctx;
}

inline const timeline::Catalogue& embeddedCatalogue() {
    static const timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(context());
    return catalogue;
}

inline timeline::CalendarDay day(const char* iso) { return timeline::parseDate(iso)->first(); }

}  // namespace bordermap::test
