#pragma once
// The events file's schema (README, "The event file") as values: what every writer writes for an event, in every
// format, and the days an event covers, which its start_date and end_date say for tools that read dates only.

#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/selection.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::timeline {

enum class SchemaType { Text, Integer, Date };

struct SchemaField {
    std::string_view name;
    SchemaType type;
};

// The fields in the order every writer writes them: id, kind, name, crossing, start, end, time_precision,
// end_precision, start_date, end_date, geo_precision, fatalities, injured, fatalities_min, injured_min, summary,
// sources, note, country, admin1.
std::span<const SchemaField> eventSchema();

// The first day an event covers: its start's first (2025-10 -> 1 October 2025); none without a start.
std::optional<CalendarDay> firstDayCovered(const Event& event);
// The last day an event covers: its end's last day (2025-10 -> 31 October 2025); with no end, the last day of its
// start's period for an event that happens (not a crossing, a closure or a state_unknown period); none for a
// crossing without an end and for a closure or state_unknown period still in force.
std::optional<CalendarDay> lastDayCovered(const Event& event);

// An event's values in the order of eventSchema(): nothing for a null (no end, no crossing, an empty text);
// dates as "YYYY-MM-DD" and integers as decimal text.
std::vector<std::optional<std::string>> recordOf(const Catalogue& catalogue, const Event& event);

// The selected events whose days (firstDayCovered to lastDayCovered, an open end running on) overlap the
// `windowDays` days up to `day`: the crossings open by then, the closures and state_unknown periods in force or
// changing, the events in the window, as `bordermap events --date` lists them and as a temporal controller reads
// start_date and end_date. windowDays 0: every day up to `day` (cumulative). No day: every event selected.
std::vector<const Event*> eventsCovering(const EventSelection& selection, std::optional<CalendarDay> day, int windowDays);

struct WrittenEvents {
    std::size_t written = 0;
    // FlatGeobuf: the events with no place on the map, which GDAL 3.6's FlatGeobuf writer cannot keep.
    std::size_t leftOutUnplaced = 0;
};

// Writes `events` of `catalogue` to `path` in the format its extension names (geo::vectorFormatFor), whole or not
// at all: one MultiPoint layer "events" with the schema's fields, the catalogue's as_of (GeoJSON's collection
// member, a GeoPackage's layer metadata), and for KML a TimeSpan from start_date and end_date. Throws InputError
// (an extension it cannot write, a missing folder) or OperationError.
WrittenEvents writeEvents(const Catalogue& catalogue, std::span<const Event* const> events, const std::string& path);

}  // namespace bordermap::timeline
