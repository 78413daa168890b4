// The viewer's window carries the application's icon, as a task bar or an Alt-Tab list reads it: _NET_WM_ICON holds a
// 128 px image whose crossing marker is the open crossing's green (assets/icons/org.bordermap.Bordermap.svg draws it
// at (124, 118) of 256), and WM_CLASS is "bordermap", the desktop entry's StartupWMClass, so that a desktop puts the
// window under the entry's icon.
// Usage (under xvfb-run): window_icon_test BORDERMAP OUTPUT_DIR

#include "x_driver.hpp"

#include <X11/Xatom.h>

#include <string>

using namespace bordermap::test;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: window_icon_test BORDERMAP OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], log = std::string(argv[2]) + "/window_icon_test_viewer.log";
    const pid_t viewer = startViewer("'" + bordermap + "' --size 800x600", log);
    const std::optional<ViewerWindow> opened = openViewerWindow(viewer);
    if (!opened) return 1;
    Display* d = opened->display;
    const Window w = opened->window;

    // _NET_WM_ICON: width, height, then width * height ARGB pixels, each in a long (Xlib's format 32), icon after icon.
    Atom type = 0;
    int format = 0;
    unsigned long count = 0, after = 0;
    unsigned char* data = nullptr;
    const Atom netWmIcon = XInternAtom(d, "_NET_WM_ICON", False);
    if (XGetWindowProperty(d, w, netWmIcon, 0, 1 << 20, False, XA_CARDINAL, &type, &format, &count, &after, &data) != Success ||
        data == nullptr || format != 32 || count < 2)
        return fail("the window has no _NET_WM_ICON", viewer);
    const auto* values = reinterpret_cast<const unsigned long*>(data);
    const unsigned long width = values[0], height = values[1];
    std::string why;
    if (width != 128 || height != 128 || count < 2 + width * height) {
        why = "_NET_WM_ICON is " + std::to_string(width) + "x" + std::to_string(height) + ", not the 128 px icon";
    } else {
        const unsigned long argb = values[2 + 59 * width + 62];  // the crossing marker's centre
        const unsigned long a = (argb >> 24) & 0xFF, r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF;
        if (a < 250 || r > 20 || g < 140 || g > 180 || b < 44 || b > 84)
            why = "the icon's crossing is not the open crossing's green (0, 160, 64): ARGB " + std::to_string(a) + ", " +
                  std::to_string(r) + ", " + std::to_string(g) + ", " + std::to_string(b);
    }
    XFree(data);
    if (!why.empty()) return fail(why, viewer);

    XClassHint hint{};
    if (XGetClassHint(d, w, &hint) == 0) return fail("the window has no WM_CLASS", viewer);
    const std::string resClass = hint.res_class != nullptr ? hint.res_class : "";
    XFree(hint.res_name);
    XFree(hint.res_class);
    if (resClass != "bordermap") return fail("WM_CLASS's class is '" + resClass + "', not the desktop entry's StartupWMClass bordermap", viewer);

    stopViewer(viewer);
    XCloseDisplay(d);
    std::cout << "the window's icon is bordermap's (128 px) and its WM_CLASS is bordermap\n1 passed, 0 failed\n";
    return 0;
}
