// The viewer's slider step over a team's database: the map at one date, the date moved beyond the days fetched, and
// the time until the viewer has the new window's events (ui::LiveEvents, as AppState::followLive drives it). Prints,
// over the steps, the median and 95th percentile of the sources' fetch (the query, GDAL's reading of the rows and
// bordermap's of the events) and of the whole step (with the thread's hand-over), and the events a fetch held.
//   bench_live_fetch PG:CONN [--steps N] [--window DAYS]
// The steps are spread evenly over the table's days, each beyond the last one's margin.
#include "timing.hpp"

#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/event_source.hpp>
#include <bordermap/ui/live_events.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>

using namespace bordermap;

namespace {

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_live_fetch PG:CONN [--steps N] [--window DAYS]\n");
        return 2;
    }
    const std::string connection = argv[1];
    int steps = 20, window = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--steps") steps = std::max(2, std::atoi(argv[i + 1]));
        else if (option == "--window") window = std::max(1, std::atoi(argv[i + 1]));
    }
    try {
        const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
        const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
        auto base = std::make_shared<const timeline::Catalogue>(timeline::loadEmbeddedCatalogue(context));
        std::vector<std::unique_ptr<timeline::EventSource>> sources;
        sources.push_back(timeline::openEventSource(connection));
        auto probe = timeline::openEventSource(connection);
        const auto days = probe->days();
        if (!days) throw std::runtime_error("the table has no dated row");
        ui::LiveEvents live(base, std::move(sources), context, ui::LiveEvents::Settings{std::chrono::hours(1)});
        const auto open = bench::Clock::now();
        const ui::LiveEvents::Update first = live.fetchFirst(days->first + std::chrono::days{window + 10}, window, false);
        const double firstMs = bench::msSince(open);

        std::vector<double> fetchMs, stepMs, events;
        const auto span = (days->second - days->first).count() - 2 * (window + 10);
        for (int i = 0; i < steps; ++i) {
            const timeline::CalendarDay day = days->first + std::chrono::days{window + 10 + span * (i + 1) / (steps + 1)};
            const auto start = bench::Clock::now();
            live.show(day - std::chrono::days{window - 1}, day);
            std::optional<ui::LiveEvents::Update> update;
            while (!(update = live.take())) std::this_thread::sleep_for(std::chrono::microseconds(200));
            stepMs.push_back(bench::msSince(start));
            if (!update->error.empty()) throw std::runtime_error(update->error);
            fetchMs.push_back(update->fetch_ms);
            events.push_back(static_cast<double>(update->catalogue->events.size() - base->events.size()));
        }
        std::vector<double> versionMs;
        for (int i = 0; i < 5; ++i) {
            const auto start = bench::Clock::now();
            (void)probe->version();
            versionMs.push_back(bench::msSince(start));
        }
        std::printf("first fetch (connecting, the table's days, the window): %.1f ms, %zu events\n", firstMs,
                    first.catalogue->events.size());
        std::printf("the table's version (what a viewer asks every 2 s, and --watch): median %.1f ms\n", bench::median(versionMs));
        std::printf("%d slider steps, a %d-day window each (with its margin): events a fetch, median %.0f\n", steps, window, bench::median(events));
        std::printf("fetch (query, rows, events): median %.1f ms, p95 %.1f ms\n", bench::median(fetchMs), percentile(fetchMs, 0.95));
        std::printf("step (date moved to events in hand): median %.1f ms, p95 %.1f ms\n", bench::median(stepMs), percentile(stepMs, 0.95));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_live_fetch: %s\n", e.what());
        return 1;
    }
    return 0;
}
