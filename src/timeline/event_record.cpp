#include "bordermap/timeline/event_record.hpp"

#include <bordermap/geo/vector_writer.hpp>

#include <array>

namespace bordermap::timeline {

namespace {

constexpr std::array<SchemaField, 20> kSchema{{
    {"id", SchemaType::Text},
    {"kind", SchemaType::Text},
    {"name", SchemaType::Text},
    {"crossing", SchemaType::Text},
    {"start", SchemaType::Text},
    {"end", SchemaType::Text},
    {"time_precision", SchemaType::Text},
    {"end_precision", SchemaType::Text},
    {"start_date", SchemaType::Date},
    {"end_date", SchemaType::Date},
    {"geo_precision", SchemaType::Text},
    {"fatalities", SchemaType::Text},
    {"injured", SchemaType::Text},
    {"fatalities_min", SchemaType::Integer},
    {"injured_min", SchemaType::Integer},
    {"summary", SchemaType::Text},
    {"sources", SchemaType::Text},
    {"note", SchemaType::Text},
    {"country", SchemaType::Text},
    {"admin1", SchemaType::Text},
}};

std::optional<std::string> orNull(std::string text) { return text.empty() ? std::nullopt : std::optional(std::move(text)); }
std::optional<std::string> orNull(std::string_view text) { return orNull(std::string(text)); }

std::optional<std::string> dayOrNull(std::optional<CalendarDay> day) {
    return day ? std::optional(isoDay(*day)) : std::nullopt;
}

geo::FieldType fieldType(SchemaType type) {
    switch (type) {
    case SchemaType::Text: return geo::FieldType::Text;
    case SchemaType::Integer: return geo::FieldType::Integer;
    case SchemaType::Date: return geo::FieldType::Date;
    }
    return geo::FieldType::Text;
}

// QGIS's temporal settings for the layer, stored in a GeoPackage as its default style (only the Temporal category:
// QGIS keeps its own symbols). Expressions, not the start_date / end_date fields: QGIS 3.22 compares a DATE field
// with the frame's date-time as text and would show each event a day early. to_datetime makes each day's midnight,
// end_date + 1 day the exclusive end a frame has, and coalesce the open start or end that this mode does not add
// itself. QGIS 3.22 loads the style on opening but switches temporal control off again; Layer Properties > Style >
// Restore Default (or loadDefaultStyle()) applies it. tests/qgis/temporal_check.py checks it day by day.
constexpr const char* kQgisTemporalStyle = R"qml(<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22" styleCategories="Temporal">
 <temporal enabled="1" mode="4" limitMode="0" accumulate="0"
  startExpression="coalesce(to_datetime(&quot;start_date&quot;), make_datetime(1,1,1,0,0,0))"
  endExpression="coalesce(to_datetime(&quot;end_date&quot;) + make_interval(days:=1), make_datetime(9999,1,1,0,0,0))"/>
</qgis>
)qml";

}  // namespace

std::span<const SchemaField> eventSchema() { return kSchema; }

std::optional<CalendarDay> firstDayCovered(const Event& event) {
    return event.start ? std::optional(event.start->first()) : std::nullopt;
}

std::optional<CalendarDay> lastDayCovered(const Event& event) {
    if (event.end) return event.end->last();
    if (!event.start || isCrossingState(event.kind)) return std::nullopt;
    return event.start->last();
}

std::vector<std::optional<std::string>> recordOf(const Catalogue& catalogue, const Event& event) {
    return EventRecords(catalogue).of(event);
}

EventRecords::EventRecords(const Catalogue& catalogue)
    : m_summaries(*catalogue.text), m_notes(*catalogue.text), m_sources(*catalogue.sourceText) {}

std::vector<std::optional<std::string>> EventRecords::of(const Event& event) {
    std::string sources;
    forEachSource(m_sources.read(event.sources), [&](std::string_view source) {
        if (!sources.empty()) sources += kSourceSeparator;
        sources += source;
    });
    const auto count = [](Count c) { return c ? std::optional(std::to_string(*c)) : std::nullopt; };
    const bool placed = event.geoPrecision != GeoPrecision::None;
    return {
        orNull(event.id.view()),
        orNull(eventKindName(event.kind)),
        orNull(event.name.view()),
        orNull(event.crossing.view()),
        event.start ? orNull(event.start->iso()) : std::nullopt,
        event.end ? orNull(event.end->iso()) : std::nullopt,
        event.start ? orNull(timePrecisionName(event.start->precision())) : std::nullopt,
        event.end ? orNull(timePrecisionName(event.end->precision())) : std::nullopt,
        dayOrNull(firstDayCovered(event)),
        dayOrNull(lastDayCovered(event)),
        placed ? orNull(geoPrecisionName(event.geoPrecision)) : std::nullopt,
        orNull(event.fatalities.view()),
        orNull(event.injured.view()),
        count(event.fatalitiesLow),
        count(event.injuredLow),
        orNull(m_summaries.read(event.summary)),
        orNull(std::move(sources)),
        orNull(m_notes.read(event.note)),
        orNull(event.country.view()),
        orNull(event.admin1.view()),
    };
}

std::vector<const Event*> eventsCovering(const EventSelection& selection, std::optional<CalendarDay> day, int windowDays) {
    const Catalogue& catalogue = selection.catalogue();
    const CalendarDay windowStart = day && windowDays > 0 ? *day - std::chrono::days{windowDays - 1} : CalendarDay::min();
    std::vector<const Event*> out;
    for (const Event& e : catalogue.events) {
        if (!selection.selected(e)) continue;
        if (day) {
            const auto first = firstDayCovered(e), last = lastDayCovered(e);
            if ((first && *first > *day) || (last && *last < windowStart)) continue;
        }
        out.push_back(&e);
    }
    return out;
}

WrittenEvents writeEvents(const Catalogue& catalogue, std::span<const Event* const> events, const std::string& path) {
    geo::VectorLayerSpec spec;
    spec.layerName = "events";
    for (const SchemaField& field : kSchema) spec.fields.push_back({std::string(field.name), fieldType(field.type)});
    const std::string description =
        "bordermap event catalogue (schema: bordermap's README, 'The event file'). start/end keep each date's "
        "precision; start_date/end_date are the first and last day each event covers, for a temporal controller.";
    spec.metadata = {{"DESCRIPTION", description}, {"bordermap_schema", "2"},
                     {"temporal_start_field", "start_date"}, {"temporal_end_field", "end_date"}};
    std::string members = "{";
    if (catalogue.asOf) {
        spec.metadata.emplace_back("as_of", catalogue.asOf->iso());
        members += "\"as_of\": \"" + catalogue.asOf->iso() + "\", ";
    }
    members += "\"description\": \"" + description + "\"}";
    spec.geoJsonMembers = members;
    spec.kmlBeginField = "start_date";
    spec.kmlEndField = "end_date";
    spec.qgisDefaultStyle = kQgisTemporalStyle;

    geo::VectorFileWriter writer(path, spec);
    WrittenEvents result;
    // GDAL 3.6's FlatGeobuf writer drops a feature without a geometry (null or empty) without a word: say so instead.
    const bool placedOnly = geo::vectorFormatFor(path) == geo::VectorFormat::FlatGeobuf;
    EventRecords records(catalogue);
    for (const Event* event : events) {
        if (placedOnly && event->places.size() == 0) {
            ++result.leftOutUnplaced;
            continue;
        }
        writer.add(records.of(*event), event->places);
    }
    writer.commit();
    result.written = writer.written();
    return result;
}

}  // namespace bordermap::timeline
