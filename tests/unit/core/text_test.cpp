#include <bordermap/core/text.hpp>

#include <doctest/doctest.h>

using namespace bordermap;

TEST_CASE("parseDouble takes whole finite numbers only") {
    CHECK(parseDouble("34.5281") == doctest::Approx(34.5281));
    CHECK(parseDouble("-12") == doctest::Approx(-12.0));
    CHECK_FALSE(parseDouble(""));
    CHECK_FALSE(parseDouble("12abc"));
    CHECK_FALSE(parseDouble("nan"));
    CHECK_FALSE(parseDouble("inf"));
    CHECK_FALSE(parseDouble(" 1"));
}

TEST_CASE("parseInteger rejects fractions and junk") {
    CHECK(parseInteger("3857") == 3857);
    CHECK_FALSE(parseInteger("38.5"));
    CHECK_FALSE(parseInteger("EPSG"));
}

TEST_CASE("formatNumber groups thousands and rounds") {
    CHECK(formatNumber(2221.516, 1) == "2,221.5");
    CHECK(formatNumber(1234567.0, 0) == "1,234,567");
    CHECK(formatNumber(-195037.34, 1) == "-195,037.3");
    CHECK(formatNumber(999.96, 1) == "1,000.0");
    CHECK(formatNumber(-0.01, 1) == "0.0");
    CHECK(formatNumber(12.0, 0) == "12");
}

TEST_CASE("toLower folds ASCII only") {
    CHECK(toLower("WebMercator") == "webmercator");
    CHECK(toLower("EPSG:3857") == "epsg:3857");
}
