// An SVG export read back as a reader's program would: its text is <text> elements, each map label where the scene
// placed it, the boxes apart, and no glyph outlines. The file comes from render::exportMap itself (no process), so
// that the test can rebuild the scene the page drew and compare.

#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/render/cairo_export.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/selection.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace bordermap;
using test::day;

namespace {

// A tiny XML reader, enough for the files this export writes: elements, attributes and character data, with the
// five named entities and numeric references. Throws std::runtime_error on what is not well-formed in those terms.
struct Element {
    std::string name;
    std::map<std::string, std::string> attributes;
    std::string text;  // the character data directly inside, entities decoded
    std::vector<std::unique_ptr<Element>> children;
    Element* parent = nullptr;

    std::string attribute(const std::string& key) const {
        const auto found = attributes.find(key);
        return found == attributes.end() ? std::string() : found->second;
    }
    double number(const std::string& key) const { return std::atof(attribute(key).c_str()); }
};

void appendUtf8(std::string& out, unsigned long c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string decoded(const std::string& raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out += raw[i];
            continue;
        }
        const std::size_t semi = raw.find(';', i);
        if (semi == std::string::npos) throw std::runtime_error("an unterminated entity");
        const std::string name = raw.substr(i + 1, semi - i - 1);
        if (name == "amp") out += '&';
        else if (name == "lt") out += '<';
        else if (name == "gt") out += '>';
        else if (name == "quot") out += '"';
        else if (name == "apos") out += '\'';
        else if (name.size() > 1 && name[0] == '#') appendUtf8(out, std::strtoul(name.c_str() + (name[1] == 'x' ? 2 : 1), nullptr, name[1] == 'x' ? 16 : 10));
        else throw std::runtime_error("an unknown entity &" + name + ";");
        i = semi;
    }
    return out;
}

std::unique_ptr<Element> parseXml(const std::string& xml) {
    auto root = std::make_unique<Element>();
    Element* current = root.get();
    std::size_t i = 0;
    while (i < xml.size()) {
        if (xml[i] != '<') {
            const std::size_t next = std::min(xml.find('<', i), xml.size());
            current->text += decoded(xml.substr(i, next - i));
            i = next;
            continue;
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            i = xml.find("-->", i);
            if (i == std::string::npos) throw std::runtime_error("an unterminated comment");
            i += 3;
            continue;
        }
        if (xml.compare(i, 2, "<?") == 0) {
            i = xml.find("?>", i);
            if (i == std::string::npos) throw std::runtime_error("an unterminated declaration");
            i += 2;
            continue;
        }
        if (xml.compare(i, 2, "</") == 0) {
            const std::size_t close = xml.find('>', i);
            if (close == std::string::npos || xml.substr(i + 2, close - i - 2) != current->name || current->parent == nullptr)
                throw std::runtime_error("a mismatched end tag at byte " + std::to_string(i));
            current = current->parent;
            i = close + 1;
            continue;
        }
        auto element = std::make_unique<Element>();
        element->parent = current;
        std::size_t j = i + 1;
        while (j < xml.size() && !std::isspace(static_cast<unsigned char>(xml[j])) && xml[j] != '>' && xml[j] != '/') ++j;
        element->name = xml.substr(i + 1, j - i - 1);
        bool selfClosing = false;
        for (;;) {
            while (j < xml.size() && std::isspace(static_cast<unsigned char>(xml[j]))) ++j;
            if (j >= xml.size()) throw std::runtime_error("an unterminated start tag");
            if (xml[j] == '>') break;
            if (xml.compare(j, 2, "/>") == 0) {
                selfClosing = true;
                ++j;
                break;
            }
            const std::size_t equals = xml.find('=', j);
            if (equals == std::string::npos || equals + 1 >= xml.size() || (xml[equals + 1] != '"' && xml[equals + 1] != '\''))
                throw std::runtime_error("an attribute without a quoted value at byte " + std::to_string(j));
            const std::size_t end = xml.find(xml[equals + 1], equals + 2);
            if (end == std::string::npos) throw std::runtime_error("an unterminated attribute value");
            const std::string key = xml.substr(j, equals - j);
            if (!element->attributes.emplace(key, decoded(xml.substr(equals + 2, end - equals - 2))).second)
                throw std::runtime_error("attribute " + key + " twice");
            j = end + 1;
        }
        Element* added = element.get();
        current->children.push_back(std::move(element));
        if (!selfClosing) current = added;
        i = j + 1;
    }
    if (current != root.get()) throw std::runtime_error("<" + current->name + "> is not closed");
    return root;
}

void collect(const Element& e, const std::string& name, std::vector<const Element*>& out) {
    if (e.name == name) out.push_back(&e);
    for (const auto& child : e.children) collect(*child, name, out);
}

std::vector<const Element*> all(const Element& root, const std::string& name) {
    std::vector<const Element*> out;
    collect(root, name, out);
    return out;
}

bool inside(const Element* e, const Element* group) {
    for (const Element* p = e->parent; p != nullptr; p = p->parent)
        if (p == group) return true;
    return false;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string outputFile(const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(BORDERMAP_TEST_OUTPUT_DIR) / "svg_export";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

// The inputs `bordermap render --date 2025-10-20` gives exportMap: the region, 30 days to the date, every layer.
struct Region {
    scene::ProjectedMap map = scene::projectMap(test::boundaries(), "regional");
    timeline::EventSelection events{test::embeddedCatalogue()};
    scene::TimeSettings time{day("2025-10-20"), scene::TimeMode::Window, 30};
    scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    Region() {
        scene::projectEvents(map, test::embeddedCatalogue());
        style.scale = 1.0;
    }
    render::ExportScene exportScene() const { return {map, events, map.regionBox, time, style, scene::LayerSwitches{}}; }
};

const Region& region() {
    static const Region r;
    return r;
}

struct Frame {
    double x = 0, y = 0, w = 0, h = 0;
};

// The map's frame: the first clip, a rectangle "M x y h w v h h -w Z", and the group it clips.
std::pair<Frame, const Element*> mapFrame(const Element& root) {
    for (const Element* g : all(root, "g")) {
        const std::string url = g->attribute("clip-path");
        if (url.size() < 6) continue;
        const std::string id = url.substr(5, url.size() - 6);  // url(#ID)
        for (const Element* clip : all(root, "clipPath"))
            if (clip->attribute("id") == id && !clip->children.empty()) {
                Frame f;
                double back = 0;
                if (std::sscanf(clip->children[0]->attribute("d").c_str(), "M%lf %lf h%lf v%lf h%lf", &f.x, &f.y, &f.w, &f.h, &back) == 5)
                    return {f, g};
            }
    }
    return {{}, nullptr};
}

}  // namespace

TEST_CASE("an SVG export's text is <text>, each map label where the scene placed it") {
    const Region& in = region();
    const std::string path = outputFile("region_2025-10-20.svg");
    render::ExportOptions options;  // 1600 x 1000 at 96 dpi, every decoration
    render::exportMap(path, in.exportScene(), options);
    const std::string xml = slurp(path);
    std::unique_ptr<Element> root;
    REQUIRE_NOTHROW(root = parseXml(xml));

    SUBCASE("well-formed SVG, its sources in the metadata, no glyph outlines") {
        REQUIRE(root->children.size() == 1);
        CHECK(root->children[0]->name == "svg");
        CHECK(root->children[0]->attribute("width") == "1200pt");
        CHECK(root->children[0]->attribute("viewBox") == "0 0 1600 1000");
        CHECK(xml.find("<metadata><bordermap:sources") != std::string::npos);
        CHECK(all(*root, "bordermap:source").size() >= 12);
        CHECK(all(*root, "bordermap:source")[0]->text.rfind("1. ", 0) == 0);
        CHECK(all(*root, "symbol").empty());
        CHECK(all(*root, "use").empty());
        CHECK(xml.find("glyph") == std::string::npos);
        if (std::system("command -v xmllint > /dev/null 2>&1") == 0)
            CHECK(std::system(("xmllint --noout '" + path + "'").c_str()) == 0);
    }

    const std::vector<const Element*> texts = all(*root, "text");
    const auto hasText = [&](const std::string& content) {
        return std::any_of(texts.begin(), texts.end(), [&](const Element* t) { return t->text == content; });
    };

    SUBCASE("every piece of text on the page is there as text") {
        for (const char* city : {"Kabul", "Peshawar", "Quetta", "Jalalabad"}) {
            CAPTURE(city);
            CHECK(hasText(city));
        }
        CHECK(hasText("The Afghanistan-Pakistan border"));  // the title band
        CHECK(hasText("20 October 2025"));
        CHECK(hasText("N"));                                // the north arrow
        CHECK(hasText("0"));                                // the scale bar's figures
        CHECK(hasText("70\u00b0E"));                        // a degree tick
        CHECK(std::any_of(texts.begin(), texts.end(), [](const Element* t) { return t->text.rfind("true at ", 0) == 0; }));
        CHECK(std::any_of(texts.begin(), texts.end(), [](const Element* t) { return t->text.rfind("Sources: the ", 0) == 0; }));
        CHECK(std::any_of(texts.begin(), texts.end(), [](const Element* t) { return t->text.find("Natural Earth") != std::string::npos; }));
        for (const Element* t : texts) {
            CAPTURE(t->text);
            CHECK(t->attribute("font-family").rfind("'Noto Sans'", 0) == 0);
            CHECK(t->number("font-size") > 0);
            CHECK(t->number("textLength") > 0);
            CHECK(t->attribute("lengthAdjust") == "spacingAndGlyphs");
        }
    }

    SUBCASE("the map's labels lie where the scene put them, their boxes apart") {
        const auto [frame, map] = mapFrame(*root);
        REQUIRE(map != nullptr);
        // The scene the page drew: its view fits the region in the frame, as exportMap does.
        const scene::View view = scene::fitView(in.map.regionBox, static_cast<int>(std::lround(frame.w)),
                                                static_cast<int>(std::lround(frame.h)), 8.0);
        const scene::DynamicScene dynamic = scene::buildDynamicScene(in.map, in.events, view, in.time, in.style, scene::LayerSwitches{},
                                                                     render::exportTextWidth);
        REQUIRE(dynamic.labels.size() > 10);
        std::size_t crossings = 0;
        std::vector<const Element*> drawn;
        for (const scene::Label& label : dynamic.labels) {
            CAPTURE(label.text);
            crossings += label.kind == scene::LabelKind::Crossing ? 1 : 0;
            // The export sets each label's baseline 0.95 of its size below the top of its box.
            const double x = frame.x + label.anchor.x_px, baseline = frame.y + label.anchor.y_px + label.size_px * 0.95;
            const Element* found = nullptr;
            for (const Element* t : texts)
                if (t->text == label.text && inside(t, map) && std::abs(t->number("x") - x) <= 0.5 && std::abs(t->number("y") - baseline) <= 0.5)
                    found = t;
            CHECK_MESSAGE(found != nullptr, "no <text> at (" << x << ", " << baseline << ")");
            if (found == nullptr) continue;
            CHECK(found->number("font-size") == doctest::Approx(label.size_px).epsilon(0.001));
            CHECK((found->attribute("font-weight") == "bold") == label.bold);
            CHECK((found->attribute("font-style") == "italic") == label.italic);
            CHECK(found->attribute("paint-order") == "stroke");  // the halo under the letters
            drawn.push_back(found);
        }
        CHECK(crossings >= 3);
        // The drawn boxes: from the baseline up by 0.95 em and down to the placer's 1.25 em, Pango's width across.
        for (std::size_t i = 0; i < drawn.size(); ++i)
            for (std::size_t j = i + 1; j < drawn.size(); ++j) {
                const auto box = [](const Element* t) {
                    const double size = t->number("font-size"), top = t->number("y") - 0.95 * size;
                    return scene::ScreenBox{t->number("x"), top, t->number("x") + t->number("textLength"), top + 1.25 * size};
                };
                CAPTURE(drawn[i]->text);
                CAPTURE(drawn[j]->text);
                CHECK_FALSE(box(drawn[i]).overlaps(box(drawn[j])));
            }
    }
}

TEST_CASE("an SVG export's right-to-left and escaped text") {
    const Region& in = region();
    const std::string path = outputFile("urdu_title.svg");
    render::ExportOptions options;
    options.width_px = 900;
    options.height_px = 600;
    options.title = "\u0633\u0631\u062d\u062f \u067e\u0627\u06a9\u0633\u062a\u0627\u0646";  // "sarhad Pakistan" in Urdu
    options.subtitle = "Tom & Jerry <\"crossings\">  two spaces";
    render::exportMap(path, in.exportScene(), options);
    const std::string xml = slurp(path);
    std::unique_ptr<Element> root;
    REQUIRE_NOTHROW(root = parseXml(xml));
    const Element* title = nullptr;
    const Element* subtitle = nullptr;
    for (const Element* t : all(*root, "text")) {
        if (t->text == options.title) title = t;
        if (t->text == options.subtitle) subtitle = t;
    }
    REQUIRE(title != nullptr);
    REQUIRE(subtitle != nullptr);
    // Set right to left, it starts at its box's right edge: the margin plus its width.
    CHECK(title->attribute("direction") == "rtl");
    CHECK(title->number("x") == doctest::Approx(14 + title->number("textLength")).epsilon(0.001));
    CHECK(subtitle->attribute("direction").empty());
    CHECK(subtitle->number("x") == doctest::Approx(14));
    CHECK(root->children[0]->attribute("xml:space") == "preserve");  // the two spaces stay two
}
