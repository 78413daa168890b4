// The streaming GeoJSON reader against GDAL's GeoJSON driver: the same features, values, points, skipped features
// and nativeData, or NotStreamable where it leaves a file to GDAL.

#include "../test_paths.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

// What a visitor is given, feature by feature.
struct Collected final : FeatureVisitor {
    std::vector<std::string> fields;
    std::string nativeData;
    std::vector<Feature> features;
    std::vector<std::string> fieldsInFile;
    int begun = 0, ended = 0;

    void beginLayer(const Layer& layer) override {
        ++begun;
        fields = layer.fields;
        nativeData = layer.nativeData;
    }
    void feature(const Layer&, const Feature& f) override { features.push_back(f); }
    void endLayer(const Layer&, std::span<const std::string> found) override {
        ++ended;
        fieldsInFile.assign(found.begin(), found.end());
    }
    // The value of `field` in feature i, whichever order the reader's fields have.
    std::string value(std::size_t i, const std::string& field) const {
        for (std::size_t f = 0; f < fields.size(); ++f)
            if (fields[f] == field) return features[i].values[f];
        return {};
    }
};

const std::vector<std::string> kFields{"id", "name", "kind", "deaths", "ratio", "flag", "tags", "extra", "note"};

struct Both {
    Collected gdal, stream;
    VectorSource gdalSource, streamSource;
};

// Each test case writes its own file (`name`): CTest runs them in parallel.
Both readBoth(const std::string& name, const std::string& json, std::vector<std::string> fields = kFields,
              bool allowNoGeometry = false) {
    const std::filesystem::path path = std::filesystem::path(BORDERMAP_TEST_OUTPUT_DIR) / (name + ".geojson");
    std::ofstream(path, std::ios::binary) << json;
    Both both;
    LoadOptions options;
    options.strict = false;
    options.openOptions = {"DATE_AS_STRING=YES", "NATIVE_DATA=YES", "ARRAY_AS_STRING=YES"};
    options.fields = std::move(fields);
    options.allowNoGeometry = allowNoGeometry;
    options.visitor = &both.gdal;
    both.gdalSource = loadVectorSource(path.string(), options);
    options.visitor = &both.stream;
    both.streamSource = streamGeoJsonPoints(path.string(), options);
    return both;
}

// Every value GDAL gives for the fields asked for, the stream gives too.
void checkSame(const Both& both, const std::vector<std::string>& fields = kFields) {
    REQUIRE(both.stream.features.size() == both.gdal.features.size());
    CHECK(both.stream.begun == 1);
    CHECK(both.stream.ended == 1);
    for (std::size_t i = 0; i < both.gdal.features.size(); ++i) {
        const Feature& g = both.gdal.features[i];
        const Feature& s = both.stream.features[i];
        CAPTURE(i);
        CHECK(s.position == g.position);
        CHECK(s.name == g.name);
        CHECK(s.geometry.points == g.geometry.points);
        CHECK(s.geometry.runStarts == g.geometry.runStarts);
        for (const std::string& field : fields) {
            CAPTURE(field);
            CHECK(both.stream.value(i, field) == both.gdal.value(i, field));
        }
    }
    REQUIRE(both.streamSource.skipped.size() == both.gdalSource.skipped.size());
    for (std::size_t i = 0; i < both.gdalSource.skipped.size(); ++i) {
        CHECK(both.streamSource.skipped[i].feature == both.gdalSource.skipped[i].feature);
        CHECK(both.streamSource.skipped[i].position == both.gdalSource.skipped[i].position);
        CHECK(both.streamSource.skipped[i].field == both.gdalSource.skipped[i].field);
        CHECK(both.streamSource.skipped[i].reason == both.gdalSource.skipped[i].reason);
    }
    // The fields the file has: GDAL's, less those its stream was not asked for, come out of the stream too.
    for (const std::string& field : both.gdal.fieldsInFile)
        CHECK(std::find(both.stream.fieldsInFile.begin(), both.stream.fieldsInFile.end(), field) !=
              both.stream.fieldsInFile.end());
    CHECK(both.stream.fieldsInFile.size() == both.gdal.fieldsInFile.size());
}

std::string collection(const std::string& features, const std::string& before = R"("name": "things", "as_of": "2025-01-02", )") {
    return R"({"type": "FeatureCollection", )" + before + R"("features": [)" + features + "]}";
}

}  // namespace

TEST_CASE("the GeoJSON stream gives the values, points and nativeData GDAL gives") {
    const std::string json = collection(R"(
      {"type": "Feature", "properties": {"id": "a1", "name": "Torkham", "kind": "clash", "deaths": 12, "ratio": 12.0,
        "flag": true, "tags": ["x", "y"], "extra": {"k": [1, 2.5]}, "note": "line\nbreak \u00e9 \"quoted\""},
       "geometry": {"type": "Point", "coordinates": [71.0861, 34.1147]}},
      {"type": "Feature", "geometry": {"coordinates": [[70.1, 33.2], [70.2, 33.3, 1200]], "type": "MultiPoint"},
       "properties": {"kind": "airstrike", "name": "Two", "id": "a2", "deaths": -3, "ratio": 0.1, "flag": false,
        "note": null, "unasked": 5}},
      {"type": "Feature", "properties": {"id": "a3", "name": "No place", "deaths": 1e2}, "geometry": null},
      {"type": "Feature", "properties": {"name": "Far", "ratio": 1.23456789012345678}, "geometry": {"type": "Point", "coordinates": [200, 10]}},
      {"type": "Feature", "id": "feature-id", "properties": {"name": "Id beside"}, "geometry": {"type": "Point", "coordinates": [70, 30]}},
      {"type": "Feature", "properties": {"name": "NaN"}, "geometry": {"type": "Point", "coordinates": [NaN, 30]}}
    )");
    const Both both = readBoth("stream_values", json);
    checkSame(both);
    CHECK(both.stream.value(0, "deaths") == "12");
    CHECK(both.stream.value(0, "ratio") == "12");
    CHECK(both.stream.value(0, "note") == "line\nbreak \xc3\xa9 \"quoted\"");
    REQUIRE(both.stream.features.size() == 3);
    CHECK(both.stream.value(2, "id") == "feature-id");
    REQUIRE(both.streamSource.skipped.size() == 3);
    CHECK(both.streamSource.skipped[0].reason == "the feature has no geometry");
    CHECK(both.streamSource.skipped[2].reason == "a point has a coordinate that is not a number (NaN)");
    // The members before the features, as JSON, where as_of is found.
    CHECK(jsonMember(both.stream.nativeData, "as_of") == std::optional<std::string>("2025-01-02"));
    CHECK(jsonMember(both.stream.nativeData, "name") == jsonMember(both.gdal.nativeData, "name"));
    CHECK(!jsonMember(both.stream.nativeData, "features"));
}

TEST_CASE("with allowNoGeometry a feature with a null or absent geometry is read with none, by both readers") {
    const std::string json = collection(R"(
      {"type": "Feature", "properties": {"id": "a1", "name": "Placed"}, "geometry": {"type": "Point", "coordinates": [71.0861, 34.1147]}},
      {"type": "Feature", "properties": {"id": "a2", "name": "Null"}, "geometry": null},
      {"type": "Feature", "properties": {"id": "a3", "name": "Absent"}},
      {"type": "Feature", "properties": {"id": "a4", "name": "After"}, "geometry": {"type": "MultiPoint", "coordinates": [[70, 30], [70.5, 30.5]]}}
    )");
    const Both both = readBoth("stream_no_geometry", json, kFields, true);
    checkSame(both);
    REQUIRE(both.stream.features.size() == 4);
    CHECK(both.streamSource.skipped.empty());
    CHECK(both.stream.features[0].geometry.points.size() == 1);
    CHECK(both.stream.features[1].geometry.points.empty());
    CHECK(both.stream.features[2].geometry.points.empty());
    CHECK(both.stream.features[2].bounds.empty());
    // The feature after one with none has its own points only: nothing of the one before is kept.
    CHECK(both.stream.features[3].geometry.points.size() == 2);
    // Without the option, both refuse them.
    const Both strictly = readBoth("stream_no_geometry_refused", json);
    checkSame(strictly);
    CHECK(strictly.stream.features.size() == 2);
    CHECK(strictly.streamSource.skipped.size() == 2);
}

TEST_CASE("the GeoJSON stream reads the embedded events as GDAL does") {
    const std::vector<std::string> fields{"id", "kind", "name", "crossing", "start", "end", "time_precision",
                                          "geo_precision", "fatalities", "injured", "fatalities_min", "injured_min",
                                          "summary", "sources", "note", "country", "admin1"};
    std::ifstream in(test::geodataFile("events.geojson"), std::ios::binary);
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Both both = readBoth("stream_embedded", json, fields);
    CHECK(both.stream.features.size() > 60);
    checkSame(both, fields);
    CHECK(jsonMember(both.stream.nativeData, "as_of") == jsonMember(both.gdal.nativeData, "as_of"));
}

TEST_CASE("the GeoJSON stream leaves to GDAL what it does not read as GDAL would") {
    const auto notStreamable = [](const std::string& json) {
        const std::filesystem::path path = std::filesystem::path(BORDERMAP_TEST_OUTPUT_DIR) / "not_streamable.geojson";
        std::ofstream(path, std::ios::binary) << json;
        Collected visitor;
        LoadOptions options;
        options.fields = kFields;
        options.visitor = &visitor;
        CHECK_THROWS_AS(streamGeoJsonPoints(path.string(), options), NotStreamable);
    };
    const std::string point = R"({"type": "Feature", "properties": {"name": "p"}, "geometry": {"type": "Point", "coordinates": [70, 30]}})";
    notStreamable(collection(R"({"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[70, 30], [71, 31]]}})"));
    notStreamable(collection(R"({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[70, 30], [71, 31], [70, 31], [70, 30]]]}})"));
    notStreamable(collection(R"({"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": []}})"));
    notStreamable(collection(point + ",", ""));                                      // not JSON
    notStreamable(collection(point).substr(0, 60));                                  // cut short
    notStreamable(R"({"features": [)" + point + R"(], "type": "FeatureCollection"})");  // the type after the features
    notStreamable(R"({"type": "FeatureCollection", "features": [)" + point + R"(], "as_of": "2025-01-01"})");
    notStreamable(collection(point, R"("crs": {"type": "name", "properties": {"name": "EPSG:32642"}}, )"));
    notStreamable(point);                                                            // a lone feature
    notStreamable(R"({"type": "Topology", "objects": {}})");
    notStreamable(R"([1, 2, 3])");
    // WGS 84 named in the old crs member, and a byte-order mark, are read here.
    Collected visitor;
    LoadOptions options;
    options.fields = kFields;
    options.visitor = &visitor;
    const std::string json = "\xEF\xBB\xBF" + collection(point, R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, )");
    const VectorSource source = streamGeoJsonPoints(std::span(reinterpret_cast<const unsigned char*>(json.data()), json.size()), "mem.geojson", options);
    REQUIRE(visitor.features.size() == 1);
    CHECK(visitor.features[0].name == "p");
    CHECK(source.layers.at(0).name == "mem");
}

TEST_CASE("the GeoJSON stream refuses, as GDAL's loader does, a value over the limit and an empty collection") {
    Collected visitor;
    LoadOptions options;
    options.fields = kFields;
    options.visitor = &visitor;
    options.strict = true;
    const std::string big = collection(R"({"type": "Feature", "properties": {"name": "big", "note": ")" +
                                       std::string(limits::kMaxValueBytes + 1, 'x') +
                                       R"("}, "geometry": {"type": "Point", "coordinates": [70, 30]}})");
    const auto bytes = [](const std::string& s) { return std::span(reinterpret_cast<const unsigned char*>(s.data()), s.size()); };
    try {
        streamGeoJsonPoints(bytes(big), "big.geojson", options);
        FAIL("no error");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(std::string(e.what()).find("feature #1 ('big'): field 'note': the value is 1048577 bytes") != std::string::npos);
    }
    const std::string empty = collection("");
    CHECK_THROWS_WITH_AS(streamGeoJsonPoints(bytes(empty), "empty.geojson", options),
                         doctest::Contains("the layer has no features"), InputError);
}

TEST_CASE("the GeoJSON stream agrees with GDAL on random collections") {
    std::mt19937 random(7);
    const char* kinds[] = {"clash", "airstrike", "attack", R"(\"quoted\" a/b)", "caf\\u00e9", ""};
    for (int round = 0; round < 20; ++round) {
        std::string features;
        const int n = 1 + static_cast<int>(random() % 40);
        // GDAL names features by the first of name, ..., id that any feature has; the stream by what it has seen.
        const bool named = random() % 2 == 0;
        for (int i = 0; i < n; ++i) {
            if (i > 0) features += ",\n";
            std::string properties = R"("id": "e)" + std::to_string(i) + "\"";
            if (random() % 4) properties += R"(, "kind": ")" + std::string(kinds[random() % std::size(kinds)]) + "\"";
            if (random() % 3) properties += ", \"deaths\": " + std::to_string(static_cast<int>(random() % 100));
            if (random() % 5 == 0) properties += ", \"ratio\": " + std::to_string(static_cast<double>(random() % 1000) / 7.0);
            if (named) properties += random() % 6 == 0 ? R"(, "name": null)" : R"(, "name": "n)" + std::to_string(i) + "\"";
            if (random() % 7 == 0) properties += R"(, "tags": ["a", 1, null])";
            const double lon = 60.0 + static_cast<double>(random() % 20000) / 1000.0;
            const double lat = 24.0 + static_cast<double>(random() % 15000) / 1000.0;
            const std::string position = "[" + std::to_string(lon) + ", " + std::to_string(lat) + "]";
            const std::string geometry = random() % 5 == 0 ? R"({"type": "MultiPoint", "coordinates": [)" + position + ", " + position + "]}"
                                                           : R"({"type": "Point", "coordinates": )" + position + "}";
            features += R"({"type": "Feature", "properties": {)" + properties + R"(}, "geometry": )" + geometry + "}";
        }
        CAPTURE(round);
        checkSame(readBoth("stream_random", collection(features)));
    }
}

TEST_CASE("the GeoJSON stream's header is the first feature's properties, and it reads no further") {
    LoadOptions options;
    options.headerOnly = true;
    // The second feature is not even JSON: the stream stops before it.
    const std::string json = R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "f1", "properties": {"kind": "clash", "start": "2025-01-01", "kind": "again"},
         "geometry": {"type": "Point", "coordinates": [70, 30]}},
        {"type": "Feature", "properties": {"broken": )";
    const auto bytes = std::span(reinterpret_cast<const unsigned char*>(json.data()), json.size());
    const VectorSource source = streamGeoJsonPoints(bytes, "probe.geojson", options);
    REQUIRE(source.layers.size() == 1);
    CHECK(source.layers[0].fields == std::vector<std::string>{"kind", "start", "id"});
    CHECK(source.layers[0].features.empty());
    const std::string empty = R"({"type": "FeatureCollection", "features": []})";
    CHECK_THROWS_AS(streamGeoJsonPoints(std::span(reinterpret_cast<const unsigned char*>(empty.data()), empty.size()),
                                        "empty.geojson", options),
                    NotStreamable);
}
