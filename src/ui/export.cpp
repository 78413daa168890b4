#include "bordermap/ui/export.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/render/film.hpp>
#include <bordermap/render/video_writer.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/geo/vector_writer.hpp>
#include <bordermap/timeline/event_record.hpp>
#include <bordermap/timeline/selection.hpp>

#include <algorithm>
#include <memory>
#include <tuple>

#include <utility>

namespace bordermap::ui {

namespace {

// The page's words and decorations, for a still and a video alike.
render::ExportOptions pageOptions(const ExportSettings& s) {
    render::ExportOptions options;
    options.title = s.title;
    options.subtitle = s.subtitle;
    options.decorations = {s.title_on, s.date, s.legend, s.scaleBar, s.north, s.durandNote, s.sources, s.attribution};
    if (s.inset) options.inset = scene::khyberInset();
    options.locator = s.locator;
    return options;
}

render::FilmStep filmStepOf(StepUnit unit) {
    return unit == StepUnit::Day ? render::FilmStep::Day : unit == StepUnit::Week ? render::FilmStep::Week : render::FilmStep::Month;
}

}  // namespace

bool exportsEvents(const std::string& path) { return geo::vectorFormatFor(path).has_value(); }

void exportEvents(AppState& state, const std::string& path) {
    const bool cumulative = state.time.mode == scene::TimeMode::Cumulative;
    const std::vector<const timeline::Event*> shown =
        timeline::eventsCovering(state.events(), state.time.day, cumulative ? 0 : state.time.windowDays);
    const timeline::WrittenEvents written = timeline::writeEvents(state.catalogue(), shown, path);
    state.message = "wrote " + std::to_string(written.written) + " event" + (written.written == 1 ? "" : "s") + " to " + path;
    if (written.leftOutUnplaced > 0)
        state.message += "; left out " + std::to_string(written.leftOutUnplaced) + " with no place on the map (FlatGeobuf cannot keep them)";
}

void exportView(AppState& state, const std::string& settingsFile) {
    const ExportSettings& s = state.exportSettings;
    render::ExportOptions options = pageOptions(s);
    options.width_px = s.matchScreen ? state.view.widthPx : s.width_px;
    options.height_px = s.matchScreen ? state.view.heightPx : s.height_px;
    options.dpi = s.dpi;
    options.mapSizeExact = s.matchScreen;  // the screen's map exactly: its extent, scale and labels
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
    options.style.measurePath.clear();  // a briefing's pages show its scenes, not the window's distance tool
    const render::HandoutSummary written = render::exportHandout(path, *state.briefing, state.map(), state.events(), options);
    state.message = "wrote the handout " + path + ": " + std::to_string(written.pages) + " pages, " + std::to_string(written.sources) + " sources";
}

bool exportsFilm(const ExportSettings& settings) { return render::videoFormatFor(settings.path).has_value(); }

std::pair<timeline::CalendarDay, timeline::CalendarDay> filmDates(const AppState& state) {
    const ExportSettings& s = state.exportSettings;
    const auto inData = [&](timeline::CalendarDay d) { return d >= state.firstDay() && d <= state.lastDay(); };
    if (s.filmFrom && s.filmTo && *s.filmFrom <= *s.filmTo && inData(*s.filmFrom) && inData(*s.filmTo)) return {*s.filmFrom, *s.filmTo};
    const int days = state.time.mode == scene::TimeMode::Window ? state.time.windowDays : 30;
    const timeline::CalendarDay to = std::clamp(state.time.day, state.firstDay(), state.lastDay());
    return {std::max(state.firstDay(), to - std::chrono::days(days - 1)), to};
}

std::pair<int, int> filmSize(const AppState& state) {
    const ExportSettings& s = state.exportSettings;
    if (!s.matchScreen) return {s.width_px, s.height_px};
    const bool even = render::videoFormatFor(s.path) != render::VideoFormat::Gif;
    const auto fit = [&](int px) { return std::max(16, even ? px & ~1 : px); };
    return {fit(state.view.widthPx), fit(state.view.heightPx)};
}

std::optional<std::string> filmDefect(const AppState& state) {
    const ExportSettings& s = state.exportSettings;
    const std::optional<render::VideoFormat> format = render::videoFormatFor(s.path);
    if (!format) return "'" + s.path + "' is not a video (.mp4, .webm or .gif)";
    const auto [w, h] = filmSize(state);
    if (const auto defect = render::videoSizeDefect(*format, w, h)) return defect;
    if (s.filmSource == FilmSource::Briefing) {
        if (!state.briefing) return std::string("no briefing is open: open one with --briefing FILE or drop its file on the window");
        return std::nullopt;
    }
    const auto inData = [&](const std::optional<timeline::CalendarDay>& d) { return !d || (*d >= state.firstDay() && *d <= state.lastDay()); };
    if (!inData(s.filmFrom) || !inData(s.filmTo))
        return "the dates must lie in the data's range, " + timeline::isoDay(state.firstDay()) + " to " + timeline::isoDay(state.lastDay());
    if (s.filmFrom && s.filmTo && *s.filmTo < *s.filmFrom) return std::string("the last date is before the first");
    return std::nullopt;
}

long filmFrames(const AppState& state) {
    if (filmDefect(state)) return 0;
    const ExportSettings& s = state.exportSettings;
    if (s.filmSource == FilmSource::Briefing) {
        render::ExportOptions options;
        std::tie(options.width_px, options.height_px) = filmSize(state);
        return render::briefingFilmFrames(*state.briefing, state.map(), options, s.fps);
    }
    const auto [from, to] = filmDates(state);
    return static_cast<long>(render::filmDays(from, to, filmStepOf(s.filmStep)).size());
}

void exportFilm(AppState& state, const std::string& settingsFile) {
    if (const FilmJob* film = state.film()) throw UsageError("a video is being written (" + film->path() + "): wait for it or cancel it");
    if (const auto defect = filmDefect(state)) throw UsageError(*defect);
    const ExportSettings& s = state.exportSettings;
    render::ExportOptions options = pageOptions(s);
    std::tie(options.width_px, options.height_px) = filmSize(state);
    options.dpi = 96;  // a video is seen on a screen
    options.sourcesFile = false;

    // What the film's thread reads: copies of all the window may change meanwhile; the boundaries never change and
    // the catalogue is not changed while a film is written (AppState::addEventsFile refuses).
    scene::Style style = state.style();
    style.scale = 1.0;
    const geo::BoundaryData& boundaries = state.boundaries();
    const timeline::Catalogue& catalogue = state.catalogue();
    std::optional<briefing::Briefing> played;
    std::vector<timeline::CalendarDay> days;
    if (s.filmSource == FilmSource::Briefing) {
        played = *state.briefing;
    } else {
        const auto [from, to] = filmDates(state);
        days = render::filmDays(from, to, filmStepOf(s.filmStep));
    }
    FilmJob::Work work = [&boundaries, &catalogue, overlays = state.overlays(), crs = state.projection(), filter = state.filter(),
                          extent = state.view.visibleBox(), time = state.time, layers = state.layers, style, played, days, options,
                          path = s.path, fps = s.fps](const render::FilmControl& control) {
        // A map of its own: a Projection is for one thread, and the window's may be replaced (another CRS, a layer).
        scene::ProjectedMap map = scene::projectMap(boundaries, crs, overlays);
        scene::projectEvents(map, catalogue);
        const timeline::EventSelection events(catalogue, filter);
        if (played) return render::writeBriefingFilm(path, map, events, *played, {style, layers}, fps, options, control);
        return render::writeDateFilm(path, {map, events, extent, time, style, layers}, days, fps, options, control);
    };
    state.startFilm(std::make_unique<FilmJob>(s.path, filmFrames(state), std::move(work)));
    saveExportSettings(s, settingsFile);
    state.message = "writing " + s.path + "...";
}

}  // namespace bordermap::ui
