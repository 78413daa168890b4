#include "../test_paths.hpp"
#include <bordermap/core/error.hpp>
#include <bordermap/ui/open_file.hpp>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>

using bordermap::InputError;
using bordermap::ui::classifyFile;
using bordermap::ui::FileContent;

namespace {

const std::string kSampleBriefing = std::string(BORDERMAP_SOURCE_DIR) + "/assets/briefings/october-2025-closures.briefing.json";

// A copy of `from` under another name, so that only the content can tell.
std::string copyAs(const std::string& from, const std::filesystem::path& dir, const std::string& name) {
    const std::filesystem::path to = dir / name;
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
    return to.string();
}

}  // namespace

TEST_CASE("a file handed to the viewer is a briefing, events or a map layer by its content") {
    CHECK(classifyFile(kSampleBriefing) == FileContent::Briefing);
    CHECK(classifyFile(bordermap::test::dataFile("events_extra.geojson")) == FileContent::Events);
    CHECK(classifyFile(bordermap::test::dataFile("events_no_place.csv")) == FileContent::Events);
    CHECK(classifyFile(bordermap::test::dataFile("points.geojson")) == FileContent::MapLayer);
    CHECK(classifyFile(bordermap::test::dataFile("route.kml")) == FileContent::MapLayer);
    CHECK(classifyFile(bordermap::test::dataFile("utm_square.shp")) == FileContent::MapLayer);
    CHECK(classifyFile(bordermap::test::geodataFile("bordermap.gpkg")) == FileContent::MapLayer);
    CHECK(classifyFile(bordermap::test::geodataFile("events.geojson")) == FileContent::Events);

    // Renamed, each is still what it holds: a file manager hands over whatever name the user gave it.
    const auto dir = bordermap::test::freshFolder("open_file", "renamed");
    CHECK(classifyFile(copyAs(kSampleBriefing, dir, "talk.txt")) == FileContent::Briefing);
    CHECK(classifyFile(copyAs(bordermap::test::dataFile("events_extra.geojson"), dir, "extra.json")) == FileContent::Events);
    CHECK(classifyFile(copyAs(bordermap::test::dataFile("points.geojson"), dir, "places.json")) == FileContent::MapLayer);
}

TEST_CASE("a briefing is told by its member, not by the word anywhere in the text") {
    const auto dir = bordermap::test::freshFolder("open_file", "member");
    const std::string handWritten = (dir / "hand.json").string();
    // A byte-order mark, and the title before the marker: still a briefing.
    std::ofstream(handWritten) << "\xEF\xBB\xBF  {\"title\": \"t\", \"bordermap_briefing\" : 1, \"scenes\": []}";
    CHECK(classifyFile(handWritten) == FileContent::Briefing);
    const std::string mentions = (dir / "mentions.geojson").string();
    std::ofstream(mentions) << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": )"
                               R"({"name": "bordermap_briefing", "note": "a \"bordermap_briefing\" mention"}, "geometry": {"type": "Point", "coordinates": [69.2, 34.5]}}]})";
    CHECK(classifyFile(mentions) == FileContent::MapLayer);
}

TEST_CASE("a file that cannot be opened is one line naming it") {
    CHECK_THROWS_WITH_AS(classifyFile(bordermap::test::dataFile("missing.geojson")),
                         doctest::Contains("missing.geojson: no such file"), InputError);
    CHECK_THROWS_AS(classifyFile(bordermap::test::dataFile("not_vector.txt")), InputError);
}
