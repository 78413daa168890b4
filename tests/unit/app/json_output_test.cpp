// --json and -q: each document parses, holds the same facts as the listing printed for people on the same inputs
// (the same crossings and states, events, counts, province), and -q is silent on success but not on failure.

#include "../test_paths.hpp"
#include "run_cli.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/date.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace bordermap::app;
using bordermap::test::dataFile;
using bordermap::test::has;
using bordermap::test::run;
using bordermap::test::Run;

namespace {

// The document a command printed: one line, parsed, with the schema version and the command's name.
rapidjson::Document parsed(const Run& r, const char* command) {
    rapidjson::Document doc;
    doc.Parse(r.out.c_str(), r.out.size());
    const std::string start = r.out.substr(0, 300);  // INFO keeps a reference: a named string, not a temporary
    INFO(start);
    const std::string error = doc.HasParseError() ? std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at " +
                                                        std::to_string(doc.GetErrorOffset())
                                                  : std::string();
    INFO(error);
    REQUIRE(!doc.HasParseError());
    REQUIRE(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    REQUIRE(doc.IsObject());
    CHECK(doc["bordermap_json"].GetInt() == 1);
    CHECK(std::string(doc["command"].GetString()) == command);
    return doc;
}

std::string str(const rapidjson::Value& v) { return v.IsNull() ? std::string() : std::string(v.GetString(), v.GetStringLength()); }

// "21 February 2025", "February 2025", "2021": an ISO date of the document as the listing writes it.
std::string display(const rapidjson::Value& iso) {
    const auto date = bordermap::timeline::parseDate(str(iso));
    REQUIRE_MESSAGE(date.has_value(), str(iso));
    return date->display();
}

// The listing's line that starts (after its indent) with `start`; empty when there is none.
std::string lineStarting(const std::string& text, const std::string& start) {
    const std::size_t from = text.find("\n  " + start);
    return from == std::string::npos ? std::string() : text.substr(from + 1, text.find('\n', from + 1) - from - 1);
}

// Between two headings of the listing.
std::string section(const std::string& text, const std::string& from, const std::string& to) {
    const std::size_t a = text.find(from);
    const std::size_t b = text.find(to, a == std::string::npos ? 0 : a);
    return a == std::string::npos || b == std::string::npos ? std::string() : text.substr(a, b - a);
}

// The number the listing prints after `label` ("-8,336,828.3"), its thousands separators dropped; NaN for none.
double numberAfter(const std::string& text, const std::string& label) {
    const std::size_t at = text.find(label);
    if (at == std::string::npos) return std::nan("");
    std::string digits;
    for (std::size_t i = at + label.size(); i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',' ||
                                                                text[i] == '.' || text[i] == '-');
         ++i)
        if (text[i] != ',') digits += text[i];
    return digits.empty() ? std::nan("") : std::stod(digits);
}

// What the listing says of a crossing in `status`, from the document's facts.
std::string expectedCrossingText(const rapidjson::Value& c) {
    const std::string status = str(c["status"]);
    const rapidjson::Value& period = c["period"];
    if (status == "open") return "  open";
    if (status == "closed") return "CLOSED since " + display(period["start"]) + " (" + str(period["name"]) + ")";
    if (status == "possibly_closed") return "possibly closed: " + str(period["name"]) + ", from " + display(period["start"]);
    if (status == "not_yet_open") return "not yet open (opened " + display(c["opened"]) + ")";
    if (status == "state_unknown") return "UNKNOWN since " + display(period["start"]) + " (" + str(period["name"]) + ")";
    FAIL("unknown status " << status);
    return {};
}

// The listing and the document of `events` on the same arguments hold the same facts.
void checkEventsMatch(const std::vector<std::string>& args) {
    const Run human = run(args);
    std::vector<std::string> jsonArgs = args;
    jsonArgs.push_back("--json");
    const Run json = run(jsonArgs);
    REQUIRE(human.code == kExitOk);
    REQUIRE(json.code == kExitOk);
    const rapidjson::Document doc = parsed(json, "events");
    const std::string& out = human.out;

    CHECK(has(out, "The border on " + display(doc["date"]) + "\n"));
    CHECK(has(out, "data: " + std::to_string(doc["data"]["events"].GetUint64()) + " events from " +
                       std::to_string(doc["data"]["files"].Size()) + " file(s), " + display(doc["data"]["first_date"]) + " to " +
                       display(doc["data"]["last_date"])));
    CHECK(doc["data"]["left_out"].IsArray());

    // Every crossing, in the listing's order, in the state the listing gives it.
    const std::string crossings = section(out, "\ncrossings:\n", "\nin the ");
    std::size_t previousAt = 0;
    REQUIRE(doc["crossings"].Size() > 0);
    CHECK(static_cast<std::size_t>(std::count(crossings.begin(), crossings.end(), '\n')) == doc["crossings"].Size() + 2);
    for (const auto& c : doc["crossings"].GetArray()) {
        const std::string line = lineStarting(crossings, str(c["name"]) + " ");
        INFO(line);
        CHECK(has(line, expectedCrossingText(c)));
        if (str(c["status"]) == "open") CHECK(line.ends_with("  open"));
        const std::size_t at = crossings.find(line);
        CHECK(at > previousAt);
        previousAt = at;
    }

    // The window's events, newest first as listed: each on its line with its date and kind.
    const std::string window = section(out, "\nin the " + std::to_string(doc["window_days"].GetInt()) + " day", "\nup to ");
    REQUIRE(!window.empty());
    std::size_t listedAt = 0;
    for (const auto& e : doc["recent"].GetArray()) {
        const std::string name = str(e["name"]);
        INFO(name);
        const std::size_t at = window.find(name, listedAt);
        REQUIRE(at != std::string::npos);
        const std::size_t lineStart = window.rfind('\n', at);
        const std::string line = window.substr(lineStart + 1, window.find('\n', at) - lineStart - 1);
        CHECK(line.starts_with("  " + display(e["start"]) + " "));
        CHECK(has(line, " " + str(e["kind"]) + " "));
        if (!e["fatalities"].IsNull()) CHECK(has(line, "killed: " + str(e["fatalities"])));
        listedAt = at;
    }
    if (doc["recent"].Empty()) CHECK(has(window, "nothing recorded"));

    // The totals, kind by kind, and the deaths and injuries summed.
    const rapidjson::Value& totals = doc["totals"];
    const std::size_t upAt = out.find("\nup to ");
    REQUIRE(upAt != std::string::npos);
    const std::string upTo = out.substr(upAt, out.find('\n', upAt + 1) - upAt);
    for (const auto& kind : totals["events"].GetObject())
        CHECK(has(upTo, " " + std::to_string(kind.value.GetInt()) + " " + kind.name.GetString()));
    CHECK(static_cast<std::size_t>(std::count(upTo.begin(), upTo.end(), ',')) + 1 == std::max<std::size_t>(1, totals["events"].MemberCount()));
    CHECK(has(out, "at least " + bordermap::formatNumber(static_cast<double>(totals["fatalities_min"].GetInt64()), 0) + " killed and " +
                       bordermap::formatNumber(static_cast<double>(totals["injured_min"].GetInt64()), 0) + " injured"));
    CHECK(has(out, std::to_string(totals["uncertain"].GetInt()) + " more event(s)") == (totals["uncertain"].GetInt() > 0));

    // The steps before and after, as precisely as their dates are known.
    for (const auto& [key, label] : {std::pair{"previous", "previous: "}, std::pair{"next", "next:     "}}) {
        const rapidjson::Value& m = doc[key];
        if (m.IsNull()) {
            CHECK_FALSE(has(out, label));
            continue;
        }
        CHECK(has(out, std::string(label) + display(m["date"]) + "  " + (m["reopening"].GetBool() ? "reopening after: " : "") + str(m["name"]) + "\n"));
    }
}

}  // namespace

TEST_CASE("events --json: the same crossings, states, events, totals and steps as the listing") {
    checkEventsMatch({"events", "--date", "2025-03-01"});
    checkEventsMatch({"events", "--date", "2025-11-01"});  // state_unknown crossings
    checkEventsMatch({"events", "--date", "2017-06-01", "--window", "60"});  // an event known to the month
    checkEventsMatch({"events", "--date", "2025-03-20", "--events", dataFile("events_extra.geojson")});
    checkEventsMatch({"events", "--date", "2025-10-20", "--window", "30", "--min-deaths", "10"});

    const Run r = run({"events", "--date", "2025-03-01", "--json"});
    const rapidjson::Document doc = parsed(r, "events");
    CHECK(str(doc["date"]) == "2025-03-01");
    CHECK(doc["filter"].IsNull());
    // Torkham closed since 21 February 2025, with its closure as an event, dates in ISO with their precision.
    bool torkham = false;
    for (const auto& c : doc["crossings"].GetArray()) {
        if (str(c["name"]) != "Torkham") continue;
        torkham = true;
        CHECK(str(c["status"]) == "closed");
        CHECK(str(c["period"]["kind"]) == "closure");
        CHECK(str(c["period"]["start"]) == "2025-02-21");
        CHECK(str(c["period"]["start_precision"]) == "day");
        CHECK(c["places"][0]["lon"].GetDouble() == doctest::Approx(71.08).epsilon(0.001));
    }
    CHECK(torkham);
    // Figures are numbers where they can be summed, the reports' text beside them.
    bool haqqania = false;
    for (const auto& e : doc["recent"].GetArray()) {
        if (!has(str(e["name"]), "Darul Uloom Haqqania")) continue;
        haqqania = true;
        CHECK(e["fatalities_min"].GetInt() == 6);
        CHECK(str(e["fatalities"]) == "at least 6");
        CHECK(e["places"][0]["lon"].IsNumber());
        CHECK(e["sources"].IsArray());
    }
    CHECK(haqqania);

    const Run may = run({"events", "--date", "2017-06-01", "--window", "60", "--json"});
    const rapidjson::Document vague = parsed(may, "events");
    CHECK(str(vague["previous"]["date"]) == "2017-05");
    CHECK(str(vague["previous"]["date_precision"]) == "month");

    const Run filtered = run({"events", "--date", "2025-10-20", "--min-deaths", "10", "--kinds", "airstrike,clash", "--json"});
    const rapidjson::Document f = parsed(filtered, "events");
    CHECK(f["filter"]["min_deaths"].GetInt() == 10);
    CHECK(f["filter"]["kinds"].Size() == 2);
    CHECK(f["filter"]["source"].IsNull());
}

TEST_CASE("events --json lists the events left out of a user's file, and -q leaves out their warnings") {
    const Run human = run({"events", "--date", "2025-03-20", "--events", dataFile("events_bad.geojson")});
    const Run json = run({"events", "--date", "2025-03-20", "--events", dataFile("events_bad.geojson"), "--json"});
    REQUIRE(human.code == kExitOk);
    const rapidjson::Document doc = parsed(json, "events");
    const rapidjson::Value& leftOut = doc["data"]["left_out"];
    REQUIRE(leftOut.Size() > 0);
    CHECK(static_cast<std::size_t>(std::count(human.err.begin(), human.err.end(), '\n')) == leftOut.Size());
    for (const auto& p : leftOut.GetArray()) {
        CHECK(has(human.err, str(p["message"])));
        CHECK(str(p["file"]) == dataFile("events_bad.geojson"));
    }
    CHECK(json.err == human.err);  // the warnings still go to stderr, stdout holding the document alone

    const Run quiet = run({"events", "--date", "2025-03-20", "--events", dataFile("events_bad.geojson"), "-q"});
    CHECK(quiet.code == kExitOk);
    CHECK(quiet.out.empty());
    CHECK(quiet.err.empty());
}

TEST_CASE("where --json: the same country, province and distance as the listing") {
    for (const auto& [lon, lat] : {std::pair<std::string, std::string>{"69.1723", "34.5281"}, {"71.5249", "34.0151"}, {"0", "0"},
                                   {"77.2", "28.6"}}) {
        const Run human = run({"where", lon, lat});
        const Run json = run({"where", lon, lat, "--json"});
        REQUIRE(human.code == kExitOk);
        REQUIRE(json.code == kExitOk);
        const rapidjson::Document doc = parsed(json, "where");
        const std::string point = lon + " " + lat;
        INFO(point);
        CHECK(doc["point"]["lon"].GetDouble() == std::stod(lon));
        CHECK(doc["point"]["lat"].GetDouble() == std::stod(lat));
        if (doc["country"].IsNull())
            CHECK(has(human.out, "country:     none"));
        else
            CHECK(has(human.out, "country:     " + str(doc["country"]) + "\n"));
        if (doc["province"].IsNull())
            CHECK(has(human.out, "province:    none"));
        else
            CHECK(has(human.out, "province:    " + str(doc["province"]) +
                                     (doc["province_type"].IsNull() ? "" : " (" + str(doc["province_type"]) + ")") + "\n"));
        // The listing rounds to 0.1 km and 0.1 m, the document to the centimetre: the same within the listing's rounding.
        CHECK(std::fabs(numberAfter(human.out, "Durand Line: ") * 1000.0 - doc["durand_line_distance_m"].GetDouble()) <= 50.01);
        CHECK(std::fabs(numberAfter(human.out, "map x, y:    ") - doc["map"]["x_m"].GetDouble()) <= 0.051);
        CHECK(std::fabs(numberAfter(human.out, " m, ") - doc["map"]["y_m"].GetDouble()) <= 0.051);
        CHECK(has(human.out, " m in " + str(doc["map"]["crs"]) + "\n"));
    }
    const rapidjson::Document kabul = parsed(run({"where", "69.1723", "34.5281", "--json"}), "where");
    CHECK(str(kabul["country"]) == "Afghanistan");
    CHECK(str(kabul["province"]) == "Kabul");
    const rapidjson::Document sea = parsed(run({"where", "0", "0", "--json"}), "where");
    CHECK(sea["country"].IsNull());
    CHECK(sea["province"].IsNull());
    CHECK(sea["province_type"].IsNull());
}

TEST_CASE("info --json: the same layers, counts, CRS and Durand Line as the listing") {
    const Run human = run({"info"});
    const Run json = run({"info", "--json"});
    REQUIRE(json.code == kExitOk);
    const rapidjson::Document doc = parsed(json, "info");
    CHECK(has(human.out, "boundary data: " + str(doc["boundary_data"]) + "\n"));
    CHECK(has(human.out, "map CRS: " + str(doc["map_crs"]["name"]) + " (--crs " + str(doc["map_crs"]["crs_option"]) + ")"));
    REQUIRE(doc["layers"].Size() >= 4);
    for (const auto& layer : doc["layers"].GetArray()) {
        const std::string line = lineStarting(human.out, str(layer["name"]) + " ");
        INFO(line);
        CHECK(has(line, " " + std::to_string(layer["features"].GetUint64()) + " feature"));
        CHECK(has(line, bordermap::formatNumber(static_cast<double>(layer["vertices"].GetUint64()), 0) + " vertices"));
        CHECK(has(line, str(layer["geometry"][0])));
    }
    for (const auto& p : doc["provinces"].GetArray())
        CHECK(has(human.out, str(p["country"]) + " " + std::to_string(p["count"].GetUint64())));
    CHECK(has(human.out, "provinces: Afghanistan 34, Pakistan 7"));
    const rapidjson::Value& durand = doc["durand_line"];
    CHECK(has(human.out, "Durand Line: " + bordermap::formatNumber(durand["length_m"].GetDouble() / 1000.0, 1) + " km geodesic on WGS84, " +
                             std::to_string(durand["vertices"].GetUint64()) + " vertices"));
    CHECK(has(human.out, "  status: " + str(durand["status"]) + "\n"));
    CHECK(has(human.out, "events: " + std::to_string(doc["events"]["count"].GetUint64()) + " from " + str(doc["events"]["file"]) +
                             ", as of " + display(doc["events"]["as_of"])));
    for (const auto& kind : doc["events"]["kinds"].GetObject())
        CHECK(has(human.out, " " + std::to_string(kind.value.GetUint64()) + " " + kind.name.GetString()));

    // info FILE: each file's layers, and each layer's extent in the map CRS when one is named.
    const std::string file = dataFile("points.geojson");
    const Run humanFile = run({"info", file, "--crs", "webmercator"});
    const Run jsonFile = run({"info", file, "--crs", "webmercator", "--json"});
    REQUIRE(jsonFile.code == kExitOk);
    const rapidjson::Document files = parsed(jsonFile, "info");
    REQUIRE(files["files"].Size() == 1);
    const rapidjson::Value& f = files["files"][0];
    CHECK(has(humanFile.out, file + " (" + str(f["driver"]) + ")"));
    for (const auto& layer : f["layers"].GetArray()) {
        CHECK(has(humanFile.out, std::to_string(layer["features"].GetUint64()) + " feature"));
        CHECK(has(humanFile.out, "extent in the map CRS: x " + bordermap::formatNumber(layer["extent"]["x_min_m"].GetDouble() / 1000.0, 1)));
    }
    const rapidjson::Document plain = parsed(run({"info", file, "--json"}), "info");
    CHECK(plain["map_crs"].IsNull());
    CHECK(plain["files"][0]["layers"][0]["extent"].IsNull());
    // A file that fails part-way (the listing has printed its first line): with --json, stdout stays empty.
    const Run empty = run({"info", dataFile("empty.geojson"), "--crs", "webmercator", "--json"});
    CHECK(empty.code == kExitBadInput);
    CHECK(empty.out.empty());
    CHECK(has(empty.err, "the layer has no features"));
}

TEST_CASE("validate --json: the same events read and problems as the listing, and the same exit status") {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"validate", dataFile("events_bad.geojson")},
                                                 std::vector<std::string>{"validate", dataFile("events_extra.geojson")},
                                                 std::vector<std::string>{"validate", "--acled", dataFile("acled_sample.csv")}}) {
        const Run human = run(args);
        std::vector<std::string> jsonArgs = args;
        jsonArgs.push_back("--json");
        const Run json = run(jsonArgs);
        const std::string& file = args.back();
        INFO(file);
        CHECK(json.code == human.code);
        const rapidjson::Document doc = parsed(json, "validate");
        std::size_t problems = 0;
        for (const auto& f : doc["files"].GetArray()) {
            CHECK(has(human.out, str(f["path"]) + ": " + std::to_string(f["events_read"].GetUint64()) + " events read"));
            CHECK(has(human.out, std::to_string(f["problems"].Size()) + " problem"));
            for (const auto& p : f["problems"].GetArray()) {
                const bordermap::timeline::Problem problem{str(p["file"]), str(p["feature"]), str(p["field"]), str(p["message"])};
                CHECK(has(human.out, problem.line() + "\n"));
            }
            if (!f["acled_summary"].IsNull()) {
                CHECK(has(human.out, str(f["acled_summary"])));
                CHECK(has(human.out, ": " + std::to_string(f["acled"]["imported"].GetUint64()) + " event"));
                CHECK(has(human.out, "; " + std::to_string(f["acled"]["unmapped_rows"].GetUint64()) + " rows of types") ==
                      (f["acled"]["unmapped_rows"].GetUint64() > 0));
                for (const auto& u : f["acled"]["unmapped"].GetArray())
                    CHECK(has(human.out, str(u["type"]) + ": " + std::to_string(u["rows"].GetUint64())));
            } else {
                CHECK(f["acled"].IsNull());
            }
            problems += f["problems"].Size();
        }
        CHECK(doc["problem_count"].GetUint64() == problems);
        CHECK(doc["valid"].GetBool() == (human.code == kExitOk));
    }
    const rapidjson::Document bad = parsed(run({"validate", dataFile("events_bad.geojson"), "--json"}), "validate");
    CHECK(bad["problem_count"].GetUint64() == 12);
    CHECK(bad["files"][0]["events_read"].GetUint64() == 2);

    // -q: the problems alone, one a line; nothing for a good file.
    const Run quietBad = run({"validate", dataFile("events_bad.geojson"), "-q"});
    CHECK(quietBad.code == kExitBadInput);
    CHECK(std::count(quietBad.out.begin(), quietBad.out.end(), '\n') == 12);
    CHECK_FALSE(has(quietBad.out, "events read"));
    const Run quietGood = run({"validate", dataFile("events_extra.geojson"), "-q"});
    CHECK(quietGood.code == kExitOk);
    CHECK(quietGood.out.empty());
    CHECK(quietGood.err.empty());
}

TEST_CASE("-q prints nothing on success, on every command, and still the error line on failure") {
    const std::filesystem::path dir = bordermap::test::freshFolder("json_output", "quiet");
    const std::string written = (dir / "events.geojson").string();
    const std::string png = (dir / "map.png").string();
    // A one-scene briefing, for brief's handout: the quickest of its outputs (about half a second).
    const std::string briefing = (dir / "briefing.json").string();
    std::ofstream(briefing) << R"({"bordermap_briefing": 1, "title": "One scene", "scenes": [{"title": "Torkham", "date": "2025-03-01",
        "mode": "window", "window_days": 30, "view": {"centre": [71.1, 34.1], "zoom": 7}, "caption": "Torkham closed.", "hold_s": 2}]})";
    const std::string handout = (dir / "handout.pdf").string();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"info", "-q"}, {"info", dataFile("points.geojson"), "--crs", "webmercator", "--quiet"},
          {"where", "69.1723", "34.5281", "-q"}, {"events", "--date", "2025-03-01", "-q"},
          {"events", "--date", "2025-03-01", "-o", written, "-q"}, {"validate", dataFile("events_extra.geojson"), "-q"},
          {"render", "--date", "2025-03-01", "--size", "320x240", "-o", png, "-q"}, {"brief", briefing, "-o", handout, "-q"}}) {
        const Run r = run(args);
        const std::string command = args[0] + " " + args[1];
        INFO(command);
        CHECK(r.code == kExitOk);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
    }
    CHECK(std::filesystem::file_size(written) > 0);
    CHECK(std::filesystem::file_size(png) > 0);
    CHECK(std::filesystem::file_size(handout) > 0);

    // -o with --json: what was written, as the line says it; -q does not silence the document asked for.
    const Run human = run({"events", "--date", "2025-03-01", "-o", (dir / "human.geojson").string()});
    const Run json = run({"events", "--date", "2025-03-01", "-o", (dir / "json.geojson").string(), "--json", "-q"});
    REQUIRE(json.code == kExitOk);
    CHECK(json.err.empty());
    const rapidjson::Document doc = parsed(json, "events");
    CHECK(str(doc["output"]) == (dir / "json.geojson").string());
    CHECK(str(doc["date"]) == "2025-03-01");
    CHECK(doc["window_days"].GetInt() == 30);
    CHECK(doc["written"].GetUint64() > 0);
    CHECK(has(human.out, "wrote " + std::to_string(doc["written"].GetUint64()) + " events to "));
    CHECK(doc["left_out_unplaced"].GetUint64() == 0);

    // Failures: one line on stderr, the exit status unchanged, and with --json nothing on stdout.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"where", "200", "0", "-q"}, {"where", "200", "0", "--json"},
          {"events", "--date", "2030-01-01", "-q"}, {"events", "--date", "2030-01-01", "--json"},
          {"info", "/nonexistent/x.gpkg", "-q", "--json"}, {"validate", "/nonexistent/e.geojson", "--json"},
          {"render", "--date", "2025-03-01", "-o", (dir / "map.txt").string(), "-q"}, {"brief", "/nonexistent/b.json", "-o", (dir / "b.pdf").string(), "-q"}}) {
        const Run r = run(args);
        const std::string command = args[0] + " " + args[1];
        INFO(command);
        CHECK(r.code == kExitBadInput);
        CHECK(r.out.empty());
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.err.starts_with("bordermap: "));
    }
}

TEST_CASE("--json and -q are named in each command's --help") {
    for (const char* command : {"info", "where", "events", "validate"}) CHECK(has(run({command, "--help"}).out, "--json"));
    for (const char* command : {"info", "where", "events", "validate", "render", "brief", "db"})
        CHECK(has(run({command, "--help"}).out, "-q, --quiet"));
}
