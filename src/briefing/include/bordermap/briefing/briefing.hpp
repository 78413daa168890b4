#pragma once
// A briefing: an ordered list of scenes a presenter steps through, each a date, a view, what to highlight, a
// caption for the room and notes for the presenter. Kept as JSON, to be edited by hand and diffed (one field a
// line, keys in a fixed order); see the README's "Briefings" for the format.

#include <bordermap/core/coords.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/date.hpp>
#include <bordermap/timeline/selection.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::scene {
struct ProjectedMap;
}
namespace bordermap::timeline {
struct Catalogue;
}

namespace bordermap::briefing {

// Where a scene's map looks: a centre and a zoom (web-map levels, as --view LON,LAT,ZOOM), or a lon/lat box fitted.
struct SceneView {
    std::optional<LonLat> centre;
    double zoom = 6;
    std::optional<GeoBox> box;
    friend bool operator==(const SceneView&, const SceneView&) = default;
};

struct Scene {
    std::string title;
    timeline::CalendarDay date{};
    scene::TimeMode mode = scene::TimeMode::Window;
    int windowDays = 30;
    SceneView view;
    std::optional<scene::LayerSwitches> layers;  // absent: the layers as they are
    std::optional<timeline::EventFilter> filter;  // absent: the filter as it is; present: the events it passes
    std::vector<std::string> highlight;          // event ids, ringed; the others dimmed
    std::string caption;                         // what the room reads
    std::string notes;                           // what only the presenter reads
    double hold_s = 8;                           // how long a video holds the scene
    friend bool operator==(const Scene&, const Scene&) = default;
};

struct Briefing {
    std::string title;
    std::vector<Scene> scenes;
    friend bool operator==(const Briefing&, const Briefing&) = default;
};

// Reads a briefing from its text. Throws InputError naming `file`, the scene ("scene 3 ('Torkham')") and the field:
// JSON that does not parse (with its line and column), an unknown field (a typo must not pass unseen), a wrong type,
// a date that is not a day, a zoom or box out of range, no scenes.
Briefing parseBriefing(std::string_view text, const std::string& file);
Briefing readBriefing(const std::string& file);  // a missing or unreadable file: InputError naming it
// The text saved: two-space indent, one field a line, keys in a fixed order, so that an edit is a small diff.
std::string briefingText(const Briefing& briefing);
// Written whole or not at all (core/atomic_file.hpp): a failed save leaves the previous file as it was.
void saveBriefing(const Briefing& briefing, const std::string& file);
// Against the data shown: a scene whose view lies outside the map's region, an event to highlight that is not in
// the catalogue, a date outside the data's range. Throws InputError naming the file, scene and field.
void checkBriefing(const Briefing& briefing, const std::string& file, const scene::ProjectedMap& map, const timeline::Catalogue& catalogue);

// The map view a scene shows on a screen of the given size.
scene::View sceneView(const Scene& scene, const scene::ProjectedMap& map, int widthPx, int heightPx);
// The centre and zoom that show `view` again (at its scale, on any screen), rounded for a file read by people: the
// centre to 1e-4 degrees (about 10 m), the zoom to 0.01 (0.7 % of the scale).
SceneView viewOf(const scene::View& view, const scene::ProjectedMap& map);
// The scene's date, mode and window.
inline scene::TimeSettings sceneTime(const Scene& s) { return {s.date, s.mode, s.windowDays}; }

}  // namespace bordermap::briefing
