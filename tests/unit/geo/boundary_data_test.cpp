#include "../test_paths.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/locator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <string>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

std::set<std::string> provinceNames(const BoundaryData& data, std::string_view country) {
    std::set<std::string> names;
    for (const Feature& f : data.provinces.features)
        if (data.provinces.value(f, "country") == country) names.insert(std::string(data.provinces.value(f, "name")));
    return names;
}

const Feature& countryNamed(const BoundaryData& data, std::string_view name) {
    const auto& features = data.countries.features;
    const auto it = std::find_if(features.begin(), features.end(),
                                 [&](const Feature& f) { return data.countries.value(f, "name") == name; });
    REQUIRE(it != features.end());
    return *it;
}

}  // namespace

TEST_CASE("the embedded data has Afghanistan's 34 provinces with today's names") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const std::set<std::string> expected{
        "Badakhshan", "Badghis",  "Baghlan",   "Balkh",    "Bamyan",  "Daykundi",  "Farah",    "Faryab",  "Ghazni",
        "Ghor",       "Helmand",  "Herat",     "Jawzjan",  "Kabul",   "Kandahar",  "Kapisa",   "Khost",   "Kunar",
        "Kunduz",     "Laghman",  "Logar",     "Nangarhar", "Nimroz", "Nuristan",  "Paktia",   "Paktika", "Panjshir",
        "Parwan",     "Samangan", "Sar-e Pol", "Takhar",   "Uruzgan", "Wardak",    "Zabul"};
    CHECK(expected.size() == 34);
    CHECK(provinceNames(data, "Afghanistan") == expected);
}

TEST_CASE("the embedded data has Pakistan's 7 provinces and territories, FATA merged into Khyber Pakhtunkhwa") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const std::set<std::string> expected{"Azad Jammu and Kashmir", "Balochistan",        "Gilgit-Baltistan",
                                         "Islamabad Capital Territory", "Khyber Pakhtunkhwa", "Punjab", "Sindh"};
    CHECK(provinceNames(data, "Pakistan") == expected);
    CHECK(data.provinces.features.size() == 41);
    // Miranshah (North Waziristan) and Landi Kotal (Khyber) lay in FATA before the 2018 merger.
    CHECK(locate(data, {70.07, 33.00}).province == "Khyber Pakhtunkhwa");
    CHECK(locate(data, {71.14, 34.10}).province == "Khyber Pakhtunkhwa");
}

TEST_CASE("none of the source's old or wrong names survive") {
    const BoundaryData data = loadEmbeddedBoundaries();
    std::multiset<std::string> names;
    for (const Feature& f : data.provinces.features) names.insert(std::string(data.provinces.value(f, "name")));
    for (const char* old : {"Paktya", "Hilmand", "Hirat", "Sari Pul", "Baluchistan", "Sind", "K.P.", "F.A.T.A.",
                            "F.C.T.", "Northern Areas", "Azad Kashmir", "N.W.F.P."}) {
        CAPTURE(old);
        CHECK(names.count(old) == 0);
    }
    // The source names Panjshir "Parwan" and Daykundi "Uruzgan": each name must now appear once.
    CHECK(names.count("Parwan") == 1);
    CHECK(names.count("Uruzgan") == 1);
}

TEST_CASE("the neighbours and the Kashmir lines are there for context") {
    const BoundaryData data = loadEmbeddedBoundaries();
    std::set<std::string> countries;
    for (const Feature& f : data.countries.features) countries.insert(std::string(data.countries.value(f, "name")));
    CHECK(countries == std::set<std::string>{"Afghanistan", "China", "India", "Iran", "Pakistan", "Tajikistan",
                                             "Turkmenistan", "Uzbekistan"});
    CHECK(data.disputedBorders.features.size() == 14);
    for (const Feature& f : data.disputedBorders.features) CHECK(f.geometry.kind == GeometryKind::Lines);
}

TEST_CASE("the Durand Line is the shared edge, from the Iran tripoint to the China tripoint") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const auto line = data.durand().geometry.run(0);
    REQUIRE(line.size() == 187);
    // 2,221.5 km at this resolution (PROJ's geodesic; SpatiaLite's ST_Length(geom, 1) gives 2,221.516 km too).
    // The 2,430-2,670 km quoted for the real border is longer: the generalized line cuts its corners.
    CHECK(geodesicLengthM(line) / 1000.0 == doctest::Approx(2221.516).epsilon(0.00002));

    const Feature& afghanistan = countryNamed(data, "Afghanistan");
    const Feature& pakistan = countryNamed(data, "Pakistan");
    for (const LonLat& p : line) {
        CHECK(geodesicDistanceToM(afghanistan.geometry, p) < 0.5);
        CHECK(geodesicDistanceToM(pakistan.geometry, p) < 0.5);
    }
    CHECK(geodesicDistanceToM(countryNamed(data, "Iran").geometry, line.front()) < 0.5);
    CHECK(geodesicDistanceToM(countryNamed(data, "China").geometry, line.back()) < 0.5);
    CHECK(line.front().lon_deg < line.back().lon_deg);

    const std::string_view status = data.durandLine.value(data.durand(), "status");
    CHECK(status.find("Pakistan") != std::string_view::npos);
    CHECK(status.find("Afghanistan does not recognise") != std::string_view::npos);
}

TEST_CASE("the country areas are right for the generalized data") {
    const BoundaryData data = loadEmbeddedBoundaries();
    // Reference: SpatiaLite's geodesic ST_Area(geom, 1) over the same polygons, 642,152 and 873,063 km².
    CHECK(geodesicAreaM2(countryNamed(data, "Afghanistan").geometry) == doctest::Approx(642152416070.9).epsilon(5e-4));
    CHECK(geodesicAreaM2(countryNamed(data, "Pakistan").geometry) == doctest::Approx(873062622154.1).epsilon(5e-4));
}

TEST_CASE("the committed GeoPackage loads from its folder and matches what is embedded") {
    const BoundaryData embedded = loadEmbeddedBoundaries();
    const BoundaryData fromFolder = loadBoundaries(BORDERMAP_GEODATA_DIR);
    CHECK(fromFolder.origin == test::geodataFile("bordermap.gpkg"));
    CHECK(fromFolder.provinces.features.size() == embedded.provinces.features.size());
    CHECK(fromFolder.provinces.vertexCount() == embedded.provinces.vertexCount());
    CHECK(fromFolder.countries.vertexCount() == embedded.countries.vertexCount());
    CHECK(fromFolder.durand().geometry.points == embedded.durand().geometry.points);
    CHECK(fromFolder.rivers.vertexCount() == embedded.rivers.vertexCount());
}

TEST_CASE("boundary data without the required layers is refused, naming the layer") {
    CHECK_THROWS_WITH_AS(loadBoundaries(test::dataFile("points.geojson")),
                         doctest::Contains("layer 'countries': the boundary data needs this layer"), InputError);
    CHECK_THROWS_WITH_AS(loadBoundaries("/nonexistent/folder"), doctest::Contains("no such file"), InputError);
}

namespace {

// The distance from `p` to the nearest river of GSHHG level `level`, in metres.
double nearestRiverM(const BoundaryData& data, LonLat p, std::string_view level) {
    double nearest = std::numeric_limits<double>::infinity();
    for (const Feature& f : data.rivers.features)
        if (data.rivers.value(f, "level") == level) nearest = std::min(nearest, geodesicDistanceToM(f.geometry, p));
    return nearest;
}

}  // namespace

TEST_CASE("the rivers are GSHHG's permanent rivers over the region, one line each, unnamed") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const Layer& rivers = data.rivers;
    // geodata/README.md: levels 0 to 4 over 52-86 E, 20-44 N, merged into 379 lines, 13,512 vertices, 64,133 km
    // (SpatiaLite's geodesic ST_Length(geom, 1) summed over the layer).
    CHECK(rivers.features.size() == 379);
    CHECK(rivers.vertexCount() == 13512);
    std::set<std::string> levels;
    double length_km = 0;
    for (const Feature& f : rivers.features) {
        CHECK(f.geometry.kind == GeometryKind::Lines);
        CHECK(rivers.value(f, "name").empty());  // WDBII names no river
        levels.insert(std::string(rivers.value(f, "level")));
        length_km += geodesicLengthM(f.geometry) / 1000.0;
        for (const LonLat& p : f.geometry.points) {
            CHECK(p.lon_deg >= 52.0);
            CHECK(p.lon_deg <= 86.0);
            CHECK(p.lat_deg >= 20.0);
            CHECK(p.lat_deg <= 44.0);
        }
    }
    CHECK(levels == std::set<std::string>{"0", "1", "2", "3", "4"});
    CHECK(length_km == doctest::Approx(64133.3).epsilon(0.001));
}

TEST_CASE("the rivers run where the rivers are: the Kabul past Kabul and Jalalabad, the Kunar, the Indus at Attock") {
    const BoundaryData data = loadEmbeddedBoundaries();
    // Towns on the rivers, at their centres (Kabul, Jalalabad, Asadabad and Lashkar Gah from geodata/cities.geojson;
    // Attock at the Indus bridge, Thal on the Kurram), so "on the river" is within a few km: WDBII is simplified by
    // about 500 m, and a town's centre lies off its river.
    const LonLat kabul{69.17233, 34.52813}, jalalabad{70.45153, 34.42647}, asadabad{71.14697, 34.87311};
    const LonLat lashkarGah{64.37161, 31.59382}, attock{72.24, 33.89}, thal{70.55, 33.37};
    const LonLat confluence{70.52, 34.42};  // the Kunar joins the Kabul river just east of Jalalabad
    // The Kabul river is one level-3 line from west of Kabul to the Indus at Attock.
    const auto kabulRiver = std::find_if(data.rivers.features.begin(), data.rivers.features.end(), [&](const Feature& f) {
        return geodesicDistanceToM(f.geometry, kabul) < 5000 && geodesicDistanceToM(f.geometry, jalalabad) < 5000;
    });
    REQUIRE(kabulRiver != data.rivers.features.end());
    CHECK(data.rivers.value(*kabulRiver, "level") == "3");
    CHECK(geodesicDistanceToM(kabulRiver->geometry, confluence) < 5000);
    CHECK(geodesicDistanceM(kabulRiver->geometry.points.back(), attock) < 5000);
    // The Kunar comes down past Asadabad and ends on the Kabul river at the confluence.
    const auto kunar = std::find_if(data.rivers.features.begin(), data.rivers.features.end(), [&](const Feature& f) {
        return &f != &*kabulRiver && geodesicDistanceToM(f.geometry, asadabad) < 5000;
    });
    REQUIRE(kunar != data.rivers.features.end());
    const LonLat mouth = kunar->geometry.points.back();
    CHECK(geodesicDistanceM(mouth, confluence) < 5000);
    CHECK(geodesicDistanceToM(kabulRiver->geometry, mouth) < 100);
    // The Indus, a major river (level 1), at Attock; the Helmand (level 2) at Lashkar Gah; the Kurram (level 4) at Thal.
    CHECK(nearestRiverM(data, attock, "1") < 5000);
    CHECK(nearestRiverM(data, lashkarGah, "2") < 5000);
    CHECK(nearestRiverM(data, thal, "4") < 5000);
}
