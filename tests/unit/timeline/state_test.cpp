#include "../test_paths.hpp"
#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/timeline/state.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

namespace {

CrossingState stateOf(const char* crossing, const char* date) {
    const Catalogue& c = test::embeddedCatalogue();
    return crossingStateOn(c, *c.find(crossing), day(date));
}

// The crossing's state on `date` is unknown, by the state_unknown period `period`, and no closure is in force.
void checkUnknown(const char* crossing, const char* date, const char* period) {
    CAPTURE(crossing);
    CAPTURE(date);
    const CrossingState state = stateOf(crossing, date);
    CHECK(state.status == CrossingStatus::Unknown);
    REQUIRE(state.unknown);
    CHECK(state.unknown->id == period);
    CHECK(state.closure == nullptr);
}

std::set<std::string> closedOn(const char* date) {
    std::set<std::string> out;
    const BorderState state = stateOn(test::embeddedCatalogue(), day(date), 30);
    for (const CrossingState* c : state.closed()) out.insert(c->crossing->id.str());
    return out;
}

bool contains(const std::vector<const Event*>& events, const char* id) {
    for (const Event* e : events)
        if (e->id == id) return true;
    return false;
}

}  // namespace

TEST_CASE("Torkham is closed on 1 March 2025, since 21 February") {
    const CrossingState s = stateOf("torkham", "2025-03-01");
    CHECK(s.status == CrossingStatus::Closed);
    REQUIRE(s.closure);
    CHECK(s.closure->start->iso() == "2025-02-21");
    // It reopened to trade on 19 March 2025: open that day, closed the day before.
    CHECK(stateOf("torkham", "2025-03-18").status == CrossingStatus::Closed);
    CHECK(stateOf("torkham", "2025-03-19").status == CrossingStatus::Open);
}

TEST_CASE("on 20 October 2025 the five crossings of the October closure are closed") {
    CHECK(closedOn("2025-10-20") == std::set<std::string>{"angoor-adda", "chaman", "ghulam-khan", "kharlachi", "torkham"});
    CHECK(closedOn("2025-10-10").empty());
    // No reopening to trade was found: still closed on the as_of date.
    CHECK(closedOn("2026-03-17").size() == 5);
}

TEST_CASE("a temporary closure known only to the year is uncertain through that year and over by its end") {
    // The commentary's 2022 Torkham closure: start and end both 2022. It does not run into 2023.
    CHECK(stateOf("torkham", "2021-12-31").status == CrossingStatus::Open);
    CHECK(stateOf("torkham", "2022-01-01").status == CrossingStatus::Uncertain);
    CHECK(stateOf("torkham", "2022-06-01").status == CrossingStatus::Uncertain);
    CHECK(stateOf("torkham", "2022-12-31").status == CrossingStatus::Uncertain);
    CHECK(stateOf("torkham", "2023-01-01").status == CrossingStatus::Open);
    CHECK(stateOf("torkham", "2023-01-15").status == CrossingStatus::Open);
    CHECK(stateOf("torkham", "2023-02-20").status == CrossingStatus::Closed);  // the dated February 2023 closure
    CHECK(stateOf("torkham", "2023-03-01").status == CrossingStatus::Open);
    const Catalogue& c = test::embeddedCatalogue();
    CHECK(closureOverBy(c, *c.find("closure-2022-torkham")) == day("2023-01-01"));
    // An end known to the day is the reopening day itself.
    CHECK(closureOverBy(c, *c.find("closure-2025-02-torkham")) == day("2025-03-19"));
    CHECK_FALSE(closureOverBy(c, *c.find("closure-2025-10-torkham")).has_value());
    // Chaman, from the same sentence, has its dated closure after the shelling of 11 December 2022.
    CHECK(stateOf("chaman", "2022-06-01").status == CrossingStatus::Open);
    CHECK(stateOf("chaman", "2022-12-11").status == CrossingStatus::Closed);
    CHECK(stateOf("chaman", "2022-12-12").status == CrossingStatus::Open);
}

TEST_CASE("where no source says a crossing was open, its state is unknown, never open") {
    // Badini: the terminal has not been used for trade since July 2021 (Dawn); no end.
    CHECK(stateOf("badini", "2020-09-15").status == CrossingStatus::NotYetOpen);
    CHECK(stateOf("badini", "2021-06-30").status == CrossingStatus::Open);
    checkUnknown("badini", "2021-07-01", "unknown-2021-07-badini");
    CHECK(stateOf("badini", "2023-06-01").status == CrossingStatus::Unknown);
    CHECK(stateOf("badini", "2025-11-01").status == CrossingStatus::Unknown);
    // Arandu: the trading posts closed on 11 October 2025 (ThePrint), Arandu not named; no end.
    CHECK(stateOf("arandu", "2025-10-10").status == CrossingStatus::Open);
    checkUnknown("arandu", "2025-10-11", "unknown-2025-10-arandu");
    CHECK(stateOf("arandu", "2026-03-17").status == CrossingStatus::Unknown);
    // A closure in force is a known state: the closed crossings stay closed, and unknown is not counted closed.
    CHECK(stateOf("torkham", "2025-11-01").status == CrossingStatus::Closed);
    CHECK(closedOn("2025-11-01") == std::set<std::string>{"angoor-adda", "chaman", "ghulam-khan", "kharlachi", "torkham"});
    CHECK(crossingStatusName(CrossingStatus::Unknown) == "state unknown");
}

TEST_CASE("a state_unknown period starts and ends with the catalogue's changes") {
    const BorderState state = stateOn(test::embeddedCatalogue(), day("2025-10-20"), 10);
    CHECK(contains(state.closureChanges, "unknown-2025-10-arandu"));
    CHECK_FALSE(contains(state.closureChanges, "unknown-2021-07-badini"));
    CHECK_FALSE(contains(state.recent, "unknown-2025-10-arandu"));  // listed once, among the crossings' changes
}

TEST_CASE("a crossing is not open before its opening date") {
    CHECK(stateOf("angoor-adda", "2020-09-22").status == CrossingStatus::NotYetOpen);  // trade from 23 September 2020
    CHECK(stateOf("angoor-adda", "2020-09-23").status == CrossingStatus::Open);
    CHECK(stateOf("arandu", "2021-01-01").status == CrossingStatus::Open);  // no sourced opening date: none recorded
    CHECK(stateOf("torkham", "1955-06-01").status == CrossingStatus::Open);  // no opening date: open throughout
}

TEST_CASE("a user's closure with a month-precise start is uncertain through that month") {
    Catalogue c = test::embeddedCatalogue();
    REQUIRE(addEventFile(c, test::dataFile("events_extra.geojson"), test::context()).empty());
    const Event& crossing = *c.find("my-crossing");
    CHECK(crossingStateOn(c, crossing, day("2024-05-31")).status == CrossingStatus::Open);
    CHECK(crossingStateOn(c, crossing, day("2024-06-10")).status == CrossingStatus::Uncertain);
    CHECK(crossingStateOn(c, crossing, day("2024-07-01")).status == CrossingStatus::Closed);
    CHECK(crossingStateOn(c, crossing, day("2024-07-15")).status == CrossingStatus::Open);
    // Its closure of an embedded crossing counts too.
    CHECK(crossingStateOn(c, *c.find("torkham"), day("2024-01-11")).status == CrossingStatus::Closed);
}

TEST_CASE("the window holds the events of the N days up to the date, newest first") {
    const BorderState s = stateOn(test::embeddedCatalogue(), day("2025-03-01"), 30);
    CHECK(contains(s.recent, "attack-2025-02-28-akora-khattak"));
    CHECK(contains(s.recent, "deportation-2025-02-05-plan"));
    CHECK_FALSE(contains(s.recent, "clash-2024-12-28-kurram"));
    CHECK_FALSE(contains(s.recent, "clash-2025-03-03-torkham"));
    // A month-precise date overlapping the window is in it.
    CHECK(contains(s.recent, "deportation-2025-03-acc"));
    CHECK(contains(s.closureChanges, "closure-2025-02-torkham"));
    CHECK(s.recent.front()->id == "deportation-2025-03-acc");

    const BorderState narrow = stateOn(test::embeddedCatalogue(), day("2025-03-01"), 2);
    CHECK(contains(narrow.recent, "attack-2025-02-28-akora-khattak"));
    CHECK_FALSE(contains(narrow.recent, "deportation-2025-02-05-plan"));
    CHECK_THROWS_AS(stateOn(test::embeddedCatalogue(), day("2025-03-01"), 0), InputError);
}

TEST_CASE("cumulative totals count what had certainly happened by the date") {
    const Totals before = stateOn(test::embeddedCatalogue(), day("2024-12-23"), 30).cumulative;
    const Totals after = stateOn(test::embeddedCatalogue(), day("2024-12-24"), 30).cumulative;
    CHECK(after.events.at(EventKind::Airstrike) == before.events.at(EventKind::Airstrike) + 1);
    CHECK(after.fatalitiesLow == before.fatalitiesLow + 46);  // Barmal, 24 December 2024
    // On 1 March 2025 the March 2025 deportation order may or may not have come yet.
    const Totals march = stateOn(test::embeddedCatalogue(), day("2025-03-01"), 30).cumulative;
    CHECK(march.uncertain == 1);
    const Totals later = stateOn(test::embeddedCatalogue(), day("2025-04-01"), 30).cumulative;
    CHECK(later.uncertain == 0);
    CHECK(later.events.at(EventKind::Deportation) == march.events.at(EventKind::Deportation) + 1);
}

TEST_CASE("next and previous step through events and reopenings") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto next = nextMoment(c, day("2025-03-01"));
    REQUIRE(next);
    CHECK(isoDay(next->day) == "2025-03-03");
    CHECK(next->event->id == "clash-2025-03-03-torkham");
    const auto reopening = nextMoment(c, day("2025-03-12"));
    REQUIRE(reopening);
    CHECK(reopening->reopening);
    CHECK(isoDay(reopening->day) == "2025-03-19");
    const auto previous = previousMoment(c, day("2025-03-01"));
    REQUIRE(previous);
    CHECK(previous->event->id == "attack-2025-02-28-akora-khattak");
    CHECK_FALSE(nextMoment(c, day("2026-03-16")));
    CHECK_FALSE(previousMoment(c, day("1955-01-01")));
}
