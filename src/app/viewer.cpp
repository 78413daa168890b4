#include "commands.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/render/cairo_export.hpp>
#include <bordermap/render/map_cache.hpp>
#include <bordermap/render/map_renderer.hpp>
#include <bordermap/ui/app_state.hpp>
#include <bordermap/ui/export.hpp>
#include <bordermap/ui/window_watch.hpp>
#include <bordermap/ui/imgui_sfml.hpp>
#include <bordermap/ui/layout_audit.hpp>
#include <bordermap/ui/open_file.hpp>
#include <bordermap/ui/panels.hpp>

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <set>
#include <span>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <ostream>
#include <utility>
#include <variant>

#include <X11/Xlib.h>  // last: its macros (None, Status, Bool) would break the headers above
#include <X11/Xutil.h>

namespace bordermap::embedded {
std::span<const unsigned char> window_icon_png();  // src/app/CMakeLists.txt: bordermap_embed
}  // namespace bordermap::embedded

namespace bordermap::app {

namespace {

constexpr const char* kViewerHelp =
    "usage: bordermap [FILE]... [--date D] [--view LON,LAT,ZOOM] [--crs CRS] [--events FILE]... [--acled FILE]...\n"
    "                 [--data PATH] [--size WxH] [--presenter] [--disputed] [--labels english|bilingual] [--cumulative]\n"
    "                 [--window N] [--screenshot FILE.png --frames N] [--bench-frames N] [--marker-draw HOW]\n"
    "                 [--map-cache on|off]\n"
    "                 [filters]\n"
    "\n"
    "Opens the map viewer: the Durand Line, the provinces and crossings, and the events of the date under a\n"
    "time slider. Press F1 in the viewer for every key.\n"
    "\n"
    "  FILE                opened by what it holds, as a file manager's \"Open with\" gives it: a briefing as\n"
    "                      --briefing, a file of bordermap's events as --events, any other vector file as --layer\n"
    "  --date D            the date shown (default: the data's as_of date)\n"
    "  --view LON,LAT,Z    centre on a point at a zoom level (web-map levels: 6 shows the region)\n"
    "  --crs CRS           regional (default), webmercator, platecarree, or any projected CRS\n"
    "  --events FILE       add your own events (bordermap's schema); --data PATH other boundaries\n"
    "  --acled FILE        add an ACLED data export (CSV)\n"
    "  --layer FILE        draw any vector file (GeoJSON, GeoPackage, Shapefile, KML, CSV) as a layer of its own\n"
    "  --measure PATH      a measured path on the map, as the M tool draws it: LON,LAT;LON,LAT;...\n"
    "  --size WxH          the window's size in pixels (default 1600x1000)\n"
    "  --presenter         large fonts, high-contrast colour-blind-safe palette, panels hidden\n"
    "  --disputed          draw the Durand Line as a disputed line\n"
    "  --labels L          english (default) or bilingual: names also in Dari, Urdu or Pashto (the Map panel's switch)\n"
    "  --cumulative        show every event up to the date (default: a window of --window N days, 30)\n"
    "  --screenshot FILE   save what is on screen, panels included, after --frames N frames (default 3), and exit\n"
    "  --bench-frames N    draw N frames while panning and zooming; print the median and 95th-percentile frame time,\n"
    "                      with the map cache and again without (or only as --map-cache says); with --screenshot,\n"
    "                      the moves first, then the screenshot once the map has settled\n"
    "  --map-cache on|off  on (default): pan and zoom move an image of the map, redrawn on a thread behind it and\n"
    "                      exactly once the view stands still; off: the whole map drawn every frame\n"
    "  --marker-draw HOW   instanced: all markers in one draw call (needs OpenGL 3.3); per-marker: one call each;\n"
    "                      auto (default): instanced where it works\n"
    "  --export FILE       export the first frame's view as the Export dialog does (PNG, SVG, PDF), and exit; or a\n"
    "                      video (MP4, WebM, GIF) of the window's days, a frame a day at 5 fps, or with --briefing\n"
    "                      the briefing played\n"
    "  --briefing FILE     present a briefing (JSON, see the README): Page Down and Page Up step its scenes, S shows\n"
    "                      the notes; assets/briefings/october-2025-closures.briefing.json is a sample\n"
    "  --console           open the presenter's console too (F5): a second window with the scene's notes, the next\n"
    "                      scene, the elapsed time and the clock, for the presenter's screen; its keys drive the map\n"
    "  --ui-scale S        the panels' and the map's type scale (default: the desktop's, Xft.dpi, or the window's)\n"
    "  --audit-layout      with --screenshot: report every panel text that runs out of its box, and exit 1 if any\n"
    "Filters (also in the viewer's Filter panel):\n";

const std::vector<OptionSpec> kViewerOptions = withFilterOptions({
    {"date", true},      {"view", true},       {"crs", true},        {"events", true},  {"data", true},
    {"ui-scale", true},  {"audit-layout", false},
    {"size", true},      {"presenter", false}, {"disputed", false},  {"cumulative", false}, {"window", true},
    {"screenshot", true}, {"frames", true},    {"bench-frames", true}, {"help", false}, {"acled", true},
    {"layer", true}, {"measure", true}, {"export", true}, {"marker-draw", true}, {"labels", true}, {"briefing", true}, {"console", false},
    {"map-cache", true}});

struct ViewerOptions {
    unsigned width = 1600, height = 1000;
    std::optional<std::string> screenshot;
    int frames = 3;
    bool auditLayout = false;  // report panel text cut off (ui/layout_audit.hpp); exit 1 when any was
    int benchFrames = 0;
    render::MarkerDraw markerDraw = render::MarkerDraw::Instanced;
    bool markerDrawRequired = false;  // --marker-draw instanced: an error, not a fallback, where it cannot work
    std::optional<bool> mapCache;     // as --map-cache says; unsaid: on, and the bench times both
};

// Writes the window's current frame to `path` whole or not at all (through Cairo's PNG writer and an atomic file).
void saveScreenshot(sf::RenderWindow& window, const std::string& path) {
    sf::Texture texture;
    const sf::Vector2u size = window.getSize();
    if (!texture.create(size.x, size.y)) throw OperationError({path, {}, {}, {}}, "cannot read the window back");
    texture.update(window);
    const sf::Image image = texture.copyToImage();
    render::writePngRgba(path, image.getPixelsPtr(), static_cast<int>(size.x), static_cast<int>(size.y));
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

// The bench's lines: the first pass's frame times (the first line keeps its form for scripts/bench-events), then
// where there was a second pass (the map cache off), its times and the ratio of the two.
void printBench(std::ostream& out, const std::vector<double>& first_ms, const std::vector<double>* off_ms, bool cacheOn,
                const render::MapCache::Counts& counts, sf::Vector2u size, const render::MapRenderer& renderer) {
    out << "bench: " << first_ms.size() << " frames at " << size.x << "x" << size.y << ", "
        << formatNumber(static_cast<double>(renderer.uploadedVertices()), 0) << " GPU vertices of static geometry: median "
        << formatNumber(percentile(first_ms, 0.5), 2) << " ms, 95th percentile " << formatNumber(percentile(first_ms, 0.95), 2)
        << " ms, markers in " << renderer.markerDrawCalls() << " draw calls, map cache " << (cacheOn ? "on" : "off") << '\n';
    if (cacheOn)
        out << "bench: map cache: the map from its image in " << counts.fromImage << " frames, drawn whole in " << counts.straight
            << ", " << counts.imagesDrawn << " images drawn\n";
    if (off_ms == nullptr) return;
    const double median = percentile(*off_ms, 0.5), p95 = percentile(*off_ms, 0.95);
    out << "bench: map cache off, the same moves: " << formatNumber(median, 2) << " / " << formatNumber(p95, 2)
        << " ms (median / 95th percentile); on/off " << formatNumber(percentile(first_ms, 0.5) / median, 2) << " / "
        << formatNumber(percentile(first_ms, 0.95) / p95, 2) << '\n';
}

}  // namespace

namespace {

// A companion of the map (the locator, the inset): drawn off screen by a MapRenderer into its own texture, again only
// when what it shows changes (`key`: the static scene's revision, the size, and for the inset the date, the time
// mode and the events), then put on the map each frame as one sprite.
struct CompanionMap {
    sf::RenderTexture texture;
    std::string key;
    scene::View view;
    std::optional<scene::ScreenBox> drawnAt;  // in the map's pixels, where the last frame put it

    bool holds(scene::ScreenPx p) const {
        return drawnAt && p.x_px >= drawnAt->x0 && p.x_px < drawnAt->x1 && p.y_px >= drawnAt->y0 && p.y_px < drawnAt->y1;
    }
    // Redraws the texture with `draw` where `newKey` differs from the last; the window's context is active after.
    template <class Draw>
    void update(sf::RenderWindow& window, const std::string& newKey, const scene::View& newView, sf::Color background, Draw draw) {
        if (key == newKey) return;
        const auto w = static_cast<unsigned>(newView.widthPx), h = static_cast<unsigned>(newView.heightPx);
        if (texture.getSize() != sf::Vector2u(w, h)) {
            sf::ContextSettings settings;
            settings.stencilBits = 8;  // the renderer fills polygons through the stencil buffer
            if (!texture.create(w, h, settings)) return;
            texture.setSmooth(false);
        }
        view = newView;
        texture.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(w), static_cast<float>(h))));
        texture.clear(background);
        draw(texture);
        texture.display();
        key = newKey;
        (void)window.setActive(true);
    }
    // Puts the texture at `box` (the map's pixels) with a thin frame, on a white mat that lifts it off the map.
    void put(sf::RenderTarget& target, const scene::ScreenBox& box, sf::Color ink, float k) {
        drawnAt = box;
        sf::RectangleShape mat(sf::Vector2f(static_cast<float>(box.x1 - box.x0) + 6 * k, static_cast<float>(box.y1 - box.y0) + 6 * k));
        mat.setPosition(static_cast<float>(box.x0) - 3 * k, static_cast<float>(box.y0) - 3 * k);
        mat.setFillColor(sf::Color::White);
        target.draw(mat);
        sf::Sprite sprite(texture.getTexture());
        sprite.setPosition(static_cast<float>(box.x0), static_cast<float>(box.y0));
        target.draw(sprite);
        sf::RectangleShape frame(sf::Vector2f(static_cast<float>(box.x1 - box.x0), static_cast<float>(box.y1 - box.y0)));
        frame.setPosition(static_cast<float>(box.x0), static_cast<float>(box.y0));
        frame.setFillColor(sf::Color::Transparent);
        frame.setOutlineColor(ink);
        frame.setOutlineThickness(1.2f * k);
        target.draw(frame);
    }
};

// An outline of `box` (the map's pixels), a dark or red line on a white one so that it shows on any ground.
void outlineBox(sf::RenderTarget& target, scene::ScreenBox box, sf::Color colour, float width) {
    for (const auto& [c, w] : {std::pair{sf::Color(255, 255, 255, 220), width + 2.0f}, std::pair{colour, width}}) {
        sf::RectangleShape r(sf::Vector2f(static_cast<float>(box.x1 - box.x0), static_cast<float>(box.y1 - box.y0)));
        r.setPosition(static_cast<float>(box.x0), static_cast<float>(box.y0));
        r.setFillColor(sf::Color::Transparent);
        r.setOutlineColor(c);
        r.setOutlineThickness(-w / 2);
        target.draw(r);
    }
}

struct DisplayCloser {
    void operator()(Display* d) const { XCloseDisplay(d); }
};
// A connection to the X server, held while the viewer runs: closing the only client makes Xvfb reset, and a
// window opened during the reset fails ("Failed to open X11 display").
using DisplayConnection = std::unique_ptr<Display, DisplayCloser>;

// A connection to the display DISPLAY names, or why there is none.
std::variant<DisplayConnection, std::string> connectToDisplay() {
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || display[0] == '\0') return std::string("DISPLAY is not set");
    // A stale DISPLAY (an SSH session gone, a container without the socket) makes SFML abort: ask X first.
    DisplayConnection connection(XOpenDisplay(nullptr));
    if (!connection) return "cannot open the display '" + printable(display) + "' named by DISPLAY";
    return connection;
}

// What a desktop knows a window by. The icon a task bar and an Alt-Tab list show: the application icon's 128 px PNG,
// drawn from assets/icons/org.bordermap.Bordermap.svg at build time and compiled in, so no installed file is read for
// it. WM_CLASS "bordermap", "bordermap": the desktop entry's StartupWMClass, so that a dock groups the window under
// the entry (SFML 2.5 makes the class the window's title). Every window is dressed: the map's (again after F11 makes it
// anew) and the console's.
void dressWindow(sf::Window& window, Display* display) {
    const std::span<const unsigned char> png = embedded::window_icon_png();
    sf::Image icon;
    if (!icon.loadFromMemory(png.data(), png.size()))
        throw OperationError({"embedded window icon", {}, {}, {}}, "the PNG compiled in does not decode");
    window.setIcon(icon.getSize().x, icon.getSize().y, icon.getPixelsPtr());
    std::string name = "bordermap";
    XClassHint hint{name.data(), name.data()};
    XSetClassHint(display, window.getSystemHandle(), &hint);
    XFlush(display);
}

// `bordermap FILE...`, as a file manager's "Open with" (Exec=bordermap %F) hands files over: each opens as the option
// for what it holds would open it (--briefing, --events, --layer), so it is read, checked and refused the same way.
void openPositionalFiles(ParsedArgs& parsed) {
    for (const std::string& path : parsed.positionals) {
        std::error_code ec;
        // A word that is no file was meant as a command: say so, as before files were taken here.
        if (!std::filesystem::exists(path, ec) && path.find_first_of("/.") == std::string::npos)
            throw UsageError("unknown command '" + printable(path) + "' (see bordermap --help)");
        std::string option = "layer";
        switch (ui::classifyFile(path)) {
        case ui::FileContent::Briefing:
            if (const auto other = parsed.value("briefing"))
                throw UsageError("one briefing at a time: " + printable(*other) + " and " + printable(path));
            option = "briefing";
            break;
        case ui::FileContent::Events: option = "events"; break;
        case ui::FileContent::MapLayer: break;
        }
        parsed.values[option] = path;
        parsed.all[option].push_back(path);
    }
    parsed.positionals.clear();
}

}  // namespace

int runViewer(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    ParsedArgs parsed = parseArgs(args, kViewerOptions);
    if (parsed.has("help")) {
        out << kViewerHelp << kFilterHelp;
        return kExitOk;
    }
    openPositionalFiles(parsed);
    ViewerOptions options;
    if (const auto size = parsed.value("size")) {
        const auto [w, h] = parseSizeOption(*size, 8192);
        options.width = static_cast<unsigned>(w);
        options.height = static_cast<unsigned>(h);
    }
    options.screenshot = parsed.value("screenshot");
    options.auditLayout = parsed.has("audit-layout");
    if (const auto f = parsed.value("frames")) options.frames = parseIntOption(*f, "frames", 1, 100000);
    if (const auto b = parsed.value("bench-frames")) options.benchFrames = parseIntOption(*b, "bench-frames", 1, 1000000);
    if (const auto how = parsed.value("marker-draw")) {
        if (*how == "per-marker") options.markerDraw = render::MarkerDraw::PerMarker;
        else if (*how == "instanced") options.markerDrawRequired = true;
        else if (*how != "auto") throw UsageError("--marker-draw is auto, instanced or per-marker, not '" + printable(*how) + "'");
    }
    if (const auto cache = parsed.value("map-cache")) {
        if (*cache != "on" && *cache != "off") throw UsageError("--map-cache is on or off, not '" + printable(*cache) + "'");
        options.mapCache = *cache == "on";
    }
    if (options.screenshot && options.screenshot->size() < 5) throw UsageError("--screenshot needs a FILE.png");
    for (const auto& output : {options.screenshot, parsed.value("export")})
        if (output) checkNotAnInput(*output, parsed);

    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::EventFilter filter = parseFilterOptions(parsed);
    // The user's files read before any window opens: a bad one is one line naming file, feature and field, and exit 2.
    std::vector<std::unique_ptr<timeline::EventSource>> windowed;
    timeline::Catalogue catalogue = loadCatalogueOption(parsed, boundaries, err, true, {}, &windowed);
    std::vector<std::pair<std::string, geo::VectorSource>> layerFiles;
    for (const std::string& file : parsed.valuesOf("layer"))
        layerFiles.emplace_back(file, geo::loadVectorSource(file));  // strict: the first bad feature throws
    std::optional<timeline::CalendarDay> date;
    if (const auto d = parsed.value("date")) date = parseDayOption(*d, "date");
    // A team's database (--events PG:...): the days around the date fetched now, before any window opens (a server
    // that cannot be reached, or refuses the login, is one line and exit 1), then by the viewer as its date moves.
    std::unique_ptr<ui::LiveEvents> live;
    std::shared_ptr<const timeline::Catalogue> liveBase;
    std::optional<ui::LiveEvents::Update> liveFirst;
    if (!windowed.empty()) {
        // libpq waits for a host that does not answer as long as TCP does (minutes): 10 s, unless the user says.
        setenv("PGCONNECT_TIMEOUT", "10", 0);
        liveBase = std::make_shared<const timeline::Catalogue>(std::move(catalogue));
        live = std::make_unique<ui::LiveEvents>(liveBase, std::move(windowed), timeline::defaultValidationContext(boundaries));
        const auto window = parsed.value("window");
        liveFirst = live->fetchFirst(date, window ? parseIntOption(*window, "window", 1, 3650) : scene::TimeSettings{}.windowDays,
                                     parsed.has("cumulative"));
        warnLeftOut(err, live->names(), liveFirst->problems);
        catalogue = std::move(*liveFirst->catalogue);
    }
    // --measure LON,LAT;LON,LAT;...: the distance tool's path, for a screenshot or an export made from a script.
    std::vector<LonLat> measured;
    if (const auto m = parsed.value("measure")) {
        for (std::size_t from = 0; from <= m->size();) {
            const std::size_t end = std::min(m->find(';', from), m->size());
            const std::string_view point = std::string_view(*m).substr(from, end - from);
            from = end + 1;
            const auto comma = point.find(',');
            const auto lon = comma == std::string_view::npos ? std::nullopt : parseDouble(point.substr(0, comma));
            const auto lat = comma == std::string_view::npos ? std::nullopt : parseDouble(point.substr(comma + 1));
            if (!lon || !lat || !isValidLonLat({*lon, *lat}))
                throw InputError({{}, {}, {}, "measure"}, "'" + printable(point) + "' is not LON,LAT (degrees)");
            measured.push_back({*lon, *lat});
        }
    }

    auto connection = connectToDisplay();
    if (const auto* problem = std::get_if<std::string>(&connection)) {
        if (options.screenshot || options.benchFrames > 0 || parsed.has("export"))
            throw OperationError({}, "no display (" + *problem + "): the viewer needs X; run it under xvfb-run");
        err << "bordermap: no display (" << *problem << "), so no viewer: describing the data instead\n";
        return runInfo({}, out);
    }
    Display* const display = std::get<DisplayConnection>(connection).get();

    // The panels' font (ImGui's); the map's text comes from the text engine, through fontconfig.
    const std::string fontPath = render::findDejaVuSans();
    if (fontPath.empty())
        throw OperationError({}, "DejaVu Sans not found in /usr/share/fonts/truetype/dejavu (install fonts-dejavu-core)");

    sf::ContextSettings settings;
    settings.stencilBits = 8;
    settings.antialiasingLevel = 0;  // lines anti-alias in their shader; MSAA costs a software rasterizer 4x
    sf::RenderWindow window(sf::VideoMode(options.width, options.height), "bordermap: the Durand Line", sf::Style::Default, settings);
    dressWindow(window, display);
    window.setVerticalSyncEnabled(!options.screenshot && options.benchFrames == 0);
    if (window.getSettings().stencilBits == 0) throw OperationError({}, "the OpenGL context has no stencil buffer");

    ui::AppState state(boundaries, std::move(catalogue), parsed.value("crs").value_or("regional"),
                       static_cast<int>(options.width), static_cast<int>(options.height));
    if (live) state.followLive(std::move(live), liveBase, *liveFirst);
    if (filter.active()) state.setFilter(filter);
    if (date) {
        if (*date < state.firstDay() || *date > state.lastDay())
            throw InputError({{}, {}, {}, "date"}, timeline::isoDay(*date) + " is outside the data's range, " +
                                                       timeline::isoDay(state.firstDay()) + " to " + timeline::isoDay(state.lastDay()));
        state.setDate(*date);
    }
    for (auto& [file, source] : layerFiles) state.addMapLayer(std::move(source), file);
    state.measurePoints = measured;
    if (const auto path = parsed.value("briefing")) {  // checked before the window shows: a bad one is one line, exit 2
        const briefing::Briefing b = briefing::readBriefing(*path);
        briefing::checkBriefing(b, *path, state.map(), state.catalogue());
    }
    const std::string settingsFile = ui::exportSettingsFile();
    state.exportSettings = ui::loadExportSettings(settingsFile);
    // The legend as the reader left it (folded, moved, hidden), saved again whenever that changes.
    const std::string viewerFile = ui::viewerSettingsFile();
    state.useViewerSettings(ui::loadViewerSettings(viewerFile));
    ui::ViewerSettings savedViewer = state.viewerSettings();
    if (parsed.has("disputed")) state.setDurandView(scene::DurandView::Disputed);
    if (const auto labels = parsed.value("labels")) {
        const auto language = scene::parseLabelLanguage(*labels);
        if (!language) throw UsageError("--labels is english or bilingual, not '" + printable(*labels) + "'");
        state.setLabelLanguage(*language);
    }
    if (parsed.has("cumulative")) state.setMode(scene::TimeMode::Cumulative);
    if (const auto w = parsed.value("window")) state.setWindowDays(parseIntOption(*w, "window", 1, 3650));
    if (parsed.has("presenter")) {
        state.setPresenter(true);
        state.panelsVisible = false;
    }
    // The panels' and the map's type scale: the desktop's (Xft.dpi on a HiDPI screen), or the window's when that is
    // larger (a wall or a 4K screen: its size over 1600x1000, up to 2.5), down to 7/8 in a small window (1024x768,
    // 1280x720: 15 px type, so that the panels leave the map room); in eighth steps, half as large again in
    // presenter mode. --ui-scale sets the base. The panels' fonts are rebuilt when it changes.
    const double desktop = ui::desktopScale();
    const std::optional<double> fixedScale =
        parsed.value("ui-scale") ? std::optional<double>(parseDoubleOption(*parsed.value("ui-scale"), "ui-scale", 0.5, 4.0)) : std::nullopt;
    const auto scaleFor = [&](sf::Vector2u size) {
        const float bySize = std::clamp(std::min(static_cast<float>(size.x) / 1600.0f, static_cast<float>(size.y) / 1000.0f), 0.875f, 2.5f);
        const float base = fixedScale ? static_cast<float>(*fixedScale) : std::max(static_cast<float>(desktop), bySize);
        return std::round(base * (state.presenter ? 1.5f : 1.0f) * 8.0f) / 8.0f;
    };
    float uiScale = scaleFor(window.getSize());
    state.setScale(std::max(1.0f, uiScale));  // the map's type never below its 1600x1000 size: a projector's 1280x720 is read across a room
    render::MapRenderer renderer(options.markerDraw);
    if (!renderer.markerFallbackReason().empty()) {
        if (options.markerDrawRequired)
            throw OperationError({}, "cannot draw markers instanced: " + renderer.markerFallbackReason());
        err << "bordermap: markers drawn one draw call each: " << renderer.markerFallbackReason() << '\n';
    }
    auto imgui = std::make_unique<ui::ImGuiSfml>(window, fontPath, ui::fontSize_px(uiScale), render::findDejaVuSans(true));
    auto watch = std::make_unique<ui::WindowWatch>(window.getSystemHandle());

    // --view LON,LAT,ZOOM after the first layout, so that the zoom is for the map's own area.
    // A flag beside a plain value: GCC 12 warns falsely (-Wmaybe-uninitialized) through std::optional here.
    const std::optional<std::string> briefingPath = parsed.value("briefing");
    bool viewPending = false;
    ViewOption startView;
    if (const auto v = parsed.value("view")) {
        startView = parseViewOption(*v);
        viewPending = true;
    }

    // The layout audit shows what has the most text at once: every side panel section, the help, the Export
    // dialog, and the details of the event with the longest list of sources.
    std::set<std::string> overflows, auditSeen;  // reported; seen in the frame before
    if (options.auditLayout) {
        state.openEverySection = true;
        state.helpVisible = true;
        state.exportDialogVisible = true;
        std::size_t longest = 0;
        for (const timeline::Event& e : state.catalogue().events) {
            std::size_t length = 0;
            for (const std::string& source : state.catalogue().sourcesOf(e)) length += source.size();
            if (length > longest) longest = length, state.selectedEventId = e.id;
        }
    }
    int revision = -1;
    // The locator's own renderer: the countries alone, uploaded once per static revision.
    render::MapRenderer locatorRenderer(options.markerDraw);
    CompanionMap locator, inset;
    render::MapCache mapCache(renderer);
    // The labels placed for the last still view, kept while the view moves (below).
    struct LabelMemo {
        std::vector<scene::Label> labels;
        scene::View view;
        std::string key;  // what else they were placed for: the data, the date, the style, the selection
    };
    std::optional<LabelMemo> labelMemo;
    scene::View lastFrameView;
    mapCache.setEnabled(options.mapCache.value_or(true));
    // The bench's passes: the same moves from the same view with the map cache and without (or only the mode
    // --map-cache names), each --bench-frames frames.
    struct BenchPass {
        bool cache = true;
        std::vector<double> frame_ms;
        render::MapCache::Counts counts;
    };
    std::vector<BenchPass> benchPasses;
    if (options.benchFrames > 0) {
        if (options.mapCache) benchPasses.push_back({*options.mapCache, {}, {}});
        else benchPasses = {{true, {}, {}}, {false, {}, {}}};
    }
    std::size_t benchPass = 0;
    int benchFrame = 0, benchEndFrame = 0;
    std::optional<scene::View> benchStart;
    bool cacheFailureSaid = false;
    sf::Clock clock;
    bool dragging = false;
    sf::Vector2i dragFrom;
    // The legend grabbed by its title row: where the press was, the legend's top left then, whether it has moved
    // (else the release folds or unfolds it), and when the last click on the title row was (two make a reset).
    bool legendDragging = false, legendMoved = false;
    sf::Vector2i legendGrab;
    scene::ScreenPx legendFrom;
    sf::Clock sinceTitleClick;
    bool titleClicked = false;
    sf::Vector2i mouse(-1, -1);
    bool fullscreen = false;
    // Clicks, from the window's own button events: a press on the map and its release less than 4 px away, each
    // as (where pressed, where released). Both may come within one frame, which sampling the button once a frame
    // would miss (a touchpad's tap, a clicker, a slow frame).
    std::optional<sf::Vector2i> pressAt;
    std::vector<std::pair<sf::Vector2i, sf::Vector2i>> clicks;
    // Nothing moving and no input: the window waits for events instead of drawing the same frame again (a
    // screenshot, an export and the bench draw every frame). ImGui settles a change over a frame or two, so a few
    // frames are drawn after each event.
    const bool waitWhenIdle = !options.screenshot && options.benchFrames == 0 && !parsed.has("export");
    int settleFrames = 3;
    std::vector<sf::Event> events;
    std::vector<std::string> dropped;
    // Tab and F11 show the map larger: the view is fitted to what was shown, and leaving gives the view back as it
    // was (unless the reader moved the map meanwhile: then what is shown stays shown).
    std::optional<MapBox> refitTo;
    std::optional<scene::View> restoreTo, refitted;
    const auto largerMap = [&](bool entering) {
        if (entering) {
            restoreTo = state.view;
            refitTo = state.view.visibleBox();
        } else if (restoreTo && refitted && state.view.centre == refitted->centre && state.view.metresPerPixel == refitted->metresPerPixel) {
            refitTo.reset();
            refitted.reset();
        } else {
            refitTo = state.view.visibleBox();
            restoreTo.reset();
        }
    };
    // The presenter's console (F5, --console): a second window for the presenter's own screen, with the scene's
    // notes, the next scene and the time, while the room sees the map's window. Keys pressed in it drive the map.
    struct Console {
        sf::RenderWindow window;
        std::unique_ptr<ui::ImGuiSfml> imgui;
        float scale = 0;
        long shownSecond = -1;  // the second (minute) its time showed when last drawn: it draws again when that changes
    };
    std::unique_ptr<Console> console;
    bool consoleToggled = parsed.has("console");
    std::vector<sf::Event> consoleEvents;
    // What the console's time shows, in the unit it shows it: the briefing's elapsed seconds, else the clock's
    // minutes (hours and minutes, nothing finer); and how long until the next.
    const auto consoleSeconds = [&] {
        return state.briefing ? state.briefingElapsed_s()
                              : std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() / 60;
    };
    const auto consoleSecond = [&] { return static_cast<long>(consoleSeconds()); };
    const auto untilNextSecond_ms = [&] {
        const double t = consoleSeconds(), unit_ms = state.briefing ? 1000 : 60000;
        return std::clamp(static_cast<int>((std::floor(t) + 1 - t) * unit_ms) + 2, 2, 60000);
    };
    const auto toggleConsole = [&] {
        if (console) {
            console.reset();
        } else {
            console = std::make_unique<Console>();
            console->window.create(sf::VideoMode(900, 640), "bordermap: presenter console", sf::Style::Default, settings);
            console->window.setVerticalSyncEnabled(false);  // the map's window keeps the pace
            dressWindow(console->window, display);
            watch->alsoWatch(console->window.getSystemHandle());
        }
        (void)window.setActive(true);
    };
    const auto drawConsole = [&](float dt) {
        if (!console) return;
        const sf::Vector2u size = console->window.getSize();
        // Read at arm's length: larger type than the panels, and larger again with the window.
        const float k = std::round(std::clamp(std::min(static_cast<float>(size.x) / 900.0f, static_cast<float>(size.y) / 640.0f), 1.0f, 2.5f) * 4.0f) / 4.0f;
        if (k != console->scale) {
            console->imgui.reset();
            console->imgui = std::make_unique<ui::ImGuiSfml>(console->window, fontPath, 21.0f * k, render::findDejaVuSans(true));
            console->scale = k;
        }
        (void)console->window.setActive(true);
        console->window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
        console->window.clear(sf::Color(246, 246, 244));
        console->imgui->newFrame(sf::seconds(dt));
        ui::drawConsole(state, static_cast<float>(size.x), static_cast<float>(size.y), k, console->imgui->largeFont());
        console->imgui->render();
        console->window.display();
        console->shownSecond = consoleSecond();
        (void)window.setActive(true);
    };
    // The mouse in the map's pixels while it is in the map's window (+ and - zoom about it); none when it left.
    bool mouseInWindow = false;
    const auto mouseOnMap = [&]() -> std::optional<scene::ScreenPx> {
        if (!mouseInWindow) return std::nullopt;
        const ui::Layout l = ui::layoutFor(state, static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y), uiScale);
        return scene::ScreenPx{static_cast<double>(mouse.x), static_cast<double>(mouse.y) - l.top};
    };
    // A key, from the map's window or the presenter's console: both drive the map.
    const auto onKey = [&](const sf::Event::KeyEvent& key) {
        const double panStep = 120.0;
        // A key that moves the view ends a flight where it was going first.
        if (key.code != sf::Keyboard::N && key.code != sf::Keyboard::P && key.code != sf::Keyboard::PageDown &&
            key.code != sf::Keyboard::PageUp)
            state.finishFlight();
        switch (key.code) {
        case sf::Keyboard::Left: state.panBy(panStep, 0); break;
        case sf::Keyboard::Right: state.panBy(-panStep, 0); break;
        case sf::Keyboard::Up: state.panBy(0, panStep); break;
        case sf::Keyboard::Down: state.panBy(0, -panStep); break;
        case sf::Keyboard::Add:
        case sf::Keyboard::Equal: state.zoomByKey(mouseOnMap(), 1.5); break;
        case sf::Keyboard::Subtract:
        case sf::Keyboard::Hyphen: state.zoomByKey(mouseOnMap(), 1 / 1.5); break;
        case sf::Keyboard::Home: state.fitRegion(); break;
        case sf::Keyboard::N: state.nextEvent(); break;
        case sf::Keyboard::P: state.previousEvent(); break;
        // A clicker's keys: the briefing's scenes when one is open, else the events.
        case sf::Keyboard::PageDown:
            if (!state.stepScene(1) && !state.briefing) state.nextEvent();
            break;
        case sf::Keyboard::PageUp:
            if (!state.stepScene(-1) && !state.briefing) state.previousEvent();
            break;
        case sf::Keyboard::S: state.notesVisible = !state.notesVisible; break;
        case sf::Keyboard::Space: state.togglePlay(); break;
        case sf::Keyboard::RBracket: state.step(1); break;
        case sf::Keyboard::LBracket: state.step(-1); break;
        case sf::Keyboard::C: state.setMode(state.time.mode == scene::TimeMode::Window ? scene::TimeMode::Cumulative : scene::TimeMode::Window); break;
        case sf::Keyboard::D: state.setDurandView(state.durandView == scene::DurandView::International ? scene::DurandView::Disputed : scene::DurandView::International); break;
        case sf::Keyboard::H: state.setHighContrast(!state.highContrast); break;
        case sf::Keyboard::L: state.toggleLegend(); break;
        case sf::Keyboard::O: state.toggleLocator(); break;
        case sf::Keyboard::I: state.toggleInset(); break;
        case sf::Keyboard::K: state.toggleLegendCollapsed(); break;
        case sf::Keyboard::M: state.toggleMeasuring(); break;
        case sf::Keyboard::BackSpace: state.removeLastMeasurePoint(); break;
        case sf::Keyboard::Tab:
            state.togglePanels();
            largerMap(!state.panelsVisible);
            break;
        case sf::Keyboard::T: state.captionVisible = !state.captionVisible; break;
        case sf::Keyboard::F1: state.helpVisible = !state.helpVisible; break;
        case sf::Keyboard::F5: consoleToggled = true; break;
        case sf::Keyboard::E:
            if (key.control) state.exportDialogVisible = true;
            break;
        case sf::Keyboard::Escape:
            state.helpVisible = false;
            state.select("");
            state.clearMeasure();
            break;
        case sf::Keyboard::F11:
            fullscreen = !fullscreen;
            largerMap(fullscreen);
            state.setPresenter(fullscreen);
            window.create(fullscreen ? sf::VideoMode::getDesktopMode() : sf::VideoMode(options.width, options.height),
                          "bordermap: the Durand Line", fullscreen ? sf::Style::Fullscreen : sf::Style::Default, settings);
            window.setVerticalSyncEnabled(true);
            dressWindow(window, display);
            watch = std::make_unique<ui::WindowWatch>(window.getSystemHandle());  // a new X window
            if (console) watch->alsoWatch(console->window.getSystemHandle());
            break;
        default: break;
        }
    };
    for (int frame = 1;; ++frame) {
        if (waitWhenIdle && settleFrames <= 0 && !state.moving() && !dragging && !legendDragging && !imgui->typing() && !mapCache.pending()) {
            sf::Event waited;
            bool tick = false;  // the console's timer moved on, and nothing else happened
            while (window.isOpen() && dropped.empty()) {
                if (window.pollEvent(waited)) {
                    events.push_back(waited);
                    break;
                }
                if (console && console->window.pollEvent(waited)) {
                    consoleEvents.push_back(waited);
                    break;
                }
                dropped = watch->poll();
                if (watch->takeExposed()) break;
                if ((tick = console && consoleSecond() != console->shownSecond)) break;
                if (state.live() != nullptr && state.live()->ready()) break;  // a fetch came in: the map shows it
                // Input wakes this at once; the timeout is a floor under anything our connection did not see, and
                // with the console open, the next second of its timer; a video being written moves its progress
                // bar four times a second.
                // A fetch under way (a date moved beyond the days fetched) is in within a tenth of a second of coming in.
                const bool fetching = state.live() != nullptr && state.live()->fetching();
                watch->waitForInput(std::min({console ? untilNextSecond_ms() : 500, state.film() ? 250 : 500, fetching ? 100 : 500}));
                if (state.film()) break;
            }
            clock.restart();  // the wait is no time for an animation to catch up on
            if (tick && events.empty() && consoleEvents.empty() && dropped.empty()) {
                drawConsole(0.0f);  // the map as it was
                continue;
            }
        }
        const auto frameStart = std::chrono::steady_clock::now();
        if (const float k = scaleFor(window.getSize()); k != uiScale) {
            uiScale = k;
            state.setScale(std::max(1.0f, k));
            imgui.reset();
            (void)window.setActive(true);
            imgui = std::make_unique<ui::ImGuiSfml>(window, fontPath, ui::fontSize_px(uiScale), render::findDejaVuSans(true));
        }
        const ui::Layout layout = ui::layoutFor(state, static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y), uiScale);
        const int mapW = static_cast<int>(static_cast<float>(window.getSize().x) - layout.right);
        const int mapH = static_cast<int>(static_cast<float>(window.getSize().y) - layout.top - layout.bottom);
        state.resize(mapW, mapH);
        if (frame == 1 && !viewPending) state.fitRegion();  // to the map's own area, now that the panels are laid out
        if (frame == 1 && briefingPath) {
            state.openBriefing(*briefingPath);  // a bad one: one line, exit 2, before the window shows anything of it
            state.finishFlight();              // the first scene as it is, not flown to
        }
        if (refitTo) {
            state.finishFlight();
            state.view = scene::fitView(*refitTo, mapW, mapH, 0.0);
            refitted = state.view;
            refitTo.reset();
        } else if (restoreTo && !refitted) {
            state.view = *restoreTo;
            state.view.widthPx = mapW;
            state.view.heightPx = mapH;
            restoreTo.reset();
        }
        if (viewPending) {
            state.view = scene::viewAtZoom(state.map(), startView.centre, startView.zoom, mapW, mapH);
            viewPending = false;
        }
        const auto inMap = [&](sf::Vector2i p) {
            return p.x >= 0 && p.x < mapW && static_cast<float>(p.y) >= layout.top && static_cast<float>(p.y) < layout.top + static_cast<float>(mapH);
        };
        const auto toMapPx = [&](sf::Vector2i p) { return scene::ScreenPx{static_cast<double>(p.x), static_cast<double>(p.y) - layout.top}; };
        // Whether a window point lies on the legend as last drawn (its title row with `title`): the map beneath
        // neither pans nor shows its tooltips there.
        const auto onLegend = [&](sf::Vector2i p, bool title) {
            const render::MapRenderer::LegendDrawn& drawn = renderer.legendDrawn();
            const scene::ScreenBox& box = title ? drawn.header : drawn.box;
            const scene::ScreenPx q = toMapPx(p);
            return drawn.shown && inMap(p) && q.x_px >= box.x0 && q.x_px < box.x1 && q.y_px >= box.y0 && q.y_px < box.y1;
        };

        for (sf::Event event; window.pollEvent(event);) events.push_back(event);
        if (console)
            for (sf::Event event; console->window.pollEvent(event);) consoleEvents.push_back(event);
        settleFrames = events.empty() && consoleEvents.empty() ? settleFrames - 1 : 3;
        // Keys typed after a click within one batch wait for the next frame: ImGui gives a clicked text box the
        // keyboard only in its next frame, and until then the keys would go to the map (a '-' zooming out, a ']'
        // stepping the date) instead of the box.
        std::vector<sf::Event> later;
        bool clickedThisBatch = false;
        for (const sf::Event& event : events) {
            if (!later.empty() || (clickedThisBatch && (event.type == sf::Event::KeyPressed || event.type == sf::Event::TextEntered))) {
                later.push_back(event);
                continue;
            }
            clickedThisBatch = clickedThisBatch || event.type == sf::Event::MouseButtonPressed;
            imgui->processEvent(event);
            if (event.type == sf::Event::Closed) window.close();
            if (event.type == sf::Event::Resized)
                window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width), static_cast<float>(event.size.height))));
            if (event.type == sf::Event::MouseLeft) mouseInWindow = false;
            if (event.type == sf::Event::MouseMoved) {
                mouseInWindow = true;
                mouse = {event.mouseMove.x, event.mouseMove.y};
                if (legendDragging) {
                    const int dx = mouse.x - legendGrab.x, dy = mouse.y - legendGrab.y;
                    legendMoved = legendMoved || std::abs(dx) + std::abs(dy) >= 4;
                    if (legendMoved) {
                        const scene::ScreenBox& box = renderer.legendDrawn().box;
                        state.moveLegend({legendFrom.x_px + dx, legendFrom.y_px + dy}, box.x1 - box.x0, box.y1 - box.y0);
                    }
                }
                if (dragging) {
                    state.stopFlight();  // the reader took the map
                    state.panBy(mouse.x - dragFrom.x, mouse.y - dragFrom.y);
                    dragFrom = mouse;
                }
            }
            if (event.type == sf::Event::MouseButtonPressed && event.mouseButton.button == sf::Mouse::Left && !imgui->wantsMouse()) {
                const sf::Vector2i p(event.mouseButton.x, event.mouseButton.y);
                const scene::ScreenPx q = toMapPx(p);
                pressAt = p;
                if (inMap(p) && state.locatorVisible && locator.holds(q)) {  // recentre the map where the locator was clicked
                    state.centreOn(locator.view.toMap({q.x_px - locator.drawnAt->x0, q.y_px - locator.drawnAt->y0}));
                } else if (inMap(p) && state.insetVisible && inset.holds(q)) {
                    state.flyToInset();
                } else if (onLegend(p, true)) {
                    legendDragging = true;
                    legendMoved = false;
                    legendGrab = p;
                    legendFrom = {renderer.legendDrawn().box.x0, renderer.legendDrawn().box.y0};
                } else if (inMap(p) && !onLegend(p, false)) {
                    dragging = true;
                    dragFrom = p;
                }
            }
            // A right-click on the map takes the distance tool's last point back.
            if (event.type == sf::Event::MouseButtonPressed && event.mouseButton.button == sf::Mouse::Right && !imgui->wantsMouse() &&
                inMap({event.mouseButton.x, event.mouseButton.y}) && !state.measurePoints.empty())
                state.removeLastMeasurePoint();
            if (event.type == sf::Event::MouseButtonReleased && event.mouseButton.button == sf::Mouse::Left) {
                const sf::Vector2i p(event.mouseButton.x, event.mouseButton.y);
                if (pressAt && std::abs(p.x - pressAt->x) + std::abs(p.y - pressAt->y) < 4) clicks.emplace_back(*pressAt, p);
                pressAt.reset();
                dragging = false;
                if (legendDragging && !legendMoved) {
                    // A click on the title row folds or unfolds the legend; a second within 0.4 s undoes that
                    // and puts the legend back where it covers least.
                    const bool twice = titleClicked && sinceTitleClick.getElapsedTime() < sf::seconds(0.4f);
                    state.toggleLegendCollapsed();
                    if (twice) state.resetLegendPlace();
                    titleClicked = !twice;
                    sinceTitleClick.restart();
                }
                legendDragging = false;
            }
            if (event.type == sf::Event::MouseWheelScrolled && !imgui->wantsMouse()) {
                const sf::Vector2i p(event.mouseWheelScroll.x, event.mouseWheelScroll.y);
                // Not over the legend, the inset or the locator: a wheel there would move the map under the reader's eyes.
                const bool overCompanion = (state.locatorVisible && locator.holds(toMapPx(p))) || (state.insetVisible && inset.holds(toMapPx(p)));
                if (inMap(p) && !onLegend(p, false) && !overCompanion) state.stopFlight(), state.zoomAt(toMapPx(p), std::pow(1.25, event.mouseWheelScroll.delta));
            }
            if (event.type == sf::Event::KeyPressed && !imgui->wantsKeyboard()) onKey(event.key);
        }
        events = std::move(later);  // empty but for keys held back for the next frame
        if (!events.empty()) settleFrames = std::max(settleFrames, 2);
        for (const sf::Event& event : consoleEvents) {
            if (console->imgui) console->imgui->processEvent(event);
            if (event.type == sf::Event::Closed) consoleToggled = true;
            if (event.type == sf::Event::KeyPressed && !(console->imgui && console->imgui->wantsKeyboard())) onKey(event.key);
        }
        consoleEvents.clear();
        if (std::exchange(consoleToggled, false)) toggleConsole();
        if (!window.isOpen()) break;
        // Files dragged onto the window from a file manager: events or a map layer, by their fields.
        for (const std::string& path : watch->poll()) dropped.push_back(path);
        if (watch->takeExposed()) settleFrames = std::max(settleFrames, 2);  // uncovered: draw it again (twice: both buffers)
        for (const std::string& path : std::exchange(dropped, {})) {
            if (const auto as = state.loadFile(path)) out << "bordermap: opened " << path << " as " << *as << '\n' << std::flush;
            else err << "bordermap: " << state.fileProblem << '\n';
        }
        if (!legendDragging && state.viewerSettings() != savedViewer) {
            savedViewer = state.viewerSettings();
            try {
                ui::saveViewerSettings(savedViewer, viewerFile);
            } catch (const std::exception& e) {
                err << "bordermap: cannot save the viewer's settings: " << e.what() << '\n';
            }
        }

        const float dt = std::min(clock.restart().asSeconds(), 0.1f);  // a slow frame slows an animation, never jumps it
        const bool wasFlying = state.flying();
        state.advance(dt);
        if (wasFlying && !state.flying()) {
            // For a script or a test driving the window: where the flight left the event it went to, in window pixels.
            if (const timeline::Event* e = state.selected(); e != nullptr && !e->places.empty()) {
                const scene::ScreenPx p = state.view.toScreen(state.map().projection.forward(e->places.front()));
                out << "bordermap: showing " << e->id << " at " << std::lround(p.x_px) << ',' << std::lround(p.y_px + layout.top) << '\n' << std::flush;
            } else if (state.scene() != nullptr) {
                out << "bordermap: showing scene " << state.sceneIndex + 1 << " of " << state.briefing->scenes.size() << " on "
                    << timeline::isoDay(state.time.day) << '\n' << std::flush;
            }
        }
        state.poll();  // a filter's selection made aside, once ready
        scene::Style style = state.style();
        style.dateOnMap = true;  // the window's date block: labels keep clear of it
        if (state.insetVisible) style.insetArea = scene::khyberInset().box;  // outlined on the map
        if (revision != state.staticRevision()) {
            // One simplified copy per zoom band, at half a pixel of the band's finest scale.
            std::vector<std::pair<double, scene::StaticScene>> bands;
            for (double from : scene::kZoomBands_mpp)
                bands.emplace_back(from, scene::buildStaticScene(state.map(), style, state.layers, from * 0.5));
            renderer.setStaticScenes(bands);
            mapCache.setStaticScenes(std::move(bands));
            scene::LayerSwitches countries;
            countries.graticule = countries.provinces = countries.rivers = false;  // a locator is read at a glance
            locatorRenderer.setStaticScene(scene::buildStaticScene(state.map(), style, countries, 2000.0));
            revision = state.staticRevision();
        }
        // The bench drives the view: a slow pan and a zoom in and out, as a presenter would.
        const bool benchMoving = benchPass < benchPasses.size();
        if (benchMoving) {
            if (benchFrame == 0) {  // a pass begins: from the first pass's view, in its mode
                if (!benchStart) benchStart = state.view;
                else state.view = *benchStart;
                mapCache.setEnabled(benchPasses[benchPass].cache);
                mapCache.resetCounts();
            }
            const double t = ++benchFrame / 60.0;
            state.panBy(3.0 * std::cos(t), 2.0 * std::sin(t * 0.7));
            state.zoomAt({mapW / 2.0, mapH / 2.0}, 1.0 + 0.01 * std::sin(t * 1.3));
        }
        // While the view moves (with the map cache on), the labels placed for the last view that stood still move
        // with their places rather than being placed again every frame (a third of a moving frame's own time under
        // llvmpipe went to placing them); they are placed afresh once the view stands still, or when they were
        // placed at a scale more than 15 % away or for other data, so a settled frame is a full one.
        const std::string labelKey = std::to_string(state.staticRevision()) + ' ' + timeline::isoDay(state.time.day) + ' ' +
                                     std::to_string(static_cast<int>(state.time.mode)) + ' ' + std::to_string(state.time.windowDays) + ' ' +
                                     std::to_string(static_cast<int>(state.labelLanguage)) + ' ' + state.selectedEventId + ' ' +
                                     std::to_string(state.measurePoints.size()) + ' ' + std::to_string(reinterpret_cast<std::uintptr_t>(&state.events()));
        const bool viewStill = state.view.centre.x_m == lastFrameView.centre.x_m && state.view.centre.y_m == lastFrameView.centre.y_m &&
                               state.view.metresPerPixel == lastFrameView.metresPerPixel && state.view.widthPx == lastFrameView.widthPx &&
                               state.view.heightPx == lastFrameView.heightPx;
        lastFrameView = state.view;
        const bool moveLabels = mapCache.enabled() && !viewStill && state.layers.labels && labelMemo && labelMemo->key == labelKey &&
                                labelMemo->view.widthPx == state.view.widthPx && labelMemo->view.heightPx == state.view.heightPx &&
                                std::abs(std::log(state.view.metresPerPixel / labelMemo->view.metresPerPixel)) < std::log(1.15);
        scene::LayerSwitches layersNow = state.layers;
        if (moveLabels) layersNow.labels = false;
        scene::DynamicScene dynamic =
            scene::buildDynamicScene(state.map(), state.events(), state.view, state.time, style, layersNow, renderer.measurer(),
                                     &state.eventBins(style));
        if (moveLabels) dynamic.labels = scene::movedLabels(labelMemo->labels, labelMemo->view, state.view);
        else if (state.layers.labels) labelMemo = LabelMemo{dynamic.labels, state.view, labelKey};

        // A click (press and release without a drag) selects what is under it, or adds a measuring point; not on the
        // legend, the inset or the locator, which have clicks of their own.
        for (const auto& [from, at] : clicks) {
            const bool onCompanion = (state.locatorVisible && locator.holds(toMapPx(from))) || (state.insetVisible && inset.holds(toMapPx(from)));
            if (!inMap(at) || onLegend(from, false) || onCompanion) continue;
            if (state.measuring) {
                state.addMeasurePoint(toMapPx(at));
            } else {
                const std::string id = state.eventAt(dynamic, toMapPx(at));
                state.select(id);
                if (!id.empty()) out << "bordermap: selected " << id << '\n' << std::flush;  // for a script or a test driving the window
            }
        }
        clicks.clear();
        const bool overCompanion = (state.locatorVisible && locator.holds(toMapPx(mouse))) || (state.insetVisible && inset.holds(toMapPx(mouse)));
        const ui::Hover hover = inMap(mouse) && !dragging && !legendDragging && !onLegend(mouse, false) && !overCompanion
                                    ? state.hoverAt(dynamic, toMapPx(mouse))
                                    : ui::Hover{};

        // The companions' textures, drawn before the map (the renderer's legend state is the main map's after).
        const float k = static_cast<float>(style.scale);
        const MapBox insetArea = scene::areaBox(state.map(), scene::khyberInset().box);
        if (state.insetVisible) {
            // The area fitted above a strip for the scale bar and its figure (64 px at k), so that they cover none of it.
            const double strip = 64.0 * k;
            const scene::ScreenPx size = scene::insetSize(insetArea, mapW, mapH - strip, k);
            scene::View insetView = scene::fitView(insetArea, static_cast<int>(size.x_px), static_cast<int>(size.y_px), 8.0 * k);
            insetView.heightPx += static_cast<int>(strip);
            insetView.centre.y_m -= strip / 2 * insetView.metresPerPixel;
            const std::string key = std::to_string(revision) + ' ' + std::to_string(insetView.widthPx) + 'x' + std::to_string(insetView.heightPx) +
                                    ' ' + timeline::isoDay(state.time.day) + ' ' + std::to_string(static_cast<int>(state.time.mode)) + ' ' +
                                    std::to_string(state.time.windowDays) + ' ' + std::to_string(reinterpret_cast<std::uintptr_t>(&state.events())) +
                                    ' ' + state.selectedEventId;
            inset.update(window, key, insetView, render::toSf(style.background), [&](sf::RenderTarget& target) {
                scene::Style insetStyle = style;
                insetStyle.dateOnMap = false;  // the main map has the date and the outline
                insetStyle.insetArea.reset();
                insetStyle.measurePath.clear();  // the distance tool's path is the main map's
                const scene::DynamicScene d = scene::buildDynamicScene(state.map(), state.events(), insetView, state.time, insetStyle,
                                                                       state.layers, renderer.measurer());
                renderer.drawMap(target, insetView);
                renderer.drawOverlay(target, insetView, d, style, {false, false, std::nullopt, false}, false);
            });
        }
        if (state.locatorVisible) {
            const scene::ScreenPx size = scene::locatorSize(state.map(), std::min(220.0 * k, 0.3 * mapW), std::min(190.0 * k, 0.3 * mapH));
            const scene::View locatorView =
                scene::fitView(scene::locatorExtent(state.map()), static_cast<int>(size.x_px), static_cast<int>(size.y_px), 0.0);
            locator.update(window, std::to_string(revision) + ' ' + std::to_string(locatorView.widthPx) + 'x' + std::to_string(locatorView.heightPx),
                           locatorView, render::toSf(style.background), [&](sf::RenderTarget& target) { locatorRenderer.drawMap(target, locatorView); });
        }

        window.clear(render::toSf(style.background));
        sf::View mapView(sf::FloatRect(0, 0, static_cast<float>(mapW), static_cast<float>(mapH)));
        const sf::Vector2u size = window.getSize();
        mapView.setViewport(sf::FloatRect(0, layout.top / static_cast<float>(size.y), static_cast<float>(mapW) / static_cast<float>(size.x),
                                          static_cast<float>(mapH) / static_cast<float>(size.y)));
        window.setView(mapView);
        mapCache.draw(window, state.view);
        if (!cacheFailureSaid && !mapCache.failure().empty()) {
            err << "bordermap: the map is drawn whole every frame: " << mapCache.failure() << '\n';
            cacheFailureSaid = true;
        }
        // The area the inset magnifies, outlined under the labels (their halos break the line).
        const sf::Color ink = render::toSf(style.text);
        const scene::ScreenBox insetOutline = scene::screenBoxOf(state.view, insetArea);
        if (state.insetVisible) outlineBox(window, insetOutline, ink, 1.3f * k);
        renderer.drawOverlay(window, state.view, dynamic, style, {state.legendVisible, state.legend.collapsed, state.legend.at, state.legend.opened});
        state.noteLegendShown(renderer.legendDrawn().folded);
        // The inset where it covers least, clear of the legend and of the area it magnifies (outlined on the map); then
        // the locator where it covers least of what is left.
        std::vector<scene::ScreenBox> taken;
        if (renderer.legendDrawn().shown) taken.push_back(renderer.legendDrawn().box);
        if (state.insetVisible && inset.texture.getSize().x > 0) {
            const scene::ScreenBox& outline = insetOutline;
            taken.push_back({outline.x0 - 6 * k, outline.y0 - 6 * k, outline.x1 + 6 * k, outline.y1 + 6 * k});
            const scene::ScreenBox place =
                scene::legendPlace(dynamic, state.view, inset.view.widthPx, inset.view.heightPx, 16.0 * k, k, nullptr, taken);
            inset.put(window, place, ink, k);
            taken.push_back(place);
        } else {
            inset.drawnAt.reset();
        }
        if (state.locatorVisible && locator.texture.getSize().x > 0) {
            const double w = locator.view.widthPx, h = locator.view.heightPx;
            const scene::ScreenBox place = scene::legendPlace(dynamic, state.view, w, h, 16.0 * k, k, nullptr, taken);
            // A window too small for both: the inset, asked for by name, keeps its place; the locator waits.
            const bool clear = std::none_of(taken.begin(), taken.end(), [&](const scene::ScreenBox& t) { return t.overlaps(place); });
            if (clear) locator.put(window, place, ink, k);
            else locator.drawnAt.reset();
            scene::ScreenBox extent = scene::screenBoxOf(locator.view, state.view.visibleBox());
            extent = {std::clamp(extent.x0, 0.0, w), std::clamp(extent.y0, 0.0, h), std::clamp(extent.x1, 0.0, w), std::clamp(extent.y1, 0.0, h)};
            if (extent.x1 - extent.x0 < 5) extent.x0 = (extent.x0 + extent.x1) / 2 - 2.5, extent.x1 = extent.x0 + 5;
            if (extent.y1 - extent.y0 < 5) extent.y0 = (extent.y0 + extent.y1) / 2 - 2.5, extent.y1 = extent.y0 + 5;
            if (clear)
                outlineBox(window, {place.x0 + extent.x0, place.y0 + extent.y0, place.x0 + extent.x1, place.y0 + extent.y1}, sf::Color(217, 26, 26),
                       1.8f * k);
        } else {
            locator.drawnAt.reset();
        }
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
        imgui->newFrame(sf::seconds(dt));
        // What the caption card keeps clear of, in window pixels: the legend, the inset, the locator, the date, the
        // scale bar, and the selected event's marker (where the flight brought it).
        ui::OverMap over{hover, {}, imgui->largeFont()};
        const auto cover = [&](const scene::ScreenBox& b) { over.covered.push_back({b.x0, b.y0 + layout.top, b.x1, b.y1 + layout.top}); };
        if (renderer.legendDrawn().shown) cover(renderer.legendDrawn().box);
        if (inset.drawnAt) cover(*inset.drawnAt);
        if (locator.drawnAt) cover(*locator.drawnAt);
        if (dynamic.decorations.dateBlock) cover(dynamic.decorations.dateBlock->panel);
        cover(scene::scaleBarBox(state.view, k, dynamic.decorations.scaleCorner, dynamic.decorations.scale.length_px));
        if (const timeline::Event* e = state.selected())
            for (const LonLat& p : e->places) {
                const scene::ScreenPx c = state.view.toScreen(state.map().projection.forward(p));
                const double r = 40.0 * k;  // the marker or crossing icon, its ring and its label's start
                cover({c.x_px - r, c.y_px - r, c.x_px + r, c.y_px + r});
            }
        ui::drawPanels(state, layout, static_cast<float>(size.x), static_cast<float>(size.y), uiScale, over);
        imgui->render();
        if (options.auditLayout) {
            // Reported when it holds two frames running: ImGui settles a window that appeared, or that just grew a
            // scroll bar, over a frame or two.
            imgui->makeCurrent();
            std::set<std::string> now;
            for (std::string& line : ui::layoutOverflows()) {
                if (auditSeen.contains(line) && overflows.insert(line).second)
                    err << "bordermap: layout at " << size.x << 'x' << size.y << ": " << line << '\n';
                now.insert(std::move(line));
            }
            auditSeen = std::move(now);
        }

        if (const auto exportPath = parsed.value("export"); exportPath && frame >= 2) {
            ui::ExportSettings& e = state.exportSettings;
            if (frame == 2) {
                e.path = *exportPath;
                e.matchScreen = true;
                if (!ui::exportsFilm(e)) {
                    ui::exportView(state, "");  // not remembered: a scripted export
                    out << "bordermap: exported " << *exportPath << " (" << state.view.widthPx << "x" << state.view.heightPx << ")\n";
                    return kExitOk;
                }
                // A video through the dialog's own path, on its thread while the window goes on drawing.
                e.filmSource = briefingPath ? ui::FilmSource::Briefing : ui::FilmSource::Dates;
                e.filmFrom.reset();  // the window shown
                e.filmTo.reset();
                e.filmStep = ui::StepUnit::Day;
                e.fps = 5;
                ui::exportFilm(state, "");
            } else if (state.lastFilm) {
                if (state.lastFilm->kind != ui::FilmJob::Outcome::Kind::Written) throw OperationError({}, state.message);
                out << "bordermap: " << state.message << '\n';
                return kExitOk;
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the film's thread needs the CPU more than the window
            }
        }
        // After the bench's moves, the screenshot waits for the map to settle (a bound: a cache that never settles
        // shows in the picture).
        if (options.screenshot && frame >= options.frames + benchEndFrame && !benchMoving &&
            (!mapCache.pending() || frame >= options.frames + benchEndFrame + 60)) {
            saveScreenshot(window, *options.screenshot);
            out << "bordermap: saved " << *options.screenshot << " (" << size.x << "x" << size.y << ", " << timeline::displayDay(state.time.day) << ")\n";
            return overflows.empty() ? kExitOk : kExitFailed;
        }
        if (benchMoving) {
            glFinish();  // count the GPU's (llvmpipe's) work in the frame, not only the CPU's
            BenchPass& pass = benchPasses[benchPass];
            pass.frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
            if (benchFrame >= options.benchFrames) {
                pass.counts = mapCache.counts();
                benchFrame = 0;
                benchEndFrame = frame;
                if (++benchPass == benchPasses.size()) {
                    printBench(out, benchPasses.front().frame_ms, benchPasses.size() > 1 ? &benchPasses.back().frame_ms : nullptr,
                               benchPasses.front().cache, benchPasses.front().counts, size, renderer);
                    mapCache.setEnabled(options.mapCache.value_or(true));
                    if (!options.screenshot) return kExitOk;
                }
            }
        }
        window.display();
        drawConsole(dt);
    }
    return overflows.empty() ? kExitOk : kExitFailed;
}

}  // namespace bordermap::app
