// Typing straight after a click, as fast as a script or a quick typist: a click on the typed-date box (a press and
// a release with no motion before them, as a touch screen sends) and the keys of "2025-10-14", Enter and Escape
// reach the window in one batch. ImGui must place the click where it is (it once knew the pointer only from
// motion, and the click missed the box) and the box must take the keys. Then N steps from the typed date: the next
// event after 14 October 2025 is the Spin Boldak clash of the 15th, which the viewer says it flew to.
// Usage (under xvfb-run): typing_test BORDERMAP OUTPUT_DIR

#include "x_driver.hpp"

#include <X11/keysym.h>

#include <initializer_list>
#include <string>

using namespace bordermap::test;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: typing_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/typing_test_viewer.log";
    const pid_t viewer = startViewer("'" + bordermap + "' --size 1024x768", log);
    const std::optional<ViewerWindow> opened = openViewerWindow(viewer);
    if (!opened) return 1;
    Display* d = opened->display;
    const Window target = opened->window;

    // The typed-date box in the time bar at 1024x768: right of "event >>", left of "window".
    sendButton(d, target, ButtonPress, 572, 21);
    sendButton(d, target, ButtonRelease, 572, 21);
    for (const KeySym key : std::initializer_list<KeySym>{XK_2, XK_0, XK_2, XK_5, XK_minus, XK_1, XK_0, XK_minus, XK_1, XK_4, XK_Return, XK_Escape}) queueKey(d, target, key);
    XFlush(d);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    sendKey(d, target, XK_n);
    const std::optional<std::string> shown = waitForLine(log, "bordermap: showing ", 10);
    if (!shown) return fail("N after typing 2025-10-14 flew nowhere (the date was not taken):\n" + slurp(log), viewer);
    if (shown->find("clash-2025-10-15-spin-boldak") == std::string::npos)
        return fail("N after typing 2025-10-14 went to '" + *shown + "', not the Spin Boldak clash of the 15th", viewer);
    std::cout << "ok:     typed straight after the click, 2025-10-14 was taken: N went to the clash of the 15th\n1 passed, 0 failed\n";
    stopViewer(viewer);
    XCloseDisplay(d);
    return 0;
}
