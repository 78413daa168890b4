#include "bordermap/timeline/event_query.hpp"

#include <cstdio>

namespace bordermap::timeline {

namespace {

// A text as an SQL string literal ('...', quotes doubled; standard_conforming_strings keeps backslashes as they are).
std::string literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// "contains `text`, in any case" as an ILIKE pattern: % and _ in the text match themselves.
std::string containsPattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') pattern += '\\';
        pattern += c;
    }
    return literal(pattern + "%");
}

std::string number(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

}  // namespace

std::string sqlWhere(const EventQuery& query, std::string_view table) {
    std::vector<std::string> terms;
    // The days as a point in a box (kSqlDaysPoint): first day no later than `to`, last day no earlier than `from`.
    const auto day = [](const std::optional<CalendarDay>& d, const char* open) {
        return d ? "DATE " + literal(isoDay(*d)) + " - DATE '2000-01-01'" : std::string(open);
    };
    if (query.from || query.to)
        terms.push_back(std::string(kSqlDaysPoint) + " <@ box(point(-1e7, " + day(query.from, "-1e7") + "), point(" + day(query.to, "1e7") +
                        ", 1e7))");
    const EventFilter& f = query.filter;
    if (!f.kinds.empty()) {
        std::string kinds;
        for (EventKind kind : f.kinds) kinds += (kinds.empty() ? "" : ", ") + literal(eventKindName(kind));
        terms.push_back("kind IN (" + kinds + ")");
    }
    if (f.minDeaths > 0) terms.push_back("fatalities_min >= " + std::to_string(f.minDeaths));
    if (!f.source.empty()) terms.push_back("sources ILIKE " + containsPattern(f.source));
    if (!f.text.empty()) {
        const std::string pattern = containsPattern(f.text);
        terms.push_back("(name ILIKE " + pattern + " OR summary ILIKE " + pattern + " OR note ILIKE " + pattern +
                        " OR country ILIKE " + pattern + " OR admin1 ILIKE " + pattern + ")");
    }
    if (query.area && !query.area->empty()) {
        const GeoBox& a = *query.area;
        terms.push_back("(geom IS NULL OR geom && ST_MakeEnvelope(" + number(a.min.lon_deg) + ", " + number(a.min.lat_deg) + ", " +
                        number(a.max.lon_deg) + ", " + number(a.max.lat_deg) + ", 4326))");
    }
    if (terms.empty()) return {};
    std::string where;
    for (const std::string& term : terms) where += (where.empty() ? "" : " AND ") + term;
    std::string neighbours;
    // Each an index scan of start_date from the window's edge, stopping at the first event that is not a state.
    const auto nearest = [&](const char* beyond, const CalendarDay& edge, const char* order) {
        neighbours += " OR id = (SELECT id FROM " + std::string(table) + " WHERE start_date " + beyond + " " + literal(isoDay(edge)) +
                      " AND NOT (" + std::string(kSqlStateKinds) + ") ORDER BY start_date " + order + ", id " + order + " LIMIT 1)";
    };
    if (query.neighbours && query.from) nearest("<", *query.from, "DESC");
    if (query.neighbours && query.to) nearest(">", *query.to, "ASC");
    return std::string(kSqlStateKinds) + " OR (" + where + ")" + neighbours;
}

}  // namespace bordermap::timeline
