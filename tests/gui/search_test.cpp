// The side panel's search driven by the keyboard, as a reader uses it: a click in the search box, "kabul" typed,
// Down twice, Enter. The results are Kabul the province, Kabul the city, then the events, the two whose names start
// with "Kabul" first (newest first): the third result is "Kabul welcomes Pakistan's upgrade to an ambassador" of
// 31 May 2025, which the viewer must fly to and say so.
// Usage (under xvfb-run): search_test BORDERMAP OUTPUT_DIR

#include "x_driver.hpp"

#include <X11/keysym.h>

#include <initializer_list>
#include <string>

using namespace bordermap::test;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: search_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/search_test_viewer.log";
    const pid_t viewer = startViewer("'" + bordermap + "' --size 1024x768", log);
    const std::optional<ViewerWindow> opened = openViewerWindow(viewer);
    if (!opened) return 1;
    Display* d = opened->display;
    const Window target = opened->window;

    // The search box at the top of the side panel at 1024x768.
    sendButton(d, target, ButtonPress, 850, 88);
    sendButton(d, target, ButtonRelease, 850, 88);
    XFlush(d);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (const KeySym key : std::initializer_list<KeySym>{XK_k, XK_a, XK_b, XK_u, XK_l}) queueKey(d, target, key);
    XFlush(d);
    // Each arrow a frame of its own: a key pressed and released within one frame is one ImGui may not see down.
    for (const KeySym key : std::initializer_list<KeySym>{XK_Down, XK_Down, XK_Return}) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        sendKey(d, target, key);
    }
    const std::optional<std::string> shown = waitForLine(log, "bordermap: showing ", 10);
    if (!shown) return fail("'kabul', Down, Down, Enter in the search box flew nowhere:\n" + slurp(log), viewer);
    if (shown->find("diplomacy-2025-05-31-ambassadors") == std::string::npos)
        return fail("'kabul', Down, Down, Enter went to '" + *shown + "', not Kabul's welcome of an ambassador (31 May 2025)", viewer);
    std::cout << "ok:     'kabul', Down, Down, Enter went to the third result, Kabul welcomes an ambassador\n1 passed, 0 failed\n";
    stopViewer(viewer);
    XCloseDisplay(d);
    return 0;
}
