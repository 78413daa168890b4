// The side panel's search (ranking, groups, keys), the selected event against the date, the named playing speeds
// and the links in sources: AppState and the pure pieces below it, on the embedded data.

#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/ui/app_state.hpp>
#include <bordermap/ui/links.hpp>
#include <bordermap/ui/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::ui;
using test::day;

namespace {

AppState makeState() { return AppState(test::boundaries(), test::embeddedCatalogue(), "regional", 1200, 800); }

std::vector<SearchGroup> groupsOf(const SearchResults& results) {
    std::vector<SearchGroup> groups;
    for (const SearchResult& r : results.items)
        if (groups.empty() || groups.back() != r.group) groups.push_back(r.group);
    return groups;
}

// Within each group: the match never gets better further down; events of equal match newest first.
void checkOrder(const AppState& s, const SearchResults& results) {
    for (std::size_t i = 1; i < results.size(); ++i) {
        const SearchResult& a = results.items[i - 1];
        const SearchResult& b = results.items[i];
        if (a.group != b.group) continue;
        CHECK(a.match >= b.match);
        if (a.group == SearchGroup::Event && a.match == b.match) {
            const timeline::Event* ea = s.catalogue().find(a.eventId);
            const timeline::Event* eb = s.catalogue().find(b.eventId);
            REQUIRE(ea != nullptr);
            REQUIRE(eb != nullptr);
            CHECK(ea->start->first() >= eb->start->first());
        }
    }
}

}  // namespace

TEST_CASE("folding for search drops case and accents and reads dashes and curly quotes plainly") {
    CHECK(foldForSearch("Torkham") == "torkham");
    CHECK(foldForSearch("Pe\xc5\x9f\xc3\xa2war") == "pesawar");  // ş, â
    CHECK(foldForSearch("\xc3\x89TAT \xc4\xb0stanbul") == "etat istanbul");
    CHECK(foldForSearch("Chaman\xe2\x80\x93Spin Boldak") == "chaman-spin boldak");  // an en dash
    CHECK(foldForSearch("Pakistan\xe2\x80\x99s") == "pakistan's");
    CHECK(foldForSearch("\xd9\x83\xd8\xa7\xd8\xa8\xd9\x84") == "\xd9\x83\xd8\xa7\xd8\xa8\xd9\x84");  // Arabic script kept
    CHECK(foldForSearch("2\xc3\x97" "3") == "2\xc3\x97" "3");  // the multiplication sign is no letter
}

TEST_CASE("a match is exact, a prefix, a later word's prefix or a substring, in that order") {
    CHECK(matchFolded("kabul", "kabul") == Match::Exact);
    CHECK(matchFolded("kabul bombing", "kabul") == Match::Prefix);
    CHECK(matchFolded("strike on kabul", "kab") == Match::WordPrefix);
    CHECK(matchFolded("pakistan's embassy in kabul", "kabul") == Match::WordPrefix);
    CHECK(matchFolded("chaman-spin boldak", "spin") == Match::WordPrefix);
    CHECK(matchFolded("pakistani airstrikes", "air") == Match::WordPrefix);
    CHECK(matchFolded("kharlachi", "lach") == Match::Substring);
    // A substring first, the start of a word later: the better one counts.
    CHECK(matchFolded("lair of air", "air") == Match::WordPrefix);
    CHECK(matchFolded("kabul", "herat") == Match::None);
    CHECK(matchFolded("kab", "kabul") == Match::None);
    CHECK(matchFolded("kabul", "") == Match::None);
    CHECK(Match::Exact > Match::Prefix);
    CHECK(Match::Prefix > Match::WordPrefix);
    CHECK(Match::WordPrefix > Match::Substring);
}

TEST_CASE("searching 'Kabul' lists the province and the city before the events, the events by match then newest") {
    const AppState s = makeState();
    const SearchResults results = s.search("Kabul");
    REQUIRE(results.size() >= 3);
    CHECK(groupsOf(results) == std::vector<SearchGroup>{SearchGroup::Province, SearchGroup::Place, SearchGroup::Event});
    CHECK(results.items[0].name == "Kabul");
    CHECK(results.items[0].match == Match::Exact);
    CHECK(results.items[0].label == "Kabul (province, Afghanistan)");
    CHECK(results.items[1].group == SearchGroup::Place);
    CHECK(results.items[1].name == "Kabul");
    checkOrder(s, results);
    // Thirteen events name Kabul: eight listed, the two that start with it first, newest first; five more.
    std::vector<std::string> events;
    for (const SearchResult& r : results.items)
        if (r.group == SearchGroup::Event) events.push_back(r.eventId);
    REQUIRE(events.size() == kSearchLimits[3]);
    CHECK(events[0] == "diplomacy-2025-05-31-ambassadors");
    CHECK(events[1] == "attack-2017-05-kabul");
    CHECK(events[2] == "airstrike-2026-03-16-kabul-rehab");
    CHECK(results.more[static_cast<std::size_t>(SearchGroup::Event)] == 13 - kSearchLimits[3]);
    CHECK(results.more[static_cast<std::size_t>(SearchGroup::Province)] == 0);
    // Case and accents do not matter.
    CHECK(s.search("K\xc3\xa2" "BUL").items.front().label == "Kabul (province, Afghanistan)");
}

TEST_CASE("searching 'tork' lists the Torkham crossing first; 'air', 'Kurram' and a crossing's dashed name") {
    const AppState s = makeState();
    const SearchResults tork = s.search("tork");
    REQUIRE_FALSE(tork.empty());
    CHECK(tork.items.front().group == SearchGroup::Crossing);
    CHECK(tork.items.front().eventId == "torkham");
    CHECK(tork.items.front().match == Match::Prefix);
    CHECK(groupsOf(tork).front() == SearchGroup::Crossing);
    checkOrder(s, tork);

    const SearchResults air = s.search("air");
    REQUIRE_FALSE(air.empty());
    CHECK(groupsOf(air) == std::vector<SearchGroup>{SearchGroup::Event});
    CHECK(air.items.front().match == Match::WordPrefix);  // "Pakistani airstrikes ...", not an id's "airstrike-"
    checkOrder(s, air);

    const SearchResults kurram = s.search("  Kurram ");
    REQUIRE_FALSE(kurram.empty());
    CHECK(kurram.items.front().eventId == "clash-2024-12-28-kurram");
    CHECK(kurram.items.front().detail == "clash, 28 December 2024");

    const SearchResults chaman = s.search("chaman-spin");  // the name has an en dash
    REQUIRE_FALSE(chaman.empty());
    CHECK(chaman.items.front().eventId == "chaman");
    CHECK(chaman.items.front().match == Match::Prefix);

    // An id, for those who know it: only a query with a dash or a digit looks in ids, and finds them as substrings.
    const SearchResults byId = s.search("2024-12-24-barmal");
    REQUIRE(byId.size() == 1);
    CHECK(byId.items.front().eventId == "airstrike-2024-12-24-barmal");
    CHECK(byId.items.front().match == Match::Substring);
    // "air" by kind too: every airstrike (nine: eight listed, one more), those named "airstrikes" first.
    CHECK(air.size() + air.more[static_cast<std::size_t>(SearchGroup::Event)] == 9);
    CHECK(std::all_of(air.items.begin(), air.items.end(), [&](const SearchResult& r) { return s.catalogue().find(r.eventId)->kind == timeline::EventKind::Airstrike; }));
    CHECK(air.items.back().match == Match::Substring);

    CHECK(s.search("k").empty());
    CHECK(s.search("zzqx").empty());
}

TEST_CASE("a place group that matches only inside a word follows events that match better") {
    const AppState s = makeState();
    // "ista": inside Nuristan and Balochistan only; the start of "Istanbul talks collapse".
    const SearchResults ista = s.search("ista");
    CHECK(groupsOf(ista) == std::vector<SearchGroup>{SearchGroup::Event, SearchGroup::Province});
    CHECK(ista.items.front().match == Match::Prefix);
    // "chin": inside Parachinar; the start of "China-Afghanistan-Pakistan talks".
    CHECK(groupsOf(s.search("chin")) == std::vector<SearchGroup>{SearchGroup::Event, SearchGroup::Place});
    // "bul": inside Kabul and Zabul (provinces), Kabul (a city) and events alike: the kinds keep their order.
    CHECK(groupsOf(s.search("bul")).front() == SearchGroup::Province);
}

TEST_CASE("the search box: typing finds, Up and Down move the highlight, Enter goes there, a group shows more") {
    AppState s = makeState();
    s.setSearchQuery("Kabul");
    const SearchResults& first = s.searchResults();
    REQUIRE(first.size() >= 3);
    CHECK(s.searchHighlight() == 0);
    s.moveSearchHighlight(-1);
    CHECK(s.searchHighlight() == 0);  // stops at the top
    s.moveSearchHighlight(1);
    CHECK(s.searchHighlight() == 1);
    s.moveSearchHighlight(1000);
    CHECK(s.searchHighlight() == static_cast<int>(s.searchResults().size()) - 1);

    const std::size_t listed = s.searchResults().size();
    s.showMoreResults(SearchGroup::Event);
    CHECK(s.searchResults().size() == listed + 5);
    CHECK(s.searchResults().more[static_cast<std::size_t>(SearchGroup::Event)] == 0);

    // Enter on the third result: the first event, Kabul welcomes an ambassador (31 May 2025).
    s.setSearchQuery("kabul ");
    CHECK(s.searchHighlight() == 0);
    s.moveSearchHighlight(2);
    REQUIRE(s.searchResults().items[2].eventId == "diplomacy-2025-05-31-ambassadors");
    CHECK(s.goToSearchResult());
    CHECK(s.selectedEventId == "diplomacy-2025-05-31-ambassadors");
    CHECK(timeline::isoDay(s.time.day) == "2025-05-31");
    CHECK(s.flying());
    s.advance(10.0);  // the flight ends on the event's date, not the one it left
    CHECK_FALSE(s.flying());
    CHECK(timeline::isoDay(s.time.day) == "2025-05-31");
    CHECK(s.searchQuery().empty());
    CHECK(s.searchResults().empty());
    CHECK_FALSE(s.goToSearchResult());  // nothing to go to

    s.setSearchQuery("air");
    CHECK_FALSE(s.searchResults().empty());
    s.clearSearch();
    CHECK(s.searchResults().empty());
}

TEST_CASE("the search follows the filter: events it hides are not found") {
    AppState s = makeState();
    s.setSearchQuery("air");
    const auto airstrikes = [&] {
        return std::count_if(s.searchResults().items.begin(), s.searchResults().items.end(),
                             [&](const SearchResult& r) { return s.catalogue().find(r.eventId)->kind == timeline::EventKind::Airstrike; });
    };
    CHECK(airstrikes() > 0);
    timeline::EventFilter clashes;
    clashes.kinds = {timeline::EventKind::Clash};
    s.setFilter(clashes);
    CHECK(airstrikes() == 0);
}

TEST_CASE("the selected event against the date: not yet, within its month or year, happened, undated") {
    AppState s = makeState();
    CHECK(s.selectedTiming() == EventTiming::Unselected);
    CHECK(s.selectedTimingNote().empty());

    s.select("airstrike-2025-10-09-kabul");
    s.setDate(day("2025-10-09"));
    CHECK(s.selectedTiming() == EventTiming::Happened);
    CHECK(s.selectedTimingNote().empty());
    s.setDate(day("2025-10-08"));
    CHECK(s.selectedTiming() == EventTiming::NotYet);
    CHECK(s.selectedTimingNote() == "Not yet happened on 8 October 2025: this event is on 9 October 2025.");
    s.setDate(day("2026-01-01"));
    CHECK(s.selectedTiming() == EventTiming::Happened);

    // Known to the month (August 2021): the days of that month may come before it.
    s.select("political-2021-08-kabul");
    s.setDate(day("2021-08-10"));
    CHECK(s.selectedTiming() == EventTiming::WithinItsStart);
    CHECK(s.selectedTimingNote().find("known only to the month, August 2021") != std::string::npos);
    s.setDate(day("2021-07-31"));
    CHECK(s.selectedTiming() == EventTiming::NotYet);
    s.setDate(day("2021-09-01"));
    CHECK(s.selectedTiming() == EventTiming::Happened);

    s.select("torkham");  // a crossing open since before the data: no start
    CHECK(s.selectedTiming() == EventTiming::Undated);
    CHECK(s.selectedTimingNote().empty());
}

TEST_CASE("the playing speed goes in named steps from a day to a year a second") {
    AppState s = makeState();
    CHECK(std::string(kSpeedSteps[static_cast<std::size_t>(s.speedStep())].name) == "1 week/s");  // the default, 7 days/s
    s.setSpeedStep(0);
    CHECK(s.playSpeed_daysPerSecond == 1.0);
    s.setSpeedStep(99);
    CHECK(std::string(kSpeedSteps[static_cast<std::size_t>(s.speedStep())].name) == "1 year/s");
    s.setSpeedStep(-3);
    CHECK(s.speedStep() == 0);
    s.playSpeed_daysPerSecond = 100;  // set elsewhere (a briefing): shown as the nearest step
    CHECK(std::string(kSpeedSteps[static_cast<std::size_t>(s.speedStep())].name) == "3 months/s");
    for (std::size_t i = 1; i < std::size(kSpeedSteps); ++i) CHECK(kSpeedSteps[i].daysPerSecond > kSpeedSteps[i - 1].daysPerSecond);

    // A year a second: two seconds of playing move the date two years.
    s.setSpeedStep(6);
    s.setDate(day("2022-01-01"));
    s.togglePlay();
    s.advance(1.0);
    s.advance(1.0);
    CHECK(timeline::isoDay(s.time.day) == "2024-01-01");
}

TEST_CASE("links in sources: found whole, without the sentence's punctuation; opened through the opener") {
    CHECK(linksIn("Dawn, 2025-11-02, https://www.dawn.com/news/1952698") == std::vector<std::string>{"https://www.dawn.com/news/1952698"});
    CHECK(linksIn("see https://en.wikipedia.org/wiki/Torkham_(village).") == std::vector<std::string>{"https://en.wikipedia.org/wiki/Torkham_(village)"});
    CHECK(linksIn("(http://a.org/x), and https://b.org/y;") == std::vector<std::string>{"http://a.org/x", "https://b.org/y"});
    CHECK(linksIn("httpx://no, https:// alone, http") .empty());
    CHECK(linksIn("AFP, Arab News, 2025-10-12").empty());
    CHECK(linkHost("https://www.dawn.com/news/1952698") == "www.dawn.com");
    CHECK(linkHost("http://a.org?q=1") == "a.org");

    // Not a web link: refused before any process starts.
    CHECK(openLink("file:///etc/passwd").find("not a web link") == 0);
    CHECK(openLink("https://a.org/x y").find("not a web link") == 0);

    AppState s = makeState();
    std::vector<std::string> opened;
    s.linkOpener = [&](const std::string& url) {
        opened.push_back(url);
        return url.find("fail") != std::string::npos ? std::string("cannot open the link: no browser") : std::string();
    };
    s.openSourceLink("https://www.dawn.com/news/1952698");
    CHECK(opened == std::vector<std::string>{"https://www.dawn.com/news/1952698"});
    CHECK(s.message == "opening https://www.dawn.com/news/1952698 in the browser");
    s.openSourceLink("https://fail.example/");
    CHECK(s.message == "cannot open the link: no browser");
}

TEST_CASE("every source link in the embedded events is found whole") {
    // Each link the data holds ends at a space or the end of its source, and a source holds at most a few.
    const timeline::Catalogue& catalogue = test::embeddedCatalogue();
    std::size_t links = 0;
    for (const timeline::Event& e : catalogue.events)
        for (const std::string& source : catalogue.sourcesOf(e))
            for (const std::string& link : linksIn(source)) {
                ++links;
                CHECK(source.find(link) != std::string::npos);
                CHECK(link.find(' ') == std::string::npos);
                CHECK_FALSE(link.ends_with("."));
                CHECK_FALSE(link.ends_with(","));
            }
    CHECK(links > 20);
}

TEST_CASE("a link reaches xdg-open as one argument, never read by a shell; a missing xdg-open is said") {
    // A stand-in xdg-open, first on PATH, that writes the argument it was given.
    const std::filesystem::path dir = test::freshFolder("ui", "open_link");
    const std::filesystem::path got = dir / "argument.txt", injected = dir / "injected";
    {
        std::ofstream script(dir / "xdg-open");
        script << "#!/bin/sh\nprintf '%s' \"$1\" > '" << got.string() << ".part' && mv '" << got.string() << ".part' '" << got.string() << "'\n";
    }
    std::filesystem::permissions(dir / "xdg-open", std::filesystem::perms::owner_all);
    const char* oldPath = std::getenv("PATH");
    const std::optional<std::string> saved = oldPath ? std::optional<std::string>(oldPath) : std::nullopt;
    setenv("PATH", (dir.string() + ":" + saved.value_or("/usr/bin:/bin")).c_str(), 1);

    // No spaces (a link holds none), shell code all the same.
    const std::string url = "https://example.org/a?b=1&c=$(touch${IFS}" + injected.string() + ")';`touch${IFS}" + injected.string() + "`\"";
    const std::string said = openLink(url);
    std::string argument;
    for (int i = 0; i < 50 && !std::filesystem::exists(got); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::ifstream in(got); in) std::getline(in, argument);

    // No xdg-open anywhere on PATH: said, not silently lost.
    setenv("PATH", dir.string().c_str(), 1);
    std::filesystem::remove(dir / "xdg-open");
    const std::string missing = openLink("https://example.org/");
    if (saved) setenv("PATH", saved->c_str(), 1);
    else unsetenv("PATH");

    CHECK_MESSAGE(said.empty(), said);
    CHECK(argument == url);
    CHECK_FALSE(std::filesystem::exists(injected));
    CHECK(missing.find("xdg-open is not installed") != std::string::npos);
}
