#pragma once
// The viewer's panels, drawn with Dear ImGui each frame from the AppState they change through its actions.

#include <bordermap/ui/app_state.hpp>

#include <vector>

struct ImFont;

namespace bordermap::ui {

// Where the panels are, in window pixels; the map fills the rest.
struct Layout {
    float top = 0, right = 0, bottom = 0;
    float mapX() const { return 0; }
    float mapY() const { return top; }
};

// The panels' font size at a UI scale: the unit the layout is measured in.
inline float fontSize_px(float uiScale) { return 17.0f * uiScale; }

// In units of the font size, so that a larger type (a HiDPI screen, a wall) keeps the panels' proportions: the time
// bar two rows high, the side panel 22 em wide (at most 40 % of the window; none while folded away), the timeline
// 10 em high (at most a quarter of the window).
Layout layoutFor(const AppState& state, float windowW, float windowH, float uiScale);

// What the panels draw over the map: what lies under the mouse, the boxes (window pixels) a caption card must not
// cover (the legend, the inset, the locator, the date, the selected event), the large font for the card.
struct OverMap {
    Hover hover;
    std::vector<scene::ScreenBox> covered;
    ImFont* largeFont = nullptr;
};

// Everything but the map: the time bar (top), the side panel (right), the timeline strip (bottom), the help
// overlay (F1), the hover tooltip, the status line (fading out, AppState::kMessageShown_s after it was said), and
// with the panels hidden, the selected event's caption card.
void drawPanels(AppState& state, const Layout& layout, float windowW, float windowH, float uiScale, const OverMap& over);

// The presenter's console, filling a window of its own (w x h) that the room does not see: the elapsed time and
// the clock, the scene's title, date and caption, its notes, the next scene, and buttons to step. `large` is the
// console's large font.
void drawConsole(AppState& state, float windowW, float windowH, float uiScale, ImFont* large);

// Where the caption card goes in a map of `mapW` x `mapH` (its top at `top`): the lower third's middle, else a
// lower corner, else the top's middle, the first that covers none of `covered`; else the one covering least.
scene::ScreenBox captionPlace(float top, float mapW, float mapH, float cardW, float cardH, float margin, const std::vector<scene::ScreenBox>& covered);

}  // namespace bordermap::ui
