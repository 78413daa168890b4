// drawPanels: the viewer's panels put together each frame (a panel a file: panel_parts.hpp); the panels' layout.

#include "bordermap/ui/panels.hpp"

#include "panel_parts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bordermap::ui {

using namespace panels;

Layout layoutFor(const AppState& state, float w, float h, float k) {
    if (!state.panelsVisible) return {};
    // ImGui's style is scaled with the font from its 13 px default (ImGuiSfml): its frame padding 3 px, item spacing
    // 4 px and window padding 8 px there.
    const float em = fontSize_px(k), s = em / 13.0f;
    const float frame = em + 2 * 3 * s;
    const float top = std::ceil(2 * frame + 4 * s + 2 * 8 * s);
    const float right = state.sidePanelFolded ? 0.0f : std::floor(std::min(22 * em, 0.4f * w));
    const float bottom = std::floor(std::min(10 * em, 0.25f * h));
    return {top, right, bottom};
}

scene::ScreenBox captionPlace(float top, float mapW, float mapH, float cardW, float cardH, float margin, const std::vector<scene::ScreenBox>& covered) {
    const double x0s[] = {(mapW - cardW) / 2.0, margin, mapW - cardW - margin, (mapW - cardW) / 2.0};
    const double y0s[] = {top + mapH - cardH - margin * 3.5, top + mapH - cardH - margin * 3.5, top + mapH - cardH - margin * 3.5, top + margin};
    scene::ScreenBox best{};
    double bestCover = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < std::size(x0s); ++i) {
        const scene::ScreenBox box{x0s[i], y0s[i], x0s[i] + cardW, y0s[i] + cardH};
        double cover = 0;
        for (const scene::ScreenBox& c : covered)
            cover += std::max(0.0, std::min(box.x1, c.x1) - std::max(box.x0, c.x0)) * std::max(0.0, std::min(box.y1, c.y1) - std::max(box.y0, c.y0));
        if (cover == 0) return box;
        if (cover < bestCover) bestCover = cover, best = box;
    }
    return best;
}

namespace {

// A tab on the side panel's left edge, over the map: folds the panel away for a wider map, and brings it back from
// the window's right edge. Half way down the map, clear of the corners where the legend and the locator go.
void drawSidePanelTab(AppState& s, const Layout& layout, float w, float h) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(w - layout.right, layout.top + (h - layout.top - layout.bottom) / 2), ImGuiCond_Always, ImVec2(1, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.15f * em, 0.15f * em));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.3f * em);
    ImGui::Begin("side tab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoFocusOnAppearing);
    const bool folded = s.sidePanelFolded;
    if (ImGui::Button(folded ? "\xc2\xab" : "\xc2\xbb", ImVec2(1.2f * em, 2.2f * em))) s.sidePanelFolded = !folded;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(folded ? "Show the side panel: search, layers, filter, briefing, details" : "Fold the side panel away for a wider map");
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace

void drawPanels(AppState& s, const Layout& layout, float w, float h, float k, const OverMap& over) {
    const Hover& hover = over.hover;
    if (!s.panelsVisible && s.captionVisible) {
        if (s.selected() != nullptr) drawCaption(s, layout, w, h, k, over);
        else drawSceneCard(s, layout, w, h, k, over);
    }
    if (s.notesVisible) drawNotes(s, w, k);
    if (s.panelsVisible) {
        drawTimeBar(s, layout, w, k);
        if (!s.sidePanelFolded) drawSidePanel(s, layout, w, h, k);
        drawSidePanelTab(s, layout, w, h);
        drawStrip(s, layout, w, h, k);
        if (!s.message.empty() && s.messageAge_s < AppState::kMessageShown_s) {
            // Said, read, gone: the last second fades it out.
            const float fade = static_cast<float>(std::clamp(AppState::kMessageShown_s - s.messageAge_s, 0.0, 1.0));
            ImGui::PushStyleVar(ImGuiStyleVar_Alpha, fade);
            ImGui::SetNextWindowPos(ImVec2(0.5f * fontSize_px(k), h - layout.bottom - 2 * fontSize_px(k)));
            ImGui::SetNextWindowBgAlpha(0.85f);
            // Never focused: a message appearing (a filter applied as the user types) must not take the keyboard
            // from the text box being typed in.
            ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                                ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing);
            ImGui::TextUnformatted(s.message.c_str());
            ImGui::End();
            ImGui::PopStyleVar();
        }
    }
    if (s.helpVisible) drawHelp(s, w, h, k);
    if (s.exportDialogVisible) drawExportDialog(s, w, h, k);
    if (!hover.title.empty() && !ImGui::GetIO().WantCaptureMouse) {
        // Wrapped at 30 em: a long name or summary reads as a paragraph, not a line across the side panel.
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(30 * ImGui::GetFontSize());
        ImGui::TextUnformatted(hover.title.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        for (const std::string& line : hover.lines)
            if (!line.empty()) ImGui::TextUnformatted(line.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

}  // namespace bordermap::ui
