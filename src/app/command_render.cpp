#include "commands.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/render/film.hpp>
#include <bordermap/render/video_writer.hpp>

#include <algorithm>
#include <chrono>
#include <tuple>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <ostream>
#include <unistd.h>

namespace bordermap::app {

namespace {

using namespace std::chrono;

constexpr const char* kRenderHelp =
    "usage: bordermap render [--date D] [--window N | --cumulative] [--bbox MINLON,MINLAT,MAXLON,MAXLAT]\n"
    "                        [--size WxH | --paper A4 [--landscape]] [--dpi N] [--layers LIST] [--hide LIST]\n"
    "                        [--title T] [--subtitle T] [--inset khyber|none|BOX] [--locator auto|on|off]\n"
    "                        [--crs CRS] [--disputed] [--presenter] [--labels english|bilingual]\n"
    "                        [--events FILE] [--acled FILE] [filters]\n"
    "                        -o FILE.png|.svg|.pdf\n"
    "       bordermap render --dates FROM..TO --every 1d|1w|1m [...] -o frames/%Y-%m-%d.png\n"
    "       bordermap render --dates FROM..TO --every 1d|1w|1m [--fps N] [...] -o FILE.mp4|.webm|.gif\n"
    "\n"
    "Draws the map for a date to PNG, SVG or PDF, with no display: title, date and mode, legend, geodesic scale\n"
    "bar, north arrow, the Durand Line note, the sources of the events shown, and the credits. With --dates, a PNG\n"
    "for each step, or one video: MP4 (H.264), WebM (VP9) or GIF (a palette computed from its frames), each frame\n"
    "showing its date. Files are written whole or not at all.\n"
    "\n"
    "  --date D          the date (default: the data's as_of date)\n"
    "  --window N        events of the N days to the date (default 30); --cumulative: every event so far\n"
    "  --bbox ...        the area to show, in degrees (default: Afghanistan and Pakistan)\n"
    "  --view LON,LAT,Z  the area a viewer of the file's size shows centred there at web-map zoom Z (the viewer's\n"
    "                    --view and Export give the same file)\n"
    "  --size WxH        pixels, 16 to 20000 each (default 1600x1000); for SVG and PDF the page at --dpi\n"
    "  --dpi N           36 to 1200 (default 96): lines and text scale with it\n"
    "  --paper P         a paper size instead of --size: A5, A4, A3, A2, Letter, Legal, Tabloid, portrait unless\n"
    "                    --landscape; at --dpi (so a PDF's page is the paper's); margins 10 mm, or --margin MM\n"
    "  --layers LIST     the map layers to draw, of: provinces,neighbours,graticule,rivers,disputed,crossings,events,\n"
    "                    labels\n"
    "  --hide LIST       decorations to leave out, of: title,date,legend,scalebar,north,durand-note,sources,attribution\n"
    "  --title T         the title (default \"The Afghanistan-Pakistan border\"); --subtitle T under it\n"
    "  --crs CRS         regional (default), webmercator, platecarree or any projected CRS\n"
    "  --disputed        draw the Durand Line as a disputed line; --presenter: the high-contrast palette\n"
    "  --labels L        english (default): English names; bilingual: provinces, cities and crossings also in\n"
    "                    Dari (Afghanistan) or Urdu (Pakistan), Pashto where the data has neither\n"
    "  --dates A..B --every 1d|1w|1m   a frame for every day, week or month from A to B; -o names each frame with\n"
    "                    %Y, %m and %d, or names the video\n"
    "  --fps N           a video's frames a second, 1 to 60 (default: 5 for days, 3 for weeks, 2 for months); MP4\n"
    "                    and WebM need an even --size\n"
    "  --inset AREA      a magnified box of AREA on the map, where it covers least, with its outline on the map:\n"
    "                    khyber (Khyber-Kurram-Waziristan, 69.0-71.8E 32.2-34.5N, four of the seven crossings),\n"
    "                    LON0,LAT0,LON1,LAT1 in degrees, or none (the default)\n"
    "  --locator L       a small map of the whole region with this map's extent in red: auto (the default: only\n"
    "                    when the map shows less than a third of the region), on or off\n"
    "  --events FILE     add a file of events; --acled FILE an ACLED export\n"
    "Filters (the map, its legend and its sources show only these events; the file names the filter):\n";

const std::vector<OptionSpec> kRenderOptions = withFilterOptions({
    {"date", true},  {"window", true},   {"cumulative", false}, {"bbox", true},   {"size", true},     {"dpi", true},
    {"layers", true}, {"hide", true},    {"title", true},       {"subtitle", true}, {"crs", true},    {"disputed", false},
    {"presenter", false}, {"events", true}, {"acled", true},    {"data", true},   {"dates", true},    {"every", true},
    {"o", true},     {"output", true},   {"help", false},       {"view", true},   {"paper", true},    {"landscape", false},
    {"margin", true}, {"labels", true}, {"inset", true}, {"locator", true}, {"fps", true}});

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        const std::string item = trim(text.substr(from, comma - from));
        if (!item.empty()) out.push_back(item);
        from = comma + 1;
    }
    return out;
}

// "frames/%Y-%m-%d.png" for a day.
std::string frameName(const std::string& pattern, timeline::CalendarDay day) {
    const std::string iso = timeline::isoDay(day);  // YYYY-MM-DD
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size()) {
            const char c = pattern[i + 1];
            if (c == 'Y') { out += iso.substr(0, 4); ++i; continue; }
            if (c == 'm') { out += iso.substr(5, 2); ++i; continue; }
            if (c == 'd') { out += iso.substr(8, 2); ++i; continue; }
            if (c == '%') { out += '%'; ++i; continue; }
        }
        out += pattern[i];
    }
    return out;
}

bool isStillFormat(const std::string& path) {
    try {
        render::exportFormatFor(path);
        return true;
    } catch (const UsageError&) {
        return false;
    }
}

// The frames of `days` drawn in memory and encoded as they come, into one video written whole or not at all. On a
// terminal, a progress bar with the time left.
int writeVideo(const std::string& path, const std::vector<timeline::CalendarDay>& days, int fps, const render::ExportScene& scene,
               const render::ExportOptions& options, bool quiet, std::ostream& out, std::ostream& err) {
    const bool tty = ::isatty(STDERR_FILENO) == 1 && !quiet;
    const auto started = steady_clock::now();
    render::FilmControl control;
    if (tty) control.progress = progressBar(err, [&](long done) { return timeline::isoDay(days[static_cast<std::size_t>(done - 1)]); });
    render::writeDateFilm(path, scene, days, fps, options, control);
    if (tty) err << '\n';
    const double took = duration<double>(steady_clock::now() - started).count();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f s at %d fps; took %.1f s, %.1f frames/s", static_cast<double>(days.size()) / fps, fps, took,
                  static_cast<double>(days.size()) / std::max(took, 1e-9));
    if (quiet) return kExitOk;
    out << "bordermap: wrote " << path << ": " << days.size() << " frames, " << timeline::isoDay(days.front()) << " to "
        << timeline::isoDay(days.back()) << ", " << options.width_px << "x" << options.height_px << ", " << rate << '\n';
    return kExitOk;
}

}  // namespace

int runRender(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const ParsedArgs parsed = parseArgs(args, kRenderOptions);
    if (parsed.has("help")) {
        out << kRenderHelp << kFilterHelp;
        return kExitOk;
    }
    if (!parsed.positionals.empty()) throw UsageError("render: unexpected argument '" + parsed.positionals.front() + "'");
    const auto output = parsed.value("o") ? parsed.value("o") : parsed.value("output");
    if (!output) throw UsageError("render: name the file to write with -o FILE.png, .svg, .pdf, .mp4, .webm or .gif");
    const std::optional<render::VideoFormat> video = render::videoFormatFor(*output);
    if (!video && !isStillFormat(*output))
        throw UsageError("'" + *output + "': the file must end in .png, .svg or .pdf, or for a video .mp4, .webm or .gif");
    if (video && !parsed.has("dates")) throw UsageError("render: a video needs --dates FROM..TO");
    if (video && parsed.has("view")) throw UsageError("render: a video is framed by --bbox, not --view (its page would change size)");
    if (!video && parsed.has("fps")) throw UsageError("render: --fps goes with a video (-o FILE.mp4, .webm or .gif)");

    render::ExportOptions options;
    if (const auto size = parsed.value("size")) std::tie(options.width_px, options.height_px) = parseSizeOption(*size, 20000);
    if (const auto dpi = parsed.value("dpi")) options.dpi = parseIntOption(*dpi, "dpi", 36, 1200);
    if (const auto paper = parsed.value("paper")) {
        if (parsed.has("size")) throw UsageError("render: give --size or --paper, not both");
        auto [w_mm, h_mm] = parsePaperOption(*paper);
        if (parsed.has("landscape")) std::swap(w_mm, h_mm);
        const auto px = [&](double mm) { return static_cast<int>(std::lround(mm / 25.4 * options.dpi)); };
        options.width_px = px(w_mm);
        options.height_px = px(h_mm);
        options.paperWidth_mm = w_mm;
        options.paperHeight_mm = h_mm;
        options.margin_px = 10.0 / 25.4 * options.dpi;  // 10 mm
    } else if (parsed.has("landscape")) {
        throw UsageError("render: --landscape goes with --paper");
    }
    if (video)
        if (const auto defect = render::videoSizeDefect(*video, options.width_px, options.height_px))
            throw UsageError("'" + *output + "': " + *defect + " (give --size WxH)");
    if (const auto m = parsed.value("margin")) options.margin_px = parseIntOption(*m, "margin", 0, 100) / 25.4 * options.dpi;
    if (const auto inset = parsed.value("inset")) options.inset = scene::parseInsetArea(*inset);
    if (const auto locator = parsed.value("locator")) {
        const auto mode = scene::parseLocatorMode(*locator);
        if (!mode) throw UsageError("--locator is auto, on or off, not '" + printable(*locator) + "'");
        options.locator = *mode;
    }
    if (const auto t = parsed.value("title")) options.title = *t;
    if (const auto t = parsed.value("subtitle")) options.subtitle = *t;
    if (const auto hide = parsed.value("hide")) {
        for (const std::string& item : splitList(*hide)) {
            render::ExportDecorations& d = options.decorations;
            if (item == "title") d.title = false;
            else if (item == "date") d.date = false;
            else if (item == "legend") d.legend = false;
            else if (item == "scalebar") d.scaleBar = false;
            else if (item == "north") d.north = false;
            else if (item == "durand-note") d.durandNote = false;
            else if (item == "sources") d.sources = false;
            else if (item == "attribution") d.attribution = false;
            else throw InputError({{}, {}, {}, "hide"}, "unknown decoration '" + item + "' (title, date, legend, scalebar, north, durand-note, sources, attribution)");
        }
    }
    scene::LayerSwitches layers;
    if (const auto list = parsed.value("layers")) {
        layers = {false, false, false, false, false, false, false, false, false};
        for (const std::string& item : splitList(*list)) {
            if (item == "provinces") layers.provinces = true;
            else if (item == "neighbours") layers.neighbours = true;
            else if (item == "graticule") layers.graticule = true;
            else if (item == "rivers") layers.rivers = true;
            else if (item == "disputed") layers.disputed = true;
            else if (item == "crossings") layers.crossings = true;
            else if (item == "events") layers.events = layers.userEvents = true;
            else if (item == "labels") layers.labels = true;
            else throw InputError({{}, {}, {}, "layers"}, "unknown layer '" + item + "' (provinces, neighbours, graticule, rivers, disputed, crossings, events, labels)");
        }
    }
    scene::TimeSettings time;
    if (parsed.has("cumulative") && parsed.has("window")) throw UsageError("render: give --window N or --cumulative, not both");
    time.mode = parsed.has("cumulative") ? scene::TimeMode::Cumulative : scene::TimeMode::Window;
    if (const auto w = parsed.value("window")) time.windowDays = parseIntOption(*w, "window", 1, 36600);

    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::EventFilter filter = parseFilterOptions(parsed);
    // A database is asked for the filter's events, and for one date (no --dates) only those up to it, or in its
    // window: the crossings' states always come (sqlWhere).
    timeline::EventQuery query{{}, {}, {}, filter};
    if (const auto date = parsed.value("date"); date && !parsed.has("dates")) {
        query.to = parseDayOption(*date, "date");
        if (time.mode == scene::TimeMode::Window) query.from = *query.to - std::chrono::days{time.windowDays - 1};
    }
    scene::ProjectedMap map = scene::projectMap(boundaries, parsed.value("crs").value_or("regional"));
    MapBox extent = map.regionBox;
    if (const auto bbox = parsed.value("bbox")) {
        const auto parts = splitList(*bbox);
        std::vector<double> v;
        for (const std::string& p : parts)
            if (const auto d = parseDouble(p)) v.push_back(*d);
        if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3] || !isValidLonLat({v[0], v[1]}) || !isValidLonLat({v[2], v[3]}))
            throw InputError({{}, {}, {}, "bbox"}, "'" + *bbox + "' is not MINLON,MINLAT,MAXLON,MAXLAT in degrees");
        extent = MapBox{};
        for (int i = 0; i <= 8; ++i)  // the edges, densified: a box in degrees is curved in a conic projection
            for (const LonLat p : {LonLat{v[0] + (v[2] - v[0]) * i / 8, v[1]}, LonLat{v[0] + (v[2] - v[0]) * i / 8, v[3]},
                                   LonLat{v[0], v[1] + (v[3] - v[1]) * i / 8}, LonLat{v[2], v[1] + (v[3] - v[1]) * i / 8}})
                if (const MapXY q = map.projection.forward(p); std::isfinite(q.x_m)) extent.add(q);
    }

    if (const auto v = parsed.value("view")) {
        if (parsed.has("bbox")) throw UsageError("render: give --bbox or --view, not both");
        const ViewOption view = parseViewOption(*v);
        extent = scene::viewAtZoom(map, view.centre, view.zoom, options.width_px, options.height_px).visibleBox();
        options.mapSizeExact = true;  // the map is the viewer's, pixel for pixel; the page grows around it
    }
    // The area too, for a map of part of the region (--bbox, --view): the box with room around it for the page's
    // shape (a square twice its longer side), and the inset's box; events beyond are not on the page.
    if (parsed.has("bbox") || parsed.has("view")) {
        const MapXY centre{(extent.min.x_m + extent.max.x_m) / 2, (extent.min.y_m + extent.max.y_m) / 2};
        const double half = std::max(extent.max.x_m - extent.min.x_m, extent.max.y_m - extent.min.y_m);
        GeoBox area;
        for (int i = 0; i <= 8; ++i) {  // the edges, densified: straight in the map, curved in degrees
            const double t = -half + 2 * half * i / 8;
            for (const MapXY q : {MapXY{centre.x_m + t, centre.y_m - half}, MapXY{centre.x_m + t, centre.y_m + half},
                                  MapXY{centre.x_m - half, centre.y_m + t}, MapXY{centre.x_m + half, centre.y_m + t}})
                if (const LonLat p = map.projection.inverse(q); isValidLonLat(p)) area.add(p);
        }
        if (options.inset) {
            area.add(options.inset->box.min);
            area.add(options.inset->box.max);
        }
        if (!area.empty()) query.area = area;
    }
    const timeline::Catalogue catalogue = loadCatalogueOption(parsed, boundaries, err, false, query);
    const timeline::EventSelection selection(catalogue, filter);
    const timeline::CalendarDay first = catalogue.range().first, last = catalogue.range().second;  // captured below
    const auto checkDay = [&](timeline::CalendarDay d) {
        if (d < first || d > last)
            throw InputError({{}, {}, {}, "date"}, timeline::isoDay(d) + " is outside the data's range, " + timeline::isoDay(first) + " to " + timeline::isoDay(last));
        return d;
    };
    std::vector<timeline::CalendarDay> days;
    if (const auto range = parsed.value("dates")) {
        const auto dots = range->find("..");
        if (dots == std::string::npos) throw UsageError("--dates '" + *range + "' is not FROM..TO");
        const timeline::CalendarDay from = checkDay(parseDayOption(range->substr(0, dots), "dates"));
        const timeline::CalendarDay to = checkDay(parseDayOption(range->substr(dots + 2), "dates"));
        if (to < from) throw InputError({{}, {}, {}, "dates"}, "'" + *range + "' ends before it starts");
        const std::string every = parsed.value("every").value_or("1d");
        const std::optional<render::FilmStep> step = render::parseFilmStep(every);
        if (!step) throw UsageError("--every '" + every + "' is not 1d, 1w or 1m");
        days = render::filmDays(from, to, *step);
        std::map<std::string, timeline::CalendarDay> names;
        for (const timeline::CalendarDay d : video ? std::vector<timeline::CalendarDay>{} : days) {
            const auto [at, fresh] = names.emplace(frameName(*output, d), d);
            if (!fresh)
                throw UsageError("-o '" + *output + "' gives the frames of " + timeline::isoDay(at->second) + " and " +
                                 timeline::isoDay(d) + " the same name, '" + at->first +
                                 "': put %Y, %m and %d in it as the steps need");
        }
    } else {
        days.push_back(parsed.value("date") ? checkDay(parseDayOption(*parsed.value("date"), "date"))
                                            : (catalogue.asOf ? catalogue.asOf->first() : last));
    }

    scene::Style style = scene::makeStyle(parsed.has("presenter") ? scene::PaletteKind::Presenter : scene::PaletteKind::Standard,
                                          parsed.has("disputed") ? scene::DurandView::Disputed : scene::DurandView::International);
    style.scale = 1.0;
    if (const auto labels = parsed.value("labels")) {
        const auto language = scene::parseLabelLanguage(*labels);
        if (!language) throw UsageError("--labels is english or bilingual, not '" + printable(*labels) + "'");
        style.labelLanguage = *language;
    }
    scene::projectEvents(map, catalogue);

    if (video) {
        const render::FilmStep step = render::parseFilmStep(parsed.value("every").value_or("1d")).value_or(render::FilmStep::Day);
        const int fps = parsed.value("fps") ? parseIntOption(*parsed.value("fps"), "fps", 1, 60) : render::defaultFilmFps(step);
        checkNotAnInput(*output, parsed);
        return writeVideo(*output, days, fps, {map, selection, extent, time, style, layers}, options, parsed.has("quiet"), out, err);
    }
    for (const timeline::CalendarDay d : days) checkNotAnInput(days.size() > 1 ? frameName(*output, d) : *output, parsed);
    options.sourcesFile = days.size() == 1;  // a sequence's frames name their sources in the credit line only
    const bool tty = ::isatty(STDERR_FILENO) == 1 && !parsed.has("quiet");
    for (std::size_t i = 0; i < days.size(); ++i) {
        time.day = days[i];
        const std::string file = days.size() > 1 ? frameName(*output, days[i]) : *output;
        render::exportMap(file, {map, selection, extent, time, style, layers}, options);
        if (days.size() > 1 && tty) {
            const int done = static_cast<int>(40 * (i + 1) / days.size());
            err << "\r[" << std::string(static_cast<std::size_t>(done), '#') << std::string(static_cast<std::size_t>(40 - done), ' ') << "] "
                << (i + 1) << "/" << days.size() << " " << timeline::isoDay(days[i]) << std::flush;
        }
    }
    if (days.size() > 1 && tty) err << '\n';
    if (parsed.has("quiet")) return kExitOk;
    if (days.size() > 1)
        out << "bordermap: wrote " << days.size() << " frames, " << frameName(*output, days.front()) << " to " << frameName(*output, days.back()) << '\n';
    else
        out << "bordermap: wrote " << *output << '\n';
    return kExitOk;
}

}  // namespace bordermap::app
