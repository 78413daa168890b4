#pragma once
// An SVG document written as the export draws, with its text as <text> elements (searchable, selectable, editable,
// readable by a test) where Cairo's SVG surface would turn every glyph into an outline. Each fill and stroke is one
// <path> (a lone circle a <circle>; a fill followed by a stroke of the same path one element with both), each clip
// a <clipPath> and a <g> around what it clips. User units are output pixels: an element drawn under a plain
// translation has its coordinates moved by it, any other transform is written as the element's transform.
// A text is placed by its baseline where the text engine (Pango) puts it, its width locked to Pango's
// (textLength, lengthAdjust="spacingAndGlyphs"), so that an SVG renderer lays it out as the PNG has it.

#include "canvas.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bordermap {
class AtomicFile;
}

namespace bordermap::render {

// `text` with &, <, > and " escaped for XML, and the control characters XML 1.0 does not allow left out.
std::string xmlEscaped(std::string_view text);

class SvgCanvas final : public Canvas {
public:
    // Starts the document in `file`: a page of width x height user units (output pixels), each `pointsPerUnit`
    // points (72 / dpi) on paper, with `metadata` (a whole element, or empty) right after the <svg> start tag.
    SvgCanvas(AtomicFile& file, double width, double height, double pointsPerUnit, std::string_view metadata);

    // Closes what is open and writes the rest of the document. Throws OperationError when the file refuses it.
    void finish();

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
    void showPage() override;  // a single page: nothing to do

private:
    // x' = a x + c y + e, y' = b x + d y + f, as cairo_matrix_t.
    struct Matrix {
        double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
        bool translationOnly() const { return a == 1 && b == 0 && c == 0 && d == 1; }
    };
    struct Paint {
        double r = 0, g = 0, b = 0, a = 1;
    };
    struct State {
        Matrix matrix;
        Paint source;                // Cairo's default: opaque black
        double lineWidth = 2;        // Cairo's default
        std::vector<double> dash;
        LineJoin join = LineJoin::Miter;
        FillRule rule = FillRule::NonZero;
        int openGroups = 0;          // the clips' <g> opened under this state, closed by restore()
    };
    // The path being built: its data in the units `m_pathMatrix` maps to the page (none when it was a translation,
    // which the coordinates already include), and a lone full circle kept apart to be written as <circle>.
    struct Circle {
        double x = 0, y = 0, r = 0;
    };

    void point(std::string& out, double x, double y) const;  // a coordinate pair, moved by the path's translation
    void spillCircle();                 // a lone circle into the path data, before more is added to it
    void appendCircle(double x, double y, double r);
    void startPathOp();                 // before any change to the path
    void clearPath();
    void flushPendingFill();            // a fillPreserve not followed by a stroke of the same path
    void writeShape(const Paint* fill, FillRule rule, const Paint* stroke);
    void writeTransform(const Matrix& m);
    void writePaint(const char* name, const Paint& p);
    void writeOut();                    // hands the buffer to the file once it is large

    AtomicFile& m_file;
    double m_width, m_height;
    std::string m_out;
    State m_state;
    std::vector<State> m_saved;
    std::string m_d;
    Matrix m_pathMatrix;
    bool m_pathMoved = false;           // the path's points are moved by m_pathMatrix's translation
    bool m_loneCircle = false;
    Circle m_circle;
    bool m_pendingFill = false;
    Paint m_pendingPaint;
    FillRule m_pendingRule = FillRule::NonZero;
    int m_clipCount = 0;
};

}  // namespace bordermap::render
