// Drags a file onto the running viewer as a file manager would: this program is the XDND drag source. It starts
// the viewer, finds its window, offers text/uri-list through the protocol (to the window's XdndProxy, as a real
// source does), serves the selection when the viewer asks, and checks that the viewer says it opened the file.
// Usage (under xvfb-run): drop_test BORDERMAP FILE OUTPUT_DIR

#include "x_driver.hpp"

#include <X11/Xatom.h>
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

using namespace bordermap::test;

namespace {

Window windowProperty(Display* d, Window w, Atom property) {
    Atom type;
    int format;
    unsigned long count = 0, after = 0;
    unsigned char* data = nullptr;
    Window value = 0;
    if (XGetWindowProperty(d, w, property, 0, 1, False, XA_WINDOW, &type, &format, &count, &after, &data) == Success && data != nullptr) {
        if (count == 1) value = *reinterpret_cast<Window*>(data);
        XFree(data);
    }
    return value;
}

void send(Display* d, Window to, Atom type, long l0, long l1, long l2, long l3, long l4) {
    XEvent e{};
    e.xclient.type = ClientMessage;
    e.xclient.display = d;
    e.xclient.window = to;
    e.xclient.message_type = type;
    e.xclient.format = 32;
    e.xclient.data.l[0] = l0;
    e.xclient.data.l[1] = l1;
    e.xclient.data.l[2] = l2;
    e.xclient.data.l[3] = l3;
    e.xclient.data.l[4] = l4;
    XSendEvent(d, to, False, NoEventMask, &e);
    XFlush(d);
}


}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: drop_test BORDERMAP FILE OUTPUT_DIR\n";
        return 2;
    }
    const std::string bordermap = argv[1], file = argv[2], log = std::string(argv[3]) + "/drop_test_viewer.log";
    const std::string shot = std::string(argv[3]) + "/drop_test.png";
    const pid_t viewer = fork();
    if (viewer == 0) {
        const std::string command = "'" + bordermap + "' --frames 100000 --screenshot '" + shot + "' > '" + log + "' 2>&1";
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) return fail("no X display (run under xvfb-run)", viewer);
    const Atom aware = XInternAtom(d, "XdndAware", False), proxyAtom = XInternAtom(d, "XdndProxy", False);
    const Atom enter = XInternAtom(d, "XdndEnter", False), position = XInternAtom(d, "XdndPosition", False);
    const Atom status = XInternAtom(d, "XdndStatus", False), drop = XInternAtom(d, "XdndDrop", False);
    const Atom finished = XInternAtom(d, "XdndFinished", False), selection = XInternAtom(d, "XdndSelection", False);
    const Atom uriList = XInternAtom(d, "text/uri-list", False), copy = XInternAtom(d, "XdndActionCopy", False);

    // The viewer's window, once it says it takes drops.
    Window target = 0, proxy = 0;
    for (const auto until = Clock::now() + std::chrono::seconds(60); Clock::now() < until && proxy == 0;) {
        target = findWindow(d, DefaultRootWindow(d), "bordermap: the Durand Line");
        if (target != 0) proxy = windowProperty(d, target, proxyAtom);
        if (proxy == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (target == 0) return fail("the viewer's window did not appear", viewer);
    if (proxy == 0) return fail("the viewer's window has no XdndProxy", viewer);
    (void)aware;
    std::cout << "ok:     found the viewer's window and its XDND proxy\n";

    // Our drag source window owns the selection with the file's URI.
    const Window source = XCreateSimpleWindow(d, DefaultRootWindow(d), 0, 0, 1, 1, 0, 0, 0);
    XSetSelectionOwner(d, selection, source, CurrentTime);
    send(d, proxy, enter, static_cast<long>(source), 5L << 24, static_cast<long>(uriList), 0, 0);
    send(d, proxy, position, static_cast<long>(source), 0, (200L << 16) | 200L, CurrentTime, static_cast<long>(copy));

    bool accepted = false, done = false, dropped = false;
    for (const auto until = Clock::now() + std::chrono::seconds(30); Clock::now() < until && !done;) {
        while (XPending(d) > 0) {
            XEvent e;
            XNextEvent(d, &e);
            if (e.type == ClientMessage && e.xclient.message_type == status) {
                accepted = (e.xclient.data.l[1] & 1) != 0;
                if (!dropped) {
                    if (!accepted) return fail("the viewer refused text/uri-list", viewer);
                    std::cout << "ok:     the viewer accepts the drag\n";
                    send(d, proxy, drop, static_cast<long>(source), 0, CurrentTime, 0, 0);
                    dropped = true;
                }
            } else if (e.type == SelectionRequest) {
                const XSelectionRequestEvent& r = e.xselectionrequest;
                const std::string data = "file://" + file + "\r\n";
                XChangeProperty(d, r.requestor, r.property, r.target, 8, PropModeReplace,
                                reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
                XEvent reply{};
                reply.xselection.type = SelectionNotify;
                reply.xselection.requestor = r.requestor;
                reply.xselection.selection = r.selection;
                reply.xselection.target = r.target;
                reply.xselection.property = r.property;
                reply.xselection.time = r.time;
                XSendEvent(d, r.requestor, False, NoEventMask, &reply);
                XFlush(d);
            } else if (e.type == ClientMessage && e.xclient.message_type == finished) {
                done = true;
                if ((e.xclient.data.l[1] & 1) == 0) return fail("the viewer finished the drop without taking it", viewer);
                std::cout << "ok:     the viewer finished the drop\n";
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!done) return fail("no XdndFinished from the viewer", viewer);

    // The viewer says what it opened; its log holds it.
    std::string text;
    for (const auto until = Clock::now() + std::chrono::seconds(10); Clock::now() < until; std::this_thread::sleep_for(std::chrono::milliseconds(100))) {
        std::ifstream in(log);
        std::stringstream s;
        s << in.rdbuf();
        text = s.str();
        if (text.find("opened ") != std::string::npos) break;
    }
    kill(viewer, SIGTERM);
    waitpid(viewer, nullptr, 0);
    XCloseDisplay(d);
    const std::string expected = "bordermap: opened " + file + " as a map layer";
    if (text.find(expected) == std::string::npos) return fail("the viewer's output lacks '" + expected + "':\n" + text, -1);
    std::cout << "ok:     " << expected << "\n1 passed, 0 failed\n";
    return 0;
}
