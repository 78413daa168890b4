#pragma once
// catalogue.cpp's reader of an events source, for the other readers in this library (event_source.cpp): not part of
// the library's interface.

#include <bordermap/geo/vector_source.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <functional>
#include <string>
#include <vector>

namespace bordermap::timeline {

using Loader = std::function<geo::VectorSource(const geo::LoadOptions&)>;

// Reads one source's events into `catalogue` with `stream` (the fast GeoJSON reader) where there is one, and with
// `load` (GDAL) where there is none or the stream reader cannot read the file as GDAL would. `overridesEmbedded`:
// the source is the team's catalogue (a database), whose version of an embedded event takes its place. A source
// that fails half-way adds nothing.
std::vector<Problem> readEventSource(Catalogue& catalogue, const std::string& file, const ValidationContext& context,
                                     const Loader& load, const Loader& stream = {}, bool overridesEmbedded = false);

}  // namespace bordermap::timeline
