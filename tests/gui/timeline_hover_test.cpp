// The zoomable timeline strip in the real window at 1024x768: N selects the Spin Boldak clash of 15 October 2025
// (its day becomes the date, the strip's dark date line); the wheel, turned over that line, zooms the strip from
// five years down to about a month, keeping that day under the pointer; the clash's tick is then found in its
// lane by its colour (the palette's, from the scene library) beside the date line, and hovered. The tooltip,
// read back off the screen by OCR (tesseract), must name the clash and its date: a hit-test picking the wrong lane
// or the wrong day names another event or only a date.
// Usage (under xvfb-run): timeline_hover_test BORDERMAP OUTPUT_DIR

#include <bordermap/scene/style.hpp>  // before X11's macros (None, Status) reach our headers

#include "x_driver.hpp"

#include <X11/keysym.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace bordermap::test;

namespace {

// ui::layoutFor at 1024x768 with --ui-scale 1 (17 px type, which tesseract reads surely; the default there is 7/8):
// the strip 10 em high; the side panel (22 em) folded away by its tab, so that the tooltip lies over the map and not
// beside the panel's lines of text, which tesseract would read into it.
constexpr int kWidth = 1024, kHeight = 768, kStripTop = 768 - 170, kStripRight = 1024 - 8, kFoldTabX = 1024 - 374 - 30, kFoldTabY = 76 + (768 - 76 - 170) / 2;

std::string letters(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The strip's date line: the column with the most near-black pixels in the strip (the line runs its height).
int dateLine(const Pixels& p) {
    int best = -1, bestCount = 0;
    for (int x = 0; x < kStripRight; ++x) {
        int count = 0;
        for (int y = kStripTop; y < kHeight; ++y) {
            const unsigned long c = p.at(x, y);
            count += ((c >> 16) & 0xFF) < 32 && ((c >> 8) & 0xFF) < 32 && (c & 0xFF) < 32;
        }
        if (count > bestCount) best = x, bestCount = count;
    }
    return bestCount >= 100 ? best : -1;
}

bool near(unsigned long c, bordermap::scene::Colour want) {
    const auto d = [](unsigned long a, int b) { return std::abs(static_cast<int>(a) - b); };
    return d((c >> 16) & 0xFF, want.r) <= 12 && d((c >> 8) & 0xFF, want.g) <= 12 && d(c & 0xFF, want.b) <= 12;
}

// What tesseract reads in the window's pixels around (x, y), doubled in size and made black and white, as letters().
std::string readAround(const Pixels& p, int x, int y, const std::string& dir, const std::string& name) {
    const int left = std::max(0, x - 420), right = std::min(p.width, x + 420), top = std::max(0, y - 220), bottom = std::min(p.height, y + 90);
    const std::string image = dir + "/" + name + ".ppm";
    if (std::FILE* f = std::fopen(image.c_str(), "wb")) {
        std::fprintf(f, "P6\n%d %d\n255\n", 2 * (right - left), 2 * (bottom - top));
        for (int yy = top; yy < bottom; ++yy)
            for (int twice = 0; twice < 2; ++twice)
                for (int xx = left; xx < right; ++xx) {
                    // Black and white: the tooltip's grey lines (its dates) read as well as its black title.
                    const unsigned long c = p.at(xx, yy);
                    const unsigned long luminance = (((c >> 16) & 0xFF) * 3 + ((c >> 8) & 0xFF) * 6 + (c & 0xFF)) / 10;
                    const unsigned char v = luminance < 185 ? 0 : 255;
                    const unsigned char rgb[6] = {v, v, v, v, v, v};
                    std::fwrite(rgb, 1, 6, f);
                }
        std::fclose(f);
    }
    std::system(("tesseract '" + image + "' '" + dir + "/" + name + "' >/dev/null 2>&1").c_str());
    return letters(slurp(dir + "/" + name + ".txt"));
}

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: timeline_hover_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], dir = argv[2], log = dir + "/timeline_hover_test_viewer.log";
    if (run("command -v tesseract") != 0) return fail("tesseract is not installed (Debian: tesseract-ocr)", 0);
    if (run("command -v xdotool") != 0) return fail("xdotool is not installed", 0);
    const pid_t viewer = startViewer("'" + bordermap + "' --size 1024x768 --ui-scale 1 --date 2025-10-14", log);
    const std::optional<ViewerWindow> opened = openViewerWindow(viewer);
    if (!opened) return 1;
    Display* d = opened->display;
    const Window target = opened->window;
    moveToOrigin(d, target);
    if (grab(d, target).width != kWidth) return fail("the window is not 1024x768", viewer);
    run("xdotool mousemove " + std::to_string(kFoldTabX) + " " + std::to_string(kFoldTabY) + " click 1");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    sendKey(d, target, XK_n);
    const std::optional<std::string> shown = waitForLine(log, "bordermap: showing ", 10);
    if (!shown || shown->find("clash-2025-10-15-spin-boldak") == std::string::npos) return fail("N did not go to the Spin Boldak clash:\n" + slurp(log), viewer);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    const Pixels before = grab(d, target);
    savePpm(before, dir + "/timeline_before_zoom.ppm");
    const int line = dateLine(before);
    if (line < 0) return fail("no date line found in the strip", viewer);
    std::cout << "ok:     N went to the clash; the strip's date line is at x " << line << "\n";

    // Nineteen notches of the wheel over the date line: 1.25^19 = 69 times, from five years and a few months to about
    // a month, the day under the pointer staying there. In two goes: at five years a pixel holds four days, so the
    // pointer is put on the line again once it is finer (ten notches: a pixel is half a day).
    const int wheelY = kStripTop + 40;
    int lineAfter = line;
    for (const int notches : {10, 9}) {
        run("xdotool mousemove " + std::to_string(lineAfter) + " " + std::to_string(wheelY));
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        run("xdotool click --repeat " + std::to_string(notches) + " --delay 40 4");
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        const int was = lineAfter;
        lineAfter = dateLine(grab(d, target));
        if (lineAfter < 0) return fail("the date line left the strip while zooming about it", viewer);
        // The day under the pointer stays; the line's own day lies within the pixel it was found at, which the
        // second zoom (7.5 times) spreads over about 7 px.
        if (notches == 9 && std::abs(lineAfter - was) > 8)
            return fail("zooming about the date line moved it from x " + std::to_string(was) + " to " + std::to_string(lineAfter), viewer);
    }
    const Pixels zoomed = grab(d, target);
    savePpm(zoomed, dir + "/timeline_zoomed.ppm");
    // The clash's tick: the clash colour beside the date line (a day is about 14 px wide now, the line 2 px), the
    // first run of it from the strip's top (below are the histogram's bars).
    const bordermap::scene::Colour clash = bordermap::scene::makeStyle(bordermap::scene::PaletteKind::Standard, bordermap::scene::DurandView::International)
                                               .eventColour(bordermap::timeline::EventKind::Clash);
    const int x = lineAfter + 4;
    int top = -1, bottom = -1;
    for (int y = kStripTop; y < kHeight; ++y) {
        const bool is = near(zoomed.at(x, y), clash);
        if (is && top < 0) top = y;
        if (top >= 0 && !is) {
            bottom = y;
            break;
        }
    }
    if (top < 0 || bottom - top < 6) return fail("no clash tick beside the date line at x " + std::to_string(x), viewer);
    // Right of the line to the end of its day: a few pixels at a month's zoom (at five years a day is a quarter of a
    // pixel, and no tick reaches 4 px past the line).
    int right = x;
    while (right < kStripRight && near(zoomed.at(right + 1, (top + bottom) / 2), clash)) ++right;
    if (right - lineAfter > 20) return fail("the clash's tick runs " + std::to_string(right - lineAfter) + " px past the date line: not a day at a month's zoom", viewer);
    std::cout << "ok:     the wheel zoomed the strip about the pointer; the clash's tick runs " << right - lineAfter << " px past the date line, at y " << top << ".."
              << bottom << "\n";

    // Hovered, with nothing selected (Esc; the details panel would name the clash too): the tooltip names the
    // clash and its day.
    sendKey(d, target, XK_Escape);
    const int hoverY = (top + bottom) / 2;
    run("xdotool mousemove " + std::to_string(x) + " " + std::to_string(hoverY));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    run("xdotool mousemove " + std::to_string(x + 1) + " " + std::to_string(hoverY));  // a second motion: a frame after the first
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    const Pixels hovered = grab(d, target);
    savePpm(hovered, dir + "/timeline_hover.ppm");
    const std::string read = readAround(hovered, x, hoverY, dir, "timeline_tooltip");
    if (read.find("fightingatspinboldak") == std::string::npos || read.find("15october2025") == std::string::npos)
        return fail("the tooltip over the clash's tick does not read 'Fighting at Spin Boldak, 15 October 2025': read '" + read + "'", viewer);
    std::cout << "ok:     hovering the tick names the event: 'Fighting at Spin Boldak', 15 October 2025\n";
    stopViewer(viewer);
    XCloseDisplay(d);
    std::cout << "3 passed, 0 failed\n";
    return 0;
}
