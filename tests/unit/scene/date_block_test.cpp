// The window's date block: the scene measures it where the window draws it over the map, and no label lies under it.

#include "scene_fixture.hpp"

#include <bordermap/scene/scene.hpp>
#include <bordermap/text/text_engine.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;
using test::engineWidth;
using test::regionalMap;

namespace {

DynamicScene build(int w, int h, double scale, bool dateOnMap, const char* date = "2025-10-20") {
    const View view = fitView(regionalMap().regionBox, w, h);
    Style style = makeStyle(scale > 1 ? PaletteKind::Presenter : PaletteKind::Standard, DurandView::International);
    style.scale = scale;
    style.dateOnMap = dateOnMap;
    return buildDynamicScene(regionalMap(), test::embeddedCatalogue(), view, {day(date), TimeMode::Window, 30}, style, LayerSwitches{},
                             engineWidth);
}

}  // namespace

TEST_CASE("the date block holds its lines as the text engine sets them, a filter's line under the mode") {
    Decorations d;
    d.dateText = "20 October 2025";
    d.modeText = "events of the 30 days to this date, older ones fading";
    const DateBlockLayout plain = dateBlockLayout(d, engineWidth, 1.0);
    REQUIRE(plain.lines.size() == 2);
    for (const DateBlockLine& line : plain.lines) {
        CAPTURE(line.text);
        CHECK(line.x_px > plain.panel.x0);
        CHECK(line.x_px + engineWidth(line.text, line.size_px) < plain.panel.x1);
        CHECK(line.capTop_px > plain.panel.y0);
        CHECK(line.capTop_px + line.size_px < plain.panel.y1);
    }
    CHECK(plain.lines[0].size_px > 2 * plain.lines[1].size_px);  // the date large, the mode small
    d.filterText = "kinds airstrike, clash; at least 5 killed";
    const DateBlockLayout filtered = dateBlockLayout(d, engineWidth, 1.5);
    REQUIRE(filtered.lines.size() == 3);
    CHECK(filtered.lines[2].text == "Filter: kinds airstrike, clash; at least 5 killed");
    CHECK(filtered.lines[2].capTop_px > filtered.lines[1].capTop_px + filtered.lines[1].size_px);
    CHECK(filtered.panel.y1 > plain.panel.y1 * 1.5);  // presenter's type is larger, and the filter adds a line
}

TEST_CASE("no label lies under the window's date block; an export, whose date is in its band, keeps the top left for labels") {
    struct Size {
        int w, h;
        double scale;
    };
    for (const Size& size : {Size{645, 525, 1.0}, Size{1060, 655, 1.0}, Size{1600, 1000, 1.5}, Size{3000, 1900, 2.0}}) {
        const int w = size.w, h = size.h;
        const double scale = size.scale;
        CAPTURE(w);
        CAPTURE(h);
        const DynamicScene window = build(w, h, scale, true);
        REQUIRE(window.decorations.dateBlock.has_value());
        const ScreenBox block = window.decorations.dateBlock->panel;
        CHECK(block.x1 > 300 * scale);  // the date and the mode line are in it
        for (const Label& l : window.labels) {
            CAPTURE(l.text);
            CHECK_FALSE(l.box.overlaps(block));
        }
        const DynamicScene page = build(w, h, scale, false);
        CHECK_FALSE(page.decorations.dateBlock.has_value());
        const bool labelUnder = std::any_of(page.labels.begin(), page.labels.end(), [&](const Label& l) { return l.box.overlaps(block); });
        CHECK(labelUnder);  // without the block, the top left has names (Turkmenistan's, Uzbekistan's provinces): the test can fail
    }
}
