#pragma once
// The viewer's export: what is on the screen (view, date, layers, style) through the same Cairo code as
// `bordermap render`, so the two give the same file for the same view and date; and its videos, through the same
// film loops as `bordermap render --dates` and `bordermap brief` (render/film.hpp), on a thread of their own.

#include <bordermap/ui/app_state.hpp>

#include <optional>
#include <string>
#include <utility>

namespace bordermap::ui {

// Exports with `state.exportSettings`: the area on the screen, at the screen's size when matchScreen is set, else
// fitted into the chosen size. Remembers the settings in `settingsFile` (none when empty). Throws like
// render::exportMap; the message says where the file went.
void exportView(AppState& state, const std::string& settingsFile);

// The open briefing's handout (render::exportHandout, as `bordermap brief FILE -o handout.pdf`), on A4 paper,
// portrait or landscape, in the viewer's palette and Durand Line view, the events as filtered (a scene's own filter
// where it has one). Throws like render::exportHandout; the message says where it went and how many pages.
void exportHandout(AppState& state, const std::string& path, bool landscape);

// The events the map shows (the date and its window, or every day up to it in cumulative mode; the filter; the
// user's files) written to `path` as data in bordermap's schema, as `bordermap events --date D --window N -o`
// writes them: GeoPackage, GeoJSON, CSV, KML or FlatGeobuf by its extension. Sets state.message to what was
// written. Throws like timeline::writeEvents.
void exportEvents(AppState& state, const std::string& path);
// Whether `path` names a data file exportEvents writes (.gpkg, .geojson, .csv, .kml, .fgb).
bool exportsEvents(const std::string& path);

// Whether the settings' file is a video (.mp4, .webm, .gif).
bool exportsFilm(const ExportSettings& settings);

// The days a date video shows: the remembered ones where both lie in the data's range in order, else the window
// shown (in cumulative mode the 30 days to the date), within the data's range.
std::pair<timeline::CalendarDay, timeline::CalendarDay> filmDates(const AppState& state);
// A video's frame: the map on the screen (each side rounded down to even for MP4 and WebM, which need it), or the
// chosen size.
std::pair<int, int> filmSize(const AppState& state);
// Why the settings' video cannot be made (no briefing open, dates outside the data, a size the format refuses),
// or none.
std::optional<std::string> filmDefect(const AppState& state);
// The frame times the settings' video will have (0 while filmDefect says it cannot be made).
long filmFrames(const AppState& state);

// Starts the settings' video on a thread of its own (AppState::film(); poll() says how it ended): the dates a step
// apart in the view on the screen, or the open briefing played, each with the screen's style, layers and filter.
// Remembers the settings in `settingsFile`. Throws UsageError with filmDefect's reason, or while a video is being
// written.
void exportFilm(AppState& state, const std::string& settingsFile);

}  // namespace bordermap::ui
