// The side panel on the window's right: search, the Durand Line, the map's layers, filter, briefing, files, details.

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

void drawSidePanel(AppState& s, const Layout& layout, float w, float h, float k) {
    ImGui::SetNextWindowPos(ImVec2(w - layout.right, layout.top));
    ImGui::SetNextWindowSize(ImVec2(layout.right, h - layout.top));
    // A scroll bar where its sections run past the window's bottom (a small screen), so that nothing is out of
    // sight unannounced.
    ImGui::Begin("side", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);

    static char query[64] = "";
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "search: province, crossing, city, event", query, sizeof query);
    for (const SearchResult& r : s.search(query)) {
        if (ImGui::Selectable(r.label.c_str())) {
            s.zoomTo(r);
            query[0] = '\0';
        }
    }

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
