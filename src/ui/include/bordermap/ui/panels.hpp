#pragma once
// The viewer's panels, drawn with Dear ImGui each frame from the AppState they change through its actions.

#include <bordermap/ui/app_state.hpp>

namespace bordermap::ui {

// Where the panels are, in window pixels; the map fills the rest.
struct Layout {
    float top = 0, right = 0, bottom = 0;
    float mapX() const { return 0; }
    float mapY() const { return top; }
};

Layout layoutFor(const AppState& state, float windowW, float windowH, float uiScale);

// Everything but the map: the time bar (top), the side panel (right), the timeline strip (bottom), the help
// overlay (F1), the hover tooltip, the status line. `hover` is what lies under the mouse on the map.
void drawPanels(AppState& state, const Layout& layout, float windowW, float windowH, float uiScale, const Hover& hover);

}  // namespace bordermap::ui
