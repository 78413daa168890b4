// The selected event's details in the side panel: what, when, where, the dead as reported, sources.

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
    for (const std::string& source : s.catalogue().sourcesOf(*e)) { ImGui::Bullet(); ImGui::TextWrapped("%s", source.c_str()); }
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Close")) s.select("");
    (void)k;
}

}  // namespace bordermap::ui::panels
