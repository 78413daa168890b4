#include "bordermap/timeline/acled.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace bordermap::timeline {

namespace {

using namespace std::chrono;

constexpr const char* kRequiredColumns[] = {"event_date", "time_precision", "event_type", "sub_event_type",
                                            "location", "geo_precision", "source", "fatalities"};

std::optional<EventKind> kindFor(std::string_view type, std::string_view subType) {
    if (type == "Battles") return EventKind::Clash;
    if (type == "Explosions/Remote violence") return subType == "Air/drone strike" ? EventKind::Airstrike : EventKind::Attack;
    if (type == "Violence against civilians") return EventKind::Attack;
    if (type == "Strategic developments" && subType == "Agreement") return EventKind::Talks;
    return std::nullopt;
}

std::vector<std::string> sourcesFor(std::string_view text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from < text.size()) {
        const std::size_t at = std::min(text.find(';', from), text.size());
        const std::string outlet = trim(text.substr(from, at - from));
        if (!outlet.empty()) out.push_back(outlet + " (as coded by ACLED)");
        from = at + 1;
    }
    out.emplace_back("ACLED (Armed Conflict Location & Event Data), data export");
    return out;
}

// A whole number written in `minDigits` to `maxDigits` decimal digits and nothing else ("+5", "-1", "05x" are not).
std::optional<unsigned> digitsOnly(std::string_view text, std::size_t minDigits, std::size_t maxDigits) {
    if (text.size() < minDigits || text.size() > maxDigits) return std::nullopt;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value;
}

// The day from its parts, checked before any goes into std::chrono's types: year_month_day keeps the day in
// eight bits and the year in sixteen, so 271 March would become the 15th and the year 67561 wrap, silently.
std::optional<CalendarDay> dayFrom(unsigned yearValue, unsigned monthValue, unsigned dayValue) {
    if (yearValue < 1 || yearValue > 9999 || monthValue < 1 || monthValue > 12 || dayValue < 1 || dayValue > 31)
        return std::nullopt;
    const year_month_day ymd{year{static_cast<int>(yearValue)} / month{monthValue} / day{dayValue}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

}  // namespace

std::optional<CalendarDay> parseAcledDate(std::string_view text) {
    if (const auto iso = parseDate(text); iso && iso->precision() == TimePrecision::Day) {
        const year_month_day ymd{iso->first()};  // year 0000 is ISO's 1 BC: not a date ACLED writes
        return dayFrom(static_cast<unsigned>(int(ymd.year())), unsigned(ymd.month()), unsigned(ymd.day()));
    }
    static constexpr std::array<std::string_view, 12> kMonths{"January", "February", "March",     "April",
                                                              "May",     "June",     "July",      "August",
                                                              "September", "October", "November", "December"};
    const auto firstSpace = text.find(' ');
    const auto lastSpace = text.rfind(' ');
    if (firstSpace != std::string_view::npos && lastSpace != firstSpace) {
        const auto d = digitsOnly(text.substr(0, firstSpace), 1, 2);
        const auto y = digitsOnly(text.substr(lastSpace + 1), 4, 4);
        const auto monthName = text.substr(firstSpace + 1, lastSpace - firstSpace - 1);
        const auto m = std::find(kMonths.begin(), kMonths.end(), monthName);
        if (d && y && m != kMonths.end()) return dayFrom(*y, static_cast<unsigned>(m - kMonths.begin() + 1), *d);
    }
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        const auto d = digitsOnly(text.substr(0, 2), 2, 2);
        const auto m = digitsOnly(text.substr(3, 2), 2, 2);
        const auto y = digitsOnly(text.substr(6, 4), 4, 4);
        if (d && m && y) return dayFrom(*y, *m, *d);
    }
    return std::nullopt;
}

std::vector<Problem> addAcledFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context) {
    geo::LoadOptions options;
    options.strict = false;
    const geo::VectorSource source = geo::loadVectorSource(path, options);
    std::vector<Problem> problems;
    for (const geo::SkippedFeature& skipped : source.skipped)
        problems.push_back({path, "row " + std::to_string(skipped.position),
                            skipped.field == "geometry" ? "latitude/longitude" : skipped.field, skipped.reason});
    const geo::Layer& layer = source.layers.front();
    for (const char* column : kRequiredColumns)
        if (!layer.fieldIndex(column))
            throw InputError({path, {}, {}, column}, "not an ACLED export: the column is missing");

    std::set<std::string> ids;
    for (const Event& e : catalogue.events) ids.insert(e.id);
    const CalendarDay latest = catalogue.asOf ? std::max(catalogue.asOf->last(), context.latest) : context.latest;
    for (const geo::Feature& row : layer.features) {
        const auto value = [&](std::string_view column) { return trim(layer.value(row, column)); };
        const std::string rowLabel = "row " + std::to_string(row.position);
        const std::string acledId = value("event_id_cnty");
        const std::string label = acledId.empty() ? rowLabel : acledId;
        const auto skip = [&](const char* field, const std::string& why) { problems.push_back({path, label, field, why}); };

        // What is printed and drawn must be UTF-8 without control characters (notes may break lines).
        bool badText = false;
        for (const char* column : {"event_id_cnty", "event_type", "sub_event_type", "location", "source", "notes",
                                   "actor1", "actor2", "country", "admin1"}) {
            if (const auto defect = textDefect(layer.value(row, column), std::string_view(column) == "notes")) {
                problems.push_back({path, textDefect(acledId) ? rowLabel : label, column, *defect});
                badText = true;
                break;
            }
        }
        if (badText) continue;

        const auto kind = kindFor(value("event_type"), value("sub_event_type"));
        if (!kind) {
            skip("event_type", "ACLED type '" + value("event_type") + " / " + value("sub_event_type") +
                                   "' has no kind in bordermap; skipped");
            continue;
        }
        const auto dayValue = parseAcledDate(value("event_date"));
        if (!dayValue) {
            skip("event_date", "'" + value("event_date") + "' is not a date");
            continue;
        }
        if (*dayValue < context.earliest || *dayValue > latest) {
            skip("event_date", value("event_date") + " is out of range");
            continue;
        }
        const std::string timePrecision = value("time_precision");
        const std::string geoPrecision = value("geo_precision");
        if (timePrecision != "1" && timePrecision != "2" && timePrecision != "3") {
            skip("time_precision", "'" + timePrecision + "' is not 1, 2 or 3");
            continue;
        }
        if (geoPrecision != "1" && geoPrecision != "2" && geoPrecision != "3") {
            skip("geo_precision", "'" + geoPrecision + "' is not 1, 2 or 3");
            continue;
        }
        if (row.geometry.points.empty() || !context.mapExtent.contains(row.geometry.points.front())) {
            skip("latitude/longitude", "the point lies outside the map");
            continue;
        }
        if (value("source").empty()) {
            skip("source", "missing: every event must say who reported it");
            continue;
        }

        Event e;
        e.id = "acled-" + (acledId.empty() ? "row-" + std::to_string(row.position) : acledId);
        if (!ids.insert(e.id).second) {
            skip("event_id_cnty", "duplicate id " + e.id);
            continue;
        }
        e.kind = *kind;
        e.file = path;
        e.name = value("sub_event_type") + " in " + value("location");
        if (timePrecision == "3") {
            const year_month_day ymd{*dayValue};
            e.start = Date(sys_days{ymd.year() / ymd.month() / 1}, TimePrecision::Month);
        } else {
            e.start = Date(*dayValue, TimePrecision::Day);
        }
        e.geoPrecision = geoPrecision == "1"   ? GeoPrecision::Exact
                         : geoPrecision == "2" ? GeoPrecision::District
                                               : GeoPrecision::Province;
        e.fatalities = value("fatalities");
        e.fatalitiesLow = plainFigure(e.fatalities);
        std::string actors = value("actor1");
        if (!value("actor2").empty()) actors += (actors.empty() ? "" : " vs ") + value("actor2");
        e.summary = value("notes") + (actors.empty() ? "" : " (" + actors + ")");
        e.sources = sourcesFor(value("source"));
        e.note = "Imported from ACLED: " + value("event_type") + " / " + value("sub_event_type") +
                 "; time_precision " + timePrecision + ", geo_precision " + geoPrecision +
                 (timePrecision == "2" ? "; ACLED dates this event only to within a week of this day" : "");
        e.country = value("country");
        e.admin1 = value("admin1");
        e.places = row.geometry.points;
        catalogue.events.push_back(std::move(e));
    }
    catalogue.files.push_back(path);
    sortEvents(catalogue);
    return problems;
}

}  // namespace bordermap::timeline
