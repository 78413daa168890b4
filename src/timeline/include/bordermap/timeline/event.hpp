#pragma once
// The event catalogue: crossings, closure intervals, strikes, clashes, attacks, talks, ceasefires and
// deportation orders, each with its dates and their precision, its place and how precisely it is known,
// what was reported, and who reported it. Loaded from GeoJSON (or any GDAL source) in the schema of
// geodata/events.geojson; README.md documents it.

#include <bordermap/core/coords.hpp>
#include <bordermap/timeline/date.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::timeline {

enum class EventKind { Crossing, Closure, Airstrike, Clash, Attack, Talks, Ceasefire, Deportation, Diplomacy, Political };

// How precisely an event's place is known: the spot itself, only its district, or only its province.
enum class GeoPrecision { Exact, District, Province };

std::span<const EventKind> allEventKinds();      // in the order the schema lists them
std::string_view eventKindName(EventKind kind);  // "crossing", "closure", ...
std::optional<EventKind> parseEventKind(std::string_view text);
std::string_view geoPrecisionName(GeoPrecision precision);  // "exact", "district", "province"
std::optional<GeoPrecision> parseGeoPrecision(std::string_view text);

struct Event {
    std::string id;
    EventKind kind = EventKind::Attack;
    std::string name;
    std::string crossing;         // closures: the id of the crossing closed
    std::optional<Date> start;    // set for every event but a crossing open since before the data begins
    std::optional<Date> end;      // closures: the reopening; none = still closed as of the data's as_of date
    GeoPrecision geoPrecision = GeoPrecision::Exact;
    std::string fatalities;       // as reported: "46", "at least 46", "19 (claimed by ...)", or empty
    std::string injured;
    // The fewest deaths (injured) the cited reports support, which sums use (fields fatalities_min, injured_min):
    // for each group of people (each side, civilians) the smallest figure any report gives, added over the
    // groups. A plain "6" or "at least 6" in the text stands for itself. None: no figure that can be summed.
    std::optional<int> fatalitiesLow;
    std::optional<int> injuredLow;
    std::string summary;
    std::vector<std::string> sources;  // "Title, Publisher"; in the file, separated by " | "
    std::string note;             // where sources disagree, how a date was resolved
    std::string country;
    std::string admin1;
    std::vector<LonLat> places;   // one point, or several for an event at several places
    std::string file;             // the file it was loaded from
};

// The separator between sources in the `sources` field.
inline constexpr std::string_view kSourceSeparator = " | ";

// The number in a figure that is only a number: "46", "at least 46", "1,234". Anything more ("19 (claimed by
// ...)", "12 soldiers and 274 fighters") gives nothing: such a report needs an explicit minimum.
std::optional<int> plainFigure(std::string_view reported);

}  // namespace bordermap::timeline
