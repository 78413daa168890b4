// Runs the real viewer (under Xvfb, started by CTest) on the same frames twice, its markers drawn once per marker
// (--marker-draw per-marker) and once all together in instanced draw calls (--marker-draw instanced, which fails
// rather than fall back where instancing cannot work), and compares the screenshots pixel by pixel: at most 2 apart
// in each channel on at least 99.9 % of the pixels. Three frames: the embedded catalogue alone (hollow markers,
// halos, the legend); a few hundred ACLED events of every precision with a points layer, zoomed in (markers,
// halos, triangles, overlay points); a few thousand (numbered cluster discs). A diff image of each is written
// beside the screenshots (red: more than 2 apart, yellow: 1 or 2).
// Usage: marker_draw_check BORDERMAP TEST_DATA_DIR OUTPUT_DIR

#include "gui_check.hpp"
#include "image_compare.hpp"

#include <SFML/Graphics/Image.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

using namespace bordermap;
using test::compare;
using test::Difference;
using test::percent;

namespace {

test::GuiChecks checks;

void check(bool ok, const std::string& what) { checks.check(ok, what); }
bool run(const std::string& bordermap, const std::string& args) { return test::GuiChecks::run(bordermap, args); }

// `count` rows in ACLED's export form over eastern Afghanistan and north-western Pakistan in 2021-2025: the three
// kinds bordermap maps from ACLED (a clash, an air strike drawn as a triangle, an attack), each time precision (1
// the day, 2 the week, 3 the month: hollow) and geo precision (2 and 3: halos). Not real events: the notes say so.
void writeEvents(const std::string& path, int count) {
    std::ofstream out(path, std::ios::binary);
    out << test::kAcledHeader;
    const auto& types = test::kAcledMappedTypes;
    unsigned state = 12345;
    const auto next = [&state] {
        state = state * 1103515245u + 12345u;
        return static_cast<double>((state >> 8) & 0xFFFF) / 65536.0;
    };
    for (int i = 0; i < count; ++i) {
        const int day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2021 + (i / 336) % 5;
        const double lon = 66.0 + next() * 6.0, lat = 30.5 + next() * 5.0;
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        const auto& type = types[i % 3];
        out << "TEST" << i << ',' << date << ',' << year << ',' << 1 + i / 3 % 3 << ",Political violence," << type[0]
            << ',' << type[1] << ",Test Force,,State forces,,,,,,"
            << (lon < 69.5 ? "4,Caucasus and Central Asia,Afghanistan,Test,,," : "586,South Asia,Pakistan,Test,,,")
            << "Test place," << std::fixed << std::setprecision(4) << lat << ',' << lon << ',' << 1 + i / 9 % 3
            << ",Test Outlet,National,\"TEST FIXTURE ROW, not real.\"," << i % 4 << ",,1700000000\n";
    }
}


}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: marker_draw_check BORDERMAP TEST_DATA_DIR OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], data = argv[2], dir = argv[3];
    const std::string few = dir + "/markers_300.csv", many = dir + "/markers_3000.csv";
    writeEvents(few, 300);
    writeEvents(many, 3000);
    const std::string common = "--size 1600x1000 --frames 3 -q --cumulative --date 2025-12-31 ";
    struct Frame {
        std::string name, args;
    };
    const Frame frames[] = {
        {"embedded", "--date 2025-10-20 --size 1600x1000 --frames 3 -q --cumulative"},
        {"markers", common + "--no-embedded --acled '" + few + "' --layer '" + data + "/points.geojson' --view 69.5,33.5,7"},
        {"clusters", common + "--acled '" + many + "'"},
    };
    for (const Frame& frame : frames) {
        const std::string perMarker = dir + "/gui_markers_" + frame.name + "_per_marker.png";
        const std::string instanced = dir + "/gui_markers_" + frame.name + "_instanced.png";
        const std::string diffPath = dir + "/gui_markers_" + frame.name + "_diff.png";
        std::remove(perMarker.c_str());
        std::remove(instanced.c_str());
        check(run(bordermap, frame.args + " --marker-draw per-marker --screenshot '" + perMarker + "'"),
              frame.name + ": the viewer saves the frame with a draw call per marker");
        check(run(bordermap, frame.args + " --marker-draw instanced --screenshot '" + instanced + "'"),
              frame.name + ": and with instanced draw calls");
        sf::Image a, b;
        if (!a.loadFromFile(perMarker) || !b.loadFromFile(instanced) || a.getSize() != b.getSize()) {
            check(false, frame.name + ": the screenshots can be read and are the same size");
            continue;
        }
        const Difference d = compare(a, b, diffPath);
        std::cout << frame.name << ": " << d.pixels << " pixels, " << d.differing << " differ (" << percent(d.differing, d.pixels)
                  << "), " << d.beyondTolerance << " by more than 2 (" << percent(d.beyondTolerance, d.pixels)
                  << "); largest difference " << d.largest << "; diff image " << diffPath << '\n';
        check(d.beyondTolerance * 1000 <= d.pixels, frame.name + ": the two agree within 2 per channel on 99.9 % of the pixels");
    }

    // Not two empty frames agreeing: the events change many pixels of the markers frame.
    const std::string none = dir + "/gui_markers_none.png";
    std::remove(none.c_str());
    check(run(bordermap, frames[1].args + " --text 'no event says this' --screenshot '" + none + "'"),
          "the markers frame without its events");
    sf::Image with, without;
    if (with.loadFromFile(dir + "/gui_markers_markers_instanced.png") && without.loadFromFile(none) &&
        with.getSize() == without.getSize()) {
        std::size_t changed = 0;
        for (unsigned y = 0; y < with.getSize().y; ++y)
            for (unsigned x = 0; x < with.getSize().x; ++x)
                if (with.getPixel(x, y) != without.getPixel(x, y)) ++changed;
        check(changed > 20'000, "the markers frame draws its events (" + std::to_string(changed) + " pixels change)");
    } else {
        check(false, "the frames with and without events can be read");
    }
    std::remove(few.c_str());
    std::remove(many.c_str());
    return checks.finish();
}
