// A click faster than a frame: the press and the release reach the viewer's window together, as a touchpad's tap or
// a presenter's clicker sends them, and the event under them is selected. (Sampling the button once a frame, as the
// viewer once did, saw it neither down nor up and lost the click: three in three.) The viewer is centred on the
// Spin Boldak clash of 15 October 2025 in presenter mode (no panels), so its marker is the window's centre pixel.
// Usage (under xvfb-run): click_test BORDERMAP OUTPUT_DIR

#include "x_driver.hpp"

#include <string>

using namespace bordermap::test;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: click_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/click_test_viewer.log";
    const std::string shot = std::string(argv[2]) + "/click_test.png";
    const pid_t viewer = startViewer("'" + bordermap + "' --presenter --size 1024x768 --date 2025-10-20 --view 66.39806,31.00806,10" +
                                         " --frames 100000 --screenshot '" + shot + "'", log);
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) return fail("no X display (run under xvfb-run)", viewer);
    const Window target = waitForWindow(d);
    if (target == 0) return fail("the viewer's window did not appear", viewer);
    XWindowAttributes attributes{};
    XGetWindowAttributes(d, target, &attributes);
    if (attributes.width != 1024 || attributes.height != 768)
        return fail("the viewer's window is " + std::to_string(attributes.width) + "x" + std::to_string(attributes.height) + ", not 1024x768", viewer);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // its first frames drawn, the map fitted
    std::cout << "ok:     found the viewer's window\n";

    // Press and release in one flush: both are in the window's queue before its next frame reads it.
    sendButton(d, target, ButtonPress, 512, 384);
    sendButton(d, target, ButtonRelease, 512, 384);
    XFlush(d);

    const std::string expected = "bordermap: selected clash-2025-10-15-spin-boldak";
    const std::optional<std::string> line = waitForLine(log, "bordermap: selected ", 10);
    stopViewer(viewer);
    XCloseDisplay(d);
    if (line != expected) return fail("the viewer's output lacks '" + expected + "':\n" + slurp(log), -1);
    std::cout << "ok:     " << expected << "\n1 passed, 0 failed\n";
    return 0;
}
