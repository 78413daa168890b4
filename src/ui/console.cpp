// The presenter's console: a window of its own for the laptop's screen.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace bordermap::ui {

using namespace panels;

void drawConsole(AppState& s, float w, float h, float k, ImFont* large) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("console", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    // Secondary lines darker than the panels' grey: read at a glance, at arm's length, on a laptop's screen.
    ImGui::PushStyleColor(ImGuiCol_TextDisabled, ImVec4(0.36f, 0.36f, 0.36f, 1.0f));
    const float gap = 0.6f * fontSize_px(k);
    // The time, read at a glance: elapsed on the left, the clock on the right.
    if (large != nullptr) ImGui::PushFont(large);
    const std::string clock = clockNow();
    if (s.briefing) ImGui::TextUnformatted((elapsedText(s.briefingElapsed_s()) + " elapsed").c_str());
    ImGui::SameLine(std::max(0.0f, ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(clock.c_str()).x));
    ImGui::TextUnformatted(clock.c_str());
    if (large != nullptr) ImGui::PopFont();
    ImGui::PushTextWrapPos(0);
    const briefing::Scene* scene = s.scene();
    if (scene == nullptr) {
        ImGui::Separator();
        if (s.briefing)
            ImGui::TextUnformatted("The briefing has no scene shown. Pick one in the side panel's Briefing list, or add the map's view as a scene.");
        else
            ImGui::TextUnformatted("No briefing is open. Open one with bordermap --briefing FILE, or drop a briefing file on the map's window; "
                                   "its scenes, notes and timer show here.");
        ImGui::Dummy(ImVec2(0, gap));
        ImGui::TextDisabled("Meanwhile N and P (a clicker's Page Down and Page Up) step through the events.");
        if (const timeline::Event* e = s.selected()) {
            ImGui::Dummy(ImVec2(0, gap));
            ImGui::TextUnformatted(e->name.str().c_str());
            ImGui::TextDisabled("%s", s.catalogue().summaryOf(*e).c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::End();
        return;
    }
    const std::size_t count = s.briefing->scenes.size();
    const auto index = static_cast<std::size_t>(s.sceneIndex);
    ImGui::TextDisabled("Scene %zu of %zu  \xc2\xb7  %s", index + 1, count, sceneWhen(*scene).c_str());
    ImGui::Separator();
    if (large != nullptr) ImGui::PushFont(large);
    ImGui::TextUnformatted(scene->title.empty() ? "(no title)" : scene->title.c_str());
    if (large != nullptr) ImGui::PopFont();
    if (!scene->caption.empty()) ImGui::TextDisabled("The room reads: %s", scene->caption.c_str());
    ImGui::Dummy(ImVec2(0, gap / 2));
    // The notes take what is left above the next scene and the buttons, and scroll when they are longer.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float below = 4 * line + ImGui::GetFrameHeightWithSpacing() + 3 * gap;
    ImGui::BeginChild("notes", ImVec2(0, std::max(3 * line, ImGui::GetContentRegionAvail().y - below)), true);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(scene->notes.empty() ? "(no notes for this scene)" : scene->notes.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::Dummy(ImVec2(0, gap / 2));
    if (index + 1 < count) {
        const briefing::Scene& next = s.briefing->scenes[index + 1];
        ImGui::Text("Next: %s", next.title.c_str());
        ImGui::TextDisabled("%s%s%s", sceneWhen(next).c_str(), next.caption.empty() ? "" : "  \xc2\xb7  ", next.caption.c_str());
    } else {
        ImGui::TextUnformatted("The last scene.");
    }
    ImGui::Dummy(ImVec2(0, gap / 2));
    ImGui::BeginDisabled(index == 0);
    if (ImGui::Button("\xe2\x86\x90 Previous")) s.stepScene(-1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 >= count);
    if (ImGui::Button("Next \xe2\x86\x92")) s.stepScene(1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Restart the timer")) s.briefingStarted = std::chrono::steady_clock::now();
    ImGui::SameLine();
    ImGui::TextDisabled("Page Down, Page Up and every map key work here too");
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::End();
}

}  // namespace bordermap::ui
