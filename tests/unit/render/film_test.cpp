// The film loops (render/film.hpp) that `bordermap render --dates`, `bordermap brief` and the viewer's Export dialog
// share: how many frames a range and a step give, the progress they report, and a cancel that leaves no file. Frames
// are counted in the files by ffprobe (Debian's ffmpeg, which scripts/ install).

#include "../../command_output.hpp"
#include "../timeline/timeline_fixture.hpp"
#include "../test_paths.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/render/film.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>
#include <bordermap/timeline/selection.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

using namespace bordermap;
using test::day;
namespace fs = std::filesystem;

namespace {

fs::path freshFolder(const std::string& name) { return test::freshFolder("film", name); }

long framesIn(const fs::path& file) {
    const std::string text = test::commandOutput("ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames "
                                                 "-of default=nw=1:nk=1 '" + file.string() + "'");
    return text.empty() ? -1 : std::stol(text);
}

const scene::ProjectedMap& projected() {
    static const scene::ProjectedMap map = [] {
        scene::ProjectedMap m = scene::projectMap(test::boundaries(), "regional");
        scene::projectEvents(m, test::embeddedCatalogue());
        return m;
    }();
    return map;
}

// A small page (the bare map with its date) keeps each frame a few milliseconds.
render::ExportOptions smallPage() {
    render::ExportOptions options;
    options.width_px = 96;
    options.height_px = 64;
    return options;
}

scene::Style plainStyle() {
    scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    style.scale = 1.0;
    return style;
}

// Every progress call, in order.
struct Calls {
    std::vector<long> done;
    std::vector<long> totals;
    render::FilmControl control() {
        return {[this](long d, long t) {
                    done.push_back(d);
                    totals.push_back(t);
                },
                nullptr};
    }
};

}  // namespace

TEST_CASE("film days: a range a step apart, counted from its first day") {
    CHECK(render::filmDays(day("2025-03-01"), day("2025-03-03"), render::FilmStep::Day) ==
          std::vector<timeline::CalendarDay>{day("2025-03-01"), day("2025-03-02"), day("2025-03-03")});
    CHECK(render::filmDays(day("2025-03-01"), day("2025-03-15"), render::FilmStep::Week).size() == 3);
    CHECK(render::filmDays(day("2025-03-01"), day("2025-03-14"), render::FilmStep::Week).size() == 2);
    // The day of the month clamped, never carried: 31 January, 29 February, 31 March.
    CHECK(render::filmDays(day("2024-01-31"), day("2024-03-31"), render::FilmStep::Month) ==
          std::vector<timeline::CalendarDay>{day("2024-01-31"), day("2024-02-29"), day("2024-03-31")});
    CHECK(render::filmDays(day("2025-03-03"), day("2025-03-01"), render::FilmStep::Day).empty());
    CHECK(render::parseFilmStep("1w") == render::FilmStep::Week);
    CHECK_FALSE(render::parseFilmStep("2d"));
    CHECK(std::string(render::filmStepName(render::FilmStep::Month)) == "1m");
}

TEST_CASE("a date film of three days: three frames, the progress rising to its total") {
    const fs::path dir = freshFolder("dates");
    const timeline::EventSelection events{test::embeddedCatalogue()};
    const std::vector<timeline::CalendarDay> days = render::filmDays(day("2025-03-01"), day("2025-03-03"), render::FilmStep::Day);
    const render::ExportScene scene{projected(), events, projected().regionBox, {}, plainStyle(), {}};
    Calls calls;
    const render::FilmResult result = render::writeDateFilm((dir / "three.mp4").string(), scene, days, 5, smallPage(), calls.control());
    CHECK_FALSE(result.cancelled);
    CHECK(result.frames == 3);
    CHECK(calls.done == std::vector<long>{1, 2, 3});
    CHECK(calls.totals == std::vector<long>{3, 3, 3});
    CHECK(framesIn(dir / "three.mp4") == 3);
}

TEST_CASE("a film cancelled mid-way stops there and leaves no file") {
    const fs::path dir = freshFolder("cancel");
    const timeline::EventSelection events{test::embeddedCatalogue()};
    const std::vector<timeline::CalendarDay> days = render::filmDays(day("2025-03-01"), day("2025-03-10"), render::FilmStep::Day);
    const render::ExportScene scene{projected(), events, projected().regionBox, {}, plainStyle(), {}};
    std::atomic<bool> cancel{false};
    long lastDone = 0;
    render::FilmControl control{[&](long done, long) {
                                    lastDone = done;
                                    if (done == 4) cancel = true;  // as the dialog's Cancel would, between two frames
                                },
                                &cancel};
    for (const char* name : {"stopped.mp4", "stopped.gif"}) {
        CAPTURE(name);
        cancel = false;
        const render::FilmResult result = render::writeDateFilm((dir / name).string(), scene, days, 5, smallPage(), control);
        CHECK(result.cancelled);
        CHECK(result.frames == 4);
        CHECK(lastDone == 4);
    }
    CHECK(fs::is_empty(dir));  // neither the videos nor a temporary
}

TEST_CASE("a briefing's film: its planned frames written, the progress rising to them") {
    const fs::path dir = freshFolder("briefing");
    briefing::Briefing b;
    b.title = "Two crossings";
    briefing::Scene torkham;
    torkham.title = "Torkham";
    torkham.date = day("2025-03-01");
    torkham.view.centre = LonLat{71.09, 34.11};
    torkham.view.zoom = 8;
    torkham.hold_s = 0.6;  // 3 frames at 5 fps
    briefing::Scene chaman = torkham;
    chaman.title = "Chaman";
    chaman.date = day("2025-03-10");
    chaman.view.centre = LonLat{66.45, 30.92};
    chaman.hold_s = 1.0;  // 5 frames
    b.scenes = {torkham, chaman};

    const timeline::EventSelection events{test::embeddedCatalogue()};
    const render::ExportOptions page = smallPage();
    const long planned = render::briefingFilmFrames(b, projected(), page, 5);
    // The two holds and a flight between them of at least 0.7 s (scene::planTransition), its last step the hold.
    CHECK(planned >= 3 + 5 + 3 - 1);
    Calls calls;
    const render::FilmResult result =
        render::writeBriefingFilm((dir / "brief.webm").string(), projected(), events, b, {plainStyle(), {}}, 5, page, calls.control());
    CHECK_FALSE(result.cancelled);
    CHECK(result.frames == planned);
    REQUIRE_FALSE(calls.done.empty());
    CHECK(calls.done.back() == planned);
    CHECK(std::is_sorted(calls.done.begin(), calls.done.end()));
    CHECK(std::adjacent_find(calls.done.begin(), calls.done.end()) == calls.done.end());  // strictly rising
    for (const long total : calls.totals) CHECK(total == planned);
    CHECK(framesIn(dir / "brief.webm") == planned);

    std::atomic<bool> cancel{true};  // cancelled before its first frame
    const render::FilmResult none =
        render::writeBriefingFilm((dir / "none.mp4").string(), projected(), events, b, {plainStyle(), {}}, 5, page, {nullptr, &cancel});
    CHECK(none.cancelled);
    CHECK(none.frames == 0);
    CHECK_FALSE(fs::exists(dir / "none.mp4"));
}
