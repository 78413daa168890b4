#pragma once
// Loading and validating event files. A file is read through GDAL (geo::loadVectorSource), so GeoJSON,
// GeoPackage or any vector format in the schema works; the embedded geodata/events.geojson is compiled in.

#include <bordermap/core/coords.hpp>
#include <bordermap/timeline/event.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
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

// What filters, selections and totals read of an event, 20 bytes, kept beside the events in the same order: a
// filter over a million events reads 20 MB of these rather than 180 MB of events. reindex() builds them.
struct EventFacts {
    std::int32_t firstDay = 0;  // the first and last day of the start's period, days since 1970 (0: undated)
    std::int32_t lastDay = 0;   // the last day it shows: its start's last, or its end's for an event over days
    std::int32_t deathsLow = 0;  // fatalitiesLow, 0 for none
    std::int32_t injuredLow = 0;
    EventKind kind{};
    bool dated = false;
    bool duplicate = false;
    bool embedded = false;  // from the embedded catalogue
};
EventFacts factsOf(const Event& event, bool embedded);

// The events of every file loaded, in order of start, with the indexes that make a date's question cost
// O(log n + what is shown): by start (the order itself), by the end of the start's period, by id, and each
// crossing's closures and state_unknown periods. Text lives in `text`, shared by copies of the catalogue. Whoever changes `events` calls
// sortEvents(), which puts them in order and rebuilds the indexes.
struct Catalogue {
    std::shared_ptr<TextStore> text = std::make_shared<TextStore>();
    // The events' sources (Event::sources), compressed apart from the rest of their text: a source filter
    // decompresses sources alone. An events file's citations (title, outlet, date, address) are often its own
    // each, and most of its text after the summaries.
    std::shared_ptr<TextStore> sourceText = std::make_shared<TextStore>();
    std::vector<Event> events;     // in order of start date; crossings open since before the data first
    std::optional<Date> asOf;      // the date the data describes the world as of
    std::vector<std::string> files;
    // The file that took the embedded events' place, being a version of them (addEventFile says when); or empty.
    std::string embeddedReplacedBy;
    // Events that a file held exactly as an earlier file does (an export of the embedded events' window, loaded
    // beside them): left out as the same event, counted here.
    std::size_t sameEventsLeftOut = 0;
    // Stores whose short texts, places and ACLED records some events point into, besides `text` (a copy made by
    // copyCatalogue keeps its original's alive).
    std::vector<std::shared_ptr<const TextStore>> borrowedText;

    const Event* find(std::string_view id) const;  // O(log n)
    std::string summaryOf(const Event& event) const { return text->text(event.summary); }
    std::string noteOf(const Event& event) const { return text->text(event.note); }
    std::vector<std::string> sourcesOf(const Event& event) const;
    std::vector<const Event*> crossings() const;
    std::vector<const Event*> closuresOf(std::string_view crossingId) const;  // in order of start
    // Its closures and state_unknown periods together, in order of start.
    std::vector<const Event*> statePeriodsOf(std::string_view crossingId) const;
    // The first and last day anything in the catalogue covers (starts, ends, as_of).
    std::pair<CalendarDay, CalendarDay> range() const;

    // The events whose days (their start's period, through their end for an event over days) may overlap the days
    // from..to: every one that does, in order of start, and some that ended before `from` (the caller checks). The
    // span is part of `events`.
    std::span<const Event> startingAround(CalendarDay from, CalendarDay to) const;
    // Indices into `events` of the dated events, in order of the last day of their start's period.
    std::span<const std::uint32_t> byStartLast() const { return m_byStartLast; }
    // The longest period an event shows, from its start's first day to its facts' lastDay (0 when every event is
    // one day; 365 for a year; the days of talks with an end).
    int longestStartDays() const { return m_longestStartDays; }
    // The index of `event` in `events`.
    std::uint32_t indexOf(const Event& event) const { return static_cast<std::uint32_t>(&event - events.data()); }
    // Whether an event came from the embedded catalogue rather than a user's file.
    bool isEmbedded(const Event& event) const;
    // Each event's facts, by index; as of the last reindex().
    std::span<const EventFacts> facts() const { return m_facts; }

    // Rebuilds the indexes; sortEvents() calls it.
    void reindex();

private:
    std::vector<std::uint32_t> m_byId;
    std::vector<std::uint32_t> m_byStartLast;
    std::vector<EventFacts> m_facts;
    std::vector<std::uint32_t> m_crossings;
    // Closures and state_unknown periods by crossing id, sorted.
    std::vector<std::pair<std::string_view, std::vector<std::uint32_t>>> m_statePeriods;
    std::size_t m_firstDated = 0;
    int m_longestStartDays = 0;
};

// The name the embedded events' file goes by in messages and in Event::file.
inline constexpr std::string_view kEmbeddedEventsName = "embedded geodata/events.geojson";

// What to check beyond the schema. The map's extent is the region's (Afghanistan's and Pakistan's provinces) plus a
// 5-degree margin: a point beyond it is an error (an event held far away has no geometry instead).
struct ValidationContext {
    GeoBox mapExtent;
    CalendarDay earliest;  // no event before this day (default 1800-01-01)
    CalendarDay latest;    // nor after this (default: the file's as_of date, or today when it has none)
};

// The events from `firstNew` on whose id an earlier event has (in an earlier file or earlier in the same one),
// in order. O(n log n) on 32-bit hashes, comparing ids only where hashes agree.
std::vector<std::size_t> duplicateIds(const Catalogue& catalogue, std::size_t firstNew);

// Puts the events in order of start (crossings open since before the data first), keeping file order for ties,
// and rebuilds the catalogue's indexes.
void sortEvents(Catalogue& catalogue);

// A copy with text stores of its own: its long texts (summaries, notes, sources) copied into them, its short
// texts, places and ACLED records left where they are (the copy keeps `from`'s stores alive). What is added to
// the copy (a database's window) goes into stores no other catalogue shares: one thread may fill it while
// another reads `from`, and dropping the copy frees what it added.
Catalogue copyCatalogue(const Catalogue& from);

// "(LON, LAT) lies outside the map's region (longitude A to B, latitude C to D)": why a point is refused.
std::string offMap(const ValidationContext& context, LonLat p);

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

// How checkPlacesAgainstBoundaries works; every choice gives the same problems in the same order.
struct PlaceCheckOptions {
    // Every point through the full point-in-polygon and distance test, as the reference for the grids (tests).
    bool fullTest = false;
    // Threads over chunks of the events: 0 for as many as the machine has (at most 8, one for small catalogues).
    unsigned threads = 0;
};

// Checks that each event lies where it says: a crossing or closure within 15 km of the Durand Line, any other event in
// the country it names (within 5 km of its outline, the generalisation of the boundary data), when the
// boundary data has that country. Only the events of `file` when it is given. Returns the problems in the order of
// the events. Each country named is put in a geo::PolygonGrid first, so most points cost a lookup.
std::vector<Problem> checkPlacesAgainstBoundaries(const Catalogue& catalogue, const geo::BoundaryData& boundaries,
                                                  std::string_view file = {}, const PlaceCheckOptions& options = {});

}  // namespace bordermap::timeline
