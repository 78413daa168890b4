#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/projection.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

// Expected values come from PROJ's own command line, e.g.
//   echo "34.5281 69.1723" | cs2cs -d 4 EPSG:4326 +to +proj=lcc +lat_0=33 +lon_0=69 +lat_1=30.3333333333333
//        +lat_2=35.6666666666667 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs
struct Known {
    LonLat lonLat;
    MapXY regional;
    MapXY webMercator;
    MapXY plateCarree;
};
constexpr Known kKnown[] = {
    {{69.1723, 34.5281}, {15807.1871, 169343.8245}, {7700225.2130, 4099935.3100}, {7700225.2130, 3843650.5101}},
    {{71.5785, 34.0151}, {237927.7575, 115389.7012}, {7968082.1717, 4030829.7675}, {7968082.1717, 3786543.6113}},
    {{60.844379, 29.858179}, {-787558.1662, -317600.1990}, {6773165.2879, 3485333.0712}, {6773165.2879, 3323797.2823}},
    {{74.542354, 37.021669}, {493655.3549, 459063.8503}, {8298016.8898, 4442127.5969}, {8298016.8898, 4121233.3414}},
};

void checkNear(MapXY actual, MapXY expected) {
    CHECK(std::fabs(actual.x_m - expected.x_m) < 1e-3);
    CHECK(std::fabs(actual.y_m - expected.y_m) < 1e-3);
}

}  // namespace

TEST_CASE("projection matches cs2cs to the millimetre in the three map CRSs") {
    const Projection regional("regional");
    const Projection webMercator("webmercator");
    const Projection plateCarree("platecarree");
    for (const Known& k : kKnown) {
        CAPTURE(k.lonLat.lon_deg);
        checkNear(regional.forward(k.lonLat), k.regional);
        checkNear(webMercator.forward(k.lonLat), k.webMercator);
        checkNear(plateCarree.forward(k.lonLat), k.plateCarree);
    }
}

TEST_CASE("a CRS can be named by alias, EPSG code, bare number, database name or PROJ string") {
    const LonLat kabul = kKnown[0].lonLat;
    for (const char* spec : {"webmercator", "EPSG:3857", "3857", "WGS 84 / Pseudo-Mercator",
                             "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs"}) {
        CAPTURE(spec);
        const Projection p(spec);
        CHECK(std::fabs(p.forward(kabul).x_m - kKnown[0].webMercator.x_m) < 1e-3);
        CHECK(std::fabs(p.forward(kabul).y_m - kKnown[0].webMercator.y_m) < 1e-3);
    }
    CHECK(Projection("3857").name() == "WGS 84 / Pseudo-Mercator");
    CHECK(Projection("regional").name().find("Lambert conformal conic") != std::string::npos);
}

TEST_CASE("inverse undoes forward") {
    for (const char* spec : {"regional", "webmercator", "platecarree"}) {
        const Projection p(spec);
        for (const Known& k : kKnown) {
            const LonLat back = p.inverse(p.forward(k.lonLat));
            CHECK(std::fabs(back.lon_deg - k.lonLat.lon_deg) < 1e-9);
            CHECK(std::fabs(back.lat_deg - k.lonLat.lat_deg) < 1e-9);
        }
    }
}

TEST_CASE("an unknown or unsuitable CRS is bad input naming the crs field") {
    for (const char* spec : {"EPSG:999999", "no such projection", "", "+proj=nonsense"}) {
        CAPTURE(spec);
        CHECK_THROWS_WITH_AS(Projection{spec}, doctest::Contains("field 'crs'"), InputError);
    }
    CHECK_THROWS_WITH_AS(Projection{"EPSG:4326"}, doctest::Contains("is geographic"), InputError);
    CHECK_THROWS_WITH_AS(Projection{"EPSG:4978"}, doctest::Contains("not a projected CRS"), InputError);
}

TEST_CASE("the regional CRS keeps scale error under 0.2 % across 29-37 N, where Web Mercator's is 14-25 %") {
    const Projection regional("regional");
    const Projection webMercator("webmercator");
    double worstRegional = 0.0;
    double leastMercator = 1e9;
    for (double lat = 29.0; lat <= 37.0; lat += 0.5) {
        for (double lon = 60.0; lon <= 76.0; lon += 2.0) {
            worstRegional = std::max(worstRegional, std::fabs(regional.scaleFactor({lon, lat}) - 1.0));
            leastMercator = std::min(leastMercator, webMercator.scaleFactor({lon, lat}) - 1.0);
        }
    }
    CHECK(worstRegional < 0.002);
    CHECK(leastMercator > 0.14);
    // The standard parallels are true to scale.
    CHECK(regional.scaleFactor({69.0, 30.0 + 1.0 / 3.0}) == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(regional.scaleFactor({64.0, 35.0 + 2.0 / 3.0}) == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("a layer projects vertex for vertex, keeping its structure") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const Projection regional("regional");
    std::size_t failed = 99;
    const ProjectedLayer provinces = regional.project(data.provinces, &failed);
    CHECK(failed == 0);
    REQUIRE(provinces.features.size() == data.provinces.features.size());
    CHECK(provinces.vertexCount() == data.provinces.vertexCount());
    const ProjectedFeature& first = provinces.features.front();
    CHECK(first.geometry.runStarts == data.provinces.features.front().geometry.runStarts);
    CHECK(first.geometry.partStarts == data.provinces.features.front().geometry.partStarts);
    CHECK(first.name == data.provinces.features.front().name);
    // The region spans about 1,800 km east-west and 1,700 km north-south in the regional CRS.
    const MapBox box = provinces.bounds();
    CHECK(box.max.x_m - box.min.x_m == doctest::Approx(1.6e6).epsilon(0.15));
    CHECK(box.max.y_m - box.min.y_m == doctest::Approx(1.7e6).epsilon(0.15));
}
