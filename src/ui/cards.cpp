// What the room sees over the map with the panels hidden: the selected event's caption card, a scene's card, the presenter's notes overlay; the clock and elapsed-time texts.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <ctime>
#include <map>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace bordermap::ui::panels {

using namespace std::chrono;
using timeline::CalendarDay;

// A card for the room over the map's lower third (captionPlace), its headline in the large font; the text goes
// between this and endCard(name). Placed at the height ImGui gave it last time (it sizes the card to its text).
float& cardHeight(const std::string& name) {
    static std::map<std::string, float> heights;
    return heights[name];
}

void beginCard(const char* name, const std::string& headline, const Layout& layout, float w, float h, float k, const OverMap& over) {
    const float mapW = w - layout.right, mapH = h - layout.top - layout.bottom;
    const float cardW = std::min(mapW * 0.9f, 48 * fontSize_px(k));
    const float last = cardHeight(name);
    const scene::ScreenBox at = captionPlace(layout.top, mapW, mapH, cardW, last > 0 ? last : 7 * fontSize_px(k), fontSize_px(k), over.covered);
    ImGui::SetNextWindowPos(ImVec2(static_cast<float>(at.x0), static_cast<float>(at.y0)));
    ImGui::SetNextWindowSize(ImVec2(cardW, 0));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.8f * fontSize_px(k), 0.6f * fontSize_px(k)));
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
    // The room sees the date too: an event chosen and then the date moved back before it is said to lie ahead.
    if (const std::string note = s.selectedTimingNote(); !note.empty()) ImGui::TextColored(ImVec4(0.62f, 0.30f, 0.0f, 1.0f), "%s", note.c_str());
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
    ImGui::SetNextWindowPos(ImVec2(w - 0.7f * fontSize_px(k), 0.7f * fontSize_px(k)), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(std::min(w * 0.4f, 27 * fontSize_px(k)), 0));
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

}  // namespace bordermap::ui::panels
