// The selected event's details in the side panel: what, when, where, the dead as reported, sources.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/ui/links.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace bordermap::ui::panels {

namespace {

// The event's sources, each wrapped to the panel and one item: a click copies it (and marks it), a right click
// offers copying it or them all and opening its links; a link also gets a button of its own under it.
void drawSources(AppState& s, const timeline::Event& e) {
    const std::vector<std::string> sources = s.catalogue().sourcesOf(e);
    if (sources.empty()) return;
    const float em = ImGui::GetFontSize();
    ImGui::TextDisabled("sources (click to copy, right-click for more)");
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID copiedKey = ImGui::GetID(e.id.c_str());  // the source last copied, for this event only
    const int copied = storage->GetInt(copiedKey, -1);
    ImGui::Indent(0.6f * em);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string& source = sources[i];
        const int index = static_cast<int>(i);
        ImGui::PushID(index);
        const float wrap_px = ImGui::GetContentRegionAvail().x;
        const ImVec2 size = ImGui::CalcTextSize(source.c_str(), nullptr, false, wrap_px);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##source", copied == index, 0, ImVec2(0, size.y))) {
            ImGui::SetClipboardText(source.c_str());
            storage->SetInt(copiedKey, index);
            s.message = "source " + std::to_string(i + 1) + " copied";
        }
        const std::vector<std::string> links = linksIn(source);
        if (ImGui::BeginPopupContextItem("menu")) {
            if (ImGui::MenuItem("Copy this source")) ImGui::SetClipboardText(source.c_str());
            if (ImGui::MenuItem("Copy all sources")) {
                std::string all;
                for (const std::string& each : sources) all += each + "\n";
                ImGui::SetClipboardText(all.c_str());
            }
            for (const std::string& link : links) {
                if (ImGui::MenuItem(("Open " + linkHost(link) + " in the browser").c_str())) s.openSourceLink(link);
                if (ImGui::MenuItem(("Copy the link to " + linkHost(link)).c_str())) ImGui::SetClipboardText(link.c_str());
            }
            ImGui::EndPopup();
        }
        // The text over the item: it takes no input, so the item stays the one hovered and clicked.
        ImGui::SetCursorScreenPos(at);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(source.c_str());
        ImGui::PopTextWrapPos();
        for (const std::string& link : links) {
            // "↗ www.dawn.com": where the link goes, in the link colour, the whole link on hover.
            ImGui::PushID(link.c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            if (ImGui::SmallButton(("\xe2\x86\x97 " + linkHost(link)).c_str())) s.openSourceLink(link);
            ImGui::PopStyleColor();
            hoverTip(("Open " + link + " in the browser").c_str());
            ImGui::PopID();
        }
        ImGui::Dummy(ImVec2(0, 0.2f * em));
        ImGui::PopID();
    }
    ImGui::Unindent(0.6f * em);
}

}  // namespace

void drawDetails(AppState& s, float k) {
    const timeline::Event* e = s.selected();
    if (e == nullptr) {
        ImGui::TextWrapped("Click an event on the map for what happened, how many died, how sure the place and date are, and who reported it.");
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e->name.c_str());
    // The date moved back before it: still shown (the reader chose it), but said to lie ahead.
    if (const std::string note = s.selectedTimingNote(); !note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.30f, 0.0f, 1.0f));
        ImGui::TextUnformatted(note.c_str());
        ImGui::PopStyleColor();
    }
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
    ImGui::PopTextWrapPos();
    drawSources(s, *e);
    if (ImGui::Button("Close")) s.select("");
    (void)k;
}

}  // namespace bordermap::ui::panels
