// The Export dialog's video (ui/export.hpp) without the window: the dates and size it proposes, what it refuses,
// and a film written on its thread while the state goes on, or cancelled, as the dialog's buttons do it.

#include "../../command_output.hpp"
#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/ui/app_state.hpp>
#include <bordermap/timeline/event_record.hpp>
#include <bordermap/ui/export.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

using namespace bordermap;
using namespace bordermap::ui;
using test::day;
namespace fs = std::filesystem;

namespace {

AppState makeState() { return AppState(test::boundaries(), test::embeddedCatalogue(), "regional", 1200, 800); }

fs::path freshFolder(const std::string& name) { return test::freshFolder("film_export", name); }

// Polls as the window does once a frame, until the film has ended; false after `limit`.
bool waitForFilm(AppState& s, std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        s.poll();
        if (s.lastFilm) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

long framesIn(const fs::path& file) {
    const std::string text = test::commandOutput("ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames "
                                                 "-of default=nw=1:nk=1 '" + file.string() + "'");
    return text.empty() ? -1 : std::stol(text);
}

}  // namespace

TEST_CASE("a video proposes the window shown, the screen's size made even, and refuses what it cannot make") {
    AppState s = makeState();
    s.setDate(day("2025-03-10"));
    s.setWindowDays(7);
    s.exportSettings.path = "film.mp4";
    CHECK(filmDates(s) == std::pair{day("2025-03-04"), day("2025-03-10")});
    s.setMode(scene::TimeMode::Cumulative);
    CHECK(filmDates(s) == std::pair{day("2025-02-09"), day("2025-03-10")});  // the 30 days to the date
    s.exportSettings.filmFrom = day("2025-01-01");
    s.exportSettings.filmTo = day("2025-01-31");
    CHECK(filmDates(s) == std::pair{day("2025-01-01"), day("2025-01-31")});
    s.exportSettings.filmStep = StepUnit::Week;
    CHECK(filmFrames(s) == 5);  // 1, 8, 15, 22, 29 January

    s.resize(1201, 801);
    CHECK(filmSize(s) == std::pair{1200, 800});
    s.exportSettings.path = "film.gif";  // a GIF takes any size
    CHECK(filmSize(s) == std::pair{1201, 801});
    s.exportSettings.path = "film.webm";
    s.exportSettings.matchScreen = false;
    s.exportSettings.width_px = 641;
    CHECK(filmDefect(s).value_or("").find("even") != std::string::npos);
    s.exportSettings.width_px = 640;
    CHECK_FALSE(filmDefect(s));
    s.exportSettings.filmTo = day("2024-12-01");
    CHECK(filmDefect(s) == "the last date is before the first");
    s.exportSettings.filmTo = day("2025-01-31");
    s.exportSettings.filmSource = FilmSource::Briefing;
    CHECK(filmDefect(s).value_or("").find("no briefing is open") == 0);
    CHECK_THROWS_AS(exportFilm(s, ""), UsageError);
    CHECK(s.film() == nullptr);
    s.exportSettings.path = "map.png";
    CHECK_FALSE(exportsFilm(s.exportSettings));
}

TEST_CASE("the dialog's video is written on its own thread; adding events waits for it; the message says how many frames") {
    const fs::path dir = freshFolder("written");
    AppState s = makeState();
    ExportSettings& e = s.exportSettings;
    e.path = (dir / "three days.mp4").string();
    e.matchScreen = false;
    e.width_px = 96;
    e.height_px = 64;
    e.filmFrom = day("2025-03-01");
    e.filmTo = day("2025-03-03");
    e.fps = 5;
    exportFilm(s, (dir / "export.conf").string());
    REQUIRE(s.film() != nullptr);
    CHECK_THROWS_AS(exportFilm(s, ""), UsageError);  // one at a time
    CHECK_THROWS_AS(s.addEventsFile(test::dataFile("events_extra.geojson")), UsageError);
    s.setDate(day("2025-06-01"));  // the window goes on; the film has its own copy of the time
    REQUIRE(waitForFilm(s));
    CHECK(s.film() == nullptr);
    CHECK(s.lastFilm->kind == FilmJob::Outcome::Kind::Written);
    CHECK(s.lastFilm->frames == 3);
    CHECK(s.message == "wrote " + e.path + ": 3 frames");
    CHECK(framesIn(e.path) == 3);
    CHECK(loadExportSettings((dir / "export.conf").string()) == e);  // remembered
    s.addEventsFile(test::dataFile("events_extra.geojson"));  // once it is done
}

TEST_CASE("a cancelled video leaves no file, and closing the viewer cancels one") {
    const fs::path dir = freshFolder("cancelled");
    {
        AppState s = makeState();
        ExportSettings& e = s.exportSettings;
        e.path = (dir / "year.gif").string();
        e.matchScreen = false;
        e.width_px = 96;
        e.height_px = 64;
        e.filmFrom = day("2024-01-01");
        e.filmTo = day("2024-12-31");
        exportFilm(s, "");
        s.cancelFilm();
        REQUIRE(waitForFilm(s));
        CHECK(s.lastFilm->kind == FilmJob::Outcome::Kind::Cancelled);
        CHECK(s.lastFilm->frames < 366);
        CHECK(s.message == "cancelled: " + e.path + " not written");

        exportFilm(s, "");
    }  // the state ends with the film under way
    CHECK(fs::is_empty(dir));
}

TEST_CASE("the Export dialog's events as data: what the map shows, as the command line writes it") {
    AppState s = makeState();
    s.setDate(day("2025-10-27"));
    s.setWindowDays(1);
    const fs::path dir = freshFolder("events_as_data");
    const std::string path = (dir / "shown.geojson").string();
    CHECK(exportsEvents(path));
    CHECK_FALSE(exportsEvents((dir / "map.png").string()));
    exportEvents(s, path);
    CHECK(s.message.find("wrote ") == 0);
    timeline::Catalogue back;
    CHECK(timeline::addEventFile(back, path, test::context()).empty());
    std::set<std::string> ids;
    for (const timeline::Event& e : back.events) ids.insert(e.id.str());
    CHECK(ids.count("talks-2025-10-25-istanbul") == 1);  // over days: shown through the 30th
    CHECK(ids.count("torkham") == 1);                     // the crossings
    CHECK(ids.count("attack-2025-02-28-akora-khattak") == 0);
    const auto expected = timeline::eventsCovering(s.events(), day("2025-10-27"), 1);
    CHECK(back.events.size() == expected.size());

    // A filter narrows it, as on the map.
    timeline::EventFilter filter;
    filter.kinds = {timeline::EventKind::Talks};
    s.setFilter(filter);
    exportEvents(s, path);
    timeline::Catalogue filtered;
    CHECK(timeline::addEventFile(filtered, path, test::context()).empty());
    CHECK(filtered.find("talks-2025-10-25-istanbul") != nullptr);
    CHECK(filtered.events.size() < back.events.size());
}
