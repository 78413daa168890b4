// A click faster than a frame: the press and the release reach the viewer's window together, as a touchpad's tap or
// a presenter's clicker sends them, and the event under them is selected. (Sampling the button once a frame, as the
// viewer once did, saw it neither down nor up and lost the click: three in three.) The viewer is centred on the
// Spin Boldak clash of 15 October 2025 in presenter mode (no panels), so its marker is the window's centre pixel.
// Usage (under xvfb-run): click_test BORDERMAP OUTPUT_DIR

#include <X11/Xlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

Window findWindow(Display* d, Window w, const std::string& title) {
    char* name = nullptr;
    if (XFetchName(d, w, &name) != 0 && name != nullptr) {
        const bool match = title == name;
        XFree(name);
        if (match) return w;
    }
    Window root, parent, *children = nullptr;
    unsigned int count = 0;
    if (XQueryTree(d, w, &root, &parent, &children, &count) == 0) return 0;
    Window found = 0;
    for (unsigned int i = 0; i < count && found == 0; ++i) found = findWindow(d, children[i], title);
    if (children != nullptr) XFree(children);
    return found;
}

// A button event (ButtonPress or ButtonRelease) of the left button at (x, y) in `w`, as the X server would send it.
void button(Display* d, Window w, int type, int x, int y) {
    XEvent e{};
    e.xbutton.type = type;
    e.xbutton.display = d;
    e.xbutton.window = w;
    e.xbutton.root = DefaultRootWindow(d);
    e.xbutton.x = x;
    e.xbutton.y = y;
    e.xbutton.x_root = x;
    e.xbutton.y_root = y;
    e.xbutton.button = Button1;
    e.xbutton.state = type == ButtonRelease ? Button1Mask : 0;
    e.xbutton.same_screen = True;
    e.xbutton.time = CurrentTime;
    XSendEvent(d, w, True, type == ButtonPress ? ButtonPressMask : ButtonReleaseMask, &e);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int fail(const std::string& why, pid_t viewer) {
    std::cout << "FAILED: " << why << "\n0 passed, 1 failed\n";
    if (viewer > 0) {
        kill(viewer, SIGTERM);
        waitpid(viewer, nullptr, 0);
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: click_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/click_test_viewer.log";
    const std::string shot = std::string(argv[2]) + "/click_test.png";
    const pid_t viewer = fork();
    if (viewer == 0) {
        const std::string command = "'" + bordermap + "' --presenter --size 1024x768 --date 2025-10-20 --view 66.39806,31.00806,10" +
                                    " --frames 100000 --screenshot '" + shot + "' > '" + log + "' 2>&1";
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) return fail("no X display (run under xvfb-run)", viewer);
    Window target = 0;
    for (const auto until = Clock::now() + std::chrono::seconds(60); Clock::now() < until && target == 0;) {
        target = findWindow(d, DefaultRootWindow(d), "bordermap: the Durand Line");
        if (target == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (target == 0) return fail("the viewer's window did not appear", viewer);
    XWindowAttributes attributes{};
    XGetWindowAttributes(d, target, &attributes);
    if (attributes.width != 1024 || attributes.height != 768)
        return fail("the viewer's window is " + std::to_string(attributes.width) + "x" + std::to_string(attributes.height) + ", not 1024x768", viewer);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // its first frames drawn, the map fitted
    std::cout << "ok:     found the viewer's window\n";

    // Press and release in one flush: both are in the window's queue before its next frame reads it.
    button(d, target, ButtonPress, 512, 384);
    button(d, target, ButtonRelease, 512, 384);
    XFlush(d);

    const std::string expected = "bordermap: selected clash-2025-10-15-spin-boldak";
    std::string text;
    for (const auto until = Clock::now() + std::chrono::seconds(10); Clock::now() < until; std::this_thread::sleep_for(std::chrono::milliseconds(100))) {
        text = slurp(log);
        if (text.find("selected ") != std::string::npos) break;
    }
    kill(viewer, SIGTERM);
    waitpid(viewer, nullptr, 0);
    XCloseDisplay(d);
    if (text.find(expected) == std::string::npos) return fail("the viewer's output lacks '" + expected + "':\n" + text, -1);
    std::cout << "ok:     " << expected << "\n1 passed, 0 failed\n";
    return 0;
}
