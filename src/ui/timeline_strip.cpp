// The timeline strip along the window's bottom: a lane per crossing with its closures, the histogram of events, the date.

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

void drawStrip(AppState& s, const Layout& layout, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(0, h - layout.bottom));
    ImGui::SetNextWindowSize(ImVec2(w - layout.right, layout.bottom));
    ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    // Plain variables, not a structured binding: the lambdas below capture them, which clang before 16 rejects.
    const std::pair<timeline::CalendarDay, timeline::CalendarDay> range = stripRange(s);
    const timeline::CalendarDay from = range.first, to = range.second;
    const double span = std::max(1.0, static_cast<double>((to - from).count()));
    const std::vector<const timeline::Event*> crossings = s.catalogue().crossings();
    // One lane per crossing, and three lanes' height for the histogram of events.
    constexpr float kHistogramLanes = 3.0f;
    const float labelW = 150 * k,
                laneH = std::max(9.0f, (layout.bottom - 30 * k) / (static_cast<float>(crossings.size()) + kHistogramLanes));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x0 = origin.x + labelW, x1 = origin.x + (w - layout.right) - 20 * k;
    const auto xOf = [&](CalendarDay d) {
        return x0 + static_cast<float>(std::clamp(static_cast<double>((d - from).count()) / span, 0.0, 1.0)) * (x1 - x0);
    };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const scene::Style style = s.style();
    // Year ticks.
    for (int y = static_cast<int>(year_month_day{from}.year()); y <= static_cast<int>(year_month_day{to}.year()); ++y) {
        const CalendarDay d = sys_days{year{y} / January / 1};
        if (d < from) continue;
        const float x = xOf(d);
        const float bottom = origin.y + laneH * (static_cast<float>(crossings.size()) + kHistogramLanes);
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, bottom), IM_COL32(200, 200, 200, 255));
        if ((to - from).count() < 12000 || y % 5 == 0) draw->AddText(ImVec2(x + 2, bottom), IM_COL32(90, 90, 90, 255), std::to_string(y).c_str());
    }
    // One lane per crossing with its closures and state_unknown periods as bars; a last lane with the events as ticks.
    for (std::size_t i = 0; i < crossings.size(); ++i) {
        const float y = origin.y + laneH * static_cast<float>(i);
        draw->AddText(ImVec2(origin.x, y), IM_COL32(40, 40, 40, 255), crossings[i]->name.str().substr(0, 22).c_str());
        for (const timeline::Event* c : s.catalogue().statePeriodsOf(crossings[i]->id)) {
            if (!c->start) continue;
            const auto over = timeline::closureOverBy(s.catalogue(), *c);
            const CalendarDay end = over.value_or(s.lastDay());
            const bool vague = c->start->precision() != timeline::TimePrecision::Day || (!c->end && over);
            const timeline::CrossingStatus status = c->kind == timeline::EventKind::StateUnknown ? timeline::CrossingStatus::Unknown
                                                    : vague ? timeline::CrossingStatus::Uncertain
                                                            : timeline::CrossingStatus::Closed;
            draw->AddRectFilled(ImVec2(xOf(c->start->first()), y + 2), ImVec2(std::max(xOf(end), xOf(c->start->first()) + 2), y + laneH - 2),
                                colour(style.crossingColour(status), 0.85f));
        }
    }
    // The histogram: events per day, week or month (the finest whose bars are 3 px wide), stacked by kind in the
    // palette's colours, scaled to the fullest bar.
    const float ey = origin.y + laneH * static_cast<float>(crossings.size());
    const float histogramH = laneH * kHistogramLanes - 4;
    const timeline::HistogramUnit unit = timeline::histogramUnitFor(static_cast<int>(span), x1 - x0, 3.0 * k);
    const timeline::Histogram& histogram = s.histogram(from, to, unit);
    draw->AddText(ImVec2(origin.x, ey), IM_COL32(40, 40, 40, 255),
                  ("events a " + std::string(timeline::histogramUnitName(unit))).c_str());
    if (histogram.largest > 0)
        draw->AddText(ImVec2(origin.x, ey + 16 * k), IM_COL32(90, 90, 90, 255),
                      ("highest " + formatNumber(histogram.largest, 0)).c_str());
    for (std::size_t b = 0; b < histogram.binStarts.size() && histogram.largest > 0; ++b) {
        const CalendarDay binEnd = b + 1 < histogram.binStarts.size() ? histogram.binStarts[b + 1] : histogram.end;
        const float bx0 = xOf(std::max(from, histogram.binStarts[b])), bx1 = std::max(bx0 + 1.0f, xOf(std::min(to, binEnd)) - 0.5f);
        float top = ey + 2 + histogramH;
        for (timeline::EventKind kind : timeline::allEventKinds()) {
            const int n = histogram.counts[b][static_cast<std::size_t>(kind)];
            if (n == 0) continue;
            const float hgt = histogramH * static_cast<float>(n) / static_cast<float>(histogram.largest);
            draw->AddRectFilled(ImVec2(bx0, top - hgt), ImVec2(bx1, top), colour(style.eventColour(kind)));
            top -= hgt;
        }
    }
    // A range picked by dragging with Shift held: the window becomes those days, ending on the last.
    const float stripH = laneH * (static_cast<float>(crossings.size()) + kHistogramLanes);
    if (s.rangeDrag) {
        const float a = xOf(s.rangeDrag->first), b = xOf(s.rangeDrag->second);
        draw->AddRectFilled(ImVec2(std::min(a, b), origin.y), ImVec2(std::max(a, b) + 1, origin.y + stripH), IM_COL32(30, 90, 200, 50));
    }
    // The date, and clicking anywhere on the strip to go there.
    const float xd = xOf(s.time.day);
    draw->AddLine(ImVec2(xd, origin.y), ImVec2(xd, origin.y + stripH), IM_COL32(20, 20, 20, 255), 2.0f * k);
    ImGui::SetCursorScreenPos(ImVec2(x0, origin.y));
    ImGui::InvisibleButton("strip", ImVec2(std::max(1.0f, x1 - x0), stripH));
    const auto dayAtMouse = [&] {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - x0) / std::max(1.0f, x1 - x0), 0.0f, 1.0f);
        return from + days{static_cast<int>(std::lround(t * span))};
    };
    if (ImGui::IsItemActivated() && ImGui::GetIO().KeyShift) s.rangeDrag = std::pair{dayAtMouse(), dayAtMouse()};
    if (s.rangeDrag) {
        if (ImGui::IsItemActive()) {
            s.rangeDrag->second = dayAtMouse();
        } else {
            s.selectRange(s.rangeDrag->first, s.rangeDrag->second);
            s.rangeDrag.reset();
        }
    } else if (ImGui::IsItemActive() || ImGui::IsItemClicked()) {
        s.setDate(dayAtMouse());
    }
    if (ImGui::IsItemHovered()) {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - x0) / std::max(1.0f, x1 - x0), 0.0f, 1.0f);
        ImGui::SetTooltip("%s", timeline::displayDay(from + days{static_cast<int>(std::lround(t * span))}).c_str());
    }
    ImGui::End();
}

}  // namespace bordermap::ui::panels
