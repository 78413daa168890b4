#include "../test_paths.hpp"
#include "run_cli.hpp"

#include <bordermap/app/cli.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace bordermap::app;
namespace fs = std::filesystem;

namespace {

using bordermap::test::has;
using bordermap::test::run;
using bordermap::test::Run;

bool oneLine(const std::string& text) {
    return !text.empty() && text.back() == '\n' && std::count(text.begin(), text.end(), '\n') == 1;
}

// The part of `events` output that lists the window's events, from "in the N days" to the totals.
std::string window(const std::string& out) {
    const std::size_t from = out.find("\nin the ");
    const std::size_t to = out.find("\nup to ", from == std::string::npos ? 0 : from);
    return from == std::string::npos || to == std::string::npos ? std::string() : out.substr(from, to - from);
}

// A fresh folder of this test's own under the build folder.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(BORDERMAP_TEST_OUTPUT_DIR) / "cli" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}


}  // namespace

TEST_CASE("info describes the embedded data") {
    const Run r = run({"info"});
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    CHECK(has(r.out, "boundary data: embedded geodata/bordermap.gpkg"));
    CHECK(has(r.out, "provinces: Afghanistan 34, Pakistan 7"));
    CHECK(has(r.out, "Durand Line: 2,221.5 km geodesic"));
    CHECK(has(r.out, "countries              8 features"));
    CHECK(has(r.out, "EPSG:4326"));
    CHECK(has(r.out, "Afghanistan does not recognise it"));
}

TEST_CASE("no arguments and no display: says so and describes the data instead of opening the viewer") {
    // Without DISPLAY for this test only, so that it never opens a window on a developer's desktop.
    const char* display = std::getenv("DISPLAY");
    const std::string saved = display != nullptr ? display : "";
    unsetenv("DISPLAY");
    const Run r = run({});
    if (!saved.empty()) setenv("DISPLAY", saved.c_str(), 1);
    CHECK(r.code == kExitOk);
    CHECK(r.out == run({"info"}).out);
    CHECK(has(r.err, "no display"));
}

TEST_CASE("info --data reads a boundary folder, --crs names the map CRS") {
    const Run r = run({"info", "--data", BORDERMAP_GEODATA_DIR, "--crs", "EPSG:3857"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "geodata/bordermap.gpkg"));
    CHECK(has(r.out, "map CRS: WGS 84 / Pseudo-Mercator"));
}

TEST_CASE("info FILE describes any vector file") {
    const Run r = run({"info", bordermap::test::dataFile("route.kml")});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "route"));
    CHECK(has(r.out, "1 feature "));
    CHECK(has(r.out, "lines"));
}

TEST_CASE("info FILE --layer --crs gives one layer and its extent in the map CRS") {
    const Run r = run({"info", bordermap::test::dataFile("route.kml"), "--layer", "route", "--crs", "regional"});
    CHECK(r.code == kExitOk);
    // Kabul (15.8 km, 169.3 km) to Peshawar (237.9 km, 115.4 km), as cs2cs gives them.
    CHECK(has(r.out, "extent in the map CRS: x 15.8 .. 237.9 km, y 115.4 .. 169.3 km"));
    const Run missing = run({"info", bordermap::test::dataFile("route.kml"), "--layer", "roads"});
    CHECK(missing.code == kExitBadInput);
    CHECK(has(missing.err, "layer 'roads': no such layer with geometry (the file has: route)"));
    CHECK(run({"info", "--layer", "route"}).code == kExitBadInput);
}

TEST_CASE("where names country and province") {
    const Run kabul = run({"where", "69.1723", "34.5281"});
    CHECK(kabul.code == kExitOk);
    CHECK(has(kabul.out, "country:     Afghanistan\n"));
    CHECK(has(kabul.out, "province:    Kabul (Province)\n"));
    CHECK(has(kabul.out, "map x, y:    15,807.2 m, 169,343.8 m"));
    const Run peshawar = run({"where", "71.5785", "34.0151"});
    CHECK(has(peshawar.out, "province:    Khyber Pakhtunkhwa"));
    const Run delhi = run({"where", "77.21", "28.61"});
    CHECK(has(delhi.out, "country:     India"));
    CHECK(has(delhi.out, "province:    none (the data has provinces only for Afghanistan and Pakistan)"));
    const Run sea = run({"where", "65", "20"});
    CHECK(sea.code == kExitOk);
    CHECK(has(sea.out, "outside every province"));
    const Run west = run({"where", "-3.7", "40.4"});
    CHECK(west.code == kExitOk);
    CHECK(has(west.out, "40.4000°N 3.7000°W"));
}

TEST_CASE("info gives the event data's size, range and as_of date") {
    const Run r = run({"info"});
    CHECK(has(r.out, "events: "));
    CHECK(has(r.out, "as of 17 March 2026"));
    CHECK(has(r.out, " 7 crossing"));
}

TEST_CASE("events --date prints the state of the border on that date") {
    const Run r = run({"events", "--date", "2025-03-01"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "The border on 1 March 2025"));
    CHECK(has(r.out, "Torkham"));
    CHECK(has(r.out, "CLOSED since 21 February 2025 (Torkham closed over a border post)"));
    CHECK(has(r.out, "28 February 2025  attack      Suicide bombing at Darul Uloom Haqqania [killed: at least 6; injured: 20]"));
    CHECK(has(r.out, "next:     3 March 2025  Exchange of fire at Torkham"));
    CHECK(has(r.out, "previous: 28 February 2025  Suicide bombing at Darul Uloom Haqqania"));

    const Run october = run({"events", "--date", "2025-10-20", "--window", "5"});
    CHECK(has(october.out, "in the 5 days to 20 October 2025"));
    CHECK(has(october.out, "Ceasefire agreed in Doha"));
    CHECK_FALSE(has(october.out, "First Pakistani strike on Kabul"));  // 9 October, outside the window

    // An event known only to the month is printed as its month, in the list and as the step before or after.
    const Run may = run({"events", "--date", "2017-06-01", "--window", "60"});
    CHECK(has(may.out, "May 2017  attack      Kabul bombing blamed on the Haqqani network"));
    CHECK(has(may.out, "previous: May 2017  Kabul bombing blamed on the Haqqani network"));
    CHECK_FALSE(has(may.out, "1 May 2017"));
    const Run before = run({"events", "--date", "2017-04-01"});
    CHECK(has(before.out, "next:     May 2017  Kabul bombing blamed on the Haqqani network"));
}

TEST_CASE("events --date prints a crossing no source says was open as unknown, never open") {
    const Run r = run({"events", "--date", "2025-11-01"});
    CHECK(r.code == kExitOk);
    // The crossing's line: its name, padded to the longest, then its state.
    const auto line = [&](const std::string& name) {
        const std::size_t from = r.out.find("\n  " + name + " ");
        return from == std::string::npos ? std::string() : r.out.substr(from + 1, r.out.find('\n', from + 1) - from - 1);
    };
    CHECK(has(line("Badini"), "UNKNOWN since July 2021 (Badini: not used for trade since July 2021): no source says whether it was open"));
    CHECK(has(line("Arandu"), "UNKNOWN since 11 October 2025 (Arandu: no report of it open after 11 October 2025)"));
    CHECK_FALSE(line("Badini").ends_with("  open"));  // the state alone after the padding, as an open crossing's
    CHECK_FALSE(line("Arandu").ends_with("  open"));
    CHECK(has(line("Torkham"), "CLOSED since 11 October 2025"));
    // The day the state became unknown is among the window's changes, with what it means.
    const Run october = run({"events", "--date", "2025-10-12", "--window", "3"});
    CHECK(has(october.out, "state_unknown  Arandu: no report of it open after 11 October 2025"));
    CHECK(has(october.out, "no source says whether Arandu was open"));
}

TEST_CASE("events with the user's own files and an ACLED export") {
    const Run r = run({"events", "--date", "2025-03-20", "--events", bordermap::test::dataFile("events_extra.geojson"),
                       "--acled", bordermap::test::dataFile("acled_sample.csv")});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "from 3 file(s)"));
    CHECK(has(r.out, "Test crossing"));
    CHECK(has(r.out, "Air/drone strike in Barmal"));
    // The skipped ACLED rows are warned about, one line each, and the command still succeeds.
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 4);
    CHECK(has(r.err, "bordermap: warning: "));
}

TEST_CASE("validate passes a good file and fails a bad one, a line per problem") {
    const Run good = run({"validate", bordermap::test::dataFile("events_extra.geojson")});
    CHECK(good.code == kExitOk);
    CHECK(has(good.out, "4 events read, 0 problems"));
    const Run bad = run({"validate", bordermap::test::dataFile("events_bad.geojson")});
    CHECK(bad.code == kExitBadInput);
    CHECK(has(bad.out, "2 events read, 12 problems"));
    CHECK(std::count(bad.out.begin(), bad.out.end(), '\n') == 13);
    const Run acled = run({"validate", "--acled", bordermap::test::dataFile("acled_sample.csv")});
    CHECK(acled.code == kExitBadInput);
    CHECK(has(acled.out, "5 events read, 3 problems"));
    // A protest is a type bordermap does not map: one summary line, not a problem; -q leaves it out.
    CHECK(has(acled.out, "1 rows of types bordermap does not map left out (Protests / Peaceful protest: 1)"));
    const Run quiet = run({"validate", "--acled", "-q", bordermap::test::dataFile("acled_sample.csv")});
    CHECK_FALSE(has(quiet.out, "does not map"));
}

TEST_CASE("validate --alone checks the committed catalogue the way a maintainer would") {
    const Run r = run({"validate", "--alone", bordermap::test::geodataFile("events.geojson")});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "events read, 0 problems"));
    // Without --alone it is recognised as a version of the embedded events and checked in their place, not
    // reported as 72 duplicates of itself.
    const Run plain = run({"validate", bordermap::test::geodataFile("events.geojson")});
    CHECK(plain.code == kExitOk);
    CHECK(has(plain.out, "a version of the embedded events"));
    CHECK(has(plain.out, "72 events read, 0 problems"));
}

TEST_CASE("every command has --help") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"info", "--help"}, {"where", "--help"}, {"events", "--help"}, {"validate", "--help"}}) {
        const Run r = run(args);
        CHECK(r.code == kExitOk);
        CHECK(has(r.out, "usage: bordermap"));
    }
    CHECK(has(run({"--version"}).out, "bordermap 0."));
}

TEST_CASE("bad usage and bad input exit 2 with one line on stderr") {
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const Case cases[] = {
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"info", "--bogus"}, "unknown option '--bogus'"},
        {{"info", "--crs"}, "option --crs needs a value"},
        {{"info", "--crs", "EPSG:999999"}, "field 'crs': 'EPSG:999999': unknown CRS"},
        {{"info", "--crs", "EPSG:4326"}, "is geographic"},
        {{"info", "--data", "/nonexistent"}, "bordermap: /nonexistent: no such file"},
        {{"info", bordermap::test::dataFile("bowtie.geojson")}, "feature #2 ('bowtie'): field 'geometry'"},
        {{"where", "69"}, "needs LON LAT"},
        {{"where", "abc", "34"}, "longitude 'abc' is not a number"},
        {{"where", "200", "34"}, "field 'longitude': 200 is outside -180..180"},
        {{"where", "69", "-95"}, "field 'latitude': -95 is outside -90..90"},
        {{"events", "--date", "2025-02-30"}, "--date '2025-02-30' is not a day (YYYY-MM-DD)"},
        {{"events", "--date", "2030-01-01"}, "field 'date': 2030-01-01 is outside the data's range, 1955-01-01 to 2026-03-17"},
        {{"events", "--window", "0"}, "field 'window': '0' is not a whole number from 1 to 36600"},
        {{"events", "--events", "/nonexistent/events.geojson"}, "/nonexistent/events.geojson: no such file"},
        {{"events", "--acled", bordermap::test::dataFile("points.csv")}, "not an ACLED export"},
        {{"validate"}, "validate: name at least one FILE"},
        {{"validate", bordermap::test::dataFile("broken.geojson")}, "not a vector data source"},
    };
    for (const Case& c : cases) {
        const Run r = run(c.args);
        const std::string expected = c.message;
        CAPTURE(expected);
        CAPTURE(r.err);
        CHECK(r.code == kExitBadInput);
        CHECK(oneLine(r.err));
        CHECK(has(r.err, c.message));
        CHECK(has(r.err, "bordermap: "));
    }
}

// The filters, on the embedded events in the 30 days to 20 October 2025: two airstrikes on 9 October and one on
// 17 October, clashes on 8, 11 and 15 October, the Doha ceasefire on 19 October, and five crossings closed on
// 11 October. Crossings and their closures show whatever the filter.
TEST_CASE("events --kinds lists only those kinds, and still the crossings") {
    const std::vector<std::string> base{"events", "--date", "2025-10-20", "--window", "30"};
    const Run all = run(base);
    REQUIRE(all.code == kExitOk);
    CHECK(has(window(all.out), "Fighting at Spin Boldak"));  // the filtered run below must leave it out

    std::vector<std::string> args = base;
    args.insert(args.end(), {"--kinds", "airstrike"});
    const Run r = run(args);
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    CHECK(has(r.out, "\nshown: kind airstrike\n"));
    const std::string listed = window(r.out);
    // The window lists Arandu's state_unknown of 11 October: the kinds' column widens to hold "state_unknown".
    CHECK(has(listed, "17 October 2025  airstrike      Strike on Urgun kills three cricketers"));
    CHECK(has(listed, "First Pakistani strike on Kabul"));
    CHECK(has(listed, "Strike on a market in Marghi, Barmal"));
    for (const char* other : {" clash ", " ceasefire ", " diplomacy ", " attack "}) {
        CAPTURE(other);
        CHECK_FALSE(has(listed, other));
    }
    CHECK(has(listed, "11 October 2025  closure        Torkham closed in the October 2025 conflict"));
    CHECK(has(listed, "11 October 2025  state_unknown  Arandu: no report of it open after 11 October 2025"));
    CHECK(has(r.out, "Torkham                                 CLOSED since 11 October 2025"));
    CHECK(has(r.out, "up to 20 October 2025: 6 airstrike\n"));
}

TEST_CASE("events --min-deaths keeps the events with at least that many killed") {
    const Run r = run({"events", "--date", "2025-10-20", "--window", "30", "--min-deaths", "10"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "\nshown: at least 10 killed\n"));
    const std::string listed = window(r.out);
    CHECK(has(listed, "Fighting at Spin Boldak"));                     // more than 12 civilians
    CHECK(has(listed, "11 soldiers killed in an operation in Orakzai"));  // 11 soldiers and 19 militants
    CHECK_FALSE(has(listed, "First Pakistani strike on Kabul"));        // none reported
    CHECK_FALSE(has(listed, "Ceasefire agreed in Doha"));
    CHECK(has(listed, "Torkham closed in the October 2025 conflict"));
}

TEST_CASE("events --source keeps the events one of whose sources names the outlet") {
    // Of the window's events the Orakzai clash and the Spin Boldak fighting (for ISPR's account) cite Dawn (so
    // does the Torkham closure, which shows anyway).
    const Run r = run({"events", "--date", "2025-10-20", "--window", "30", "--source", "dawn"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "\nshown: source 'dawn'\n"));
    const std::string listed = window(r.out);
    CHECK(has(listed, "8 October 2025   clash          11 soldiers killed in an operation in Orakzai"));  // wide: see --kinds
    CHECK(has(listed, "15 October 2025  clash          Fighting at Spin Boldak"));
    CHECK_FALSE(has(listed, "airstrike"));
    CHECK_FALSE(has(listed, "Ceasefire agreed in Doha"));
}

TEST_CASE("events --text keeps the events that mention the text") {
    // In the 30 days to 10 March 2025: the Akora Khattak bombing (28 February), the deportation order (March)
    // and the exchange of fire at Torkham (3 March); only the last names Torkham.
    const Run all = run({"events", "--date", "2025-03-10", "--window", "30"});
    CHECK(has(window(all.out), "Suicide bombing at Darul Uloom Haqqania"));
    const Run r = run({"events", "--date", "2025-03-10", "--window", "30", "--text", "Torkham"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "\nshown: text 'Torkham'\n"));
    const std::string listed = window(r.out);
    CHECK(has(listed, "3 March 2025      clash       Exchange of fire at Torkham"));
    CHECK_FALSE(has(listed, "Suicide bombing at Darul Uloom Haqqania"));
    CHECK_FALSE(has(listed, "deportation"));
}

TEST_CASE("events --acled FILE --no-embedded shows the ACLED events alone") {
    const std::string file = bordermap::test::dataFile("acled_export.csv");
    const Run r = run({"events", "--acled", file, "--no-embedded", "--date", "2025-03-31", "--window", "30"});
    CHECK(r.code == kExitOk);
    CHECK(has(r.out, "\nshown: your files only\n"));
    CHECK(has(r.out, "crossings:\n  none shown\n"));
    const std::string listed = window(r.out);
    CHECK(has(listed, "19 March 2025  talks       Agreement in Kabul"));
    CHECK(has(listed, "17 March 2025  attack      Attack in Landi Kotal [killed: 1]"));
    CHECK(has(listed, "16 March 2025  clash       Armed clash in Achin [killed: 3]"));
    CHECK(has(listed, "15 March 2025  airstrike   Air/drone strike in Barmal [killed: 4]"));
    CHECK(has(listed, "March 2025     attack      Remote explosive/landmine/IED in Quetta [killed: 12] (date known to the month)"));
    CHECK(std::count(listed.begin(), listed.end(), '\n') == 7);  // around the heading, and after each of five events
    CHECK_FALSE(has(listed, "Exchange of fire at Torkham"));  // embedded, 3 March 2025
    CHECK(has(r.out, "up to 31 March 2025: 1 airstrike, 1 clash, 2 attack, 1 talks\n"));
    CHECK(has(r.out, "at least 20 killed"));
    // The summary line on stderr, and nothing else; -q leaves it out.
    CHECK(r.err == "bordermap: " + file + ": 5 events imported; 4 rows of types bordermap does not map left out "
                   "(Protests / Peaceful protest: 2, Riots / Violent demonstration: 1, Strategic developments / Arrests: 1)\n");
    const Run quiet = run({"events", "--acled", file, "--no-embedded", "-q", "--date", "2025-03-31"});
    CHECK(quiet.code == kExitOk);
    CHECK(quiet.err.empty());
}

TEST_CASE("bad filter values exit 2 with one line naming the option") {
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const Case cases[] = {
        {{"events", "--kinds", "riot"}, "bordermap: field 'kinds': unknown kind 'riot' (one of: crossing, closure, "},
        {{"events", "--kinds", ","}, "field 'kinds': name at least one kind"},
        {{"events", "--min-deaths", "-3"}, "bordermap: field 'min-deaths': '-3' is not a whole number from 0 to "},
        {{"events", "--min-deaths", "ten"}, "field 'min-deaths': 'ten' is not a whole number"},
        {{"events", "--source", "  "}, "field 'source': give some text to look for"},
        {{"render", "--kinds", "riot", "-o", "never-written.png"}, "field 'kinds': unknown kind 'riot'"},
    };
    for (const Case& c : cases) {
        const Run r = run(c.args);
        CAPTURE(c.message);
        CAPTURE(r.err);
        CHECK(r.code == kExitBadInput);
        CHECK(oneLine(r.err));
        CHECK(has(r.err, c.message));
        CHECK(r.out.empty());
    }
    CHECK_FALSE(fs::exists("never-written.png"));
}

TEST_CASE("render --kinds draws the filtered map") {
    const fs::path dir = scratch("render_kinds");
    const fs::path all = dir / "all.png";
    const fs::path clashes = dir / "clashes.png";
    const Run plain = run({"render", "--date", "2025-10-20", "--size", "400x300", "-o", all.string()});
    REQUIRE(plain.code == kExitOk);
    const Run r = run({"render", "--date", "2025-10-20", "--size", "400x300", "--kinds", "clash", "-o", clashes.string()});
    CHECK(r.code == kExitOk);
    CHECK(r.out == "bordermap: wrote " + clashes.string() + "\n");
    CHECK(r.err.empty());
    REQUIRE(fs::exists(clashes));
    const std::string png = slurp(clashes);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(png != slurp(all));  // the strikes, attacks and talks are gone, and the filter is named on the map
}

TEST_CASE("render --layers takes rivers, and names them among the layers it knows") {
    const fs::path dir = scratch("render_rivers");
    const fs::path with = dir / "with.png";
    const fs::path without = dir / "without.png";
    const Run r = run({"render", "--date", "2025-10-20", "--size", "400x300", "--layers", "provinces,rivers", "-o", with.string()});
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    const Run plain = run({"render", "--date", "2025-10-20", "--size", "400x300", "--layers", "provinces", "-o", without.string()});
    REQUIRE(plain.code == kExitOk);
    REQUIRE(fs::exists(with));
    CHECK(slurp(with) != slurp(without));
    const Run bad = run({"render", "--layers", "roads", "-o", (dir / "never.png").string()});
    CHECK(bad.code == kExitBadInput);
    CHECK(has(bad.err, "unknown layer 'roads' (provinces, neighbours, graticule, rivers, disputed, crossings, events, labels)"));
    CHECK_FALSE(fs::exists(dir / "never.png"));
    const Run help = run({"render", "--help"});
    CHECK(has(help.out, "graticule,rivers,disputed"));
}

TEST_CASE("render --labels bilingual adds the local names, and anything but english or bilingual is refused") {
    const fs::path dir = scratch("render_labels");
    const fs::path english = dir / "english.png";
    const fs::path bilingual = dir / "bilingual.png";
    const Run plain = run({"render", "--date", "2025-10-20", "--size", "800x500", "-o", english.string()});
    REQUIRE(plain.code == kExitOk);
    const Run r = run({"render", "--date", "2025-10-20", "--size", "800x500", "--labels", "bilingual", "-o", bilingual.string()});
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    REQUIRE(fs::exists(bilingual));
    CHECK(slurp(english) != slurp(bilingual));
    const Run same = run({"render", "--date", "2025-10-20", "--size", "800x500", "--labels", "english", "-o", (dir / "again.png").string()});
    REQUIRE(same.code == kExitOk);
    CHECK(slurp(english) == slurp(dir / "again.png"));
    const Run bad = run({"render", "--labels", "pashto", "-o", (dir / "never.png").string()});
    CHECK(bad.code == kExitBadInput);
    CHECK(oneLine(bad.err));
    CHECK(has(bad.err, "--labels is english or bilingual, not 'pashto'"));
    CHECK_FALSE(fs::exists(dir / "never.png"));
    CHECK(has(run({"render", "--help"}).out, "--labels L"));
}
