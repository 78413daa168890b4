#include "bordermap/ui/export.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/render/cairo_export.hpp>

#include <utility>

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

void exportHandout(AppState& state, const std::string& path, bool landscape) {
    if (!state.briefing || state.briefing->scenes.empty()) throw UsageError("no briefing with scenes is open: nothing to make a handout of");
    render::HandoutOptions options;
    if (landscape) std::swap(options.paperWidth_mm, options.paperHeight_mm);
    options.style = state.style();
    options.style.scale = 1.0;
    options.style.highlightEventId.clear();  // each scene rings its own
    options.style.highlightEventIds.clear();
    const render::HandoutSummary written = render::exportHandout(path, *state.briefing, state.map(), state.events(), options);
    state.message = "wrote the handout " + path + ": " + std::to_string(written.pages) + " pages, " + std::to_string(written.sources) + " sources";
}

}  // namespace bordermap::ui
