#include "../timeline/timeline_fixture.hpp"

#include <bordermap/scene/scene.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;

namespace {

// The embedded catalogue and `n` clashes scattered over eastern Afghanistan and north-western Pakistan in 2025,
// with deaths, some at two places.
timeline::Catalogue crowded(std::size_t n) {
    timeline::Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    std::mt19937_64 random(42);
    const Text file = store.intern("crowded.geojson");
    const LongText source = c.sourceText->internLong("Test outlet");
    for (std::size_t i = 0; i < n; ++i) {
        timeline::Event e;
        e.id = store.keep("crowd-" + std::to_string(i));
        e.file = file;
        e.kind = i % 3 == 0 ? timeline::EventKind::Airstrike : timeline::EventKind::Clash;
        e.name = store.intern("Crowded event");
        e.start = timeline::Date(day("2025-01-01") + std::chrono::days{random() % 360}, timeline::TimePrecision::Day);
        e.fatalitiesLow = static_cast<int>(random() % 7);
        e.sources = source;
        const LonLat places[] = {{66.0 + static_cast<double>(random() % 600) / 100.0, 31.0 + static_cast<double>(random() % 500) / 100.0},
                                 {70.5, 34.0}};
        e.places = store.list(std::span<const LonLat>(places, i % 50 == 0 ? 2 : 1));
        c.events.push_back(e);
    }
    timeline::sortEvents(c);
    return c;
}

}  // namespace

TEST_CASE("clusters hold every event in view once, with the deaths they sum, the same with kept bins and without") {
    const timeline::Catalogue catalogue = crowded(20'000);
    ProjectedMap map = projectMap(test::boundaries(), "regional");
    projectEvents(map, catalogue);
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    timeline::EventFilter crowdOnly;  // every one of them inside the region's view
    crowdOnly.embedded = false;
    const timeline::EventSelection all(catalogue, crowdOnly);
    for (const TimeMode mode : {TimeMode::Window, TimeMode::Cumulative}) {
        const TimeSettings time{day("2025-12-31"), mode, 120};
        View view = fitView(map.regionBox, 1600, 1000);
        const DynamicScene fresh = buildDynamicScene(map, all, view, time, style, {});
        CAPTURE(static_cast<int>(mode));
        REQUIRE_FALSE(fresh.clusters.empty());
        CHECK(fresh.markers.size() < kMaxMarkers);

        // Conserved: the events (places) in view, and their deaths, are the clusters' and markers' together.
        std::size_t inClusters = 0;
        long long deathsInClusters = 0;
        for (const Cluster& c : fresh.clusters) {
            CHECK(c.count >= 2);
            inClusters += static_cast<std::size_t>(c.count);
            deathsInClusters += c.deaths;
        }
        CHECK(inClusters + fresh.markers.size() == fresh.eventsShown);
        long long deathsExpected = 0, placesExpected = 0;
        const timeline::CalendarDay from = mode == TimeMode::Cumulative ? catalogue.range().first : time.day - std::chrono::days{119};
        for (const timeline::Event& e : catalogue.events) {
            if (!e.start || catalogue.isEmbedded(e)) continue;
            if (e.start->first() > time.day || e.start->last() < from) continue;
            placesExpected += static_cast<long long>(e.places.size());
            deathsExpected += e.fatalitiesLow.value_or(0) * static_cast<long long>(e.places.size());
        }
        long long deathsOfMarkers = 0;
        for (const Marker& m : fresh.markers) deathsOfMarkers += catalogue.find(m.eventId)->fatalitiesLow.value_or(0);
        // The region view shows every one of them.
        CHECK(static_cast<long long>(fresh.eventsShown) == placesExpected);
        CHECK(deathsInClusters + deathsOfMarkers == deathsExpected);

        // The viewer's kept bins give the very same scene as an export that bins anew.
        const EventBins kept = binEvents(map, all, time, clusterRadius_m(view, style), true);
        const DynamicScene fromKept = buildDynamicScene(map, all, view, time, style, {}, approximateTextWidth, &kept);
        REQUIRE(fromKept.clusters.size() == fresh.clusters.size());
        for (std::size_t i = 0; i < fresh.clusters.size(); ++i) {
            CHECK(fromKept.clusters[i].count == fresh.clusters[i].count);
            CHECK(fromKept.clusters[i].at.x_m == fresh.clusters[i].at.x_m);
            CHECK(fromKept.clusters[i].deaths == fresh.clusters[i].deaths);
        }
        CHECK(fromKept.markers.size() == fresh.markers.size());

        // Panning keeps the bins (fixed to the map): a cluster away from the edges is where it was, with its count.
        View panned = view;
        panned.centre.x_m += 37 * view.metresPerPixel;
        const DynamicScene moved = buildDynamicScene(map, all, panned, time, style, {}, approximateTextWidth, &kept);
        std::size_t found = 0;
        for (const Cluster& c : fresh.clusters)
            for (const Cluster& d : moved.clusters)
                if (c.at.x_m == d.at.x_m && c.at.y_m == d.at.y_m && c.count == d.count) ++found;
        CHECK(found * 10 >= fresh.clusters.size() * 8);

        // Zooming in splits them: more, smaller clusters over a smaller area.
        View closer = view;
        closer.metresPerPixel /= 4;
        const DynamicScene zoomed = buildDynamicScene(map, all, closer, time, style, {});
        int largestFar = 0, largestNear = 0;
        for (const Cluster& c : fresh.clusters) largestFar = std::max(largestFar, c.count);
        for (const Cluster& c : zoomed.clusters) largestNear = std::max(largestNear, c.count);
        CHECK(largestNear < largestFar);
    }
}

TEST_CASE("a few events in view are markers, never clusters") {
    const DynamicScene s = buildDynamicScene(projectMap(test::boundaries(), "regional"), test::embeddedCatalogue(),
                                             fitView(projectMap(test::boundaries(), "regional").regionBox, 1600, 1000),
                                             {day("2025-10-20"), TimeMode::Cumulative, 30},
                                             makeStyle(PaletteKind::Standard, DurandView::International), {});
    CHECK(s.clusters.empty());
    CHECK(s.markers.size() == s.eventsShown);
    CHECK(clusterCountText(7) == "7");
    CHECK(clusterCountText(999) == "999");
    CHECK(clusterCountText(3449) == "3.4k");
    CHECK(clusterCountText(12'345) == "12k");
    CHECK(clusterCountText(1'234'567) == "1.2M");
}

TEST_CASE("every event's cumulative bins narrowed to a filter are the bins of the filter's selection") {
    const timeline::Catalogue catalogue = crowded(20'000);
    ProjectedMap map = projectMap(test::boundaries(), "regional");
    projectEvents(map, catalogue);
    const timeline::EventSelection everything(catalogue);
    const TimeSettings time{day("2025-12-31"), TimeMode::Cumulative, 30};
    const double radius_m = 40'000;
    const EventBins all = binEvents(map, everything, time, radius_m, true);
    std::vector<timeline::EventFilter> filters(4);
    filters[0].kinds = {timeline::EventKind::Airstrike};
    filters[1].minDeaths = 5;
    filters[2].embedded = false;
    filters[3].kinds = {timeline::EventKind::Talks};  // the embedded talks alone: most bins are left empty
    for (const timeline::EventFilter& filter : filters) {
        CAPTURE(filter.describe());
        const timeline::EventSelection selection(catalogue, filter);
        REQUIRE(binsNarrow(all, selection, time, radius_m, true));
        const EventBins narrowed = narrowBins(all, selection), binned = binEvents(map, selection, time, radius_m, true);
        REQUIRE(narrowed.bins.size() == binned.bins.size());
        REQUIRE(narrowed.members.size() == binned.members.size());
        CHECK(narrowed.members.size() < all.members.size());
        for (std::size_t i = 0; i < binned.bins.size(); ++i) {
            const EventBins::Bin &a = narrowed.bins[i], &b = binned.bins[i];
            REQUIRE((a.r == b.r && a.q == b.q && a.first == b.first && a.count == b.count));
        }
        for (std::size_t i = 0; i < binned.members.size(); ++i) {
            const EventBins::Member &a = narrowed.members[i], &b = binned.members[i];
            REQUIRE((a.event == b.event && a.day == b.day && a.deaths == b.deaths && a.at.x_m == b.at.x_m && a.at.y_m == b.at.y_m));
        }
        CHECK(binsFit(narrowed, selection, time, radius_m, true));
    }
    // Not from bins of a filtered selection, nor in window mode, nor for another zoom level.
    const timeline::EventSelection airstrikes(catalogue, filters[0]);
    const EventBins filtered = binEvents(map, airstrikes, time, radius_m, true);
    CHECK_FALSE(binsNarrow(filtered, airstrikes, time, radius_m, true));
    CHECK_FALSE(binsNarrow(all, airstrikes, TimeSettings{time.day, TimeMode::Window, 30}, radius_m, true));
    CHECK_FALSE(binsNarrow(all, airstrikes, time, radius_m * 2, true));
}

TEST_CASE("bins come in order of hexagon, each one's events in order of start and in its hexagon, on coarse grids (counted into place), finer ones (sorted) and grids too fine to number") {
    const timeline::Catalogue catalogue = crowded(20'000);
    ProjectedMap map = projectMap(test::boundaries(), "regional");
    projectEvents(map, catalogue);
    const timeline::EventSelection everything(catalogue);
    for (const TimeMode mode : {TimeMode::Cumulative, TimeMode::Window}) {
        // 1 m: the region is about 10^6 hexagons across, past 32-bit cell numbers, so the pairs are compared.
        for (const double radius_m : {1.0, 800.0, 40'000.0}) {
            CAPTURE(radius_m);
            CAPTURE(static_cast<int>(mode));
            const TimeSettings time{day("2025-12-31"), mode, 60};
            const EventBins bins = binEvents(map, everything, time, radius_m, true);
            std::size_t members = 0;
            for (std::size_t i = 0; i < bins.bins.size(); ++i) {
                const EventBins::Bin& b = bins.bins[i];
                REQUIRE(b.count > 0);
                REQUIRE(b.first == members);
                if (i > 0) REQUIRE(std::pair{bins.bins[i - 1].r, bins.bins[i - 1].q} < std::pair{b.r, b.q});
                for (std::uint32_t m = b.first + 1; m < b.first + b.count; ++m)
                    REQUIRE(bins.members[m - 1].event <= bins.members[m].event);
                // Each member lies in its bin's hexagon (pointy-top, axial): within the circumradius of its centre.
                const double cx = radius_m * std::sqrt(3.0) * (b.q + b.r / 2.0), cy = radius_m * 1.5 * b.r;
                for (std::uint32_t m = b.first; m < b.first + b.count; ++m)
                    REQUIRE(std::hypot(bins.members[m].at.x_m - cx, bins.members[m].at.y_m - cy) <= radius_m * (1 + 1e-9));
                members += b.count;
            }
            CHECK(members == bins.members.size());
            CHECK(members > (mode == TimeMode::Cumulative ? 20'000u : 2'000u));
            if (radius_m == 1.0) CHECK(bins.bins.size() > members * 9 / 10);  // nearly one a place
        }
    }
}

TEST_CASE("the scene's hit grid lists, in the cell under any point, everything that reaches that point") {
    const timeline::Catalogue catalogue = crowded(3'000);
    ProjectedMap map = projectMap(test::boundaries(), "regional");
    projectEvents(map, catalogue);
    const Style style = makeStyle(PaletteKind::Standard, DurandView::International);
    std::mt19937_64 random(12);
    for (const double zoom : {1.0, 4.0, 12.0}) {
        View view = fitView(map.regionBox, 1600, 1000);
        view.metresPerPixel /= zoom;  // zoomed in: markers rather than clusters
        const DynamicScene d = buildDynamicScene(map, catalogue, view, {day("2025-12-31"), TimeMode::Window, 365}, style, {});
        CAPTURE(zoom);
        REQUIRE(d.markers.size() + d.clusters.size() > 10);
        std::size_t listed = 0;
        for (int probe = 0; probe < 4000; ++probe) {
            // Half the probes on an item, half anywhere.
            ScreenPx p{static_cast<double>(random() % 1600) + 0.5, static_cast<double>(random() % 1000) + 0.5};
            if (probe % 2 == 0 && !d.markers.empty()) {
                const ScreenPx at = view.toScreen(d.markers[random() % d.markers.size()].at);
                p = {at.x_px + static_cast<double>(random() % 9) - 4.0, at.y_px + static_cast<double>(random() % 9) - 4.0};
            }
            if (p.x_px < 0 || p.y_px < 0 || p.x_px >= 1600 || p.y_px >= 1000) continue;  // off the screen: nothing there
            const auto near = d.hits.near(p);
            const auto listedHere = [&](HitGrid::Kind kind, std::size_t index) {
                return std::any_of(near.begin(), near.end(), [&](const HitGrid::Item& i) { return i.kind == kind && i.index == index; });
            };
            const auto reaches = [&](MapXY at, double half) {
                const ScreenPx s = view.toScreen(at);
                return std::fabs(s.x_px - p.x_px) <= half + 3.0 && std::fabs(s.y_px - p.y_px) <= half + 3.0;
            };
            for (std::size_t i = 0; i < d.markers.size(); ++i)
                if (reaches(d.markers[i].at, d.markers[i].radius_px)) REQUIRE(listedHere(HitGrid::Kind::Marker, i));
            for (std::size_t i = 0; i < d.clusters.size(); ++i)
                if (reaches(d.clusters[i].at, d.clusters[i].radius_px)) REQUIRE(listedHere(HitGrid::Kind::Cluster, i));
            for (std::size_t i = 0; i < d.crossings.size(); ++i)
                if (reaches(d.crossings[i].at, d.crossings[i].size_px)) REQUIRE(listedHere(HitGrid::Kind::Crossing, i));
            listed += near.size();
        }
        // A cell lists a few items, not the scene.
        CHECK(static_cast<double>(listed) / 4000.0 < static_cast<double>(d.markers.size() + d.clusters.size() + d.crossings.size()) / 4.0);
    }
}
