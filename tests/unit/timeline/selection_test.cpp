#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/selection.hpp>
#include <bordermap/timeline/state.hpp>
#include <bordermap/timeline/text_index.hpp>

#include <doctest/doctest.h>

#include <random>
#include <set>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

namespace {

// A random catalogue: the embedded events (crossings and closures among them) and `n` more, with days, months and
// years for dates, every kind of event, deaths or none, a few sources and actors, and some marked duplicates.
Catalogue randomCatalogue(std::uint64_t seed, std::size_t n) {
    std::mt19937_64 random(seed);
    const auto below = [&](std::uint64_t k) { return random() % k; };
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const Text file = store.intern("random.geojson");
    const char* outlets[] = {"Dawn", "Pajhwok Afghan News", "TOLOnews", "The Express Tribune", "Khaama Press"};
    const char* actors[] = {"Military Forces of Pakistan", "Taliban", "TTP: Tehreek-i-Taliban Pakistan", "Civilians"};
    const EventKind kinds[] = {EventKind::Airstrike, EventKind::Clash,     EventKind::Attack,     EventKind::Talks,
                               EventKind::Ceasefire, EventKind::Diplomacy, EventKind::Deportation};
    for (std::size_t i = 0; i < n; ++i) {
        Event e;
        e.id = store.keep("random-" + std::to_string(i));
        e.file = file;
        e.kind = kinds[below(std::size(kinds))];
        e.name = store.intern("Event in place " + std::to_string(below(50)));
        const CalendarDay d = day("2017-01-01") + std::chrono::days{below(3650)};
        const std::uint64_t precision = below(10);
        if (precision < 7) {
            e.start = Date(d, TimePrecision::Day);
        } else if (precision < 9) {
            const std::chrono::year_month_day ymd{d};
            e.start = Date(std::chrono::sys_days{ymd.year() / ymd.month() / 1}, TimePrecision::Month);
        } else {
            e.start = Date(std::chrono::sys_days{std::chrono::year_month_day{d}.year() / 1 / 1}, TimePrecision::Year);
        }
        if (below(4) > 0) e.fatalitiesLow = static_cast<int>(below(30));
        if (below(3) == 0) e.injuredLow = static_cast<int>(below(10));
        // Lists interned, as ACLED's are, or kept each as its own, as an events file's are.
        const std::string_view sources[] = {outlets[below(5)], outlets[below(5)]};
        const std::string joined = joinSources(std::span<const std::string_view>(sources, 1 + below(2)));
        e.sources = below(2) == 0 ? c.sourceText->internLong(joined) : c.sourceText->keepLong(joined);
        e.acled = store.record(AcledFields{.actor1 = store.intern(actors[below(4)])});
        e.summary = store.keepLong(below(5) == 0 ? "Shelling near Torkham" : "Reported clash");
        e.duplicate = below(20) == 0;
        const LonLat place{66.0 + static_cast<double>(below(600)) / 100.0, 30.0 + static_cast<double>(below(500)) / 100.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        c.events.push_back(e);
    }
    sortEvents(c);
    return c;
}

EventFilter randomFilter(std::mt19937_64& random) {
    EventFilter f;
    switch (random() % 6) {
    case 0: break;
    case 1: f.kinds = {EventKind::Airstrike, EventKind::Clash}; break;
    case 2: f.minDeaths = static_cast<int>(random() % 20); break;
    case 3: f.source = "dawn"; break;
    case 4: f.actor = "TALIBAN"; break;
    case 5: f.text = "torkham"; f.embedded = false; break;
    }
    return f;
}

bool counted(const Event& e) {
    return e.start && !isCrossingState(e.kind) && !e.duplicate;
}

}  // namespace

TEST_CASE("the date index finds what a plain scan finds, for random catalogues, dates, windows and filters") {
    std::mt19937_64 random(7);
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const Catalogue c = randomCatalogue(seed, 3000);
        for (int round = 0; round < 12; ++round) {
            const EventFilter filter = randomFilter(random);
            const EventSelection selection(c, filter);
            const CalendarDay to = day("2016-06-01") + std::chrono::days{random() % 4000};
            const CalendarDay from = to - std::chrono::days{random() % 400};
            CAPTURE(seed);
            CAPTURE(filter.describe());
            CAPTURE(isoDay(from));
            CAPTURE(isoDay(to));

            std::vector<const Event*> indexed, scanned;
            selection.forEachOverlapping(from, to, [&](const Event& e) { indexed.push_back(&e); });
            for (const Event& e : c.events)
                if (e.start && filter.matches(c, e) && e.start->first() <= to && e.start->last() >= from) scanned.push_back(&e);
            CHECK(indexed == scanned);

            Totals expected;
            for (const Event& e : c.events) {
                if (!counted(e) || !filter.matches(c, e)) continue;
                if (e.start->last() <= to) {
                    ++expected.events[e.kind];
                    expected.fatalitiesLow += e.fatalitiesLow.value_or(0);
                    expected.injuredLow += e.injuredLow.value_or(0);
                } else if (e.start->first() <= to) {
                    ++expected.uncertain;
                }
            }
            const Totals totals = selection.totalsOn(to);
            CHECK(totals.events == expected.events);
            CHECK(totals.fatalitiesLow == expected.fatalitiesLow);
            CHECK(totals.injuredLow == expected.injuredLow);
            CHECK(totals.uncertain == expected.uncertain);

            // The state's window: the events in it, newest first, as a scan finds them.
            const int window = static_cast<int>((to - from).count()) + 1;
            const BorderState state = stateOn(selection, to, window);
            std::multiset<const Event*> recent(state.recent.begin(), state.recent.end());
            std::multiset<const Event*> expectedRecent;
            for (const Event* e : scanned)
                if (!isCrossingState(e->kind)) expectedRecent.insert(e);
            CHECK(recent == expectedRecent);
        }
    }
}

TEST_CASE("a big catalogue's selection, matched on two threads from the events' facts, is each event's own match") {
    // 120,000 events: past the size at which sources, actors and text are matched on two threads.
    const Catalogue c = randomCatalogue(5, 120'000);
    const EventTextIndex index(c);
    std::mt19937_64 random(3);
    for (int round = 0; round < 10; ++round) {
        EventFilter filter = randomFilter(random);
        if (round % 3 == 1) filter.source = "tolo";
        if (round % 3 == 2) filter.kinds = {EventKind::Attack};
        CAPTURE(filter.describe());
        const EventSelection selection(c, filter), indexed(c, filter, &index);
        std::size_t mismatches = 0, selected = 0;
        for (const Event& e : c.events) {
            const bool expected = filter.matches(c, e);
            mismatches += selection.selected(e) != expected || indexed.selected(e) != expected;
            selected += expected;
        }
        CHECK(mismatches == 0);
        CHECK(selected > 0);
    }
}

TEST_CASE("next and previous moment through the index agree with the list of every moment") {
    const Catalogue c = randomCatalogue(11, 2000);
    const std::vector<Moment> all = moments(c);
    std::mt19937_64 random(3);
    for (int round = 0; round < 200; ++round) {
        const CalendarDay d = day("2016-01-01") + std::chrono::days{random() % 4200};
        CAPTURE(isoDay(d));
        std::optional<CalendarDay> next, previous;
        for (const Moment& m : all)
            if (m.day > d && (!next || m.day < *next)) next = m.day;
        for (const Moment& m : all)
            if (m.day < d && (!previous || m.day > *previous)) previous = m.day;
        const auto found = nextMoment(c, d);
        const auto before = previousMoment(c, d);
        CHECK(found.has_value() == next.has_value());
        if (found && next) CHECK(found->day == *next);
        CHECK(before.has_value() == previous.has_value());
        if (before && previous) CHECK(before->day == *previous);
    }
}

TEST_CASE("each filter keeps what it names, and says so") {
    const Catalogue c = randomCatalogue(5, 1500);
    const auto shown = [&](const EventFilter& f) {
        const EventSelection s(c, f);
        std::vector<const Event*> out;
        for (std::uint32_t i : s.indices()) out.push_back(&c.events[i]);
        return out;
    };
    EventFilter kinds;
    kinds.kinds = parseKindList("airstrike, Clash");
    CHECK(kinds.describe() == "kinds airstrike, clash");
    for (const Event* e : shown(kinds))
        CHECK((e->kind == EventKind::Airstrike || e->kind == EventKind::Clash || isCrossingState(e->kind)));

    EventFilter deaths;
    deaths.minDeaths = 5;
    CHECK(deaths.describe() == "at least 5 killed");
    for (const Event* e : shown(deaths))
        if (!isCrossingState(e->kind)) CHECK(e->fatalitiesLow.value_or(0) >= 5);

    EventFilter source;
    source.source = "tolo";  // any case
    std::size_t withTolo = 0;
    for (const Event* e : shown(source)) {
        if (isCrossingState(e->kind)) continue;
        ++withTolo;
        const std::vector<std::string> cited = c.sourcesOf(*e);
        CHECK(std::any_of(cited.begin(), cited.end(), [](const std::string& s) {
            return s.find("TOLO") != std::string::npos || s.find("Tolo") != std::string::npos;
        }));
    }
    CHECK(withTolo > 100);
    // One source must hold the text: not two together, across the line between them as kept.
    for (const char* across : {"news ", " dawn", "News\nDawn", "news\n", "\n", "s\nt"}) {
        CAPTURE(across);
        EventFilter f;
        f.source = across;
        const EventSelection selection(c, f);
        for (std::size_t i = 0; i < c.events.size(); ++i) {
            const Event& e = c.events[i];
            if (!e.start || isCrossingState(e.kind)) continue;
            const std::vector<std::string> cited = c.sourcesOf(e);
            const bool holds = std::any_of(cited.begin(), cited.end(), [&](const std::string& s) { return toLower(s).find(toLower(across)) != std::string::npos; });
            CHECK(selection.selectedAt(static_cast<std::uint32_t>(i)) == holds);
        }
    }

    EventFilter text;
    text.text = "TORKHAM";
    for (const Event* e : shown(text))
        if (!isCrossingState(e->kind))
            CHECK((c.summaryOf(*e).find("Torkham") != std::string::npos ||
                   e->name.view().find("Torkham") != std::string_view::npos ||
                   c.noteOf(*e).find("Torkham") != std::string::npos));

    EventFilter mine;
    mine.embedded = false;
    CHECK(mine.describe() == "your files only");
    for (const Event* e : shown(mine)) CHECK_FALSE(c.isEmbedded(*e));

    CHECK_THROWS_WITH_AS(parseKindList("airstrike,riot"), doctest::Contains("unknown kind 'riot'"), InputError);
    CHECK_FALSE(EventFilter{}.active());
    CHECK(EventFilter{}.describe().empty());
}

TEST_CASE("the histogram counts every selected event in the range once, by kind") {
    const Catalogue c = randomCatalogue(9, 4000);
    for (HistogramUnit unit : {HistogramUnit::Day, HistogramUnit::Week, HistogramUnit::Month}) {
        const EventSelection selection(c, EventFilter{});
        const CalendarDay from = day("2019-03-17"), to = day("2021-11-02");
        const Histogram h = histogramOf(selection, from, to, unit);
        REQUIRE_FALSE(h.binStarts.empty());
        CHECK(h.binStarts.front() <= from);
        CHECK(h.end > to);
        std::array<int, kEventKindCount> expected{};
        for (const Event& e : c.events)
            if (e.start && !isCrossingState(e.kind) &&
                e.start->first() >= h.binStarts.front() && e.start->first() < h.end)
                ++expected[static_cast<std::size_t>(e.kind)];
        std::array<int, kEventKindCount> counted{};
        int largest = 0;
        for (const auto& bin : h.counts) {
            int total = 0;
            for (std::size_t k = 0; k < bin.size(); ++k) {
                counted[k] += bin[k];
                total += bin[k];
            }
            largest = std::max(largest, total);
        }
        CHECK(counted == expected);
        CHECK(h.largest == largest);
    }
    CHECK(histogramUnitFor(1500, 1200) == HistogramUnit::Week);
    CHECK(histogramUnitFor(3650, 1200) == HistogramUnit::Month);  // weekly bars would be 2.3 px
    CHECK(histogramUnitFor(365, 1200) == HistogramUnit::Day);
    CHECK(histogramUnitFor(36500, 1200) == HistogramUnit::Month);
}
