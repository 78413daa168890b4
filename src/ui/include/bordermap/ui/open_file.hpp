#pragma once
// What a file handed to the viewer holds (a file manager's "Open with", `bordermap FILE...`, a file dropped on the
// window, the Layers panel's Open), told by its content: the extension only picks the fast reader to try first.

#include <string>
#include <string_view>

namespace bordermap::ui {

enum class FileContent {
    Briefing,  // JSON with a member "bordermap_briefing" in its first 4 KiB (briefing.cpp writes it first)
    Events,    // vector data whose first layer has bordermap's event fields id, kind and start
    MapLayer,  // any other vector data GDAL reads
};

// Reads no more of the file than it needs: a briefing by its first 4 KiB, events and layers by their fields (GDAL
// with no feature read, or the first feature of a GeoJSON stream). Throws InputError naming the file where it is
// missing, not a file or folder that can be read (checkReadableFile), or not vector data GDAL reads.
FileContent classifyFile(const std::string& path);

// "a briefing", "events", "a map layer": how the viewer says what it opened a file as.
std::string_view describe(FileContent content);

}  // namespace bordermap::ui
