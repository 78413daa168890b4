#include "../test_paths.hpp"
#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <set>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

TEST_CASE("the embedded catalogue loads clean, as of 17 March 2026") {
    const Catalogue& c = test::embeddedCatalogue();
    REQUIRE(c.asOf);
    CHECK(c.asOf->iso() == "2026-03-17");
    CHECK(c.events.size() >= 60);
    std::set<std::string> ids;
    for (const Event& e : c.events) CHECK(ids.insert(e.id.str()).second);
    const auto [first, last] = c.range();
    CHECK(isoDay(first) == "1955-01-01");
    CHECK(isoDay(last) == "2026-03-17");
}

TEST_CASE("every embedded event carries a source, and the five articles are cited") {
    std::set<std::string> cited;
    const Catalogue& c = test::embeddedCatalogue();
    for (const Event& e : c.events) {
        CAPTURE(e.id);
        CHECK_FALSE(e.sources.empty());
        for (const std::string& s : c.sourcesOf(e)) cited.insert(s);
    }
    for (const char* article : {"Untitled commentary on Pakistan's gains", "A Strained Relationship on the Brink",
                                "ThePrint (New Delhi)", "Afghanistan-Pakistan relations, encyclopedia article",
                                "Untitled analysis of the October 2025 clashes"}) {
        CAPTURE(article);
        CHECK(std::any_of(cited.begin(), cited.end(),
                          [&](const std::string& s) { return s.find(article) != std::string::npos; }));
    }
}

TEST_CASE("every embedded event lies inside the country it names") {
    CHECK(checkPlacesAgainstBoundaries(test::embeddedCatalogue(), test::boundaries()).empty());
    // A venue abroad may lie outside the boundary data, but only talks and ceasefires are held abroad.
    for (const Event& e : test::embeddedCatalogue().events) {
        if (isCrossingState(e.kind)) continue;
        // A cross-border event names both countries: "Afghanistan / Pakistan".
        const std::string first = e.country.str().substr(0, e.country.view().find(" / "));
        const bool inData = std::any_of(test::boundaries().countries.features.begin(),
                                        test::boundaries().countries.features.end(), [&](const geo::Feature& f) {
                                            return test::boundaries().countries.value(f, "name") == first;
                                        });
        if (!inData) {
            CAPTURE(e.id);
            CHECK((e.kind == EventKind::Talks || e.kind == EventKind::Ceasefire));
        }
    }
}

TEST_CASE("the crossings are there, each closure names one") {
    const Catalogue& c = test::embeddedCatalogue();
    std::set<std::string> crossings;
    for (const Event* x : c.crossings()) crossings.insert(x->id.str());
    CHECK(crossings == std::set<std::string>{"angoor-adda", "arandu", "badini", "chaman", "ghulam-khan", "kharlachi",
                                             "torkham"});
    for (const Event& e : c.events)
        if (isStatePeriod(e.kind)) CHECK(crossings.count(e.crossing.str()) == 1);
    // Where no coordinate of the gate is published, the place is coarser than exact.
    CHECK(c.find("ghulam-khan")->geoPrecision == GeoPrecision::Province);
    CHECK(c.find("badini")->geoPrecision == GeoPrecision::Province);
    CHECK(c.find("kharlachi")->geoPrecision == GeoPrecision::District);
    CHECK(c.find("torkham")->geoPrecision == GeoPrecision::Exact);
}

TEST_CASE("where the articles disagree, both readings are kept") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto note = [&](const char* id) { return c.noteOf(*c.find(id)) + " " + c.find(id)->fatalities.str(); };
    CHECK(note("attack-2014-12-16-aps-peshawar").find("130 schoolchildren") != std::string::npos);
    CHECK(note("attack-2014-12-16-aps-peshawar").find("132") != std::string::npos);
    CHECK(note("airstrike-2024-12-24-barmal").find("25 December") != std::string::npos);
    CHECK(note("airstrike-2026-02-22-three-provinces").find("21 February 2026") != std::string::npos);
    CHECK(note("airstrike-2026-03-16-kabul-rehab").find("Monday") != std::string::npos);
    CHECK(c.find("airstrike-2026-03-16-kabul-rehab")->fatalitiesLow == 143);  // the UN's, the smallest total
}

TEST_CASE("where the articles give one side's account, the other side's is kept too, attributed") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto figures = [&](const char* id) { return c.find(id)->fatalities.str(); };
    CHECK(figures("attack-2023-09-06-chitral").find("4 soldiers and 12 militants (ISPR") != std::string::npos);
    CHECK(figures("clash-2025-10-15-spin-boldak").find("Afghan Taliban (ISPR)") != std::string::npos);
    CHECK(figures("airstrike-2025-10-17-urgun").find("Attaullah Tarar") != std::string::npos);
    CHECK(figures("airstrike-2026-02-22-three-provinces").find("Afghan Red Crescent") != std::string::npos);
    // The fewest each account supports for its own dead, summed: 12 civilians and 15 Taliban; 70 militants and 18
    // civilians. Urgun's accounts may count the same dead, so its minimum stays the Afghan reports' fewest.
    CHECK(c.find("clash-2025-10-15-spin-boldak")->fatalitiesLow == 27);
    CHECK(c.find("airstrike-2026-02-22-three-provinces")->fatalitiesLow == 88);
    CHECK(c.find("airstrike-2025-10-17-urgun")->fatalitiesLow == 8);
}

TEST_CASE("a news outlet that a note, summary or figure names is cited among the event's sources") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto names = [](const std::string& text, std::string_view outlet) {
        for (std::size_t at = text.find(outlet); at != std::string::npos; at = text.find(outlet, at + 1)) {
            const auto word = [&](std::size_t i) { return i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])); };
            if ((at == 0 || !word(at - 1)) && !word(at + outlet.size())) return true;
        }
        return false;
    };
    for (const Event& e : c.events) {
        if (!c.isEmbedded(e)) continue;
        const std::string told = c.noteOf(e) + " " + c.summaryOf(e) + " " + e.fatalities.str() + " " + e.injured.str();
        std::string cited;
        for (const std::string& source : c.sourcesOf(e)) cited += source + "\n";
        for (const std::string_view outlet : {"AFP", "Dawn", "Arab News", "Daily Ittehad", "Reuters", "Geo News", "NPR",
                                              "Business Recorder", "The New Arab", "Al Jazeera", "MENAFN", "EFE"}) {
            CAPTURE(e.id.str());
            CAPTURE(outlet);
            if (names(told, outlet)) CHECK(names(cited, outlet));
        }
        // AP's stories are cited as "(AP)" or "The Associated Press".
        if (names(told, "AP")) CHECK((names(cited, "AP") || cited.find("Associated Press") != std::string::npos));
    }
}

TEST_CASE("an event known only as along the Durand Line is drawn on it, not in a city") {
    const Catalogue& c = test::embeddedCatalogue();
    const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
    const Event& clashes = *c.find("clash-2026-02-26-border");
    CHECK(clashes.places.size() == 4);
    // Three computed on the line, and Torkham's gate, 1.2 km from the generalised line.
    for (const LonLat& p : clashes.places) CHECK(geo::geodesicDistanceToM(boundaries.durand().geometry, p) < 2'000.0);
}

TEST_CASE("vague dates are recorded with their precision") {
    const Catalogue& c = test::embeddedCatalogue();
    CHECK(c.find("closure-2022-torkham")->start->precision() == TimePrecision::Year);
    CHECK(c.find("political-2021-08-kabul")->start->precision() == TimePrecision::Month);
    CHECK(c.find("closure-2025-10-torkham")->end == std::nullopt);  // still closed as of the as_of date
}

TEST_CASE("a second file in the same schema adds its events, crossings and closures") {
    Catalogue c = test::embeddedCatalogue();
    const std::size_t before = c.events.size();
    const auto problems = addEventFile(c, test::dataFile("events_extra.geojson"), test::context());
    CHECK(problems.empty());
    CHECK(c.events.size() == before + 4);
    CHECK(c.files.size() == 2);
    const Event* strike = c.find("my-strike");
    REQUIRE(strike);
    CHECK(c.sourcesOf(*strike) == std::vector<std::string>{"Test fixture A", "Test fixture B"});
    CHECK(strike->fatalitiesLow == 3);  // "at least 3" is a plain figure
    CHECK(strike->injuredLow == 5);     // given explicitly
    CHECK(c.closuresOf("torkham").size() == c.closuresOf("torkham").size());
    CHECK(std::is_sorted(c.events.begin(), c.events.end(), [](const Event& a, const Event& b) {
        return a.start && b.start ? *a.start < *b.start : (!a.start && b.start);
    }));
    // Loading it again clashes on every id.
    const auto again = addEventFile(c, test::dataFile("events_extra.geojson"), test::context());
    CHECK(again.size() == 4);
}

TEST_CASE("validation checks a crossing's closures and state_unknown periods against one another") {
    Catalogue c = test::embeddedCatalogue();
    const auto problems = addEventFile(c, test::dataFile("events_state_periods.geojson"), test::context(), "periods.geojson");
    std::vector<std::string> lines;
    for (const Problem& p : problems) lines.push_back(p.line());
    REQUIRE(lines.size() == 3);
    // A state_unknown must name its crossing, like a closure (and is left out without one).
    CHECK(lines[0].find("feature 'unknown-of-nothing': field 'crossing': a state_unknown period must name the id") != std::string::npos);
    // Where a source says closed, the state is known: a state_unknown inside a closure of its crossing is reported.
    CHECK(lines[1].find("feature 'endless-closure': field 'end': closure 'endless-closure' has no end, but closure "
                        "'closure-2025-02-torkham' of its crossing begins on 2025-02-21") != std::string::npos);
    CHECK(lines[2].find("feature 'unknown-in-closure': field 'start': the state_unknown period and the closure") != std::string::npos);
    CHECK(lines[2].find("overlap") != std::string::npos);
    // Reported, not left out: the reader sees the events the problems name.
    CHECK(c.find("unknown-in-closure") != nullptr);
    CHECK(c.find("fine-unknown") != nullptr);
    CHECK(c.find("unknown-of-nothing") == nullptr);
}

TEST_CASE("validation names every problem with its event and field") {
    Catalogue c = test::embeddedCatalogue();
    auto problems = addEventFile(c, test::dataFile("events_bad.geojson"), test::context(), "bad.geojson");
    const auto misplaced = checkPlacesAgainstBoundaries(c, test::boundaries(), "bad.geojson");
    problems.insert(problems.end(), misplaced.begin(), misplaced.end());
    std::vector<std::string> lines;
    for (const Problem& p : problems) lines.push_back(p.line());
    const std::vector<std::string> expected{
        "bad.geojson: feature 'bad-kind': field 'kind': unknown kind 'riot'",
        "bad.geojson: feature 'bad-date': field 'start': '2025-13-40' is not a date",
        "bad.geojson: feature 'reversed': field 'end': ends (2025-02-01) before it starts (2025-02-10)",
        "bad.geojson: feature 'off-map': field 'geometry': (-104.99, 39.74) lies outside the map's region",
        "bad.geojson: feature 'no-source': field 'sources': missing: every event must say who reported it",
        "bad.geojson: feature 'fine': field 'id': duplicate id",
        "bad.geojson: feature 'too-late': field 'start': 2027-01-01 is out of range (1800-01-01 to 2026-03-01",
        "bad.geojson: feature 'too-early': field 'start': 1700 is out of range",
        "bad.geojson: feature 'precision-mismatch': field 'time_precision': says day but start '2025-01' is precise to the month",
        "bad.geojson: feature '#13': field 'id': missing: every event needs an id",
        "bad.geojson: feature 'no-crossing': field 'crossing': no crossing has the id 'nowhere-gate'",
        "bad.geojson: feature 'wrong-country': field 'country': says Pakistan but the point lies in Afghanistan",
    };
    REQUIRE(lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(lines[i]);
        CHECK(lines[i].rfind(expected[i], 0) == 0);
    }
    // The good events of the file are kept; the bad ones are left out.
    CHECK(c.find("fine") != nullptr);
    CHECK(c.find("bad-kind") == nullptr);
}

TEST_CASE("an event may have no place on the map: no geometry, no geo_precision, its venue in country and admin1") {
    // The same events as GeoJSON (the streaming reader) and as CSV with empty coordinates (GDAL's reader).
    for (const char* name : {"events_no_place.geojson", "events_no_place.csv"}) {
        CAPTURE(name);
        Catalogue c = test::embeddedCatalogue();
        const auto problems = addEventFile(c, test::dataFile(name), test::context(), name);
        std::vector<std::string> lines;
        for (const Problem& p : problems) lines.push_back(p.line());
        const std::string file = std::string(name) + ": feature '";
        const std::vector<std::string> expected{
            file + "lost-point': field 'geo_precision': is 'district' but the event has no geometry",
            file + "closure-nowhere': field 'geometry': missing: a closure is drawn at its crossing's point",
            file + "beijing-point': field 'geometry': (116.39723, 39.9075) lies outside the map's region (longitude 55.5 to 82.0, "
                   "latitude 18.7 to 43.5); an event held farther away has no geometry (null)",
            file + "no-precision': field 'geo_precision': missing: exact, district or province",
        };
        REQUIRE(lines.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CAPTURE(lines[i]);
            CHECK(lines[i].rfind(expected[i], 0) == 0);
        }
        for (const char* id : {"talks-abroad", "order-everywhere"}) {
            const Event* e = c.find(id);
            REQUIRE(e != nullptr);
            CHECK(e->places.empty());
            CHECK(e->geoPrecision == GeoPrecision::None);
        }
        CHECK(c.find("talks-abroad")->admin1 == "Istanbul");
        CHECK(c.find("near-region")->places.size() == 1);  // Delhi lies in the map's region
        // The place check passes over an event with no place, and finds nothing wrong with Delhi in India.
        CHECK(checkPlacesAgainstBoundaries(c, test::boundaries(), name).empty());
    }
}

TEST_CASE("no embedded event is drawn at a capital for want of a place; those held abroad or everywhere have none") {
    const Catalogue c = test::embeddedCatalogue();
    std::size_t none = 0;
    for (const Event& e : c.events) {
        CAPTURE(e.id.str());
        CHECK(c.noteOf(e).find("Placed at the capital") == std::string::npos);
        if (!e.places.empty()) continue;
        ++none;
        CHECK(e.geoPrecision == GeoPrecision::None);
        CHECK(c.noteOf(e).find("no place on the map") != std::string::npos);
        CHECK_FALSE(e.country.empty());
    }
    // Talks in Dubai, Beijing, Doha and Istanbul (twice); five deportation orders and plans for the whole country.
    CHECK(none == 10);
    CHECK(c.find("talks-2025-10-25-istanbul")->places.empty());
    CHECK(c.find("deportation-2023-10-03-order")->places.empty());
}

TEST_CASE("a file without a required field is refused once, naming the field") {
    Catalogue c;
    const auto problems = addEventFile(c, test::dataFile("points.geojson"), test::context());
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.front().line() ==
          test::dataFile("points.geojson") + ": feature '(file)': field 'id': the file has no such field; every event needs it");
    CHECK(c.events.empty());
}

TEST_CASE("an unreadable events file is bad input") {
    Catalogue c;
    CHECK_THROWS_AS(addEventFile(c, test::dataFile("broken.geojson"), test::context()), InputError);
    CHECK_THROWS_WITH_AS(addEventFile(c, test::dataFile("missing.geojson"), test::context()),
                         doctest::Contains("no such file"), InputError);
}

TEST_CASE("the place check finds the same problems through the grids, on any number of threads, as the full test") {
    // Random events (fixed seed) across and around Afghanistan and Pakistan, many near the outlines, where the
    // 5 km tolerance decides, and crossings near the Durand Line, in two files.
    Catalogue c;
    std::mt19937_64 engine(7);
    const auto unit = [&] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
    const auto below = [&](std::size_t n) { return static_cast<std::size_t>(engine() % n); };
    const auto near = [&](const geo::Geometry<LonLat>& g, double offset_m) {
        const std::size_t i = below(g.points.size() - 1);
        const LonLat a = g.points[i], b = g.points[i + 1];
        const double t = unit();
        const double cosLat = std::cos(a.lat_deg * M_PI / 180.0);
        const double nx = -(b.lat_deg - a.lat_deg), ny = (b.lon_deg - a.lon_deg) * cosLat;
        const double length = std::max(std::hypot(nx, ny), 1e-12);
        const double offset_deg = offset_m / 111'000.0;
        return LonLat{a.lon_deg + t * (b.lon_deg - a.lon_deg) + nx / length * offset_deg / cosLat,
                      a.lat_deg + t * (b.lat_deg - a.lat_deg) + ny / length * offset_deg};
    };
    const auto& countries = test::boundaries().countries;
    std::vector<const geo::Geometry<LonLat>*> outlines;
    for (const geo::Feature& f : countries.features)
        if (countries.value(f, "name") == "Afghanistan" || countries.value(f, "name") == "Pakistan") outlines.push_back(&f.geometry);
    REQUIRE(outlines.size() == 2);
    const geo::Geometry<LonLat>& durand = test::boundaries().durand().geometry;
    const char* names[] = {"Afghanistan", "Pakistan", "Afghanistan / Pakistan", "Iran", "Narnia", ""};
    for (std::size_t i = 0; i < 12'000; ++i) {
        Event e;
        e.file = c.text->intern(i % 7 == 0 ? "other.geojson" : "random.geojson");
        e.id = c.text->keep("random-" + std::to_string(i));
        const std::size_t roll = below(10);
        e.kind = roll == 0 ? EventKind::Crossing : roll == 1 ? EventKind::Closure : roll < 6 ? EventKind::Clash : EventKind::Airstrike;
        e.country = c.text->intern(names[below(std::size(names))]);
        std::vector<LonLat> places;
        for (std::size_t k = below(5) == 0 ? 3 : 1; k > 0; --k) {
            if (isCrossingState(e.kind))
                places.push_back(near(durand, (unit() - 0.5) * 40'000.0));
            else if (unit() < 0.4)
                places.push_back({59.0 + unit() * 19.0, 22.5 + unit() * 17.0});
            else
                places.push_back(near(*outlines[below(2)], (unit() - 0.5) * 2.0 * (unit() < 0.5 ? 5'200.0 : 30'000.0)));
        }
        e.places = c.text->list(std::span<const LonLat>(places));
        c.events.push_back(e);
    }
    const auto lines = [](const std::vector<Problem>& problems) {
        std::vector<std::string> out;
        for (const Problem& p : problems) out.push_back(p.line());
        return out;
    };
    for (const std::string_view file : {std::string_view("random.geojson"), std::string_view()}) {
        CAPTURE(file);
        const auto full = lines(checkPlacesAgainstBoundaries(c, test::boundaries(), file, {.fullTest = true, .threads = 1}));
        CHECK(full.size() > 500);
        CHECK(full.size() < c.events.size());
        CHECK(lines(checkPlacesAgainstBoundaries(c, test::boundaries(), file, {.fullTest = false, .threads = 1})) == full);
        CHECK(lines(checkPlacesAgainstBoundaries(c, test::boundaries(), file, {.fullTest = false, .threads = 3})) == full);
        CHECK(lines(checkPlacesAgainstBoundaries(c, test::boundaries(), file, {.fullTest = true, .threads = 2})) == full);
        CHECK(lines(checkPlacesAgainstBoundaries(c, test::boundaries(), file)) == full);
    }
}

TEST_CASE("sortEvents orders a big catalogue as a stable sort by start would, and its indexes find every event") {
    // 150,000 events: past the size at which the id index is built on a second thread.
    std::mt19937_64 random(9);
    Catalogue c;
    TextStore& store = *c.text;
    const std::size_t n = 150'000;
    for (std::size_t i = 0; i < n; ++i) {
        Event e;
        // Ids repeat (one in 50) so that duplicateIds has something to find; the file order is the id's number.
        e.id = store.keep("e-" + std::to_string(random() % 50 == 0 ? i / 2 : i));
        e.name = store.keep(std::to_string(i));
        const CalendarDay d = test::day("1990-01-01") + std::chrono::days{random() % 20'000};
        switch (random() % 8) {
        case 0: break;  // undated
        case 1: e.start = Date(std::chrono::sys_days{std::chrono::year_month_day{d}.year() / 1 / 1}, TimePrecision::Year); break;
        case 2: {
            const std::chrono::year_month_day ymd{d};
            e.start = Date(std::chrono::sys_days{ymd.year() / ymd.month() / 1}, TimePrecision::Month);
            break;
        }
        default: e.start = Date(d, TimePrecision::Day);
        }
        c.events.push_back(e);
    }
    // The later events of an id, in file order, are its duplicates.
    std::vector<std::size_t> expectedDuplicates;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < n; ++i)
        if (!ids.insert(c.events[i].id.str()).second) expectedDuplicates.push_back(i);
    CHECK(duplicateIds(c, 0) == expectedDuplicates);
    CHECK(duplicateIds(c, n / 2) == std::vector<std::size_t>(std::lower_bound(expectedDuplicates.begin(), expectedDuplicates.end(), n / 2),
                                                             expectedDuplicates.end()));

    std::vector<Event> expected = c.events;
    const auto before = [](const Event& a, const Event& b) {
        if (!a.start || !b.start) return !a.start && b.start;
        if (a.start->first() != b.start->first()) return a.start->first() < b.start->first();
        return a.start->precision() < b.start->precision();
    };
    std::stable_sort(expected.begin(), expected.end(), before);
    sortEvents(c);

    REQUIRE(c.events.size() == n);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(c.events[i].name == expected[i].name);  // the same event in each place
    for (const Event& e : c.events) {
        const Event* found = c.find(e.id.view());
        REQUIRE(found != nullptr);
        CHECK(found->id == e.id);
    }
    CHECK(c.find("e-none") == nullptr);
    // By the last day of the start's period: every dated event once, in order, ties in catalogue order.
    const std::span<const std::uint32_t> byLast = c.byStartLast();
    std::size_t dated = 0;
    for (const Event& e : c.events) dated += e.start.has_value();
    REQUIRE(byLast.size() == dated);
    for (std::size_t i = 1; i < byLast.size(); ++i) {
        const CalendarDay a = c.events[byLast[i - 1]].start->last(), b = c.events[byLast[i]].start->last();
        REQUIRE((a < b || (a == b && byLast[i - 1] < byLast[i])));
    }
}
