#pragma once
// The pieces of the viewer's panels, a panel a file (drawPanels in panels.cpp puts them together). Each draws with
// Dear ImGui from the AppState and changes it only through its actions. `k` is the UI scale (panels.hpp).

#include <bordermap/ui/panels.hpp>

#include <imgui.h>

#include <string>
#include <string_view>
#include <utility>

namespace bordermap::ui {
class FilmJob;
}

namespace bordermap::ui::panels {

// Widgets (panel_widgets.cpp).
ImU32 colour(scene::Colour c, float alpha = 1.0f);
// The days the time bar's slider and the strip cover: the data's whole range, or (the default) from 2021, the
// modern conflict, to the data's end; the whole range anyway when the date lies before 2021.
std::pair<timeline::CalendarDay, timeline::CalendarDay> stripRange(const AppState& s);
// ImGui's text box on a std::string; `lines` > 0: a box of that many lines, Enter starting a new one.
bool editText(const char* id, const char* hint, std::string& text, int lines = 0);
// A long text (a caption, notes) in a box of `lines` lines, shown wrapped until clicked; true when it changed.
bool editLongText(const char* id, std::string& text, int lines);
// Puts the next item, `width_px` wide, on the line of the item before where it fits the window, else on a line of
// its own: rows of checkboxes and buttons that flow with the panel's width.
void sameLineIfFits(float width_px);
// The width of a checkbox with its label.
float checkboxWidth(const char* label);
// As much of `text` as fits in `width_px` on one line, cut at a whole character with an ellipsis where it does not
// fit (show the whole on hover).
std::string fitted(std::string_view text, float width_px);
// A collapsing header of the side panel; every one is open while AppState::openEverySection (the layout audit).
bool section(const AppState& s, const char* label, ImGuiTreeNodeFlags flags = 0);
// A tooltip for the item before, wrapped at 30 em.
void hoverTip(const char* text);

// The panels, each in its own file.
void drawTimeBar(AppState& s, const Layout& layout, float w, float k);
void drawStrip(AppState& s, const Layout& layout, float w, float h, float k);
void drawSidePanel(AppState& s, const Layout& layout, float w, float h, float k);
void drawDetails(AppState& s, float k);
void drawFilter(AppState& s, float k);
void drawBriefingEditor(AppState& s, float k);
void drawLayers(AppState& s, float k);  // layers_panel.cpp
void drawExportDialog(AppState& s, float w, float h, float k);
void drawHelp(AppState& s, float w, float h, float k);

// Over the map (cards.cpp).
void drawCaption(const AppState& s, const Layout& layout, float w, float h, float k, const OverMap& over);
void drawSceneCard(const AppState& s, const Layout& layout, float w, float h, float k, const OverMap& over);
void drawNotes(const AppState& s, float w, float k);
std::string clockNow();                             // "12:04", the wall clock's hours and minutes
std::string elapsedText(double seconds);            // "4:07" (hours where it runs that long)
std::string sceneWhen(const briefing::Scene& scene);  // "11 October 2025, 30 days up to it"

}  // namespace bordermap::ui::panels
