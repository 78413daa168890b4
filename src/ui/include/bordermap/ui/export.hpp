#pragma once
// The viewer's export: what is on the screen (view, date, layers, style) through the same Cairo code as
// `bordermap render`, so the two give the same file for the same view and date.

#include <bordermap/ui/app_state.hpp>

namespace bordermap::ui {

// Exports with `state.exportSettings`: the area on the screen, at the screen's size when matchScreen is set, else
// fitted into the chosen size. Remembers the settings in `settingsFile` (none when empty). Throws like
// render::exportMap; the message says where the file went.
void exportView(AppState& state, const std::string& settingsFile);

// The open briefing's handout (render::exportHandout, as `bordermap brief FILE -o handout.pdf`), on A4 paper,
// portrait or landscape, in the viewer's palette and Durand Line view, the events as filtered (a scene's own filter
// where it has one). Throws like render::exportHandout; the message says where it went and how many pages.
void exportHandout(AppState& state, const std::string& path, bool landscape);

}  // namespace bordermap::ui
