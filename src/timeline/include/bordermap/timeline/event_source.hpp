#pragma once
// Where events come from, behind one interface so that the viewer and the commands do not care which: a file (any
// format GDAL reads, in bordermap's schema), read whole; or a PostGIS table, fetched for the days, area and filter a
// view shows (the query pushed down to SQL), and again when the view moves or another analyst changes the table.

#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/event_query.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bordermap::timeline {

class EventSource {
public:
    virtual ~EventSource() = default;
    // How messages name it: the file, or the connection without its password.
    virtual const std::string& name() const = 0;
    // Whether a view fetches it by window (a database: only the days it shows) rather than once and whole (a file).
    virtual bool windowed() const = 0;
    // Adds the events `query` asks for to `catalogue` (a file: all of them; a database: what the server selects,
    // which may be a little more: the caller filters exactly) and returns the features left out and why. Throws
    // when the source cannot be read at all: InputError for a missing or broken file or a table that is not
    // bordermap's, OperationError ("could not connect: ...") for a server that cannot be reached or refuses the login.
    virtual std::vector<Problem> addTo(Catalogue& catalogue, const ValidationContext& context, const EventQuery& query) = 0;
    // Something that changes whenever the events do, cheap enough to ask for every few seconds: a file's size and
    // time of modification; a table's row count, latest updated_at and as_of. Throws as addTo does.
    virtual std::string version() = 0;
    // The first and last day the source's events cover, for a windowed source whose events a catalogue holds only
    // in part (the slider's range); none for a file (the catalogue holds it whole) or a table with no dated row.
    virtual std::optional<std::pair<CalendarDay, CalendarDay>> days() = 0;
};

// A database for a "PG:" connection string (its table `events`, unless the string names `tables=`), else a file.
// Opens nothing yet: the first addTo or version does, so that a source is made where it is used (a thread's own).
// `displayName` names it in messages instead of the path or redacted connection.
std::unique_ptr<EventSource> openEventSource(const std::string& pathOrConnection, const std::string& displayName = {});

}  // namespace bordermap::timeline
