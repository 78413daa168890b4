#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/local_names.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>

using namespace bordermap;
using namespace bordermap::geo;

namespace {

LocalNames fromText(std::string_view text) {
    return loadLocalNames(std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size()), "names.csv");
}

// The one-line message loading `text` gives.
std::string refusal(std::string_view text) {
    try {
        fromText(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "accepted";
}

constexpr std::string_view kHeader = "kind,place,country,lang,name,source\n";

}  // namespace

TEST_CASE("the embedded local names load: every name in Arabic script, with a known language and a source") {
    const LocalNames names = loadEmbeddedLocalNames();
    CHECK(names.origin == "embedded geodata/local_names.csv");
    CHECK(names.names.size() >= 130);
    std::set<std::string> languages;
    for (const LocalName& n : names.names) {
        CAPTURE(n.place);
        CHECK(isArabicScript(n.name));
        CHECK(isKnownLanguage(n.lang));
        CHECK_FALSE(n.source.empty());
        CHECK((n.country == "Afghanistan" || n.country == "Pakistan"));
        languages.insert(n.lang);
    }
    CHECK(languages == std::set<std::string>{"fa", "ps", "ur"});
    const LocalName* kabul = names.find(PlaceKind::City, "Kabul", "Afghanistan", "fa");
    REQUIRE(kabul != nullptr);
    CHECK(kabul->name == "\u06A9\u0627\u0628\u0644");  // کابل
    CHECK(kabul->source.find("https://") != std::string::npos);
    CHECK(names.find(PlaceKind::City, "Kabul", "Pakistan", "fa") == nullptr);
}

TEST_CASE("every province's name has a row in its country's language") {
    const BoundaryData data = loadEmbeddedBoundaries();
    REQUIRE(data.provinces.features.size() == 41);
    for (const Feature& f : data.provinces.features) {
        const std::string name(data.provinces.value(f, "name"));
        const std::string country(data.provinces.value(f, "country"));
        CAPTURE(name);
        CHECK(data.localNames.find(PlaceKind::Province, name, country, country == "Pakistan" ? "ur" : "fa") != nullptr);
    }
}

TEST_CASE("Arabic script: letters, spaces and the half-space, nothing else") {
    CHECK(isArabicScript("\u06A9\u0627\u0628\u0644"));
    CHECK(isArabicScript("\u0645\u0632\u0627\u0631 \u0634\u0631\u06CC\u0641"));
    CHECK(isArabicScript("\u0641\u06CC\u0636\u200C\u0622\u0628\u0627\u062F"));
    CHECK_FALSE(isArabicScript(""));
    CHECK_FALSE(isArabicScript(" "));
    CHECK_FALSE(isArabicScript("Kabul"));
    CHECK_FALSE(isArabicScript("\u06A9\u0627\u0628\u0644 (Kabul)"));
    CHECK_FALSE(isArabicScript("\xD9"));          // a cut sequence
    CHECK_FALSE(isArabicScript("\xC0\x80"));      // overlong
}

TEST_CASE("a bad table of local names is refused with one line naming the file, the row and the field") {
    const std::string kabul = "\u06A9\u0627\u0628\u0644";
    CHECK(fromText(std::string(kHeader) + "city,Kabul,Afghanistan,fa," + kabul + ",\"Wikipedia, 'Kabul'\"\n").names.size() == 1);
    const std::string latin = refusal(std::string(kHeader) + "city,Kabul,Afghanistan,fa,Kabul,a source\n");
    CHECK(latin == "names.csv: layer 'local_names': feature #1 ('Kabul'): field 'name': not in Arabic script");
    CHECK(latin.find('\n') == std::string::npos);
    CHECK(refusal(std::string(kHeader) + "city,Kabul,Afghanistan,de," + kabul + ",s\n").find("field 'lang'") != std::string::npos);
    CHECK(refusal(std::string(kHeader) + "town,Kabul,Afghanistan,fa," + kabul + ",s\n").find("field 'kind'") != std::string::npos);
    CHECK(refusal(std::string(kHeader) + "city,Kabul,Iran,fa," + kabul + ",s\n").find("field 'country'") != std::string::npos);
    CHECK(refusal(std::string(kHeader) + "city,Kabul,Afghanistan,fa,,s\n").find("field 'name': empty") != std::string::npos);
    CHECK(refusal(std::string(kHeader) + "city,Kabul,Afghanistan,fa," + kabul + ",\n").find("field 'source'") != std::string::npos);
    CHECK(refusal(std::string(kHeader) + "city,Kabul,Afghanistan,fa," + kabul + ",s\ncity,Kabul,Afghanistan,fa," + kabul +
                  ",t\n")
              .find("feature #2 ('Kabul'): field 'lang': a second fa name") != std::string::npos);
    CHECK(refusal("kind,place,country,lang,source\ncity,Kabul,Afghanistan,fa,s\n") ==
          "names.csv: layer 'local_names': field 'name': the table has no such column");
}

TEST_CASE("loadLocalNames names a missing file") {
    CHECK_THROWS_AS(loadLocalNames("/nonexistent/local_names.csv"), InputError);
}
