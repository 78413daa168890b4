// What the viewer does with a big catalogue between two frames, timed in process: re-selecting for a filter (free
// text both by the scan and through the word index, whose build is timed too), stepping the slider a day (state,
// totals, the window's bins), binning for a new zoom level, and building a frame's scene from kept bins. Checks each
// result is not empty before timing. Prints the catalogue's size and the median of each over N runs (milliseconds).
// --export-only times the exports alone (the last lines), for a profiler.
//
//   bench_interaction ACLED.csv [--runs N] [--date YYYY-MM-DD] [--export-only]

#include <bordermap/core/text.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/acled.hpp>
#include <bordermap/timeline/text_index.hpp>
#ifdef BORDERMAP_BENCH_SEARCH
#include <bordermap/ui/search.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace bordermap;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Two pieces of work run by turns, so that a machine busier at one time than another weighs on both alike: the
// medians of each one's wall-clock and CPU milliseconds (the CPU time, the process's own, moves less with the load
// of a shared machine).
struct PairMs {
    double first, second, firstCpu, secondCpu;
};
PairMs medianPairMs(int runs, const std::function<void()>& first, const std::function<void()>& second) {
    std::vector<double> ms[4];
    for (int i = 0; i < runs; ++i) {
        for (int k = 0; k < 2; ++k) {
            const auto start = Clock::now();
            const double cpu = cpuMs();
            (k == 0 ? first : second)();
            ms[2 * k + 1].push_back(cpuMs() - cpu);
            ms[2 * k].push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
    }
    for (std::vector<double>& m : ms) std::sort(m.begin(), m.end());
    const auto mid = [&](int k) { return ms[k][ms[k].size() / 2]; };
    return {mid(0), mid(2), mid(1), mid(3)};
}

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "bench_interaction: %s\n", what);
    std::exit(1);
}

// An export with every event in view against the same export with the embedded events alone (PNG 1600x1000,
// the region, the window of 30 days and all events so far): the footer, the clusters and the legend included. The
// two run by turns.
void timeExports(int runs, const geo::BoundaryData& boundaries, const timeline::ValidationContext& context,
                 const scene::ProjectedMap& map, const timeline::EventSelection& all, const scene::Style& style,
                 timeline::CalendarDay day) {
    const timeline::Catalogue embedded = timeline::loadEmbeddedCatalogue(context);
    scene::ProjectedMap embeddedMap = scene::projectMap(boundaries, "regional");
    scene::projectEvents(embeddedMap, embedded);
    const timeline::EventSelection embeddedOnly(embedded, {});
    const std::string png = "/tmp/bench_interaction_export.png";
    for (const scene::TimeMode mode : {scene::TimeMode::Window, scene::TimeMode::Cumulative}) {
        const scene::TimeSettings time{day, mode, 30};
        const PairMs ms = medianPairMs(
            runs, [&] { render::exportMap(png, {map, all, map.regionBox, time, style, {}}, render::ExportOptions{}); },
            [&] { render::exportMap(png, {embeddedMap, embeddedOnly, embeddedMap.regionBox, time, style, {}}, render::ExportOptions{}); });
        std::printf("  export PNG 1600x1000, %-10s  %8.2f  (embedded alone %.2f: %.2fx; CPU %.2f / %.2f: %.2fx)\n",
                    mode == scene::TimeMode::Window ? "window" : "cumulative", ms.first, ms.second, ms.first / ms.second,
                    ms.firstCpu, ms.secondCpu, ms.firstCpu / ms.secondCpu);
    }
    std::remove(png.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_interaction ACLED.csv [--runs N] [--date YYYY-MM-DD] [--export-only]\n");
        return 2;
    }
    int runs = 9;
    std::string date = "2025-10-20";
    bool exportOnly = false;
    for (int i = 2; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--export-only") exportOnly = true;
        else if (option == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (option == "--date" && i + 1 < argc) date = argv[++i];
    }
    const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
    timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(context);
    const auto loadStart = Clock::now();
    const timeline::AcledImport import = timeline::addAcledFile(catalogue, argv[1], context);
    const double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - loadStart).count();
    check(import.added > 0, "no event imported");
    scene::ProjectedMap map = scene::projectMap(boundaries, "regional");
    scene::projectEvents(map, catalogue);
    const scene::View view = scene::fitView(map.regionBox, 1220, 758, 30.0);
    const scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    const timeline::CalendarDay day = timeline::parseDate(date)->first();

    std::printf("bench_interaction: %zu events (%zu imported in %.0f ms), %d runs, medians in ms\n",
                catalogue.events.size(), import.added, loadMs, runs);
    const timeline::EventSelection all(catalogue, {});
    if (exportOnly) {
        timeExports(runs, boundaries, context, map, all, style, day);
        return 0;
    }
    timeline::EventFilter kinds;
    kinds.kinds = {timeline::EventKind::Airstrike, timeline::EventKind::Clash};
    timeline::EventFilter words;
    words.text = "Kunar";
    std::printf("  filter change, none:              %8.2f\n", medianMs(runs, [&] { timeline::EventSelection s(catalogue, {}); }));
    std::printf("  filter change, two kinds:         %8.2f\n", medianMs(runs, [&] { timeline::EventSelection s(catalogue, kinds); }));
    timeline::EventFilter source;
    source.source = "Dawn";
    std::printf("  filter change, source 'Dawn':     %8.2f\n", medianMs(runs, [&] { timeline::EventSelection s(catalogue, source); }));
    std::printf("  filter change, text 'Kunar':      %8.2f\n", medianMs(runs, [&] { timeline::EventSelection s(catalogue, words); }));
#ifdef BORDERMAP_BENCH_SEARCH
    // The side panel's search, once per keystroke: every event's name folded and matched.
    for (const char* query : {"kabul", "tork", "air"}) {
        std::size_t found = 0;
        const double ms = medianMs(runs, [&] { found = ui::search(boundaries, all, query).size(); });
        check(found > 0, "the search found nothing");
        std::printf("  search '%s' (%zu listed):%*s%8.2f\n", query, found, static_cast<int>(14 - std::strlen(query)), "", ms);
    }
#endif

    // Free text through the word index (what the viewer does once it has built one): its build, its size, and
    // queries of each shape beside the scan, each checked to select the same events first.
    std::unique_ptr<timeline::EventTextIndex> index;
    const double buildMs = medianMs(std::min(runs, 3), [&] { index = std::make_unique<timeline::EventTextIndex>(catalogue); });
    std::printf("  text index: built in %.0f ms, %zu words, %.1f MB (%.1f bytes an event)\n", buildMs,
                index->words().wordCount(), static_cast<double>(index->bytes()) / 1e6,
                static_cast<double>(index->bytes()) / static_cast<double>(catalogue.events.size()));
    const std::pair<const char*, const char*> queries[] = {
        {"a common word", "killed"},       {"a rare word", "Chitral"},         {"a word's start", "Tork"},
        {"a word's middle", "abad"},       {"one letter", "t"},                {"a phrase", "armed men"},
        {"a common phrase", "were reported killed"}};
    for (const auto& query : queries) {
        // Plain variables, not a structured binding: the lambdas below capture them, which clang before 16 rejects.
        const char* shape = query.first;
        const char* text = query.second;
        timeline::EventFilter filter;
        filter.text = text;
        const timeline::EventSelection scanned(catalogue, filter), indexed(catalogue, filter, index.get());
        check(scanned.eventCount() > 0, "a text query selects nothing");
        check(std::equal(scanned.indices().begin(), scanned.indices().end(), indexed.indices().begin(), indexed.indices().end()),
              "the index and the scan select different events");
        const double scan = medianMs(runs, [&] { timeline::EventSelection s(catalogue, filter); });
        const double through = medianMs(runs, [&] { timeline::EventSelection s(catalogue, filter, index.get()); });
        const double alone = medianMs(runs, [&] { check(index->eventsWith(catalogue, text).size() > 0, "no events"); });
        std::printf("  text %-16s %-24s %8.2f  (the index's part %.2f; scan %.2f; %zu events)\n", shape,
                    ("'" + std::string(text) + "':").c_str(), through, alone, scan, scanned.eventCount());
    }

    for (const scene::TimeMode mode : {scene::TimeMode::Window, scene::TimeMode::Cumulative}) {
        const char* name = mode == scene::TimeMode::Window ? "window of 30 days" : "cumulative";
        scene::TimeSettings time{day, mode, 30};
        const double radius_m = scene::clusterRadius_m(view, style);
        scene::EventBins bins = scene::binEvents(map, all, time, radius_m, true);
        check(!bins.members.empty(), "nothing to bin");
        int step = 0;
        // What the viewer does when the slider moves a day: the state and totals, the bins again where the date
        // changes them (window mode; cumulative bins hold every event), and the frame's scene.
        std::printf("  slider one day, %-18s%8.2f  (state, totals, bins and the frame's scene: %zu events binned)\n", name,
                    medianMs(runs,
                             [&] {
                                 time.day = day + std::chrono::days{++step % 2};
                                 const timeline::BorderState state = timeline::stateOn(all, time.day, 30);
                                 if (!scene::binsFit(bins, all, time, radius_m, true))
                                     bins = scene::binEvents(map, all, time, radius_m, true);
                                 const scene::DynamicScene d = scene::buildDynamicScene(
                                     map, all, view, time, style, {}, scene::approximateTextWidth, &bins);
                                 check(!state.crossings.empty() && d.eventsShown > 0, "an empty state");
                             }),
                    bins.members.size());
        std::printf("  binning for a new zoom level or filter, %-7s%8.2f\n", mode == scene::TimeMode::Window ? "window" : "cumul.",
                    medianMs(runs, [&] { const scene::EventBins b = scene::binEvents(map, all, time, radius_m * 2, true); }));
        if (mode == scene::TimeMode::Cumulative) {
            // What the viewer does when the filter changes in cumulative mode: select, then narrow every event's
            // bins (kept) to the selection. A source, as the slowest filter above.
            std::printf("  filter change in cumulative mode, source 'Dawn': selection and bins %8.2f\n",
                        medianMs(runs, [&] {
                            const timeline::EventSelection s(catalogue, source);
                            check(scene::binsNarrow(bins, s, time, radius_m, true), "the bins do not narrow");
                            const scene::EventBins narrowed = scene::narrowBins(bins, s);
                            check(!narrowed.members.empty(), "nothing narrowed");
                        }));
        }
        time.day = day;
        std::printf("  frame scene from kept bins, %-7s%8.2f\n", mode == scene::TimeMode::Window ? "window" : "cumul.",
                    medianMs(runs, [&] {
                        const scene::DynamicScene d = scene::buildDynamicScene(map, all, view, time, style, {},
                                                                               scene::approximateTextWidth, &bins);
                        check(d.eventsShown > 0, "an empty scene");
                    }));
    }

    timeExports(runs, boundaries, context, map, all, style, day);
    return 0;
}
