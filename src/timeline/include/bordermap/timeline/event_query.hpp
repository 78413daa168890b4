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

// The days an event covers as one point, for the table's GiST index on it (bordermap db init makes it): x its first
// day, y its last, counted from 2000-01-01, an empty bound far out (10^7 days). The events that overlap the days
// from..to are then the points in the box x <= to, y >= from. A GiST index on points is built by sorting them
// (PostgreSQL 14 and later): 1.3 s at 10^6 events, where the same index on daterange(start_date, end_date, '[]')
// took 12.3 s; a day's lookup reads 19 of its pages.
inline constexpr std::string_view kSqlDaysPoint =
    "point(coalesce((start_date - DATE '2000-01-01')::float8, -1e7), coalesce((end_date - DATE '2000-01-01')::float8, 1e7))";

// The kinds that hold a crossing's state, which every query takes whatever its days (a partial index answers it).
inline constexpr std::string_view kSqlStateKinds = "kind IN ('crossing', 'closure', 'state_unknown')";

// The query as a PostgreSQL WHERE clause over the schema's columns (start_date, end_date, kind, fatalities_min,
// sources, name, summary, note, country, admin1, geom); the days as kSqlDaysPoint in a box. Crossings, closures and
// state_unknown periods always pass: they are the state of the border, which every date and filter shows. The filter's texts become ILIKE patterns
// (case-insensitive, escaped); the caller filters again exactly (EventSelection), so the clause selects what it
// must and may select a little more. Empty when the query asks for everything.
// `table` (a quoted SQL name) is where the neighbours are looked for.
std::string sqlWhere(const EventQuery& query, std::string_view table = "\"events\"");

}  // namespace bordermap::timeline
