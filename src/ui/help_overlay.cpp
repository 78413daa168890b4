// The help overlay (F1): every key and mouse action.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace bordermap::ui::panels {

void drawHelp(AppState& s, float w, float h, float) {
    // 36 em wide where the window allows, the actions wrapping in their column; as tall as the rows, within the
    // window (it scrolls beyond).
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(w / 2, h / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(36 * em, w - 2 * em), 0), ImVec2(std::min(36 * em, w - 2 * em), h - 2 * em));
    ImGui::Begin("Keys (F1 to close)", &s.helpVisible, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    const char* rows[][2] = {
        {"N or Page Down", "next event: the map flies to it"}, {"P or Page Up", "previous event"},
        {"T", "the event's caption card (panels hidden)"},
        {"Page Down, Page Up", "a briefing's next and previous scene"}, {"S", "the presenter's notes over the map"},
        {"F5", "the presenter's console: a second window with notes, next scene, timer"},
        {"Space", "play / pause"},               {"] and [", "one step (day, week, month) forward and back"},
        {"C", "window or cumulative"},           {"D", "draw the Durand Line as international or disputed"},
        {"Arrow keys, drag", "pan"},             {"+ and -, wheel", "zoom"},
        {"Home", "fit the region"},              {"M", "measure a path: click points (legs, bearings, total)"},
        {"Right-click, Backspace", "take the path's last point back"},
        {"H", "high contrast, colour-blind safe"}, {"F11", "full screen, presenter mode"},
        {"Tab", "hide every panel but map, date and legend"}, {"L", "legend on and off"},
        {"K, click its title", "fold or unfold the legend"}, {"Drag its title", "move the legend (double-click: put it back)"},
        {"Ctrl+E", "export the map (PNG, SVG, PDF) or a video (MP4, WebM, GIF)"}, {"Esc", "close details and help, clear the measured path"},
        {"O", "locator map on and off (click it: go there)"}, {"I", "Khyber-Kurram-Waziristan inset (click it: go there)"},
        {"Wheel on the timeline", "zoom it about the pointer (Shift: scroll its lanes)"},
        {"Drag the timeline's lanes", "pan it (double-click: everything)"},
        {"Drag along its dates", "show those days (window mode)"},
        {"Up, Down, Enter", "in the search box: choose a result and go there (Esc clears)"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthStretch, 0.36f);
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch, 0.64f);
        for (const auto& row : rows) {
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", row[0]);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", row[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace bordermap::ui::panels
