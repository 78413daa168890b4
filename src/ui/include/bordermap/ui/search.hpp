#pragma once
// The side panel's search: provinces, crossings and cities before events, the obvious match first. Pure logic on
// the boundary data and the events shown, no ImGui; AppState keeps the query and its results.

#include <bordermap/core/coords.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::geo {
struct BoundaryData;
}
namespace bordermap::timeline {
class EventSelection;
}

namespace bordermap::ui {

// What a result is; also the order its group is listed in when two groups match equally well.
enum class SearchGroup { Province, Crossing, Place, Event };
inline constexpr std::size_t kSearchGroups = 4;
const char* searchGroupName(SearchGroup group);  // "Provinces", "Crossings", "Places", "Events"

// How well a name matches a query, worst to best: somewhere inside a word, at the start of a later word ("kabul"
// in "Embassy in Kabul"), at the start of the name, the whole name.
enum class Match { None, Substring, WordPrefix, Prefix, Exact };

// The text folded for matching: ASCII in lower case, the accented Latin letters (Latin-1, Latin Extended-A) as their
// plain lower-case letter ("Peşāwar" as "pesawar"), dashes as '-', curly apostrophes as '\''. Other text is kept.
std::string foldForSearch(std::string_view text);
// How `text` matches `query`, both folded; None for an empty query.
Match matchFolded(std::string_view text, std::string_view query);

struct SearchResult {
    std::string label;   // the whole result on one line, for a tooltip and the status line: "Torkham (crossing, Nangarhar / Khyber Pakhtunkhwa)"
    std::string name;    // "Torkham"
    std::string detail;  // what the group does not say: a place's country, a crossing's provinces, an event's kind and date
    std::string when;    // an event's start as the data writes it: "2025-10-09", "2021-08", "1996"; empty for the rest
    SearchGroup group = SearchGroup::Event;
    Match match = Match::None;
    std::optional<LonLat> at;  // none: an event with no place on the map (its date and details only)
    std::string eventId;       // for events and crossings
    double span_m = 0;         // how much map to show around it (a province's size; 0: a point)
};

struct SearchResults {
    // Grouped: the group with the best match first (SearchGroup's order between equals), the best match first in
    // each group, events of equal match newest first.
    std::vector<SearchResult> items;
    std::array<std::size_t, kSearchGroups> more{};  // by group: how many matched beyond those listed
    bool empty() const { return items.empty(); }
    std::size_t size() const { return items.size(); }
};

// How many results of each group are listed (indexed by SearchGroup).
using SearchLimits = std::array<std::size_t, kSearchGroups>;
inline constexpr SearchLimits kSearchLimits{5, 5, 5, 8};
inline constexpr std::size_t kSearchLimitShowMore = 100;  // a group the reader asked to see more of

// The provinces and cities of `boundaries` and the events `events` selects (crossings among them) whose name matches
// `query` (trimmed and folded; under two characters finds nothing); an event also by its kind ("air": airstrikes)
// and, where the query has a dash or a digit, by its id: both as a substring at best.
// Reads every event's name once, ASCII without a copy: 890,000 events in 70 to 80 ms (bench_interaction).
SearchResults search(const geo::BoundaryData& boundaries, const timeline::EventSelection& events, std::string_view query,
                     const SearchLimits& limits = kSearchLimits);

}  // namespace bordermap::ui
