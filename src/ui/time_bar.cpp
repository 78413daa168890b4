// The time bar along the window's top: play, speed, stepping, the typed date, the mode and the date slider.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <imgui.h>

#include <algorithm>
#include <cfloat>
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
    const float em = ImGui::GetFontSize();
    // As wide as the wider of its labels, so that nothing after it moves when Play becomes Pause.
    const float playWidth_px = std::max(ImGui::CalcTextSize("Play").x, ImGui::CalcTextSize("Pause").x) + 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::Button(s.playing ? "Pause###play" : "Play###play", ImVec2(playWidth_px, 0))) s.togglePlay();
    ImGui::SameLine();
    // The speed in named steps (1 day/s to 1 year/s), the step's name on the slider.
    ImGui::SetNextItemWidth(6.5f * em);
    int speed = s.speedStep();
    // A pale grab: the step's name under it stays readable.
    ImVec4 grab = ImGui::GetStyleColorVec4(ImGuiCol_SliderGrab);
    grab.w *= 0.4f;
    ImGui::PushStyleColor(ImGuiCol_SliderGrab, grab);
    if (ImGui::SliderInt("##speed", &speed, 0, static_cast<int>(std::size(kSpeedSteps)) - 1, kSpeedSteps[s.speedStep()].name, ImGuiSliderFlags_NoInput))
        s.setSpeedStep(speed);
    ImGui::PopStyleColor();
    hoverTip("How fast the date moves while playing");
    ImGui::SameLine();
    if (ImGui::Button("<< event")) s.previousEvent();
    ImGui::SameLine();
    if (ImGui::Button("<")) s.step(-1);
    ImGui::SameLine();
    int unit = static_cast<int>(s.stepUnit);
    ImGui::SetNextItemWidth(4.7f * em);
    if (ImGui::Combo("##unit", &unit, "day\0week\0month\0")) s.stepUnit = static_cast<StepUnit>(unit);
    ImGui::SameLine();
    if (ImGui::Button(">")) s.step(1);
    ImGui::SameLine();
    if (ImGui::Button("event >>")) s.nextEvent();
    ImGui::SameLine();
    // The date shown, as YYYY-MM-DD, unless it is being typed in: a click selects it all, Enter takes a new one.
    static char typed[16] = "";
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID typingKey = ImGui::GetID("date typing");
    if (!storage->GetBool(typingKey)) std::snprintf(typed, sizeof typed, "%s", timeline::isoDay(s.time.day).c_str());
    ImGui::SetNextItemWidth(6.5f * em);
    if (ImGui::InputTextWithHint("##date", "YYYY-MM-DD", typed, sizeof typed, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll))
        s.setDateText(typed);
    storage->SetBool(typingKey, ImGui::IsItemActive());
    ImGui::SameLine();
    int mode = s.time.mode == scene::TimeMode::Window ? 0 : 1;
    if (ImGui::RadioButton("window", mode == 0)) s.setMode(scene::TimeMode::Window);
    ImGui::SameLine();
    if (ImGui::RadioButton("cumulative", mode == 1)) s.setMode(scene::TimeMode::Cumulative);
    if (s.time.mode == scene::TimeMode::Window) {
        ImGui::SameLine();
        int window = s.time.windowDays;
        ImGui::SetNextItemWidth(5.3f * em);
        if (ImGui::InputInt("days", &window, 1, 30)) s.setWindowDays(window);
    }
    // The date slider over the strip's range, and beside it the choice of that range (the first row is full at
    // 1024 px).
    const auto [from, to] = stripRange(s);
    int dayIndex = static_cast<int>((s.time.day - from).count());
    const int span = static_cast<int>((to - from).count());
    ImGui::SetNextItemWidth(-(checkboxWidth("whole range") + ImGui::GetStyle().ItemSpacing.x));
    const std::string label = timeline::displayDay(s.time.day);
    if (ImGui::SliderInt("##day", &dayIndex, 0, span, label.c_str())) s.setDate(from + days{dayIndex});
    ImGui::SameLine();
    if (bool whole = s.wholeRange; ImGui::Checkbox("whole range", &whole)) s.setWholeRange(whole);  // the strip fitted to it too
    hoverTip("The slider over the data's whole range, from 1955, rather than from 2021");
    ImGui::End();
    (void)k;  // laid out in font units, which carry the scale
}

}  // namespace bordermap::ui::panels
