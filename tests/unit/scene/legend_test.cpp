// The legend: its entries under headings (only what is shown), the deaths size key at the markers' own sizes, and the
// layout both backends draw (no text past its box, columns where there is room).
#include "scene_fixture.hpp"

#include <bordermap/scene/scene.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;
using test::regionalMap;

namespace {

DynamicScene sceneFor(const View& view, const char* date, const LayerSwitches& layers = {}, const Style& style = test::standardStyle()) {
    return buildDynamicScene(regionalMap(), test::embeddedCatalogue(), view, {day(date), TimeMode::Window, 30}, style, layers);
}

View regionView(int w = 1600, int h = 1000) { return fitView(regionalMap().regionBox, w, h); }

std::set<std::string> headings(const LegendLayout& layout) {
    std::set<std::string> out;
    for (const LegendText& t : layout.texts)
        for (const LegendGroup g : {LegendGroup::Border, LegendGroup::Crossings, LegendGroup::Events, LegendGroup::Places, LegendGroup::Yours})
            if (t.text == legendHeading(g) && t.type.bold) out.insert(t.text);
    return out;
}

std::set<LegendGroup> groups(const DynamicScene& s) {
    std::set<LegendGroup> out;
    for (const LegendEntry& e : s.decorations.legend) out.insert(e.group);
    return out;
}

const LegendEntry* sizeKey(const DynamicScene& s) {
    for (const LegendEntry& e : s.decorations.legend)
        if (e.symbol == LegendSymbol::SizeKey) return &e;
    return nullptr;
}

// Every text's right end within the box, less half the padding.
void checkWithin(const LegendLayout& layout, double k) {
    for (const LegendText& t : layout.texts) {
        const double w = approximateTextWidth(t.text, t.type.size_px) * (t.type.bold ? 1.1 : 1.0) +
                         t.type.letterSpacing_em * t.type.size_px * static_cast<double>(t.text.size());
        CAPTURE(t.text);
        CHECK(t.x_px >= 0);
        CHECK(t.x_px + w <= layout.width_px - 4 * k + 1e-6);
        CHECK(t.baseline_px <= layout.height_px);
    }
    for (const LegendDisc& d : layout.discs) {
        CHECK(d.centre.x_px - d.radius_px >= 0);
        CHECK(d.centre.x_px + d.radius_px <= layout.width_px);
    }
}

}  // namespace

TEST_CASE("the size key's tolls are round, two to four, up to the most deaths shown") {
    CHECK(sizeKeyDeaths(0).empty());
    CHECK(sizeKeyDeaths(1) == std::vector<int>{1});
    CHECK(sizeKeyDeaths(2) == std::vector<int>{2});
    CHECK(sizeKeyDeaths(7) == std::vector<int>{1, 5});
    CHECK(sizeKeyDeaths(60) == std::vector<int>{1, 10, 50});
    CHECK(sizeKeyDeaths(250) == std::vector<int>{1, 10, 50, 200});
    CHECK(sizeKeyDeaths(5000) == std::vector<int>{1, 10, 100, 400});
    for (long long most = 1; most < 1000; ++most) {
        const std::vector<int> tolls = sizeKeyDeaths(most);
        CHECK(tolls.size() <= 4);
        CHECK(tolls.back() <= most);
        CHECK(std::is_sorted(tolls.begin(), tolls.end()));
    }
}

TEST_CASE("the size key shows the sizes the markers really have, only where a shown event reports deaths") {
    const View v = regionView();
    const DynamicScene s = sceneFor(v, "2025-10-20");
    int most = 0;
    for (const Marker& m : s.markers) {
        CHECK(m.radius_px == doctest::Approx(markerRadius_px(m.deaths, test::standardStyle())));  // one function sizes both
        most = std::max(most, m.deaths);
    }
    REQUIRE(most > 0);
    const LegendEntry* key = sizeKey(s);
    REQUIRE(key != nullptr);
    CHECK(key->group == LegendGroup::Events);
    REQUIRE(key->sizes.size() >= 2);
    CHECK(key->sizes.back().deaths <= most);
    for (const SizeStep& step : key->sizes) {
        CHECK(step.radius_px == doctest::Approx(markerRadius_px(step.deaths, test::standardStyle())));
        CHECK(step.text == std::to_string(step.deaths));
    }
    // A marker with exactly a key's toll has exactly that disc's size.
    for (const Marker& m : s.markers)
        for (const SizeStep& step : key->sizes)
            if (m.deaths == step.deaths) CHECK(m.radius_px == doctest::Approx(step.radius_px));
    // Presenter style: larger markers, larger discs.
    Style big = makeStyle(PaletteKind::Presenter, DurandView::International);
    big.scale = 1.5;
    const DynamicScene b = sceneFor(v, "2025-10-20", {}, big);
    REQUIRE(sizeKey(b) != nullptr);
    CHECK(sizeKey(b)->sizes.back().radius_px == doctest::Approx(markerRadius_px(sizeKey(b)->sizes.back().deaths, big)));
    // The layout draws the discs at those sizes, whatever the legend's own scale.
    LegendOptions o;
    o.k = 0.7;
    const LegendLayout layout = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, o);
    REQUIRE(layout.discs.size() == key->sizes.size());
    for (std::size_t i = 0; i < key->sizes.size(); ++i) CHECK(layout.discs[i].radius_px == doctest::Approx(key->sizes[i].radius_px));

    // No event at all: no key. Events off: none either.
    View coast;
    coast.centre = regionalMap().projection.forward({64.0, 25.5});
    coast.metresPerPixel = 200;
    coast.widthPx = 800;
    coast.heightPx = 600;
    CHECK(sizeKey(sceneFor(coast, "2025-10-20")) == nullptr);
    LayerSwitches noEvents;
    noEvents.events = false;
    CHECK(sizeKey(sceneFor(v, "2025-10-20", noEvents)) == nullptr);
}

TEST_CASE("the legend's headings show only over entries, each group holding only what is on the map") {
    const View v = regionView();
    const DynamicScene s = sceneFor(v, "2025-10-20");
    CHECK(groups(s) == std::set<LegendGroup>{LegendGroup::Border, LegendGroup::Crossings, LegendGroup::Events, LegendGroup::Places});
    const LegendLayout layout = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, {});
    CHECK(headings(layout) == std::set<std::string>{"Border", "Crossings", "Events", "Places"});
    // Places: the capitals' and cities' dots at the sizes the map draws them, and the type of the names shown.
    std::set<std::string> places;
    for (const LegendEntry& e : s.decorations.legend)
        if (e.group == LegendGroup::Places) places.insert(e.text);
    CHECK(places.count("Capital") == 1);
    CHECK(places.count("City") == 1);
    CHECK(places.count("COUNTRY") == 1);
    // The same with bilingual labels ("Kabul · کابل"): a city's rank is the label's, whatever its text.
    Style bilingual = test::standardStyle();
    bilingual.labelLanguage = LabelLanguage::Bilingual;
    std::set<std::string> placesBilingual;
    for (const LegendEntry& e : sceneFor(v, "2025-10-20", {}, bilingual).decorations.legend)
        if (e.group == LegendGroup::Places) placesBilingual.insert(e.text);
    CHECK(placesBilingual == places);
    for (const LegendEntry& e : s.decorations.legend)
        if (e.symbol == LegendSymbol::CityDot)
            CHECK(std::any_of(s.labels.begin(), s.labels.end(), [&](const Label& l) { return l.dot_px == e.width_px; }));

    // Labels off: no places; crossings and events off: no headings for them; the Durand Line is always there.
    LayerSwitches bare;
    bare.labels = bare.crossings = bare.events = false;
    const DynamicScene b = sceneFor(v, "2025-10-20", bare);
    CHECK(groups(b) == std::set<LegendGroup>{LegendGroup::Border});
    CHECK(headings(layOutLegend(b.decorations, test::standardStyle(), approximateTextWidth, {})) == std::set<std::string>{"Border"});

    // On the coast, zoomed in: no crossing, no event; the places shown there only.
    View coast;
    coast.centre = regionalMap().projection.forward({64.0, 25.5});
    coast.metresPerPixel = 200;
    coast.widthPx = 800;
    coast.heightPx = 600;
    const DynamicScene c = sceneFor(coast, "2025-10-20");
    CHECK(groups(c).count(LegendGroup::Crossings) == 0);
    CHECK(groups(c).count(LegendGroup::Events) == 0);
    CHECK(headings(layOutLegend(c.decorations, test::standardStyle(), approximateTextWidth, {})).count("Events") == 0);
    for (const LegendEntry& e : c.decorations.legend) CHECK(e.text != "Capital");  // no capital on that coast
}

TEST_CASE("the legend's texts stay within its box at any width, and columns make a wide legend shorter") {
    const DynamicScene s = sceneFor(regionView(), "2025-10-20");
    for (const double k : {1.0, 2.0})
        for (const double maxWidth : {0.0, 400.0, 220.0, 150.0}) {
            CAPTURE(k);
            CAPTURE(maxWidth);
            LegendOptions o;
            o.k = k;
            o.maxWidth_px = maxWidth * k;
            o.header = true;
            o.note = s.decorations.durandNote;
            o.credits = s.decorations.dataCredit;
            const LegendLayout layout = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, o);
            checkWithin(layout, k);
            if (maxWidth >= 220) CHECK(layout.width_px <= o.maxWidth_px + 1e-6);
            CHECK(layout.header.y1 > 0);
            CHECK(layout.header.x1 == doctest::Approx(layout.width_px));
        }
    LegendOptions one, three;
    three.maxWidth_px = 1400;
    three.maxColumns = 3;
    const LegendLayout a = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, one);
    const LegendLayout b = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, three);
    CHECK(a.columns == 1);
    CHECK(b.columns >= 2);
    CHECK(b.height_px < a.height_px * 0.75);
    checkWithin(b, 1);
    // Folded, it is the title row alone.
    LegendOptions folded;
    folded.header = folded.collapsed = true;
    const LegendLayout f = layOutLegend(s.decorations, test::standardStyle(), approximateTextWidth, folded);
    CHECK(f.texts.size() == 1);
    CHECK(f.height_px == doctest::Approx(f.header.y1));
    CHECK(f.marks.empty());
}

TEST_CASE("a legend the reader dropped stays within the view") {
    View v;
    v.widthPx = 800;
    v.heightPx = 600;
    const ScreenBox inside = legendAt({100, 50}, v, 200, 150, 0);
    CHECK(inside.x0 == doctest::Approx(100));
    CHECK(inside.y0 == doctest::Approx(50));
    const ScreenBox past = legendAt({790, 700}, v, 200, 150, 0);
    CHECK(past.x1 == doctest::Approx(800));
    CHECK(past.y1 == doctest::Approx(600));
    const ScreenBox before = legendAt({-50, -5}, v, 200, 150, 0);
    CHECK(before.x0 == doctest::Approx(0));
    CHECK(before.y0 == doctest::Approx(0));
    // A view smaller than the legend: its top left stays on the screen.
    const ScreenBox big = legendAt({300, 300}, v, 1000, 700, 0);
    CHECK(big.x0 == doctest::Approx(0));
    CHECK(big.y0 == doctest::Approx(0));
}

TEST_CASE("the window's legend reports what its place covers: nothing on a large map, something on a small pane") {
    const DynamicScene big = sceneFor(regionView(1600, 1000), "2025-10-20");
    std::size_t covered = 99;
    legendPlace(big, regionView(1600, 1000), 260, 300, 16, 1.0, &covered);
    CHECK(covered == 0);
    const View pane = regionView(645, 526);  // a 1024x768 window's map beside its panels
    const DynamicScene small = sceneFor(pane, "2025-10-20");
    legendPlace(small, pane, 200, 300, 16, 1.0, &covered);
    CHECK(covered > 0);
}
