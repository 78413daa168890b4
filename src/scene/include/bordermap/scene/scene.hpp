#pragma once
// The display list: everything the map shows, as plain data with its units stated. The core builds it, the
// backends (the GPU window, Cairo's files) draw it, the tests inspect it. It has two parts:
//  - StaticScene: fills and strokes in map metres, built once per CRS and style, never per frame;
//  - DynamicScene: what depends on the date and the view (markers, crossing icons, labels placed for this view,
//    legend, scale bar, north arrow, date), rebuilt when either changes; its size does not grow with the number
//    of boundary vertices.

#include <bordermap/scene/map_data.hpp>
#include <bordermap/scene/style.hpp>
#include <bordermap/scene/view.hpp>
#include <bordermap/timeline/selection.hpp>
#include <bordermap/timeline/state.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bordermap::scene {

// Polygons of one colour, drawn with the even-odd rule: every ring of every polygon in `rings`, outer and holes.
struct FillBatch {
    std::string layer;
    Colour colour;
    std::vector<MapLine> rings;
};

// Lines of one style, with a width in screen pixels whatever the zoom, optionally dashed (on, off, ... in px).
struct StrokeBatch {
    std::string layer;
    Colour colour;
    double width_px = 1.0;
    std::vector<double> dash_px;
    std::vector<MapLine> lines;
};

struct StaticScene {
    Colour background;
    std::vector<FillBatch> fills;      // drawn first, in order
    std::vector<StrokeBatch> strokes;  // then these, in order (the Durand Line last, on top)
    MapBox extent;
    std::size_t vertexCount = 0;
};

// The map layers drawn, each on or off.
struct LayerSwitches {
    bool graticule = true;
    bool neighbours = true;
    bool provinces = true;
    bool rivers = true;
    bool disputed = true;
    bool crossings = true;
    bool events = true;
    bool labels = true;
    bool userEvents = true;  // events from the user's own files
    friend bool operator==(const LayerSwitches&, const LayerSwitches&) = default;
};

// `simplify_m` > 0 simplifies every line and ring (Douglas-Peucker) to that tolerance in map metres, for a zoom
// band: at half a pixel of the band's scale nothing visible changes, and a densified or very detailed boundary
// file draws with about as many vertices as the screen can show.
StaticScene buildStaticScene(const ProjectedMap& map, const Style& style, const LayerSwitches& layers, double simplify_m = 0);

// A line simplified to `tolerance_m` (Douglas-Peucker), keeping its ends; a closed ring stays closed with at least
// four vertices.
MapLine simplifyLine(const MapLine& line, double tolerance_m);

// `scene` cut into at most `parts` scenes that, drawn one over another in order, draw what it draws: its batches in
// order, in consecutive runs of about equal vertex counts, for drawing on as many threads. An opaque stroke batch may
// be cut between its lines (a line drawn in one call or in two looks the same); a fill batch never is (its holes
// are rings of the same batch), nor a translucent stroke (where its lines cross, two calls would darken twice).
// The first part keeps the background; the others have a transparent one.
std::vector<StaticScene> splitStaticScene(StaticScene scene, std::size_t parts);

// The zoom bands the viewer builds: the scale (metres per pixel) from which each applies, finest first.
inline constexpr double kZoomBands_mpp[] = {0.0, 60.0, 240.0, 960.0, 3840.0};

enum class TimeMode { Window, Cumulative };

struct TimeSettings {
    timeline::CalendarDay day{};
    TimeMode mode = TimeMode::Window;
    int windowDays = 30;
    friend bool operator==(const TimeSettings&, const TimeSettings&) = default;
};

// One shape for each kind of event, so that kinds stay apart in grey print and for colour-blind readers. Triangle
// points down (a strike from above); the backends draw each at the same size for the same radius.
enum class MarkerShape { Circle, Diamond, Square, Triangle, TriangleUp, Hexagon, Star, Plus };

// The shape of a kind of event's marker (crossings and their states have icons of their own: a circle).
MarkerShape markerShapeFor(timeline::EventKind kind);

// A marker's radius in pixels for the fewest deaths its reports support (0 for none or no figure): its area grows
// with the toll up to 400, from the style's smallest marker to its largest, times the style's scale.
double markerRadius_px(long long deaths, const Style& style);

// The round death tolls the legend's size key shows when the most deaths a shown marker reports is `mostDeaths`: the
// largest of 1, 2, 5, 10, 20, 50, 100, 200, 400 not above it, and under it those of 1, 10, 50, 100 at most a third
// of the one above: 2 to 4 values, smallest first ({1, 10, 50} for 60). Empty for `mostDeaths` < 1.
std::vector<int> sizeKeyDeaths(long long mostDeaths);

// One event on the map. A place known only to its district or province gets a halo of that size; a date known
// only to the month or year is drawn hollow.
struct Marker {
    std::string_view eventId;  // the event's id, in its catalogue's text store (valid while the catalogue is)
    timeline::EventKind kind{};
    MapXY at;
    MarkerShape shape = MarkerShape::Circle;
    Colour colour;
    double radius_px = 5.0;   // by the smallest reported death toll (markerRadius_px)
    int deaths = 0;           // that toll; 0 for none or no figure
    double halo_px = 0.0;     // 0: the place is exact
    double opacity = 1.0;     // fades with age in window mode
    bool hollow = false;      // the date is known only to the month or year
    bool fromUser = false;    // from the user's own file, not the embedded catalogue: outlined in the layer colour
    bool highlighted = false; // the event picked (Style::highlightEventId): drawn last, with a ring
    // Where the marker would cover a crossing's icon it is drawn this far (screen pixels) from its place, clear of
    // the icon, with a leader line back to the place; {0, 0}: at its place.
    ScreenPx offset_px;
};

// Where a marker is drawn: its place on the screen, moved by its offset.
inline ScreenPx drawnAt(const Marker& m, const View& view) {
    const ScreenPx p = view.toScreen(m.at);
    return {p.x_px + m.offset_px.x_px, p.y_px + m.offset_px.y_px};
}
inline bool hasLeader(const Marker& m) { return m.offset_px.x_px != 0 || m.offset_px.y_px != 0; }

// Where more events would be on the screen than can be told apart (kMaxMarkers), they are gathered into the
// hexagonal bins of a grid fixed to the map for the zoom level: panning keeps the bins, zooming in splits them.
// A bin of one event stays a marker. The window and every export build the same bins from the same view.
struct Cluster {
    MapXY at;                  // the mean place of its events
    int count = 0;             // events (places, for an event at several)
    long long deaths = 0;      // the fewest deaths the reports support, summed
    timeline::EventKind kind{};  // the most frequent kind among them
    Colour colour;             // that kind's
    double radius_px = 0;      // grows with the count
};

// More markers than this on the screen are gathered into clusters.
inline constexpr std::size_t kMaxMarkers = 300;
// A cluster bin's size: the radius of a hexagon of the grid, in pixels at the coarsest scale of its zoom level.
inline constexpr double kClusterBin_px = 24.0;

// A cluster's count as drawn: "7", "312", "3.4k", "12k", "1.2M": at most four characters, to fit its disc.
std::string clusterCountText(int count);

// The events a date shows, each place binned into the hexagons of a zoom level's grid over the whole map; a view
// takes the bins it covers in O(rows + bins shown), so panning over a million events costs what the screen shows.
// In window mode the bins hold the window's events and are built again when the date moves (a few thousand events).
// In cumulative mode they hold every event, each bin's in order of start, and a date takes each bin's events up to
// it: moving the date costs nothing more than a frame. Built in O(n log n) when the filter or the zoom level change.
struct EventBins {
    struct Member {
        std::uint32_t event;   // index in the catalogue
        std::int32_t day;      // the first day of its start (days since 1970)
        std::int32_t deaths;   // the fewest its reports support
        float opacity;         // in window mode; 1 in cumulative mode
        timeline::EventKind kind;
        MapXY at;
    };
    struct Bin {
        std::int32_t r = 0, q = 0;           // axial coordinates of the hexagon; bins sorted by (r, q)
        std::uint32_t first = 0, count = 0;  // members[first .. first + count), in order of start
    };
    // What they were built from.
    const timeline::EventSelection* events = nullptr;
    std::size_t catalogueSize = 0;
    TimeSettings time;
    double radius_m = 0;  // the hexagons' circumradius
    bool userEvents = true;
    std::vector<Member> members;
    std::vector<Bin> bins;
};

// The circumradius of the cluster grid's hexagons for a view: kClusterBin_px at the coarsest scale of the view's
// zoom level (scales within a factor of two share a grid), times the style's scale.
double clusterRadius_m(const View& view, const Style& style);

// Bins what `events` shows on `time` (every place of every event, the user's files' only when `userEvents`).
EventBins binEvents(const ProjectedMap& map, const timeline::EventSelection& events, const TimeSettings& time,
                    double radius_m, bool userEvents);
bool binsFit(const EventBins& bins, const timeline::EventSelection& events, const TimeSettings& time, double radius_m,
             bool userEvents);
// Cumulative bins of every event (`all` binned from a selection without a filter) narrowed to what `events`, a
// selection of the same catalogue, selects: the bins binEvents would build for `events`, in one pass over the
// members rather than a new binning (a filter change at a million events: a few ms, not a tenth of a second).
EventBins narrowBins(const EventBins& all, const timeline::EventSelection& events);
// Whether narrowBins(all, events) may stand for binEvents(..., events, time, radius_m, userEvents).
bool binsNarrow(const EventBins& all, const timeline::EventSelection& events, const TimeSettings& time, double radius_m,
                bool userEvents);

struct CrossingIcon {
    std::string crossingId;
    std::string name;
    MapXY at;
    timeline::CrossingStatus status{};
    Colour colour;
    double size_px = 9.0;
    std::string since;        // "closed since 21 February 2025", "open", "state unknown since ...", ...
    // Ringed as a highlighted event is: the crossing, or one of its closures or periods of unknown state, is among
    // the style's highlighted events (a briefing's "five crossings close").
    bool highlighted = false;
    // The ring's radius around a highlighted icon (its corners, and the ring clear of them).
    double ringRadius_px(double k) const { return size_px * 1.42 + 5 * k; }
};

// User: a feature of the user's own layer, labelled with the attribute chosen for it; Measure: the distance tool's.
enum class LabelKind { Country, Province, City, Crossing, User, Measure };

struct ScreenBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const ScreenBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// A label placed on the screen, in its type: countries in large letter-spaced capitals, provinces small and italic,
// cities by rank with a dot at the place, crossings bold beside their icon in a dark shade of its state's colour. Its
// box (the text's line, 1.25 em, the baseline 0.95 em below its top) overlaps no other label's, and no crossing icon,
// marker, cluster, city dot or the Durand Line, but where a kept label (`forced`) had nowhere clear to go.
struct Label {
    std::string text;
    LabelKind kind{};
    ScreenPx anchor;      // the top-left of the text
    double size_px = 12;  // the font size
    Colour colour;
    Colour halo;
    bool upper = false;   // drawn in capitals (countries)
    ScreenBox box;
    int rank = 0;         // cities 1 (capitals) to 3, countries 1 (Afghanistan, Pakistan) or 2; else 0
    bool bold = false;
    bool italic = false;
    double letterSpacing_em = 0;  // added between letters
    double dot_px = 0;    // a city's dot at `dot`, this radius; 0: none
    ScreenPx dot;
    // A label that must be shown (a crossing, a large city) and found no clear place: it lies where it covers least,
    // over a marker, icon or the Durand Line (markers draw above it), never over another label.
    bool forced = false;
};

// A legend entry's symbol. CityDot: a city's dot of radius `width_px`; NameSample: no symbol, the text itself set in
// the type of a kind of label (`type`); SizeKey: graduated discs for `sizes`, the text their caption.
enum class LegendSymbol { Fill, Line, DashedLine, Marker, Crossing, Halo, Hollow, Cluster, CityDot, NameSample, SizeKey };

// The legend's groups, in the order drawn, each under its heading (legendHeading); a group with no entry has none.
enum class LegendGroup { Border, Crossings, Events, Places, Yours };
std::string legendHeading(LegendGroup group);

// One disc of the deaths size key: a round death toll and the radius, in pixels, of a marker reporting it.
struct SizeStep {
    int deaths = 0;
    double radius_px = 0;
    std::string text;  // "10"; the largest size "400+" where a shown marker reports more (markers stop growing there)
};

// The type a NameSample entry is set in: a label's.
struct LegendType {
    double size_px = 12;
    bool bold = false, italic = false, upper = false;
    double letterSpacing_em = 0;
};

struct LegendEntry {
    LegendSymbol symbol{};
    Colour colour;
    std::string text;
    std::vector<double> dash_px;
    MarkerShape shape = MarkerShape::Circle;
    timeline::CrossingStatus crossingStatus{};  // LegendSymbol::Crossing: which crossing symbol to draw
    double width_px = 0;  // Line and DashedLine: the sample's width, 0 for the backend's usual (3.2 or 2.4 px, scaled); CityDot: the dot's radius
    LegendGroup group = LegendGroup::Border;
    std::vector<SizeStep> sizes{};  // SizeKey: smallest first
    LegendType type{};              // NameSample
};

// The crossing icon a legend entry of LegendSymbol::Crossing shows, at a legend's size (7 px times `k`).
inline CrossingIcon legendCrossingIcon(const LegendEntry& entry, double k) {
    CrossingIcon icon;
    icon.colour = entry.colour;
    icon.size_px = 7 * k;
    icon.status = entry.crossingStatus;
    return icon;
}

struct ScaleBar {
    double length_px = 0;
    double length_km = 0;
    std::string text;  // "100 km"
    double trueAtLat_deg = 0;  // the latitude along which it was measured (the bottom of the view)
};

// Where the scale bar and the north arrow above it stand: the map's bottom left, or its bottom right where the left
// would cover more crossings, events and large cities.
enum class Corner { BottomLeft, BottomRight };

// The window's date block, top left over the map: the date in large type, the time mode and the filter under it,
// on a panel of the paper's colour. Cap tops and sizes in pixels, so that the backend draws what the scene measured.
struct DateBlockLine {
    std::string text;
    double size_px = 0, x_px = 0, capTop_px = 0;
};
struct DateBlockLayout {
    std::vector<DateBlockLine> lines;
    ScreenBox panel;
};
// One leg of the distance tool's path: the geodesic between two clicked points.
struct MeasureLeg {
    double length_m = 0;
    double bearing_deg = 0;  // the initial bearing, at the leg's start, clockwise from true north (0 to 360)
    MapLine line;            // the geodesic in map metres, densified (a point every kMeasureStep_m at most)
};
// The distance tool's path as drawn: a dark line on a light halo through every leg, a mark at each vertex, each leg's
// length and bearing at its middle, beside it, and the total beside the last vertex (from two legs on).
struct MeasurePath {
    std::vector<MapXY> vertices;
    std::vector<MeasureLeg> legs;
    double total_m = 0;
    std::vector<Label> labels;  // LabelKind::Measure, placed on the screen clear of the line and of each other
    double vertex_px = 4;       // the vertex marks' radius
    double line_px = 2;         // the dark line's width; its halo is 2.5 px wider on each side (times the scale)
    Colour ink, halo;
    bool empty() const { return vertices.empty(); }
};
// The densified legs' step: a point every 10 km keeps a 2,000 km leg within a pixel of the geodesic on any zoom
// that shows it whole.
inline constexpr double kMeasureStep_m = 10'000.0;

// "850 m", "4.3 km", "112 km", "1,204 km": metres under 1 km, a decimal under 100 km.
std::string distanceText(double metres);
// "287° WNW": the bearing rounded to a degree, with its point of the 16-point compass.
std::string bearingText(double bearing_deg);

struct Decorations {
    std::string dateText;  // "21 February 2025"
    std::string modeText;  // "events of the 30 days to this date" / "all events to this date"
    ScaleBar scale;
    Corner scaleCorner = Corner::BottomLeft;
    // The direction of north where the arrow is drawn (northArrowAt), from screen-up, clockwise: in a conic
    // projection north turns across the map.
    double northAngle_rad = 0;
    std::vector<LegendEntry> legend;
    std::string durandNote;
    std::string crsName;
    std::string dataCredit;  // where the map's data comes from: "Boundaries: Natural Earth (public domain).", and rivers' source when any show
    std::string filterText;  // the filter in use ("kinds airstrike, clash; at least 5 killed"), or empty
    // With Style::dateOnMap, the window's date block as laid out once (dateBlockLayout): the window draws it, labels
    // and the legend keep clear of its panel.
    std::optional<DateBlockLayout> dateBlock;
    // The distance tool's path (Style::measurePath) for this view; empty when there is none.
    MeasurePath measure;
};

// What can be pointed at in a scene (a marker, a crossing, a cluster), found through a grid of square cells over
// the screen: each cell lists what reaches into it, so that hover and click look at a cell's few items, not at
// every item drawn.
struct HitGrid {
    enum class Kind : std::uint8_t { Marker, Crossing, Cluster };
    struct Item {
        Kind kind{};
        std::uint32_t index = 0;  // in the scene's markers, crossings or clusters
    };
    double cell_px = 32;
    int columns = 0, rows = 0;
    std::vector<std::uint32_t> starts;  // cell c's items are items[starts[c] .. starts[c + 1])
    std::vector<Item> items;            // within a cell, in the order the scene's lists give them

    // The items whose cell holds `p` (each item once): candidates, which the caller measures.
    std::span<const Item> near(ScreenPx p) const;
};

// A point of the user's own layers, in its layer's colour and size.
struct OverlayPoint {
    MapXY at;
    Colour colour;
    double radius_px = 3.5;
};

struct DynamicScene {
    std::vector<OverlayPoint> overlayPoints;  // the points of the user's own layers that are shown
    std::vector<Marker> markers;   // oldest first, so the newest draw on top; a highlighted one last of all
    std::vector<Cluster> clusters; // drawn above the markers, crossings and labels: what happened comes first
    std::size_t eventsShown = 0;   // events (places) in view, markers and clusters together
    // Their indices in the catalogue, in no order (an event at several places once for each): an export lists their
    // sources; sorting a million of them every frame is not the viewer's business.
    std::vector<std::uint32_t> eventsInView;
    std::vector<CrossingIcon> crossings;
    std::vector<Label> labels;
    Decorations decorations;
    HitGrid hits;  // markers, crossings and clusters, by where they reach on the screen
};

// Builds `scene.hits` for a view `widthPx` by `heightPx` pixels; an item reaches `margin_px` beyond its shape.
void indexHits(DynamicScene& scene, const View& view, double margin_px);

// Measures a text's width in pixels at a font size; the backends pass their font's metrics.
using TextMeasure = std::function<double(const std::string& text, double size_px)>;

// The date block's layout for `d`'s texts at the style's scale `k`, measured with `measure`.
DateBlockLayout dateBlockLayout(const Decorations& d, const TextMeasure& measure, double k);

// The path through `points` (lon/lat) for `view`: each leg's geodesic length and bearing, its line densified, and its
// labels placed (sizes from the style's scale, widths from `measure`). A point the map CRS cannot project is left out.
MeasurePath measurePath(const ProjectedMap& map, std::span<const LonLat> points, const View& view, const Style& style,
                        const TextMeasure& measure);

// Where both backends draw the scale bar (`k`: the style's scale): the left end of its bar, at the bar's top; its
// figures above, "true at" below, the box around them 8 px beyond its ends and 40 px past its right end.
inline ScreenPx scaleBarOrigin(const View& view, double k, Corner corner, double length_px) {
    return {corner == Corner::BottomLeft ? 40 * k : view.widthPx - 48 * k - length_px - 32 * k, view.heightPx - 40 * k};
}

// The centre of the north arrow, above the scale bar's end nearer the map's edge.
inline ScreenPx northArrowAt(const View& view, double k, Corner corner) {
    return {corner == Corner::BottomLeft ? 58 * k : view.widthPx - 58 * k, view.heightPx - 110 * k};
}

// The scale bar's box as drawn, figures and "true at" included.
inline ScreenBox scaleBarBox(const View& view, double k, Corner corner, double length_px) {
    const ScreenPx o = scaleBarOrigin(view, k, corner, length_px);
    return {o.x_px - 8 * k, o.y_px - 34 * k, o.x_px + length_px + 40 * k, o.y_px + 26 * k};
}

// Where the scale bar and the north arrow stand, with room around them: labels and the window's legend keep clear.
inline ScreenBox scaleBarArea(const View& view, double k, Corner corner = Corner::BottomLeft, double length_px = 0) {
    const double w = std::max(240 * k, length_px + 100 * k);
    return corner == Corner::BottomLeft ? ScreenBox{0, view.heightPx - 150 * k, w, static_cast<double>(view.heightPx)}
                                        : ScreenBox{view.widthPx - w, view.heightPx - 150 * k, static_cast<double>(view.widthPx),
                                                    static_cast<double>(view.heightPx)};
}
inline ScreenBox scaleBarArea(const Decorations& d, const View& view, double k) {
    return scaleBarArea(view, k, d.scaleCorner, d.scale.length_px);
}

// Where the window's legend, `width_px` by `height_px`, covers least of the map: of the corners (bottom right, top
// right, bottom left, top left, in that order of preference), then places along the edges (halfway, then at a
// quarter and three quarters), `margin_px` from the edges, the first that overlaps the fewest crossings, labels,
// markers and clusters, and none of the date block (top left) or the scale bar and north arrow (bottom left), given
// `k`, the style's scale.
// `covered`, where given, counts what the box covers that a reader must not lose: crossings, markers, clusters, the
// names of crossings and of cities of rank 1 and 2 (a province's or a neighbour's name may lie under it).
// `avoid`: boxes no place may overlap (an inset, a locator, the area an inset magnifies). `dateBlock`: false for a
// page whose date is not on the map (an export's is in its title band), freeing the top left.
ScreenBox legendPlace(const DynamicScene& scene, const View& view, double width_px, double height_px, double margin_px, double k,
                      std::size_t* covered = nullptr, std::span<const ScreenBox> avoid = {}, bool dateBlock = true);

// The window's legend where the reader dropped it (`topLeft`), kept whole within the view, `margin_px` from its edges
// where the view is large enough: after a resize it stays in sight.
ScreenBox legendAt(ScreenPx topLeft, const View& view, double width_px, double height_px, double margin_px);

// A legend's text, its left end at `x_px` and its baseline at `baseline_px`, in the type given.
struct LegendText {
    std::string text;
    double x_px = 0, baseline_px = 0;
    LegendType type;
    Colour colour;
};
// The symbol of `Decorations::legend[entry]`, centred on `centre`.
struct LegendMark {
    std::size_t entry = 0;
    ScreenPx centre;
};
// A disc of the size key: a marker's size, drawn in a neutral tone.
struct LegendDisc {
    ScreenPx centre;
    double radius_px = 0;
};

struct LegendOptions {
    double k = 1;             // the scale of its type and symbols (the size key's discs keep the markers' own sizes)
    double maxWidth_px = 0;   // 0: no limit; else texts wrap and columns stay within it
    int maxColumns = 1;       // where the width allows, the groups flow into up to this many columns
    bool entries = true;      // the entries under their headings (off: the note alone)
    bool header = false;      // a title row, "Legend" and a fold mark (the window's, which folds and moves it)
    bool collapsed = false;   // with `header`: the title row alone
    std::string note;         // a paragraph under the entries (the Durand Line's), wrapped
    std::string credits;      // smaller grey lines under that
};

// A legend laid out, in pixels from its top-left corner: both backends draw the same layout from the same scene, so
// the window and the files show the same entries. Texts are measured with `measure` (bold text taken 10% wider) and
// wrapped, so none reaches past `width_px` less the padding.
struct LegendLayout {
    double width_px = 0, height_px = 0;
    ScreenBox header;  // the title row (empty without one): where the window's legend is grabbed and folded
    std::vector<LegendText> texts;
    std::vector<LegendMark> marks;
    std::vector<LegendDisc> discs;
    int columns = 1;
};
LegendLayout layOutLegend(const Decorations& decorations, const Style& style, const TextMeasure& measure, const LegendOptions& options);

// Breaks `text` into lines no wider than `width_px` at `size_px`, at spaces; a word wider than a line stands alone.
// Measures each word once and a space once, and adds them up: `measure` must not kern across spaces.
std::vector<std::string> wrapText(const std::string& text, double width_px, double size_px, const TextMeasure& measure);

// The sources of what a scene shows: each shown event's and crossing's, once, in catalogue order, leaving out the
// notes on where coordinates come from ("Coordinates: ...").
std::vector<std::string> sourcesShown(const DynamicScene& scene, const timeline::Catalogue& catalogue);

// The footer's list of sources, "Sources of the events and crossings shown: A · B · ...", wrapped as wrapText wraps
// it into at most `maxLines` lines. When they do not all fit: as many as do, then "· and N more (listed with each
// event, in its details and its file)", or "N sources (...)" alone when not even one does (which may still overflow).
// Costs measurements linear in the sources: each is measured whole once, word by word only where a line breaks in
// it, and none after the cut.
std::vector<std::string> wrapSources(const std::vector<std::string>& sources, double width_px, double size_px,
                                     std::size_t maxLines, const TextMeasure& measure);

// A measure for tests and for when no font is loaded: an average Noto Sans glyph in the region's names is 0.53 em
// wide, taken as 0.55.
double approximateTextWidth(const std::string& text, double size_px);

// The events shown are those of `events` (a catalogue through a filter); a catalogue converts to an unfiltered one.
// `bins`, when given and built for these events, time and the view's grid, saves binning them again (the viewer
// keeps them while the user pans); without, they are built here. Either way the scene is the same.
DynamicScene buildDynamicScene(const ProjectedMap& map, const timeline::EventSelection& events, const View& view,
                               const TimeSettings& time, const Style& style, const LayerSwitches& layers,
                               const TextMeasure& measure = approximateTextWidth, const EventBins* bins = nullptr);

// Labels placed for `from` where they lie in `to`: each moved with its place (its city's dot, else its box's
// centre), its size kept; for frames while the view moves, never for one that stands still.
std::vector<Label> movedLabels(const std::vector<Label>& labels, const View& from, const View& to);

// What the scale bar should read for a view: the longest round length (1, 2 or 5 times a power of ten km) no
// wider than a sixth of the screen, measured geodesically along the bottom of the screen.
ScaleBar scaleBarFor(const ProjectedMap& map, const View& view, double style_scale = 1.0);

}  // namespace bordermap::scene
