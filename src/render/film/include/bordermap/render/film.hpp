#pragma once
// A video of the map: the dates from A to B a step apart, or a briefing played as the viewer plays it (each scene
// flown to, the view and the date moving together, then held). The frames are drawn as the PNG export draws them
// (FrameRenderer) and written by the VideoWriter, whole or not at all. `bordermap render --dates`, `bordermap brief`
// and the viewer's Export dialog all come here, so their videos are the same.
//
// Each reports its progress after every frame and looks at a cancel flag before every frame, so that a caller on
// another thread can show a bar with the time left and stop it; a stopped film leaves no file.

#include <bordermap/render/cairo_export.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::briefing {
struct Briefing;
}

namespace bordermap::render {

enum class FilmStep { Day, Week, Month };

// "1d", "1w", "1m" (the command line's --every), or none for anything else.
std::optional<FilmStep> parseFilmStep(std::string_view text);
const char* filmStepName(FilmStep step);  // "1d", "1w", "1m"
// The frames a second a film of `step` is shown at unless told: 5 for days, 3 for weeks, 2 for months.
int defaultFilmFps(FilmStep step);

// The days from `from` to `to` (both included when a step lands on `to`), a step apart, each counted from `from`:
// monthly steps from 31 January fall on 28 (29) February, then 31 March; the day of the month is clamped, never
// carried. Empty when `to` is before `from`.
std::vector<timeline::CalendarDay> filmDays(timeline::CalendarDay from, timeline::CalendarDay to, FilmStep step);

// How a caller watches and stops a film. Both are used on the thread that writes the film.
struct FilmControl {
    // After each frame is handed to the writer: frame times done (a held frame counted as often as it is shown) and
    // the film's total, which does not change. Called with done == total before the writer's last encoding.
    std::function<void(long done, long total)> progress;
    // Looked at before each frame: once true, the film stops and nothing is written (not even a temporary file).
    const std::atomic<bool>* cancel = nullptr;
};

struct FilmResult {
    long frames = 0;         // frame times written (or, when cancelled, drawn before it stopped)
    bool cancelled = false;  // stopped by FilmControl::cancel: no file
};

// A frame for each of `days`, each `scene` on that day (its time.day replaced), at `fps` frames a second, every
// frame showing its date (a bare page too). Throws like VideoWriter (a bad size or file, a full disk) and
// FrameRenderer; nothing is left written then.
FilmResult writeDateFilm(const std::string& path, const ExportScene& scene, std::span<const timeline::CalendarDay> days, int fps,
                         ExportOptions options, const FilmControl& control = {});

// How a briefing looks where its scenes do not say: the style (each scene's highlight is put in it) and the layers
// of a scene without its own.
struct BriefingLook {
    scene::Style style;
    scene::LayerSwitches layers;
};

// The frame times a briefing's film takes at `fps` (the flights between scenes and each scene's hold_s), on a page
// of options' size: what writeBriefingFilm reports as its total.
long briefingFilmFrames(const briefing::Briefing& briefing, const scene::ProjectedMap& map, const ExportOptions& options, int fps);

// The briefing played: each scene after the first flown to from the one before (scene::planTransition, a frame at a
// time), then held for its hold_s; its title (the briefing's where it has none) and caption in the title band, its
// highlighted events ringed. Throws as writeDateFilm.
FilmResult writeBriefingFilm(const std::string& path, const scene::ProjectedMap& map, const timeline::EventSelection& events,
                             const briefing::Briefing& briefing, const BriefingLook& look, int fps, ExportOptions options,
                             const FilmControl& control = {});

}  // namespace bordermap::render
