// bordermap brief FILE -o film.mp4|.webm|.gif: a briefing played as a video, each scene flown to (the view and the
// date moving together, as the viewer's Page Down does) and held for its hold_s, the scene's title on every frame.
// bordermap brief FILE -o handout.pdf: its handout on paper (render::exportHandout, which the viewer can call too).
#include "commands.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/render/film.hpp>
#include <bordermap/render/video_writer.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>
#include <bordermap/timeline/selection.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <tuple>
#include <utility>

#include <unistd.h>

namespace bordermap::app {

namespace {

constexpr const char* kBriefHelp =
    "usage: bordermap brief FILE -o FILM.mp4|.webm|.gif [--size WxH] [--fps N] [--events FILE]... [--acled FILE]...\n"
    "       bordermap brief FILE -o HANDOUT.pdf [--paper P] [--landscape | --portrait] [--events FILE]... [--acled FILE]...\n"
    "\n"
    "Plays a briefing (a JSON file of scenes: see the README) as a video: each scene is flown to from the one before,\n"
    "the view and the date moving together, then held for its hold_s seconds, its title over the map.\n"
    "Or writes its handout, a PDF: a page for each scene (its title, date, map, legend, caption, the numbers of the\n"
    "sources it cites, and the speaker notes under \"Notes\"), then the sources of the events the scenes highlight,\n"
    "numbered in the order first cited.\n"
    "\n"
    "  -o FILE        .mp4 (H.264), .webm (VP9), .gif, or .pdf for the handout; written whole or not at all\n"
    "  --size WxH     a video's frame size (default 1280x720; even for MP4 and WebM)\n"
    "  --fps N        a video's frames a second, 1 to 60 (default 25)\n"
    "  --paper P      the handout's paper: A5, A4 (default), A3, A2, Letter, Legal or Tabloid\n"
    "  --landscape    the handout's pages wider than high (the words beside the map); --portrait (default): the\n"
    "                 words under it\n"
    "  -q, --quiet    errors only: no progress bar, no summary line, no warnings of events left out\n";

const std::vector<OptionSpec> kBriefOptions = {{"o", true},         {"output", true},   {"size", true}, {"fps", true},
                                               {"paper", true},     {"landscape", false}, {"portrait", false},
                                               {"events", true},    {"acled", true},    {"data", true}, {"help", false},
                                               {"quiet", false}};

// The handout: the briefing read and checked against the data before anything is written.
int writeHandout(const ParsedArgs& parsed, const std::string& file, const std::string& output, std::ostream& out, std::ostream& err) {
    for (const char* option : {"size", "fps"})
        if (parsed.has(option)) throw UsageError(std::string("brief: --") + option + " goes with a video; a handout takes --paper");
    if (parsed.has("landscape") && parsed.has("portrait")) throw UsageError("brief: give --landscape or --portrait, not both");
    checkNotAnInput(output, parsed);
    if (output == file) throw UsageError("brief: -o would overwrite the briefing");
    render::HandoutOptions options;
    std::tie(options.paperWidth_mm, options.paperHeight_mm) = parsePaperOption(parsed.value("paper").value_or("A4"));
    if (parsed.has("landscape")) std::swap(options.paperWidth_mm, options.paperHeight_mm);

    const briefing::Briefing b = briefing::readBriefing(file);
    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::Catalogue catalogue = loadCatalogueOption(parsed, boundaries, err);
    scene::ProjectedMap map = scene::projectMap(boundaries, "regional");
    scene::projectEvents(map, catalogue);
    briefing::checkBriefing(b, file, map, catalogue);
    const timeline::EventSelection selection(catalogue, {});
    options.style.scale = 1.0;
    const render::HandoutSummary written = render::exportHandout(output, b, map, selection, options);
    if (parsed.has("quiet")) return kExitOk;
    out << "bordermap: wrote " << output << ": " << b.scenes.size() << " scenes, " << written.sources << " sources, " << written.pages
        << " pages\n";
    return kExitOk;
}

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
    if (!output) throw UsageError("brief: name the file to write with -o FILE.mp4, .webm, .gif or .pdf");
    if (toLower(std::filesystem::path(*output).extension().string()) == ".pdf") return writeHandout(parsed, file, *output, out, err);
    const std::optional<render::VideoFormat> format = render::videoFormatFor(*output);
    if (!format) throw UsageError("brief: -o '" + *output + "' is not .mp4, .webm, .gif or .pdf");
    for (const char* option : {"paper", "landscape", "portrait"})
        if (parsed.has(option)) throw UsageError(std::string("brief: --") + option + " goes with a handout (-o FILE.pdf)");
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

    // Progress on a terminal, unless -q; nothing on stderr otherwise.
    const bool tty = ::isatty(STDERR_FILENO) == 1 && !parsed.has("quiet");
    render::FilmControl control;
    if (tty) control.progress = progressBar(err, [](long) { return std::string("frames"); });
    render::BriefingLook look{scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International), {}};
    look.style.scale = 1.0;
    const long frames = render::writeBriefingFilm(*output, map, selection, b, look, fps, options, control).frames;
    if (tty) err << '\n';
    if (parsed.has("quiet")) return kExitOk;
    out << "bordermap: wrote " << *output << ": " << b.scenes.size() << " scenes, " << frames << " frames at " << fps << " fps, "
        << options.width_px << "x" << options.height_px << '\n';
    return kExitOk;
}

}  // namespace bordermap::app
