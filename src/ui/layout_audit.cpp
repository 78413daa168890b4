#include "bordermap/ui/layout_audit.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>

namespace bordermap::ui {

std::vector<std::string> layoutOverflows() {
    std::vector<std::string> found;
    const ImGuiContext* context = ImGui::GetCurrentContext();
    if (context == nullptr) return found;
    for (const ImGuiWindow* window : context->Windows) {
        if (!window->WasActive || window->Hidden || window->SkipItems) continue;
        const std::string name = window->Name;
        // ScrollMax is how far the content reaches past what the window shows (its padding counted), per axis.
        if (window->ScrollMax.x >= 1.0f && !window->ScrollbarX)
            found.push_back("'" + name + "' is " + std::to_string(static_cast<int>(std::ceil(window->ScrollMax.x))) +
                            " px too narrow for what it holds, with no horizontal scroll bar");
        if (window->ScrollMax.y >= 1.0f && !window->ScrollbarY)
            found.push_back("'" + name + "' is " + std::to_string(static_cast<int>(std::ceil(window->ScrollMax.y))) +
                            " px too short for what it holds, with no scroll bar");
    }
    return found;
}

}  // namespace bordermap::ui
