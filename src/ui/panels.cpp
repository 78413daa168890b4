#include "bordermap/ui/panels.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/render/video_writer.hpp>
#include <bordermap/ui/export.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <map>
#include <utility>

namespace bordermap::ui {

namespace {

using namespace std::chrono;
using timeline::CalendarDay;

ImU32 colour(scene::Colour c, float alpha = 1.0f) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(static_cast<float>(c.a) * alpha));
}

// The days the time bar's slider and the strip cover: the data's whole range, or (the default) from 2021, the
// modern conflict, to the data's end; the whole range anyway when the date lies before 2021.
std::pair<CalendarDay, CalendarDay> stripRange(const AppState& s) {
    const CalendarDay modern = sys_days{year{2021} / January / 1};
    const CalendarDay from = s.wholeRange || s.time.day < modern ? s.firstDay() : std::max(modern, s.firstDay());
    return {from, s.lastDay()};
}

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
    ImGui::Checkbox("whole range", &s.wholeRange);
    // The date slider over the strip's range.
    const auto [from, to] = stripRange(s);
    int dayIndex = static_cast<int>((s.time.day - from).count());
    const int span = static_cast<int>((to - from).count());
    ImGui::SetNextItemWidth(w - 30 * k);
    const std::string label = timeline::displayDay(s.time.day);
    if (ImGui::SliderInt("##day", &dayIndex, 0, span, label.c_str())) s.setDate(from + days{dayIndex});
    ImGui::End();
}

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

void drawDetails(AppState& s, float k) {
    const timeline::Event* e = s.selected();
    if (e == nullptr) {
        ImGui::TextWrapped("Click an event on the map for what happened, how many died, how sure the place and date are, and who reported it.");
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e->name.c_str());
    ImGui::Separator();
    const auto field = [](const char* name, const std::string& value) {
        if (value.empty()) return;
        ImGui::TextDisabled("%s", name);
        ImGui::TextWrapped("%s", value.c_str());
    };
    field("kind", std::string(timeline::eventKindName(e->kind)));
    if (e->start) {
        std::string when = e->start->display() + " (known to the " + std::string(timeline::timePrecisionName(e->start->precision())) + ")";
        if (e->end) when += e->kind == timeline::EventKind::Closure ? ", reopened " + e->end->display() : " to " + e->end->display();
        else if (e->kind == timeline::EventKind::Closure) when += ", no reopening recorded";
        else if (e->kind == timeline::EventKind::StateUnknown) when += ", still unknown as of the data's date";
        if (e->kind == timeline::EventKind::StateUnknown) when += ": no source says whether the crossing was open";
        field("when", when);
    }
    const std::string whereKnown = e->geoPrecision == timeline::GeoPrecision::None  ? "no place on the map"
                                 : e->geoPrecision == timeline::GeoPrecision::Exact ? "place known exactly"
                                 : "place known only to the " + std::string(timeline::geoPrecisionName(e->geoPrecision));
    field("where", (e->admin1.empty() ? std::string() : e->admin1 + ", ") + e->country + " (" + whereKnown + ")");
    field("killed, as reported", e->fatalities.str());
    field("injured, as reported", e->injured.str());
    field("what happened", s.catalogue().summaryOf(*e));
    field("where sources disagree, and notes", s.catalogue().noteOf(*e));
    if (!e->actor1().empty()) field("actors (ACLED)", e->actor1() + (e->actor2().empty() ? std::string() : " vs " + e->actor2()));
    if (e->duplicate) field("also", "the same as an embedded event (same day, kind, within 10 km): counted once in totals");
    ImGui::TextDisabled("sources");
    for (const std::string& source : s.catalogue().sourcesOf(*e)) ImGui::BulletText("%s", source.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Close")) s.select("");
    (void)k;
}

// Which events are shown: kinds, deaths, sources, actors, words, the user's files alone. Each change applies at
// once (a million events re-select in tens of milliseconds, on a thread aside so that frames and typing never
// wait); the map, the strip, the totals, the legend and exports all follow it.
void drawFilter(AppState& s, float k) {
    timeline::EventFilter f = s.filter();
    bool changed = false;
    const scene::Style style = s.style();
    ImGui::TextDisabled("kinds (none ticked: every kind)");
    int column = 0;
    for (timeline::EventKind kind : timeline::allEventKinds()) {
        if (timeline::isCrossingState(kind)) continue;
        bool on = std::find(f.kinds.begin(), f.kinds.end(), kind) != f.kinds.end();
        if (column++ % 2 == 1) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f + 8 * k);
        ImGui::PushStyleColor(ImGuiCol_CheckMark, colour(style.eventColour(kind)));
        if (ImGui::Checkbox(std::string(timeline::eventKindName(kind)).c_str(), &on)) {
            if (on) f.kinds.push_back(kind);
            else std::erase(f.kinds, kind);
            changed = true;
        }
        ImGui::PopStyleColor();
    }
    int minDeaths = f.minDeaths;
    ImGui::SetNextItemWidth(110 * k);
    if (ImGui::InputInt("at least this many killed", &minDeaths)) {
        f.minDeaths = std::clamp(minDeaths, 0, 10'000'000);
        changed = true;
    }
    // The text boxes keep what the user types; they are filled from the filter when it changes elsewhere.
    // The boxes are filled again only when the filter asked for differs from what they last gave it (as typed,
    // trimmed), so that a selection landing later, made aside, does not take a space just typed away.
    static char source[128] = "", actor[128] = "", words[128] = "";
    static timeline::EventFilter given;
    static bool filled = false;
    if (!filled || f.source != given.source || f.actor != given.actor || f.text != given.text) {
        std::snprintf(source, sizeof source, "%s", f.source.c_str());
        std::snprintf(actor, sizeof actor, "%s", f.actor.c_str());
        std::snprintf(words, sizeof words, "%s", f.text.c_str());
        filled = true;
    }
    const auto textBox = [&](const char* id, const char* hint, char* buffer, std::size_t size, std::string& field) {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint(id, hint, buffer, size)) {
            field = trim(buffer);
            changed = true;
        }
    };
    textBox("##words", "words in names, summaries, notes, places", words, sizeof words, f.text);
    textBox("##source", "a source: an outlet or a title (Dawn, UNAMA)", source, sizeof source, f.source);
    textBox("##actor", "an actor (ACLED files): Taliban, TTP", actor, sizeof actor, f.actor);
    bool mine = !f.embedded;
    if (ImGui::Checkbox("your files only (not bordermap's catalogue)", &mine)) {
        f.embedded = !mine;
        changed = true;
    }
    if (f.active() && ImGui::Button("Show every event")) {
        f = {};
        changed = true;
    }
    if (changed) s.setFilter(f, true);  // a big catalogue re-selects aside: typing never waits for it
    given = f;
    if (s.filtering()) ImGui::TextDisabled("selecting...");
    else ImGui::TextDisabled("%s events shown in all", formatNumber(static_cast<double>(s.events().eventCount()), 0).c_str());
}

// ImGui's text box on a std::string, grown through ImGui's resize callback as the user types (Debian's
// libimgui-dev ships imgui_stdlib.h without the imgui_stdlib.cpp that does this). `lines` > 0: a box of that many
// lines, Enter starting a new one.
int growString(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

bool editText(const char* id, const char* hint, std::string& text, int lines = 0) {
    if (lines > 0)
        return ImGui::InputTextMultiline(id, text.data(), text.capacity() + 1, ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(lines) + 2 * ImGui::GetStyle().FramePadding.y),
                                         ImGuiInputTextFlags_CallbackResize, growString, &text);
    ImGui::SetNextItemWidth(-1);
    return ImGui::InputTextWithHint(id, hint, text.data(), text.capacity() + 1, ImGuiInputTextFlags_CallbackResize, growString, &text);
}

// A long text (a caption, notes) in a box of `lines` lines: shown wrapped, every word in sight, until clicked;
// then a text box to type in (ImGui 1.86's multi-line box does not wrap: a long line scrolls with the caret) until
// the click goes elsewhere. True when the text changed.
bool editLongText(const char* id, std::string& text, int lines) {
    ImGuiStorage* state = ImGui::GetStateStorage();
    const ImGuiID editing = ImGui::GetID(id), focus = editing + 1;
    const float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(lines) + 2 * ImGui::GetStyle().FramePadding.y;
    if (!state->GetBool(editing)) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
        ImGui::BeginChild(id, ImVec2(-1, height), true);
        ImGui::PushTextWrapPos(0);
        if (text.empty()) ImGui::TextDisabled("(click to write)");
        else ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            state->SetBool(editing, true);
            state->SetBool(focus, true);
        }
        return false;
    }
    if (state->GetBool(focus)) {
        ImGui::SetKeyboardFocusHere();
        state->SetBool(focus, false);
    }
    const bool changed = editText(id, "", text, lines);
    if (ImGui::IsItemDeactivated()) state->SetBool(editing, false);
    return changed;
}

// A tooltip for the item before, wrapped at 30 em rather than one line across the window.
void hoverTip(const char* text) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// The Briefing section: make a briefing from what the map shows, scene by scene; reorder, edit the words, delete,
// save; open or start one.
void drawBriefingEditor(AppState& s, float k) {
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
    if (ImGui::BeginListBox("##scenes", ImVec2(-1, row * static_cast<float>(std::clamp(count, 3, 8)) + 8 * k))) {
        for (int i = 0; i < count; ++i) {
            const briefing::Scene& scene = b.scenes[static_cast<std::size_t>(i)];
            const std::string label = std::to_string(i + 1) + "  " + (scene.title.empty() ? "(no title)" : scene.title) + "##scene" + std::to_string(i);
            if (ImGui::Selectable(label.c_str(), i == s.sceneIndex)) s.showScene(i);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s  \xc2\xb7  %s", timeline::displayDay(scene.date).c_str(), scene.caption.c_str());
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
        ImGui::SetNextItemWidth(110 * k);
        if (ImGui::InputDouble("seconds a video holds it", &scene.hold_s, 1, 5, "%.1f")) {
            scene.hold_s = std::clamp(scene.hold_s, 0.5, 600.0);
            changed = true;
        }
        if (changed) s.briefingChanged = true;
    }
    ImGui::Separator();
    editText("##save", "file to save in, e.g. briefing.json", savePath);
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
        const std::string base = s.briefingFile.empty() ? std::string("briefing.json") : s.briefingFile;
        handoutPath = base.substr(0, base.rfind('.') == std::string::npos ? base.size() : base.rfind('.')) + "-handout.pdf";
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

void drawSidePanel(AppState& s, const Layout& layout, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w - layout.right, layout.top));
    ImGui::SetNextWindowSize(ImVec2(layout.right, h - layout.top));
    ImGui::Begin("side", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);

    static char query[64] = "";
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "search: province, crossing, city, event", query, sizeof query);
    for (const SearchResult& r : s.search(query)) {
        if (ImGui::Selectable(r.label.c_str())) {
            s.zoomTo(r);
            query[0] = '\0';
        }
    }

    if (ImGui::CollapsingHeader("The Durand Line", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextWrapped("Pakistan and most states treat it as the international boundary; Afghanistan does not recognise it. Draw it as:");
        if (ImGui::RadioButton("international boundary", s.durandView == scene::DurandView::International)) s.setDurandView(scene::DurandView::International);
        if (ImGui::RadioButton("disputed line", s.durandView == scene::DurandView::Disputed)) s.setDurandView(scene::DurandView::Disputed);
    }
    if (ImGui::CollapsingHeader("Map", ImGuiTreeNodeFlags_DefaultOpen)) {
        scene::LayerSwitches l = s.layers;
        bool changed = false;
        changed |= ImGui::Checkbox("events", &l.events);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("crossings", &l.crossings);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("labels", &l.labels);
        changed |= ImGui::Checkbox("provinces", &l.provinces);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("neighbours", &l.neighbours);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("graticule", &l.graticule);
        changed |= ImGui::Checkbox("rivers", &l.rivers);
        ImGui::SameLine();
        changed |= ImGui::Checkbox("Kashmir lines", &l.disputed);
        if (s.catalogue().files.size() > 1) {
            ImGui::SameLine();
            changed |= ImGui::Checkbox("your events", &l.userEvents);
        }
        if (changed) s.setLayers(l);
        ImGui::Checkbox("legend", &s.legendVisible);
        ImGui::SameLine();
        bool folded = s.legend.collapsed || s.legendShownFolded;
        if (ImGui::Checkbox("folded", &folded)) s.toggleLegendCollapsed();
        if (s.legend.at) {
            ImGui::SameLine();
            if (ImGui::SmallButton("put back")) s.resetLegendPlace();  // where it covers least
        }
        ImGui::Checkbox("locator map (O)", &s.locatorVisible);
        ImGui::SameLine();
        ImGui::Checkbox("Khyber-Kurram-Waziristan inset (I)", &s.insetVisible);
        bool contrast = s.highContrast;
        if (ImGui::Checkbox("high contrast, colour-blind safe", &contrast)) s.setHighContrast(contrast);
        bool bilingual = s.labelLanguage == scene::LabelLanguage::Bilingual;
        if (ImGui::Checkbox("labels also in Dari, Urdu or Pashto", &bilingual))
            s.setLabelLanguage(bilingual ? scene::LabelLanguage::Bilingual : scene::LabelLanguage::English);
        const char* names[] = {"regional (Lambert conformal conic)", "Web Mercator", "plate carree"};
        const char* specs[] = {"regional", "webmercator", "platecarree"};
        int current = 0;
        for (int i = 0; i < 3; ++i)
            if (s.projection() == specs[i]) current = i;
        ImGui::SetNextItemWidth(-1);
        if (ImGui::Combo("##crs", &current, names, 3)) {
            try {
                s.setProjection(specs[current]);
            } catch (const Error& e) {
                s.message = e.what();
            }
        }
        if (ImGui::Button("Export...")) s.exportDialogVisible = true;
        ImGui::SameLine();
        if (ImGui::Button("Fit the region")) s.fitRegion();
        ImGui::SameLine();
        if (ImGui::Button(s.measuring ? "Stop measuring" : "Measure")) {
            s.measuring = !s.measuring;
            s.measurePoints.clear();
        }
        if (s.measuring)
            ImGui::TextWrapped("Click points on the map: %s km (geodesic)", formatNumber(s.measuredDistanceM() / 1000.0, 1).c_str());
    }
    if (ImGui::CollapsingHeader("Filter events", s.filter().active() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) drawFilter(s, k);
    if (ImGui::CollapsingHeader("Briefing", s.briefing ? ImGuiTreeNodeFlags_DefaultOpen : 0)) drawBriefingEditor(s, k);
    if (ImGui::CollapsingHeader("Open a file", 0)) {
        static char path[512] = "";
        ImGui::TextWrapped("Type a path, or drag a file onto the window from a file manager.");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##file", "path: GeoJSON, GeoPackage, Shapefile, KML, CSV", path, sizeof path);
        if (ImGui::Button("as events")) {
            try {
                s.addEventsFile(path);
            } catch (const Error& e) {
                s.message = e.what();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("as a map layer")) {
            try {
                s.addMapLayer(path);
            } catch (const Error& e) {
                s.message = e.what();
            }
        }
    }
    if (ImGui::CollapsingHeader("Details", ImGuiTreeNodeFlags_DefaultOpen)) drawDetails(s, k);
    ImGui::End();
}

// "1:05" for a time left.
std::string minutesSeconds(double seconds) {
    const long total = std::lround(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

// A video's own settings: what it shows (the dates a step apart, or the open briefing), its frames a second, and
// what it will be (frames, seconds, size) or why it cannot be made.
void drawFilmSettings(AppState& s, float k) {
    ExportSettings& e = s.exportSettings;
    static char from[16];
    static char to[16];
    static std::string dateProblem;
    static bool typing = false;  // in either date field, the frame before
    if (ImGui::IsWindowAppearing() || !e.filmFrom || !e.filmTo) {
        const auto [first, last] = filmDates(s);  // the remembered dates where they fit the data, or the window shown
        e.filmFrom = first;
        e.filmTo = last;
        dateProblem.clear();
    }
    if (!typing) {  // the fields show the dates in use, unless the reader is typing one
        std::snprintf(from, sizeof from, "%s", timeline::isoDay(*e.filmFrom).c_str());
        std::snprintf(to, sizeof to, "%s", timeline::isoDay(*e.filmTo).c_str());
    }
    if (ImGui::RadioButton("dates", e.filmSource == FilmSource::Dates)) e.filmSource = FilmSource::Dates;
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.briefing);
    if (ImGui::RadioButton("the open briefing, played", e.filmSource == FilmSource::Briefing)) e.filmSource = FilmSource::Briefing;
    ImGui::EndDisabled();
    if (!s.briefing)
        ImGui::TextWrapped("To film a briefing, open one: bordermap --briefing FILE, or drop its file on the window.");
    if (e.filmSource == FilmSource::Dates) {
        // A typed day is taken once it is a day within the data; until then the line under says what is wrong.
        const auto dateField = [&](const char* label, char* text, std::size_t size, std::optional<CalendarDay>& day) {
            ImGui::TextUnformatted(label);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(130 * k);
            if (!ImGui::InputText((std::string("##film") + label).c_str(), text, size)) return;
            const auto date = timeline::parseDate(text);
            if (!date || date->precision() != timeline::TimePrecision::Day) {
                dateProblem = std::string("'") + text + "' is not a day (YYYY-MM-DD)";
            } else if (date->first() < s.firstDay() || date->first() > s.lastDay()) {
                dateProblem = timeline::isoDay(date->first()) + " is outside the data, " + timeline::isoDay(s.firstDay()) + " to " +
                              timeline::isoDay(s.lastDay());
            } else {
                day = date->first();
                dateProblem.clear();
            }
        };
        dateField("from", from, sizeof from, e.filmFrom);
        typing = ImGui::IsItemActive();
        ImGui::SameLine();
        dateField("to", to, sizeof to, e.filmTo);
        typing = typing || ImGui::IsItemActive();
        if (!typing) dateProblem.clear();  // what was typed and left is shown again as the dates in use
        ImGui::SameLine();
        if (ImGui::Button("the window shown")) {
            e.filmFrom.reset();  // filmDates gives the window again on the next frame
            e.filmTo.reset();
        }
        ImGui::TextUnformatted("a frame every");
        for (const auto& [unit, name] : {std::pair{StepUnit::Day, "day"}, std::pair{StepUnit::Week, "week"}, std::pair{StepUnit::Month, "month"}}) {
            ImGui::SameLine();
            const std::string label = std::string(name) + "##filmstep";
            if (ImGui::RadioButton(label.c_str(), e.filmStep == unit)) e.filmStep = unit;
        }
    }
    ImGui::SetNextItemWidth(120 * k);
    ImGui::InputInt("frames a second", &e.fps, 1, 5);
    e.fps = std::clamp(e.fps, 1, 60);
    if (!dateProblem.empty() && e.filmSource == FilmSource::Dates) {
        ImGui::TextWrapped("%s", dateProblem.c_str());
    } else if (const auto defect = filmDefect(s)) {
        ImGui::TextWrapped("%s", defect->c_str());
    } else {
        const long frames = filmFrames(s);
        const auto [fw, fh] = filmSize(s);
        ImGui::Text("%ld frames, %.1f s, %dx%d", frames, static_cast<double>(frames) / e.fps, fw, fh);
    }
}

// The video being written: a bar with its frames and the time left, and Cancel (nothing is written then).
void drawFilmProgress(AppState& s, const FilmJob& film) {
    const FilmJob::Progress p = film.progress();
    char overlay[96];
    if (film.cancelling()) std::snprintf(overlay, sizeof overlay, "cancelling...");
    else if (p.done == 0) std::snprintf(overlay, sizeof overlay, "preparing the map... (%ld frames)", p.total);
    else if (p.done >= p.total) std::snprintf(overlay, sizeof overlay, "%ld frames: encoding the last...", p.total);
    else std::snprintf(overlay, sizeof overlay, "%ld / %ld frames, %s left", p.done, p.total, minutesSeconds(p.left_s.value_or(0)).c_str());
    ImGui::TextWrapped("writing %s", film.path().c_str());
    ImGui::ProgressBar(p.total > 0 ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f, ImVec2(-1, 0), overlay);
    ImGui::BeginDisabled(film.cancelling());
    if (ImGui::Button("Cancel")) s.cancelFilm();
    ImGui::EndDisabled();
}

void drawExportDialog(AppState& s, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w / 2, h / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(560 * k, w - 16), 0));
    // A video's settings make it taller than a still's: within the screen it scrolls rather than runs off it.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(w - 16, h - 16));
    ImGui::Begin("Export the map", &s.exportDialogVisible, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    {  // grown since it appeared (a video's settings): moved up so that its foot stays on the screen
        const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        if (at.y + size.y > h - 8) ImGui::SetWindowPos(ImVec2(at.x, std::max(8.0f, h - 8 - size.y)));
    }
    ExportSettings& e = s.exportSettings;
    static char path[512];
    static char title[256];
    static char subtitle[256];
    if (ImGui::IsWindowAppearing()) {
        std::snprintf(path, sizeof path, "%s", e.path.c_str());
        std::snprintf(title, sizeof title, "%s", e.title.c_str());
        std::snprintf(subtitle, sizeof subtitle, "%s", e.subtitle.c_str());
    }
    const bool film = exportsFilm(e);
    const bool briefingFilm = film && e.filmSource == FilmSource::Briefing;
    ImGui::TextWrapped(film ? "A video of the map as it is on the screen (this view, layers, style and filter), written while you go on."
                            : "The map as it is on the screen: this view, date, layers and style. Text stays text in SVG and PDF.");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##path", path, sizeof path)) e.path = path;
    const char* formats[] = {".png", ".svg", ".pdf", ".mp4", ".webm", ".gif"};
    for (int i = 0; i < 6; ++i) {
        if (i) ImGui::SameLine();
        const std::string ext = formats[i];
        const bool chosen = e.path.size() >= ext.size() && toLower(e.path.substr(e.path.size() - ext.size())) == ext;
        if (ImGui::RadioButton(formats[i], chosen)) {
            const auto dot = e.path.rfind('.');
            const auto slash = e.path.rfind('/');
            const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
            e.path = (hasExtension ? e.path.substr(0, dot) : e.path) + ext;
            std::snprintf(path, sizeof path, "%s", e.path.c_str());
        }
    }
    ImGui::Checkbox(film && render::videoFormatFor(e.path) != render::VideoFormat::Gif ? "the size of the map on the screen (made even)"
                                                                                          : "the size of the map on the screen",
                    &e.matchScreen);
    if (!e.matchScreen) {
        ImGui::SetNextItemWidth(120 * k);
        ImGui::InputInt("width px", &e.width_px, 100, 1000);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120 * k);
        ImGui::InputInt("height px", &e.height_px, 100, 1000);
        e.width_px = std::clamp(e.width_px, 16, 20000);
        e.height_px = std::clamp(e.height_px, 16, 20000);
    }
    if (film) {
        drawFilmSettings(s, k);
    } else {
        ImGui::SetNextItemWidth(120 * k);
        ImGui::InputInt("DPI (lines and text scale with it)", &e.dpi, 24, 96);
        e.dpi = std::clamp(e.dpi, 36, 1200);
    }
    if (briefingFilm) {
        ImGui::TextUnformatted("Each scene's title and caption head its frames.");
    } else {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##title", "title", title, sizeof title)) e.title = title;
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##subtitle", "subtitle", subtitle, sizeof subtitle)) e.subtitle = subtitle;
    }
    ImGui::Checkbox("title", &e.title_on);
    ImGui::SameLine();
    ImGui::Checkbox("date", &e.date);
    ImGui::SameLine();
    ImGui::Checkbox("legend", &e.legend);
    ImGui::SameLine();
    ImGui::Checkbox("scale bar", &e.scaleBar);
    ImGui::Checkbox("north arrow", &e.north);
    ImGui::SameLine();
    ImGui::Checkbox("Durand Line note", &e.durandNote);
    ImGui::SameLine();
    ImGui::Checkbox("sources", &e.sources);
    ImGui::SameLine();
    ImGui::Checkbox("credits", &e.attribution);
    ImGui::Checkbox("inset: Khyber-Kurram-Waziristan", &e.inset);
    ImGui::SameLine();
    ImGui::TextUnformatted("  locator:");
    for (const scene::LocatorMode m : {scene::LocatorMode::Auto, scene::LocatorMode::On, scene::LocatorMode::Off}) {
        ImGui::SameLine();
        const std::string label = std::string(scene::locatorModeName(m)) + "##locator";
        if (ImGui::RadioButton(label.c_str(), e.locator == m)) e.locator = m;
    }
    if (ImGui::IsItemHovered() || ImGui::IsItemActive())
        ImGui::SetTooltip("auto: a locator map only where the map shows less than a third of the region");
    if (const FilmJob* job = s.film()) {
        drawFilmProgress(s, *job);
    } else {
        ImGui::BeginDisabled(film && filmDefect(s).has_value());
        if (ImGui::Button("Export")) {
            try {
                if (film) exportFilm(s, exportSettingsFile());
                else exportView(s, exportSettingsFile());
            } catch (const Error& error) {
                s.message = error.what();
            }
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextWrapped("%s", s.message.c_str());
    }
    ImGui::End();
}

void drawHelp(AppState& s, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w / 2, h / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560 * k, 0));
    ImGui::Begin("Keys (F1 to close)", &s.helpVisible, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    const char* rows[][2] = {
        {"N or Page Down", "next event: the map flies to it"}, {"P or Page Up", "previous event"},
        {"T", "the event's caption card (panels hidden)"},
        {"Page Down, Page Up", "a briefing's next and previous scene"}, {"S", "the presenter's notes over the map"},
        {"F5", "the presenter's console: a second window with notes, next scene, timer"},
        {"Space", "play / pause"},               {"] and [", "one step (day, week, month) forward and back"},
        {"C", "window or cumulative"},           {"D", "draw the Durand Line as international or disputed"},
        {"Arrow keys, drag", "pan"},             {"+ and -, wheel", "zoom"},
        {"Home", "fit the region"},              {"M", "measure distances (click points)"},
        {"H", "high contrast, colour-blind safe"}, {"F11", "full screen, presenter mode"},
        {"Tab", "hide every panel but map, date and legend"}, {"L", "legend on and off"},
        {"K, click its title", "fold or unfold the legend"}, {"Drag its title", "move the legend (double-click: put it back)"},
        {"Ctrl+E", "export the map (PNG, SVG, PDF) or a video (MP4, WebM, GIF)"}, {"Esc", "close details and help"},
        {"O", "locator map on and off (click it: go there)"}, {"I", "Khyber-Kurram-Waziristan inset (click it: go there)"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("keys", 2)) {
        for (const auto& row : rows) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace

Layout layoutFor(const AppState& state, float, float, float k) {
    if (!state.panelsVisible) return {};
    return {72 * k, 380 * k, 170 * k};
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

// A card for the room over the map's lower third (captionPlace), its headline in the large font; the text goes
// between this and endCard(name). Placed at the height ImGui gave it last time (it sizes the card to its text).
float& cardHeight(const std::string& name) {
    static std::map<std::string, float> heights;
    return heights[name];
}

void beginCard(const char* name, const std::string& headline, const Layout& layout, float w, float h, float k, const OverMap& over) {
    const float mapW = w - layout.right, mapH = h - layout.top - layout.bottom;
    const float cardW = std::min(mapW * 0.9f, 820.0f * k);
    const float last = cardHeight(name);
    const scene::ScreenBox at = captionPlace(layout.top, mapW, mapH, cardW, last > 0 ? last : 120.0f * k, 16.0f * k, over.covered);
    ImGui::SetNextWindowPos(ImVec2(static_cast<float>(at.x0), static_cast<float>(at.y0)));
    ImGui::SetNextWindowSize(ImVec2(cardW, 0));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14 * k, 10 * k));
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                                    ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushTextWrapPos(0);
    if (over.largeFont != nullptr) ImGui::PushFont(over.largeFont);
    ImGui::TextUnformatted(headline.c_str());
    if (over.largeFont != nullptr) ImGui::PopFont();
}

void endCard(const char* name) {
    ImGui::PopTextWrapPos();
    cardHeight(name) = ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleVar();
}

// The selected event in large type over the map, for the room: what, when, where, the dead as reported, who
// reported it. A card of its own size where it covers least (captionPlace).
void drawCaption(const AppState& s, const Layout& layout, float w, float h, float k, const OverMap& over) {
    const timeline::Event* e = s.selected();
    if (e == nullptr) return;
    beginCard("caption", e->name.str(), layout, w, h, k, over);
    std::string when = e->start ? e->start->display() : std::string();
    if (e->start && e->start->precision() != timeline::TimePrecision::Day)
        when += " (known to the " + std::string(timeline::timePrecisionName(e->start->precision())) + ")";
    const std::string where = (e->admin1.empty() ? std::string() : e->admin1 + ", ") + e->country;
    ImGui::TextUnformatted((when + (when.empty() || where.empty() ? "" : "  \xc2\xb7  ") + where).c_str());
    if (!e->fatalities.str().empty()) ImGui::Text("Killed, as reported: %s", e->fatalities.str().c_str());
    // Read from across a room: what happened in a few lines (the side panel has it whole), who reported it
    // without the links.
    std::string summary = s.catalogue().summaryOf(*e);
    if (summary.size() > 200) {
        const std::size_t cut = summary.rfind(' ', 190);
        summary = summary.substr(0, cut == std::string::npos ? 190 : cut) + " \xe2\x80\xa6";
    }
    if (!summary.empty()) ImGui::TextUnformatted(summary.c_str());
    const std::vector<std::string> sources = s.catalogue().sourcesOf(*e);
    if (!sources.empty()) {
        std::string line = sources.size() == 1 ? "Source: " : "Sources: ";
        const std::size_t shown = 1;
        for (std::size_t i = 0; i < shown; ++i) {
            std::string source = sources[i];
            if (const std::size_t link = source.find("http"); link != std::string::npos) {
                source.erase(link);
                while (!source.empty() && (source.back() == ' ' || source.back() == ',' || source.back() == ';')) source.pop_back();
            }
            line += (i > 0 ? "; " : "") + source;
        }
        if (sources.size() > shown) line += "; and " + std::to_string(sources.size() - shown) + " more";
        ImGui::TextDisabled("%s", line.c_str());
    }
    endCard("caption");
}

// A briefing scene's card: its title in large type and its caption, for the room, where it covers least.
void drawSceneCard(const AppState& s, const Layout& layout, float w, float h, float k, const OverMap& over) {
    const briefing::Scene* scene = s.scene();
    if (scene == nullptr || (scene->title.empty() && scene->caption.empty())) return;
    beginCard("scene", scene->title, layout, w, h, k, over);
    if (!scene->caption.empty()) ImGui::TextUnformatted(scene->caption.c_str());
    endCard("scene");
}

// "12:04", the wall clock's hours and minutes.
std::string clockNow() {
    const std::time_t now = std::time(nullptr);
    char clock[16] = "";
    std::strftime(clock, sizeof clock, "%H:%M", std::localtime(&now));
    return clock;
}

// "4:07", minutes and seconds (hours where it runs that long).
std::string elapsedText(double seconds) {
    const auto t = static_cast<long>(std::max(0.0, seconds));
    char text[32];
    if (t >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else std::snprintf(text, sizeof text, "%ld:%02ld", t / 60, t % 60);
    return text;
}

// "11 October 2025, 30 days up to it" or "11 October 2025, everything up to it".
std::string sceneWhen(const briefing::Scene& scene) {
    return timeline::displayDay(scene.date) + (scene.mode == scene::TimeMode::Cumulative ? ", everything up to it"
                                                                                         : ", " + std::to_string(scene.windowDays) + " days up to it");
}

// The presenter's notes (S): the scene's notes, what comes next, the time since the briefing began and the clock.
void drawNotes(const AppState& s, float w, float k) {
    const briefing::Scene* scene = s.scene();
    if (scene == nullptr) return;
    const std::size_t count = s.briefing->scenes.size();
    ImGui::SetNextWindowPos(ImVec2(w - 12 * k, 12 * k), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(std::min(w * 0.4f, 460.0f * k), 0));
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin("Notes (S to hide)", nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("scene %d of %zu   %s elapsed   %s", s.sceneIndex + 1, count, elapsedText(s.briefingElapsed_s()).c_str(), clockNow().c_str());
    ImGui::TextUnformatted(scene->title.c_str());
    ImGui::Separator();
    ImGui::TextUnformatted(scene->notes.empty() ? "(no notes)" : scene->notes.c_str());
    ImGui::Separator();
    if (static_cast<std::size_t>(s.sceneIndex) + 1 < count)
        ImGui::TextDisabled("next: %s", s.briefing->scenes[static_cast<std::size_t>(s.sceneIndex) + 1].title.c_str());
    else
        ImGui::TextDisabled("the last scene");
    ImGui::PopTextWrapPos();
    ImGui::End();
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
        drawSidePanel(s, layout, w, h, k);
        drawStrip(s, layout, w, h, k);
        if (!s.message.empty() && s.messageAge_s < AppState::kMessageShown_s) {
            // Said, read, gone: the last second fades it out.
            const float fade = static_cast<float>(std::clamp(AppState::kMessageShown_s - s.messageAge_s, 0.0, 1.0));
            ImGui::PushStyleVar(ImGuiStyleVar_Alpha, fade);
            ImGui::SetNextWindowPos(ImVec2(8 * k, h - layout.bottom - 34 * k));
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
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(hover.title.c_str());
        for (const std::string& line : hover.lines)
            if (!line.empty()) ImGui::TextDisabled("%s", line.c_str());
        ImGui::EndTooltip();
    }
}

void drawConsole(AppState& s, float w, float h, float k, ImFont* large) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("console", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    // Secondary lines darker than the panels' grey: read at a glance, at arm's length, on a laptop's screen.
    ImGui::PushStyleColor(ImGuiCol_TextDisabled, ImVec4(0.36f, 0.36f, 0.36f, 1.0f));
    const float gap = 10 * k;
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
