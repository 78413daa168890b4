// The time bar along the window's top: play, speed, stepping, the typed date, the mode and the date slider.

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

using namespace std::chrono;
using timeline::CalendarDay;

void drawTimeBar(AppState& s, const Layout& layout, float w, float k) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, layout.top));
    ImGui::Begin("time", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::Button(s.playing ? "Pause" : "Play")) s.togglePlay();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110 * k);
    float speed = static_cast<float>(s.playSpeed_daysPerSecond);
    if (ImGui::SliderFloat("##speed", &speed, 1.0f, 120.0f, "%.0f days/s", ImGuiSliderFlags_Logarithmic)) s.playSpeed_daysPerSecond = speed;
    ImGui::SameLine();
    if (ImGui::Button("<< event")) s.previousEvent();
    ImGui::SameLine();
    if (ImGui::Button("<")) s.step(-1);
    ImGui::SameLine();
    int unit = static_cast<int>(s.stepUnit);
    ImGui::SetNextItemWidth(80 * k);
    if (ImGui::Combo("##unit", &unit, "day\0week\0month\0")) s.stepUnit = static_cast<StepUnit>(unit);
    ImGui::SameLine();
    if (ImGui::Button(">")) s.step(1);
    ImGui::SameLine();
    if (ImGui::Button("event >>")) s.nextEvent();
    ImGui::SameLine();
    static char typed[16] = "";
    ImGui::SetNextItemWidth(110 * k);
    if (ImGui::InputTextWithHint("##date", "YYYY-MM-DD", typed, sizeof typed, ImGuiInputTextFlags_EnterReturnsTrue)) s.setDateText(typed);
    ImGui::SameLine();
    int mode = s.time.mode == scene::TimeMode::Window ? 0 : 1;
    if (ImGui::RadioButton("window", mode == 0)) s.setMode(scene::TimeMode::Window);
    ImGui::SameLine();
    if (ImGui::RadioButton("cumulative", mode == 1)) s.setMode(scene::TimeMode::Cumulative);
    if (s.time.mode == scene::TimeMode::Window) {
        ImGui::SameLine();
        int window = s.time.windowDays;
        ImGui::SetNextItemWidth(90 * k);
        if (ImGui::InputInt("days", &window, 1, 30)) s.setWindowDays(window);
    }
    ImGui::SameLine();
    if (bool whole = s.wholeRange; ImGui::Checkbox("whole range", &whole)) s.setWholeRange(whole);  // the strip fitted to it too
    // The date slider over the strip's range.
    const auto [from, to] = stripRange(s);
    int dayIndex = static_cast<int>((s.time.day - from).count());
    const int span = static_cast<int>((to - from).count());
    ImGui::SetNextItemWidth(w - 30 * k);
    const std::string label = timeline::displayDay(s.time.day);
    if (ImGui::SliderInt("##day", &dayIndex, 0, span, label.c_str())) s.setDate(from + days{dayIndex});
    ImGui::End();
}

}  // namespace bordermap::ui::panels
