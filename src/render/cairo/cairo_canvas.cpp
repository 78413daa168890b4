#include "canvas.hpp"

#include <cairo.h>

#include <cmath>

namespace bordermap::render {

void CairoCanvas::save() { cairo_save(m_cr); }
void CairoCanvas::restore() { cairo_restore(m_cr); }
void CairoCanvas::translate(double x, double y) { cairo_translate(m_cr, x, y); }
void CairoCanvas::rotate(double angle_rad) { cairo_rotate(m_cr, angle_rad); }
void CairoCanvas::scale(double s) { cairo_scale(m_cr, s, s); }

void CairoCanvas::setSource(double r, double g, double b, double a) { cairo_set_source_rgba(m_cr, r, g, b, a); }
void CairoCanvas::setLineWidth(double width) { cairo_set_line_width(m_cr, width); }
void CairoCanvas::setDash(std::span<const double> dash) {
    cairo_set_dash(m_cr, dash.empty() ? nullptr : dash.data(), static_cast<int>(dash.size()), 0);
}
void CairoCanvas::setLineJoin(LineJoin join) {
    cairo_set_line_join(m_cr, join == LineJoin::Round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
}
void CairoCanvas::setFillRule(FillRule rule) {
    cairo_set_fill_rule(m_cr, rule == FillRule::EvenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
}

void CairoCanvas::moveTo(double x, double y) { cairo_move_to(m_cr, x, y); }
void CairoCanvas::lineTo(double x, double y) { cairo_line_to(m_cr, x, y); }
void CairoCanvas::closePath() { cairo_close_path(m_cr); }
void CairoCanvas::rectangle(double x, double y, double w, double h) { cairo_rectangle(m_cr, x, y, w, h); }
void CairoCanvas::circle(double x, double y, double r) { cairo_arc(m_cr, x, y, r, 0, 2 * M_PI); }

void CairoCanvas::polyline(std::span<const scene::ScreenPx> points, bool closed) {
    if (points.empty()) return;
    cairo_move_to(m_cr, points[0].x_px, points[0].y_px);
    for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(m_cr, points[i].x_px, points[i].y_px);
    if (closed) cairo_close_path(m_cr);
}

void CairoCanvas::fill() { cairo_fill(m_cr); }
void CairoCanvas::fillPreserve() { cairo_fill_preserve(m_cr); }
void CairoCanvas::stroke() { cairo_stroke(m_cr); }
void CairoCanvas::strokePreserve() { cairo_stroke_preserve(m_cr); }
void CairoCanvas::clip() { cairo_clip(m_cr); }
void CairoCanvas::paint() { cairo_paint(m_cr); }

void CairoCanvas::text(std::string_view text, const text::TextStyle& style, double x, double top, text::Rgba fill,
                       text::Rgba halo, double haloWidth) {
    text::draw(m_cr, text, style, x, top, fill, halo, haloWidth);
}

void CairoCanvas::showPage() { cairo_show_page(m_cr); }

}  // namespace bordermap::render
