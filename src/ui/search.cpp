#include "bordermap/ui/search.hpp"

#include <bordermap/core/text.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/timeline/selection.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace bordermap::ui {

namespace {

using namespace std::string_view_literals;

// U+00C0..U+017F as the plain lower-case letter each is read as; '\0' where there is none (x, division sign,
// thorn), which keeps the character as it is.
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0s"   // U+00C0..U+00DF
    "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0y"sv;  // U+00E0..U+00FF
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"sv;
static_assert(kLatin1.size() == 64 && kLatinExtendedA.size() == 128);

bool wordChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}

void foldInto(std::string& out, std::string_view text) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            continue;
        }
        // Two-byte sequences U+00C0..U+017F: lead byte 0xC3..0xC5.
        if (c >= 0xC3 && c <= 0xC5 && i + 1 < text.size()) {
            const unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
            const char plain = code >= 0x100 ? kLatinExtendedA[code - 0x100] : code >= 0xC0 ? kLatin1[code - 0xC0] : '\0';
            if (plain != '\0') {
                out += plain;
                ++i;
                continue;
            }
        }
        // U+2010..U+2015 (hyphens and dashes) and U+2018, U+2019 (curly single quotes): E2 80 90..99.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            const auto third = static_cast<unsigned char>(text[i + 2]);
            if (third >= 0x90 && third <= 0x95) {
                out += '-';
                i += 2;
                continue;
            }
            if (third == 0x98 || third == 0x99) {
                out += '\'';
                i += 2;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
}

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// matchFolded for a text of ASCII alone, folded as it is read: no copy (a million names: tens of ms, not hundreds).
Match matchAscii(std::string_view text, std::string_view query) {
    if (query.size() > text.size()) return Match::None;
    const auto at = [&](std::size_t from) {
        for (std::size_t i = 0; i < query.size(); ++i)
            if (lowerAscii(text[from + i]) != query[i]) return false;
        return true;
    };
    if (at(0)) return text.size() == query.size() ? Match::Exact : Match::Prefix;
    Match best = Match::None;
    for (std::size_t from = 1; from + query.size() <= text.size(); ++from) {
        if (lowerAscii(text[from]) != query[0] || !at(from)) continue;
        if (!wordChar(lowerAscii(text[from - 1]))) return Match::WordPrefix;
        best = Match::Substring;
    }
    return best;
}

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct Candidate {
    Match match;
    std::int64_t day;     // events: the start's first day (undated: the lowest), for newest first
    std::uint32_t index;  // in its layer or the catalogue
};

// Best match first; then, for events, the newest; then the order of the data.
bool better(const Candidate& a, const Candidate& b) {
    if (a.match != b.match) return a.match > b.match;
    if (a.day != b.day) return a.day > b.day;
    return a.index < b.index;
}

// Keeps the `limit` best of `candidates`, best first, and says how many were left out.
std::size_t keepBest(std::vector<Candidate>& candidates, std::size_t limit) {
    const std::size_t keep = std::min(limit, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(), better);
    const std::size_t left = candidates.size() - keep;
    candidates.resize(keep);
    return left;
}

SearchResult result(std::string name, std::string kind, std::string detail, SearchGroup group, Match match) {
    SearchResult r;
    r.label = name + " (" + kind + (detail.empty() ? "" : ", " + detail) + ")";
    r.name = std::move(name);
    r.detail = std::move(detail);
    r.group = group;
    r.match = match;
    return r;
}

}  // namespace

const char* searchGroupName(SearchGroup group) {
    switch (group) {
        case SearchGroup::Province: return "Provinces";
        case SearchGroup::Crossing: return "Crossings";
        case SearchGroup::Place: return "Places";
        case SearchGroup::Event: return "Events";
    }
    return "";
}

std::string foldForSearch(std::string_view text) {
    std::string out;
    foldInto(out, text);
    return out;
}

Match matchFolded(std::string_view text, std::string_view query) {
    if (query.empty() || query.size() > text.size()) return Match::None;
    if (text == query) return Match::Exact;
    if (text.starts_with(query)) return Match::Prefix;
    Match best = Match::None;
    for (std::size_t at = text.find(query, 1); at != std::string_view::npos; at = text.find(query, at + 1)) {
        if (!wordChar(text[at - 1])) return Match::WordPrefix;
        best = Match::Substring;
    }
    return best;
}

SearchResults search(const geo::BoundaryData& boundaries, const timeline::EventSelection& events, std::string_view rawQuery,
                     const SearchLimits& limits) {
    SearchResults out;
    const std::string query = foldForSearch(trimmed(rawQuery));
    if (query.size() < 2) return out;
    std::string folded;
    const auto matchOf = [&](std::string_view text) {
        if (isAscii(text)) return matchAscii(text, query);
        foldInto(folded, text);
        return matchFolded(folded, query);
    };
    // Ids are for those who know them ("airstrike-2024-12-24-barmal"): looked in only for a query that looks like
    // part of one, with a dash or a digit.
    const bool idLike = query.find_first_of("-0123456789") != std::string::npos;
    // An event's kind ("air" finds every airstrike), at the start of the kind's name or a word of it; like an id,
    // never above a match of a name. Once per kind, not per event.
    std::array<Match, timeline::kEventKindCount> byKind{};
    for (std::size_t k = 0; k < timeline::kEventKindCount; ++k) {
        const Match m = matchOf(timeline::eventKindName(static_cast<timeline::EventKind>(k)));
        byKind[k] = m >= Match::WordPrefix ? Match::Substring : Match::None;
    }

    std::array<std::vector<Candidate>, kSearchGroups> found;
    const auto& provinces = boundaries.provinces.features;
    for (std::size_t i = 0; i < provinces.size(); ++i)
        if (const Match m = matchOf(boundaries.provinces.value(provinces[i], "name")); m != Match::None)
            found[0].push_back({m, 0, static_cast<std::uint32_t>(i)});
    const auto& cities = boundaries.cities.features;
    for (std::size_t i = 0; i < cities.size(); ++i)
        if (const Match m = matchOf(cities[i].name); m != Match::None && !cities[i].geometry.points.empty())
            found[2].push_back({m, 0, static_cast<std::uint32_t>(i)});
    const timeline::Catalogue& catalogue = events.catalogue();
    for (std::uint32_t i = 0; i < catalogue.events.size(); ++i) {
        if (!events.selectedAt(i)) continue;
        const timeline::Event& e = catalogue.events[i];
        // An id never counts above a match of a name.
        Match m = std::max(matchOf(e.name), byKind[static_cast<std::size_t>(e.kind)]);
        if (idLike && m == Match::None) m = std::min(matchOf(e.id), Match::Substring);
        if (m == Match::None) continue;
        const bool crossing = e.kind == timeline::EventKind::Crossing;
        found[crossing ? 1 : 3].push_back({m, e.start ? e.start->first().time_since_epoch().count() : INT64_MIN, i});
    }

    // Groups by their best match, SearchGroup's order between equals.
    std::array<std::vector<SearchResult>, kSearchGroups> listed;
    std::array<Match, kSearchGroups> best{};
    for (std::size_t g = 0; g < kSearchGroups; ++g) {
        out.more[g] = keepBest(found[g], limits[g]);
        best[g] = found[g].empty() ? Match::None : found[g].front().match;
    }
    for (const Candidate& c : found[0]) {
        const geo::Feature& f = provinces[c.index];
        SearchResult r = result(std::string(boundaries.provinces.value(f, "name")), "province",
                                std::string(boundaries.provinces.value(f, "country")), SearchGroup::Province, c.match);
        r.at = scene::labelPoint(f.geometry);
        r.span_m = geo::geodesicDistanceM(f.bounds.min, f.bounds.max);
        listed[0].push_back(std::move(r));
    }
    for (const Candidate& c : found[2]) {
        const geo::Feature& f = cities[c.index];
        SearchResult r = result(f.name, "city", std::string(boundaries.cities.value(f, "country")), SearchGroup::Place, c.match);
        r.at = f.geometry.points.front();
        listed[2].push_back(std::move(r));
    }
    for (std::size_t g : {std::size_t{1}, std::size_t{3}}) {
        for (const Candidate& c : found[g]) {
            const timeline::Event& e = catalogue.events[c.index];
            SearchResult r;
            if (g == 1) {
                r = result(e.name.str(), "crossing", e.admin1.str(), SearchGroup::Crossing, c.match);
            } else {
                std::string detail(timeline::eventKindName(e.kind));
                if (e.start) detail += ", " + e.start->display();
                if (e.places.empty()) detail += ", no place on the map";
                r = result(e.name.str(), "", "", SearchGroup::Event, c.match);
                r.detail = detail;
                if (e.start) r.when = e.start->iso();
                r.label = r.name + " (" + detail + ")";
            }
            if (!e.places.empty()) r.at = e.places.front();
            r.eventId = e.id.str();
            listed[g].push_back(std::move(r));
        }
    }
    std::array<std::size_t, kSearchGroups> order{};
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return best[a] > best[b]; });
    for (std::size_t g : order)
        for (SearchResult& r : listed[g]) out.items.push_back(std::move(r));
    return out;
}

}  // namespace bordermap::ui
