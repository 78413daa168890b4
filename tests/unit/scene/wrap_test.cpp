#include "../timeline/timeline_fixture.hpp"

#include <bordermap/scene/scene.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <unordered_set>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;

namespace {

// wrapText as it was, measuring every trial line whole: the reference the linear version must agree with.
std::vector<std::string> wrapWhole(const std::string& text, double width_px, double size_px, const TextMeasure& measure) {
    std::vector<std::string> lines;
    std::string line, word;
    for (char c : text + " ") {
        if (c != ' ') {
            word += c;
            continue;
        }
        if (word.empty()) continue;
        const std::string trial = line.empty() ? word : line + " " + word;
        if (measure(trial, size_px) > width_px && !line.empty()) {
            lines.push_back(line);
            line = word;
        } else {
            line = trial;
        }
        word.clear();
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

// The export's footer as it was: one source fewer at a time, the whole text wrapped again each time.
std::vector<std::string> sourcesByDropping(const std::vector<std::string>& sources, double width_px, double size_px,
                                           std::size_t maxLines, const TextMeasure& measure) {
    for (std::size_t shown = sources.size();; --shown) {
        std::string text = sources.empty() ? "Sources: no event is shown." : "Sources of the events and crossings shown: ";
        for (std::size_t i = 0; i < shown; ++i) text += (i ? " · " : "") + sources[i];
        if (shown < sources.size())
            text += (shown ? " · and " : "") + std::to_string(sources.size() - shown) + (shown ? " more" : " sources") +
                    " (listed with each event, in its details and its file)";
        std::vector<std::string> lines = wrapWhole(text, width_px, size_px, measure);
        if (lines.size() <= maxLines || shown == 0) return lines;
    }
}

// A measure that counts its calls.
struct CountingMeasure {
    std::size_t calls = 0;
    TextMeasure measure() {
        return [this](const std::string& text, double size_px) {
            ++calls;
            return approximateTextWidth(text, size_px);
        };
    }
};

// Bytes as pixels: whole-number widths, so limits are met exactly and often.
double bytesWide(const std::string& text, double) { return static_cast<double>(text.size()); }

// Sources of random words, some with doubled or leading spaces, one in a while empty.
std::vector<std::string> randomSources(std::mt19937& rng, std::size_t n) {
    static const char* const kWords[] = {"Dawn,", "2025-10-12,", "https://www.dawn.com/news/1948000", "Torkham", "·", "the",
                                         "Pajhwok", "Afghan", "News", "(Khost)", "Chaman–Spin", "Boldak", "a", "Khyber-Pakhtunkhwa"};
    std::vector<std::string> sources(n);
    for (std::string& s : sources) {
        const std::size_t words = rng() % 9;
        for (std::size_t w = 0; w < words; ++w) {
            s += rng() % 11 == 0 ? "  " : (w ? " " : "");
            s += kWords[rng() % std::size(kWords)];
        }
    }
    return sources;
}

// sourcesShown as it was: the shown events' indices sorted, every source compared by content.
std::vector<std::string> sourcesBySorting(const DynamicScene& scene, const timeline::Catalogue& catalogue) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    std::vector<std::uint32_t> shown = scene.eventsInView;
    for (const CrossingIcon& c : scene.crossings)
        if (const timeline::Event* e = catalogue.find(c.crossingId)) shown.push_back(catalogue.indexOf(*e));
    std::sort(shown.begin(), shown.end());
    shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
    for (std::uint32_t i : shown)
        for (const std::string& s : catalogue.sourcesOf(catalogue.events[i]))
            if (s.rfind("Coordinates", 0) != 0 && seen.insert(s).second) out.push_back(s);
    return out;
}

}  // namespace

TEST_CASE("text wraps at spaces to a width, a long word standing alone") {
    const auto measure = [](const std::string& t, double) { return static_cast<double>(t.size()); };
    CHECK(wrapText("the Durand Line is disputed", 12, 10, measure) == std::vector<std::string>{"the Durand", "Line is", "disputed"});
    CHECK(wrapText("Pakhtunkhwa-and-more short", 5, 10, measure) == std::vector<std::string>{"Pakhtunkhwa-and-more", "short"});
    CHECK(wrapText("  ", 5, 10, measure).empty());
}

TEST_CASE("wrapping measures each word once and breaks where measuring whole lines did") {
    std::mt19937 rng(20251020);
    for (int round = 0; round < 300; ++round) {
        std::string text;
        for (const std::string& s : randomSources(rng, 1 + rng() % 40)) text += s + " ";
        // Limits a whole number of average glyphs wide: approximateTextWidth meets them exactly, sums within an ulp.
        const double size_px = 7.0 + static_cast<double>(rng() % 9);
        const double glyphs = static_cast<double>(20 + rng() % 120), width_px = glyphs * size_px * 0.58;
        CAPTURE(text);
        CHECK(wrapText(text, width_px, size_px, approximateTextWidth) == wrapWhole(text, width_px, size_px, approximateTextWidth));
        CHECK(wrapText(text, glyphs, 1, bytesWide) == wrapWhole(text, glyphs, 1, bytesWide));
    }
    std::string line;
    for (int i = 0; i < 5000; ++i) line += "Torkham ";
    CountingMeasure counting;
    CHECK(wrapText(line, 1e9, 11, counting.measure()).size() == 1);
    CHECK(counting.calls <= 5001);  // each word, and a space
}

TEST_CASE("the footer's sources are laid out as dropping one at a time and re-wrapping laid them out") {
    std::mt19937 rng(1893);  // the year of the Durand Line
    for (int round = 0; round < 400; ++round) {
        const std::vector<std::string> sources = randomSources(rng, rng() % 30);
        const double size_px = 11;
        const double glyphs = static_cast<double>(15 + rng() % 200), width_px = glyphs * size_px * 0.58;
        const std::size_t maxLines = 1 + rng() % 8;
        CAPTURE(glyphs);
        CAPTURE(maxLines);
        CHECK(wrapSources(sources, width_px, size_px, maxLines, approximateTextWidth) ==
              sourcesByDropping(sources, width_px, size_px, maxLines, approximateTextWidth));
        CHECK(wrapSources(sources, glyphs, 1, maxLines, bytesWide) == sourcesByDropping(sources, glyphs, 1, maxLines, bytesWide));
    }
    CHECK(wrapSources({}, 1000, 11, 3, approximateTextWidth) == std::vector<std::string>{"Sources: no event is shown."});
    const std::vector<std::string> narrow = wrapSources({"A, B", "C, D"}, 114, 11, 1, approximateTextWidth);
    REQUIRE_FALSE(narrow.empty());
    CHECK(narrow.back() == "its file)");  // not even one source fits: "2 sources (listed ...)"
    CHECK(narrow.front() == "Sources of the");
}

// Not a timing: the number of measurements. The footer used to try n, n - 1, ... sources, wrapping the whole list
// again each time and measuring every growing line: about 18 million measurements for these 2,000 sources.
TEST_CASE("the footer's measurements grow linearly with 2,000 sources, and stop at the cut") {
    const std::size_t n = 2000;
    timeline::Catalogue catalogue;
    for (std::size_t i = 0; i < n; ++i) {
        TextStore& store = *catalogue.text;
        timeline::Event e;
        e.id = store.keep("syn-" + std::to_string(i + 1));
        e.kind = timeline::EventKind::Clash;
        e.name = store.keep("Clash " + std::to_string(i + 1));
        e.start = timeline::Date(day("2025-10-01") + std::chrono::days{i % 19}, timeline::TimePrecision::Day);
        const std::string report = "Report number " + std::to_string(i + 1) +
                                   ", The Test Gazette, 2025-10-01, https://example.org/" + std::to_string(i + 1);
        const std::string_view sources[] = {report, "Coordinates: the test's own"};
        e.sources = catalogue.sourceText->keepLong(timeline::joinSources(sources));
        const LonLat place{66.0 + static_cast<double>(i % 40) / 10.0, 32.0 + static_cast<double>(i / 40 % 30) / 10.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        catalogue.events.push_back(e);
    }
    timeline::sortEvents(catalogue);
    const ProjectedMap map = projectMap(test::boundaries(), "regional");
    const View view = fitView(map.regionBox, 1600, 1000);
    const DynamicScene scene = buildDynamicScene(map, catalogue, view, {day("2025-10-20"), TimeMode::Window, 30},
                                                 makeStyle(PaletteKind::Standard, DurandView::International), {});
    REQUIRE(scene.eventsInView.size() == n);  // drawn as clusters, every one of them counted
    const std::vector<std::string> sources = sourcesShown(scene, catalogue);
    REQUIRE(sources.size() == n);  // the coordinate notes left out

    SUBCASE("the export's budget: a dozen lines at 11 px across 1,580 px") {
        CountingMeasure counting;
        const std::vector<std::string> lines = wrapSources(sources, 1580, 11, 12, counting.measure());
        MESSAGE(n << " sources, 12 lines: " << counting.calls << " measurements");
        CHECK(lines.size() <= 12);
        CHECK(counting.calls <= 4 * n);
        CHECK(lines.back().find(" more (listed with each event, in its") != std::string::npos);
        // Honest: the sources listed and the N more add up to all of them.
        std::string all;
        for (const std::string& line : lines) all += line + " ";
        std::size_t listed = 0;
        for (std::size_t at = all.find("Report number"); at != std::string::npos; at = all.find("Report number", at + 1)) ++listed;
        const std::size_t and_at = all.find("· and ");
        REQUIRE(and_at != std::string::npos);
        CHECK(listed + std::stoul(all.substr(and_at + std::string("· and ").size())) == n);
        CHECK(counting.calls <= 4 * listed + 32);  // none of the sources after the cut is measured
    }
    SUBCASE("room for every source: each measured whole, and word by word where a line breaks in it") {
        CountingMeasure counting;
        const std::vector<std::string> lines = wrapSources(sources, 1580, 11, 100'000, counting.measure());
        MESSAGE(n << " sources, no line budget: " << lines.size() << " lines, " << counting.calls << " measurements");
        CHECK(counting.calls <= 4 * n);
        // The last source listed is the last event's (events in order of date: the 19th of October's last).
        CHECK(sources.back().find("https://example.org/1995") != std::string::npos);
        CHECK(lines.back().find("https://example.org/1995") != std::string::npos);
    }
}

TEST_CASE("the sources shown are those comparing every source by content found, in catalogue order") {
    std::mt19937 rng(2025);
    for (int round = 0; round < 20; ++round) {
        timeline::Catalogue catalogue;
        TextStore& store = *catalogue.text;
        // A pool of sources, some of them coordinate notes; an event's list is interned (as ACLED's are), or kept
        // as a copy of its own (the same text at another place in the store), as an events file's are.
        std::vector<std::string> pool;
        for (std::size_t i = 0; i < 60; ++i)
            pool.push_back(i % 9 == 0 ? "Coordinates: note " + std::to_string(i % 4) : "Outlet " + std::to_string(i % 47) + ", 2025");
        const std::size_t n = 500 + rng() % 3000;
        for (std::size_t i = 0; i < n; ++i) {
            timeline::Event e;
            e.id = store.keep("syn-" + std::to_string(i));
            e.kind = i % 50 == 0 ? timeline::EventKind::Crossing : timeline::EventKind::Clash;
            e.start = timeline::Date(day("2025-10-01") + std::chrono::days{rng() % 20}, timeline::TimePrecision::Day);
            std::vector<std::string_view> sources;
            for (std::size_t k = rng() % 5; k > 0; --k) sources.emplace_back(pool[rng() % (round % 2 == 0 ? pool.size() : 8)]);
            const std::string joined = timeline::joinSources(sources);
            if (!sources.empty()) e.sources = rng() % 4 == 0 ? catalogue.sourceText->keepLong(joined) : catalogue.sourceText->internLong(joined);
            catalogue.events.push_back(e);
        }
        timeline::sortEvents(catalogue);
        DynamicScene scene;
        for (std::size_t k = rng() % (2 * n); k > 0; --k) scene.eventsInView.push_back(static_cast<std::uint32_t>(rng() % n));
        for (const timeline::Event& e : catalogue.events)
            if (e.kind == timeline::EventKind::Crossing && rng() % 2 == 0) {
                CrossingIcon icon;
                icon.crossingId = std::string(e.id.view());
                scene.crossings.push_back(icon);
            }
        CAPTURE(round);
        CHECK(sourcesShown(scene, catalogue) == sourcesBySorting(scene, catalogue));
    }
    CHECK(sourcesShown(DynamicScene{}, timeline::Catalogue{}).empty());
}
