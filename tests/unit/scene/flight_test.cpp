// Transitions between views and dates: the guided step to an event and a briefing's next scene. Where the view and
// the date are at the start, halfway and the end; that a far move zooms out on the way and a near one does not;
// that the duration grows with the path; the neighbourhood view of an event.
#include "scene_fixture.hpp"

#include <bordermap/scene/flight.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace bordermap;
using namespace bordermap::scene;
using test::day;

namespace {

View viewAt(double x, double y, double mpp) {
    View v;
    v.centre = {x, y};
    v.metresPerPixel = mpp;
    v.widthPx = 1200;
    v.heightPx = 800;
    return v;
}

}  // namespace

TEST_CASE("a transition starts at its first view and date, is between them halfway, and ends exactly at its second") {
    const View from = viewAt(0, 0, 1000), to = viewAt(600'000, 200'000, 250);
    const TimeSettings t0{day("2025-10-11"), TimeMode::Window, 30}, t1{day("2025-10-21"), TimeMode::Cumulative, 7};
    const Transition tr = planTransition(from, t0, to, t1);
    REQUIRE(tr.duration_s >= 0.7);
    REQUIRE(tr.duration_s <= 1.6);

    const View start = tr.viewAt(0);
    CHECK(start.centre.x_m == doctest::Approx(0).epsilon(1e-9));
    CHECK(start.centre.y_m == doctest::Approx(0).epsilon(1e-9));
    CHECK(start.metresPerPixel == doctest::Approx(1000));
    CHECK(tr.timeAt(0).day == day("2025-10-11"));
    CHECK(tr.timeAt(0).mode == TimeMode::Window);

    // Halfway in time is halfway in eased progress: the centre on the line between, past neither end.
    const View mid = tr.viewAt(tr.duration_s / 2);
    const double along = mid.centre.x_m / 600'000;
    CHECK(along > 0.05);
    CHECK(along < 0.95);
    CHECK(mid.centre.y_m == doctest::Approx(along * 200'000).epsilon(1e-6));
    CHECK(tr.timeAt(tr.duration_s / 2).day == day("2025-10-16"));
    CHECK(tr.timeAt(tr.duration_s / 2).mode == TimeMode::Window);  // the window changes at the end, not on the way

    const View end = tr.viewAt(tr.duration_s);
    CHECK(end.centre.x_m == 600'000);
    CHECK(end.centre.y_m == 200'000);
    CHECK(end.metresPerPixel == 250);
    CHECK(tr.timeAt(tr.duration_s) == t1);
    CHECK(tr.timeAt(tr.duration_s + 5).day == day("2025-10-21"));
    CHECK(tr.done(tr.duration_s));
    CHECK_FALSE(tr.done(tr.duration_s / 2));
}

TEST_CASE("a far move zooms out on the way, a near one hardly does, and a zoom in place stays put") {
    // 2000 km at 200 m a pixel (a screen is 240 km): the reader is taken up to see both places.
    const Transition far = planTransition(viewAt(0, 0, 200), {}, viewAt(2'000'000, 0, 200), {});
    CHECK(far.viewAt(far.duration_s / 2).metresPerPixel > 3 * 200);
    // Half a screen at the same scale: a pan, the scale within a few per cent.
    const Transition near = planTransition(viewAt(0, 0, 200), {}, viewAt(120'000, 0, 200), {});
    CHECK(near.viewAt(near.duration_s / 2).metresPerPixel < 1.15 * 200);
    CHECK(near.duration_s < far.duration_s);
    // The same centre, four times the scale: the centre stays, the scale passes through the geometric mean.
    const Transition zoom = planTransition(viewAt(5000, 7000, 1000), {}, viewAt(5000, 7000, 250), {});
    const View mid = zoom.viewAt(zoom.duration_s / 2);
    CHECK(mid.centre.x_m == doctest::Approx(5000));
    CHECK(mid.centre.y_m == doctest::Approx(7000));
    CHECK(mid.metresPerPixel == doctest::Approx(500).epsilon(1e-6));
    // No move and no date change: the shortest transition, at its end from the start.
    const Transition none = planTransition(viewAt(1, 2, 300), {}, viewAt(1, 2, 300), {});
    CHECK(none.pathLength == doctest::Approx(0).epsilon(1e-9));
    CHECK(none.duration_s == doctest::Approx(0.7));
}

TEST_CASE("the eased progress is slow at both ends and symmetric") {
    CHECK(easeInOut(0) == 0);
    CHECK(easeInOut(1) == 1);
    CHECK(easeInOut(0.5) == doctest::Approx(0.5));
    CHECK(easeInOut(0.1) < 0.1);
    CHECK(easeInOut(0.9) > 0.9);
    CHECK(easeInOut(0.25) + easeInOut(0.75) == doctest::Approx(1));
}

TEST_CASE("an event's neighbourhood: the view kept when the event is well inside it, else centred on it") {
    const View current = viewAt(0, 0, 1000);  // 1200 x 800 km
    // 250 km across the shorter side: 312.5 m a pixel. A point well inside at 1000 m a pixel (more than twice that): fly.
    const View flown = neighbourhoodView(current, {100'000, 50'000}, 250'000);
    CHECK(flown.centre.x_m == 100'000);
    CHECK(flown.centre.y_m == 50'000);
    CHECK(flown.metresPerPixel == doctest::Approx(312.5));
    // Already close enough and well inside: kept.
    const View close = viewAt(0, 0, 500);
    CHECK(neighbourhoodView(close, {50'000, 20'000}, 250'000).centre.x_m == 0);
    CHECK(neighbourhoodView(close, {50'000, 20'000}, 250'000).metresPerPixel == 500);
    // Near the edge (within 15 %): centred.
    CHECK(neighbourhoodView(close, {280'000, 0}, 250'000).centre.x_m == 280'000);
}
