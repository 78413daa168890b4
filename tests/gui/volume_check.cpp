// Runs the real viewer (under Xvfb, started by CTest) on 100,000 ACLED events written here, and checks its
// screenshot as a person would look at it: the events gathered into numbered discs where the scene library says
// they are, each in its kind's colour, and the strip's histogram standing tall where the embedded catalogue alone
// leaves it nearly empty. Usage: volume_check BORDERMAP OUTPUT_DIR

#include "gui_check.hpp"

#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/acled.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

using namespace bordermap;

namespace {

test::GuiChecks checks;

void check(bool ok, const std::string& what) { checks.check(ok, what); }
bool run(const std::string& bordermap, const std::string& args) { return test::GuiChecks::run(bordermap, args); }

// 100,000 rows in ACLED's export form: clashes, air strikes and attacks over 2021-2025 on a grid across eastern
// Afghanistan and north-western Pakistan (not real events: the notes say so).
void writeEvents(const std::string& path, int count) {
    std::ofstream out(path, std::ios::binary);
    out << test::kAcledHeader;
    const auto& types = test::kAcledMappedTypes;
    for (int i = 0; i < count; ++i) {
        const int day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2021 + (i / 336) % 5;
        const double lon = 66.0 + (i % 97) * 0.06, lat = 31.0 + (i / 97 % 83) * 0.06;
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        const auto& type = types[i % 3];
        out << "TEST" << i << ',' << date << ',' << year << ",1,Political violence," << type[0] << ',' << type[1]
            << ",Test Force,,State forces,,,,,," << (lon < 69.5 ? "4,Caucasus and Central Asia,Afghanistan,Test,,,"
                                                                 : "586,South Asia,Pakistan,Test,,,")
            << "Test place," << lat << ',' << lon << ",1,Test Outlet,National,\"TEST FIXTURE ROW, not real.\","
            << i % 4 << ",,1700000000\n";
    }
}

bool near(sf::Color c, scene::Colour want, int tolerance) {
    return std::abs(int(c.r) - want.r) <= tolerance && std::abs(int(c.g) - want.g) <= tolerance &&
           std::abs(int(c.b) - want.b) <= tolerance;
}

// Pixels in the strip (below the map, right of the lane names) in one of the event kinds' colours.
unsigned histogramPixels(const sf::Image& image, const scene::Style& style) {
    unsigned n = 0;
    for (unsigned y = 1000 - 170; y < 1000; ++y)
        for (unsigned x = 170; x < 1600 - 374; ++x)
            for (timeline::EventKind kind : {timeline::EventKind::Clash, timeline::EventKind::Airstrike, timeline::EventKind::Attack})
                if (near(image.getPixel(x, y), style.eventColour(kind), 6)) {
                    ++n;
                    break;
                }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: volume_check BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], dir = argv[2];
    const std::string events = dir + "/volume_100k.csv", png = dir + "/gui_volume_100k.png", plain = dir + "/gui_volume_none.png";
    constexpr int kEvents = 100'000;
    writeEvents(events, kEvents);
    std::remove(png.c_str());
    std::remove(plain.c_str());
    const std::string view = "--date 2025-12-31 --cumulative --size 1600x1000 --frames 3 -q";
    check(run(bordermap, "--acled '" + events + "' " + view + " --screenshot '" + png + "'"),
          "the viewer opens 100,000 events and saves a screenshot");
    check(run(bordermap, view + " --screenshot '" + plain + "'"), "and the embedded events alone");
    sf::Image shot, none;
    if (!shot.loadFromFile(png) || !none.loadFromFile(plain)) {
        check(false, "the screenshots can be read");
        return 1;
    }

    // The scene the viewer drew: the same catalogue, view and date (ui::layoutFor, AppState::fitRegion).
    const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
    timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(context);
    timeline::addAcledFile(catalogue, events, context);
    scene::ProjectedMap map = scene::projectMap(boundaries, "regional");
    scene::projectEvents(map, catalogue);
    const scene::View v = scene::fitView(map.regionBox, 1600 - 374, 1000 - 76 - 170, 30.0);
    const scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    const scene::DynamicScene scene = scene::buildDynamicScene(
        map, catalogue, v, {timeline::parseDate("2025-12-31")->first(), scene::TimeMode::Cumulative, 30}, style, {});
    std::size_t gathered = 0;
    for (const scene::Cluster& c : scene.clusters) gathered += static_cast<std::size_t>(c.count);
    check(scene.eventsShown >= kEvents, "the scene shows every event (" + std::to_string(scene.eventsShown) + ")");
    check(scene.markers.size() <= scene::kMaxMarkers + scene.clusters.size(),
          "few single markers are left (" + std::to_string(scene.markers.size()) + ")");
    check(gathered + scene.markers.size() == scene.eventsShown, "the clusters and markers hold every event once (" +
                                                                    std::to_string(scene.clusters.size()) + " clusters)");

    // Each cluster on the screen drawn as a disc in its kind's colour: sampled inside the disc, clear of the count.
    std::size_t seen = 0, drawn = 0;
    for (const scene::Cluster& c : scene.clusters) {
        const scene::ScreenPx p = v.toScreen(c.at);
        const double x = p.x_px, y = p.y_px + 76 + 0.75 * c.radius_px;  // below the count
        if (x < 20 || y < 140 || x > 1600 - 374 - 20 || y > 1000 - 170 - 20) continue;
        ++seen;
        const sf::Color at = shot.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
        // 88 % opaque over the map: within about 40 of the kind's colour in each channel.
        if (near(at, c.colour, 40)) ++drawn;
    }
    check(seen >= 10 && drawn * 10 >= seen * 8,
          "the clusters are drawn as discs in their kinds' colours (" + std::to_string(drawn) + " of " + std::to_string(seen) + ")");

    const unsigned busy = histogramPixels(shot, style), quiet = histogramPixels(none, style);
    std::cout << "histogram pixels in event colours: " << busy << " with 100,000 events, " << quiet << " without\n";
    // The zoomable strip gives the histogram two lanes' height beside a lane per kind (about 35 px at 1600x1000): full
    // bars over the modern years fill some 15,000 pixels; the embedded events alone, a few hundred.
    check(busy > 12'000 && busy > 10 * (quiet + 1), "the strip's histogram shows the volume");
    std::remove(events.c_str());
    return checks.finish();
}
