#include <bordermap/core/error.hpp>

#include <doctest/doctest.h>

using bordermap::InputError;
using bordermap::Location;

TEST_CASE("an error names file, layer, feature and field in front of the reason") {
    const InputError e({"a.gpkg", "provinces", "3 ('Kabul')", "geometry"}, "the polygon is not valid");
    CHECK(std::string(e.what()) == "a.gpkg: layer 'provinces': feature 3 ('Kabul'): field 'geometry': "
                                   "the polygon is not valid");
    CHECK(e.reason() == "the polygon is not valid");
    CHECK(e.where().layer == "provinces");
}

TEST_CASE("empty parts of a location are left out") {
    CHECK(std::string(InputError({"a.gpkg", {}, {}, {}}, "no such file").what()) == "a.gpkg: no such file");
    CHECK(std::string(InputError({{}, {}, {}, "crs"}, "unknown").what()) == "field 'crs': unknown");
    CHECK(std::string(InputError({}, "plain").what()) == "plain");
}
