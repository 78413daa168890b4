// Briefing files: what a good one reads as and saves back to (byte for byte), each kind of bad file refused with one
// line naming the file, the scene and the field, saving whole or not at all, the check against the data, and the
// sample briefing in assets/ passing it.
#include "../scene/scene_fixture.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace bordermap;
using namespace bordermap::briefing;
using test::day;

namespace {

const std::string kGood = R"({
  "bordermap_briefing": 1,
  "title": "Test briefing",
  "scenes": [
    {
      "title": "The border",
      "date": "2025-10-10",
      "view": {"bbox": [60.5, 23.5, 77.5, 38.5]}
    },
    {
      "title": "Spin Boldak",
      "date": "2025-10-15",
      "mode": "cumulative",
      "window_days": 7,
      "view": {"centre": [66.4, 31.0], "zoom": 9},
      "layers": {"rivers": false, "graticule": false},
      "filter": {"kinds": ["clash", "airstrike"], "min_deaths": 1, "source": "Dawn"},
      "highlight": ["clash-2025-10-15-spin-boldak"],
      "caption": "Clashes at Spin Boldak.",
      "notes": "Say who reported the figures.",
      "hold_s": 5
    }
  ]
}
)";

// The one line an InputError makes, or "" when the text parses.
std::string problem(const std::string& text) {
    try {
        parseBriefing(text, "b.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

std::string withSecondScene(const std::string& replaceFrom, const std::string& replaceTo) {
    std::string text = kGood;
    const std::size_t at = text.find(replaceFrom, text.find("Spin Boldak"));
    REQUIRE(at != std::string::npos);
    return text.replace(at, replaceFrom.size(), replaceTo);
}

}  // namespace

TEST_CASE("a briefing reads as written, and saves to a text that reads back the same, byte-stable") {
    const Briefing b = parseBriefing(kGood, "b.json");
    CHECK(b.title == "Test briefing");
    REQUIRE(b.scenes.size() == 2);
    CHECK(b.scenes[0].view.box.has_value());
    CHECK(b.scenes[0].mode == scene::TimeMode::Window);
    CHECK(b.scenes[0].windowDays == 30);
    CHECK_FALSE(b.scenes[0].layers.has_value());
    const Scene& s = b.scenes[1];
    CHECK(s.date == day("2025-10-15"));
    CHECK(s.mode == scene::TimeMode::Cumulative);
    CHECK(s.windowDays == 7);
    REQUIRE(s.view.centre.has_value());
    CHECK(s.view.centre->lon_deg == 66.4);
    CHECK(s.view.zoom == 9);
    REQUIRE(s.layers.has_value());
    CHECK_FALSE(s.layers->rivers);
    CHECK_FALSE(s.layers->graticule);
    CHECK(s.layers->provinces);
    REQUIRE(s.filter.has_value());
    CHECK(s.filter->kinds == std::vector<timeline::EventKind>{timeline::EventKind::Clash, timeline::EventKind::Airstrike});
    CHECK(s.filter->minDeaths == 1);
    CHECK(s.filter->source == "Dawn");
    CHECK(s.filter->text.empty());
    CHECK(s.filter->embedded);
    CHECK_FALSE(b.scenes[0].filter.has_value());
    CHECK(s.highlight == std::vector<std::string>{"clash-2025-10-15-spin-boldak"});
    CHECK(s.caption == "Clashes at Spin Boldak.");
    CHECK(s.notes == "Say who reported the figures.");
    CHECK(s.hold_s == 5);

    const std::string saved = briefingText(b);
    CHECK(parseBriefing(saved, "b.json") == b);
    CHECK(briefingText(parseBriefing(saved, "b.json")) == saved);
    // One field a line: a changed caption is a one-line diff.
    Briefing edited = b;
    edited.scenes[1].caption = "Clashes at Spin Boldak on 15 October.";
    std::istringstream a(saved), c(briefingText(edited));
    int differing = 0;
    for (std::string x, y; std::getline(a, x) && std::getline(c, y);) differing += x != y;
    CHECK(differing == 1);
}

TEST_CASE("bad briefings are refused with one line naming the file, the scene and the field") {
    CHECK(problem(kGood).empty());
    const auto line = [](const std::string& text) {
        const std::string p = problem(text);
        CHECK(p.find('\n') == std::string::npos);
        return p;
    };
    // An unknown field: a typo must not pass unseen.
    std::string p = line(withSecondScene("\"caption\"", "\"captoin\""));
    CHECK(p.find("b.json") == 0);
    CHECK(p.find("scene 2 ('Spin Boldak')") != std::string::npos);
    CHECK(p.find("captoin") != std::string::npos);
    CHECK(p.find("unknown field") != std::string::npos);
    // A date that is not a day.
    p = line(withSecondScene("2025-10-15", "2025-13-01"));
    CHECK(p.find("scene 2 ('Spin Boldak')") != std::string::npos);
    CHECK(p.find("date") != std::string::npos);
    CHECK(p.find("'2025-13-01' is not a day") != std::string::npos);
    CHECK(line(withSecondScene("2025-10-15", "2025-10")).find("is not a day") != std::string::npos);
    // JSON that does not parse: where.
    p = line(withSecondScene("\"hold_s\": 5", "\"hold_s\": 5,"));
    CHECK(p.find("b.json") == 0);
    INFO(p);
    CHECK(p.find("line 22, column 5: Missing a name") != std::string::npos);
    // Wrong types and values.
    CHECK(line(withSecondScene("\"zoom\": 9", "\"zoom\": \"9\"")).find("view.zoom: not a number") != std::string::npos);
    CHECK(line(withSecondScene("\"zoom\": 9", "\"zoom\": 40")).find("view.zoom") != std::string::npos);
    CHECK(line(withSecondScene("\"rivers\": false", "\"rivers\": 0")).find("layers.rivers: not true or false") != std::string::npos);
    CHECK(line(withSecondScene("\"rivers\"", "\"roads\"")).find("layers.roads: unknown layer") != std::string::npos);
    CHECK(line(withSecondScene("\"mode\": \"cumulative\"", "\"mode\": \"all\"")).find("mode") != std::string::npos);
    CHECK(line(withSecondScene("[66.4, 31.0]", "[66.4]")).find("view.centre") != std::string::npos);
    // A filter's fields.
    p = line(withSecondScene("\"clash\", \"airstrike\"", "\"clash\", \"riot\""));
    CHECK(p.find("scene 2 ('Spin Boldak'): filter.kinds: unknown kind 'riot'") != std::string::npos);
    CHECK(line(withSecondScene("\"min_deaths\": 1", "\"min_deaths\": -1")).find("filter.min_deaths") != std::string::npos);
    CHECK(line(withSecondScene("\"source\": \"Dawn\"", "\"source\": 3")).find("filter.source: not a text") != std::string::npos);
    CHECK(line(withSecondScene("\"source\": \"Dawn\"", "\"sauce\": \"Dawn\"")).find("filter.sauce: unknown field") != std::string::npos);
    CHECK(line(R"({"bordermap_briefing": 1, "scenes": []})").find("scenes") != std::string::npos);
    CHECK(line(R"({"title": "x", "scenes": []})").find("bordermap_briefing") != std::string::npos);
    CHECK(line("[]").find("not a briefing") != std::string::npos);
    // A missing file.
    try {
        readBriefing("/nonexistent/b.json");
        FAIL("read a missing file");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("/nonexistent/b.json") == 0);
    }
}

TEST_CASE("a briefing is checked against the data: a scene outside the map, an unknown event, a date beyond it") {
    const Briefing good = parseBriefing(kGood, "b.json");
    CHECK_NOTHROW(checkBriefing(good, "b.json", test::regionalMap(), test::embeddedCatalogue()));
    const auto problemWith = [](const std::string& text) {
        try {
            checkBriefing(parseBriefing(text, "b.json"), "b.json", test::regionalMap(), test::embeddedCatalogue());
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    // Over the Atlantic.
    std::string p = problemWith(withSecondScene("[66.4, 31.0]", "[-30.0, 31.0]"));
    CHECK(p.find("scene 2 ('Spin Boldak')") != std::string::npos);
    CHECK(p.find("view.centre: outside the map's area") != std::string::npos);
    p = problemWith(withSecondScene("clash-2025-10-15-spin-boldak", "clash-2025-10-15-spin-boldk"));
    CHECK(p.find("highlight: no event 'clash-2025-10-15-spin-boldk'") != std::string::npos);
    p = problemWith(withSecondScene("2025-10-15", "1900-01-01"));
    CHECK(p.find("date: 1900-01-01 is outside the data") != std::string::npos);
}

TEST_CASE("saving is whole or nothing: a save that fails leaves the previous file as it was") {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "bordermap_briefing_test";
    std::filesystem::create_directories(folder);
    const std::string file = (folder / "b.json").string();
    const Briefing b = parseBriefing(kGood, "b.json");
    saveBriefing(b, file);
    CHECK(readBriefing(file) == b);
    CHECK_THROWS_AS(saveBriefing(b, (folder / "missing" / "b.json").string()), InputError);
    Briefing changed = b;
    changed.title = "Changed";
    saveBriefing(changed, file);
    CHECK(readBriefing(file).title == "Changed");
    std::filesystem::remove_all(folder);
}

TEST_CASE("the sample briefing reads and passes the check against the embedded data") {
    const std::string file = std::string(BORDERMAP_SOURCE_DIR) + "/assets/briefings/october-2025-closures.briefing.json";
    const Briefing b = readBriefing(file);
    CHECK(b.scenes.size() >= 5);
    CHECK(b.scenes.size() <= 8);
    CHECK_NOTHROW(checkBriefing(b, file, test::regionalMap(), test::embeddedCatalogue()));
    for (const Scene& s : b.scenes) {
        CHECK_FALSE(s.title.empty());
        CHECK_FALSE(s.caption.empty());
        CHECK_FALSE(s.notes.empty());
    }
}

TEST_CASE("a view kept as a scene's centre and zoom shows the same place at the same scale") {
    const scene::ProjectedMap& map = test::regionalMap();
    scene::View view = scene::viewAtZoom(map, LonLat{66.45, 30.99}, 9.3, 1600, 1000);
    view.centre.x_m += 1234.5;  // not on a rounded coordinate
    Scene s;
    s.view = viewOf(view, map);
    REQUIRE(s.view.centre.has_value());
    CHECK_FALSE(s.view.box.has_value());
    // Written as people write them: no 31.008100000000004.
    Briefing b{"t", {s}};
    const std::string text = briefingText(b);
    const std::size_t at = text.find("\"centre\": [");
    REQUIRE(at != std::string::npos);
    CHECK(text.substr(at, text.find(']', at) - at).size() <= std::string("\"centre\": [-179.1234, -84.1234").size());
    const scene::View again = sceneView(s, map, 1600, 1000);
    CHECK(std::abs(again.centre.x_m - view.centre.x_m) < 20);
    CHECK(std::abs(again.centre.y_m - view.centre.y_m) < 20);
    CHECK(std::abs(again.metresPerPixel / view.metresPerPixel - 1) < 0.01);
}
