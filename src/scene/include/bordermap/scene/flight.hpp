#pragma once
// Moving from one view (and date) to another as an animation: the guided step to an event, a briefing's next scene.
// The path is van Wijk and Nuij's "smooth and efficient zooming and panning" (2003), the one d3-zoom and web maps
// use: a far move zooms out on the way, so that the reader sees where the map goes, and back in; a near one pans.
// Progress is eased (slow at both ends); the date runs with it through the days between, so that the map fills in
// as the slider moves.

#include <bordermap/scene/scene.hpp>
#include <bordermap/scene/view.hpp>

namespace bordermap::scene {

struct Transition {
    View fromView, toView;
    TimeSettings fromTime, toTime;
    double duration_s = 1.0;
    // The path's length in the method's units (about one per doubling of the scale or per screen width panned);
    // 0 for a transition that does not move the view.
    double pathLength = 0.0;

    // Where the transition is `elapsed_s` after its start: the view and the time, `toView` and `toTime` from
    // `duration_s` on. The window's size is always the target's.
    View viewAt(double elapsed_s) const;
    TimeSettings timeAt(double elapsed_s) const;
    bool done(double elapsed_s) const { return elapsed_s >= duration_s; }
};

// A transition from `from` to `to` (the views keep their own sizes; `to`'s is used throughout). Its duration grows
// with the path's length, between `minDuration_s` and `maxDuration_s`; a step of a day with no move takes the minimum.
Transition planTransition(const View& from, const TimeSettings& fromTime, const View& to, const TimeSettings& toTime,
                          double minDuration_s = 0.7, double maxDuration_s = 1.6);

// The eased progress for a linear one: cubic ease-in-out, 0 at 0, 1 at 1, 0.5 at 0.5.
double easeInOut(double t);

// A view of `point`'s neighbourhood: centred on it, about `span_m` of map across the screen's shorter side; `current`
// kept as it is when the point already lies well inside it (its middle 70 %) at a scale no coarser than twice that.
View neighbourhoodView(const View& current, MapXY point, double span_m);

}  // namespace bordermap::scene
