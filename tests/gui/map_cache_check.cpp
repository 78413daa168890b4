// Runs the real viewer (under Xvfb, started by CTest) through the bench's pans and zooms twice, with the map cache
// (--map-cache on: the static map moved and scaled as an image, redrawn behind it) and without (off: drawn whole
// every frame), and compares the screenshots taken once the view has settled: the cache's settled frame must be
// the full redraw's, at most 2 apart in any channel on at least 99.9 % of the pixels (in practice every pixel is
// equal; the tolerance allows the rasterizer's rounding at a different target size). Also checks that the moves
// happened (the settled frame differs from the first view's) and that the cache drew most moving frames from its
// image. A diff image is written beside the screenshots (red: more than 2 apart, yellow: 1 or 2).
// Usage: map_cache_check BORDERMAP OUTPUT_DIR

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


std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: map_cache_check BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], dir = argv[2];
    const int moves = 90;  // frames of the bench's pan and zoom: far enough for several fresh images
    const std::string common = "--date 2025-10-20 --size 1600x1000 --frames 3 -q --bench-frames " + std::to_string(moves);
    const std::string on = dir + "/gui_map_cache_on.png", off = dir + "/gui_map_cache_off.png";
    const std::string still = dir + "/gui_map_cache_start.png", diffPath = dir + "/gui_map_cache_diff.png";
    const std::string log = dir + "/gui_map_cache_on.txt";
    for (const std::string& path : {on, off, still, log}) std::remove(path.c_str());

    check(run(bordermap, common + " --map-cache on --screenshot '" + on + "' > '" + log + "'"),
          "the viewer pans and zooms with the map cache, settles and saves the frame");
    std::cout << readFile(log);
    check(run(bordermap, common + " --map-cache off --screenshot '" + off + "'"), "and without the cache, the same moves");
    check(run(bordermap, "--date 2025-10-20 --size 1600x1000 --frames 3 -q --map-cache off --screenshot '" + still + "'"),
          "and the first view, without moves");

    // Most moving frames came from the image, and it was redrawn as the view moved on.
    const std::string out = readFile(log);
    // std::regex is not used here: GCC 12 at -O1 with the sanitizers warns (maybe-uninitialized) inside its
    // compiler, which -Werror turns into a failed CI build.
    const std::string phrase = "from its image in ";
    const std::size_t at = out.find(phrase);
    int fromImage = 0, whole = 0, images = 0;
    if (at != std::string::npos &&
        std::sscanf(out.c_str() + at, "from its image in %d frames, drawn whole in %d, %d images drawn", &fromImage,
                    &whole, &images) == 3) {
        check(fromImage * 4 >= moves * 3, "at least 3 in 4 moving frames drawn from the image (" +
                                              std::to_string(fromImage) + " of " + std::to_string(moves) + ")");
        check(images >= 2, "fresh images drawn behind the moving one (" + std::to_string(images) + ")");
    } else {
        check(false, "the bench says how the cache drew the frames");
    }

    sf::Image a, b, first;
    if (!a.loadFromFile(on) || !b.loadFromFile(off) || !first.loadFromFile(still) || a.getSize() != b.getSize() ||
        a.getSize() != first.getSize()) {
        check(false, "the screenshots can be read and are the same size");
        return checks.finish();
    }
    const Difference d = compare(a, b, diffPath);
    std::cout << "settled, cache on against off: " << d.pixels << " pixels, " << d.differing << " differ ("
              << percent(d.differing, d.pixels) << "), " << d.beyondTolerance << " by more than 2 ("
              << percent(d.beyondTolerance, d.pixels) << "); largest difference " << d.largest << "; diff image " << diffPath << '\n';
    check(d.beyondTolerance * 1000 <= d.pixels, "the settled frame with the cache is the full redraw's within 2 per channel on 99.9 % of the pixels");

    // Not two frames of an unmoved view agreeing: the moves changed most of the map.
    std::size_t changed = 0;
    for (unsigned y = 0; y < a.getSize().y; ++y)
        for (unsigned x = 0; x < a.getSize().x; ++x)
            if (a.getPixel(x, y) != first.getPixel(x, y)) ++changed;
    check(changed * 4 > d.pixels, "the moves changed a quarter of the view or more (" + std::to_string(changed) + " pixels differ from the first frame)");
    return checks.finish();
}
