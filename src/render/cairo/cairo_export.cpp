#include "bordermap/render/cairo_export.hpp"

#include "canvas.hpp"
#include "pdf_stack.hpp"
#include "raster.hpp"
#include "svg_canvas.hpp"

#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/text/text_engine.hpp>
#include <bordermap/timeline/selection.hpp>

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <span>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace bordermap::render {

namespace {

using scene::Colour;
using scene::MarkerShape;

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

cairo_status_t writeToFile(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<AtomicFile*>(closure)->write(data, length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const Error&) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Writes a Cairo image surface as a PNG (raster.hpp).
void writeFastPng(cairo_surface_t* surface, AtomicFile& file) {
    cairo_surface_flush(surface);
    writePng(cairo_image_surface_get_data(surface), cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface),
             cairo_image_surface_get_stride(surface), file);
}

void setColour(Canvas& canvas, Colour c, double opacity = 1.0) {
    canvas.setSource(c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * opacity);
}

text::Rgba rgba(Colour c) { return {c.r, c.g, c.b, c.a}; }

// Text with a halo, its baseline at `baseline`: Pango's layout, the outline stroked in the halo colour, then the
// glyphs filled (text stays text in PDF).
void haloText(Canvas& canvas, const std::string& text, double x, double baseline, double size, Colour fill, Colour halo, double haloWidth,
              bool bold = false) {
    text::TextStyle style;
    style.size_px = size;
    style.bold = bold;
    const text::TextBox box = text::measure(text, style);
    canvas.text(text, style, x, baseline - box.baseline_px, rgba(fill), rgba(halo), haloWidth);
}

// `text` in white, bold, its logical box centred on (x, y): a crossing's "?", a cluster's count.
void centredText(Canvas& canvas, const std::string& text, double size, double x, double y) {
    text::TextStyle style;
    style.size_px = size;
    style.bold = true;
    const text::TextBox box = text::measure(text, style);
    canvas.text(text, style, x - box.width_px / 2, y - box.height_px / 2, {255, 255, 255, 255}, {}, 0);
}

// The shapes as the window's shaders draw them (shaders/marker.frag, markerDistance), at the same sizes.
void markerPath(Canvas& canvas, MarkerShape shape, double x, double y, double r) {
    const double k = std::sqrt(3.0);
    std::array<scene::ScreenPx, 12> corners;  // the most any shape has; one ring per marker
    const auto polygon = [&](std::initializer_list<std::pair<double, double>> points) {
        std::size_t n = 0;
        for (const auto& [px, py] : points) corners[n++] = {x + px, y + py};
        canvas.polyline({corners.data(), n}, true);
    };
    switch (shape) {
    case MarkerShape::Circle: canvas.circle(x, y, r); break;
    case MarkerShape::Square: canvas.rectangle(x - 0.88 * r, y - 0.88 * r, 1.76 * r, 1.76 * r); break;
    case MarkerShape::Diamond: polygon({{0, -1.1 * r}, {1.1 * r, 0}, {0, 1.1 * r}, {-1.1 * r, 0}}); break;
    case MarkerShape::Triangle: {  // side 2R, pointing down, its centroid on the point
        const double R = 1.1 * r;
        polygon({{0, 2 * R / k}, {-R, -R / k}, {R, -R / k}});
        break;
    }
    case MarkerShape::TriangleUp: {
        const double R = 1.1 * r;
        polygon({{0, -2 * R / k}, {R, R / k}, {-R, R / k}});
        break;
    }
    case MarkerShape::Hexagon: {  // flat top and bottom at the inradius
        const double h = 0.93 * r, w = h / k;
        polygon({{-w, -h}, {w, -h}, {2 * w, 0}, {w, h}, {-w, h}, {-2 * w, 0}});
        break;
    }
    case MarkerShape::Star: {  // one point up, the notches at half the points' reach
        const double outer = 1.3 * r, inner = 0.65 * r;
        for (std::size_t i = 0; i < 10; ++i) {
            const double a = -M_PI / 2 + static_cast<double>(i) * M_PI / 5, d = i % 2 == 0 ? outer : inner;
            corners[i] = {x + d * std::cos(a), y + d * std::sin(a)};
        }
        canvas.polyline({corners.data(), 10}, true);
        break;
    }
    case MarkerShape::Plus: {
        const double a = 1.15 * r, w = 0.42 * r;
        polygon({{-w, -a}, {w, -a}, {w, -w}, {a, -w}, {a, w}, {w, w}, {w, a}, {-w, a}, {-w, w}, {-a, w}, {-a, -w}, {-w, -w}});
        break;
    }
    }
}

void marker(Canvas& canvas, MarkerShape shape, double x, double y, double r, Colour fill, double fillOpacity, Colour outline,
            double outlineOpacity, double width) {
    markerPath(canvas, shape, x, y, r);
    setColour(canvas, fill, fillOpacity);
    canvas.fillPreserve();
    setColour(canvas, outline, outlineOpacity);
    canvas.setLineWidth(width);
    canvas.stroke();
}

void crossingIcon(Canvas& canvas, const scene::CrossingIcon& icon, double x, double y, double k) {
    const double h = icon.size_px;
    const bool notYet = icon.status == timeline::CrossingStatus::NotYetOpen;
    canvas.rectangle(x - h, y - h, 2 * h, 2 * h);
    setColour(canvas, notYet ? Colour{255, 255, 255, 230} : icon.colour);
    canvas.fillPreserve();
    setColour(canvas, notYet ? icon.colour : Colour{255, 255, 255, 255});
    canvas.setLineWidth(1.5 * k);
    canvas.stroke();
    canvas.setSource(1, 1, 1, 1);
    canvas.setLineWidth(2.2 * k);
    if (icon.status == timeline::CrossingStatus::Closed) {
        canvas.moveTo(x - 0.75 * h, y - 0.75 * h);
        canvas.lineTo(x + 0.75 * h, y + 0.75 * h);
        canvas.moveTo(x + 0.75 * h, y - 0.75 * h);
        canvas.lineTo(x - 0.75 * h, y + 0.75 * h);
        canvas.stroke();
    } else if (icon.status == timeline::CrossingStatus::Open) {
        canvas.moveTo(x - 0.65 * h, y);
        canvas.lineTo(x + 0.65 * h, y);
        canvas.stroke();
    } else if (icon.status == timeline::CrossingStatus::Unknown) {
        centredText(canvas, "?", 1.7 * h, x, y);
    }
}

// The current path as a dark line `width` wide on a white band `bandWidth` wide (`bandAlpha` opaque).
void strokeOnBand(Canvas& canvas, Colour ink, double width, double bandWidth, double bandAlpha) {
    canvas.setSource(1, 1, 1, bandAlpha);
    canvas.setLineWidth(bandWidth);
    canvas.strokePreserve();
    setColour(canvas, ink);
    canvas.setLineWidth(width);
    canvas.stroke();
}

// The ring around the highlighted event: dark on a white band, clear of the marker (radius r) or of a crossing's
// icon (its ring's radius given whole).
void ring(Canvas& canvas, double x, double y, double radius, Colour ink, double k) {
    canvas.circle(x, y, radius);
    strokeOnBand(canvas, ink, 2.5 * k, 5 * k, 0.9);
}

void highlightRing(Canvas& canvas, double x, double y, double r, Colour ink, double k) { ring(canvas, x, y, r * 1.3 + 5 * k, ink, k); }

// A cluster: a disc in its kind's colour with the count in white, a white ring to lift it off the map.
void cluster(Canvas& canvas, const scene::Cluster& c, double x, double y, double k) {
    canvas.circle(x, y, c.radius_px);
    setColour(canvas, c.colour, 0.88);
    canvas.fillPreserve();
    canvas.setSource(1, 1, 1, 0.95);
    canvas.setLineWidth(2.0 * k);
    canvas.stroke();
    const std::string count = scene::clusterCountText(c.count);
    centredText(canvas, count, std::max(8.0 * k, c.radius_px * (count.size() > 3 ? 0.62 : 0.8)), x, y);
}

}  // namespace

ExportFormat exportFormatFor(const std::string& path) {
    const std::string extension = toLower(std::filesystem::path(path).extension().string());
    if (extension == ".png") return ExportFormat::Png;
    if (extension == ".svg") return ExportFormat::Svg;
    if (extension == ".pdf") return ExportFormat::Pdf;
    throw UsageError("'" + path + "': the file must end in .png, .svg or .pdf");
}

void writePngRgba(const std::string& path, const unsigned char* rgba, int width, int height) {
    AtomicFile file(path);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const unsigned char* in = rgba + (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
            unsigned char* out = data + y * stride + 4 * x;  // Cairo: premultiplied BGRA in memory on little-endian
            const unsigned a = in[3];
            out[0] = static_cast<unsigned char>(in[2] * a / 255);
            out[1] = static_cast<unsigned char>(in[1] * a / 255);
            out[2] = static_cast<unsigned char>(in[0] * a / 255);
            out[3] = static_cast<unsigned char>(a);
        }
    cairo_surface_mark_dirty(surface.get());
    writeFastPng(surface.get(), file);
    file.commit();
}

double exportTextWidth(const std::string& text, double size_px) { return text::width(text, size_px); }

namespace {

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
};

// The sources' file beside a PNG: "map.png" gives "map.sources.txt".
std::string sourcesFileFor(const std::string& path) {
    std::filesystem::path p(path);
    p.replace_extension(".sources.txt");
    return p.string();
}

// A round step for degree ticks: 3 to 8 ticks across `span_deg`.
double tickStep(double span_deg) {
    for (const double step : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0})
        if (span_deg / step <= 8) return step;
    return 45.0;
}

std::string degrees(double value, bool longitude) {
    const char hemisphere = longitude ? (value < 0 ? 'W' : 'E') : (value < 0 ? 'S' : 'N');
    const double a = std::abs(value);
    return formatNumber(a, std::abs(a - std::round(a)) < 1e-9 ? 0 : 1) + "\u00b0" + hemisphere;
}

void line(Canvas& canvas, double x0, double y0, double x1, double y1) {
    canvas.moveTo(x0, y0);
    canvas.lineTo(x1, y1);
}

// The legend's symbol for an entry, centred on (sx, sy).
void legendSymbol(Canvas& canvas, const scene::LegendEntry& e, double sx, double sy, double k) {
    switch (e.symbol) {
    case scene::LegendSymbol::Line:
    case scene::LegendSymbol::DashedLine:
        line(canvas, sx - 13 * k, sy, sx + 13 * k, sy);
        setColour(canvas, e.colour);
        canvas.setLineWidth(e.width_px > 0 ? e.width_px : (e.symbol == scene::LegendSymbol::Line ? 3.2 : 2.4) * k);
        if (!e.dash_px.empty()) canvas.setDash(e.dash_px);
        canvas.stroke();
        canvas.setDash({});
        break;
    case scene::LegendSymbol::Crossing: crossingIcon(canvas, scene::legendCrossingIcon(e, k), sx, sy, k); break;
    case scene::LegendSymbol::Marker: marker(canvas, e.shape, sx, sy, 6.5 * k, e.colour, 1, Colour{255, 255, 255, 255}, 1, 1.2 * k); break;
    case scene::LegendSymbol::Halo:
        marker(canvas, MarkerShape::Circle, sx, sy, 10 * k, Colour{80, 80, 80, 255}, 0.1, Colour{80, 80, 80, 255}, 0.6, 1.2 * k);
        marker(canvas, MarkerShape::Circle, sx, sy, 4 * k, Colour{80, 80, 80, 255}, 1, Colour{255, 255, 255, 255}, 1, k);
        break;
    case scene::LegendSymbol::Hollow: marker(canvas, MarkerShape::Circle, sx, sy, 6 * k, Colour{255, 255, 255, 255}, 1, e.colour, 1, 2.2 * k); break;
    case scene::LegendSymbol::Cluster: {
        scene::Cluster sample;
        sample.count = 12;
        sample.colour = e.colour;
        sample.radius_px = 8.5 * k;
        cluster(canvas, sample, sx, sy, k);
        break;
    }
    case scene::LegendSymbol::CityDot:  // as on the map: dark, with a white ring
        marker(canvas, MarkerShape::Circle, sx, sy, e.width_px, e.colour, 1, Colour{255, 255, 255, 255}, 0.9, 1.2 * k);
        break;
    case scene::LegendSymbol::Fill:
    case scene::LegendSymbol::NameSample:  // the text alone, in its type
    case scene::LegendSymbol::SizeKey: break;  // discs of their own (drawLegend)
    }
}

// The legend's natural size, unscaled, and how it was laid out: its entries under their headings (in up to
// `maxColumns` columns where `maxWidth` has room for them side by side), then the Durand Line note.
struct LegendLayout {
    double width = 0, height = 0;
    double maxWidth = 0;
    int maxColumns = 1;
};

scene::LegendLayout legendFor(const scene::DynamicScene& d, const ExportDecorations& show, double maxWidth, int maxColumns, Colour ink,
                              double k) {
    scene::LegendOptions options;
    options.k = k;
    options.maxWidth_px = maxWidth;
    options.maxColumns = maxColumns;
    options.entries = show.legend;
    if (show.durandNote) options.note = d.decorations.durandNote;
    scene::Style style;
    style.text = ink;
    return scene::layOutLegend(d.decorations, style, exportTextWidth, options);
}

LegendLayout layOutLegend(const scene::DynamicScene& d, const ExportDecorations& show, double maxWidth, double k, int maxColumns = 1) {
    const scene::LegendLayout laid = legendFor(d, show, maxWidth, maxColumns, Colour{}, k);
    return {laid.width_px, laid.height_px, maxWidth, maxColumns};
}

void drawLegend(Canvas& canvas, const scene::DynamicScene& d, const ExportDecorations& show, const LegendLayout& sized, Box box,
                Colour ink, double k) {
    // Laid out again for the scene drawn (the page was sized on a first guess at the frame), and scaled down, whole,
    // where the box is smaller than the legend.
    const scene::LegendLayout layout = legendFor(d, show, sized.maxWidth, sized.maxColumns, ink, k);
    const double fit = std::min({1.0, box.w / layout.width_px, box.h / layout.height_px});
    canvas.save();
    canvas.translate(box.x, box.y);
    canvas.scale(fit);
    canvas.rectangle(0, 0, layout.width_px, layout.height_px);
    canvas.setSource(1, 1, 1, 1);
    canvas.fillPreserve();
    canvas.setSource(0.55, 0.55, 0.55, 1);
    canvas.setLineWidth(1);
    canvas.stroke();
    for (const scene::LegendMark& m : layout.marks) legendSymbol(canvas, d.decorations.legend[m.entry], m.centre.x_px, m.centre.y_px, k);
    for (const scene::LegendDisc& disc : layout.discs)  // the size key's discs, largest first, in a neutral tone
        marker(canvas, MarkerShape::Circle, disc.centre.x_px, disc.centre.y_px, disc.radius_px, Colour{128, 128, 128, 255}, 0.45,
               Colour{60, 60, 60, 255}, 1, 1.0 * k);
    for (const scene::LegendText& t : layout.texts) {
        text::TextStyle type;
        type.size_px = t.type.size_px;
        type.bold = t.type.bold;
        type.italic = t.type.italic;
        type.letterSpacing_em = t.type.letterSpacing_em;
        const double baseline = text::measure(t.text, type).baseline_px;
        canvas.text(t.text, type, t.x_px, t.baseline_px - baseline, rgba(t.colour), {}, 0);
    }
    canvas.restore();
}

// The scale bar: alternate black and white halves on a white ground, ticks at 0, the half and the end with their
// lengths, and the latitude along which it is true.
void drawScaleBar(Canvas& canvas, const scene::ScaleBar& bar, double x0, double yb, Colour ink, Colour paper, double k) {
    const double h = 6 * k, size = 11.5 * k;
    const std::string half = formatNumber(bar.length_km / 2, bar.length_km / 2 < 1 ? 1 : (std::fmod(bar.length_km, 2) == 0 ? 0 : 1));
    const std::string trueAt = "true at " + degrees(std::round(bar.trueAtLat_deg * 10) / 10, false);
    const double labelsW = std::max(text::width(bar.text, size), text::width(trueAt, size * 0.85));
    setColour(canvas, paper, 0.85);
    canvas.rectangle(x0 - 8 * k, yb - 2.2 * size - 4 * k, bar.length_px + labelsW / 2 + 16 * k, h + 2.2 * size + 1.4 * size + 8 * k);
    canvas.fill();
    for (int i = 0; i < 2; ++i) {
        canvas.rectangle(x0 + i * bar.length_px / 2, yb, bar.length_px / 2, h);
        setColour(canvas, i == 0 ? ink : Colour{255, 255, 255, 255});
        canvas.fillPreserve();
        setColour(canvas, ink);
        canvas.setLineWidth(0.8 * k);
        canvas.stroke();
    }
    // The half's figure only where it stays clear of the others.
    const bool halfFits = bar.length_px / 2 > text::width(half, size) / 2 + text::width(bar.text, size) / 2 + 6 * k;
    for (const auto& [at, label] : {std::pair{0.0, std::string("0")}, std::pair{0.5, half}, std::pair{1.0, bar.text}}) {
        if (at == 0.5 && !halfFits) continue;
        const double x = x0 + at * bar.length_px;
        line(canvas, x, yb - 3 * k, x, yb);
        setColour(canvas, ink);
        canvas.setLineWidth(0.8 * k);
        canvas.stroke();
        haloText(canvas, label, x - text::width(label, size) / 2, yb - 5 * k, size, ink, Colour{}, 0);
    }
    haloText(canvas, trueAt, x0, yb + h + size * 1.05, size * 0.85, ink, Colour{}, 0);
}

void drawNorthArrow(Canvas& canvas, double cx, double cy, double angle, Colour ink, Colour paper, double k) {
    canvas.save();
    canvas.translate(cx, cy);
    canvas.rotate(angle);
    canvas.moveTo(0, -22 * k);
    canvas.lineTo(9 * k, 12 * k);
    canvas.lineTo(0, 5 * k);
    canvas.lineTo(-9 * k, 12 * k);
    canvas.closePath();
    setColour(canvas, ink);
    canvas.fillPreserve();
    setColour(canvas, paper);
    canvas.setLineWidth(1.6 * k);
    canvas.stroke();
    text::TextStyle n;
    n.size_px = 14 * k;
    n.bold = true;
    const text::TextBox box = text::measure("N", n);
    canvas.text("N", n, -box.width_px / 2, -22 * k - box.height_px - 1 * k, rgba(ink), rgba(paper), 2.5 * k);
    canvas.restore();
}

// Degree ticks on the frame: longitudes along the bottom edge, latitudes along the left, where the graticule's round
// values cross them, with their labels outside.
void drawDegreeTicks(Canvas& canvas, const scene::ProjectedMap& map, const scene::View& view, Box frame, Colour ink, double k) {
    const double size = 9.5 * k, tick = 4 * k;
    const auto lonLatAt = [&](double x, double y) { return map.projection.inverse(view.toMap({x, y})); };
    const auto crossings = [&](bool bottom) {
        // Sample the edge; where the value passes a multiple of the step, interpolate.
        const int samples = 200;
        const double length = bottom ? frame.w : frame.h;
        std::vector<std::pair<double, double>> values;  // (position along the edge, value)
        for (int i = 0; i <= samples; ++i) {
            const double t = length * i / samples;
            const LonLat p = bottom ? lonLatAt(t, frame.h) : lonLatAt(0, frame.h - t);
            if (std::isfinite(p.lon_deg)) values.push_back({t, bottom ? p.lon_deg : p.lat_deg});
        }
        std::vector<std::pair<double, double>> out;
        if (values.size() < 2) return out;
        const double span = std::abs(values.back().second - values.front().second);
        const double step = tickStep(span);
        for (std::size_t i = 1; i < values.size(); ++i) {
            const auto [t0, v0] = values[i - 1];
            const auto [t1, v1] = values[i];
            for (double m = std::ceil(std::min(v0, v1) / step) * step; m <= std::max(v0, v1); m += step)
                if (m != std::max(v0, v1) || i + 1 == values.size())
                    out.push_back({v1 == v0 ? t0 : t0 + (t1 - t0) * (m - v0) / (v1 - v0), m});
        }
        return out;
    };
    setColour(canvas, ink);
    canvas.setLineWidth(0.8 * k);
    for (const auto& [t, lon] : crossings(true)) {
        const double x = frame.x + t, y = frame.y + frame.h;
        line(canvas, x, y, x, y + tick);
        canvas.stroke();
        const std::string label = degrees(lon, true);
        haloText(canvas, label, x - text::width(label, size) / 2, y + tick + size * 1.05, size, ink, Colour{}, 0);
    }
    for (const auto& [t, lat] : crossings(false)) {
        const double x = frame.x, y = frame.y + frame.h - t;
        line(canvas, x - tick, y, x, y);
        setColour(canvas, ink);
        canvas.stroke();
        const std::string label = degrees(lat, false);
        canvas.save();
        canvas.translate(x - tick - 2 * k, y + text::width(label, size) / 2);
        canvas.rotate(-M_PI / 2);
        haloText(canvas, label, 0, 0, size, ink, Colour{}, 0);
        canvas.restore();
    }
}

// From here on, drawing in `box` (page pixels) is in the box's own pixels, clipped to it.
void enterBox(Canvas& canvas, Box box) {
    canvas.translate(box.x, box.y);
    canvas.rectangle(0, 0, box.w, box.h);
    canvas.clip();
}

// The base map `base` for `view`, in the view's pixels: its background (unless transparent, as a part of a base map
// cut for threads has), fills and strokes.
void drawBaseMap(Canvas& canvas, const scene::View& view, const scene::StaticScene& base) {
    if (base.background.a > 0) {
        setColour(canvas, base.background);
        canvas.paint();
    }
    // Each line and ring goes to the canvas whole, in the frame's pixels.
    std::vector<scene::ScreenPx> screen;
    const auto onScreen = [&](const scene::MapLine& mapLine) {
        screen.resize(mapLine.size());
        for (std::size_t i = 0; i < mapLine.size(); ++i) screen[i] = view.toScreen(mapLine[i]);
        return std::span<const scene::ScreenPx>(screen);
    };
    canvas.setFillRule(FillRule::EvenOdd);
    for (const scene::FillBatch& f : base.fills) {
        for (const scene::MapLine& ring : f.rings) canvas.polyline(onScreen(ring), true);
        setColour(canvas, f.colour);
        canvas.fill();
    }
    for (const scene::StrokeBatch& st : base.strokes) {
        for (const scene::MapLine& l : st.lines) canvas.polyline(onScreen(l), false);
        setColour(canvas, st.colour);
        canvas.setLineWidth(st.width_px);
        // A join's shape shows only on a line wider than about two pixels; Cairo builds a round one of many edges,
        // a miter (bevelled past Cairo's limit of 10) of two.
        canvas.setLineJoin(st.width_px > 2.0 ? LineJoin::Round : LineJoin::Miter);
        if (!st.dash_px.empty()) canvas.setDash(st.dash_px);
        canvas.stroke();
        canvas.setDash({});
    }
}

// The map for `view` in `box` (page pixels, the view's size), clipped to it: the base map `base` (none where it is
// drawn apart, under this page), the outline of the area an inset magnifies (`insetArea`, in the view's pixels, where
// there is one: under the labels, whose halos break it), then `dynamic` (overlay points, halos, crossings, labels,
// markers with their leaders, clusters), then, where asked, the scale bar and the north arrow in the corner the
// scene chose. The main map, the inset and the locator are all drawn here.
void drawMapPanel(Canvas& canvas, Box box, const scene::View& view, const scene::StaticScene* base, const scene::DynamicScene& dynamic,
                  const scene::Style& style, double k, bool scaleBar, bool north, std::optional<scene::ScreenBox> insetArea = std::nullopt) {
    const Colour ink = style.text, paper = style.textHalo;
    canvas.save();
    enterBox(canvas, box);
    if (base) drawBaseMap(canvas, view, *base);

    if (insetArea) {
        canvas.rectangle(insetArea->x0, insetArea->y0, insetArea->x1 - insetArea->x0, insetArea->y1 - insetArea->y0);
        strokeOnBand(canvas, ink, 1.3 * k, 3.2 * k, 0.85);
    }

    const auto at = [&](MapXY p) { return view.toScreen(p); };
    for (const scene::OverlayPoint& p : dynamic.overlayPoints)
        marker(canvas, MarkerShape::Circle, at(p.at).x_px, at(p.at).y_px, p.radius_px, p.colour, 1, Colour{255, 255, 255, 255}, 1, k);
    for (const scene::Marker& m : dynamic.markers)
        if (m.halo_px > 0) marker(canvas, MarkerShape::Circle, at(m.at).x_px, at(m.at).y_px, m.halo_px, m.colour, 0.10 * m.opacity, m.colour, 0.55 * m.opacity, 1.2 * k);
    for (const scene::CrossingIcon& c : dynamic.crossings) crossingIcon(canvas, c, at(c.at).x_px, at(c.at).y_px, k);
    for (const scene::Label& l : dynamic.labels) {
        if (l.dot_px > 0) {  // a city's dot: dark, with a white ring
            canvas.circle(l.dot.x_px, l.dot.y_px, l.dot_px);
            setColour(canvas, l.colour);
            canvas.fillPreserve();
            canvas.setSource(1, 1, 1, 0.9);
            canvas.setLineWidth(1.2 * k);
            canvas.stroke();
        }
        text::TextStyle type;
        type.size_px = l.size_px;
        type.bold = l.bold;
        type.italic = l.italic;
        type.letterSpacing_em = l.letterSpacing_em;
        const double baseline = text::measure(l.text, type).baseline_px;
        canvas.text(l.text, type, l.anchor.x_px, l.anchor.y_px + l.size_px * 0.95 - baseline, rgba(l.colour), rgba(l.halo), 2.2 * k);
    }
    // What happened above the base map, crossing icons and labels: markers (one moved off a crossing's icon with a
    // leader line back to its place, ending in a dot), then clusters.
    for (const scene::Marker& m : dynamic.markers) {
        if (!scene::hasLeader(m)) continue;
        const scene::ScreenPx from = at(m.at), to = scene::drawnAt(m, view);
        line(canvas, from.x_px, from.y_px, to.x_px, to.y_px);
        setColour(canvas, ink, m.opacity);
        canvas.setLineWidth(1.0 * k);
        canvas.stroke();
        marker(canvas, MarkerShape::Circle, from.x_px, from.y_px, 1.8 * k, ink, m.opacity, Colour{255, 255, 255, 255}, m.opacity, 0.8 * k);
    }
    for (const scene::Marker& m : dynamic.markers) {
        const Colour outline = m.fromUser ? style.overlay : m.hollow ? m.colour : Colour{255, 255, 255, 230};
        const scene::ScreenPx p = scene::drawnAt(m, view);
        marker(canvas, m.shape, p.x_px, p.y_px, m.radius_px, m.hollow ? Colour{255, 255, 255, 200} : m.colour,
               m.hollow ? m.opacity : 0.9 * m.opacity, outline, m.opacity, (m.hollow || m.fromUser ? 2.5 : 1.3) * k);
    }
    for (const scene::Marker& m : dynamic.markers)
        if (m.highlighted) highlightRing(canvas, scene::drawnAt(m, view).x_px, scene::drawnAt(m, view).y_px, m.radius_px, ink, k);
    for (const scene::CrossingIcon& icon : dynamic.crossings)  // a highlighted closure rings its crossing
        if (icon.highlighted) ring(canvas, at(icon.at).x_px, at(icon.at).y_px, icon.ringRadius_px(k), ink, k);
    for (const scene::Cluster& c : dynamic.clusters) cluster(canvas, c, at(c.at).x_px, at(c.at).y_px, k);
    // The distance tool's path above it all, as the window draws it: a dark line on a light band, a mark at each
    // vertex, the lengths and bearings in bold on a halo.
    const scene::MeasurePath& path = dynamic.decorations.measure;
    if (!path.empty()) {
        std::vector<scene::ScreenPx> line;
        for (const auto& [colour, width] : {std::pair{path.halo, path.line_px + 5 * k}, std::pair{path.ink, path.line_px}}) {
            for (const scene::MeasureLeg& leg : path.legs) {
                line.clear();
                for (const MapXY& p : leg.line) line.push_back(at(p));
                canvas.polyline(line, false);
            }
            setColour(canvas, colour);
            canvas.setLineWidth(width);
            canvas.setLineJoin(LineJoin::Round);
            canvas.stroke();
        }
        for (const MapXY& v : path.vertices) marker(canvas, MarkerShape::Circle, at(v).x_px, at(v).y_px, path.vertex_px, path.ink, 1, path.halo, 1, 2.0 * k);
        for (const scene::Label& l : path.labels) {
            text::TextStyle type;
            type.size_px = l.size_px;
            type.bold = l.bold;
            const double baseline = text::measure(l.text, type).baseline_px;
            canvas.text(l.text, type, l.anchor.x_px, l.anchor.y_px + l.size_px * 0.95 - baseline, rgba(l.colour), rgba(l.halo), 3.0 * k);
        }
    }

    // On the map, bottom left: the scale bar, and the north arrow above it, turned to north where it stands.
    const scene::ScaleBar& bar = dynamic.decorations.scale;
    const scene::ScreenPx barAt = scene::scaleBarOrigin(view, k, dynamic.decorations.scaleCorner, bar.length_px);
    const scene::ScreenPx arrowAt = scene::northArrowAt(view, k, dynamic.decorations.scaleCorner);
    if (scaleBar && bar.length_px > 0) drawScaleBar(canvas, bar, barAt.x_px, barAt.y_px, ink, paper, k);
    if (north) drawNorthArrow(canvas, arrowAt.x_px, arrowAt.y_px, dynamic.decorations.northAngle_rad, ink, paper, k);
    canvas.restore();
}

// The locator: the region and its neighbours small, in `box` (page pixels), framed, with `shown` (the main map's
// extent, map metres) as a red box, never smaller than a few pixels, so a map of one valley still finds its place.
void drawLocator(Canvas& canvas, const scene::ProjectedMap& map, const scene::Style& style, Box box, const MapBox& shown, double k) {
    const scene::View view = scene::fitView(scene::locatorExtent(map), std::max(16, static_cast<int>(std::lround(box.w))),
                                            std::max(16, static_cast<int>(std::lround(box.h))), 0.0);
    scene::LayerSwitches layers;
    layers.graticule = layers.provinces = layers.rivers = false;  // the countries alone: a locator is read at a glance
    const scene::StaticScene base = scene::buildStaticScene(map, style, layers, view.metresPerPixel * 0.5);
    drawMapPanel(canvas, box, view, &base, scene::DynamicScene{}, style, k, false, false);
    scene::ScreenBox extent = scene::screenBoxOf(view, shown);
    const double least = 5 * k;  // a smaller box would vanish under its own line
    for (auto [lo, hi] : {std::pair{&extent.x0, &extent.x1}, std::pair{&extent.y0, &extent.y1}})
        if (*hi - *lo < least) {
            const double mid = (*lo + *hi) / 2;
            *lo = mid - least / 2;
            *hi = mid + least / 2;
        }
    canvas.save();
    canvas.rectangle(box.x, box.y, box.w, box.h);
    canvas.clip();
    canvas.rectangle(box.x + extent.x0, box.y + extent.y0, extent.x1 - extent.x0, extent.y1 - extent.y0);
    canvas.setSource(1, 1, 1, 0.9);
    canvas.setLineWidth(3.5 * k);
    canvas.strokePreserve();
    canvas.setSource(0.85, 0.1, 0.1, 1);
    canvas.setLineWidth(1.6 * k);
    canvas.stroke();
    canvas.restore();
    canvas.rectangle(box.x, box.y, box.w, box.h);
    setColour(canvas, style.text);
    canvas.setLineWidth(1.0 * k);
    canvas.stroke();
}

// The inset: `area` magnified in `box` (page pixels), its name in a band `captionH` high at the top, the map below at
// its own scale with its own labels (placed by the label engine for the inset's view), its scale bar in a band
// `footerH` high under the map (0: none), where it covers nothing of the small map, framed. (The main map outlines
// the area: drawMapPanel.)
void drawInset(Canvas& canvas, const ExportScene& in, const scene::InsetArea& area, Box box, double captionH, double footerH,
               const scene::Style& style, double k) {
    const Colour ink = style.text;
    const Box mapBox{box.x, box.y + captionH, box.w, box.h - captionH - footerH};
    // A little room around the area, so that a crossing on its edge keeps its name inside the box.
    const scene::View view = scene::fitView(scene::areaBox(in.map, area.box), std::max(16, static_cast<int>(std::lround(mapBox.w))),
                                            std::max(16, static_cast<int>(std::lround(mapBox.h))), 8 * k);
    scene::Style insetStyle = style;
    insetStyle.insetArea.reset();  // the outline is the main map's
    insetStyle.measurePath.clear();  // and so is the distance tool's path
    const scene::DynamicScene dynamic = scene::buildDynamicScene(in.map, in.events, view, in.time, insetStyle, in.layers, exportTextWidth);
    const scene::StaticScene base = scene::buildStaticScene(in.map, style, in.layers, view.metresPerPixel * 0.5);
    // A white mat a few pixels wide lifts the box off the map under it.
    canvas.rectangle(box.x - 3 * k, box.y - 3 * k, box.w + 6 * k, box.h + 6 * k);
    canvas.setSource(1, 1, 1, 1);
    canvas.fill();
    drawMapPanel(canvas, mapBox, view, &base, dynamic, style, k, false, false);
    const scene::ScaleBar& bar = dynamic.decorations.scale;
    if (footerH > 0) {
        line(canvas, box.x, mapBox.y + mapBox.h, box.x + box.w, mapBox.y + mapBox.h);
        setColour(canvas, ink);
        canvas.setLineWidth(0.8 * k);
        canvas.stroke();
        if (bar.length_px > 0) drawScaleBar(canvas, bar, box.x + 12 * k, mapBox.y + mapBox.h + 19 * k, ink, style.textHalo, k);
    }
    const double size = 11.5 * k;
    text::TextStyle bold;
    bold.size_px = size;
    bold.bold = true;
    const std::string caption = "Inset: " + area.name;
    if (const double w = text::measure(caption, bold).width_px; w > box.w - 12 * k) bold.size_px *= std::max(0.5, (box.w - 12 * k) / w);
    canvas.text(caption, bold, box.x + 6 * k, box.y + (captionH - text::measure(caption, bold).height_px) / 2, rgba(ink), {}, 0);
    line(canvas, box.x, box.y + captionH, box.x + box.w, box.y + captionH);
    setColour(canvas, ink);
    canvas.setLineWidth(0.8 * k);
    canvas.stroke();
    canvas.rectangle(box.x, box.y, box.w, box.h);
    canvas.setLineWidth(1.3 * k);
    canvas.stroke();
}

// `lines` with any line wider than `width` (an address has no space to break at) cut where it must, between
// characters; measured as they were wrapped (an italic line is narrower than the same in regular type).
std::vector<std::string> cutToWidth(const std::vector<std::string>& lines, double width, double size,
                                    const scene::TextMeasure& measure = exportTextWidth) {
    std::vector<std::string> out;
    for (std::string rest : lines) {
        while (measure(rest, size) > width) {
            // The longest prefix that fits, at a character's first byte; at least one character.
            std::size_t low = 1, high = rest.size();
            while (low < high) {
                const std::size_t mid = (low + high + 1) / 2;
                if (measure(rest.substr(0, mid), size) <= width) low = mid;
                else high = mid - 1;
            }
            while (low > 1 && low < rest.size() && (static_cast<unsigned char>(rest[low]) & 0xC0) == 0x80) --low;
            out.push_back(rest.substr(0, low));
            rest.erase(0, low);
        }
        out.push_back(rest);
    }
    return out;
}

// The numbered list of sources, one a line (with its number), as the sources file and the PDF's pages give it.
// The line under the date: the mode, and the filter in use.
std::string modeLine(const scene::DynamicScene& d) {
    return d.decorations.modeText + (d.decorations.filterText.empty() ? "" : "; filter: " + d.decorations.filterText);
}

std::vector<std::string> numberedSources(const std::vector<std::string>& sources) {
    std::vector<std::string> out;
    out.reserve(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) out.push_back(std::to_string(i + 1) + ". " + sources[i]);
    return out;
}

// Part of a base map (splitStaticScene) in `frame`, alone on a PDF page of W x H output pixels at `points` a pixel,
// as Cairo writes the file; the first part paints the page white first. Run on a thread of its own: it draws no
// text, so nothing in it is shared with other threads but Cairo's own locked caches.
std::string basePartPdf(const scene::StaticScene& part, bool first, double W, double H, double points, Box frame, const scene::View& view) {
    std::string bytes;
    const SurfacePtr surface(cairo_pdf_surface_create_for_stream(appendToString, &bytes, W * points, H * points));
    {
        const ContextPtr context(cairo_create(surface.get()));
        cairo_scale(context.get(), points, points);
        CairoCanvas canvas(context.get());
        if (first) {
            setColour(canvas, Colour{255, 255, 255, 255});
            canvas.paint();
        }
        enterBox(canvas, frame);
        drawBaseMap(canvas, view, part);
        canvas.showPage();
        if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS)
            throw OperationError({}, std::string("Cairo could not draw the map: ") + cairo_status_to_string(cairo_status(context.get())));
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({}, std::string("Cairo could not write the map: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    return bytes;
}

// What a FrameRenderer keeps from one frame to the next: the image surface, and the base map built for a view's
// scale (the map, style and layers stay the same from frame to frame).
struct PageMemory {
    SurfacePtr surface;
    std::optional<scene::StaticScene> base;
    double baseTolerance_m = 0;
};

void checkTitles(const ExportOptions& o) {
    // Cairo stops drawing at the first text that is not UTF-8 and leaves the rest of the page blank.
    for (const auto& [field, value] : {std::pair{"title", &o.title}, std::pair{"subtitle", &o.subtitle}})
        if (const auto defect = textDefect(*value)) throw InputError({{}, {}, {}, field}, *defect);
}

// Draws the page: into `file` (named `path`) in `format`, or, with `memory` and no file, into memory->surface as a
// PNG's pixels, reusing what memory holds from the frame before.
void drawPage(const std::string& path, const ExportScene& in, const ExportOptions& o, ExportFormat format, AtomicFile* file,
              PageMemory* memory) {
    const double k = in.style.scale * o.dpi / 96.0;  // every size scales with the DPI
    scene::Style style = in.style;
    style.scale = k;
    // A page too small for the title band, legend and credits around a map of at least a third of it (a thumbnail,
    // a frame of a small animation) gets the map alone, with the scale bar and north arrow where they fit.
    const bool bare = o.width_px < 480 * k || o.height_px < 320 * k;
    ExportDecorations show = o.decorations;
    if (bare) show.title = show.date = show.legend = show.durandNote = show.sources = show.attribution = false;
    if (!bare && o.inset) style.insetArea = o.inset->box;  // outlined on the map: labels keep off its edges
    const Colour ink = style.text;
    const double margin = bare ? 0 : o.margin_px >= 0 ? o.margin_px : 14 * k, gap = 10 * k;

    // The title band: the title and subtitle on the left, the date and the mode on the right.
    // On a page too narrow for both side by side (see below) the date and mode go under the title, and a title wider
    // than the page is set smaller, to 0.6 of its size.
    double titleSize = 21 * k;
    const double subtitleSize = 13.5 * k, dateSize = 24 * k, modeSize = 12 * k;
    const bool titled = show.title && !o.title.empty();
    double leftH = 0, rightH = 0;
    if (titled) leftH = titleSize * 1.25 + (o.subtitle.empty() ? 0 : subtitleSize * 1.35);
    if (show.date) rightH = dateSize * 1.2 + modeSize * 1.35;
    double bandH = std::max(leftH, rightH) > 0 ? std::max(leftH, rightH) + 6 * k : 0;
    bool dateUnderTitle = false;

    // The page's map frame and the legend's box, given the page; the map is drawn inside the frame, everything else
    // around it. With mapSizeExact the frame is the size asked for (the screen's map) and the page grows around it.
    const double tickRoom = bare ? 0 : 16 * k;  // degree labels below and left of the frame
    const double creditSize = 10 * k;
    const bool credits = show.sources || show.attribution;
    const double footerH = credits ? 2 * creditSize * 1.35 + 4 * k : 0;
    const bool legendShown = show.legend || show.durandNote;
    const auto frameFor = [&](double W, double H, bool beside, double legendW, double legendH) {
        Box f;
        f.x = margin + tickRoom;
        f.y = margin + bandH + (bandH > 0 ? 4 * k : 0);
        f.w = W - f.x - margin - (legendShown && beside ? legendW + gap : 0);
        f.h = H - f.y - margin - footerH - tickRoom - (legendShown && !beside ? legendH + gap : 0);
        return f;
    };

    // The scene, fitted in the frame; built twice: the legend's entries depend on what the frame shows, and the
    // frame on the legend's size. The events are binned once for both (the frame rarely moves to another zoom level).
    scene::EventBins bins;
    const auto buildScene = [&](Box frame) {
        const int fw = std::max(16, static_cast<int>(std::lround(frame.w))), fh = std::max(16, static_cast<int>(std::lround(frame.h)));
        scene::View view = scene::fitView(in.extent, fw, fh, o.mapSizeExact ? 0.0 : 8.0 * k);
        const double radius_m = scene::clusterRadius_m(view, style);
        if (!scene::binsFit(bins, in.events, in.time, radius_m, in.layers.userEvents))
            bins = scene::binEvents(in.map, in.events, in.time, radius_m, in.layers.userEvents);
        scene::DynamicScene dynamic =
            scene::buildDynamicScene(in.map, in.events, view, in.time, style, in.layers, exportTextWidth, &bins);
        return std::pair<scene::View, scene::DynamicScene>{view, std::move(dynamic)};
    };
    double W = o.width_px, H = o.height_px;
    if (o.paperWidth_mm > 0 && o.paperHeight_mm > 0 && format != ExportFormat::Png) {
        W = o.paperWidth_mm / 25.4 * o.dpi;
        H = o.paperHeight_mm / 25.4 * o.dpi;
    }
    // Landscape pages put the legend beside the map, portrait ones under it.
    const bool beside = W >= 1.1 * H || o.mapSizeExact;
    const double maxLegendW = beside ? std::max(200 * k, W * 0.3) : W - 2 * margin;
    const auto legendRoom = [&](const LegendLayout& l) { return std::min(l.width, maxLegendW); };
    scene::View view;
    scene::DynamicScene dynamic;
    LegendLayout legend;
    {
        Box guess = frameFor(W, H, beside, 260 * k, 150 * k);
        if (o.mapSizeExact) guess = {0, 0, W, H};
        std::tie(view, dynamic) = buildScene(guess);
        legend = layOutLegend(dynamic, show, maxLegendW, k, beside ? 1 : 3);  // under the map: in columns
    }
    if (titled || show.date) {
        const double across = (o.mapSizeExact ? W + 2 * margin + tickRoom : W) - 2 * margin;
        text::TextStyle bold;
        bold.size_px = titleSize;
        bold.bold = true;
        const double titleW = titled ? text::measure(o.title, bold).width_px : 0;
        if (titleW > across) titleSize *= std::max(0.6, across / titleW);
        const double leftW = titled ? std::max(titleW * titleSize / (21 * k), o.subtitle.empty() ? 0 : text::width(o.subtitle, subtitleSize)) : 0;
        const double rightW = show.date ? std::max(text::width(dynamic.decorations.dateText, dateSize), text::width(modeLine(dynamic), modeSize)) : 0;
        if (titled) leftH = titleSize * 1.25 + (o.subtitle.empty() ? 0 : subtitleSize * 1.35);
        dateUnderTitle = titled && show.date && leftW + 24 * k + rightW > across;
        bandH = (dateUnderTitle ? leftH + rightH : std::max(leftH, rightH)) + 6 * k;
    }
    Box frame;
    if (o.mapSizeExact) {
        frame.w = W;
        frame.h = H;
        W = frame.w + 2 * margin + tickRoom + (legendShown ? legend.width + gap : 0);  // room for it all, unscaled
        H = frame.h + 2 * margin + bandH + (bandH > 0 ? 4 * k : 0) + footerH + tickRoom;
        if (legendShown) H = std::max(H, margin * 2 + bandH + legend.height + footerH);
        frame.x = margin + tickRoom;
        frame.y = margin + bandH + (bandH > 0 ? 4 * k : 0);
    } else {
        frame = frameFor(W, H, beside, legendRoom(legend), legend.height * legendRoom(legend) / legend.width);
    }
    std::tie(view, dynamic) = buildScene(frame);
    const double mapW = frame.w, mapH = frame.h;

    // The sources of what is shown, numbered: beside a PNG in NAME.sources.txt, on the PDF's next pages, in the SVG's
    // metadata; the page itself names where they are in its credit line.
    const std::vector<std::string> sources =
        show.sources ? numberedSources(scene::sourcesShown(dynamic, in.events.catalogue())) : std::vector<std::string>{};
    const std::string sourcesFile = sourcesFileFor(path);
    const bool sourcesBeside = show.sources && format == ExportFormat::Png && o.sourcesFile;
    std::string creditText;
    if (show.sources) {
        const std::string where = format == ExportFormat::Pdf ? "on the next page" + std::string(sources.size() > 40 ? "s" : "")
                                  : format == ExportFormat::Svg ? "in this file's metadata"
                                  : sourcesBeside ? "in the .sources.txt file of the same name"
                                                  : "with each event, in its details and its file";
        creditText = sources.empty() ? "Sources: no event is shown. "
                                     : "Sources: the " + std::to_string(sources.size()) + " cited for what is shown are listed " + where + ". ";
    }
    if (show.attribution) {
        creditText += dynamic.decorations.dataCredit + " Map: " + in.map.projection.name() + ".";
        if (in.events.catalogue().asOf) creditText += " Events as of " + in.events.catalogue().asOf->display() + ".";
    }
    std::vector<std::string> creditLines = credits ? scene::wrapText(creditText, W - 2 * margin, creditSize, exportTextWidth) : std::vector<std::string>{};
    if (creditLines.size() > 2) {  // two lines at most: the second ends where it must
        creditLines.resize(2);
        while (!creditLines[1].empty() && text::width(creditLines[1] + "\u2026", creditSize) > W - 2 * margin) creditLines[1].pop_back();
        while (!creditLines[1].empty() && (static_cast<unsigned char>(creditLines[1].back()) & 0xC0) == 0x80) creditLines[1].pop_back();
        creditLines[1] += "\u2026";
    }

    // The map's base (fills and boundaries): a static scene at the view's own scale, simplified to half an output
    // pixel. A PDF's is drawn in parts on threads of their own, each its own page, stacked under the page with the
    // rest by stackPdfPages: Cairo writes a PDF's paths and deflates them on one thread, and on one thread the world's
    // 5 M vertices took a third longer than rasterising them for a PNG.
    const double tolerance_m = view.metresPerPixel * 0.5;
    std::optional<scene::StaticScene> built;
    if (memory && (!memory->base || memory->baseTolerance_m != tolerance_m)) {
        memory->base = scene::buildStaticScene(in.map, style, in.layers, tolerance_m);
        memory->baseTolerance_m = tolerance_m;
    }
    if (!memory) built = scene::buildStaticScene(in.map, style, in.layers, tolerance_m);
    scene::StaticScene& s = memory ? *memory->base : *built;
    const double points = 72.0 / o.dpi;  // vector pages are measured in points
    std::vector<std::future<std::string>> baseParts;
    if (format == ExportFormat::Pdf) {
        // Even the region's own 40,000 vertices are drawn faster in two parts on two cores than in one (measured:
        // 490 against 560 ms at 3840x2160, 300 against 315 at 400x300).
        const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
        const std::size_t parts = o.pdfParts > 0 ? static_cast<std::size_t>(o.pdfParts) : std::min<std::size_t>(cores, 8);
        if (parts > 1)
            for (scene::StaticScene& part : scene::splitStaticScene(std::move(s), parts))
                baseParts.push_back(std::async(std::launch::async, [part = std::move(part), first = baseParts.empty(), W, H, points, frame, view] {
                    return basePartPdf(part, first, W, H, points, frame, view);
                }));
    }
    const bool baseApart = !baseParts.empty();

    // PNG and PDF pages are drawn by Cairo; an SVG is written by SvgCanvas, whose text stays text.
    SurfacePtr surface;
    ContextPtr context;
    std::unique_ptr<SvgCanvas> svg;
    std::unique_ptr<CairoCanvas> cairoCanvas;
    std::string page;  // the PDF where its base map is stacked under it afterwards
    const auto pageW = static_cast<int>(std::lround(W)), pageH = static_cast<int>(std::lround(H));
    if (format == ExportFormat::Svg) {
        std::string metadata = "<metadata><bordermap:sources xmlns:bordermap=\"https://github.com/bordermap\">";
        for (const std::string& source : sources) metadata += "<bordermap:source>" + xmlEscaped(source) + "</bordermap:source>";
        metadata += "</bordermap:sources></metadata>\n";
        svg = std::make_unique<SvgCanvas>(*file, W, H, points, metadata);
    } else {
        if (memory && memory->surface && cairo_image_surface_get_width(memory->surface.get()) == pageW &&
            cairo_image_surface_get_height(memory->surface.get()) == pageH)
            surface = std::move(memory->surface);  // painted white below
        else if (format == ExportFormat::Png) surface.reset(createImageSurface(pageW, pageH));
        else if (baseApart) surface.reset(cairo_pdf_surface_create_for_stream(appendToString, &page, W * points, H * points));
        else surface.reset(cairo_pdf_surface_create_for_stream(writeToFile, file, W * points, H * points));
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw OperationError({path, {}, {}, {}}, std::string("Cairo cannot make the surface: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
        context.reset(cairo_create(surface.get()));
        if (format != ExportFormat::Png) cairo_scale(context.get(), points, points);  // draw in output pixels everywhere
        cairoCanvas = std::make_unique<CairoCanvas>(context.get());
    }
    Canvas& canvas = svg ? static_cast<Canvas&>(*svg) : *cairoCanvas;
    if (!baseApart) {  // else the base map's first part paints the paper
        setColour(canvas, Colour{255, 255, 255, 255});
        canvas.paint();
    }

    // The title band.
    if (titled) {
        haloText(canvas, o.title, margin, margin + titleSize * 0.95, titleSize, ink, Colour{}, 0, true);
        if (!o.subtitle.empty()) haloText(canvas, o.subtitle, margin, margin + titleSize * 1.25 + subtitleSize * 0.95, subtitleSize, ink, Colour{}, 0);
    }
    if (show.date) {
        const double right = W - margin, top = margin + (dateUnderTitle ? leftH : 0);
        haloText(canvas, dynamic.decorations.dateText, right - text::width(dynamic.decorations.dateText, dateSize), top + dateSize * 0.95,
                 dateSize, ink, Colour{}, 0);
        const std::string mode = modeLine(dynamic);
        haloText(canvas, mode, right - text::width(mode, modeSize), top + dateSize * 1.2 + modeSize * 0.95, modeSize, ink, Colour{}, 0);
    }

    // The map, clipped to its frame.
    const std::optional<scene::ScreenBox> insetOutline =
        !bare && o.inset ? std::optional(scene::screenBoxOf(view, scene::areaBox(in.map, o.inset->box))) : std::nullopt;
    drawMapPanel(canvas, frame, view, baseApart ? nullptr : &s, dynamic, style, k, show.scaleBar, show.north, insetOutline);

    // The locator and the inset, placed where they cover least: the locator under the legend where its column has
    // room, else in the frame; the inset in the frame, clear of the locator and of the area it magnifies.
    std::vector<scene::ScreenBox> taken;  // in the frame's pixels
    if (show.north) {  // the arrow and its N reach above the scale bar's area, which legendPlace keeps clear
        const scene::ScreenPx n = scene::northArrowAt(view, k, dynamic.decorations.scaleCorner);
        taken.push_back({n.x_px - 20 * k, n.y_px - 50 * k, n.x_px + 20 * k, n.y_px + 20 * k});
    }
    std::optional<Box> locatorBox;
    const Box column{frame.x + mapW + gap, frame.y, W - margin - (frame.x + mapW + gap), mapH};  // beside: the legend's
    const double legendH = legendShown ? std::min(legend.height * std::min(1.0, column.w / legend.width), column.h) : 0;
    double columnFloor = column.y + column.h;  // the legend ends above what the column holds under it
    if (!bare && scene::locatorShown(o.locator, in.map.regionBox, view.visibleBox())) {
        const scene::ScreenPx size = scene::locatorSize(in.map, std::min(column.w, 300 * k), std::min(column.w, 0.4 * mapH));
        if (legendShown && beside && legendH + gap + size.y_px <= column.h) {
            locatorBox = Box{column.x, column.y + column.h - size.y_px, size.x_px, size.y_px};
            columnFloor = locatorBox->y - gap;
        } else {
            const scene::ScreenPx inside = scene::locatorSize(in.map, std::max(150 * k, 0.2 * mapW), 0.3 * mapH);
            const scene::ScreenBox at = scene::legendPlace(dynamic, view, inside.x_px, inside.y_px, 10 * k, k, nullptr, taken, false);
            taken.push_back(at);
            locatorBox = Box{frame.x + at.x0, frame.y + at.y0, inside.x_px, inside.y_px};
        }
    }
    if (!bare && o.inset) {
        const MapBox area = scene::areaBox(in.map, o.inset->box);
        const scene::ScreenBox outline = *insetOutline;
        const double captionH = 18 * k, insetFooterH = show.scaleBar ? 42 * k : 0, extraH = captionH + insetFooterH;
        const scene::ScreenPx size = scene::insetSize(area, mapW, mapH - extraH, k);
        // In the legend's column where it has room for an inset at least 0.6 as wide as one in the frame (it then
        // covers nothing of the map), else in the frame where it covers least.
        const double aspect = size.x_px / std::max(1.0, size.y_px);
        const double columnW = std::min(column.w, size.x_px), columnRoom = columnFloor - (column.y + legendH + gap);
        const double fittedW = std::min(columnW, (columnRoom - extraH) * aspect);
        Box box;
        if (legendShown && beside && fittedW >= 0.6 * size.x_px) {
            box = Box{column.x, columnFloor - (fittedW / aspect + extraH), fittedW, std::round(fittedW / aspect) + extraH};
            columnFloor = box.y - gap;
        } else {
            taken.push_back({outline.x0 - 6 * k, outline.y0 - 6 * k, outline.x1 + 6 * k, outline.y1 + 6 * k});
            const double mat = 3 * k;  // the white band around the box (drawInset) covers the map too
            const scene::ScreenBox at = scene::legendPlace(dynamic, view, size.x_px + 2 * mat, size.y_px + extraH + 2 * mat, 10 * k, k, nullptr, taken, false);
            box = Box{frame.x + at.x0 + mat, frame.y + at.y0 + mat, size.x_px, size.y_px + extraH};
        }
        drawInset(canvas, in, *o.inset, box, captionH, insetFooterH, style, k);
    }
    if (locatorBox) drawLocator(canvas, in.map, style, *locatorBox, view.visibleBox(), k);

    if (bare && o.dateOnBarePage && o.decorations.date) {
        const double size = std::clamp(0.07 * std::min(W, H), 10.0, 18.0 * k), pad = 0.3 * size;
        const std::string& date = dynamic.decorations.dateText;
        canvas.rectangle(frame.x, frame.y, text::width(date, size) + 2 * pad, size * 1.25 + pad);
        canvas.setSource(1, 1, 1, 0.85);
        canvas.fill();
        haloText(canvas, date, frame.x + pad, frame.y + pad / 2 + size * 0.95, size, ink, Colour{}, 0, true);
    }

    // The frame and its degree ticks.
    canvas.rectangle(frame.x, frame.y, mapW, mapH);
    setColour(canvas, ink);
    canvas.setLineWidth(1.0 * k);
    canvas.stroke();
    if (in.layers.graticule && !bare) drawDegreeTicks(canvas, in.map, view, frame, ink, k);

    // The legend outside the frame: beside it on a landscape page, under it on a portrait one.
    if (legendShown) {
        const Box box = beside ? Box{column.x, column.y, column.w, columnFloor - column.y}
                               : Box{margin, frame.y + mapH + tickRoom + gap, W - 2 * margin, H - margin - footerH - (frame.y + mapH + tickRoom + gap)};
        drawLegend(canvas, dynamic, show, legend, box, ink, k);
    }

    // The credit line, at most two lines.
    double fy = H - margin - footerH + 4 * k + creditSize;
    for (const std::string& creditLine : creditLines) {
        haloText(canvas, creditLine, margin, fy, creditSize, Colour{70, 70, 70, 255}, Colour{}, 0);
        fy += creditSize * 1.35;
    }
    canvas.showPage();

    // The PDF's pages of sources, numbered, wrapped to the page.
    if (format == ExportFormat::Pdf && !sources.empty()) {
        const double size = 10 * k, lineH = size * 1.35, width = W - 2 * margin;
        double y = H;  // a new page at once
        for (const std::string& source : sources) {
            const std::vector<std::string> lines = cutToWidth(scene::wrapText(source, width - 14 * k, size, exportTextWidth), width - 14 * k, size);
            for (std::size_t i = 0; i < lines.size(); ++i) {
                if (y + lineH > H - margin) {
                    if (y < H) canvas.showPage();
                    y = margin;
                    haloText(canvas, "Sources of the events and crossings shown", margin, y + 14 * k, 14 * k, ink, Colour{}, 0, true);
                    y += 26 * k;
                }
                haloText(canvas, lines[i], margin + (i == 0 ? 0 : 14 * k), y + size, size, ink, Colour{}, 0);
                y += lineH;
            }
        }
        canvas.showPage();
    }

    if (!file) {  // a frame in memory
        if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS)
            throw OperationError({path, {}, {}, {}}, std::string("Cairo could not draw the map: ") + cairo_status_to_string(cairo_status(context.get())));
        cairoCanvas.reset();
        context.reset();
        cairo_surface_flush(surface.get());
        memory->surface = std::move(surface);
        return;
    }
    if (svg) {
        svg->finish();
        file->throwIfWriteFailed();
    } else {
        // A context in error has silently dropped everything drawn since: never write such a file.
        file->throwIfWriteFailed();
        if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS)
            throw OperationError({path, {}, {}, {}}, std::string("Cairo could not draw the map: ") + cairo_status_to_string(cairo_status(context.get())));
        cairoCanvas.reset();
        context.reset();
        if (format == ExportFormat::Png) writeFastPng(surface.get(), *file);
        cairo_surface_finish(surface.get());
        file->throwIfWriteFailed();
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw OperationError({path, {}, {}, {}}, std::string("cannot write the file: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
        surface.reset();
        if (baseApart) {
            std::string stacked;
            try {
                std::vector<std::string> under;
                for (std::future<std::string>& part : baseParts) under.push_back(part.get());
                stacked = stackPdfPages(under, page);
            } catch (const OperationError& e) {
                throw OperationError({path, {}, {}, {}}, e.reason());
            }
            file->write(stacked.data(), stacked.size());
        }
    }
    // The list before the picture: a PNG is never there without its sources.
    if (sourcesBeside) {
        AtomicFile list(sourcesFile);
        std::string body = "Sources of the events and crossings shown in " + std::filesystem::path(path).filename().string() + " (" +
                           dynamic.decorations.dateText + ", " + dynamic.decorations.modeText + ")\n\n";
        for (const std::string& source : sources) body += source + '\n';
        if (sources.empty()) body += "No event is shown.\n";
        list.write(body.data(), body.size());
        list.commit();
    }
    file->commit();
}

}  // namespace

void exportMap(const std::string& path, const ExportScene& in, const ExportOptions& o) {
    const ExportFormat format = exportFormatFor(path);
    checkTitles(o);
    AtomicFile file(path);  // before any drawing: an unwritable folder fails at once
    drawPage(path, in, o, format, &file, nullptr);
}

struct FrameRenderer::Memory : PageMemory {};

FrameRenderer::FrameRenderer(ExportOptions options) : m_options(std::move(options)), m_memory(std::make_unique<Memory>()) {
    checkTitles(m_options);
    m_options.sourcesFile = false;
}

FrameRenderer::~FrameRenderer() = default;

RasterFrame FrameRenderer::draw(const ExportScene& scene) {
    drawPage("frame", scene, m_options, ExportFormat::Png, nullptr, m_memory.get());
    cairo_surface_t* surface = m_memory->surface.get();
    return {cairo_image_surface_get_data(surface), cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface),
            cairo_image_surface_get_stride(surface)};
}

}  // namespace bordermap::render

// The handout: a briefing on paper. Drawn with the export's own parts (the map panel, legend, locator, degree
// ticks), laid out for a page a reader holds: the words under or beside the map rather than around its frame.
namespace bordermap::render {

namespace {

text::TextStyle typeOf(double size, bool bold = false, bool italic = false) {
    text::TextStyle t;
    t.size_px = size;
    t.bold = bold;
    t.italic = italic;
    return t;
}

// `text` wrapped to `width` in `type`, its paragraphs (line breaks) kept apart, a word wider than the line (an
// address) cut between characters.
std::vector<std::string> wrapParagraphs(const std::string& text, double width, const text::TextStyle& type) {
    const scene::TextMeasure measure = [&type](const std::string& t, double size) {
        text::TextStyle sized = type;
        sized.size_px = size;
        return text::measure(t, sized).width_px;
    };
    std::vector<std::string> out;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t end = std::min(text.find('\n', from), text.size());
        const std::string paragraph = text.substr(from, end - from);
        if (paragraph.find_first_not_of(' ') == std::string::npos) out.emplace_back();
        else
            for (std::string& l : cutToWidth(scene::wrapText(paragraph, width, type.size_px, measure), width, type.size_px, measure))
                out.push_back(std::move(l));
        from = end + 1;
    }
    return out;
}

// Draws `lines` one under another from `top`, `lineH` apart; returns the y under the last.
double drawLines(Canvas& canvas, std::span<const std::string> lines, const text::TextStyle& type, double x, double top, double lineH,
                 Colour ink) {
    for (const std::string& l : lines) {
        if (!l.empty()) canvas.text(l, type, x, top, rgba(ink), {}, 0);
        top += lineH;
    }
    return top;
}

// "[1]–[3], [5]" for sorted, distinct numbers.
std::string citationText(const std::vector<std::size_t>& numbers) {
    std::string out;
    for (std::size_t i = 0; i < numbers.size();) {
        std::size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
        out += (out.empty() ? "" : ", ") + ("[" + std::to_string(numbers[i]) + "]");
        if (j > i) out += (j == i + 1 ? ", [" : "\u2013[") + std::to_string(numbers[j]) + "]";
        i = j + 1;
    }
    return out;
}

// The sources cited over the handout, numbered from 1 in the order first cited.
struct CitedSources {
    std::vector<std::string> list;
    std::unordered_map<std::string, std::size_t> number;

    std::size_t cite(const std::string& source) {
        const auto [at, fresh] = number.emplace(source, list.size() + 1);
        if (fresh) list.push_back(source);
        return at->second;
    }
};

// The numbers a scene cites: its highlighted events' sources, in the order the scene names the events, each event's
// in its own order; the notes on where coordinates come from left out, as scene::sourcesShown leaves them.
std::vector<std::size_t> citeScene(const briefing::Scene& s, const timeline::Catalogue& catalogue, CitedSources& cited) {
    std::vector<std::size_t> numbers;
    for (const std::string& id : s.highlight)
        if (const timeline::Event* e = catalogue.find(id))
            for (const std::string& source : catalogue.sourcesOf(*e))
                if (source.rfind("Coordinates", 0) != 0) numbers.push_back(cited.cite(source));
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

const Colour kMuted{90, 90, 90, 255};
const Colour kNotesGround{243, 241, 236, 255};
const Colour kNotesBar{160, 150, 128, 255};

// A handout page in the making: the Cairo context, the page's size in 96-dpi pixels, the pages so far.
struct HandoutPages {
    Canvas& canvas;
    double W = 0, H = 0, margin = 0, k = 1;
    std::string credit;  // where the map's data comes from, on every page's foot
    std::size_t pages = 0;

    // The foot: the credit on the left (two lines at most), the page's number on the right; then the next page.
    void finish() {
        ++pages;
        const text::TextStyle type = typeOf(9 * k);
        const std::string number = "Page " + std::to_string(pages);
        const double numberW = text::measure(number, type).width_px;
        const double top = H - margin - footHeight() + 4 * k;
        line(canvas, margin, top - 4 * k, W - margin, top - 4 * k);
        setColour(canvas, Colour{170, 170, 170, 255});
        canvas.setLineWidth(0.8 * k);
        canvas.stroke();
        std::vector<std::string> lines = wrapParagraphs(credit, W - 2 * margin - numberW - 16 * k, type);
        if (lines.size() > 2) {  // the credit is ours and short; two lines hold it on any paper this takes
            lines.resize(2);
            lines.back() += "\u2026";
        }
        drawLines(canvas, lines, type, margin, top, type.size_px * 1.35, kMuted);
        canvas.text(number, type, W - margin - numberW, top, rgba(kMuted), {}, 0);
        canvas.showPage();
    }
    double footHeight() const { return 2 * 9 * k * 1.35 + 10 * k; }
    double bodyBottom() const { return H - margin - footHeight() - 6 * k; }

    // The head of a scene's page: "SCENE 2 OF 7 · briefing", the scene's title (wrapped), the date and mode, a rule.
    // Returns the y under it.
    double head(const std::string& kicker, const std::string& title, const std::string& date, const std::string& mode) {
        setColour(canvas, Colour{255, 255, 255, 255});
        canvas.paint();
        const Colour ink{25, 25, 25, 255};
        text::TextStyle kickerType = typeOf(10 * k, true);
        kickerType.letterSpacing_em = 0.06;
        double y = margin;
        y = drawLines(canvas, wrapParagraphs(kicker, W - 2 * margin, kickerType), kickerType, margin, y, kickerType.size_px * 1.4, kMuted);
        const text::TextStyle titleType = typeOf(22 * k, true);
        y = drawLines(canvas, wrapParagraphs(title, W - 2 * margin, titleType), titleType, margin, y + 2 * k, titleType.size_px * 1.25, ink);
        if (!date.empty()) {
            const text::TextStyle dateType = typeOf(14 * k, true), modeType = typeOf(12 * k);
            const double dateW = text::measure(date, dateType).width_px;
            canvas.text(date, dateType, margin, y + 3 * k, rgba(ink), {}, 0);
            // The mode beside the date, on its baseline; under it where the page is too narrow.
            const double modeX = margin + dateW + 10 * k;
            const bool beside = modeX + text::measure(mode, modeType).width_px <= W - margin;
            const double baselineGap = text::measure(date, dateType).baseline_px - text::measure(mode, modeType).baseline_px;
            if (beside) canvas.text(mode, modeType, modeX, y + 3 * k + baselineGap, rgba(kMuted), {}, 0);
            y += 3 * k + dateType.size_px * 1.4;
            if (!beside) y = drawLines(canvas, wrapParagraphs(mode, W - 2 * margin, modeType), modeType, margin, y, modeType.size_px * 1.35, kMuted);
        }
        y += 4 * k;
        line(canvas, margin, y, W - margin, y);
        setColour(canvas, ink);
        canvas.setLineWidth(1.2 * k);
        canvas.stroke();
        return y + 10 * k;
    }
};

// The words under or beside a scene's map, at `s` times their full size: the caption, the sources it cites, the
// notes under their heading.
struct SceneWords {
    text::TextStyle caption, sources, notesHead, notes;
    std::vector<std::string> captionLines, sourcesLines, notesLines;
    double pad = 0;

    double captionH() const { return static_cast<double>(captionLines.size()) * caption.size_px * 1.3; }
    double sourcesH() const { return static_cast<double>(sourcesLines.size()) * sources.size_px * 1.4; }
    double notesLineH() const { return notes.size_px * 1.4; }
    // The notes' box around `lines` of them: its padding and heading, and a line saying they go on overleaf.
    double notesBoxH(std::size_t lines, bool continued) const {
        return 2 * pad + notesHead.size_px * 1.6 + static_cast<double>(lines + (continued ? 1 : 0)) * notesLineH();
    }
    double gapAbove(double k) const { return captionLines.empty() ? 0 : 8 * k; }
    double notesGap(double k) const { return notesLines.empty() ? 0 : 12 * k; }
    double height(double k) const {
        return captionH() + gapAbove(k) + sourcesH() + (notesLines.empty() ? 0 : notesGap(k) + notesBoxH(notesLines.size(), false));
    }
};

SceneWords layOutWords(const briefing::Scene& s, const std::string& citation, double width, double scale, double k) {
    SceneWords w;
    w.caption = typeOf(15 * k * scale);
    w.sources = typeOf(10.5 * k * scale);
    w.notesHead = typeOf(10.5 * k * scale, true);
    w.notesHead.letterSpacing_em = 0.06;
    w.notes = typeOf(12 * k * scale);
    w.pad = 8 * k * scale;
    if (!s.caption.empty()) w.captionLines = wrapParagraphs(s.caption, width, w.caption);
    w.sourcesLines = wrapParagraphs(citation, width, w.sources);
    if (!s.notes.empty()) w.notesLines = wrapParagraphs(s.notes, width - 2 * w.pad - 4 * k, w.notes);
    return w;
}

// The notes' shaded box at `top`, `width` wide, holding `lines`; "continued" ends it with a line saying the rest is
// on the next page. Returns the y under it.
double drawNotes(Canvas& canvas, const SceneWords& w, std::span<const std::string> lines, bool continued, const std::string& heading,
                 double x, double top, double width, double k) {
    const double h = w.notesBoxH(lines.size(), continued);
    canvas.rectangle(x, top, width, h);
    setColour(canvas, kNotesGround);
    canvas.fill();
    canvas.rectangle(x, top, 3 * k, h);
    setColour(canvas, kNotesBar);
    canvas.fill();
    const double textX = x + w.pad + 4 * k;
    canvas.text(heading, w.notesHead, textX, top + w.pad, rgba(kMuted), {}, 0);
    double y = drawLines(canvas, lines, w.notes, textX, top + w.pad + w.notesHead.size_px * 1.6, w.notesLineH(), Colour{30, 30, 30, 255});
    if (continued) canvas.text("The notes go on overleaf.", typeOf(w.notes.size_px, false, true), textX, y, rgba(kMuted), {}, 0);
    return top + h;
}

}  // namespace

HandoutSummary exportHandout(const std::string& path, const briefing::Briefing& b, const scene::ProjectedMap& map,
                             const timeline::EventSelection& events, const HandoutOptions& o) {
    if (exportFormatFor(path) != ExportFormat::Pdf) throw UsageError("'" + path + "': a handout is a PDF; the file must end in .pdf");
    // Cairo stops drawing at the first text that is not UTF-8 and leaves the rest of the page blank.
    if (const auto defect = textDefect(b.title)) throw InputError({{}, {}, {}, "title"}, *defect);
    for (std::size_t i = 0; i < b.scenes.size(); ++i) {
        const briefing::Scene& s = b.scenes[i];
        for (const auto& [field, value, breaks] :
             {std::tuple{"title", &s.title, false}, std::tuple{"caption", &s.caption, true}, std::tuple{"notes", &s.notes, true}})
            if (const auto defect = textDefect(*value, breaks)) throw InputError({{}, {}, "scene " + std::to_string(i + 1), field}, *defect);
    }
    if (o.paperWidth_mm <= 0 || o.paperHeight_mm <= 0) throw UsageError("a handout needs a paper size");
    const double k = o.style.scale;
    const double W = o.paperWidth_mm / 25.4 * 96, H = o.paperHeight_mm / 25.4 * 96;  // 96-dpi pixels, as every export
    const double points = 72.0 / 96;
    const double margin = o.margin_mm / 25.4 * 96, gap = 14 * k, tickRoom = 16 * k;
    const bool landscape = W >= 1.1 * H;
    const timeline::Catalogue& catalogue = events.catalogue();

    AtomicFile file(path);  // before any drawing: an unwritable folder fails at once
    const SurfacePtr surface(cairo_pdf_surface_create_for_stream(writeToFile, &file, W * points, H * points));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("Cairo cannot make the surface: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    ContextPtr context(cairo_create(surface.get()));
    cairo_scale(context.get(), points, points);
    CairoCanvas canvas(context.get());

    HandoutPages pages{canvas, W, H, margin, k, {}, 0};
    CitedSources cited;
    HandoutSummary summary;
    const std::string total = std::to_string(b.scenes.size());
    for (std::size_t i = 0; i < b.scenes.size(); ++i) {
        const briefing::Scene& s = b.scenes[i];
        scene::Style style = o.style;
        style.highlightEventIds = s.highlight;
        const scene::LayerSwitches layers = s.layers.value_or(scene::LayerSwitches{});
        const scene::TimeSettings time = briefing::sceneTime(s);
        const std::vector<std::size_t> numbers = citeScene(s, catalogue, cited);
        const std::string citation = s.highlight.empty() ? "Sources: no event is highlighted in this scene."
                                     : numbers.empty()   ? "Sources: the highlighted events cite none."
                                                         : "Sources: " + citationText(numbers) + " (listed at the end)";
        const std::string kicker = "SCENE " + std::to_string(i + 1) + " OF " + total + (b.title.empty() ? "" : " \u00b7 " + b.title);
        const std::string title = s.title.empty() ? "Scene " + std::to_string(i + 1) : s.title;
        const std::string mode = s.mode == scene::TimeMode::Cumulative ? "all events to this date"
                                                                       : "events of the " + std::to_string(s.windowDays) + " days to this date";
        const double bodyTop = pages.head(kicker, title, timeline::displayDay(s.date), mode);
        const double bodyBottom = pages.bodyBottom();
        const double bodyW = W - 2 * margin, bodyH = bodyBottom - bodyTop;

        // The map's frame, and the room for the words and the legend: under the map on a portrait page (the words
        // on the left, the legend on the right), beside it on a landscape one (the words above the legend).
        // On a portrait page the map takes what the words and the legend leave, at full size, between half and
        // 0.68 of the body: the legend's entries depend on what the map shows, so the scene is built on a first
        // guess at the frame, and again on the frame chosen.
        Box frame, words, legendBox;
        const ExportDecorations show;
        const auto portraitBoxes = [&](double mapH) {
            frame = Box{margin + tickRoom, bodyTop, bodyW - tickRoom, mapH - tickRoom};
            const double below = bodyTop + mapH + gap;
            words = Box{margin, below, bodyW * 0.6 - gap / 2, bodyBottom - below};
            legendBox = Box{margin + bodyW * 0.6 + gap / 2, below, bodyW * 0.4 - gap / 2, bodyBottom - below};
        };
        // The scene's own filter where it has one, else the events as given.
        const std::optional<timeline::EventSelection> filtered =
            s.filter ? std::optional<timeline::EventSelection>(std::in_place, catalogue, *s.filter) : std::nullopt;
        const timeline::EventSelection& shown = filtered ? *filtered : events;
        const auto sceneIn = [&](const Box& f) {
            const int fw = std::max(16, static_cast<int>(std::lround(f.w))), fh = std::max(16, static_cast<int>(std::lround(f.h)));
            const scene::View v = briefing::sceneView(s, map, fw, fh);
            return std::pair{v, scene::buildDynamicScene(map, shown, v, time, style, layers, exportTextWidth)};
        };
        if (landscape) {
            const double columnW = std::max(250 * k, bodyW * 0.34);
            frame = Box{margin + tickRoom, bodyTop, bodyW - columnW - gap - tickRoom, bodyH - tickRoom};
            words = Box{W - margin - columnW, bodyTop, columnW, bodyH};
        } else {
            portraitBoxes(std::round(bodyH * 0.6));
            const scene::DynamicScene guess = sceneIn(frame).second;
            const LegendLayout l = layOutLegend(guess, show, legendBox.w, k);
            const double below = std::max(l.height * std::min(1.0, legendBox.w / l.width), layOutWords(s, citation, words.w, 1.0, k).height(k));
            portraitBoxes(std::round(std::clamp(bodyH - below - gap, 0.5 * bodyH, 0.68 * bodyH)));
        }
        const auto [view, dynamic] = sceneIn(frame);
        const scene::StaticScene base = scene::buildStaticScene(map, style, layers, view.metresPerPixel * 0.5);
        pages.credit = dynamic.decorations.dataCredit + " Map: " + map.projection.name() + "." +
                       (catalogue.asOf ? " Events as of " + catalogue.asOf->display() + "." : "");

        drawMapPanel(canvas, frame, view, &base, dynamic, style, k, true, true);
        if (scene::locatorShown(scene::LocatorMode::Auto, map.regionBox, view.visibleBox())) {
            std::vector<scene::ScreenBox> taken;
            const scene::ScreenPx n = scene::northArrowAt(view, k, dynamic.decorations.scaleCorner);
            taken.push_back({n.x_px - 20 * k, n.y_px - 50 * k, n.x_px + 20 * k, n.y_px + 20 * k});
            const scene::ScreenPx size = scene::locatorSize(map, std::max(130 * k, 0.22 * frame.w), 0.28 * frame.h);
            const scene::ScreenBox at = scene::legendPlace(dynamic, view, size.x_px, size.y_px, 10 * k, k, nullptr, taken, false);
            drawLocator(canvas, map, style, Box{frame.x + at.x0, frame.y + at.y0, size.x_px, size.y_px}, view.visibleBox(), k);
        }
        canvas.rectangle(frame.x, frame.y, frame.w, frame.h);
        setColour(canvas, style.text);
        canvas.setLineWidth(1.0 * k);
        canvas.stroke();
        if (layers.graticule) drawDegreeTicks(canvas, map, view, frame, style.text, k);

        // The legend: on a landscape page it takes the foot of the column, all the words leave at full size, or
        // at least 0.45 of it.
        const LegendLayout legend = layOutLegend(dynamic, show, landscape ? words.w : legendBox.w, k);
        if (landscape) {
            const double fit = std::min(1.0, words.w / legend.width);
            const double room = std::max(0.45 * words.h, words.h - layOutWords(s, citation, words.w, 1.0, k).height(k) - gap);
            const double legendH = std::min(legend.height * fit, room);
            legendBox = Box{words.x, words.y + words.h - legendH, words.w, legendH};
            words.h -= legendH + gap;
        }
        drawLegend(canvas, dynamic, show, legend, legendBox, style.text, k);

        // The words, set smaller (to 0.8) before the notes are continued on a page of their own.
        SceneWords laid = layOutWords(s, citation, words.w, 1.0, k);
        for (double scale = 0.95; laid.height(k) > words.h && scale > 0.79; scale -= 0.05) laid = layOutWords(s, citation, words.w, scale, k);
        std::size_t notesHere = laid.notesLines.size();
        if (laid.height(k) > words.h) {
            const double fixed = laid.captionH() + laid.gapAbove(k) + laid.sourcesH() + laid.notesGap(k);
            const double room = words.h - fixed - laid.notesBoxH(0, true);
            notesHere = room > 0 ? std::min(laid.notesLines.size(), static_cast<std::size_t>(room / laid.notesLineH())) : 0;
            if (fixed > words.h)
                throw InputError({{}, {}, "scene " + std::to_string(i + 1), "caption"}, "too long for the handout's page: shorten it");
        }
        const Colour ink{25, 25, 25, 255};
        double y = drawLines(canvas, laid.captionLines, laid.caption, words.x, words.y, laid.caption.size_px * 1.3, ink);
        y = drawLines(canvas, laid.sourcesLines, laid.sources, words.x, y + laid.gapAbove(k), laid.sources.size_px * 1.4, kMuted);
        const bool continued = notesHere < laid.notesLines.size();
        if (!laid.notesLines.empty() && (notesHere > 0 || continued))
            drawNotes(canvas, laid, std::span(laid.notesLines).first(notesHere), continued, "Notes", words.x, y + laid.notesGap(k), words.w, k);
        pages.finish();
        ++summary.scenePages;

        // The rest of the notes on pages of their own, at the same size.
        for (std::size_t from = notesHere; from < laid.notesLines.size();) {
            const double top = pages.head(kicker, title, "", "");
            const double room = pages.bodyBottom() - top - laid.notesBoxH(0, true);
            const auto fits = std::max<std::size_t>(1, static_cast<std::size_t>(room / laid.notesLineH()));
            const std::size_t n = std::min(fits, laid.notesLines.size() - from);
            const bool more = from + n < laid.notesLines.size();
            drawNotes(canvas, laid, std::span(laid.notesLines).subspan(from, n), more, "Notes, continued", margin, top, std::min(W - 2 * margin, words.w), k);
            from += n;
            pages.finish();
            ++summary.scenePages;
        }
    }

    // The numbered sources: each entry whole on a page, its number in a column of its own.
    const text::TextStyle headType = typeOf(20 * k, true), introType = typeOf(11 * k, false, true), entryType = typeOf(11 * k),
                          numberType = typeOf(11 * k, true);
    const std::string widest = "[" + std::to_string(std::max<std::size_t>(cited.list.size(), 1)) + "]";
    const double numberW = text::measure(widest, numberType).width_px + 8 * k;
    const double entryLineH = entryType.size_px * 1.35, entryGap = 5 * k;
    const std::string intro = cited.list.empty()
                                  ? "No scene highlights an event with a source."
                                  : "The sources of the events the scenes highlight, each listed once and numbered in the order first cited; "
                                    "each scene's page gives the numbers it cites. Every event on the maps has its sources in bordermap's "
                                    "event details.";
    const auto sourcesHead = [&](bool first) {
        setColour(canvas, Colour{255, 255, 255, 255});
        canvas.paint();
        canvas.text(first ? "Sources" : "Sources, continued", headType, margin, margin, rgba(Colour{25, 25, 25, 255}), {}, 0);
        double y = margin + headType.size_px * 1.4;
        if (first) y = drawLines(canvas, wrapParagraphs(intro, W - 2 * margin, introType), introType, margin, y, introType.size_px * 1.35, kMuted);
        return y + 8 * k;
    };
    double y = sourcesHead(true);
    for (std::size_t i = 0; i < cited.list.size(); ++i) {
        const std::vector<std::string> lines = wrapParagraphs(cited.list[i], W - 2 * margin - numberW, entryType);
        const double h = static_cast<double>(lines.size()) * entryLineH;
        if (y + h > pages.bodyBottom()) {
            pages.finish();
            y = sourcesHead(false);
        }
        const std::string number = "[" + std::to_string(i + 1) + "]";
        canvas.text(number, numberType, margin + numberW - 8 * k - text::measure(number, numberType).width_px, y, rgba(kMuted), {}, 0);
        y = drawLines(canvas, lines, entryType, margin + numberW, y, entryLineH, Colour{25, 25, 25, 255}) + entryGap;
    }
    pages.finish();
    summary.pages = pages.pages;
    summary.sources = cited.list.size();

    // A context in error has silently dropped everything drawn since: never write such a file.
    file.throwIfWriteFailed();
    if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("Cairo could not draw the handout: ") + cairo_status_to_string(cairo_status(context.get())));
    context.reset();
    cairo_surface_finish(surface.get());
    file.throwIfWriteFailed();
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("cannot write the file: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    file.commit();
    return summary;
}

}  // namespace bordermap::render
