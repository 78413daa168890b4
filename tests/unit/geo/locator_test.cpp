#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/locator.hpp>

#include <doctest/doctest.h>

using namespace bordermap;
using namespace bordermap::geo;

TEST_CASE("where: the five cities on both sides of the line") {
    const BoundaryData data = loadEmbeddedBoundaries();
    struct City {
        const char* name;
        LonLat at;
        const char* country;
        const char* province;
    };
    const City cities[] = {
        {"Kabul", {69.1723, 34.5281}, "Afghanistan", "Kabul"},
        {"Peshawar", {71.5785, 34.0151}, "Pakistan", "Khyber Pakhtunkhwa"},
        {"Quetta", {66.9750, 30.1830}, "Pakistan", "Balochistan"},
        {"Khost", {69.9200, 33.3400}, "Afghanistan", "Khost"},
        {"Jalalabad", {70.4500, 34.4300}, "Afghanistan", "Nangarhar"},
    };
    for (const City& city : cities) {
        CAPTURE(city.name);
        const Whereabouts w = locate(data, city.at);
        CHECK(w.country == city.country);
        CHECK(w.province == city.province);
        CHECK(w.distanceToDurandLineM > 1000.0);
        CHECK(w.distanceToDurandLineM < 200000.0);
    }
}

TEST_CASE("where: a neighbour has a country but no province, the sea has neither") {
    const BoundaryData data = loadEmbeddedBoundaries();
    const Whereabouts delhi = locate(data, {77.21, 28.61});
    CHECK(delhi.country == "India");
    CHECK_FALSE(delhi.province);
    const Whereabouts sea = locate(data, {65.0, 20.0});
    CHECK_FALSE(sea.country);
    CHECK_FALSE(sea.province);
}

TEST_CASE("where: Torkham sits on the line") {
    const BoundaryData data = loadEmbeddedBoundaries();
    // The Torkham crossing, about 71.09 E 34.11 N; the generalized line passes within a few km.
    CHECK(locate(data, {71.09, 34.11}).distanceToDurandLineM < 5000.0);
}
