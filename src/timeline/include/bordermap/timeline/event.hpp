#pragma once
// The event catalogue: crossings, closure intervals, strikes, clashes, attacks, talks, ceasefires and
// deportation orders, each with its dates and their precision, its place and how precisely it is known,
// what was reported, and who reported it. Loaded from GeoJSON (or any GDAL source) in the schema of
// geodata/events.geojson; README.md documents it.

#include <bordermap/core/coords.hpp>
#include <bordermap/core/text_store.hpp>
#include <bordermap/timeline/date.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::timeline {

// StateUnknown is a period in which no source says whether a crossing was open: its state is unknown, never open.
// It comes last so that the other kinds keep their numbers; the schema lists it after closure.
enum class EventKind : std::uint8_t { Crossing, Closure, Airstrike, Clash, Attack, Talks, Ceasefire, Deportation, Diplomacy, Political, StateUnknown };

inline constexpr std::size_t kEventKindCount = 11;

// Whether events of this kind are the state of a crossing (the crossing itself, its closures, its periods of unknown
// state) rather than something that happened: they name or are a crossing, and are not filtered, counted or drawn as
// events.
// A period of a crossing's state, which names the crossing it belongs to: a closure or a period of unknown state.
constexpr bool isStatePeriod(EventKind kind) { return kind == EventKind::Closure || kind == EventKind::StateUnknown; }
constexpr bool isCrossingState(EventKind kind) { return kind == EventKind::Crossing || isStatePeriod(kind); }

// How precisely an event's place is known: the spot itself, only its district, or only its province. None: the
// event has no place on the map (talks held abroad, an order for a whole country); the file leaves geo_precision out.
enum class GeoPrecision : std::uint8_t { Exact, District, Province, None };

std::span<const EventKind> allEventKinds();      // in the order the schema lists them
std::string_view eventKindName(EventKind kind);  // "crossing", "closure", ...
std::optional<EventKind> parseEventKind(std::string_view text);
std::string_view geoPrecisionName(GeoPrecision precision);  // "exact", "district", "province", "none"
std::optional<GeoPrecision> parseGeoPrecision(std::string_view text);  // the first three: "none" is not written

// A count that may be unknown (the fewest deaths the reports support), in four bytes where std::optional<int>
// takes eight: a million events carry two. Reads as an optional.
class Count {
public:
    constexpr Count() = default;
    constexpr Count(std::nullopt_t) {}                                              // NOLINT: as an optional
    constexpr Count(int value) : m_value(value == kNone ? kNone + 1 : value) {}    // NOLINT
    constexpr Count(std::optional<int> value) : Count(value ? Count(*value) : Count()) {}  // NOLINT
    constexpr bool has_value() const { return m_value != kNone; }
    constexpr explicit operator bool() const { return has_value(); }
    constexpr int operator*() const { return m_value; }
    constexpr int value_or(int otherwise) const { return has_value() ? m_value : otherwise; }
    constexpr operator std::optional<int>() const { return has_value() ? std::optional<int>(m_value) : std::nullopt; }  // NOLINT
    friend constexpr bool operator==(Count a, Count b) { return a.m_value == b.m_value; }
    friend constexpr bool operator==(Count a, int b) { return a.has_value() && a.m_value == b; }
    friend constexpr bool operator==(Count a, std::nullopt_t) { return !a.has_value(); }

private:
    static constexpr int kNone = std::numeric_limits<int>::min();  // a value so low stands for the next one up
    int m_value = kNone;
};

// ACLED's own fields, kept for filters: a record of its own in the catalogue's store, which an event from another
// source does without (a pointer, not five empty texts).
struct AcledFields {
    Text actor1{};  // with its associated actors, "; "-separated
    Text actor2{};
    Text admin2{};
    Text admin3{};
    Text tags{};
};

// One event. Its text lives in the catalogue's TextStore (an event is valid while its catalogue is), so that a
// million events fit in memory: about 200 bytes each plus the text that is theirs alone (id, summary, note).
struct Event {
    Text id;
    EventKind kind = EventKind::Attack;
    GeoPrecision geoPrecision = GeoPrecision::Exact;
    bool civilianTargeting = false;  // ACLED: civilians were the target
    bool duplicate = false;          // ACLED: the same as an embedded event (same day, within 10 km, same kind)
    Text name;
    Text crossing;                // closures and state_unknown periods: the id of their crossing
    std::optional<Date> start;    // set for every event but a crossing open since before the data begins
    // Closures: the reopening; none = still closed as of the data's as_of date. State_unknown periods: the day a
    // source gives the crossing's state again; none = still unknown as of the as_of date.
    std::optional<Date> end;
    Text fatalities;              // as reported: "46", "at least 46", "19 (claimed by ...)", or empty
    Text injured;
    // The fewest deaths (injured) the cited reports support, which sums use (fields fatalities_min, injured_min):
    // for each group of people (each side, civilians) the smallest figure any report gives, added over the
    // groups. A plain "6" or "at least 6" in the text stands for itself. None: no figure that can be summed.
    Count fatalitiesLow;
    Count injuredLow;
    LongText summary;             // kept compressed: read it with Catalogue::summaryOf
    // "Title, Publisher", one a line (joinSources), kept compressed in Catalogue::sourceText: read them with
    // Catalogue::sourcesOf. In the file, separated by " | ".
    LongText sources;
    LongText note;                // where sources disagree, how a date was resolved: read it with Catalogue::noteOf
    Text country;
    Text admin1;
    StoredList<LonLat> places;    // one point, or several for an event at several places
    Text file;                    // the file it was loaded from
    const AcledFields* acled = nullptr;  // in the catalogue's store; none for other sources

    // ACLED's fields, empty for other sources.
    Text actor1() const { return acled != nullptr ? acled->actor1 : Text(); }
    Text actor2() const { return acled != nullptr ? acled->actor2 : Text(); }
    Text admin2() const { return acled != nullptr ? acled->admin2 : Text(); }
    Text admin3() const { return acled != nullptr ? acled->admin3 : Text(); }
    Text tags() const { return acled != nullptr ? acled->tags : Text(); }
};

// The separator between sources in the `sources` field.
inline constexpr std::string_view kSourceSeparator = " | ";

// An event's sources as they are kept: one a line. A source holds no line break (a text field holds no control
// character), so a text without one is found in the kept sources exactly where one source holds it.
std::string joinSources(std::span<const std::string_view> sources);
// Calls f(source) for each source of a text joinSources made, in order.
template <class F>
void forEachSource(std::string_view joined, F&& f) {
    for (std::size_t from = 0; from < joined.size();) {
        const std::size_t end = std::min(joined.find('\n', from), joined.size());
        f(joined.substr(from, end - from));
        from = end + 1;
    }
}

// The number in a figure that is only a number: "46", "at least 46", "1,234". Anything more ("19 (claimed by
// ...)", "12 soldiers and 274 fighters") gives nothing: such a report needs an explicit minimum.
std::optional<int> plainFigure(std::string_view reported);

}  // namespace bordermap::timeline
