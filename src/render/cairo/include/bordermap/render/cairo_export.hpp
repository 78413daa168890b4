#pragma once
// Every export, from the viewer and from `bordermap render`, goes through here, so the two give the same file:
// the scene drawn by Cairo to PNG (any size, a DPI that scales lines and text) or PDF, or written as SVG by our own
// writer (PDF and SVG are vector, their text is text: an SVG's is <text> elements),
// with the decorations a reader needs to trust the map, each switchable. Needs no display.

#include <bordermap/scene/inset.hpp>
#include <bordermap/scene/scene.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace bordermap::briefing {
struct Briefing;
}

namespace bordermap::render {

enum class ExportFormat { Png, Svg, Pdf };

// The format for a file name's extension; throws UsageError for any other.
ExportFormat exportFormatFor(const std::string& path);

struct ExportDecorations {
    bool title = true;       // title and subtitle
    bool date = true;        // the date and the window or cumulative mode
    bool legend = true;
    bool scaleBar = true;
    bool north = true;
    bool durandNote = true;  // how the Durand Line is drawn, and why it matters
    bool sources = true;     // the sources of the events shown
    bool attribution = true; // "Boundaries: Natural Earth", the CRS, the events' as-of date
};

// The page: a title band (title and subtitle left, date and mode right) above the map in a frame with degree ticks,
// the legend outside the frame (beside it on a landscape page, under it on a portrait one), the scale bar and north
// arrow on the map, and at most two lines of credits that say where the numbered sources are: on the PDF's next
// pages, in the SVG's <metadata>, or beside a PNG in NAME.sources.txt. A page under 480 x 320 px (at 96 dpi) is the
// map alone, with its scale bar and north arrow (and no inset or locator).
struct ExportOptions {
    int width_px = 1600;     // for PNG the image's size; for SVG and PDF the page's, at `dpi`
    int height_px = 1000;
    double dpi = 96;         // 96 draws lines and text at screen size; 300 makes them 3.125 times thicker
    double margin_px = -1;   // the page's margin in output pixels; negative: 14 px at 96 dpi
    // A paper size in millimetres (0: none): the page is exactly that, at `dpi` (width_px and height_px, rounded,
    // are a PNG's size).
    double paperWidth_mm = 0, paperHeight_mm = 0;
    // The map's frame is width_px x height_px, showing exactly the extent (the screen's map, no padding), and the
    // page grows around it for the title band, the legend and the credits.
    bool mapSizeExact = false;
    // A bare page (under 480 x 320 px at 96 dpi) still shows its date, on a white band in the map's top left corner:
    // each frame of a small video needs its own.
    bool dateOnBarePage = false;
    bool sourcesFile = true;  // a PNG's NAME.sources.txt (not for each frame of a sequence)
    // A PDF's base map drawn in this many parts, each on a thread of its own, stacked into the page (1: drawn in the
    // page itself). 0: one a core, at most 8.
    int pdfParts = 0;
    // An inset: the area magnified in a framed box (its name above, its own scale bar) where it covers least of the
    // map, and the area's outline on the map. None by default.
    std::optional<scene::InsetArea> inset;
    // A locator: the whole region small, the map's extent on it as a red box, under the legend where the column has
    // room, else in the frame where it covers least. Auto: only when the map shows under a third of the region.
    scene::LocatorMode locator = scene::LocatorMode::Auto;
    std::string title = "The Afghanistan-Pakistan border";
    std::string subtitle;
    ExportDecorations decorations;
};

// What to draw: the map in its CRS, the events, and the view in output pixels (at 96 dpi: the caller's view is
// scaled to the output's size and DPI here).
struct ExportScene {
    const scene::ProjectedMap& map;
    const timeline::EventSelection& events;  // the catalogue through the filter in use
    MapBox extent;                 // what must be in the picture: the map is fitted to it
    scene::TimeSettings time;
    scene::Style style;
    scene::LayerSwitches layers;
};

// Writes the map to `path` atomically (core/atomic_file.hpp): nothing is left half-written, even when the
// process is killed; a PNG's sources file is committed before the PNG. Throws InputError for a folder that cannot be written, OperationError if Cairo fails.
void exportMap(const std::string& path, const ExportScene& scene, const ExportOptions& options);

// A briefing's handout, on paper of a real size.
struct HandoutOptions {
    double paperWidth_mm = 210, paperHeight_mm = 297;  // A4 portrait; a page wider than high sets the notes beside the map
    double margin_mm = 12;
    // The palette and how the Durand Line is drawn; each scene's highlights are set on a copy.
    scene::Style style = scene::makeStyle(scene::PaletteKind::Standard, scene::DurandView::International);
};

struct HandoutSummary {
    std::size_t pages = 0;       // all of them
    std::size_t scenePages = 0;  // a scene's page and any continuation of its notes
    std::size_t sources = 0;     // numbered on the last pages
};

// Writes the handout of `briefing` to `path`, a PDF whose text stays text, atomically (core/atomic_file.hpp). A page
// for each scene: its title, date and mode over the map at the scene's view, date, mode and layers (the events it
// highlights ringed, the others dimmed), the legend, then the caption, the numbers of the sources it cites and the
// speaker notes under a "Notes" heading; notes too long for the page are set smaller and then continued on a page
// of their own, never cut. Then pages listing every source cited: the sources of the highlighted events, each
// once, numbered in order of first citation (notes on where coordinates come from are left out, as on an export's
// list). Throws UsageError for a path not ending in .pdf, InputError for a title, caption or notes that is not
// UTF-8 (naming the scene and field) or a folder that cannot be written, OperationError if Cairo fails.
HandoutSummary exportHandout(const std::string& path, const briefing::Briefing& briefing, const scene::ProjectedMap& map,
                             const timeline::EventSelection& events, const HandoutOptions& options);

// A frame drawn in memory: premultiplied ARGB32 (Cairo's image format, BGRA in memory on little-endian machines), rows
// top to bottom, `stride_bytes` apart.
struct RasterFrame {
    const unsigned char* pixels = nullptr;
    int width_px = 0;
    int height_px = 0;
    int stride_bytes = 0;
};

// Draws maps into memory one after another, each exactly as exportMap draws a PNG with the same options: the frames
// of a video. What does not change from one frame to the next is kept: the image, and the base map (fills and
// boundaries) while the view's scale stays; so every frame must show the same map, style and layers (the date, the
// events and the extent may change).
class FrameRenderer {
public:
    // Throws InputError for a title that is not UTF-8.
    explicit FrameRenderer(ExportOptions options);
    ~FrameRenderer();
    FrameRenderer(const FrameRenderer&) = delete;
    FrameRenderer& operator=(const FrameRenderer&) = delete;

    // Draws `scene`; the pixels stay valid until the next draw() or the renderer's end. Throws OperationError if
    // Cairo fails.
    RasterFrame draw(const ExportScene& scene);

    // The page's size in pixels, as exportMap would make it.
    const ExportOptions& options() const { return m_options; }

private:
    struct Memory;
    ExportOptions m_options;
    std::unique_ptr<Memory> m_memory;
};

// Writes straight RGBA pixels (rows top to bottom, 4 bytes a pixel) as a PNG, atomically. For the viewer's
// screenshots, which must not leave half a file either.
void writePngRgba(const std::string& path, const unsigned char* rgba, int width, int height);

// Text widths from the text engine (Pango), for the label placer: the window measures with the same.
double exportTextWidth(const std::string& text, double size_px);

}  // namespace bordermap::render
