#include "bordermap/ui/open_file.hpp"

#include <bordermap/geo/vector_source.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace bordermap::ui {

namespace {

// A briefing's marker within this many bytes of the start: the writer puts it first, a hand-written file may put a
// title before it. The MIME magic in assets/org.bordermap.Bordermap.xml looks at 256 bytes, for file managers.
constexpr std::size_t kSniffBytes = 4096;

// The file's first bytes after a UTF-8 byte-order mark and white space.
std::string head(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(kSniffBytes, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    std::size_t from = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    from = std::min(bytes.find_first_not_of(" \t\r\n", from), bytes.size());
    return bytes.substr(from);
}

// Whether `key` (quoted) stands in `json` as a member's name, followed by its colon: a GeoJSON whose text merely
// mentions briefings is not one.
bool hasMember(const std::string& json, std::string_view key) {
    for (std::size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
        const std::size_t next = json.find_first_not_of(" \t\r\n", at + key.size());
        if (next != std::string::npos && json[next] == ':') return true;
    }
    return false;
}

}  // namespace

FileContent classifyFile(const std::string& path) {
    geo::checkReadableFile(path, path);  // missing, a pipe, too big: one line naming the file
    // A folder is read by GDAL (a shapefile's folder); a file is looked into first.
    std::error_code ec;
    const std::string start = std::filesystem::is_directory(path, ec) ? std::string() : head(path);
    const bool isJson = start.starts_with('{');
    if (isJson && hasMember(start, "\"bordermap_briefing\"")) return FileContent::Briefing;

    geo::LoadOptions probe;
    probe.strict = false;
    probe.headerOnly = true;  // the fields tell; a million features need not be read twice
    // GDAL's GeoJSON driver reads every feature to learn the fields (10^6 events: many seconds); the stream reads the
    // first feature's.
    geo::VectorSource source;
    if (isJson) {
        try {
            source = geo::streamGeoJsonPoints(path, probe);
        } catch (const geo::NotStreamable&) {
            source = {};
        }
    }
    if (source.layers.empty()) source = geo::loadVectorSource(path, probe);
    if (source.layers.empty()) return FileContent::MapLayer;  // the layer's own load names what is wrong
    const geo::Layer& first = source.layers.front();
    if (first.fieldIndex("id") && first.fieldIndex("kind") && first.fieldIndex("start")) return FileContent::Events;
    return FileContent::MapLayer;
}

std::string_view describe(FileContent content) {
    switch (content) {
    case FileContent::Briefing: return "a briefing";
    case FileContent::Events: return "events";
    case FileContent::MapLayer: return "a map layer";
    }
    return "a map layer";
}

}  // namespace bordermap::ui
