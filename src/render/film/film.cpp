#include "bordermap/render/film.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/render/video_writer.hpp>
#include <bordermap/scene/flight.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bordermap::render {

namespace {

bool stopped(const FilmControl& control) { return control.cancel != nullptr && control.cancel->load(); }

void report(const FilmControl& control, long done, long total) {
    if (control.progress) control.progress(done, total);
}

void add(VideoWriter& writer, const RasterFrame& frame, int repeat) {
    writer.add({frame.pixels, frame.width_px, frame.height_px, frame.stride_bytes, PixelLayout::Bgra}, repeat);
}

// One draw of a briefing's film: a scene's frame (a flight's step or its hold), shown `repeat` frame times.
struct Shot {
    std::size_t scene = 0;
    scene::View view;
    scene::TimeSettings time;
    int repeat = 1;
};

// Every draw of the film in order, so that its length is known before the first frame (for the progress's total).
std::vector<Shot> planBriefing(const briefing::Briefing& b, const scene::ProjectedMap& map, const ExportOptions& options, int fps) {
    std::vector<Shot> shots;
    scene::View previousView;
    scene::TimeSettings previousTime;
    for (std::size_t i = 0; i < b.scenes.size(); ++i) {
        const briefing::Scene& s = b.scenes[i];
        const scene::View target = briefing::sceneView(s, map, options.width_px, options.height_px);
        const scene::TimeSettings time = briefing::sceneTime(s);
        if (i > 0) {  // the flight from the scene before, a frame at a time; its last frame is the hold's
            const scene::Transition flight = scene::planTransition(previousView, previousTime, target, time);
            const int steps = std::max(1, static_cast<int>(std::lround(flight.duration_s * fps)));
            for (int f = 1; f < steps; ++f) {
                const double t = flight.duration_s * f / steps;
                shots.push_back({i, flight.viewAt(t), flight.timeAt(t), 1});
            }
        }
        shots.push_back({i, target, time, std::max(1, static_cast<int>(std::lround(s.hold_s * fps)))});
        previousView = target;
        previousTime = time;
    }
    return shots;
}

long totalOf(const std::vector<Shot>& shots) {
    long total = 0;
    for (const Shot& s : shots) total += s.repeat;
    return total;
}

}  // namespace

std::optional<FilmStep> parseFilmStep(std::string_view text) {
    if (text == "1d") return FilmStep::Day;
    if (text == "1w") return FilmStep::Week;
    if (text == "1m") return FilmStep::Month;
    return std::nullopt;
}

const char* filmStepName(FilmStep step) {
    switch (step) {
    case FilmStep::Day: return "1d";
    case FilmStep::Week: return "1w";
    case FilmStep::Month: return "1m";
    }
    return "1d";
}

int defaultFilmFps(FilmStep step) { return step == FilmStep::Day ? 5 : step == FilmStep::Week ? 3 : 2; }

std::vector<timeline::CalendarDay> filmDays(timeline::CalendarDay from, timeline::CalendarDay to, FilmStep step) {
    using namespace std::chrono;
    std::vector<timeline::CalendarDay> days;
    const year_month_day anchor{from};
    for (int n = 0;; ++n) {
        timeline::CalendarDay d = from;
        if (step == FilmStep::Day) d = from + std::chrono::days(n);
        else if (step == FilmStep::Week) d = from + std::chrono::days(7 * n);
        else {
            const year_month target = year_month{anchor.year(), anchor.month()} + months{n};
            d = sys_days{target / std::min(anchor.day(), (target / std::chrono::last).day())};
        }
        if (d > to) break;
        days.push_back(d);
    }
    return days;
}

FilmResult writeDateFilm(const std::string& path, const ExportScene& scene, std::span<const timeline::CalendarDay> days, int fps,
                         ExportOptions options, const FilmControl& control) {
    options.dateOnBarePage = true;  // every frame shows its date, however small
    // The encoder works on its own thread while the next frame is drawn.
    FrameRenderer renderer(options);
    VideoWriter writer(path, options.width_px, options.height_px, fps);
    const long total = static_cast<long>(days.size());
    ExportScene frame = scene;
    FilmResult result;
    for (const timeline::CalendarDay day : days) {
        if (stopped(control)) return {result.frames, true};  // the writer, unfinished, leaves nothing
        frame.time.day = day;
        add(writer, renderer.draw(frame), 1);
        report(control, ++result.frames, total);
    }
    if (stopped(control)) return {result.frames, true};
    writer.finish();
    return result;
}

long briefingFilmFrames(const briefing::Briefing& briefing, const scene::ProjectedMap& map, const ExportOptions& options, int fps) {
    return totalOf(planBriefing(briefing, map, options, fps));
}

FilmResult writeBriefingFilm(const std::string& path, const scene::ProjectedMap& map, const timeline::EventSelection& events,
                             const briefing::Briefing& briefing, const BriefingLook& look, int fps, ExportOptions options,
                             const FilmControl& control) {
    options.dateOnBarePage = true;
    const std::vector<Shot> shots = planBriefing(briefing, map, options, fps);
    const long total = totalOf(shots);
    VideoWriter writer(path, options.width_px, options.height_px, fps);
    std::unique_ptr<FrameRenderer> renderer;  // one a scene: its title; the base map is kept within a scene
    std::unique_ptr<timeline::EventSelection> own;  // the scene's own filter, where it has one
    std::size_t rendererScene = 0;
    FilmResult result;
    for (const Shot& shot : shots) {
        if (stopped(control)) return {result.frames, true};
        const briefing::Scene& s = briefing.scenes[shot.scene];
        if (!renderer || rendererScene != shot.scene) {
            ExportOptions page = options;
            page.title = s.title.empty() ? briefing.title : s.title;
            page.subtitle = s.caption;
            renderer = std::make_unique<FrameRenderer>(page);
            rendererScene = shot.scene;
            own = s.filter ? std::make_unique<timeline::EventSelection>(events.catalogue(), *s.filter) : nullptr;
        }
        scene::Style style = look.style;
        style.highlightEventIds = s.highlight;
        const scene::LayerSwitches layers = s.layers.value_or(look.layers);
        add(writer, renderer->draw({map, own ? *own : events, shot.view.visibleBox(), shot.time, style, layers}), shot.repeat);
        result.frames += shot.repeat;
        report(control, result.frames, total);
    }
    if (stopped(control)) return {result.frames, true};
    writer.finish();
    return result;
}

}  // namespace bordermap::render
