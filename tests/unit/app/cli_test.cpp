#include "../test_paths.hpp"

#include <bordermap/app/cli.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using namespace bordermap::app;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

Run run(std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    Run result;
    result.code = runCli(args, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

bool oneLine(const std::string& text) {
    return !text.empty() && text.back() == '\n' && std::count(text.begin(), text.end(), '\n') == 1;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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

TEST_CASE("no arguments describes the data too, until the viewer exists") {
    CHECK(run({}).out == run({"info"}).out);
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

TEST_CASE("every command has --help") {
    for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"info", "--help"}, {"where", "--help"}}) {
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
        {{"info", bordermap::test::dataFile("bowtie.geojson")}, "feature 1 ('bowtie'): field 'geometry'"},
        {{"where", "69"}, "needs LON LAT"},
        {{"where", "abc", "34"}, "longitude 'abc' is not a number"},
        {{"where", "200", "34"}, "field 'longitude': 200 is outside -180..180"},
        {{"where", "69", "-95"}, "field 'latitude': -95 is outside -90..90"},
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
