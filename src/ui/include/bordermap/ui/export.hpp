#pragma once
// The viewer's export: what is on the screen (view, date, layers, style) through the same Cairo code as
// `bordermap render`, so the two give the same file for the same view and date.

#include <bordermap/ui/app_state.hpp>

namespace bordermap::ui {

// Exports with `state.exportSettings`: the area on the screen, at the screen's size when matchScreen is set, else
// fitted into the chosen size. Remembers the settings in `settingsFile` (none when empty). Throws like
// render::exportMap; the message says where the file went.
void exportView(AppState& state, const std::string& settingsFile);

}  // namespace bordermap::ui
