// Times the place check of `bordermap validate` (timeline::checkPlacesAgainstBoundaries) on an event file: the
// full point-in-polygon and distance test for every point against the country grids, each on one thread and on
// every core. Checks before timing that all three find the same problems. Prints the input size, the load time,
// each run, the medians and how the points of the file fall into the grids' cells.
//
//   bench_place_check FILE.geojson [--runs N]
//
// FILE is an events file in bordermap's schema, such as bordermap-gen-events writes.

#include "timing.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/polygon_grid.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

using namespace bordermap;
using bench::Clock;
using bench::median;
using bench::msSince;

namespace {

std::vector<std::string> lines(const std::vector<timeline::Problem>& problems) {
    std::vector<std::string> out;
    out.reserve(problems.size());
    for (const timeline::Problem& p : problems) out.push_back(p.line());
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_place_check FILE.geojson [--runs N]\n";
        return 2;
    }
    const std::string file = argv[1];
    int runs = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else {
            std::cerr << "bench_place_check: unknown option " << argv[i] << '\n';
            return 2;
        }
    }
    try {
        const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
        const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
        timeline::Catalogue catalogue;
        const Clock::time_point loadStart = Clock::now();
        const auto readProblems = timeline::addEventFile(catalogue, file, context);
        const double load_ms = msSince(loadStart);
        std::size_t points = 0;
        for (const timeline::Event& e : catalogue.events) points += e.places.size();

        struct Variant {
            const char* name;
            timeline::PlaceCheckOptions options;
        };
        const std::array<Variant, 4> variants{{{"full test, 1 thread", {true, 1}},
                                               {"full test, every core", {true, 0}},
                                               {"grids, 1 thread", {false, 1}},
                                               {"grids, every core", {false, 0}}}};
        // Check before timing: the grids find exactly what the full test finds.
        const auto expected = lines(timeline::checkPlacesAgainstBoundaries(catalogue, boundaries, file, variants[0].options));
        for (const Variant& v : variants)
            if (lines(timeline::checkPlacesAgainstBoundaries(catalogue, boundaries, file, v.options)) != expected) {
                std::cerr << "bench_place_check: '" << v.name << "' disagrees with the full test\n";
                return 1;
            }

        std::cout << "input: " << file << ": " << formatNumber(double(catalogue.events.size()), 0) << " events, "
                  << formatNumber(double(points), 0) << " points, " << readProblems.size() << " read problems, "
                  << expected.size() << " place problems; loaded in " << formatNumber(load_ms, 0) << " ms; "
                  << std::thread::hardware_concurrency() << " cores\n";
        // Where the points fall, for each country's grid as the check builds it.
        for (const geo::Feature& f : boundaries.countries.features) {
            const std::string_view name = boundaries.countries.value(f, "name");
            if (name != "Afghanistan" && name != "Pakistan") continue;
            const geo::PolygonGrid grid(f.geometry, 5'000.0);
            std::array<std::size_t, 3> cells{};
            for (const timeline::Event& e : catalogue.events)
                if (e.country == name)
                    for (const LonLat& p : e.places) ++cells[static_cast<std::size_t>(grid.cellOf(p))];
            std::cout << "  " << name << ": grid " << grid.cellCount(geo::PolygonGrid::Cell::Inside) << " inside, "
                      << grid.cellCount(geo::PolygonGrid::Cell::Outside) << " outside, "
                      << grid.cellCount(geo::PolygonGrid::Cell::Boundary) << " boundary cells; its points: " << cells[1]
                      << " in inside, " << cells[0] << " in outside, " << cells[2] << " in boundary cells\n";
        }
        for (const Variant& v : variants) {
            std::vector<double> times;
            for (int run = 0; run < runs; ++run) {
                const Clock::time_point start = Clock::now();
                const auto problems = timeline::checkPlacesAgainstBoundaries(catalogue, boundaries, file, v.options);
                times.push_back(msSince(start));
                if (problems.size() != expected.size()) return 1;
            }
            std::cout << "  " << v.name << ": median " << formatNumber(median(times), 1) << " ms over " << runs
                      << " runs (";
            for (std::size_t i = 0; i < times.size(); ++i) std::cout << (i ? ", " : "") << formatNumber(times[i], 1);
            std::cout << ")\n";
        }
    } catch (const Error& e) {
        std::cerr << "bench_place_check: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
