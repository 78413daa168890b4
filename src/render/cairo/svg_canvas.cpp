#include "svg_canvas.hpp"

#include <bordermap/core/atomic_file.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace bordermap::render {

namespace {

// The text engine's family list as CSS: each name quoted, then the generic family a renderer without them uses.
std::string cssFontFamily() {
    std::string out;
    const std::string_view list = text::kFontFamily;
    std::size_t from = 0;
    while (from < list.size()) {
        const std::size_t comma = std::min(list.find(',', from), list.size());
        std::string_view name = list.substr(from, comma - from);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) out += "'" + std::string(name) + "', ";
        from = comma + 1;
    }
    return out + "sans-serif";
}

// `v` with at most `decimals` decimals and no trailing zeros; out-of-range values are clamped, never written as
// "nan" or "inf", which no SVG reader accepts.
void appendNumber(std::string& out, double v, int decimals = 2) {
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -1e9, 1e9);
    char buffer[48];
    char* end = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, decimals).ptr;
    if (decimals > 0) {
        while (end[-1] == '0') --end;
        if (end[-1] == '.') --end;
    }
    if (end - buffer == 2 && buffer[0] == '-' && buffer[1] == '0') {
        buffer[0] = '0';
        end = buffer + 1;
    }
    out.append(buffer, end);
}

// Buffered output is handed to the file in pieces of about this size.
constexpr std::size_t kWriteChunk = 1 << 16;

}  // namespace

std::string xmlEscaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
        }
    }
    return out;
}

SvgCanvas::SvgCanvas(AtomicFile& file, double width, double height, double pointsPerUnit, std::string_view metadata)
    : m_file(file), m_width(width), m_height(height) {
    // The page's size on paper in points, as Cairo's SVG surface gave it; the view box in output pixels.
    // stroke-miterlimit is Cairo's (SVG's own default is 4); xml:space keeps the spaces Pango measured.
    m_out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"";
    appendNumber(m_out, width * pointsPerUnit, 3);
    m_out += "pt\" height=\"";
    appendNumber(m_out, height * pointsPerUnit, 3);
    m_out += "pt\" viewBox=\"0 0 ";
    appendNumber(m_out, width, 3);
    m_out += ' ';
    appendNumber(m_out, height, 3);
    m_out += "\" stroke-miterlimit=\"10\" xml:space=\"preserve\">\n";
    m_out += metadata;
}

void SvgCanvas::finish() {
    flushPendingFill();
    for (; m_state.openGroups > 0; --m_state.openGroups) m_out += "</g>\n";
    while (!m_saved.empty()) {
        m_state = m_saved.back();
        m_saved.pop_back();
        for (; m_state.openGroups > 0; --m_state.openGroups) m_out += "</g>\n";
    }
    m_out += "</svg>\n";
    m_file.write(m_out.data(), m_out.size());
    m_out.clear();
}

void SvgCanvas::save() {
    flushPendingFill();
    m_saved.push_back(m_state);
    m_state.openGroups = 0;
}

void SvgCanvas::restore() {
    flushPendingFill();
    if (m_saved.empty()) return;  // as Cairo: a restore without a save changes nothing (Cairo flags the context)
    for (; m_state.openGroups > 0; --m_state.openGroups) m_out += "</g>\n";
    m_state = m_saved.back();
    m_saved.pop_back();
}

void SvgCanvas::translate(double x, double y) {
    flushPendingFill();
    Matrix& m = m_state.matrix;
    m.e += m.a * x + m.c * y;
    m.f += m.b * x + m.d * y;
}

void SvgCanvas::rotate(double angle_rad) {
    flushPendingFill();
    Matrix& m = m_state.matrix;
    const double cosine = std::cos(angle_rad), sine = std::sin(angle_rad);
    const Matrix was = m;
    m.a = was.a * cosine + was.c * sine;
    m.b = was.b * cosine + was.d * sine;
    m.c = was.c * cosine - was.a * sine;
    m.d = was.d * cosine - was.b * sine;
}

void SvgCanvas::scale(double s) {
    flushPendingFill();
    Matrix& m = m_state.matrix;
    m.a *= s;
    m.b *= s;
    m.c *= s;
    m.d *= s;
}

void SvgCanvas::setSource(double r, double g, double b, double a) { m_state.source = {r, g, b, a}; }
void SvgCanvas::setLineWidth(double width) { m_state.lineWidth = width; }
void SvgCanvas::setDash(std::span<const double> dash) { m_state.dash.assign(dash.begin(), dash.end()); }
void SvgCanvas::setLineJoin(LineJoin join) { m_state.join = join; }
void SvgCanvas::setFillRule(FillRule rule) { m_state.rule = rule; }

void SvgCanvas::startPathOp() {
    flushPendingFill();
    if (m_d.empty() && !m_loneCircle) {
        m_pathMatrix = m_state.matrix;
        m_pathMoved = m_pathMatrix.translationOnly();
    }
}

void SvgCanvas::point(std::string& out, double x, double y) const {
    appendNumber(out, m_pathMoved ? x + m_pathMatrix.e : x);
    out += ' ';
    appendNumber(out, m_pathMoved ? y + m_pathMatrix.f : y);
}

void SvgCanvas::spillCircle() {
    if (!m_loneCircle) return;
    m_loneCircle = false;
    appendCircle(m_circle.x, m_circle.y, m_circle.r);
}

void SvgCanvas::appendCircle(double x, double y, double r) {
    // Two half arcs, from and back to the circle's rightmost point; from a current point, a line to it first.
    m_d += m_d.empty() ? "M" : " L";
    point(m_d, x + r, y);
    for (const double toX : {x - r, x + r}) {
        m_d += " A";
        appendNumber(m_d, r);
        m_d += ' ';
        appendNumber(m_d, r);
        m_d += " 0 1 1 ";
        point(m_d, toX, y);
    }
    m_d += " Z";
}

void SvgCanvas::moveTo(double x, double y) {
    startPathOp();
    spillCircle();
    m_d += m_d.empty() ? "M" : " M";
    point(m_d, x, y);
}

void SvgCanvas::lineTo(double x, double y) {
    startPathOp();
    spillCircle();
    m_d += m_d.empty() ? "M" : " L";  // as Cairo: a line from no point starts there
    point(m_d, x, y);
}

void SvgCanvas::closePath() {
    startPathOp();
    if (!m_d.empty()) m_d += " Z";  // a lone circle is closed already
}

void SvgCanvas::rectangle(double x, double y, double w, double h) {
    moveTo(x, y);
    m_d += " h";
    appendNumber(m_d, w);
    m_d += " v";
    appendNumber(m_d, h);
    m_d += " h";
    appendNumber(m_d, -w);
    m_d += " Z";
}

void SvgCanvas::circle(double x, double y, double r) {
    startPathOp();
    if (m_d.empty() && !m_loneCircle) {
        m_loneCircle = true;
        m_circle = {x, y, r};
        return;
    }
    spillCircle();
    appendCircle(x, y, r);
}

void SvgCanvas::polyline(std::span<const scene::ScreenPx> points, bool closed) {
    if (points.empty()) return;
    startPathOp();
    spillCircle();
    m_d += m_d.empty() ? "M" : " M";
    point(m_d, points[0].x_px, points[0].y_px);
    for (std::size_t i = 1; i < points.size(); ++i) {
        m_d += i == 1 ? " L" : " ";
        point(m_d, points[i].x_px, points[i].y_px);
    }
    if (closed) m_d += " Z";
}

void SvgCanvas::clearPath() {
    m_d.clear();
    m_loneCircle = false;
}

void SvgCanvas::flushPendingFill() {
    if (!m_pendingFill) return;
    m_pendingFill = false;
    writeShape(&m_pendingPaint, m_pendingRule, nullptr);
}

void SvgCanvas::fill() {
    fillPreserve();
    flushPendingFill();
    clearPath();
}

void SvgCanvas::fillPreserve() {
    flushPendingFill();
    // Held back: the stroke that usually follows goes into the same element.
    m_pendingFill = true;
    m_pendingPaint = m_state.source;
    m_pendingRule = m_state.rule;
}

void SvgCanvas::strokePreserve() {
    // The fill before it, if any, is painted first in the same element: SVG paints fill, then stroke, as Cairo did.
    const bool withFill = m_pendingFill;
    m_pendingFill = false;
    writeShape(withFill ? &m_pendingPaint : nullptr, m_pendingRule, &m_state.source);
}

void SvgCanvas::stroke() {
    strokePreserve();
    clearPath();
}

void SvgCanvas::clip() {
    flushPendingFill();
    const std::string id = "clip" + std::to_string(++m_clipCount);
    m_out += "<clipPath id=\"" + id + "\">";
    writeShape(nullptr, m_state.rule, nullptr);
    m_out += "</clipPath>\n<g clip-path=\"url(#" + id + ")\">\n";
    ++m_state.openGroups;
    clearPath();
}

void SvgCanvas::paint() {
    flushPendingFill();
    // The whole page in its own units (no transform), clipped by the groups around it.
    m_out += "<rect width=\"";
    appendNumber(m_out, m_width, 3);
    m_out += "\" height=\"";
    appendNumber(m_out, m_height, 3);
    m_out += '"';
    writePaint("fill", m_state.source);
    m_out += "/>\n";
    writeOut();
}

void SvgCanvas::writeShape(const Paint* fill, FillRule rule, const Paint* stroke) {
    if (m_d.empty() && !m_loneCircle) return;
    const bool inClip = fill == nullptr && stroke == nullptr;
    if (m_loneCircle) {
        m_out += "<circle cx=\"";
        appendNumber(m_out, m_pathMoved ? m_circle.x + m_pathMatrix.e : m_circle.x);
        m_out += "\" cy=\"";
        appendNumber(m_out, m_pathMoved ? m_circle.y + m_pathMatrix.f : m_circle.y);
        m_out += "\" r=\"";
        appendNumber(m_out, m_circle.r);
        m_out += '"';
    } else {
        m_out += "<path d=\"";
        m_out += m_d;
        m_out += '"';
        if (rule == FillRule::EvenOdd) m_out += inClip ? " clip-rule=\"evenodd\"" : " fill-rule=\"evenodd\"";
    }
    if (!m_pathMoved) writeTransform(m_pathMatrix);
    if (!inClip) {
        if (fill != nullptr) writePaint("fill", *fill);
        else m_out += " fill=\"none\"";
    }
    if (stroke != nullptr) {
        writePaint("stroke", *stroke);
        m_out += " stroke-width=\"";
        appendNumber(m_out, m_state.lineWidth, 3);
        m_out += '"';
        if (m_state.join == LineJoin::Round) m_out += " stroke-linejoin=\"round\"";
        if (!m_state.dash.empty()) {
            m_out += " stroke-dasharray=\"";
            for (std::size_t i = 0; i < m_state.dash.size(); ++i) {
                if (i > 0) m_out += ',';
                appendNumber(m_out, m_state.dash[i], 3);
            }
            m_out += '"';
        }
    }
    m_out += "/>";
    if (!inClip) m_out += '\n';
    writeOut();
}

void SvgCanvas::text(std::string_view text, const text::TextStyle& style, double x, double top, text::Rgba fill,
                     text::Rgba halo, double haloWidth) {
    flushPendingFill();
    clearPath();
    if (text.empty()) return;
    const text::TextBox box = text::measure(text, style);
    // Right-to-left text starts at its box's right edge (text-anchor start, direction rtl): the renderer reorders
    // the characters itself, as Pango did.
    double at = box.rightToLeft ? x + box.width_px : x, baseline = top + box.baseline_px;
    const Matrix& m = m_state.matrix;
    if (m.translationOnly()) {
        at += m.e;
        baseline += m.f;
    }
    m_out += "<text x=\"";
    appendNumber(m_out, at);
    m_out += "\" y=\"";
    appendNumber(m_out, baseline);
    m_out += '"';
    if (!m.translationOnly()) writeTransform(m);
    m_out += " font-family=\"" + cssFontFamily() + "\" font-size=\"";
    appendNumber(m_out, style.size_px, 3);
    m_out += '"';
    if (style.bold) m_out += " font-weight=\"bold\"";
    if (style.italic) m_out += " font-style=\"italic\"";
    if (style.letterSpacing_em != 0) {
        m_out += " letter-spacing=\"";
        appendNumber(m_out, style.letterSpacing_em * style.size_px, 3);
        m_out += '"';
    }
    if (box.rightToLeft) m_out += " direction=\"rtl\"";
    writePaint("fill", {fill.r / 255.0, fill.g / 255.0, fill.b / 255.0, fill.a / 255.0});
    if (haloWidth > 0 && halo.a > 0) {
        // The halo: the glyphs' outline stroked under their fill, with round joins, as text::draw does.
        writePaint("stroke", {halo.r / 255.0, halo.g / 255.0, halo.b / 255.0, halo.a / 255.0});
        m_out += " stroke-width=\"";
        appendNumber(m_out, haloWidth, 3);
        m_out += "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    }
    m_out += " textLength=\"";
    appendNumber(m_out, box.width_px, 3);
    m_out += "\" lengthAdjust=\"spacingAndGlyphs\">";
    m_out += xmlEscaped(text);
    m_out += "</text>\n";
    writeOut();
}

void SvgCanvas::showPage() { flushPendingFill(); }

void SvgCanvas::writeTransform(const Matrix& m) {
    if (m.translationOnly() && m.e == 0 && m.f == 0) return;
    m_out += " transform=\"matrix(";
    for (const double v : {m.a, m.b, m.c, m.d}) {
        appendNumber(m_out, v, 6);
        m_out += ' ';
    }
    appendNumber(m_out, m.e, 3);
    m_out += ' ';
    appendNumber(m_out, m.f, 3);
    m_out += ")\"";
}

void SvgCanvas::writePaint(const char* name, const Paint& p) {
    const auto byte = [](double v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    static constexpr char kHex[] = "0123456789abcdef";
    m_out += ' ';
    m_out += name;
    m_out += "=\"#";
    for (const double channel : {p.r, p.g, p.b}) {
        m_out += kHex[byte(channel) >> 4];
        m_out += kHex[byte(channel) & 15];
    }
    m_out += '"';
    if (p.a < 1) {
        m_out += ' ';
        m_out += name;
        m_out += "-opacity=\"";
        appendNumber(m_out, std::max(0.0, p.a), 4);
        m_out += '"';
    }
}

void SvgCanvas::writeOut() {
    if (m_out.size() < kWriteChunk) return;
    m_file.write(m_out.data(), m_out.size());
    m_out.clear();
}

}  // namespace bordermap::render
