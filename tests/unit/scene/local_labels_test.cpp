#include "scene_fixture.hpp"

#include <bordermap/geo/local_names.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/text/text_engine.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;
using test::regionalMap;

namespace {

// Places the data has no local name for, for want of a public source (geodata/README.md lists them): none now.
const std::set<std::string> kNoLocalName = {};

DynamicScene labelsOn(LabelLanguage language, int width = 1600, int height = 1000) {
    Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    style.labelLanguage = language;
    return buildDynamicScene(regionalMap(), test::embeddedCatalogue(), fitView(regionalMap().regionBox, width, height),
                             {day("2025-10-20"), TimeMode::Window, 30}, style, LayerSwitches{}, text::width);
}

bool anyLabelHas(const DynamicScene& s, const std::string& part) {
    return std::any_of(s.labels.begin(), s.labels.end(), [&](const Label& l) { return l.text.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("every province, city and crossing has a local name for its bilingual label, or is listed as having none") {
    const ProjectedMap& map = regionalMap();
    for (const LabelPoint& p : map.provinceLabels) {
        CAPTURE(p.text);
        CHECK((!p.local.empty() || kNoLocalName.count(p.text) == 1));
        if (!p.local.empty()) CHECK(geo::isArabicScript(p.local));
    }
    for (const LabelPoint& c : map.cityLabels) {
        CAPTURE(c.text);
        CHECK((!c.local.empty() || kNoLocalName.count(c.text) == 1));
    }
    for (const timeline::Event* crossing : test::embeddedCatalogue().crossings()) {
        const std::string id(crossing->id.view());
        CAPTURE(id);
        const std::string local = crossingLocalLabelName(map.localNames, id);
        CHECK((!local.empty() || kNoLocalName.count(id) == 1));
    }
}

TEST_CASE("a label shows Dari in Afghanistan, Urdu in Pakistan, Pashto where neither is known, a crossing both sides") {
    const geo::LocalNames& names = regionalMap().localNames;
    CHECK(localLabelName(names, geo::PlaceKind::City, "Kandahar", "Afghanistan") == "\u0642\u0646\u062F\u0647\u0627\u0631");  // قندهار, not Pashto کندهار
    CHECK(localLabelName(names, geo::PlaceKind::City, "Peshawar", "Pakistan") == "\u067E\u0634\u0627\u0648\u0631");          // پشاور
    CHECK(localLabelName(names, geo::PlaceKind::City, "Zhob", "Pakistan") == "\u0698\u0648\u0628");                          // ژوب (Pashto)
    CHECK(localLabelName(names, geo::PlaceKind::City, "Atlantis", "Pakistan").empty());
    // Torkham is spelled alike on both sides: once.
    CHECK(crossingLocalLabelName(names, "torkham") == "\u062A\u0648\u0631\u062E\u0645");
    // Chaman: the Friendship Gate (Urdu) and Spin Boldak (Dari), Pakistan's first.
    const std::string chaman = crossingLocalLabelName(names, "chaman");
    CHECK(chaman.find(" / ") != std::string::npos);
    CHECK(chaman.find("\u0628\u0627\u0628 \u062F\u0648\u0633\u062A\u06CC") == 0);  // باب دوستی
}

TEST_CASE("bilingual labels carry the Arabic-script names, drawn with no missing glyph, and English labels none") {
    const DynamicScene english = labelsOn(LabelLanguage::English);
    const DynamicScene bilingual = labelsOn(LabelLanguage::Bilingual);
    CHECK(anyLabelHas(english, "Kabul"));
    CHECK_FALSE(anyLabelHas(english, "\xC2\xB7"));
    CHECK(anyLabelHas(bilingual, "Kabul \xC2\xB7 \u06A9\u0627\u0628\u0644"));          // کابل
    CHECK(anyLabelHas(bilingual, "Islamabad \xC2\xB7 \u0627\u0633\u0644\u0627\u0645 \u0622\u0628\u0627\u062F"));  // اسلام آباد
    CHECK(anyLabelHas(bilingual, "Torkham \xC2\xB7 \u062A\u0648\u0631\u062E\u0645"));
    std::size_t withLocal = 0;
    for (const Label& l : bilingual.labels) {
        CAPTURE(l.text);
        CHECK(text::unknownGlyphs(l.text, {l.size_px, l.bold, l.italic, l.letterSpacing_em}) == 0);
        if (l.kind == LabelKind::Country) continue;
        const std::size_t dot = l.text.find("\xC2\xB7");
        if (dot == std::string::npos) continue;
        ++withLocal;
        CHECK(geo::isArabicScript(l.text.substr(dot + 3)) == (l.text.find(" / ") == std::string::npos));
        // The box is the measured width of the whole line: the placer measured the text it placed.
        CHECK(l.box.x1 - l.box.x0 >= text::width(l.text, l.size_px) - 0.5);
    }
    CHECK(withLocal >= 10);
    // Labels never overlap one another, bilingual or not.
    for (std::size_t i = 0; i < bilingual.labels.size(); ++i)
        for (std::size_t j = i + 1; j < bilingual.labels.size(); ++j) {
            CAPTURE(bilingual.labels[i].text);
            CAPTURE(bilingual.labels[j].text);
            CHECK_FALSE(bilingual.labels[i].box.overlaps(bilingual.labels[j].box));
        }
}
