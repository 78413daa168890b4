// What the viewer does with a big catalogue between two frames, timed in process: re-selecting for a filter,
// stepping the slider a day (state, totals, the window's bins), binning for a new zoom level, and building a frame's
// scene from kept bins. Checks each result is not empty before timing. Prints the catalogue's size and the median
// of each over N runs (milliseconds).
//
//   bench_interaction ACLED.csv [--runs N] [--date YYYY-MM-DD]

#include <bordermap/core/text.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/acled.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
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

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "bench_interaction: %s\n", what);
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_interaction ACLED.csv [--runs N] [--date YYYY-MM-DD]\n");
        return 2;
    }
    int runs = 9;
    std::string date = "2025-10-20";
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        if (option == "--date") date = argv[i + 1];
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
        time.day = day;
        std::printf("  frame scene from kept bins, %-7s%8.2f\n", mode == scene::TimeMode::Window ? "window" : "cumul.",
                    medianMs(runs, [&] {
                        const scene::DynamicScene d = scene::buildDynamicScene(map, all, view, time, style, {},
                                                                               scene::approximateTextWidth, &bins);
                        check(d.eventsShown > 0, "an empty scene");
                    }));
    }

    // An export with every event in view against the same export with the embedded events alone (PNG 1600x1000,
    // the region, the window of 30 days and all events so far): the footer, the clusters and the legend included.
    const timeline::Catalogue embedded = timeline::loadEmbeddedCatalogue(context);
    scene::ProjectedMap embeddedMap = scene::projectMap(boundaries, "regional");
    scene::projectEvents(embeddedMap, embedded);
    const timeline::EventSelection embeddedOnly(embedded, {});
    const std::string png = "/tmp/bench_interaction_export.png";
    for (const scene::TimeMode mode : {scene::TimeMode::Window, scene::TimeMode::Cumulative}) {
        const scene::TimeSettings time{day, mode, 30};
        const double big = medianMs(runs, [&] {
            render::exportMap(png, {map, all, map.regionBox, time, style, {}}, render::ExportOptions{});
        });
        const double small = medianMs(runs, [&] {
            render::exportMap(png, {embeddedMap, embeddedOnly, embeddedMap.regionBox, time, style, {}}, render::ExportOptions{});
        });
        std::printf("  export PNG 1600x1000, %-10s  %8.2f  (embedded alone %.2f: %.2fx)\n",
                    mode == scene::TimeMode::Window ? "window" : "cumulative", big, small, big / small);
    }
    std::remove(png.c_str());
    return 0;
}
