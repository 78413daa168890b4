#pragma once
// A check that no panel text runs out of its box, for the GUI tests and for a person tuning a layout
// (bordermap --audit-layout). ImGui keeps, for every window, how wide and tall its items were laid out and what it
// can show: content wider than a window without a horizontal scroll bar is text or a widget cut off at its right
// edge (a label, a source title, a row of buttons); content taller than a window that has no scroll bar is cut off
// at its bottom. Wrapped text, text boxes (which scroll inside) and windows that scroll are fine.

#include <string>
#include <vector>

namespace bordermap::ui {

// One line per window of the current ImGui context that overflows, as laid out in the last frame rendered:
// "'side' is 23 px too narrow for what it holds, with no horizontal scroll bar". Empty when everything fits.
std::vector<std::string> layoutOverflows();

}  // namespace bordermap::ui
