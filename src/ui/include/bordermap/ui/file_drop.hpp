#pragma once
// Files dropped on the viewer's window from a file manager, through the X11 drag-and-drop protocol (XDND 5).
// SFML 2.5 has no drop events, and the X server delivers XDND's client messages only to the connection that
// created the window, which is SFML's. So the window gets an XdndProxy property that names a small window on our
// own X connection; drag sources send the protocol there (XDND's proxy mechanism), and poll() answers it.

#include <string>
#include <vector>

struct _XDisplay;

namespace bordermap::ui {

class FileDropTarget {
public:
    // `window` is the X11 window of the SFML window (sf::Window::getSystemHandle()). Without an X display the
    // target is inert: poll() returns nothing.
    explicit FileDropTarget(unsigned long window);
    ~FileDropTarget();
    FileDropTarget(const FileDropTarget&) = delete;
    FileDropTarget& operator=(const FileDropTarget&) = delete;

    // Handles pending XDND messages without blocking; the local paths of the files dropped since the last call.
    std::vector<std::string> poll();

private:
    void sendToSource(unsigned long type, long l1, long l2, long l4);

    _XDisplay* m_display = nullptr;
    unsigned long m_target = 0;  // the SFML window
    unsigned long m_proxy = 0;   // ours
    unsigned long m_source = 0;  // the drag source while a drag is over us
    bool m_acceptable = false;   // the source offers text/uri-list
    unsigned long m_atoms[10] = {};
};

// "file:///home/a%20b/x.kml\r\nfile:///c.gpkg" as local paths; other schemes are ignored.
std::vector<std::string> parseUriList(const std::string& uriList);

}  // namespace bordermap::ui
