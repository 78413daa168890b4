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

TEST_CASE("isPlainText passes printable ASCII alone, wherever another byte stands") {
    // Every byte value, alone and at every place of texts long enough to take the vectorised loop's path.
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const bool printable = b >= 0x20 && b < 0x7F;
        CHECK(isPlainText(std::string(1, c)) == printable);
        for (std::size_t length : {15u, 16u, 17u, 64u, 100u}) {
            std::string text(length, 'a');
            for (std::size_t at : {std::size_t{0}, length / 2, length - 1}) {
                std::string placed = text;
                placed[at] = c;
                CHECK(isPlainText(placed) == printable);
                // textDefect agrees: plain text has no defect, and a control character is one.
                if (printable) CHECK_FALSE(textDefect(placed));
                if (b < 0x20 || b == 0x7F) CHECK(textDefect(placed));
            }
        }
    }
    CHECK(isPlainText(""));
    CHECK_FALSE(isPlainText("Kabul\n"));
    CHECK_FALSE(isPlainText("Khyber Pa\xC3\xA9khtunkhwa"));
}
