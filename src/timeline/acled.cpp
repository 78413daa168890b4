#include "bordermap/timeline/acled.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <algorithm>
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

}  // namespace

std::vector<Problem> addAcledFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                                  SlashOrder slashOrder) {
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

    // The order of the file's slash dates ("15/03/2025"), from the user or else from the file itself.
    SlashOrderDetector slashDates;
    for (const geo::Feature& row : layer.features) slashDates.add(trim(layer.value(row, "event_date")));
    if (slashOrder == SlashOrder::Unknown) slashOrder = slashDates.order();

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
        const auto dayValue = parseAcledDate(value("event_date"), slashOrder);
        if (!dayValue) {
            skip("event_date", acledDateRefusal(value("event_date"), slashOrder, slashDates));
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
