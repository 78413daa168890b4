#include "../test_paths.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace bordermap;
using namespace bordermap::geo;
using test::dataFile;

TEST_CASE("GeoJSON points load with their names and attributes") {
    const VectorSource source = loadVectorSource(dataFile("points.geojson"));
    CHECK(source.driver == "GeoJSON");
    REQUIRE(source.layers.size() == 1);
    const Layer& layer = source.layers.front();
    REQUIRE(layer.features.size() == 3);
    CHECK(layer.features[1].name == "Peshawar");
    CHECK(layer.value(layer.features[1], "kind") == "city");
    CHECK(layer.value(layer.features[1], "no such field").empty());
    CHECK(layer.features[1].geometry.kind == GeometryKind::Points);
    CHECK(layer.features[1].geometry.points.front() == LonLat{71.5785, 34.0151});
}

TEST_CASE("a CSV with lon/lat columns loads as points") {
    const VectorSource source = loadVectorSource(dataFile("points.csv"));
    CHECK(source.driver == "CSV");
    const Layer& layer = source.layers.front();
    REQUIRE(layer.features.size() == 2);
    CHECK(layer.features[0].name == "Kabul");
    CHECK(layer.features[0].geometry.points.front() == LonLat{69.1723, 34.5281});
    CHECK(layer.value(layer.features[0], "note") == "capital of Afghanistan");
}

TEST_CASE("a KML line loads with its vertices in order") {
    const Layer layer = loadVectorSource(dataFile("route.kml")).layers.front();
    REQUIRE(layer.features.size() == 1);
    const auto& g = layer.features.front().geometry;
    CHECK(g.kind == GeometryKind::Lines);
    REQUIRE(g.points.size() == 3);
    CHECK(g.points.back() == LonLat{71.5785, 34.0151});
}

TEST_CASE("a Shapefile in UTM 42N is reprojected to lon/lat") {
    const Layer layer = loadVectorSource(dataFile("utm_square.shp")).layers.front();
    CHECK(layer.sourceCrs.find("EPSG:32642") != std::string::npos);
    const auto& g = layer.features.front().geometry;
    CHECK(g.kind == GeometryKind::Polygons);
    REQUIRE(g.points.size() == 5);
    // echo "800000 3770000" | cs2cs -d 8 EPSG:32642 EPSG:4326  ->  34.02778851 72.24899009
    bool found = false;
    for (const LonLat& p : g.points)
        found = found || (std::fabs(p.lon_deg - 72.24899009) < 1e-7 && std::fabs(p.lat_deg - 34.02778851) < 1e-7);
    CHECK(found);
}

TEST_CASE("only the requested layers load, and a missing one is named") {
    LoadOptions options;
    options.layers = {"points"};
    CHECK(loadVectorSource(dataFile("points.geojson"), options).layers.size() == 1);
    options.layers = {"provinces"};
    CHECK_THROWS_WITH_AS(loadVectorSource(dataFile("points.geojson"), options),
                         doctest::Contains("layer 'provinces': no such layer with geometry (the file has: points)"),
                         InputError);
}

TEST_CASE("bad input: one clear message naming file, layer, feature and field") {
    struct Case {
        const char* file;
        const char* message;
    };
    const Case cases[] = {
        {"missing.gpkg", "missing.gpkg: no such file"},
        {"not_vector.txt", "not_vector.txt: not a vector data source that GDAL can read"},
        {"broken.geojson", "broken.geojson: not a vector data source that GDAL can read (GDAL: At line 1, character 133: Unterminated string)"},
        {"empty.geojson", "empty.geojson: layer 'empty': the layer has no features"},
        {"bowtie.geojson",
         "bowtie.geojson: layer 'bowtie': feature #2 ('bowtie'): field 'geometry': the polygon is not valid"},
        {"out_of_range.geojson", "out_of_range.geojson: layer 'out_of_range': feature #2 ('nowhere'): field "
                                 "'geometry': point (200, 95) is outside longitude -180..180 / latitude -90..90"},
        {"no_geometry.geojson",
         "no_geometry.geojson: layer 'no_geometry': feature #2 ('ghost'): field 'geometry': the feature has no geometry"},
        {"unknown_crs.geojson", "unknown_crs.geojson: layer 'unknown_crs': field 'crs': the file declares a CRS that "
                                "PROJ does not know"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        try {
            loadVectorSource(dataFile(c.file));
            FAIL("no error for ", c.file);
        } catch (const InputError& e) {
            const std::string what = e.what();
            CHECK(what.find(c.message) != std::string::npos);
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("a lenient load skips bad features, counting each with its reason") {
    LoadOptions options;
    options.strict = false;
    const VectorSource bowtie = loadVectorSource(dataFile("bowtie.geojson"), options);
    REQUIRE(bowtie.layers.front().features.size() == 1);
    CHECK(bowtie.layers.front().features.front().name == "fine");
    REQUIRE(bowtie.skipped.size() == 1);
    CHECK(bowtie.skipped.front().feature == "#2 ('bowtie')");  // its place in the file, from 1
    CHECK(bowtie.skipped.front().position == 2);
    CHECK(bowtie.skipped.front().reason.find("not valid") != std::string::npos);

    const VectorSource range = loadVectorSource(dataFile("out_of_range.geojson"), options);
    CHECK(range.layers.front().features.size() == 1);
    CHECK(range.skipped.size() == 1);
}

TEST_CASE("the validity check can be turned off for trusted data") {
    LoadOptions options;
    options.checkValidity = false;
    CHECK(loadVectorSource(dataFile("bowtie.geojson"), options).layers.front().features.size() == 2);
}

TEST_CASE("a file name given for display replaces the path in messages") {
    LoadOptions options;
    options.displayName = "my boundaries";
    CHECK_THROWS_WITH_AS(loadVectorSource(dataFile("empty.geojson"), options),
                         "my boundaries: layer 'empty': the layer has no features", InputError);
}
