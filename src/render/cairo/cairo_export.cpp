#include "bordermap/render/cairo_export.hpp"

#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/selection.hpp>

#include <png.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <csetjmp>
#include <cmath>
#include <filesystem>
#include <memory>

namespace bordermap::render {

namespace {

using scene::Colour;
using scene::MarkerShape;

constexpr const char* kFont = "DejaVu Sans";

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

// Writes a Cairo image (premultiplied ARGB32) as a PNG with libpng at zlib's fastest level and the Sub filter:
// about four times faster than Cairo's own writer at 3840x2160 for a file about a third larger. Opaque images are
// written as RGB. Throws OperationError.
void writeFastPng(cairo_surface_t* surface, AtomicFile& file) {
    cairo_surface_flush(surface);
    const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    bool opaque = true;
    for (int y = 0; y < h && opaque; ++y)
        for (int x = 0; x < w; ++x)
            if (data[y * stride + 4 * x + 3] != 255) {
                opaque = false;
                break;
            }
    // libpng's own handlers print to stderr; ours only jump back, and the error is reported once, below.
    png_structp png = png_create_write_struct(
        PNG_LIBPNG_VER_STRING, nullptr, [](png_structp p, png_const_charp) { png_longjmp(p, 1); },
        [](png_structp, png_const_charp) {});
    png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
    if (png == nullptr || info == nullptr) {
        png_destroy_write_struct(&png, &info);
        throw OperationError({file.path(), {}, {}, {}}, "libpng cannot start");
    }
    std::vector<unsigned char> row(static_cast<std::size_t>(w) * 4);
    bool failed = false;
    if (setjmp(png_jmpbuf(png)) != 0) {
        failed = true;
    } else {
        png_set_write_fn(
            png, &file,
            [](png_structp p, png_bytep bytes, png_size_t n) {
                try {
                    static_cast<AtomicFile*>(png_get_io_ptr(p))->write(bytes, n);
                } catch (const Error&) {
                    png_error(p, "write failed");
                }
            },
            nullptr);
        png_set_compression_level(png, 1);
        png_set_filter(png, 0, PNG_FILTER_SUB);
        png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (int y = 0; y < h; ++y) {
            const unsigned char* in = data + y * stride;
            unsigned char* out = row.data();
            for (int x = 0; x < w; ++x, in += 4) {
                // Cairo keeps BGRA in memory (little-endian ARGB32), premultiplied by alpha.
                const unsigned a = in[3];
                const auto un = [a](unsigned c) { return static_cast<unsigned char>(a == 0 ? 0 : (c * 255 + a / 2) / a); };
                *out++ = a == 255 ? in[2] : un(in[2]);
                *out++ = a == 255 ? in[1] : un(in[1]);
                *out++ = a == 255 ? in[0] : un(in[0]);
                if (!opaque) *out++ = static_cast<unsigned char>(a);
            }
            png_write_row(png, row.data());
        }
        png_write_end(png, nullptr);
    }
    png_destroy_write_struct(&png, &info);
    if (failed) {
        file.throwIfWriteFailed();
        throw OperationError({file.path(), {}, {}, {}}, "libpng cannot write the PNG");
    }
}

void setColour(cairo_t* cr, Colour c, double opacity = 1.0) {
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * opacity);
}

// Text with a halo: the outline stroked in the halo colour, then the glyphs filled (text stays text in PDF/SVG).
void haloText(cairo_t* cr, const std::string& text, double x, double baseline, double size, Colour fill, Colour halo, double haloWidth,
              bool bold = false) {
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    if (haloWidth > 0) {
        cairo_move_to(cr, x, baseline);
        cairo_text_path(cr, text.c_str());
        setColour(cr, halo);
        cairo_set_line_width(cr, haloWidth);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    cairo_move_to(cr, x, baseline);
    setColour(cr, fill);
    cairo_show_text(cr, text.c_str());
    cairo_new_path(cr);
}

void markerPath(cairo_t* cr, MarkerShape shape, double x, double y, double r) {
    switch (shape) {
    case MarkerShape::Circle: cairo_arc(cr, x, y, r, 0, 2 * M_PI); break;
    case MarkerShape::Square: cairo_rectangle(cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r); break;
    case MarkerShape::Diamond:
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + r, y);
        cairo_line_to(cr, x, y + r);
        cairo_line_to(cr, x - r, y);
        cairo_close_path(cr);
        break;
    case MarkerShape::Triangle: {
        const double R = 1.25 * r;  // pointing down, as on screen
        cairo_move_to(cr, x, y + R);
        cairo_line_to(cr, x - R * 0.866, y - R * 0.5);
        cairo_line_to(cr, x + R * 0.866, y - R * 0.5);
        cairo_close_path(cr);
        break;
    }
    }
}

void marker(cairo_t* cr, MarkerShape shape, double x, double y, double r, Colour fill, double fillOpacity, Colour outline,
            double outlineOpacity, double width) {
    markerPath(cr, shape, x, y, r);
    setColour(cr, fill, fillOpacity);
    cairo_fill_preserve(cr);
    setColour(cr, outline, outlineOpacity);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

void crossingIcon(cairo_t* cr, const scene::CrossingIcon& icon, double x, double y, double k) {
    const double h = icon.size_px;
    const bool notYet = icon.status == timeline::CrossingStatus::NotYetOpen;
    cairo_rectangle(cr, x - h, y - h, 2 * h, 2 * h);
    setColour(cr, notYet ? Colour{255, 255, 255, 230} : icon.colour);
    cairo_fill_preserve(cr);
    setColour(cr, notYet ? icon.colour : Colour{255, 255, 255, 255});
    cairo_set_line_width(cr, 1.5 * k);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 2.2 * k);
    if (icon.status == timeline::CrossingStatus::Closed) {
        cairo_move_to(cr, x - 0.75 * h, y - 0.75 * h);
        cairo_line_to(cr, x + 0.75 * h, y + 0.75 * h);
        cairo_move_to(cr, x + 0.75 * h, y - 0.75 * h);
        cairo_line_to(cr, x - 0.75 * h, y + 0.75 * h);
        cairo_stroke(cr);
    } else if (icon.status == timeline::CrossingStatus::Open) {
        cairo_move_to(cr, x - 0.65 * h, y);
        cairo_line_to(cr, x + 0.65 * h, y);
        cairo_stroke(cr);
    } else if (icon.status == timeline::CrossingStatus::Unknown) {
        // A question mark, centred on the box by its ink.
        cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 1.7 * h);
        cairo_text_extents_t e;
        cairo_text_extents(cr, "?", &e);
        cairo_move_to(cr, x - e.x_bearing - e.width / 2, y - e.y_bearing - e.height / 2);
        cairo_show_text(cr, "?");
        cairo_new_path(cr);
    }
}

// A cluster: a disc in its kind's colour with the count in white, a white ring to lift it off the map.
void cluster(cairo_t* cr, const scene::Cluster& c, double x, double y, double k) {
    cairo_arc(cr, x, y, c.radius_px, 0, 2 * M_PI);
    setColour(cr, c.colour, 0.88);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.95);
    cairo_set_line_width(cr, 2.0 * k);
    cairo_stroke(cr);
    const std::string count = scene::clusterCountText(c.count);
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, std::max(8.0 * k, c.radius_px * (count.size() > 3 ? 0.62 : 0.8)));
    cairo_text_extents_t e;
    cairo_text_extents(cr, count.c_str(), &e);
    cairo_move_to(cr, x - e.x_advance / 2, y + e.height / 2);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_show_text(cr, count.c_str());
    cairo_new_path(cr);
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

double cairoTextWidth(const std::string& text, double size_px) {
    // A measuring context of its own, on a 1x1 image: Cairo contexts are not shared between threads.
    thread_local SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    thread_local ContextPtr cr(cairo_create(surface.get()));
    cairo_select_font_face(cr.get(), kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr.get(), size_px);
    cairo_text_extents_t e;
    cairo_text_extents(cr.get(), text.c_str(), &e);
    return e.x_advance;
}

void exportMap(const std::string& path, const ExportScene& in, const ExportOptions& o) {
    const ExportFormat format = exportFormatFor(path);
    // Cairo stops drawing at the first text that is not UTF-8 and leaves the rest of the page blank.
    for (const auto& [field, text] : {std::pair{"title", &o.title}, std::pair{"subtitle", &o.subtitle}})
        if (const auto defect = textDefect(*text)) throw InputError({{}, {}, {}, field}, *defect);
    AtomicFile file(path);  // before any drawing: an unwritable folder fails at once
    const double W = o.width_px, H = o.height_px;
    const double k = in.style.scale * o.dpi / 96.0;  // every size scales with the DPI
    scene::Style style = in.style;
    style.scale = k;

    SurfacePtr surface;
    const double points = 72.0 / o.dpi;  // vector pages are measured in points
    switch (format) {
    case ExportFormat::Png: surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, o.width_px, o.height_px)); break;
    case ExportFormat::Svg: surface.reset(cairo_svg_surface_create_for_stream(writeToFile, &file, W * points, H * points)); break;
    case ExportFormat::Pdf: surface.reset(cairo_pdf_surface_create_for_stream(writeToFile, &file, W * points, H * points)); break;
    }
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("Cairo cannot make the surface: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    ContextPtr context(cairo_create(surface.get()));
    cairo_t* cr = context.get();
    if (format != ExportFormat::Png) cairo_scale(cr, points, points);  // draw in output pixels everywhere

    // The footer first, to know how much page the map gets.
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    const double footerSize = 11.0 * k;
    cairo_set_font_size(cr, footerSize);
    std::vector<std::string> footer;
    // The map's scene, fitted to the extent in the space above the footer (sized after a first pass).
    // The events are binned once for both passes (the footer's height rarely moves the view to another zoom level).
    scene::EventBins bins;
    const auto buildScenes = [&](double mapH) {
        scene::View view = scene::fitView(in.extent, o.width_px, static_cast<int>(mapH), 10.0 * k);
        const double radius_m = scene::clusterRadius_m(view, style);
        if (!scene::binsFit(bins, in.events, in.time, radius_m, in.layers.userEvents))
            bins = scene::binEvents(in.map, in.events, in.time, radius_m, in.layers.userEvents);
        scene::DynamicScene dynamic =
            scene::buildDynamicScene(in.map, in.events, view, in.time, style, in.layers, cairoTextWidth, &bins);
        return std::pair<scene::View, scene::DynamicScene>{view, std::move(dynamic)};
    };
    // Plain variables, not a structured binding: the lambdas below capture them, which clang before 16 rejects.
    scene::View view;
    scene::DynamicScene dynamic;
    std::tie(view, dynamic) = buildScenes(H);
    if (o.decorations.sources || o.decorations.attribution) {
        // The credits always; the sources as many as fit in about a fifth of the page, then "and N more".
        std::vector<std::string> credits;
        if (o.decorations.attribution) {
            std::string credit = dynamic.decorations.dataCredit + " Map: " + in.map.projection.name() + ".";
            if (in.events.catalogue().asOf) credit += " Events as of " + in.events.catalogue().asOf->display() + ".";
            credits = scene::wrapText(credit, W - 20 * k, footerSize, cairoTextWidth);
        }
        const std::size_t maxLines = static_cast<std::size_t>(std::max(2.0, H * 0.2 / (footerSize * 1.35)));
        if (o.decorations.sources) {
            const std::size_t room = maxLines > credits.size() ? maxLines - credits.size() : 1;
            footer = scene::wrapSources(scene::sourcesShown(dynamic, in.events.catalogue()), W - 20 * k, footerSize, room, cairoTextWidth);
        }
        footer.insert(footer.end(), credits.begin(), credits.end());
    }
    const double footerH = footer.empty() ? 0 : footerSize * 1.35 * static_cast<double>(footer.size()) + 12 * k;
    std::tie(view, dynamic) = buildScenes(H - footerH);
    const double mapH = H - footerH;

    // The map, clipped to its area: a static scene at the view's own scale, simplified to half an output pixel.
    const scene::StaticScene s = scene::buildStaticScene(in.map, style, in.layers, view.metresPerPixel * 0.5);
    setColour(cr, Colour{255, 255, 255, 255});
    cairo_paint(cr);
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, W, mapH);
    cairo_clip(cr);
    setColour(cr, s.background);
    cairo_paint(cr);
    const auto moveTo = [&](MapXY p, bool first) {
        const scene::ScreenPx q = view.toScreen(p);
        if (first) cairo_move_to(cr, q.x_px, q.y_px);
        else cairo_line_to(cr, q.x_px, q.y_px);
    };
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const scene::FillBatch& f : s.fills) {
        for (const scene::MapLine& ring : f.rings) {
            for (std::size_t i = 0; i < ring.size(); ++i) moveTo(ring[i], i == 0);
            cairo_close_path(cr);
        }
        setColour(cr, f.colour);
        cairo_fill(cr);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (const scene::StrokeBatch& st : s.strokes) {
        for (const scene::MapLine& line : st.lines)
            for (std::size_t i = 0; i < line.size(); ++i) moveTo(line[i], i == 0);
        setColour(cr, st.colour);
        cairo_set_line_width(cr, st.width_px);
        if (!st.dash_px.empty()) cairo_set_dash(cr, st.dash_px.data(), static_cast<int>(st.dash_px.size()), 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }

    const auto at = [&](MapXY p) { return view.toScreen(p); };
    for (const MapXY& p : dynamic.overlayPoints) marker(cr, MarkerShape::Circle, at(p).x_px, at(p).y_px, 3.5 * k, style.overlay, 1, Colour{255, 255, 255, 255}, 1, k);
    for (const scene::Marker& m : dynamic.markers)
        if (m.halo_px > 0) marker(cr, MarkerShape::Circle, at(m.at).x_px, at(m.at).y_px, m.halo_px, m.colour, 0.10 * m.opacity, m.colour, 0.55 * m.opacity, 1.2 * k);
    for (const scene::Marker& m : dynamic.markers) {
        const Colour outline = m.fromUser ? style.overlay : m.hollow ? m.colour : Colour{255, 255, 255, 230};
        marker(cr, m.shape, at(m.at).x_px, at(m.at).y_px, m.radius_px, m.hollow ? Colour{255, 255, 255, 200} : m.colour,
               m.hollow ? m.opacity : 0.9 * m.opacity, outline, m.opacity, (m.hollow || m.fromUser ? 2.5 : 1.3) * k);
    }
    for (const scene::CrossingIcon& c : dynamic.crossings) crossingIcon(cr, c, at(c.at).x_px, at(c.at).y_px, k);
    for (const scene::Label& l : dynamic.labels)
        haloText(cr, l.text, l.anchor.x_px, l.anchor.y_px + l.size_px * 0.95, l.size_px, l.colour, l.halo, 2.2 * k, false);
    for (const scene::Cluster& c : dynamic.clusters) cluster(cr, c, at(c.at).x_px, at(c.at).y_px, k);

    // Decorations on the map.
    const Colour ink = style.text, paper = style.textHalo;
    double y = 16 * k;
    if (o.decorations.title && !o.title.empty()) {
        haloText(cr, o.title, 18 * k, y + 22 * k, 24 * k, ink, paper, 3 * k, true);
        y += 30 * k;
        if (!o.subtitle.empty()) {
            haloText(cr, o.subtitle, 18 * k, y + 16 * k, 15 * k, ink, paper, 2.5 * k);
            y += 22 * k;
        }
        y += 6 * k;
    }
    if (o.decorations.date) {
        haloText(cr, dynamic.decorations.dateText, 18 * k, y + 30 * k, 34 * k, ink, paper, 3.5 * k);
        haloText(cr, dynamic.decorations.modeText, 20 * k, y + 52 * k, 14 * k, ink, paper, 2.5 * k);
        if (!dynamic.decorations.filterText.empty())
            haloText(cr, "Filter: " + dynamic.decorations.filterText, 20 * k, y + 72 * k, 14 * k, ink, paper, 2.5 * k);
    }
    const scene::ScaleBar& bar = dynamic.decorations.scale;
    if (o.decorations.scaleBar && bar.length_px > 0) {
        const double x0 = 40 * k, yb = mapH - 40 * k, h = 7 * k;
        setColour(cr, paper);
        cairo_rectangle(cr, x0 - 2 * k, yb - 2 * k, bar.length_px + 4 * k, h + 4 * k);
        cairo_fill(cr);
        for (int i = 0; i < 2; ++i) {
            cairo_rectangle(cr, x0 + i * bar.length_px / 2, yb, bar.length_px / 2, h);
            setColour(cr, i == 0 ? ink : Colour{255, 255, 255, 255});
            cairo_fill_preserve(cr);
            setColour(cr, ink);
            cairo_set_line_width(cr, 1);
            cairo_stroke(cr);
        }
        haloText(cr, bar.text, x0, yb - 8 * k, 14 * k, ink, paper, 2.5 * k);
    }
    if (o.decorations.north) {
        const double cx = 58 * k, cy = mapH - 110 * k, a = dynamic.decorations.northAngle_rad;
        cairo_save(cr);
        cairo_translate(cr, cx, cy);
        cairo_rotate(cr, a);
        cairo_move_to(cr, 0, -26 * k);
        cairo_line_to(cr, 11 * k, 14 * k);
        cairo_line_to(cr, 0, 6 * k);
        cairo_line_to(cr, -11 * k, 14 * k);
        cairo_close_path(cr);
        setColour(cr, ink);
        cairo_fill_preserve(cr);
        setColour(cr, paper);
        cairo_set_line_width(cr, 2 * k);
        cairo_stroke(cr);
        cairo_restore(cr);
        haloText(cr, "N", cx + std::sin(a) * 42 * k - 6 * k, cy - std::cos(a) * 42 * k + 6 * k, 16 * k, ink, paper, 2.5 * k);
    }
    if (o.decorations.legend || o.decorations.durandNote) {
        const double pad = 12 * k, row = 22 * k, size = 13.5 * k;
        cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, size);
        double widest = 0;
        const auto& entries = dynamic.decorations.legend;
        if (o.decorations.legend)
            for (const scene::LegendEntry& e : entries) widest = std::max(widest, cairoTextWidth(e.text, size));
        const double width = std::max(300 * k, widest + 36 * k + 2 * pad + 4 * k);
        const std::vector<std::string> note = o.decorations.durandNote
                                                  ? scene::wrapText(dynamic.decorations.durandNote, width - 2 * pad, size * 0.92, cairoTextWidth)
                                                  : std::vector<std::string>{};
        const double height = pad * 2 + (o.decorations.legend ? row * static_cast<double>(entries.size()) : 0) +
                              size * 1.3 * static_cast<double>(note.size()) + 4 * k;
        // A legend taller or wider than the map allows is drawn smaller, whole, in the corner.
        const double fit = std::min({1.0, (mapH - 32 * k) / height, W * 0.6 / width});
        cairo_save(cr);
        cairo_translate(cr, W - 16 * k, mapH - 16 * k);
        cairo_scale(cr, fit, fit);
        cairo_translate(cr, -(W - 16 * k), -(mapH - 16 * k));
        const double x0 = W - width - 16 * k, y0 = mapH - height - 16 * k;
        cairo_rectangle(cr, x0, y0, width, height);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.91);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.47, 0.47, 0.47);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        double ly = y0 + pad;
        if (o.decorations.legend) {
            for (const scene::LegendEntry& e : entries) {
                const double sx = x0 + pad + 14 * k, sy = ly + row / 2;
                switch (e.symbol) {
                case scene::LegendSymbol::Line:
                case scene::LegendSymbol::DashedLine:
                    cairo_move_to(cr, sx - 13 * k, sy);
                    cairo_line_to(cr, sx + 13 * k, sy);
                    setColour(cr, e.colour);
                    cairo_set_line_width(cr, e.width_px > 0 ? e.width_px : (e.symbol == scene::LegendSymbol::Line ? 3.2 : 2.4) * k);
                    if (!e.dash_px.empty()) cairo_set_dash(cr, e.dash_px.data(), static_cast<int>(e.dash_px.size()), 0);
                    cairo_stroke(cr);
                    cairo_set_dash(cr, nullptr, 0, 0);
                    break;
                case scene::LegendSymbol::Crossing: {
                    scene::CrossingIcon icon;
                    icon.colour = e.colour;
                    icon.size_px = 7 * k;
                    icon.status = e.crossingStatus;
                    crossingIcon(cr, icon, sx, sy, k);
                    break;
                }
                case scene::LegendSymbol::Marker: marker(cr, e.shape, sx, sy, 6.5 * k, e.colour, 1, Colour{255, 255, 255, 255}, 1, 1.2 * k); break;
                case scene::LegendSymbol::Halo:
                    marker(cr, MarkerShape::Circle, sx, sy, 10 * k, Colour{80, 80, 80, 255}, 0.1, Colour{80, 80, 80, 255}, 0.6, 1.2 * k);
                    marker(cr, MarkerShape::Circle, sx, sy, 4 * k, Colour{80, 80, 80, 255}, 1, Colour{255, 255, 255, 255}, 1, k);
                    break;
                case scene::LegendSymbol::Hollow: marker(cr, MarkerShape::Circle, sx, sy, 6 * k, Colour{255, 255, 255, 255}, 1, e.colour, 1, 2.2 * k); break;
                case scene::LegendSymbol::Cluster: {
                    scene::Cluster sample;
                    sample.count = 12;
                    sample.colour = e.colour;
                    sample.radius_px = 8.5 * k;
                    cluster(cr, sample, sx, sy, k);
                    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
                    cairo_set_font_size(cr, size);
                    break;
                }
                case scene::LegendSymbol::Fill: break;
                }
                haloText(cr, e.text, x0 + pad + 36 * k, ly + row / 2 + size * 0.36, size, ink, paper, 0);
                ly += row;
            }
        }
        for (const std::string& line : note) {
            haloText(cr, line, x0 + pad, ly + size * 1.0, size * 0.92, ink, paper, 0);
            ly += size * 1.3;
        }
        cairo_restore(cr);
    }
    cairo_restore(cr);  // the map's clip

    // The footer: the sources of what is shown, and the credits.
    double fy = mapH + 6 * k + footerSize;
    for (const std::string& line : footer) {
        haloText(cr, line, 10 * k, fy, footerSize, Colour{60, 60, 60, 255}, Colour{}, 0);
        fy += footerSize * 1.35;
    }

    cairo_show_page(cr);
    // A context in error has silently dropped everything drawn since: never write such a file.
    file.throwIfWriteFailed();
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("Cairo could not draw the map: ") + cairo_status_to_string(cairo_status(cr)));
    context.reset();
    if (format == ExportFormat::Png) writeFastPng(surface.get(), file);
    cairo_surface_finish(surface.get());
    file.throwIfWriteFailed();
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw OperationError({path, {}, {}, {}}, std::string("cannot write the file: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    surface.reset();
    file.commit();
}

}  // namespace bordermap::render
