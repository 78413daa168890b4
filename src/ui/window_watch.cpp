#include "bordermap/ui/window_watch.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xresource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <poll.h>

namespace bordermap::ui {

namespace {

enum AtomIndex { kAware, kProxy, kEnter, kPosition, kStatus, kLeave, kDrop, kFinished, kSelection, kUriList };
constexpr const char* kAtomNames[] = {"XdndAware", "XdndProxy", "XdndEnter",     "XdndPosition", "XdndStatus",
                                      "XdndLeave", "XdndDrop",  "XdndFinished", "XdndSelection", "text/uri-list"};
constexpr long kXdndVersion = 5;

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::vector<std::string> parseUriList(const std::string& uriList) {
    std::vector<std::string> paths;
    std::size_t from = 0;
    while (from < uriList.size()) {
        std::size_t end = uriList.find('\n', from);
        if (end == std::string::npos) end = uriList.size();
        std::string line = uriList.substr(from, end - from);
        from = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == '\0' || line.back() == ' ')) line.pop_back();
        if (line.empty() || line[0] == '#' || line.rfind("file://", 0) != 0) continue;
        std::string rest = line.substr(7);
        const std::size_t slash = rest.find('/');  // skip a host name: file://host/path
        if (slash == std::string::npos) continue;
        rest = rest.substr(slash);
        std::string path;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            if (rest[i] == '%' && i + 2 < rest.size() && hexValue(rest[i + 1]) >= 0 && hexValue(rest[i + 2]) >= 0) {
                path += static_cast<char>(hexValue(rest[i + 1]) * 16 + hexValue(rest[i + 2]));
                i += 2;
            } else {
                path += rest[i];
            }
        }
        paths.push_back(path);
    }
    return paths;
}

WindowWatch::WindowWatch(unsigned long window) : m_target(window) {
    m_display = XOpenDisplay(nullptr);
    if (m_display == nullptr || window == 0) return;
    for (int i = 0; i < 10; ++i) m_atoms[i] = XInternAtom(m_display, kAtomNames[i], False);
    XSetWindowAttributes attributes{};
    m_proxy = XCreateWindow(m_display, DefaultRootWindow(m_display), -10, -10, 1, 1, 0, CopyFromParent, InputOnly,
                            CopyFromParent, 0, &attributes);
    const long version = kXdndVersion;
    for (Window w : {static_cast<Window>(m_target), static_cast<Window>(m_proxy)}) {
        XChangeProperty(m_display, w, m_atoms[kAware], XA_ATOM, 32, PropModeReplace, reinterpret_cast<const unsigned char*>(&version), 1);
        // The proxy names itself too, as the protocol asks, so that a source can tell a live proxy from a stale one.
        XChangeProperty(m_display, w, m_atoms[kProxy], XA_WINDOW, 32, PropModeReplace, reinterpret_cast<const unsigned char*>(&m_proxy), 1);
    }
    // Our own event mask on the SFML window (each connection has its own): exposures and input come here too. Not
    // ButtonPress, which X gives to one client only (SFML's).
    alsoWatch(m_target);
}

void WindowWatch::alsoWatch(unsigned long window) {
    if (m_display == nullptr || window == 0) return;
    XSelectInput(m_display, static_cast<Window>(window),
                 ExposureMask | StructureNotifyMask | KeyPressMask | KeyReleaseMask | PointerMotionMask | ButtonReleaseMask | EnterWindowMask |
                     LeaveWindowMask | FocusChangeMask);
    XFlush(m_display);
}

WindowWatch::~WindowWatch() {
    if (m_display == nullptr) return;
    if (m_proxy != 0) XDestroyWindow(m_display, m_proxy);
    XCloseDisplay(m_display);
}

void WindowWatch::sendToSource(unsigned long type, long l1, long l2, long l4) {
    XEvent reply{};
    reply.xclient.type = ClientMessage;
    reply.xclient.display = m_display;
    reply.xclient.window = m_source;
    reply.xclient.message_type = type;
    reply.xclient.format = 32;
    reply.xclient.data.l[0] = static_cast<long>(m_target);  // the window the source dragged onto
    reply.xclient.data.l[1] = l1;
    reply.xclient.data.l[2] = l2;
    reply.xclient.data.l[4] = l4;
    XSendEvent(m_display, m_source, False, NoEventMask, &reply);
    XFlush(m_display);
}

bool WindowWatch::waitForInput(int timeout_ms) {
    if (m_display == nullptr) {
        std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
        return false;
    }
    if (XPending(m_display) > 0) return true;
    pollfd socket{ConnectionNumber(m_display), POLLIN, 0};
    return ::poll(&socket, 1, timeout_ms) > 0;
}

std::vector<std::string> WindowWatch::poll() {
    std::vector<std::string> dropped;
    if (m_display == nullptr || m_proxy == 0) return dropped;
    const Atom actionCopy = XInternAtom(m_display, "XdndActionCopy", False);
    const Atom property = XInternAtom(m_display, "BORDERMAP_DROP", False);
    while (XPending(m_display) > 0) {
        XEvent event;
        XNextEvent(m_display, &event);
        if (event.type == Expose || event.type == MapNotify || event.type == ConfigureNotify) m_exposed = true;
        if (event.type == ClientMessage) {
            const XClientMessageEvent& m = event.xclient;
            if (m.message_type == m_atoms[kEnter]) {
                m_source = static_cast<unsigned long>(m.data.l[0]);
                m_acceptable = false;
                if ((m.data.l[1] & 1) != 0) {
                    // More than three types: they are in the source's XdndTypeList.
                    Atom type;
                    int format;
                    unsigned long count = 0, after = 0;
                    unsigned char* data = nullptr;
                    if (XGetWindowProperty(m_display, m_source, XInternAtom(m_display, "XdndTypeList", False), 0, 1024, False, XA_ATOM,
                                           &type, &format, &count, &after, &data) == Success && data != nullptr) {
                        const Atom* types = reinterpret_cast<const Atom*>(data);
                        for (unsigned long i = 0; i < count; ++i) m_acceptable = m_acceptable || types[i] == m_atoms[kUriList];
                        XFree(data);
                    }
                } else {
                    for (int i = 2; i <= 4; ++i) m_acceptable = m_acceptable || static_cast<Atom>(m.data.l[i]) == m_atoms[kUriList];
                }
            } else if (m.message_type == m_atoms[kPosition]) {
                m_source = static_cast<unsigned long>(m.data.l[0]);
                sendToSource(m_atoms[kStatus], m_acceptable ? 1 : 0, 0, m_acceptable ? static_cast<long>(actionCopy) : 0);
            } else if (m.message_type == m_atoms[kLeave]) {
                m_source = 0;
                m_acceptable = false;
            } else if (m.message_type == m_atoms[kDrop]) {
                m_source = static_cast<unsigned long>(m.data.l[0]);
                if (m_acceptable)
                    XConvertSelection(m_display, m_atoms[kSelection], m_atoms[kUriList], property, m_proxy, static_cast<Time>(m.data.l[2]));
                else
                    sendToSource(m_atoms[kFinished], 0, 0, 0);
                XFlush(m_display);
            }
        } else if (event.type == SelectionNotify && event.xselection.requestor == m_proxy) {
            if (event.xselection.property != None) {
                Atom type;
                int format;
                unsigned long count = 0, after = 0;
                unsigned char* data = nullptr;
                if (XGetWindowProperty(m_display, m_proxy, property, 0, 1 << 20, True, AnyPropertyType, &type, &format, &count,
                                       &after, &data) == Success && data != nullptr) {
                    const auto paths = parseUriList(std::string(reinterpret_cast<const char*>(data), count));
                    dropped.insert(dropped.end(), paths.begin(), paths.end());
                    XFree(data);
                }
            }
            if (m_source != 0) sendToSource(m_atoms[kFinished], dropped.empty() ? 0 : 1, dropped.empty() ? 0 : static_cast<long>(actionCopy), 0);
            m_source = 0;
        }
    }
    return dropped;
}

double desktopScale() {
    Display* d = XOpenDisplay(nullptr);
    if (d == nullptr) return 1.0;
    double dpi = 0;
    if (const char* resources = XResourceManagerString(d)) {
        XrmInitialize();
        if (XrmDatabase db = XrmGetStringDatabase(resources)) {
            char* type = nullptr;
            XrmValue value{};
            if (XrmGetResource(db, "Xft.dpi", "Xft.Dpi", &type, &value) == True && value.addr != nullptr) dpi = std::atof(value.addr);
            XrmDestroyDatabase(db);
        }
    }
    if (!(dpi > 0)) {
        const int screen = DefaultScreen(d);
        const int widthMm = DisplayWidthMM(d, screen);
        const double physical = widthMm > 0 ? DisplayWidth(d, screen) * 25.4 / widthMm : 0;
        if (physical > 120) dpi = physical;
    }
    XCloseDisplay(d);
    return dpi > 0 ? std::clamp(dpi / 96.0, 1.0, 3.0) : 1.0;
}

}  // namespace bordermap::ui
