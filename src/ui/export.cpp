#include "bordermap/ui/export.hpp"

#include <bordermap/render/cairo_export.hpp>

namespace bordermap::ui {

void exportView(AppState& state, const std::string& settingsFile) {
    const ExportSettings& s = state.exportSettings;
    render::ExportOptions options;
    options.width_px = s.matchScreen ? state.view.widthPx : s.width_px;
    options.height_px = s.matchScreen ? state.view.heightPx : s.height_px;
    options.dpi = s.dpi;
    options.mapSizeExact = s.matchScreen;  // the screen's map exactly: its extent, scale and labels
    options.title = s.title;
    options.subtitle = s.subtitle;
    options.decorations = {s.title_on, s.date, s.legend, s.scaleBar, s.north, s.durandNote, s.sources, s.attribution};
    if (s.inset) options.inset = scene::khyberInset();
    options.locator = s.locator;
    scene::Style style = state.style();
    style.scale = 1.0;  // the export's own size and DPI set its scale
    render::exportMap(s.path, {state.map(), state.events(), state.view.visibleBox(), state.time, style, state.layers}, options);
    saveExportSettings(s, settingsFile);
    state.message = "exported " + s.path;
}

}  // namespace bordermap::ui
