#pragma once
// What the scene tests share: the embedded boundaries projected once in the regional CRS, the standard style, and
// the text engine's widths.

#include "../timeline/timeline_fixture.hpp"

#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>
#include <bordermap/text/text_engine.hpp>

#include <string>

namespace bordermap::test {

inline const scene::ProjectedMap& regionalMap() {
    static const scene::ProjectedMap map = scene::projectMap(boundaries(), "regional");
    return map;
}

// The standard palette with the Durand Line as the international boundary.
inline const scene::Style& standardStyle() {
    static const scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
    return style;
}

// Text widths as the backends measure them (the text engine).
inline double engineWidth(const std::string& text, double size_px) { return text::width(text, size_px); }

}  // namespace bordermap::test
