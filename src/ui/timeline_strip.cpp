// The timeline strip along the window's bottom: a lane per crossing with its closures, a lane per kind of event
// with a tick per event, the histogram of events, the axis; zoomed with the wheel about the cursor and panned by
// dragging (AppState::stripSpan, ui/timeline_axis.hpp holds the arithmetic).

#include "panel_parts.hpp"

#include <bordermap/core/text.hpp>
#include <bordermap/timeline/state.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace bordermap::ui::panels {

using namespace std::chrono;
using timeline::CalendarDay;

namespace {

// A lane: a crossing's closures, or one kind's events.
struct Lane {
    std::string name;
    const timeline::Event* crossing = nullptr;  // a crossing's lane
    timeline::EventKind kind{};                 // else an event kind's
};


void tooltipLines(const std::vector<std::string>& lines) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0) ImGui::TextUnformatted(lines[i].c_str());
        else ImGui::TextDisabled("%s", lines[i].c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

void drawStrip(AppState& s, const Layout& layout, float w, float h, float) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(0, h - layout.bottom));
    ImGui::SetNextWindowSize(ImVec2(w - layout.right, layout.bottom));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.4f * em, 0.3f * em));
    ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    s.followDateInStrip();
    const ImGuiIO& io = ImGui::GetIO();
    const scene::Style style = s.style();
    const timeline::Catalogue& catalogue = s.catalogue();

    std::vector<Lane> lanes;
    for (const timeline::Event* c : catalogue.crossings()) lanes.push_back({c->name.str(), c, {}});
    const std::size_t crossingLanes = lanes.size();
    for (timeline::EventKind kind : s.eventKindsShown()) lanes.push_back({std::string(timeline::eventKindName(kind)), nullptr, kind});

    // The rows, top to bottom: the lanes (scrolled when they do not fit), the histogram, the axis's labels. The
    // label column is as wide as the longest lane name, within limits; a longer name ends with an ellipsis.
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    float longest = ImGui::CalcTextSize("events a month").x;
    for (const Lane& lane : lanes) longest = std::max(longest, ImGui::CalcTextSize(lane.name.c_str()).x + (lane.crossing ? 0 : 1.0f * em));
    // At most 14 em, and at most 28 % of the strip: at 1024 px the dates keep most of it.
    const float labelW = std::clamp(longest + 0.8f * em, 7 * em, std::max(7 * em, std::min(14 * em, 0.28f * avail.x)));
    const float x0 = origin.x + labelW, x1 = origin.x + avail.x - 0.7f * em;
    const float axisH = 1.4f * em, histogramH = std::clamp(0.22f * avail.y, 1.8f * em, 3.5f * em);
    const float lanesTop = origin.y, lanesH = std::max(em, avail.y - axisH - histogramH);
    const float laneH = std::clamp(lanesH / static_cast<float>(std::max<std::size_t>(1, lanes.size())), 1.2f * em, 1.7f * em);
    const float contentH = laneH * static_cast<float>(lanes.size());
    const float histogramTop = lanesTop + lanesH, axisTop = histogramTop + histogramH;
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID scrollId = ImGui::GetID("lane scroll"), selectedId = ImGui::GetID("lane selected");
    float scroll = storage->GetFloat(scrollId, 0.0f);
    // A newly selected event (N, a click, a search) scrolls its lane into view.
    const int selectedHash = static_cast<int>(ImGui::GetID(s.selectedEventId.c_str()));
    if (storage->GetInt(selectedId, 0) != selectedHash) {
        storage->SetInt(selectedId, selectedHash);
        if (const timeline::Event* e = s.selected()) {
            for (std::size_t i = 0; i < lanes.size(); ++i) {
                const bool mine = lanes[i].crossing ? timeline::isStatePeriod(e->kind) && lanes[i].crossing->id == e->crossing
                                                    : !timeline::isCrossingState(e->kind) && lanes[i].kind == e->kind;
                const float top = laneH * static_cast<float>(i);
                if (mine && (top < scroll || top + laneH > scroll + lanesH)) scroll = laneH * std::floor((top + laneH - lanesH / 2) / laneH);  // whole lanes
            }
        }
    }
    scroll = std::clamp(scroll, 0.0f, std::max(0.0f, contentH - lanesH));

    const StripAxis axis(s.stripSpan, x0, x1);
    const float minTick = std::max(2.0f, 0.15f * em), tolerance = 0.35f * em;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto laneY = [&](std::size_t i) { return lanesTop - scroll + laneH * static_cast<float>(i); };

    // Lanes' stripes, and the grid of the axis's ticks across lanes and histogram.
    draw->PushClipRect(ImVec2(origin.x, lanesTop), ImVec2(x1, histogramTop), true);
    for (std::size_t i = 0; i < lanes.size(); i += 2)
        draw->AddRectFilled(ImVec2(origin.x, laneY(i)), ImVec2(x1, laneY(i) + laneH), IM_COL32(0, 0, 0, 12));
    draw->PopClipRect();
    const AxisTicks ticks = axisTicks(axis, [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; },
                                      0.5 * em, 0.8 * em);
    for (const double x : ticks.minor_px)
        draw->AddLine(ImVec2(static_cast<float>(x), lanesTop), ImVec2(static_cast<float>(x), axisTop + 0.25f * em), IM_COL32(0, 0, 0, 25));
    for (const AxisLabel& label : ticks.labels) {
        const float x = static_cast<float>(label.x_px);
        draw->AddLine(ImVec2(x, lanesTop), ImVec2(x, axisTop + 0.45f * em), IM_COL32(0, 0, 0, 70));
        draw->AddText(ImVec2(x + 0.2f * em, axisTop + 0.15f * em), IM_COL32(60, 60, 60, 255), label.text.c_str());
    }

    // Window mode's days, shaded behind the lanes.
    if (s.time.mode == scene::TimeMode::Window) {
        const float a = static_cast<float>(axis.xOf(s.time.day - days{s.time.windowDays - 1})), b = static_cast<float>(axis.xOf(s.time.day + days{1}));
        draw->AddRectFilled(ImVec2(std::max(a, x0), lanesTop), ImVec2(std::min(b, x1), axisTop), IM_COL32(250, 190, 40, 40));
    }

    // The crossings' closures and state_unknown periods as bars.
    const CalendarDay visibleFrom = calendarDayOf(s.stripSpan.from_day), visibleTo = calendarDayOf(s.stripSpan.to_day);
    draw->PushClipRect(ImVec2(x0, lanesTop), ImVec2(x1, histogramTop), true);
    for (std::size_t i = 0; i < crossingLanes; ++i) {
        const float y = laneY(i);
        if (y + laneH < lanesTop || y > histogramTop) continue;
        for (const timeline::Event* c : catalogue.statePeriodsOf(lanes[i].crossing->id)) {
            if (!c->start) continue;
            const Bar bar = statePeriodBar(catalogue, *c, axis, s.lastDay(), minTick);
            const bool vague = c->start->precision() != timeline::TimePrecision::Day || (!c->end && timeline::closureOverBy(catalogue, *c));
            const timeline::CrossingStatus status = c->kind == timeline::EventKind::StateUnknown ? timeline::CrossingStatus::Unknown
                                                    : vague ? timeline::CrossingStatus::Uncertain
                                                            : timeline::CrossingStatus::Closed;
            draw->AddRectFilled(ImVec2(static_cast<float>(bar.x0_px), y + 0.15f * laneH), ImVec2(static_cast<float>(bar.x1_px), y + 0.85f * laneH),
                                colour(style.crossingColour(status), c->id == s.selectedEventId ? 1.0f : 0.85f));
            if (c->id == s.selectedEventId)
                draw->AddRect(ImVec2(static_cast<float>(bar.x0_px) - 1, y + 0.1f * laneH), ImVec2(static_cast<float>(bar.x1_px) + 1, y + 0.9f * laneH),
                              IM_COL32(20, 20, 20, 255), 0, 0, 2);
        }
    }
    // The events as ticks in their kinds' lanes, a vague date paler over its month or year. A few thousand in view
    // are drawn one by one; more are merged a pixel at a time (a million events: one pass over those in view).
    std::array<int, timeline::kEventKindCount> laneOfKind;
    laneOfKind.fill(-1);
    for (std::size_t i = crossingLanes; i < lanes.size(); ++i) laneOfKind[static_cast<std::size_t>(lanes[i].kind)] = static_cast<int>(i);
    const auto tickColour = [&](const timeline::Event& e) {
        return colour(style.eventColour(e.kind), e.start->precision() == timeline::TimePrecision::Day ? 1.0f : 0.45f);
    };
    std::size_t inView = 0;
    s.events().forEachOverlapping(visibleFrom, visibleTo, [&](const timeline::Event& e) { inView += laneOfKind[static_cast<std::size_t>(e.kind)] >= 0; });
    const timeline::Event* selected = s.selected();
    if (inView <= 3000) {
        s.events().forEachOverlapping(visibleFrom, visibleTo, [&](const timeline::Event& e) {
            const int lane = laneOfKind[static_cast<std::size_t>(e.kind)];
            if (lane < 0) return;
            const Bar bar = eventBar(axis, *e.start, minTick);
            const float y = laneY(static_cast<std::size_t>(lane));
            const float right = static_cast<float>(bar.x1_px - bar.x0_px >= 4 ? bar.x1_px - 1 : bar.x1_px);  // a gap between neighbouring days
            draw->AddRectFilled(ImVec2(static_cast<float>(bar.x0_px), y + 0.15f * laneH), ImVec2(right, y + 0.85f * laneH), tickColour(e));
            if (&e == selected)
                draw->AddRect(ImVec2(static_cast<float>(bar.x0_px) - 2, y + 0.05f * laneH), ImVec2(right + 2, y + 0.95f * laneH), IM_COL32(20, 20, 20, 255), 0, 0, 2);
        });
    } else {
        const std::size_t width = static_cast<std::size_t>(std::max(1.0f, x1 - x0));
        std::vector<std::uint8_t> cover(width * lanes.size(), 0);  // 0 none, 1 a vague date, 2 a day
        s.events().forEachOverlapping(visibleFrom, visibleTo, [&](const timeline::Event& e) {
            const int lane = laneOfKind[static_cast<std::size_t>(e.kind)];
            if (lane < 0) return;
            const Bar bar = eventBar(axis, *e.start, minTick);
            const std::uint8_t value = e.start->precision() == timeline::TimePrecision::Day ? 2 : 1;
            const std::size_t a = static_cast<std::size_t>(std::clamp(bar.x0_px - x0, 0.0, static_cast<double>(width)));
            const std::size_t b = static_cast<std::size_t>(std::clamp(std::ceil(bar.x1_px - x0), 0.0, static_cast<double>(width)));
            std::uint8_t* row = cover.data() + static_cast<std::size_t>(lane) * width;
            for (std::size_t p = a; p < b; ++p) row[p] = std::max(row[p], value);
        });
        for (std::size_t lane = crossingLanes; lane < lanes.size(); ++lane) {
            const std::uint8_t* row = cover.data() + lane * width;
            const float y = laneY(lane);
            for (std::size_t p = 0; p < width;) {
                std::size_t q = p + 1;
                while (q < width && row[q] == row[p]) ++q;
                if (row[p] != 0)
                    draw->AddRectFilled(ImVec2(x0 + static_cast<float>(p), y + 0.15f * laneH), ImVec2(x0 + static_cast<float>(q), y + 0.85f * laneH),
                                        colour(style.eventColour(lanes[lane].kind), row[p] == 2 ? 1.0f : 0.45f));
                p = q;
            }
        }
    }
    draw->PopClipRect();

    // The histogram: events per day, week or month (the finest whose bars are 3 px wide), stacked by kind in the
    // palette's colours, scaled to the fullest bar in view.
    const float histogramInner = histogramH - 0.3f * em;
    const timeline::HistogramUnit unit = timeline::histogramUnitFor(static_cast<int>(std::ceil(s.stripSpan.length_days())), x1 - x0, 3.0);
    const timeline::Histogram& histogram = s.histogram(visibleFrom, visibleTo, unit);
    draw->PushClipRect(ImVec2(x0, histogramTop), ImVec2(x1, axisTop), true);
    for (std::size_t b = 0; b < histogram.binStarts.size() && histogram.largest > 0; ++b) {
        const CalendarDay binEnd = b + 1 < histogram.binStarts.size() ? histogram.binStarts[b + 1] : histogram.end;
        const float bx0 = static_cast<float>(axis.xOf(histogram.binStarts[b])), bx1 = std::max(bx0 + 1.0f, static_cast<float>(axis.xOf(binEnd)) - 0.5f);
        float top = axisTop;
        for (timeline::EventKind kind : timeline::allEventKinds()) {
            const int n = histogram.counts[b][static_cast<std::size_t>(kind)];
            if (n == 0) continue;
            const float hgt = histogramInner * static_cast<float>(n) / static_cast<float>(histogram.largest);
            draw->AddRectFilled(ImVec2(bx0, top - hgt), ImVec2(bx1, top), colour(style.eventColour(kind)));
            top -= hgt;
        }
    }
    draw->PopClipRect();
    draw->AddLine(ImVec2(x0, axisTop), ImVec2(x1, axisTop), IM_COL32(0, 0, 0, 90));

    // A database's events are fetched for the days around the date (AppState::followLive): the lanes and bars of
    // other days hold only the embedded events and files, so those days are hatched, and say why.
    if (const auto fetched = s.liveFetched()) {
        const auto hatch = [&](float a, float b) {
            a = std::max(a, x0);
            b = std::min(b, x1);
            if (b <= a) return;
            draw->PushClipRect(ImVec2(a, lanesTop), ImVec2(b, axisTop), true);
            draw->AddRectFilled(ImVec2(a, lanesTop), ImVec2(b, axisTop), IM_COL32(235, 235, 235, 200));
            const float step = 0.7f * em, height = axisTop - lanesTop;
            for (float x = a - height; x < b; x += step)
                draw->AddLine(ImVec2(x, axisTop), ImVec2(x + height, lanesTop), IM_COL32(0, 0, 0, 28), 1.0f);
            draw->PopClipRect();
            if (ImGui::IsMouseHoveringRect(ImVec2(a, lanesTop), ImVec2(b, axisTop)) && ImGui::IsWindowHovered()) {
                tooltipLines({"Not fetched yet from " + s.live()->names() + ":", "its events of these days come when the date moves here."});
            }
        };
        if (fetched->from) hatch(static_cast<float>(axis.xOf(*fetched->from)) - 1e6f, static_cast<float>(axis.xOf(*fetched->from)));
        hatch(static_cast<float>(axis.xOf(fetched->to + days{1})), static_cast<float>(axis.xOf(fetched->to + days{1})) + 1e6f);
    }

    // A range being picked on the axis (or with Shift on the lanes): shaded; the date as a line.
    if (s.rangeDrag) {
        const auto [a, b] = std::minmax(s.rangeDrag->first, s.rangeDrag->second);
        draw->AddRectFilled(ImVec2(std::max(x0, static_cast<float>(axis.xOf(a))), lanesTop),
                            ImVec2(std::min(x1, static_cast<float>(axis.xOf(b + days{1}))), axisTop + axisH), IM_COL32(30, 90, 200, 60));
    }
    const float xd = static_cast<float>(axis.xOf(dayNumber(s.time.day) + 0.5));
    if (xd >= x0 && xd <= x1) draw->AddLine(ImVec2(xd, lanesTop), ImVec2(xd, axisTop + axisH), IM_COL32(20, 20, 20, 255), std::max(2.0f, 0.12f * em));

    // The label column: lane names (ellipsised where too long, the whole name on hover), the histogram's unit and
    // scale, the fit button.
    draw->PushClipRect(ImVec2(origin.x, lanesTop), ImVec2(x0, histogramTop), true);
    const float nameW = labelW - 0.5f * em;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const float y = laneY(i);
        if (y + laneH < lanesTop || y > histogramTop) continue;
        const float textY = y + (laneH - ImGui::GetTextLineHeight()) / 2;
        float textX = origin.x;
        if (!lanes[i].crossing) {
            const float side = 0.6f * em, top = y + (laneH - side) / 2;
            draw->AddRectFilled(ImVec2(origin.x + 0.1f * em, top), ImVec2(origin.x + 0.1f * em + side, top + side), colour(style.eventColour(lanes[i].kind)));
            textX += 1.0f * em;
        }
        const std::string shown = fitted(lanes[i].name, nameW - (textX - origin.x));
        draw->AddText(ImVec2(textX, textY), IM_COL32(40, 40, 40, 255), shown.c_str());
        if (shown != lanes[i].name && ImGui::IsMouseHoveringRect(ImVec2(origin.x, std::max(y, lanesTop)), ImVec2(x0, std::min(y + laneH, histogramTop))) &&
            ImGui::IsWindowHovered())
            tooltipLines({lanes[i].name});
    }
    draw->PopClipRect();
    draw->AddText(ImVec2(origin.x, histogramTop + 0.1f * em), IM_COL32(40, 40, 40, 255),
                  ("events a " + std::string(timeline::histogramUnitName(unit))).c_str());
    if (histogram.largest > 0 && histogramH >= 2.3f * em)
        draw->AddText(ImVec2(origin.x, histogramTop + 1.1f * em), IM_COL32(90, 90, 90, 255), ("highest " + formatNumber(histogram.largest, 0)).c_str());
    // The lanes' scroll bar, where they do not all fit.
    if (contentH > lanesH) {
        const float barX = x1 + 0.25f * em, thumbH = std::max(em, lanesH * lanesH / contentH), thumbY = lanesTop + (lanesH - thumbH) * scroll / (contentH - lanesH);
        draw->AddRectFilled(ImVec2(barX, lanesTop), ImVec2(barX + 0.35f * em, histogramTop), IM_COL32(0, 0, 0, 20), 0.2f * em);
        draw->AddRectFilled(ImVec2(barX, thumbY), ImVec2(barX + 0.35f * em, thumbY + thumbH), IM_COL32(0, 0, 0, 110), 0.2f * em);
        ImGui::SetCursorScreenPos(ImVec2(barX - 0.1f * em, lanesTop));
        ImGui::InvisibleButton("lane scroll bar", ImVec2(0.6f * em, lanesH));
        if (ImGui::IsItemActive()) scroll += io.MouseDelta.y * contentH / lanesH;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", "scroll the lanes (or Shift and the wheel)");
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, axisTop + 0.05f * em));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.3f * em, 0.05f * em));
    if (ImGui::SmallButton("fit")) s.fitStrip();
    ImGui::PopStyleVar();
    hoverTip("Show every day of the data (or double-click the strip). The wheel zooms about the pointer, a drag on the lanes pans, "
             "a drag along the dates below picks the days shown in window mode.");

    // Input. The wheel zooms about the pointer (with Shift, scrolls the lanes); a drag on the lanes pans (with
    // Shift, picks a range), a click there selects the event or closure under it, or else goes to that day; a drag
    // along the axis picks the days window mode shows; a double-click fits the whole data.
    const auto dayAtMouse = [&] { return calendarDayOf(axis.dayAt(std::clamp(io.MousePos.x, x0, x1 - 1))); };
    const auto hit = [&]() -> const timeline::Event* {
        const float y = io.MousePos.y;
        if (y < lanesTop || y >= histogramTop) return nullptr;
        const auto lane = static_cast<std::size_t>((y - lanesTop + scroll) / laneH);
        if (lane >= lanes.size()) return nullptr;
        return lanes[lane].crossing ? statePeriodAt(catalogue, lanes[lane].crossing->id, axis, s.lastDay(), io.MousePos.x, tolerance, minTick)
                                    : eventTickAt(s.events(), lanes[lane].kind, axis, io.MousePos.x, tolerance, minTick);
    };
    const float dragThreshold = io.MouseDragThreshold;
    const bool clicked = io.MouseDragMaxDistanceSqr[0] < dragThreshold * dragThreshold;
    const auto wheel = [&] {
        if (io.MouseWheel == 0) return;
        if (io.KeyShift) scroll -= io.MouseWheel * laneH;
        else s.setStripSpan(axis.zoomedAt(io.MousePos.x, std::pow(1.25, io.MouseWheel), s.firstDay(), s.lastDay()));
    };

    // Each item's state read straight after it: a tooltip begun in between would become the item asked about.
    // `released`: the button let go, in a later frame than the press or (a click faster than a frame, which the
    // glue holds) in the same one, where ImGui activates and releases the item at once and reports only the press.
    struct ItemState {
        bool hovered, activated, active, released, doubleClicked;
    };
    const auto item = [](const char* id, ImVec2 at, ImVec2 size) {
        ImGui::SetCursorScreenPos(at);
        const bool pressed = ImGui::InvisibleButton(id, size);
        return ItemState{ImGui::IsItemHovered(), ImGui::IsItemActivated() || (pressed && !ImGui::IsItemDeactivated()), ImGui::IsItemActive(),
                         pressed || ImGui::IsItemDeactivated(), ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)};
    };
    const ItemState onLanes = item("lanes", ImVec2(x0, lanesTop), ImVec2(std::max(1.0f, x1 - x0), axisTop - lanesTop));
    const ItemState onAxis = item("axis", ImVec2(x0, axisTop), ImVec2(std::max(1.0f, x1 - x0), axisH));
    if (onLanes.hovered || onAxis.hovered) wheel();
    // A double-click fits the strip; its button's release then goes to no day (the days under it just changed).
    const ImGuiID fittedId = ImGui::GetID("fitted");
    const bool fitting = onLanes.doubleClicked || onAxis.doubleClicked || storage->GetBool(fittedId);
    storage->SetBool(fittedId, fitting && !onLanes.released && !onAxis.released);
    if (onLanes.doubleClicked || onAxis.doubleClicked) {
        s.fitStrip();
        s.rangeDrag.reset();
    }

    if (onLanes.hovered && !onLanes.active) {
        if (const timeline::Event* e = hit()) tooltipLines(describeOnStrip(catalogue, *e));
        else ImGui::SetTooltip("%s", timeline::displayDay(dayAtMouse()).c_str());
    }
    if (onLanes.activated && io.KeyShift) s.rangeDrag = std::pair{dayAtMouse(), dayAtMouse()};
    if (onLanes.active) {
        if (s.rangeDrag) s.rangeDrag->second = dayAtMouse();
        else if (io.MouseDelta.x != 0 && !clicked) s.setStripSpan(axis.pannedBy(io.MouseDelta.x, s.firstDay(), s.lastDay()));
    }
    if (onLanes.released && !fitting) {
        if (s.rangeDrag) {
            s.selectRange(s.rangeDrag->first, s.rangeDrag->second);
            s.rangeDrag.reset();
        } else if (clicked) {
            if (const timeline::Event* e = hit()) s.showEvent(e->id.str());
            else s.setDate(dayAtMouse());
        }
    }

    if (onAxis.hovered && !onAxis.active) ImGui::SetTooltip("%s: drag along the dates to show a range of days", timeline::displayDay(dayAtMouse()).c_str());
    if (onAxis.activated && !fitting) s.rangeDrag = std::pair{dayAtMouse(), dayAtMouse()};
    if (onAxis.active && s.rangeDrag) s.rangeDrag->second = dayAtMouse();
    if (onAxis.released && s.rangeDrag) {
        if (clicked) s.setDate(dayAtMouse());
        else s.selectRange(s.rangeDrag->first, s.rangeDrag->second);
        s.rangeDrag.reset();
    }
    storage->SetFloat(scrollId, std::clamp(scroll, 0.0f, std::max(0.0f, contentH - lanesH)));
    ImGui::End();
}

}  // namespace bordermap::ui::panels
