// Runs the real viewer (under Xvfb, started by CTest) on two dates, and checks its screenshots as a person would
// look at them: the right size, a map rather than a blank window, the two dates different, and the Torkham
// crossing's icon, found where the scene library says it must be, red (closed) on 1 March 2025 and green (open)
// on 1 April 2025. Usage: screenshot_check BORDERMAP OUTPUT_DIR

#include "gui_check.hpp"

#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

using namespace bordermap;

namespace {

test::GuiChecks checks;

void check(bool ok, const std::string& what) { checks.check(ok, what); }
bool run(const std::string& bordermap, const std::string& args) { return test::GuiChecks::run(bordermap, args); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: screenshot_check BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], dir = argv[2];
    const std::string closedPng = dir + "/gui_2025-03-01.png", openPng = dir + "/gui_2025-04-01.png";
    std::remove(closedPng.c_str());
    std::remove(openPng.c_str());
    check(run(bordermap, "--date 2025-03-01 --size 1600x1000 --screenshot '" + closedPng + "' --frames 3"), "the viewer saves a screenshot on 1 March 2025");
    check(run(bordermap, "--date 2025-04-01 --size 1600x1000 --screenshot '" + openPng + "' --frames 3"), "and on 1 April 2025");

    sf::Image closed, open;
    if (!closed.loadFromFile(closedPng) || !open.loadFromFile(openPng)) {
        check(false, "the screenshots can be read");
        return 1;
    }
    check(closed.getSize() == sf::Vector2u(1600, 1000), "the screenshot is 1600x1000");

    // A map, not a blank window: many colours in the map area.
    std::set<sf::Uint32> colours;
    for (unsigned y = 80; y < 820; y += 7)
        for (unsigned x = 0; x < 1200; x += 7) {
            const sf::Color c = closed.getPixel(x, y);
            colours.insert((static_cast<sf::Uint32>(c.r) << 16) | (static_cast<sf::Uint32>(c.g) << 8) | c.b);
        }
    check(colours.size() > 40, "the map area has many colours (" + std::to_string(colours.size()) + ")");

    unsigned differing = 0;
    for (unsigned y = 0; y < 1000; y += 2)
        for (unsigned x = 0; x < 1600; x += 2)
            if (closed.getPixel(x, y) != open.getPixel(x, y)) ++differing;
    check(differing > 500, "the two dates look different (" + std::to_string(differing) + " sampled pixels differ)");

    // Where the viewer puts Torkham: the map area below the 76 px time bar, left of the 374 px side panel and
    // above the 170 px strip (ui::layoutFor at 1600x1000: 17 px type, two rows, 22 em, 10 em), fitted to the region
    // with a 30 px margin (AppState::fitRegion).
    const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
    const scene::ProjectedMap map = scene::projectMap(boundaries, "regional");
    const scene::View view = scene::fitView(map.regionBox, 1600 - 374, 1000 - 76 - 170, 30.0);
    const scene::ScreenPx torkham = view.toScreen(map.projection.forward({71.08472, 34.11472}));
    const unsigned x = static_cast<unsigned>(torkham.x_px + 0.5);
    const unsigned y = static_cast<unsigned>(torkham.y_px + 76 + 0.6 * 9 + 0.5);  // below the icon's centre bar
    const sf::Color onClosed = closed.getPixel(x, y), onOpen = open.getPixel(x, y);
    std::cout << "Torkham icon at (" << x << ", " << y << "): " << int(onClosed.r) << "," << int(onClosed.g) << "," << int(onClosed.b)
              << " on 1 March, " << int(onOpen.r) << "," << int(onOpen.g) << "," << int(onOpen.b) << " on 1 April\n";
    // The style's colours for the two states: the pixel is far nearer the one the date shows than the other (a faded
    // marker of an older event may lie over the icon: events draw above crossings).
    const scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    const scene::Colour openColour = style.crossingColour(timeline::CrossingStatus::Open);
    const scene::Colour closedColour = style.crossingColour(timeline::CrossingStatus::Closed);
    const auto distance = [](sf::Color seen, scene::Colour want) {
        return std::abs(seen.r - want.r) + std::abs(seen.g - want.g) + std::abs(seen.b - want.b);
    };
    check(distance(onClosed, closedColour) < 40, "Torkham is drawn closed (dark crimson) on 1 March 2025");
    check(distance(onOpen, openColour) * 2 < distance(onOpen, closedColour) && onOpen.g > onOpen.r + 60, "Torkham is drawn open (green) on 1 April 2025");
    return checks.finish();
}
