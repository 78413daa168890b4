#include "commands.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/acled.hpp>

#include <ostream>

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

namespace bordermap::app {

timeline::Catalogue loadCatalogueOption(const ParsedArgs& parsed, const geo::BoundaryData& boundaries, std::ostream& err) {
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
    timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(context);
    const auto warn = [&](const std::vector<timeline::Problem>& problems) {
        for (const timeline::Problem& p : problems) err << "bordermap: warning: " << p.line() << " (left out)\n";
    };
    for (const std::string& file : parsed.valuesOf("events")) warn(timeline::addEventFile(catalogue, file, context));
    for (const std::string& file : parsed.valuesOf("acled")) warn(timeline::addAcledFile(catalogue, file, context));
    return catalogue;
}

timeline::CalendarDay parseDayOption(const std::string& text, const char* option) {
    const auto date = timeline::parseDate(text);
    if (!date || date->precision() != timeline::TimePrecision::Day)
        throw UsageError(std::string("--") + option + " '" + text + "' is not a day (YYYY-MM-DD)");
    return date->first();
}

}  // namespace bordermap::app
