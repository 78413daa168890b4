// The side panel's event filter.

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

// Which events are shown: kinds, deaths, sources, actors, words, the user's files alone. Each change applies at
// once (a million events re-select in tens of milliseconds, on a thread aside so that frames and typing never
// wait); the map, the strip, the totals, the legend and exports all follow it.
void drawFilter(AppState& s, float) {
    timeline::EventFilter f = s.filter();
    bool changed = false;
    const scene::Style style = s.style();
    ImGui::TextDisabled("kinds (none ticked: every kind)");
    int column = 0;
    for (timeline::EventKind kind : timeline::allEventKinds()) {
        if (timeline::isCrossingState(kind)) continue;
        bool on = std::find(f.kinds.begin(), f.kinds.end(), kind) != f.kinds.end();
        if (column++ % 2 == 1) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f + 0.5f * ImGui::GetFontSize());
        ImGui::PushStyleColor(ImGuiCol_CheckMark, colour(style.eventColour(kind)));
        if (ImGui::Checkbox(std::string(timeline::eventKindName(kind)).c_str(), &on)) {
            if (on) f.kinds.push_back(kind);
            else std::erase(f.kinds, kind);
            changed = true;
        }
        ImGui::PopStyleColor();
    }
    int minDeaths = f.minDeaths;
    ImGui::SetNextItemWidth(6.5f * ImGui::GetFontSize());
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
    if (ImGui::Checkbox("your files only", &mine)) {
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

}  // namespace bordermap::ui::panels
