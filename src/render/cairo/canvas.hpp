#pragma once
// What an export draws on: Cairo's model (a path built then filled, stroked or clipped; a source colour; a graphics
// state saved and restored) behind one interface, so that the page is laid out and drawn once for every format.
// CairoCanvas draws PNG and PDF pages through Cairo, as the export always has; SvgCanvas (svg_canvas.hpp) writes
// SVG itself, so that its text stays <text>. Coordinates are user units: output pixels, under the transform the
// canvas has been given. Long lines and rings go in whole (polyline): one call per ring, never one per vertex.

#include <bordermap/scene/view.hpp>
#include <bordermap/text/text_engine.hpp>

#include <span>
#include <string_view>

typedef struct _cairo cairo_t;

namespace bordermap::render {

enum class LineJoin { Miter, Round };
enum class FillRule { NonZero, EvenOdd };

class Canvas {
public:
    Canvas() = default;
    virtual ~Canvas() = default;
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // The graphics state (transform, colour, line width, dash, join, fill rule and clip), as cairo_save/restore.
    virtual void save() = 0;
    virtual void restore() = 0;
    virtual void translate(double x, double y) = 0;
    virtual void rotate(double angle_rad) = 0;
    virtual void scale(double s) = 0;  // the same in x and y

    // Red, green, blue and alpha from 0 to 1, as cairo_set_source_rgba.
    virtual void setSource(double r, double g, double b, double a) = 0;
    virtual void setLineWidth(double width) = 0;
    virtual void setDash(std::span<const double> dash) = 0;  // empty: a solid line
    virtual void setLineJoin(LineJoin join) = 0;
    virtual void setFillRule(FillRule rule) = 0;

    // The path, in the units of the transform in force; the transform must not change while a path is built.
    virtual void moveTo(double x, double y) = 0;
    virtual void lineTo(double x, double y) = 0;
    virtual void closePath() = 0;
    virtual void rectangle(double x, double y, double w, double h) = 0;
    virtual void circle(double x, double y, double r) = 0;  // a closed subpath, as cairo_arc from 0 to 2 pi
    // A whole line or ring as a subpath of its own (closed: a ring). No points add nothing.
    virtual void polyline(std::span<const scene::ScreenPx> points, bool closed) = 0;

    // Painting. fill, stroke and clip clear the path; the Preserve forms keep it.
    virtual void fill() = 0;
    virtual void fillPreserve() = 0;
    virtual void stroke() = 0;
    virtual void strokePreserve() = 0;
    virtual void clip() = 0;
    virtual void paint() = 0;  // the source over the whole clip

    // `text` with its box's top-left at (x, top), as text::draw: a halo of `haloWidth` in `halo` under glyphs filled
    // in `fill`. Clears the path.
    virtual void text(std::string_view text, const text::TextStyle& style, double x, double top, text::Rgba fill,
                      text::Rgba halo, double haloWidth) = 0;

    // Ends the page; a PDF's drawing goes on on the next page.
    virtual void showPage() = 0;
};

// A Cairo context as a canvas; the context stays the caller's.
class CairoCanvas final : public Canvas {
public:
    explicit CairoCanvas(cairo_t* cr) : m_cr(cr) {}

    void save() override;
    void restore() override;
    void translate(double x, double y) override;
    void rotate(double angle_rad) override;
    void scale(double s) override;
    void setSource(double r, double g, double b, double a) override;
    void setLineWidth(double width) override;
    void setDash(std::span<const double> dash) override;
    void setLineJoin(LineJoin join) override;
    void setFillRule(FillRule rule) override;
    void moveTo(double x, double y) override;
    void lineTo(double x, double y) override;
    void closePath() override;
    void rectangle(double x, double y, double w, double h) override;
    void circle(double x, double y, double r) override;
    void polyline(std::span<const scene::ScreenPx> points, bool closed) override;
    void fill() override;
    void fillPreserve() override;
    void stroke() override;
    void strokePreserve() override;
    void clip() override;
    void paint() override;
    void text(std::string_view text, const text::TextStyle& style, double x, double top, text::Rgba fill, text::Rgba halo,
              double haloWidth) override;
    void showPage() override;

private:
    cairo_t* m_cr;
};

}  // namespace bordermap::render
