#include <bordermap/scene/flight.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bordermap::scene {
namespace {

constexpr double kRho = 1.4142135623730951;  // the method's trade-off of zooming against panning: sqrt 2, as d3 uses

// The width of a view in map metres: the path is traced in the centre and this width.
double widthOf(const View& v) { return v.metresPerPixel * std::max(1, v.widthPx); }

struct Path {
    double ux0, uy0, w0, dx, dy, w1;
    double r0 = 0, length = 0;  // along the curve; for a pure zoom, length is log(w1/w0) / rho
    bool zoomOnly = false;

    Path(const View& from, const View& to)
        : ux0(from.centre.x_m), uy0(from.centre.y_m), w0(widthOf(from)), dx(to.centre.x_m - from.centre.x_m),
          dy(to.centre.y_m - from.centre.y_m), w1(widthOf(to)) {
        const double d2 = dx * dx + dy * dy;
        const double d1 = std::sqrt(d2);
        // Under a millionth of the view's width apart: a zoom in place (the curve's formulas divide by d1).
        if (d1 < 1e-6 * std::min(w0, w1)) {
            zoomOnly = true;
            length = std::log(w1 / w0) / kRho;
            return;
        }
        const double rho2 = kRho * kRho, rho4 = rho2 * rho2;
        const double b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2 * w0 * rho2 * d1);
        const double b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2 * w1 * rho2 * d1);
        r0 = std::log(std::sqrt(b0 * b0 + 1) - b0);
        const double r1 = std::log(std::sqrt(b1 * b1 + 1) - b1);
        length = (r1 - r0) / kRho;
    }

    // The centre and width at a fraction `t` of the way.
    void at(double t, double& x, double& y, double& w) const {
        const double s = t * length;
        if (zoomOnly) {
            x = ux0 + t * dx;
            y = uy0 + t * dy;
            w = w0 * std::exp(kRho * s);
            return;
        }
        const double d1 = std::sqrt(dx * dx + dy * dy);
        const double coshR0 = std::cosh(r0);
        const double u = w0 / (kRho * kRho * d1) * (coshR0 * std::tanh(kRho * s + r0) - std::sinh(r0));
        x = ux0 + u * dx;
        y = uy0 + u * dy;
        w = w0 * coshR0 / std::cosh(kRho * s + r0);
    }
};

double progress(const Transition& tr, double elapsed_s) {
    if (tr.duration_s <= 0 || elapsed_s >= tr.duration_s) return 1.0;
    return easeInOut(std::max(0.0, elapsed_s) / tr.duration_s);
}

}  // namespace

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

Transition planTransition(const View& from, const TimeSettings& fromTime, const View& to, const TimeSettings& toTime, double minDuration_s,
                          double maxDuration_s) {
    Transition tr{from, to, fromTime, toTime, minDuration_s, 0.0};
    tr.fromView.widthPx = to.widthPx;  // one window: the path is traced at the target's size
    tr.fromView.heightPx = to.heightPx;
    tr.pathLength = std::abs(Path(tr.fromView, to).length);
    // About 0.45 s a unit of path: a pan across a screen or two doublings of scale, near the minimum; a flight from
    // the whole region to a village, near the maximum.
    tr.duration_s = std::clamp(minDuration_s + 0.45 * tr.pathLength, minDuration_s, std::max(minDuration_s, maxDuration_s));
    return tr;
}

View Transition::viewAt(double elapsed_s) const {
    const double t = progress(*this, elapsed_s);
    if (t >= 1.0) return toView;
    View v = toView;
    double x = 0, y = 0, w = 0;
    Path(fromView, toView).at(t, x, y, w);
    v.centre = {x, y};
    v.metresPerPixel = std::clamp(w / std::max(1, v.widthPx), kMinMetresPerPixel, kMaxMetresPerPixel);
    return v;
}

TimeSettings Transition::timeAt(double elapsed_s) const {
    const double t = progress(*this, elapsed_s);
    if (t >= 1.0) return toTime;
    TimeSettings time = toTime;
    const auto span = (toTime.day - fromTime.day).count();
    time.day = fromTime.day + std::chrono::days(static_cast<int>(std::lround(static_cast<double>(span) * t)));
    // The window's length and mode change at the end: a window that grows day by day reads as a date moving.
    time.mode = fromTime.mode;
    time.windowDays = fromTime.windowDays;
    return time;
}

View neighbourhoodView(const View& current, MapXY point, double span_m) {
    const double wanted = std::clamp(span_m / std::max(1, std::min(current.widthPx, current.heightPx)), kMinMetresPerPixel, kMaxMetresPerPixel);
    const ScreenPx s = current.toScreen(point);
    const bool wellInside = s.x_px >= 0.15 * current.widthPx && s.x_px <= 0.85 * current.widthPx && s.y_px >= 0.15 * current.heightPx &&
                            s.y_px <= 0.85 * current.heightPx;
    if (wellInside && current.metresPerPixel <= 2.0 * wanted) return current;
    View v = current;
    v.centre = point;
    v.metresPerPixel = wanted;
    return v;
}

}  // namespace bordermap::scene
