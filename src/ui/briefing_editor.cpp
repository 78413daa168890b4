// The side panel's Briefing section: making, editing and saving a briefing, and writing its handout.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <bordermap/ui/export.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

namespace bordermap::ui::panels {

// The Briefing section: make a briefing from what the map shows, scene by scene; reorder, edit the words, delete,
// save; open or start one.
void drawBriefingEditor(AppState& s, float) {
    static std::string openPath, savePath, shownFile = "\n";  // shownFile: the file savePath was last set from
    if (!s.briefing) {
        ImGui::TextWrapped("A briefing is a list of scenes to step through with a clicker (Page Down): each a date, a view, a "
                           "caption for the room and notes for you.");
        if (ImGui::Button("New briefing")) s.newBriefing();
        hoverTip("then show what the first scene should show, and add the view");
        ImGui::TextWrapped("Or open one (or drop it on the map):");
        editText("##open", "path of a briefing (.json)", openPath);
        if (ImGui::Button("Open")) {
            try {
                s.openBriefing(trim(openPath));
            } catch (const Error& e) {
                s.message = e.what();
            }
        }
        return;
    }
    briefing::Briefing& b = *s.briefing;
    if (s.briefingFile != shownFile) savePath = shownFile = s.briefingFile;
    if (editText("##btitle", "the briefing's title", b.title)) s.briefingChanged = true;
    const int count = static_cast<int>(b.scenes.size());
    const float row = ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::BeginListBox("##scenes", ImVec2(-1, row * static_cast<float>(std::clamp(count, 3, 8)) + 0.5f * ImGui::GetFontSize()))) {
        for (int i = 0; i < count; ++i) {
            const briefing::Scene& scene = b.scenes[static_cast<std::size_t>(i)];
            // One line each, cut to the list's width; the whole title, the date and the caption on hover.
            const std::string title = std::to_string(i + 1) + "  " + (scene.title.empty() ? "(no title)" : scene.title);
            const std::string label = fitted(title, ImGui::GetContentRegionAvail().x) + "##scene" + std::to_string(i);
            if (ImGui::Selectable(label.c_str(), i == s.sceneIndex)) s.showScene(i);
            hoverTip((title + "\n" + timeline::displayDay(scene.date) + "  \xc2\xb7  " + scene.caption).c_str());
        }
        if (count == 0) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextDisabled("No scenes yet: show what the first should show, then Add this view.");
            ImGui::PopTextWrapPos();
        }
        ImGui::EndListBox();
    }
    const bool shown = s.scene() != nullptr;
    if (ImGui::Button("Add this view")) s.addSceneFromView();
    hoverTip("a scene of what the map shows now (date, view, layers, filter, the selected event ringed), after the scene shown");
    ImGui::SameLine();
    ImGui::BeginDisabled(!shown);
    if (ImGui::Button("Update")) s.updateSceneFromView(s.sceneIndex);
    hoverTip("the scene shown takes the date, view, layers and filter shown now; its words stay");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) s.moveScene(s.sceneIndex, -1);
    hoverTip("move the scene up");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) s.moveScene(s.sceneIndex, 1);
    hoverTip("move the scene down");
    ImGui::SameLine();
    if (ImGui::Button("Delete")) ImGui::OpenPopup("Delete the scene?");
    ImGui::EndDisabled();
    if (ImGui::BeginPopupModal("Delete the scene?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (const briefing::Scene* scene = s.scene()) ImGui::Text("Scene %d, '%s', and its caption and notes.", s.sceneIndex + 1, scene->title.c_str());
        if (ImGui::Button("Delete")) {
            s.deleteScene(s.sceneIndex);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (s.scene() != nullptr) {
        briefing::Scene& scene = b.scenes[static_cast<std::size_t>(s.sceneIndex)];
        ImGui::TextDisabled("Scene %d: %s", s.sceneIndex + 1, timeline::displayDay(scene.date).c_str());
        bool changed = editText("##stitle", "the scene's title: its card's headline", scene.title);
        ImGui::TextUnformatted("Caption, for the room:");
        changed |= editLongText("##caption", scene.caption, 3);
        ImGui::TextUnformatted("Notes, for you alone (S, F5):");
        changed |= editLongText("##notes", scene.notes, 5);
        ImGui::SetNextItemWidth(6.5f * ImGui::GetFontSize());
        if (ImGui::InputDouble("seconds a video holds it", &scene.hold_s, 1, 5, "%.1f")) {
            scene.hold_s = std::clamp(scene.hold_s, 0.5, 600.0);
            changed = true;
        }
        if (changed) s.briefingChanged = true;
    }
    ImGui::Separator();
    editText("##save", "file to save in, e.g. closures.briefing.json", savePath);
    if (ImGui::Button(s.briefingChanged ? "Save *" : "Save")) s.saveBriefingAs(trim(savePath));
    hoverTip("written whole or not at all: a failed save leaves the file as it was");
    ImGui::SameLine();
    if (ImGui::Button("Close")) {
        if (s.briefingChanged) ImGui::OpenPopup("Close without saving?");
        else s.closeBriefing();
    }
    if (ImGui::BeginPopupModal("Close without saving?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("The briefing has changes that are not saved.");
        if (ImGui::Button("Close it, losing them")) {
            s.closeBriefing();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it open") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (s.briefingChanged) {
        ImGui::SameLine();
        ImGui::TextDisabled("changed, not saved");
    }
    // The handout: a page a scene (its map, caption and notes), then the sources cited, numbered.
    static std::string handoutPath, handoutFor = "\n";  // handoutFor: the briefing file the path was made from
    static bool landscape = false;
    if (std::exchange(handoutFor, s.briefingFile) != s.briefingFile) {
        // x.briefing.json (the name a file manager knows a briefing by) and x.json both give x-handout.pdf.
        std::string base = s.briefingFile.empty() ? std::string("briefing.json") : s.briefingFile;
        base.resize(base.rfind('.') == std::string::npos ? base.size() : base.rfind('.'));
        if (base.ends_with(".briefing")) base.resize(base.size() - std::string_view(".briefing").size());
        handoutPath = base + "-handout.pdf";
    }
    editText("##handout", "handout to write, e.g. briefing-handout.pdf", handoutPath);
    ImGui::BeginDisabled(count == 0);
    if (ImGui::Button("Write the handout (PDF)")) {
        try {
            exportHandout(s, trim(handoutPath), landscape);
        } catch (const Error& e) {
            s.message = e.what();
        }
    }
    ImGui::EndDisabled();
    hoverTip("A4: a page a scene with its map, title, date, caption and notes, then the sources of its events, numbered");
    ImGui::SameLine();
    ImGui::Checkbox("landscape", &landscape);
}

}  // namespace bordermap::ui::panels
