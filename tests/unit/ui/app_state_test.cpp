#include "../../command_output.hpp"
#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/timeline/text_index.hpp>
#include <bordermap/ui/app_state.hpp>
#include <bordermap/ui/export.hpp>

#include "../../command_output.hpp"
#include <bordermap/ui/window_watch.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <algorithm>
#include <cmath>

using namespace bordermap;
using namespace bordermap::ui;
using test::day;

namespace {

AppState makeState() { return AppState(test::boundaries(), test::embeddedCatalogue(), "regional", 1200, 800); }

}  // namespace

TEST_CASE("the viewer opens on the data's as_of date with the region in view") {
    AppState s = makeState();
    CHECK(timeline::isoDay(s.time.day) == "2026-03-17");
    const MapBox visible = s.view.visibleBox();
    const MapBox region = s.map().regionBox;
    CHECK(visible.min.x_m <= region.min.x_m);
    CHECK(visible.max.y_m >= region.max.y_m);
}

TEST_CASE("time actions: clamp, steps by day, week and month, next and previous event") {
    AppState s = makeState();
    s.setDate(day("2030-01-01"));
    CHECK(s.time.day == s.lastDay());
    s.setDate(day("2025-01-31"));
    s.stepUnit = StepUnit::Month;
    s.step(1);
    CHECK(timeline::isoDay(s.time.day) == "2025-02-28");  // the month's last day, not 3 March
    s.stepUnit = StepUnit::Week;
    s.step(-1);
    CHECK(timeline::isoDay(s.time.day) == "2025-02-21");
    CHECK(s.nextEvent());
    CHECK(timeline::isoDay(s.time.day) == "2025-02-28");
    CHECK(s.selectedEventId == "attack-2025-02-28-akora-khattak");
    CHECK(s.previousEvent());
    CHECK(timeline::isoDay(s.time.day) == "2025-02-21");
    CHECK_FALSE(s.setDateText("2025-02-30"));
    CHECK(s.message.find("not a day") != std::string::npos);
    CHECK(s.setDateText(" 2025-03-01 "));
    CHECK(timeline::isoDay(s.time.day) == "2025-03-01");
}

TEST_CASE("guided stepping: N flies to the event's neighbourhood, eased over about a second, and can be skipped or stopped") {
    AppState s = makeState();
    s.fitRegion();
    s.setDate(day("2025-10-14"));
    const scene::View whole = s.view;
    REQUIRE(s.nextEvent());
    CHECK(s.selectedEventId == "clash-2025-10-15-spin-boldak");
    CHECK(timeline::isoDay(s.time.day) == "2025-10-15");
    REQUIRE(s.flying());
    CHECK(s.moving());
    CHECK(s.view.centre == whole.centre);  // nothing moved yet
    s.advance(0.3);
    const MapXY at = s.map().projection.forward(s.selected()->places.front());
    const double before = std::hypot(whole.centre.x_m - at.x_m, whole.centre.y_m - at.y_m);
    const double during = std::hypot(s.view.centre.x_m - at.x_m, s.view.centre.y_m - at.y_m);
    CHECK(during < before);
    CHECK(during > 0);
    s.advance(0.3);
    s.advance(2.0);
    CHECK_FALSE(s.flying());
    // Its neighbourhood: centred on it, about 200 km across the shorter side.
    CHECK(s.view.centre.x_m == doctest::Approx(at.x_m));
    CHECK(s.view.centre.y_m == doctest::Approx(at.y_m));
    CHECK(s.view.metresPerPixel * std::min(s.view.widthPx, s.view.heightPx) == doctest::Approx(200'000).epsilon(0.01));

    // The next: skipped with a key (at its end at once), or stopped where it is by a drag.
    REQUIRE(s.nextEvent());
    REQUIRE(s.flying());
    const scene::View started = s.view;
    s.finishFlight();
    CHECK_FALSE(s.flying());
    const MapXY next = s.map().projection.forward(s.selected()->places.front());
    const scene::ScreenPx onScreen = s.view.toScreen(next);
    CHECK(onScreen.x_px > 0.15 * s.view.widthPx);
    CHECK(onScreen.x_px < 0.85 * s.view.widthPx);
    CHECK(onScreen.y_px > 0.15 * s.view.heightPx);
    CHECK(onScreen.y_px < 0.85 * s.view.heightPx);
    s.view = started;
    s.flyTo(whole);
    s.advance(0.2);
    const scene::View taken = s.view;
    s.stopFlight();
    s.advance(1.0);
    CHECK(s.view.centre == taken.centre);
}

TEST_CASE("a briefing: opened at its first scene, stepped with the view and the date moving together, bad ones refused") {
    AppState s = makeState();
    s.fitRegion();
    const std::string file = std::string(BORDERMAP_SOURCE_DIR) + "/assets/briefings/october-2025-closures.briefing.json";
    s.openBriefing(file);
    REQUIRE(s.briefing.has_value());
    CHECK(s.sceneIndex == 0);
    s.advance(3.0);
    CHECK(timeline::isoDay(s.time.day) == "2025-10-08");
    CHECK(s.style().highlightEventIds == std::vector<std::string>{"clash-2025-10-08-orakzai"});
    const scene::View first = s.view;
    CHECK_FALSE(s.stepScene(-1));  // before the first: stays
    REQUIRE(s.stepScene(1));
    CHECK(s.flying());
    s.advance(s.flying() ? 0.05 : 0);
    CHECK(s.time.day >= timeline::parseDate("2025-10-08")->first());
    s.advance(3.0);
    CHECK(timeline::isoDay(s.time.day) == "2025-10-09");
    CHECK_FALSE(s.view.centre == first.centre);
    const MapXY kabul = s.map().projection.forward({69.17233, 34.52813});
    CHECK(s.view.visibleBox().contains(kabul));
    for (int i = 0; i < 10; ++i) s.stepScene(1);
    CHECK(s.sceneIndex == 6);
    s.advance(3.0);
    CHECK(s.time.mode == scene::TimeMode::Cumulative);

    // A bad briefing: one line naming it; the open one stays.
    const std::string bad = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/bad_briefing.json";
    std::ofstream(bad) << R"({"bordermap_briefing": 1, "scenes": [{"date": "2025-10-32", "view": {"centre": [69, 34], "zoom": 7}}]})";
    try {
        s.openBriefing(bad);
        FAIL("a bad briefing opened");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("bad_briefing.json: scene 1: date: '2025-10-32' is not a day") != std::string::npos);
    }
    CHECK(s.sceneIndex == 6);
    CHECK(s.briefing->scenes.size() == 7);
    // Dropped on the window: a briefing by its first field.
    CHECK(s.openFile(file) == "a briefing");
    CHECK(s.sceneIndex == 0);
}

TEST_CASE("a briefing made in the viewer: scenes added from the view, edited, reordered, deleted, saved and opened again") {
    AppState s = makeState();
    s.fitRegion();
    s.newBriefing();
    REQUIRE(s.briefing.has_value());
    CHECK(s.briefing->scenes.empty());
    const std::string file = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/made_in_viewer.json";
    std::filesystem::remove(file);
    CHECK_FALSE(s.saveBriefingAs(file));  // no scene yet: nothing written
    CHECK(s.message.find("needs a scene") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));

    // Scene 1: the region on a date, a filter set.
    s.setDate(day("2025-10-11"));
    timeline::EventFilter clashes;
    clashes.kinds = {timeline::EventKind::Clash};
    s.setFilter(clashes);
    CHECK(s.addSceneFromView() == 0);
    // Scene 2: an event selected, the map zoomed in on it, cumulative.
    s.setFilter({});
    s.nextEvent();
    s.finishFlight();
    REQUIRE(s.selected() != nullptr);
    const std::string id = s.selected()->id.str();
    s.setMode(scene::TimeMode::Cumulative);
    const scene::View zoomed = s.view;
    CHECK(s.addSceneFromView() == 1);
    REQUIRE(s.briefing->scenes.size() == 2);
    const briefing::Scene& first = s.briefing->scenes[0];
    CHECK(timeline::isoDay(first.date) == "2025-10-11");
    REQUIRE(first.filter.has_value());
    CHECK(first.filter->kinds == clashes.kinds);
    CHECK(first.highlight.empty());
    const briefing::Scene& second = s.briefing->scenes[1];
    CHECK(second.highlight == std::vector<std::string>{id});
    CHECK(second.mode == scene::TimeMode::Cumulative);
    CHECK(second.title == s.selected()->name.str());
    const scene::View again = briefing::sceneView(second, s.map(), zoomed.widthPx, zoomed.heightPx);
    CHECK(std::abs(again.metresPerPixel / zoomed.metresPerPixel - 1) < 0.01);
    CHECK(std::abs(again.centre.x_m - zoomed.centre.x_m) < 30);
    CHECK(s.briefingChanged);

    // Words, order, deletion.
    s.briefing->scenes[1].caption = "The room reads this.";
    s.briefing->scenes[1].notes = "Only the presenter reads this.";
    s.sceneIndex = 0;
    CHECK(s.addSceneFromView() == 1);  // after the scene shown, not at the end
    CHECK(s.briefing->scenes.size() == 3);
    CHECK(s.briefing->scenes[2].caption == "The room reads this.");
    s.moveScene(2, -2);  // to the top; the scene shown (1) moves down one
    CHECK(s.briefing->scenes[0].caption == "The room reads this.");
    CHECK(s.sceneIndex == 2);
    s.moveScene(0, -1);  // already first: nothing
    CHECK(s.briefing->scenes[0].caption == "The room reads this.");
    s.deleteScene(2);
    CHECK(s.briefing->scenes.size() == 2);
    CHECK(s.sceneIndex == 1);
    s.setDate(day("2025-10-15"));
    s.updateSceneFromView(1);
    CHECK(timeline::isoDay(s.briefing->scenes[1].date) == "2025-10-15");

    // Saved, and read back as it was made.
    REQUIRE(s.saveBriefingAs(file));
    CHECK_FALSE(s.briefingChanged);
    CHECK(s.briefingFile == file);
    const briefing::Briefing made = *s.briefing;
    AppState other = makeState();
    other.openBriefing(file);
    CHECK(*other.briefing == made);
    CHECK(other.briefing->scenes[0].notes == "Only the presenter reads this.");
    // A save that cannot be written: a message, the briefing still marked changed.
    s.briefing->title = "Changed";
    s.briefingChanged = true;
    CHECK_FALSE(s.saveBriefingAs("/nonexistent/dir/b.json"));
    CHECK(s.briefingChanged);
    CHECK(s.message.find("/nonexistent/dir/b.json") != std::string::npos);
}

TEST_CASE("the viewer writes the open briefing's handout: a page a scene, then its sources") {
    AppState s = makeState();
    const std::string handout = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/viewer_handout.pdf";
    std::filesystem::remove(handout);
    CHECK_THROWS_AS(ui::exportHandout(s, handout, false), UsageError);  // no briefing open
    s.openBriefing(std::string(BORDERMAP_SOURCE_DIR) + "/assets/briefings/october-2025-closures.briefing.json");
    ui::exportHandout(s, handout, true);
    CHECK(s.message.find("wrote the handout") == 0);
    const std::string info = test::commandOutput("pdfinfo '" + handout + "'");
    CHECK(info.find("841.89 x 595.276") != std::string::npos);  // A4 landscape
    const std::string scene4 = test::commandOutput("pdftotext -f 4 -l 4 '" + handout + "' -");
    CHECK(scene4.find("five crossings close") != std::string::npos);
    CHECK(scene4.find("Notes") != std::string::npos);
    const std::size_t pages = static_cast<std::size_t>(std::stoi(info.substr(info.find("Pages:") + 6)));
    CHECK(pages > s.briefing->scenes.size());
    CHECK(test::commandOutput("pdftotext -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " '" + handout + "' -").find("Sources") == 0);
}

TEST_CASE("a message is timed from when it was said, and the window stops moving once it has faded") {
    AppState s = makeState();
    s.message = "opened a file";
    s.advance(0.1);
    CHECK(s.messageAge_s == 0);
    CHECK(s.moving());
    s.advance(AppState::kMessageShown_s + 0.5);
    CHECK_FALSE(s.moving());
    s.message = "another";
    s.advance(0.1);
    CHECK(s.messageAge_s == 0);
    CHECK(s.moving());
}

TEST_CASE("playing advances the date at its speed and stops at the end") {
    AppState s = makeState();
    s.setDate(day("2025-03-01"));
    s.playSpeed_daysPerSecond = 10;
    s.togglePlay();
    s.advance(0.25);
    s.advance(0.25);
    CHECK(timeline::isoDay(s.time.day) == "2025-03-06");
    s.setDate(s.lastDay() - std::chrono::days{2});
    s.advance(1.0);
    CHECK(s.time.day == s.lastDay());
    CHECK_FALSE(s.playing);
}

TEST_CASE("switching the projection keeps the place at the centre and the scale") {
    AppState s = makeState();
    const LonLat torkham{71.08472, 34.11472};
    s.view.centre = s.map().projection.forward(torkham);
    s.view.metresPerPixel = 500;
    const int before = s.staticRevision();
    s.setProjection("webmercator");
    CHECK(s.staticRevision() != before);
    const LonLat centre = s.map().projection.inverse(s.view.centre);
    CHECK(geo::geodesicDistanceM(centre, torkham) < 1.0);
    // 100 px still cover about 50 km on the ground (Web Mercator's map metres are stretched by 1/cos(lat)).
    const LonLat east = s.map().projection.inverse({s.view.centre.x_m + 100 * s.view.metresPerPixel, s.view.centre.y_m});
    CHECK(geo::geodesicDistanceM(centre, east) == doctest::Approx(50000).epsilon(0.01));
    CHECK_THROWS_AS(s.setProjection("EPSG:999999"), InputError);
    CHECK(s.projection() == "webmercator");  // unchanged by the failure
}

TEST_CASE("search finds provinces, crossings, cities and events, and zooms to them") {
    AppState s = makeState();
    const auto results = s.search("torkham");
    REQUIRE_FALSE(results.empty());
    CHECK(results.items.front().label.find("Torkham") != std::string::npos);
    CHECK(std::any_of(results.items.begin(), results.items.end(), [](const SearchResult& r) { return r.group == SearchGroup::Crossing && r.label.find("(crossing") != std::string::npos; }));
    CHECK_FALSE(s.search("Khost").empty());
    CHECK(s.search("k").empty());  // too short to mean anything
    const auto barmal = s.search("Barmal");
    const auto strike = std::find_if(barmal.items.begin(), barmal.items.end(), [](const SearchResult& r) { return r.eventId == "airstrike-2024-12-24-barmal"; });
    REQUIRE(strike != barmal.items.end());
    s.zoomTo(*strike);
    CHECK(timeline::isoDay(s.time.day) == "2024-12-24");
    CHECK(s.selectedEventId == "airstrike-2024-12-24-barmal");
    CHECK(s.selected()->name == "Pakistani airstrikes in Barmal, Paktika");
}

TEST_CASE("hovering names the province and its distance to the line; a click on a marker finds its event") {
    AppState s = makeState();
    s.view.centre = s.map().projection.forward({69.1723, 34.5281});
    const Hover kabul = s.hoverAt({}, {600, 400});
    CHECK(kabul.title == "Kabul");
    REQUIRE(kabul.lines.size() == 2);
    CHECK(kabul.lines[0] == "Province, Afghanistan");
    CHECK(kabul.lines[1].find("km from the Durand Line") != std::string::npos);

    s.setDate(day("2025-03-01"));
    const scene::DynamicScene dynamic = scene::buildDynamicScene(s.map(), s.catalogue(), s.view, s.time, s.style(), s.layers);
    const scene::Marker& first = dynamic.markers.front();
    const scene::ScreenPx at = s.view.toScreen(first.at);
    const std::string found = s.eventAt(dynamic, at);
    REQUIRE_FALSE(found.empty());
    // The event found has a marker under the click (markers may overlap; the newest on top wins).
    CHECK(std::any_of(dynamic.markers.begin(), dynamic.markers.end(), [&](const scene::Marker& m) {
        const scene::ScreenPx p = s.view.toScreen(m.at);
        return m.eventId == found && std::hypot(p.x_px - at.x_px, p.y_px - at.y_px) <= m.radius_px + 3;
    }));
    CHECK(s.eventAt(dynamic, {-500, -500}).empty());
    CHECK_FALSE(s.hoverAt(dynamic, at).title.empty());
}

TEST_CASE("measuring adds up geodesic legs between clicks") {
    AppState s = makeState();
    s.view.centre = s.map().projection.forward({70.0, 34.0});
    s.view.metresPerPixel = 1000;
    s.addMeasurePoint({600, 400});
    s.addMeasurePoint({700, 400});
    CHECK(s.measuredDistanceM() == doctest::Approx(100000).epsilon(0.01));  // 100 px at 1 km a pixel, conformal CRS
}

TEST_CASE("the user's own files: events join the catalogue, any vector file becomes a layer") {
    AppState s = makeState();
    const std::size_t before = s.catalogue().events.size();
    CHECK(s.addEventsFile(test::dataFile("events_extra.geojson")).empty());
    CHECK(s.catalogue().events.size() == before + 4);
    const int revision = s.staticRevision();
    CHECK(s.addMapLayer(test::dataFile("route.kml")) == 1);
    CHECK(s.staticRevision() != revision);
    REQUIRE(s.map().overlays.size() == 1);
    CHECK(s.map().overlays.front().name == "route.kml");
    CHECK(s.addMapLayer(test::dataFile("bowtie.geojson")) == 1);  // the bad feature skipped, not fatal
    CHECK(s.message.find("bad ones skipped") != std::string::npos);
    CHECK_THROWS_AS(s.addMapLayer(test::dataFile("missing.geojson")), InputError);
}

TEST_CASE("a dropped text/uri-list becomes local paths") {
    const auto paths = parseUriList("file:///home/a%20b/route.kml\r\n# a comment\r\nhttp://example.org/x.kml\r\nfile://host/c/d.gpkg\r\n");
    REQUIRE(paths.size() == 2);
    CHECK(paths[0] == "/home/a b/route.kml");
    CHECK(paths[1] == "/c/d.gpkg");
    CHECK(parseUriList("").empty());
}

TEST_CASE("opening a file picks events or a map layer by its fields") {
    AppState s = makeState();
    CHECK(s.openFile(test::dataFile("events_extra.geojson")) == "events");
    CHECK(s.catalogue().find("my-strike") != nullptr);
    CHECK(s.openFile(test::dataFile("route.kml")) == "a map layer");
    CHECK(s.map().overlays.size() == 1);
}

TEST_CASE("the Export dialog's settings survive a round trip, and a broken file gives the defaults") {
    const std::string file = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/export_settings_test.conf";
    ExportSettings s;
    s.path = "/tmp/brief.pdf";
    s.matchScreen = false;
    s.width_px = 3840;
    s.height_px = 2160;
    s.dpi = 300;
    s.title = "Briefing";
    s.subtitle = "Crossings, October 2025";
    s.sources = false;
    saveExportSettings(s, file);
    const ExportSettings back = loadExportSettings(file);
    CHECK(back.path == "/tmp/brief.pdf");
    CHECK_FALSE(back.matchScreen);
    CHECK(back.width_px == 3840);
    CHECK(back.dpi == 300);
    CHECK(back.title == "Briefing");
    CHECK(back.subtitle == "Crossings, October 2025");
    CHECK_FALSE(back.sources);
    CHECK(back.legend);
    const ExportSettings none = loadExportSettings("/nonexistent/export.conf");
    CHECK(none.path == "bordermap.png");
    CHECK(none.dpi == 96);
}

TEST_CASE("a video's export settings survive a round trip; bad values give the defaults") {
    const std::string file = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/export_settings_film_test.conf";
    ExportSettings s;
    s.path = "/tmp/closures.webm";
    s.filmSource = FilmSource::Briefing;
    s.filmFrom = test::day("2025-10-01");
    s.filmTo = test::day("2025-10-31");
    s.filmStep = StepUnit::Week;
    s.fps = 12;
    saveExportSettings(s, file);
    CHECK(loadExportSettings(file) == s);
    s.filmFrom.reset();  // none: the window shown
    s.filmSource = FilmSource::Dates;
    s.filmStep = StepUnit::Month;
    saveExportSettings(s, file);
    CHECK(loadExportSettings(file) == s);

    const ExportSettings bad = parseExportSettings("film_source=both\nfilm_from=2025-10\nfilm_to=2025-02-30\nfilm_every=2d\nfps=0\n");
    CHECK(bad == ExportSettings{});
    CHECK(parseExportSettings("fps=61\n").fps == 5);
    CHECK(parseExportSettings("fps=60\nfilm_every=1w\n").fps == 60);
}

namespace {

// The events of a text filter, as the scan finds them (no index).
std::vector<std::uint32_t> scannedFor(const timeline::Catalogue& c, const std::string& text) {
    timeline::EventFilter f;
    f.text = text;
    const timeline::EventSelection s(c, f);
    return {s.indices().begin(), s.indices().end()};
}

std::vector<std::uint32_t> shownNow(const AppState& s) { return {s.events().indices().begin(), s.events().indices().end()}; }

}  // namespace

TEST_CASE("a text filter goes through the catalogue's word index, built on first use, and dropped when the catalogue changes") {
    AppState s = makeState();
    timeline::EventFilter f;
    f.text = "Torkham";
    s.setFilter(f);
    REQUIRE(s.textIndex() != nullptr);
    CHECK(s.textIndex()->eventCount() == s.catalogue().events.size());
    CHECK(shownNow(s) == scannedFor(s.catalogue(), "Torkham"));
    CHECK(s.events().eventCount() > 0);
    f.text = "test strike";
    s.setFilter(f);
    CHECK(s.events().eventCount() == 0);
    s.addEventsFile(test::dataFile("events_extra.geojson"));  // the filter stays; the new events are indexed
    REQUIRE(s.textIndex() != nullptr);
    CHECK(s.textIndex()->eventCount() == s.catalogue().events.size());
    CHECK(s.events().eventCount() == 1);
    CHECK(shownNow(s) == scannedFor(s.catalogue(), "test strike"));
    CHECK_THROWS_AS(s.addEventsFile(test::dataFile("missing.geojson")), InputError);
    CHECK(s.textIndex() != nullptr);
}

TEST_CASE("a big catalogue's word index is built aside: text filters scan until it is ready, to the same events") {
    timeline::Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const char* places[] = {"Torkham", "Kunar", "Chaman", "Bajaur", "Khost"};
    for (std::size_t i = 0; i < AppState::kTextIndexAside; ++i) {
        timeline::Event e;
        e.id = store.keep("big-" + std::to_string(i));
        e.kind = timeline::EventKind::Clash;
        e.start = timeline::Date(day("2023-01-01") + std::chrono::days{static_cast<int>(i % 700)}, timeline::TimePrecision::Day);
        e.name = store.intern(std::string("Clash near ") + places[i % 5]);
        e.summary = store.keepLong("Report " + std::to_string(i) + ": fighting near " + places[(i * 7) % 5] + " village");
        const LonLat place{70.0, 34.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        c.events.push_back(e);
    }
    timeline::sortEvents(c);
    AppState s(test::boundaries(), std::move(c), "regional", 1200, 800);
    timeline::EventFilter f;
    f.text = "near Chaman";
    s.setFilter(f);  // the index may or may not be ready: the same events either way
    CHECK(shownNow(s) == scannedFor(s.catalogue(), "near Chaman"));
    REQUIRE(s.textIndex(true) != nullptr);
    s.setFilter(f);
    CHECK(shownNow(s) == scannedFor(s.catalogue(), "near Chaman"));
    CHECK(s.events().eventCount() > AppState::kTextIndexAside / 5);
    // Changing the catalogue stops a build under way and starts another.
    s.addEventsFile(test::dataFile("events_extra.geojson"));
    CHECK(shownNow(s) == scannedFor(s.catalogue(), "near Chaman"));
    REQUIRE(s.textIndex(true) != nullptr);
    CHECK(s.textIndex()->eventCount() == s.catalogue().events.size());
}

TEST_CASE("in cumulative mode a big catalogue's filter narrows every event's bins, to the bins of the filter alone") {
    timeline::Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    std::mt19937_64 random(4);
    for (std::size_t i = 0; i < 30'000; ++i) {
        timeline::Event e;
        e.id = store.keep("big-" + std::to_string(i));
        e.kind = i % 4 == 0 ? timeline::EventKind::Airstrike : timeline::EventKind::Clash;
        e.start = timeline::Date(day("2023-01-01") + std::chrono::days{static_cast<int>(random() % 700)}, timeline::TimePrecision::Day);
        e.name = store.intern("Clash");
        e.fatalitiesLow = static_cast<int>(random() % 10);
        const LonLat place{67.0 + static_cast<double>(random() % 500) / 100.0, 31.0 + static_cast<double>(random() % 400) / 100.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        c.events.push_back(e);
    }
    timeline::sortEvents(c);
    AppState s(test::boundaries(), std::move(c), "regional", 1200, 800);
    s.setMode(scene::TimeMode::Cumulative);
    const scene::Style style = s.style();
    for (int minDeaths : {0, 5, 8, 3}) {
        timeline::EventFilter f;
        f.minDeaths = minDeaths;
        if (minDeaths == 8) f.kinds = {timeline::EventKind::Airstrike};
        s.setFilter(f);
        CAPTURE(f.describe());
        const scene::EventBins& bins = s.eventBins(style);
        const scene::EventBins direct = scene::binEvents(s.map(), s.events(), s.time, scene::clusterRadius_m(s.view, style), true);
        REQUIRE(bins.members.size() == direct.members.size());
        REQUIRE(bins.bins.size() == direct.bins.size());
        for (std::size_t i = 0; i < direct.members.size(); ++i) REQUIRE(bins.members[i].event == direct.members[i].event);
    }
}

TEST_CASE("a big catalogue's filter from the panel is selected aside: the map keeps the last selection until poll() puts the new one in") {
    timeline::Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    for (std::size_t i = 0; i < AppState::kFilterAside; ++i) {
        timeline::Event e;
        e.id = store.keep("aside-" + std::to_string(i));
        e.kind = i % 3 == 0 ? timeline::EventKind::Airstrike : timeline::EventKind::Clash;
        e.start = timeline::Date(day("2023-01-01") + std::chrono::days{static_cast<int>(i % 700)}, timeline::TimePrecision::Day);
        e.name = store.intern(i % 5 == 0 ? "Clash near Chaman" : "Clash near Khost");
        e.fatalitiesLow = static_cast<int>(i % 9);
        const LonLat place{70.0, 34.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        c.events.push_back(e);
    }
    timeline::sortEvents(c);
    AppState s(test::boundaries(), std::move(c), "regional", 1200, 800);
    const auto settle = [&] {
        for (int i = 0; i < 5000 && s.filtering(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            s.poll();
        }
        REQUIRE_FALSE(s.filtering());
    };
    const auto expectedCount = [&](const timeline::EventFilter& f) { return timeline::EventSelection(s.catalogue(), f).eventCount(); };

    timeline::EventFilter airstrikes;
    airstrikes.kinds = {timeline::EventKind::Airstrike};
    const timeline::EventSelection* before = &s.events();
    s.setFilter(airstrikes, true);
    CHECK(s.filter().kinds == airstrikes.kinds);  // asked for at once, whatever the map shows yet
    if (s.filtering()) CHECK(&s.events() == before);
    settle();
    CHECK(s.events().filter().kinds == airstrikes.kinds);
    CHECK(s.events().eventCount() == expectedCount(airstrikes));

    // Changes made while one is under way: only the latest is made after it.
    timeline::EventFilter deadly, chaman;
    deadly.minDeaths = 5;
    chaman.text = "chaman";
    s.setFilter(deadly, true);
    s.setFilter(airstrikes, true);
    s.setFilter(chaman, true);
    CHECK(s.filter().text == "chaman");
    settle();
    CHECK(s.events().filter().text == "chaman");
    CHECK(s.events().eventCount() == expectedCount(chaman));

    // The catalogue changing while a selection is under way: it is settled first, and the filter asked for last
    // applies to the new catalogue.
    s.setFilter(deadly, true);
    s.setFilter(airstrikes, true);
    s.addEventsFile(test::dataFile("events_extra.geojson"));
    settle();
    CHECK(s.events().filter().kinds == airstrikes.kinds);
    CHECK(s.events().filter().minDeaths == 0);
    CHECK(s.events().eventCount() == expectedCount(airstrikes));

    // Set here (not aside), a filter replaces whatever was under way or waiting.
    s.setFilter(deadly, true);
    s.setFilter(chaman, true);
    s.setFilter(deadly);
    CHECK_FALSE(s.filtering());
    CHECK(s.events().filter().minDeaths == 5);
    s.poll();
    CHECK(s.events().filter().minDeaths == 5);
    // And a state destroyed with a selection under way waits for it (a sanitized build would see otherwise).
    s.setFilter(chaman, true);
}

TEST_CASE("the legend folds, moves within the map and goes back to its automatic place through named actions") {
    AppState s = makeState();
    CHECK(s.legendVisible);
    CHECK_FALSE(s.legend.collapsed);
    CHECK_FALSE(s.legend.at);
    s.toggleLegendCollapsed();
    CHECK(s.legend.collapsed);
    s.toggleLegendCollapsed();
    CHECK_FALSE(s.legend.collapsed);

    // Dropped inside the map it stays where it was dropped; dragged past an edge, it stops at the edge.
    s.moveLegend({100, 120}, 300, 200);
    REQUIRE(s.legend.at);
    CHECK(s.legend.at->x_px == doctest::Approx(100));
    CHECK(s.legend.at->y_px == doctest::Approx(120));
    s.moveLegend({5000, -40}, 300, 200);
    CHECK(s.legend.at->x_px == doctest::Approx(s.view.widthPx - 300.0));
    CHECK(s.legend.at->y_px == doctest::Approx(0));
    // Folding keeps the place; the reset gives it back to the automatic placement, still folded.
    s.toggleLegendCollapsed();
    CHECK(s.legend.at);
    s.resetLegendPlace();
    CHECK_FALSE(s.legend.at);
    CHECK(s.legend.collapsed);
    s.toggleLegend();
    CHECK_FALSE(s.legendVisible);
    // Tab's map-only mode and presenter mode keep it as it is.
    s.toggleLegend();
    s.togglePanels();
    s.setPresenter(true);
    CHECK(s.legendVisible);
    CHECK(s.legend.collapsed);
}

TEST_CASE("the legend's state is remembered in the viewer's settings file, and a broken one gives the defaults") {
    const std::string file = std::string(BORDERMAP_TEST_OUTPUT_DIR) + "/viewer_settings_test.conf";
    AppState s = makeState();
    s.toggleLegendCollapsed();
    s.moveLegend({240, 60}, 200, 100);
    saveViewerSettings(s.viewerSettings(), file);
    AppState t = makeState();
    t.useViewerSettings(loadViewerSettings(file));
    CHECK(t.legend == s.legend);
    CHECK(t.legendVisible);

    const ViewerSettings broken = parseViewerSettings("legend_collapsed=1\nlegend_x=abc\nlegend_y=12\nnonsense\nlegend_visible=0\n");
    CHECK(broken.legend.collapsed);
    CHECK_FALSE(broken.legend.at);  // half a place is none
    CHECK_FALSE(broken.legendVisible);
    CHECK(loadViewerSettings("/nonexistent/viewer.conf") == ViewerSettings{});
}

TEST_CASE("the label language is a named action the style, and so every export, follows") {
    AppState s = makeState();
    CHECK(s.style().labelLanguage == scene::LabelLanguage::English);
    s.setLabelLanguage(scene::LabelLanguage::Bilingual);
    CHECK(s.style().labelLanguage == scene::LabelLanguage::Bilingual);
    CHECK(s.message == "labels: English and local names");
    s.setLabelLanguage(scene::LabelLanguage::English);
    CHECK(s.style().labelLanguage == scene::LabelLanguage::English);
}

TEST_CASE("a legend the window folded because it would cover the map opens on the reader's toggle, and stays open") {
    AppState s = makeState();
    s.noteLegendShown(true);  // the window found no place clear of crossings, labels and markers
    s.toggleLegendCollapsed();
    CHECK_FALSE(s.legend.collapsed);
    CHECK(s.legend.opened);
    CHECK_FALSE(s.legendShownFolded);
    s.toggleLegendCollapsed();  // and folds again on the next
    CHECK(s.legend.collapsed);
    CHECK_FALSE(s.legend.opened);
    s.toggleLegendCollapsed();
    CHECK(s.legend.opened);
    // Put back: the automatic place, and folded again where it would cover the map.
    s.resetLegendPlace();
    CHECK_FALSE(s.legend.opened);
    // Remembered with the rest.
    s.toggleLegendCollapsed();
    s.toggleLegendCollapsed();
    CHECK(s.legend.opened);
    CHECK(parseViewerSettings("legend_opened=1\n").legend.opened);
}

TEST_CASE("the locator and the inset: toggles, a click on the locator recentres, a click on the inset flies there") {
    AppState s = makeState();
    CHECK_FALSE(s.locatorVisible);
    CHECK_FALSE(s.insetVisible);
    s.toggleLocator();
    s.toggleInset();
    CHECK(s.locatorVisible);
    CHECK(s.insetVisible);
    s.toggleLocator();
    CHECK_FALSE(s.locatorVisible);

    const double scale = s.view.metresPerPixel;
    const MapXY torkham = s.map().projection.forward({71.08, 34.11});
    s.centreOn(torkham);
    CHECK(s.view.centre == torkham);
    CHECK(s.view.metresPerPixel == scale);  // a locator moves the view, never zooms it

    s.flyToInset();
    CHECK(s.flying());
    s.advance(2.0);
    CHECK_FALSE(s.flying());
    const MapBox area = scene::areaBox(s.map(), scene::khyberInset().box);
    const MapBox shown = s.view.visibleBox();
    CHECK(shown.contains(area.min));
    CHECK(shown.contains(area.max));
    CHECK(scene::locatorShown(scene::LocatorMode::Auto, s.map().regionBox, shown));  // a close view: the locator earns its place
}

TEST_CASE("the Export dialog's inset and locator are remembered") {
    ExportSettings e;
    CHECK_FALSE(e.inset);
    CHECK(e.locator == scene::LocatorMode::Auto);
    const ExportSettings read = parseExportSettings("inset=1\nlocator=off\n");
    CHECK(read.inset);
    CHECK(read.locator == scene::LocatorMode::Off);
    CHECK(parseExportSettings("locator=sideways\n").locator == scene::LocatorMode::Auto);
}

TEST_CASE("every projection switch keeps the ground scale at the centre, again and again") {
    // The ground a few pixels cover at the view's centre, across and down: what the eye reads as the map's scale.
    const auto groundPerPixel = [](const AppState& s) {
        // Symmetric about the centre: Web Mercator's scale changes along a meridian by about 0.1 % in 10 px here.
        const MapXY c = s.view.centre;
        const double step_px = 10, half_m = step_px / 2 * s.view.metresPerPixel;
        const auto at = [&](double dx_m, double dy_m) { return s.map().projection.inverse({c.x_m + dx_m, c.y_m + dy_m}); };
        return std::pair{geo::geodesicDistanceM(at(-half_m, 0), at(half_m, 0)) / step_px, geo::geodesicDistanceM(at(0, -half_m), at(0, half_m)) / step_px};
    };
    for (const char* from : {"regional", "webmercator", "platecarree"}) {
        for (const char* to : {"regional", "webmercator", "platecarree"}) {
            INFO(from << " to " << to);
            AppState s = makeState();
            s.setProjection(from);
            const auto [eastBefore, northBefore] = groundPerPixel(s);
            s.setProjection(to);
            const auto [eastAfter, northAfter] = groundPerPixel(s);
            CHECK(northAfter == doctest::Approx(northBefore).epsilon(0.001));
            // Plate carree stretches east-west by 1/cos(latitude) (about 20 % here); between the others it holds.
            if (std::string_view(from) != "platecarree" && std::string_view(to) != "platecarree")
                CHECK(eastAfter == doctest::Approx(eastBefore).epsilon(0.01));
        }
    }
}

TEST_CASE("+ and - zoom about the mouse on the map, else about the centre") {
    AppState s = makeState();
    const scene::ScreenPx mouse{900, 150};
    const MapXY under = s.view.toMap(mouse);
    s.zoomByKey(mouse, 1.5);
    const scene::ScreenPx after = s.view.toScreen(under);
    CHECK(after.x_px == doctest::Approx(mouse.x_px).epsilon(1e-6));
    CHECK(after.y_px == doctest::Approx(mouse.y_px).epsilon(1e-6));
    // Off the map (over the side panel, or the mouse gone): the centre stays.
    const MapXY centre = s.view.centre;
    s.zoomByKey(scene::ScreenPx{s.view.widthPx + 20.0, 150}, 1 / 1.5);
    CHECK(s.view.centre.x_m == doctest::Approx(centre.x_m));
    s.zoomByKey(std::nullopt, 1.5);
    CHECK(s.view.centre.y_m == doctest::Approx(centre.y_m));
}

TEST_CASE("the distance tool: a path of clicks, its last point taken back, cleared by Escape; the style and so exports carry it") {
    AppState s = makeState();
    s.view.centre = s.map().projection.forward({70.0, 34.0});
    s.view.metresPerPixel = 1000;
    s.toggleMeasuring();
    CHECK(s.measuring);
    s.addMeasurePoint({600, 400});
    s.addMeasurePoint({700, 400});
    s.addMeasurePoint({700, 300});
    REQUIRE(s.measuredLegs().size() == 2);
    CHECK(s.measuredLegs()[0].length_m == doctest::Approx(100000).epsilon(0.01));
    CHECK(s.measuredLegs()[0].initialBearing_deg == doctest::Approx(90).epsilon(0.05));  // east, give or take the grid's convergence
    CHECK(s.measuredLegs()[1].initialBearing_deg < 10);                                   // then north
    CHECK(s.measuredDistanceM() == doctest::Approx(200000).epsilon(0.01));
    CHECK(s.style().measurePath == s.measurePoints);
    // Stopping keeps the path on the map (and in exports) until cleared.
    s.toggleMeasuring();
    CHECK_FALSE(s.measuring);
    CHECK(s.style().measurePath.size() == 3);
    s.removeLastMeasurePoint();
    CHECK(s.measurePoints.size() == 2);
    CHECK(s.measuredLegs().size() == 1);
    s.toggleMeasuring();
    s.clearMeasure();
    CHECK(s.measurePoints.empty());
    CHECK_FALSE(s.measuring);
    CHECK(s.style().measurePath.empty());
    s.removeLastMeasurePoint();  // nothing to take back: no harm
    CHECK(s.measurePoints.empty());
}

TEST_CASE("the user's layers: shown or hidden, restyled, labelled by a field, removed; the style follows, the static scene is rebuilt") {
    AppState s = makeState();
    s.addMapLayer(test::dataFile("route.kml"));
    s.addMapLayer(test::dataFile("points.geojson"));
    REQUIRE(s.layerStyles().size() == 2);
    CHECK(s.layerStyles()[1] == scene::UserLayerStyle{});
    int revision = s.staticRevision();
    s.setLayerVisible(0, false);
    CHECK(s.staticRevision() != revision);
    CHECK_FALSE(s.style().userLayers[0].visible);
    revision = s.staticRevision();
    s.setLayerStyle(1, {1, 2, 3, 0}, 40);
    CHECK(s.staticRevision() != revision);
    CHECK(s.style().userLayerColour(1) == scene::Colour{1, 2, 3, 255});  // opaque
    CHECK(s.layerStyles()[1].width_px == 12.0);                            // clamped
    s.setLayerLabelField(1, "name");
    CHECK(s.style().userLayers[1].labelField == "name");
    CHECK_THROWS_AS(s.setLayerLabelField(1, "nonexistent"), UsageError);
    CHECK(s.layerStyles()[1].labelField == "name");
    CHECK_THROWS_AS(s.setLayerVisible(2, true), UsageError);

    revision = s.staticRevision();
    s.removeLayer(0);
    CHECK(s.staticRevision() != revision);
    REQUIRE(s.overlays().size() == 1);
    REQUIRE(s.map().overlays.size() == 1);
    CHECK(s.overlays()[0].name == "points.geojson");
    CHECK(s.map().overlays[0].name == "points.geojson");
    CHECK(s.layerStyles()[0].labelField == "name");  // the style went with its layer
    // A new projection keeps the layers and their styles.
    s.setProjection("webmercator");
    CHECK(s.map().overlays.size() == 1);
    CHECK(s.style().userLayers[0].labelField == "name");
}

TEST_CASE("hovering a user's feature shows its layer, its label and its attributes; a hidden layer shows nothing") {
    AppState s = makeState();
    s.addMapLayer(test::dataFile("points.geojson"));
    s.setLayerLabelField(0, "name");
    const scene::ScreenPx peshawar = s.view.toScreen(s.map().projection.forward({71.5785, 34.0151}));
    const Hover hover = s.hoverAt({}, {peshawar.x_px + 2, peshawar.y_px - 2});
    CHECK(hover.title == "points.geojson: Peshawar");
    CHECK(std::find(hover.lines.begin(), hover.lines.end(), "kind = city") != hover.lines.end());
    CHECK(std::find(hover.lines.begin(), hover.lines.end(), "name = Peshawar") != hover.lines.end());
    s.setLayerVisible(0, false);
    CHECK(s.hoverAt({}, {peshawar.x_px + 2, peshawar.y_px - 2}).title != "points.geojson: Peshawar");

    s.addMapLayer(test::dataFile("route.kml"));
    // A point on the route's line, between two of its vertices, well away from the points layer.
    const MapXY a = s.map().projection.forward({69.1723, 34.5281}), b = s.map().projection.forward({70.45, 34.43});
    const scene::ScreenPx on = s.view.toScreen({(a.x_m + b.x_m) / 2, (a.y_m + b.y_m) / 2});
    const Hover line = s.hoverAt({}, on);
    CHECK(line.title == "route.kml: Kabul to Peshawar");
    CHECK_FALSE(line.lines.empty());
}

TEST_CASE("a file that cannot be opened in the viewer: one line naming it, kept until a file opens") {
    AppState s = makeState();
    CHECK_FALSE(s.loadFile(test::dataFile("missing.geojson"), AppState::OpenAs::MapLayer));
    CHECK(s.fileProblem == test::dataFile("missing.geojson") + ": no such file");
    CHECK(s.message == s.fileProblem);
    CHECK_FALSE(s.loadFile(test::dataFile("not_vector.txt")));
    CHECK(s.fileProblem.find("not_vector.txt") != std::string::npos);
    CHECK(s.fileProblem.find('\n') == std::string::npos);
    CHECK(s.loadFile(test::dataFile("route.kml")) == "a map layer");
    CHECK(s.fileProblem.empty());
    CHECK(s.overlays().size() == 1);
}
