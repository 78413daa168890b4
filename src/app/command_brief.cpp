// bordermap brief FILE -o film.mp4|.webm|.gif: a briefing played as a video, each scene flown to (the view and the
// date moving together, as the viewer's Page Down does) and held for its hold_s, the scene's title on every frame.
#include "commands.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/render/film.hpp>
#include <bordermap/render/video_writer.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>
#include <bordermap/timeline/selection.hpp>

#include <ostream>

#include <unistd.h>

namespace bordermap::app {

namespace {

constexpr const char* kBriefHelp =
    "usage: bordermap brief FILE -o FILM.mp4|.webm|.gif [--size WxH] [--fps N] [--events FILE]... [--acled FILE]...\n"
    "\n"
    "Plays a briefing (a JSON file of scenes: see the README) as a video: each scene is flown to from the one before,\n"
    "the view and the date moving together, then held for its hold_s seconds, its title over the map.\n"
    "\n"
    "  -o FILE        .mp4 (H.264), .webm (VP9) or .gif; written whole or not at all\n"
    "  --size WxH     the frame's size (default 1280x720; even for MP4 and WebM)\n"
    "  --fps N        frames a second, 1 to 60 (default 25)\n";

const std::vector<OptionSpec> kBriefOptions = {{"o", true},   {"output", true}, {"size", true}, {"fps", true},
                                               {"events", true}, {"acled", true}, {"data", true}, {"help", false}};

}  // namespace

int runBrief(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const ParsedArgs parsed = parseArgs(args, kBriefOptions);
    if (parsed.has("help")) {
        out << kBriefHelp;
        return kExitOk;
    }
    if (parsed.positionals.size() != 1) throw UsageError("brief: name one briefing file (see bordermap brief --help)");
    const std::string file = parsed.positionals.front();
    const auto output = parsed.value("o") ? parsed.value("o") : parsed.value("output");
    if (!output) throw UsageError("brief: name the video to write with -o FILE.mp4, .webm or .gif");
    const std::optional<render::VideoFormat> format = render::videoFormatFor(*output);
    if (!format) throw UsageError("brief: -o '" + *output + "' is not .mp4, .webm or .gif");
    render::ExportOptions options;
    options.width_px = 1280;
    options.height_px = 720;
    if (const auto size = parsed.value("size")) {
        const auto [w, h] = parseSizeOption(*size, 8192);
        options.width_px = w;
        options.height_px = h;
    }
    if (const auto defect = render::videoSizeDefect(*format, options.width_px, options.height_px)) throw UsageError("brief: " + *defect);
    const int fps = parsed.value("fps") ? parseIntOption(*parsed.value("fps"), "fps", 1, 60) : 25;
    checkNotAnInput(*output, parsed);
    if (*output == file) throw UsageError("brief: -o would overwrite the briefing");

    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::Catalogue catalogue = loadCatalogueOption(parsed, boundaries, err);
    scene::ProjectedMap map = scene::projectMap(boundaries, "regional");
    scene::projectEvents(map, catalogue);
    const briefing::Briefing b = briefing::readBriefing(file);
    briefing::checkBriefing(b, file, map, catalogue);
    const timeline::EventSelection selection(catalogue, {});

    const bool tty = ::isatty(STDERR_FILENO) == 1;  // progress on a terminal; nothing on stderr otherwise
    render::FilmControl control;
    if (tty) control.progress = [&](long done, long total) { err << "\rbordermap: frame " << done << " of " << total << std::flush; };
    render::BriefingLook look{scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International), {}};
    look.style.scale = 1.0;
    const long frames = render::writeBriefingFilm(*output, map, selection, b, look, fps, options, control).frames;
    if (tty) err << '\n';
    out << "bordermap: wrote " << *output << ": " << b.scenes.size() << " scenes, " << frames << " frames at " << fps << " fps, "
        << options.width_px << "x" << options.height_px << '\n';
    return kExitOk;
}

}  // namespace bordermap::app
