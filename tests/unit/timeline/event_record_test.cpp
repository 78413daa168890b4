// The events file's schema on the way out (writeEvents, every format) and back in (addEventFile): the same
// catalogue after a round trip, nulls never written as "", days that agree with the dates, DATE columns read at their
// stated precision, and a Shapefile's laundered field names.
#include "../test_paths.hpp"
#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/vector_writer.hpp>
#include <bordermap/timeline/event_record.hpp>
#include <bordermap/timeline/state.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

namespace {

std::vector<const Event*> everyEvent(const Catalogue& c) {
    std::vector<const Event*> out;
    for (const Event& e : c.events) out.push_back(&e);
    return out;
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Everything an event says, as one text, to compare two catalogues' events.
std::string described(const Catalogue& c, const Event& e) {
    std::ostringstream out;
    out << e.id << '|' << eventKindName(e.kind) << '|' << e.name << '|' << e.crossing << '|'
        << (e.start ? e.start->iso() : "-") << '|' << (e.end ? e.end->iso() : "-") << '|' << geoPrecisionName(e.geoPrecision)
        << '|' << e.fatalities << '|' << e.injured << '|' << e.fatalitiesLow.value_or(-1) << '|' << e.injuredLow.value_or(-1)
        << '|' << c.summaryOf(e) << '|' << c.noteOf(e) << '|' << e.country << '|' << e.admin1 << '|';
    for (const std::string& s : c.sourcesOf(e)) out << s << ';';
    for (const LonLat& p : e.places) out << '(' << p.lon_deg << ' ' << p.lat_deg << ')';
    return out.str();
}

// A one-feature GeoJSON events file with the given extra properties (JSON text, each "name": value).
std::string writeOneEvent(const std::filesystem::path& dir, const std::string& name, const std::string& properties) {
    const std::string path = (dir / name).string();
    std::ofstream(path) << R"({"type": "FeatureCollection", "as_of": "2026-03-17", "features": [{"type": "Feature", "properties": {)"
                        << R"("id": "x", "name": "X", "geo_precision": "exact", "sources": "A report, A publisher", )" << properties
                        << R"(}, "geometry": {"type": "MultiPoint", "coordinates": [[69.2, 34.5]]}}]})";
    return path;
}

std::vector<Problem> readInto(Catalogue& c, const std::string& path) { return addEventFile(c, path, test::context()); }

}  // namespace

TEST_CASE("the schema's fields, in order, with DATE days and integer minimums") {
    std::vector<std::string> names;
    for (const SchemaField& f : eventSchema()) names.emplace_back(f.name);
    CHECK(names == std::vector<std::string>{"id", "kind", "name", "crossing", "start", "end", "time_precision", "end_precision",
                                            "start_date", "end_date", "geo_precision", "fatalities", "injured",
                                            "fatalities_min", "injured_min", "summary", "sources", "note", "country", "admin1"});
    CHECK(eventSchema()[8].type == SchemaType::Date);
    CHECK(eventSchema()[9].type == SchemaType::Date);
    CHECK(eventSchema()[13].type == SchemaType::Integer);
}

TEST_CASE("the days an event covers: from its start's first day to its end's last, or its start's last") {
    const Catalogue& c = test::embeddedCatalogue();
    const Event* talks = c.find("talks-2025-10-25-istanbul");
    REQUIRE(talks != nullptr);
    CHECK(isoDay(*firstDayCovered(*talks)) == "2025-10-25");
    CHECK(isoDay(*lastDayCovered(*talks)) == "2025-10-30");
    const Event* yearClosure = c.find("closure-2022-torkham");
    REQUIRE(yearClosure != nullptr);
    CHECK(isoDay(*firstDayCovered(*yearClosure)) == "2022-01-01");
    CHECK(isoDay(*lastDayCovered(*yearClosure)) == "2022-12-31");
    const Event* torkham = c.find("torkham");
    REQUIRE(torkham != nullptr);
    CHECK_FALSE(firstDayCovered(*torkham));
    CHECK_FALSE(lastDayCovered(*torkham));
    // A closure still in force has no last day; an event of one day, its day; one known to the month, its month.
    for (const Event& e : c.events) {
        CAPTURE(e.id);
        if (e.kind == EventKind::Closure && !e.end) CHECK_FALSE(lastDayCovered(e));
        if (!isCrossingState(e.kind) && e.start && !e.end) CHECK(*lastDayCovered(e) == e.start->last());
    }
}

TEST_CASE("an event with an end is listed on every day from its start to its end") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto listed = [&](const char* date) {
        const BorderState state = stateOn(c, day(date), 1);
        return std::any_of(state.recent.begin(), state.recent.end(),
                           [](const Event* e) { return e->id.view() == "talks-2025-10-25-istanbul"; });
    };
    CHECK_FALSE(listed("2025-10-24"));
    CHECK(listed("2025-10-25"));
    CHECK(listed("2025-10-27"));
    CHECK(listed("2025-10-30"));
    CHECK_FALSE(listed("2025-10-31"));
}

TEST_CASE("every format gives the same catalogue back") {
    const Catalogue& original = test::embeddedCatalogue();
    const auto dir = test::freshFolder("event_record", "round_trip");
    for (const char* name : {"events.gpkg", "events.geojson", "events.csv", "events.kml", "events.fgb"}) {
        CAPTURE(name);
        const std::string path = (dir / name).string();
        const WrittenEvents written = writeEvents(original, everyEvent(original), path);
        const bool flatGeobuf = std::string(name).ends_with(".fgb");
        std::size_t unplaced = 0;
        for (const Event& e : original.events) unplaced += e.places.size() == 0 ? 1u : 0u;
        CHECK(unplaced > 0);
        CHECK(written.written == original.events.size() - (flatGeobuf ? unplaced : 0));
        CHECK(written.leftOutUnplaced == (flatGeobuf ? unplaced : 0));

        Catalogue back;
        const std::vector<Problem> problems = readInto(back, path);
        for (const Problem& p : problems) FAIL_CHECK(p.line());
        REQUIRE(back.events.size() == written.written);
        for (const Event& e : original.events) {
            CAPTURE(e.id);
            const Event* again = back.find(e.id);
            if (flatGeobuf && e.places.size() == 0) {
                CHECK(again == nullptr);
                continue;
            }
            REQUIRE(again != nullptr);
            CHECK(described(back, *again) == described(original, e));
        }
        // as_of travels where the format has a place for it.
        const bool keepsAsOf = std::string(name).ends_with(".gpkg") || std::string(name).ends_with(".geojson");
        CHECK(back.asOf.has_value() == keepsAsOf);
        if (keepsAsOf) CHECK(back.asOf->iso() == original.asOf->iso());
    }
}

TEST_CASE("no end is null, never the empty text, and the days are dates") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto dir = test::freshFolder("event_record", "nulls");
    const std::string path = (dir / "events.geojson").string();
    writeEvents(c, everyEvent(c), path);
    const std::string text = readText(path);
    CHECK(text.find("\"end\": \"\"") == std::string::npos);
    CHECK(text.find("\"end\": null") != std::string::npos);
    CHECK(text.find("\"crossing\": \"\"") == std::string::npos);
    CHECK(text.find("\"start_date\": \"2025-10-25\"") != std::string::npos);
    CHECK(text.find("\"end_date\": \"2025-10-30\"") != std::string::npos);
    CHECK(text.find("\"type\": \"Point\"") == std::string::npos);  // one geometry type: MultiPoint
    const auto recordOfTalks = recordOf(c, *c.find("talks-2025-10-25-istanbul"));
    CHECK(recordOfTalks[7] == std::optional<std::string>("day"));
    const auto recordOfTorkham = recordOf(c, *c.find("torkham"));
    for (std::size_t i : {3u, 4u, 5u, 6u, 7u, 8u, 9u}) CHECK_FALSE(recordOfTorkham[i]);
}

TEST_CASE("a DATE column's whole day is read at the precision the file states") {
    const auto dir = test::freshFolder("event_record", "stated_precision");
    SUBCASE("a month's first day with time_precision month is that month") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "month.geojson", R"("kind": "clash", "start": "2025-10-01", "time_precision": "month")"));
        CHECK(problems.empty());
        REQUIRE(c.events.size() == 1);
        CHECK(c.events[0].start->iso() == "2025-10");
    }
    SUBCASE("an end's last day with end_precision month is that month") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "end.geojson",
                                                        R"("kind": "talks", "start": "2025-09-03", "end": "2025-10-31", "end_precision": "month")"));
        CHECK(problems.empty());
        REQUIRE(c.events.size() == 1);
        CHECK(c.events[0].end->iso() == "2025-10");
    }
    SUBCASE("a day inside the month is not") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "inside.geojson", R"("kind": "clash", "start": "2025-10-05", "time_precision": "month")"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "time_precision");
        CHECK(problems[0].message.find("only as its first day") != std::string::npos);
        CHECK(c.events.empty());
    }
    SUBCASE("a precision with no date to go with it") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "lonely.geojson", R"("kind": "clash", "start": "2025-10-05", "end_precision": "day")"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "end_precision");
    }
}

TEST_CASE("start_date and end_date must agree with the dates") {
    const auto dir = test::freshFolder("event_record", "derived_days");
    SUBCASE("agreeing days are read") {
        Catalogue c;
        CHECK(readInto(c, writeOneEvent(dir, "good.geojson",
                                        R"("kind": "clash", "start": "2025-10", "start_date": "2025-10-01", "end_date": "2025-10-31")"))
                  .empty());
    }
    SUBCASE("a start_date that is not the start's first day") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "start.geojson", R"("kind": "clash", "start": "2025-10", "start_date": "2025-10-02")"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "start_date");
        CHECK(problems[0].message == "is 2025-10-02 but should be 2025-10-01: the first day of start 2025-10");
    }
    SUBCASE("an end_date on an event with no end is its start's last day") {
        Catalogue c;
        const auto problems = readInto(c, writeOneEvent(dir, "end.geojson", R"("kind": "clash", "start": "2025-10", "end_date": "2025-10-01")"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].field == "end_date");
        CHECK(problems[0].message.find("should be 2025-10-31") != std::string::npos);
    }
}

TEST_CASE("a Shapefile's laundered field names are read as the schema's") {
    const auto dir = test::freshFolder("event_record", "laundered");
    Catalogue c;
    const auto problems = readInto(c, writeOneEvent(dir, "shp_names.geojson",
                                                    R"j("kind": "clash", "start": "2025-10-01", "time_preci": "month", "fatalities": "at least 3 (one report)", "fataliti_1": "3", "injured_mi": "4")j"));
    CHECK(problems.empty());
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].start->iso() == "2025-10");
    CHECK(c.events[0].fatalitiesLow == 3);
    CHECK(c.events[0].injuredLow == 4);
}

TEST_CASE("an export is whole or not at all") {
    const Catalogue& c = test::embeddedCatalogue();
    const auto dir = test::freshFolder("event_record", "atomic");
    const std::string path = (dir / "events.gpkg").string();
    std::ofstream(path) << "the previous file";
    {
        geo::VectorLayerSpec spec;
        spec.layerName = "events";
        spec.fields = {{"id", geo::FieldType::Text}};
        geo::VectorFileWriter writer(path, spec);
        const std::vector<std::optional<std::string>> values{std::string("x")};
        writer.add(values, c.events.back().places);
        // No commit: as if the export failed half way.
    }
    CHECK(readText(path) == "the previous file");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 1);  // no partial file left beside it

    try {
        writeEvents(c, everyEvent(c), (dir / "events.shp").string());
        FAIL("a Shapefile is not offered");
    } catch (const InputError& e) {
        CHECK(e.where().field == "output");
        CHECK(std::string(e.what()).find("GeoPackage (.gpkg)") != std::string::npos);
    }
    CHECK_THROWS_AS(writeEvents(c, everyEvent(c), (dir / "missing" / "events.gpkg").string()), InputError);
}
