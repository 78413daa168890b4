#pragma once
// Loading and validating event files. A file is read through GDAL (geo::loadVectorSource), so GeoJSON,
// GeoPackage or any vector format in the schema works; the embedded geodata/events.geojson is compiled in.

#include <bordermap/core/coords.hpp>
#include <bordermap/timeline/event.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bordermap::geo {
struct BoundaryData;
}

namespace bordermap::timeline {

// One thing wrong with one event, as `bordermap validate` prints it.
struct Problem {
    std::string file;
    std::string feature;  // the event's id, or "#N" (its position) when it has none
    std::string field;
    std::string message;

    std::string line() const;  // "file: feature 'x': field 'start': message"
};

struct Catalogue {
    std::vector<Event> events;     // in order of start date
    std::optional<Date> asOf;      // the date the data describes the world as of
    std::vector<std::string> files;
    // The file that took the embedded events' place, being a version of them (addEventFile says when); or empty.
    std::string embeddedReplacedBy;

    const Event* find(std::string_view id) const;
    std::vector<const Event*> crossings() const;
    std::vector<const Event*> closuresOf(std::string_view crossingId) const;
    // The first and last day anything in the catalogue covers (starts, ends, as_of).
    std::pair<CalendarDay, CalendarDay> range() const;
};

// What to check beyond the schema. The map's extent is the boundary data's extent plus a 20-degree margin,
// wide enough for talks held abroad (Istanbul to Beijing) and nothing beyond.
struct ValidationContext {
    GeoBox mapExtent;
    CalendarDay earliest;  // no event before this day (default 1800-01-01)
    CalendarDay latest;    // nor after this (default: the file's as_of date, or today when it has none)
};

// Puts the events in order of start (crossings open since before the data first), keeping file order for ties.
void sortEvents(Catalogue& catalogue);

// The context for the embedded boundaries.
ValidationContext defaultValidationContext(const geo::BoundaryData& boundaries);

// Reads the events in `path`, adding them to `catalogue`, and returns every problem found: each event's own
// in file order, then those found across events (closures of unknown crossings).
// Events with problems are left out. A file that cannot be read at all (missing, not vector data, no layer)
// throws InputError. Ids must be unique across every file added to one catalogue, except that a file holding at
// least half of the embedded events' ids is a version of geodata/events.geojson and replaces the embedded events
// (catalogue.embeddedReplacedBy names it). Every text field must be UTF-8 without control characters (line breaks
// are allowed in summary and note), and hold one value, not a JSON array. An as_of after context.latest is refused.
std::vector<Problem> addEventFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                                  const std::string& displayName = {});

// The embedded geodata/events.geojson. Throws OperationError if it has any problem (the tests keep it clean).
Catalogue loadEmbeddedCatalogue(const ValidationContext& context);

// Checks that each event lies where it says: a crossing or closure within 15 km of the Durand Line, any other event in
// the country it names (within 5 km of its outline, the generalisation of the boundary data), when the
// boundary data has that country. Returns the problems.
std::vector<Problem> checkPlacesAgainstBoundaries(const Catalogue& catalogue, const geo::BoundaryData& boundaries);

}  // namespace bordermap::timeline
