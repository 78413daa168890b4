// Small pieces every panel uses: colours, the strip's range, text boxes on std::string, wrapped tooltips.

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

using namespace std::chrono;
using timeline::CalendarDay;

ImU32 colour(scene::Colour c, float alpha) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(static_cast<float>(c.a) * alpha));
}

// The days the time bar's slider and the strip cover: the data's whole range, or (the default) from 2021, the
// modern conflict, to the data's end; the whole range anyway when the date lies before 2021.
std::pair<CalendarDay, CalendarDay> stripRange(const AppState& s) {
    const CalendarDay modern = sys_days{year{2021} / January / 1};
    const CalendarDay from = s.wholeRange || s.time.day < modern ? s.firstDay() : std::max(modern, s.firstDay());
    return {from, s.lastDay()};
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

bool editText(const char* id, const char* hint, std::string& text, int lines) {
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

void sameLineIfFits(float width_px) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width_px <= right) ImGui::SameLine();
}

float checkboxWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

std::string fitted(std::string_view text, float width_px) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (ImGui::CalcTextSize(begin, end).x <= width_px) return std::string(text);
    const char* ellipsis = "\xe2\x80\xa6";
    const float room_px = std::max(0.0f, width_px - ImGui::CalcTextSize(ellipsis).x);
    const char* cut = end;
    ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), room_px, 0.0f, begin, end, &cut);
    while (cut > begin && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) --cut;  // not inside a character
    std::string out(begin, cut);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + ellipsis;
}

bool section(const AppState& s, const char* label, ImGuiTreeNodeFlags flags) {
    if (s.openEverySection) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
    return ImGui::CollapsingHeader(label, flags);
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

}  // namespace bordermap::ui::panels
