// The text engine (Pango) that both backends draw with: metrics that scale, scripts that are covered and shaped,
// right-to-left order, and images whose ink sits where the box says.

#include <bordermap/text/text_engine.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>

using namespace bordermap::text;

namespace {

TextStyle sized(double size_px) {
    TextStyle style;
    style.size_px = size_px;
    return style;
}

}  // namespace

TEST_CASE("widths scale with the size: metrics are neither hinted nor rounded, so screen and print agree") {
    for (const std::string text : {"Peshawar", "Chaman-Spin Boldak (Friendship Gate)", "AFGHANISTAN"}) {
        CAPTURE(text);
        const double at12 = width(text, 12), at36 = width(text, 36);
        CHECK(at12 > 0.3 * 12 * static_cast<double>(text.size()));
        CHECK(at36 == doctest::Approx(3 * at12).epsilon(0.002));
    }
    // Bold is wider; letter spacing adds its amount between letters (seven gaps in eight letters).
    TextStyle bold = sized(20);
    bold.bold = true;
    CHECK(measure("Torkham", bold).width_px > width("Torkham", 20));
    TextStyle spaced = sized(20);
    spaced.letterSpacing_em = 0.15;
    CHECK(measure("PAKISTAN", spaced).width_px == doctest::Approx(width("PAKISTAN", 20) + 7 * 0.15 * 20).epsilon(0.002));
    const TextBox box = measure("Quetta", sized(20));
    CHECK(box.height_px > 20);
    CHECK(box.baseline_px > 0.7 * 20);
    CHECK(box.baseline_px < box.height_px);
}

TEST_CASE("Pashto, Dari and Urdu names are covered by a font and set right to left") {
    // Peshawar in Urdu, Kabul in Dari, Jalalabad in Pashto (Arabic script with the letters of each).
    for (const std::string name : {"\u067E\u0634\u0627\u0648\u0631", "\u06A9\u0627\u0628\u0644", "\u062C\u0644\u0627\u0644 \u0622\u0628\u0627\u062F"}) {
        CAPTURE(name);
        CHECK(unknownGlyphs(name, sized(16)) == 0);
        CHECK(width(name, 16) > 0);
        // The first letter is drawn right of the last one.
        CHECK(characterX(name, sized(16), 0) > characterX(name, sized(16), name.size() - 2));
    }
    CHECK(characterX("Kabul", sized(16), 0) < characterX("Kabul", sized(16), 4));
    // Mixed: English with the local name after it keeps the English first, on the left.
    const std::string bilingual = "Kabul \u06A9\u0627\u0628\u0644";
    CHECK(characterX(bilingual, sized(16), 0) < characterX(bilingual, sized(16), 6));
    CHECK(unknownGlyphs(bilingual, sized(16)) == 0);
}

TEST_CASE("a rendered text's ink lies in its image around the box's origin, the halo wider than the glyphs") {
    const Rgba black{0, 0, 0, 255}, white{255, 255, 255, 255};
    const TextImage plain = render("Khost", sized(24), black);
    const TextImage haloed = render("Khost", sized(24), black, white, 4);
    CHECK(plain.width >= static_cast<int>(width("Khost", 24)));
    CHECK(haloed.width > plain.width);
    CHECK(haloed.originX > plain.originX);
    REQUIRE(plain.rgba.size() == static_cast<std::size_t>(plain.width * plain.height * 4));
    // Ink in the box, none far left of the origin; the halo's pixels are white, the glyphs' black.
    int inked = 0, left = 0;
    for (int y = 0; y < plain.height; ++y)
        for (int x = 0; x < plain.width; ++x) {
            const std::uint8_t a = plain.rgba[static_cast<std::size_t>((y * plain.width + x) * 4 + 3)];
            if (a == 0) continue;
            ++inked;
            if (x < plain.originX - 2) ++left;
        }
    CHECK(inked > 100);
    CHECK(left == 0);
    bool sawWhite = false;
    for (std::size_t i = 0; i < haloed.rgba.size(); i += 4)
        if (haloed.rgba[i + 3] == 255 && haloed.rgba[i] == 255) sawWhite = true;
    CHECK(sawWhite);
}

TEST_CASE("each thread lays text out with its own context, with the same results") {
    const double here = width("Dera Ismail Khan", 14);
    double there = 0;
    std::thread([&] { there = width("Dera Ismail Khan", 14); }).join();
    CHECK(there == here);
}
