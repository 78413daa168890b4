// The WHERE a database runs for a view (timeline::sqlWhere): the days, the area and the filter, the crossings' states
// always, and texts that cannot break out of their quotes.
#include "timeline_fixture.hpp"

#include <bordermap/timeline/event_query.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

TEST_CASE("no query, no WHERE: the whole table") { CHECK(sqlWhere(EventQuery{}).empty()); }

TEST_CASE("a date window: events whose days overlap it, and the crossings' states whatever their days") {
    EventQuery q;
    q.from = day("2025-10-09");
    q.to = day("2025-10-15");
    // The days as a point (first day, last day) in the box "first day <= the 15th, last day >= the 9th".
    CHECK(sqlWhere(q) == "kind IN ('crossing', 'closure', 'state_unknown') OR (" + std::string(kSqlDaysPoint) +
                             " <@ box(point(-1e7, DATE '2025-10-09' - DATE '2000-01-01'), point(DATE '2025-10-15' - DATE '2000-01-01', 1e7)))");
    q.from.reset();  // cumulative: every day up to the date
    CHECK(sqlWhere(q).find("box(point(-1e7, -1e7), point(DATE '2025-10-15' - DATE '2000-01-01', 1e7))") != std::string::npos);
}

TEST_CASE("the filter and the area, each a term") {
    EventQuery q;
    q.filter.kinds = {EventKind::Airstrike, EventKind::Clash};
    q.filter.minDeaths = 5;
    q.filter.source = "Dawn";
    q.area = GeoBox{{60.5, 29.0}, {75.25, 38.5}};
    const std::string where = sqlWhere(q);
    CHECK(where.find("kind IN ('airstrike', 'clash')") != std::string::npos);
    CHECK(where.find("fatalities_min >= 5") != std::string::npos);
    CHECK(where.find("sources ILIKE '%Dawn%'") != std::string::npos);
    CHECK(where.find("(geom IS NULL OR geom && ST_MakeEnvelope(60.5, 29, 75.25, 38.5, 4326))") != std::string::npos);
    CHECK(where.find("start_date") == std::string::npos);
}

TEST_CASE("a text with quotes and wildcards stays a text") {
    EventQuery q;
    q.filter.text = "O'Brien 50%_x\\";
    const std::string where = sqlWhere(q);
    CHECK(where.find("name ILIKE '%O''Brien 50\\%\\_x\\\\%'") != std::string::npos);
    // Every quote the text brought is doubled: the clause has an even number of them.
    CHECK(std::count(where.begin(), where.end(), '\'') % 2 == 0);
}

TEST_CASE("the neighbours: the nearest event that is not a state before the window and after it, one each, in the table named") {
    EventQuery q;
    q.from = parseDate("2025-10-14")->first();
    q.to = parseDate("2025-10-20")->first();
    q.neighbours = true;
    const std::string where = sqlWhere(q, "\"team\".\"events\"");
    CHECK(where.find(" OR id = (SELECT id FROM \"team\".\"events\" WHERE start_date < '2025-10-14' AND NOT (kind IN ('crossing', 'closure', "
                     "'state_unknown')) ORDER BY start_date DESC, id DESC LIMIT 1)") != std::string::npos);
    CHECK(where.find("WHERE start_date > '2025-10-20' AND NOT (kind IN ('crossing', 'closure', 'state_unknown')) ORDER BY start_date ASC, id ASC LIMIT 1)") !=
          std::string::npos);
    q.neighbours = false;
    CHECK(sqlWhere(q).find("LIMIT 1") == std::string::npos);
    // Cumulative: no `from`, so only the next one.
    q.from.reset();
    q.neighbours = true;
    CHECK(sqlWhere(q).find("start_date <") == std::string::npos);
    CHECK(sqlWhere(q).find("start_date > '2025-10-20'") != std::string::npos);
}
