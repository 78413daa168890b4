#pragma once
// What a view asks of a database of events (a PostGIS table in bordermap's schema), so that only what it shows is
// fetched: the days it covers, the area, and the filter, as the SQL WHERE the server runs.

#include <bordermap/core/coords.hpp>
#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/selection.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bordermap::timeline {

struct EventQuery {
    // The days shown: events whose days (start_date to end_date, an empty end running on) overlap from..to. None:
    // no bound on that side (cumulative: no `from`).
    std::optional<CalendarDay> from;
    std::optional<CalendarDay> to;
    // The area shown (WGS 84): events with a point in it; events with no place stay (they show in lists).
    std::optional<GeoBox> area;
    EventFilter filter;
    // Also the nearest event (not a crossing's state) starting before `from` and the nearest after `to`, one each:
    // a viewer holding only a window still has the previous and next event to step to.
    bool neighbours = false;
};

// The query as a PostgreSQL WHERE clause over the schema's columns (start_date, end_date, kind, fatalities_min,
// sources, name, summary, note, country, admin1, geom); the days as daterange(start_date, end_date, '[]') overlapping
// the days asked for, which the table's GiST index on that expression answers. Crossings, closures and state_unknown periods always pass:
// they are the state of the border, which every date and filter shows. The filter's texts become ILIKE patterns
// (case-insensitive, escaped); the caller filters again exactly (EventSelection), so the clause selects what it
// must and may select a little more. Empty when the query asks for everything.
// `table` (a quoted SQL name) is where the neighbours are looked for.
std::string sqlWhere(const EventQuery& query, std::string_view table = "\"events\"");

}  // namespace bordermap::timeline
