// Guided stepping in the real window, as a presenter's clicker drives it: N (and Page Down) moves to the next event
// and flies the map to it. The viewer starts over Karachi on 14 October 2025, far from the Spin Boldak clash of the
// 15th; after N the clash's pixel must be inside the window, ringed (the highlight: dark on a white band), and the
// picture must have changed. The viewer runs as a user runs it (no --screenshot), so that it waits for events
// while nothing moves: the keys must wake it, and moving the window must make it draw again.
// Usage (under xvfb-run): step_test BORDERMAP OUTPUT_DIR

#include "x_driver.hpp"

#include <X11/keysym.h>

#include <cstdio>
#include <string>

using namespace bordermap::test;

namespace {

struct Shown {
    std::string id;
    int x = -1, y = -1;
};

// "bordermap: showing ID at X,Y"
Shown parseShown(const std::string& line) {
    Shown s;
    char id[200] = {0};
    if (std::sscanf(line.c_str(), "bordermap: showing %199s at %d,%d", id, &s.x, &s.y) == 3) s.id = id;
    return s;
}

// Whether a ring is drawn around (x, y): near-black and near-white pixels between 5 and 30 px from it.
bool ringed(const Pixels& p, int x, int y) {
    int dark = 0, light = 0;
    for (int dy = -30; dy <= 30; ++dy)
        for (int dx = -30; dx <= 30; ++dx) {
            const int r2 = dx * dx + dy * dy;
            if (r2 < 25 || r2 > 900 || x + dx < 0 || y + dy < 0 || x + dx >= p.width || y + dy >= p.height) continue;
            const unsigned long c = p.at(x + dx, y + dy);
            const unsigned long r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;
            if (r < 70 && g < 70 && b < 70) ++dark;
            if (r > 235 && g > 235 && b > 235) ++light;
        }
    return dark >= 20 && light >= 20;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: step_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/step_test_viewer.log";
    const pid_t viewer = startViewer("'" + bordermap + "' --presenter --size 1024x768 --date 2025-10-14 --view 67.0,24.9,9", log);
    const std::optional<ViewerWindow> opened = openViewerWindow(viewer);
    if (!opened) return 1;
    Display* d = opened->display;
    const Window target = opened->window;
    moveToOrigin(d, target);  // uncovered: the waiting window must draw again
    const Pixels before = grab(d, target);
    if (before.width != 1024 || before.height != 768) return fail("the window is not 1024x768", viewer);
    // Moved, the waiting window was told it was uncovered (an Expose) and drew itself again: no black left over.
    std::size_t black = 0;
    for (const unsigned long c : before.rgb) black += c == 0;
    if (black > before.rgb.size() / 10) return fail(std::to_string(black) + " black pixels: the window did not draw again when uncovered", viewer);
    std::cout << "ok:     found the viewer's window, waiting\n";

    sendKey(d, target, XK_n);
    const std::optional<std::string> first = waitForLine(log, "bordermap: showing ", 10);
    if (!first) return fail("no flight ended after N:\n" + slurp(log), viewer);
    const Shown clash = parseShown(*first);
    if (clash.id != "clash-2025-10-15-spin-boldak") return fail("N went to '" + *first + "', not the Spin Boldak clash", viewer);
    if (clash.x < 0 || clash.x >= 1024 || clash.y < 0 || clash.y >= 768)
        return fail("the clash is at " + std::to_string(clash.x) + "," + std::to_string(clash.y) + ", outside the window", viewer);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the last frames drawn
    const Pixels after = grab(d, target);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < after.rgb.size() && i < before.rgb.size(); ++i) changed += after.rgb[i] != before.rgb[i];
    if (changed < after.rgb.size() / 4) return fail("the picture hardly changed after N (" + std::to_string(changed) + " pixels)", viewer);
    if (!ringed(after, clash.x, clash.y)) return fail("no highlight ring around the clash at " + std::to_string(clash.x) + "," + std::to_string(clash.y), viewer);
    std::cout << "ok:     N flew to the Spin Boldak clash, at " << clash.x << "," << clash.y << ", ringed\n";

    // A clicker's Page Down: the next event after it, also flown to.
    const std::size_t seen = slurp(log).size();
    sendKey(d, target, XK_Next);
    const std::optional<std::string> second = waitForLine(log, "bordermap: showing ", 10, seen);
    if (!second) return fail("no flight ended after Page Down:\n" + slurp(log), viewer);
    const Shown next = parseShown(*second);
    if (next.id.empty() || next.id == clash.id) return fail("Page Down went to '" + *second + "'", viewer);
    if (next.x < 0 || next.x >= 1024 || next.y < 0 || next.y >= 768) return fail("'" + *second + "' is outside the window", viewer);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    if (!ringed(grab(d, target), next.x, next.y)) return fail("no highlight ring around " + next.id, viewer);
    std::cout << "ok:     Page Down flew to " << next.id << ", ringed\n";
    stopViewer(viewer);
    XCloseDisplay(d);
    std::cout << "2 passed, 0 failed\n";
    return 0;
}
