#pragma once
// What the GUI tests that drive the viewer's real window share: starting the viewer with its output in a log,
// finding its window, sending it input as the X server would, reading its log and its pixels, and failing with one
// line. Each test is a program of its own, run under xvfb-run.

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace bordermap::test {

using Clock = std::chrono::steady_clock;

inline constexpr const char* kViewerTitle = "bordermap: the Durand Line";

// Starts `command` (a shell command line: the viewer and its arguments) with its output in `log`.
inline pid_t startViewer(const std::string& command, const std::string& log) {
    const pid_t viewer = fork();
    if (viewer == 0) {
        const std::string line = command + " > '" + log + "' 2>&1";
        execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return viewer;
}

inline void stopViewer(pid_t viewer) {
    if (viewer <= 0) return;
    kill(viewer, SIGTERM);
    waitpid(viewer, nullptr, 0);
}

inline int fail(const std::string& why, pid_t viewer) {
    std::cout << "FAILED: " << why << "\n0 passed, 1 failed\n";
    stopViewer(viewer);
    return 1;
}

inline Window findWindow(Display* d, Window w, const std::string& title) {
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

// The viewer's window, once it is there (at most a minute); 0 if it never is.
inline Window waitForWindow(Display* d) {
    for (const auto until = Clock::now() + std::chrono::seconds(60); Clock::now() < until;) {
        if (const Window w = findWindow(d, DefaultRootWindow(d), kViewerTitle)) return w;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return 0;
}

// The started viewer's window on a display of our own, once it is there and has drawn (2 s more); nullopt after
// fail() has said why (no display, no window) and stopped the viewer.
struct ViewerWindow {
    Display* display;
    Window window;
};
inline std::optional<ViewerWindow> openViewerWindow(pid_t viewer) {
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) {
        fail("no X display (run under xvfb-run)", viewer);
        return std::nullopt;
    }
    const Window w = waitForWindow(d);
    if (w == 0) {
        fail("the viewer's window did not appear", viewer);
        return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));  // drawn, and waiting for events
    return ViewerWindow{d, w};
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The first line of `log` from `after` on that starts with `prefix`, waiting up to `seconds` for it.
inline std::optional<std::string> waitForLine(const std::string& log, const std::string& prefix, double seconds, std::size_t after = 0) {
    for (const auto until = Clock::now() + std::chrono::duration<double>(seconds); Clock::now() < until;
         std::this_thread::sleep_for(std::chrono::milliseconds(100))) {
        const std::string text = slurp(log);
        const std::size_t at = text.find(prefix, after);
        if (at == std::string::npos) continue;
        const std::size_t end = text.find('\n', at);
        if (end != std::string::npos) return text.substr(at, end - at);
    }
    return std::nullopt;
}

// A button event (ButtonPress or ButtonRelease) of the left button at (x, y) in `w`, as the X server would send it.
inline void sendButton(Display* d, Window w, int type, int x, int y) {
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

// A key pressed and released (a keysym: XK_n, XK_Next), not yet flushed: several reach the window in one batch.
inline void queueKey(Display* d, Window w, KeySym key) {
    for (const int type : {KeyPress, KeyRelease}) {
        XEvent e{};
        e.xkey.type = type;
        e.xkey.display = d;
        e.xkey.window = w;
        e.xkey.root = DefaultRootWindow(d);
        e.xkey.keycode = XKeysymToKeycode(d, key);
        e.xkey.same_screen = True;
        e.xkey.time = CurrentTime;
        XSendEvent(d, w, True, type == KeyPress ? KeyPressMask : KeyReleaseMask, &e);
    }
}

// A key pressed and released, in one flush.
inline void sendKey(Display* d, Window w, KeySym key) {
    queueKey(d, w, key);
    XFlush(d);
}

// Moves the window to the screen's top left, wholly on screen (a window without a window manager may open partly
// below the screen's edge), and waits for it to draw what it uncovered.
inline void moveToOrigin(Display* d, Window w) {
    XMoveWindow(d, w, 0, 0);
    XFlush(d);
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

// The window's pixels as they are on the (virtual) screen, as 0xRRGGBB.
struct Pixels {
    int width = 0, height = 0;
    std::vector<unsigned long> rgb;
    unsigned long at(int x, int y) const { return rgb[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

inline Pixels grab(Display* d, Window w) {
    XWindowAttributes a{};
    XGetWindowAttributes(d, w, &a);
    Pixels p;
    // From the root window, where the window lies: the window must be wholly on the screen (moveToOrigin).
    int left = 0, top = 0;
    Window child = 0;
    XTranslateCoordinates(d, w, DefaultRootWindow(d), 0, 0, &left, &top, &child);
    XImage* image = XGetImage(d, DefaultRootWindow(d), left, top, static_cast<unsigned>(a.width), static_cast<unsigned>(a.height), AllPlanes, ZPixmap);
    if (image == nullptr) return p;
    p.width = a.width;
    p.height = a.height;
    p.rgb.reserve(static_cast<std::size_t>(a.width) * static_cast<std::size_t>(a.height));
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) p.rgb.push_back(XGetPixel(image, x, y) & 0xFFFFFF);
    XDestroyImage(image);
    return p;
}

// Writes `p` as a binary PPM, for a person (or tesseract) to look at.
inline void savePpm(const Pixels& p, const std::string& path) {
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fprintf(f, "P6\n%d %d\n255\n", p.width, p.height);
        for (const unsigned long c : p.rgb) {
            const unsigned char rgb[3] = {static_cast<unsigned char>(c >> 16), static_cast<unsigned char>(c >> 8), static_cast<unsigned char>(c)};
            std::fwrite(rgb, 1, 3, f);
        }
        std::fclose(f);
    }
}

}  // namespace bordermap::test
