// The side panel's "Your layers": each of the user's map layers shown or hidden, its colour and width, the field its
// features are labelled with, and a button that removes it.

#include "panel_parts.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>

namespace bordermap::ui::panels {

void drawLayers(AppState& s, float /*k*/) {
    const float em = ImGui::GetFontSize();
    const scene::Style style = s.style();
    std::optional<std::size_t> removed;
    for (std::size_t i = 0; i < s.overlays().size(); ++i) {
        const geo::Layer& layer = s.overlays()[i];
        const scene::UserLayerStyle own = s.layerStyles()[i];
        ImGui::PushID(static_cast<int>(i));
        bool visible = own.visible;
        if (ImGui::Checkbox("##shown", &visible)) s.setLayerVisible(i, visible);
        hoverTip("show or hide the layer (its legend entry too)");
        ImGui::SameLine();
        const std::string name = printable(layer.name);
        // The name fills the row up to the remove button; a long one is cut, the whole in its tooltip.
        const float nameWidth = ImGui::GetContentRegionAvail().x - 2.2f * em;
        ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + nameWidth, ImGui::GetCursorScreenPos().y + 2 * em), true);
        ImGui::TextUnformatted(name.c_str());
        ImGui::PopClipRect();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %zu features", name.c_str(), layer.features.size());
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 1.6f * em);
        if (ImGui::SmallButton("x")) removed = i;
        hoverTip("remove the layer from the map");

        const scene::Colour c = style.userLayerColour(i);
        float rgb[3] = {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f};
        float width = static_cast<float>(own.width_px);
        bool restyled = false;
        ImGui::Indent(1.8f * em);
        restyled |= ImGui::ColorEdit3("##colour", rgb, ImGuiColorEditFlags_NoInputs);
        hoverTip("the layer's colour");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(5 * em);
        restyled |= ImGui::DragFloat("##width", &width, 0.1f, 0.5f, 12.0f, "%.1f px");
        hoverTip("line width in pixels (points grow with it); drag or double-click to type");
        if (restyled) {
            const auto byte = [](float v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
            s.setLayerStyle(i, {byte(rgb[0]), byte(rgb[1]), byte(rgb[2]), 255}, width);
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        const std::string shown = own.labelField.empty() ? "no labels" : "label: " + printable(own.labelField);
        if (ImGui::BeginCombo("##label", shown.c_str())) {
            if (ImGui::Selectable("no labels", own.labelField.empty())) s.setLayerLabelField(i, "");
            for (const std::string& field : layer.fields)
                if (ImGui::Selectable(printable(field).c_str(), field == own.labelField)) s.setLayerLabelField(i, field);
            ImGui::EndCombo();
        }
        hoverTip("the attribute the layer's features are labelled with on the map");
        ImGui::Unindent(1.8f * em);
        ImGui::PopID();
    }
    if (removed) s.removeLayer(*removed);
}

}  // namespace bordermap::ui::panels
