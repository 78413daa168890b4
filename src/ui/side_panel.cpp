// The side panel on the window's right: search, the Durand Line, the map's layers, filter, briefing, files, details.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

namespace bordermap::ui::panels {

namespace {


// The search box and its results, grouped under their kind, one line each (cut with an ellipsis, the whole on
// hover). Typing finds; Up and Down move the highlight; Enter goes to it; Escape clears.
void drawSearch(AppState& s) {
    const float em = ImGui::GetFontSize();
    static char query[128] = "";
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID typingKey = ImGui::GetID("search typing");
    // While the box is not typed in, it shows the search as AppState has it (cleared after going to a result).
    if (!storage->GetBool(typingKey)) std::snprintf(query, sizeof query, "%s", s.searchQuery().c_str());
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputTextWithHint("##search", "search places, crossings, events", query, sizeof query, ImGuiInputTextFlags_EnterReturnsTrue);
    const bool typing = ImGui::IsItemActive();
    storage->SetBool(typingKey, typing);
    if (typing || entered) s.setSearchQuery(query);
    bool moved = false;
    if (typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) s.moveSearchHighlight(1), moved = true;
    if (typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) s.moveSearchHighlight(-1), moved = true;
    if (entered) s.goToSearchResult();
    if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.clearSearch();
    if (s.searchQuery().size() < 2) return;

    const SearchResults& results = s.searchResults();
    if (results.empty()) {
        ImGui::TextDisabled("no place or event matches");
        return;
    }
    // Results go on until the next header: scroll them in a box of their own when there are many.
    for (std::size_t i = 0; i < results.size(); ++i) {
        const SearchResult& r = results.items[i];
        if (i == 0 || results.items[i - 1].group != r.group) ImGui::TextDisabled("%s", searchGroupName(r.group));
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float width_px = ImGui::GetContentRegionAvail().x;
        const bool highlighted = static_cast<int>(i) == s.searchHighlight();
        if (ImGui::Selectable("##result", highlighted)) {
            s.highlightSearchResult(static_cast<int>(i));
            s.goToSearchResult();
        }
        const bool hovered = ImGui::IsItemHovered();
        if (highlighted && moved) ImGui::SetScrollHereY();
        // The name; then an event's date at the right edge, or what the group does not say in a quieter colour
        // where there is room. Whatever is left out shows whole on hover.
        const float indent_px = 0.6f * em, gap_px = 0.6f * em;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 quiet = ImGui::GetColorU32(ImGuiCol_TextDisabled);
        float nameRoom_px = width_px - indent_px;
        bool cut = false;
        if (!r.when.empty()) {
            const float whenWidth_px = ImGui::CalcTextSize(r.when.c_str()).x;
            nameRoom_px -= whenWidth_px + gap_px;
            draw->AddText(ImVec2(at.x + width_px - whenWidth_px, at.y), quiet, r.when.c_str());
            cut = true;  // the kind is in the tooltip only
        }
        const std::string name = fitted(r.name, nameRoom_px);
        cut |= name.size() != r.name.size();
        const float nameWidth_px = ImGui::CalcTextSize(name.c_str()).x;
        draw->AddText(ImVec2(at.x + indent_px, at.y), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
        if (r.when.empty() && !r.detail.empty()) {
            const float detailRoom_px = nameRoom_px - nameWidth_px - gap_px;
            if (detailRoom_px > 4 * em) {
                const std::string detail = fitted(r.detail, detailRoom_px);
                cut |= detail.size() != r.detail.size();
                draw->AddText(ImVec2(at.x + indent_px + nameWidth_px + gap_px, at.y), quiet, detail.c_str());
            } else {
                cut = true;
            }
        }
        if (hovered && cut) hoverTip(r.label.c_str());
        ImGui::PopID();
        const bool groupEnds = i + 1 == results.size() || results.items[i + 1].group != r.group;
        if (const std::size_t more = results.more[static_cast<std::size_t>(r.group)]; groupEnds && more > 0) {
            ImGui::PushID(static_cast<int>(r.group));
            ImGui::Indent(0.6f * em);
            if (ImGui::SmallButton((std::to_string(more) + " more").c_str())) s.showMoreResults(r.group);
            ImGui::Unindent(0.6f * em);
            ImGui::PopID();
        }
    }
    ImGui::Spacing();
}

}  // namespace

void drawSidePanel(AppState& s, const Layout& layout, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w - layout.right, layout.top));
    ImGui::SetNextWindowSize(ImVec2(layout.right, h - layout.top));
    // A scroll bar where its sections run past the window's bottom (a small screen), so that nothing is out of
    // sight unannounced.
    ImGui::Begin("side", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);

    drawSearch(s);

    if (section(s, "The Durand Line", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::TextWrapped("Pakistan and most states treat it as the international boundary; Afghanistan does not recognise it. Draw it as:");
        if (ImGui::RadioButton("international boundary", s.durandView == scene::DurandView::International)) s.setDurandView(scene::DurandView::International);
        if (ImGui::RadioButton("disputed line", s.durandView == scene::DurandView::Disputed)) s.setDurandView(scene::DurandView::Disputed);
    }
    if (section(s, "Map", ImGuiTreeNodeFlags_DefaultOpen)) {
        scene::LayerSwitches l = s.layers;
        bool changed = false;
        // Rows that flow: a box goes on the line before where it fits the panel's width, so none is cut off.
        bool first = true;
        const auto box = [&](const char* label, bool* on) {
            if (!std::exchange(first, false)) sameLineIfFits(checkboxWidth(label));
            return ImGui::Checkbox(label, on);
        };
        changed |= box("events", &l.events);
        changed |= box("crossings", &l.crossings);
        changed |= box("labels", &l.labels);
        changed |= box("provinces", &l.provinces);
        changed |= box("neighbours", &l.neighbours);
        changed |= box("graticule", &l.graticule);
        changed |= box("rivers", &l.rivers);
        changed |= box("Kashmir lines", &l.disputed);
        if (s.catalogue().files.size() > 1) changed |= box("your events", &l.userEvents);
        if (changed) s.setLayers(l);
        first = true;
        box("legend", &s.legendVisible);
        bool folded = s.legend.collapsed || s.legendShownFolded;
        if (box("folded", &folded)) s.toggleLegendCollapsed();
        if (s.legend.at) {
            sameLineIfFits(ImGui::CalcTextSize("put back").x + 2 * ImGui::GetStyle().FramePadding.x);
            if (ImGui::SmallButton("put back")) s.resetLegendPlace();  // where it covers least
        }
        box("locator map (O)", &s.locatorVisible);
        box("Khyber-Kurram-Waziristan inset (I)", &s.insetVisible);
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
        if (ImGui::Button(s.measuring ? "Stop adding points" : "Measure")) s.toggleMeasuring();
        hoverTip("measure a path on the map (M): click its points; the path stays, and goes into exports, until cleared");
        if (!s.measurePoints.empty()) {
            ImGui::SameLine();
            if (ImGui::Button("Clear")) s.clearMeasure();
        }
        if (s.measuring || !s.measurePoints.empty()) {
            if (s.measuring)
                ImGui::TextWrapped("Click points on the map. Right-click or Backspace takes the last back; Esc clears.");
            const std::vector<geo::GeodesicLeg> legs = s.measuredLegs();
            for (std::size_t i = 0; i < legs.size(); ++i)
                ImGui::Text("%zu. %s, bearing %s", i + 1, scene::distanceText(legs[i].length_m).c_str(), scene::bearingText(legs[i].initialBearing_deg).c_str());
            if (!legs.empty()) ImGui::Text("Total %s (geodesic)", scene::distanceText(s.measuredDistanceM()).c_str());
        }
    }
    if (!s.overlays().empty() && section(s, "Your layers", ImGuiTreeNodeFlags_DefaultOpen)) drawLayers(s, k);
    if (section(s, "Filter events", s.filter().active() ? ImGuiTreeNodeFlags_DefaultOpen : 0)) drawFilter(s, k);
    if (section(s, "Briefing", s.briefing ? ImGuiTreeNodeFlags_DefaultOpen : 0)) drawBriefingEditor(s, k);
    if (section(s, "Open a file", s.fileProblem.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) {
        static char path[512] = "";
        ImGui::TextWrapped("Type a path, or drag a file onto the window from a file manager.");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##file", "path: GeoJSON, GeoPackage, Shapefile, KML, CSV", path, sizeof path);
        if (ImGui::Button("as events")) s.loadFile(path, AppState::OpenAs::Events);
        ImGui::SameLine();
        if (ImGui::Button("as a map layer")) s.loadFile(path, AppState::OpenAs::MapLayer);
        if (!s.fileProblem.empty()) {  // stays until a file opens: the status line fades
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(190, 30, 30, 255));
            ImGui::TextWrapped("Could not open: %s", s.fileProblem.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (section(s, "Details", ImGuiTreeNodeFlags_DefaultOpen)) drawDetails(s, k);
    ImGui::End();
}

}  // namespace bordermap::ui::panels
