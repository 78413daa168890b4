#pragma once
// The viewer window seen from an X connection of our own, for what SFML 2.5 does not do:
// - files dropped on it from a file manager, through the X11 drag-and-drop protocol (XDND 5). The X server delivers
//   XDND's client messages only to the connection that created the window, which is SFML's, so the window gets an
//   XdndProxy property that names a small window on our connection; drag sources send the protocol there (XDND's
//   proxy mechanism), and poll() answers it;
// - the window being exposed (uncovered, mapped, moved without a compositor): a window that waits while nothing
//   moves must then draw again;
// - waiting for input without polling: SFML's waitEvent is a loop that polls every 10 ms. Our connection selects
//   the window's key, pointer-motion and button-release events too (X lets several clients select those; a press
//   always comes with a release, a wheel step is both), so that waiting is a poll(2) on its socket.

#include <string>
#include <utility>
#include <vector>

struct _XDisplay;

namespace bordermap::ui {

class WindowWatch {
public:
    // `window` is the X11 window of the SFML window (sf::Window::getSystemHandle()). Without an X display the
    // target is inert: poll() returns nothing.
    explicit WindowWatch(unsigned long window);
    ~WindowWatch();
    WindowWatch(const WindowWatch&) = delete;
    WindowWatch& operator=(const WindowWatch&) = delete;

    // Waits for another window's input and exposures as well (the presenter's console): its drops are not taken.
    void alsoWatch(unsigned long window);
    // Handles pending XDND messages without blocking; the local paths of the files dropped since the last call.
    std::vector<std::string> poll();
    // Waits until input for the window (or an exposure, a drop) arrives on our connection, at most `timeout_ms`;
    // true when something did. Without a display it sleeps the timeout. poll() then takes what came.
    bool waitForInput(int timeout_ms);
    // Whether the window's picture was lost since the last call (an X Expose or map event seen by poll()).
    bool takeExposed() { return std::exchange(m_exposed, false); }

private:
    void sendToSource(unsigned long type, long l1, long l2, long l4);

    _XDisplay* m_display = nullptr;
    unsigned long m_target = 0;  // the SFML window
    bool m_exposed = false;
    unsigned long m_proxy = 0;   // ours
    unsigned long m_source = 0;  // the drag source while a drag is over us
    bool m_acceptable = false;   // the source offers text/uri-list
    unsigned long m_atoms[10] = {};
};

// The desktop's text scale: the X resource Xft.dpi (what GNOME, KDE and xrdb set for a HiDPI screen) over 96, else
// the screen's physical resolution over 96 where the server reports one above 120 dpi (a laptop's 4K panel; many
// servers report a made-up 96), else 1. Clamped to 1..3. Without an X display: 1.
double desktopScale();

// "file:///home/a%20b/x.kml\r\nfile:///c.gpkg" as local paths; other schemes are ignored.
std::vector<std::string> parseUriList(const std::string& uriList);

}  // namespace bordermap::ui
