#pragma once
// The state of the border on a date, derived from the catalogue and never stored: which crossings are closed
// and since when, what happened in the days before, and the running totals.

#include <bordermap/timeline/catalogue.hpp>

#include <map>
#include <optional>
#include <vector>

namespace bordermap::timeline {

// Open or closed; Uncertain where the date falls inside a vague start or end (a closure known only to the
// month, say); NotYetOpen before a crossing's opening date.
enum class CrossingStatus { Open, Closed, Uncertain, NotYetOpen };

std::string_view crossingStatusName(CrossingStatus status);

struct CrossingState {
    const Event* crossing = nullptr;
    CrossingStatus status = CrossingStatus::Open;
    const Event* closure = nullptr;  // the closure in force (Closed or Uncertain)
};

// The state of one crossing on `day`: closed from a closure's start until the day it reopens (its end);
// still closed after the start when the end is unknown.
CrossingState crossingStateOn(const Catalogue& catalogue, const Event& crossing, CalendarDay day);

struct Totals {
    std::map<EventKind, int> events;  // events that had certainly happened by the day, by kind
    int fatalitiesLow = 0;            // sum of the lowest reported fatality figures of those events
    int injuredLow = 0;
    int uncertain = 0;                // events whose vague date straddles the day (not counted above)
};

struct BorderState {
    CalendarDay day{};
    int windowDays = 0;
    std::vector<CrossingState> crossings;  // every crossing, in catalogue order
    // Events (not crossings, not closures) in the window of windowDays days ending on `day`: a vague date is
    // in the window when its period overlaps it. Newest first.
    std::vector<const Event*> recent;
    // Closures that began or ended inside the window.
    std::vector<const Event*> closureChanges;
    Totals cumulative;

    // The crossings Closed or Uncertain: pointers into this state, valid while it lives.
    std::vector<const CrossingState*> closed() const;
};

// The day a closure is known to be over: its end (the reopening), else the start of the crossing's next closure
// (it must have ended before that one began; the days between are uncertain), else none: still in force.
std::optional<CalendarDay> closureOverBy(const Catalogue& catalogue, const Event& closure);

// Throws InputError (field "window") when windowDays < 1.
BorderState stateOn(const Catalogue& catalogue, CalendarDay day, int windowDays);

// A point in time the slider can step to: an event's start, or a closure's reopening.
struct Moment {
    CalendarDay day{};
    const Event* event = nullptr;
    bool reopening = false;
};

std::vector<Moment> moments(const Catalogue& catalogue);          // in time order
std::optional<Moment> nextMoment(const Catalogue& catalogue, CalendarDay after);      // strictly after `after`
std::optional<Moment> previousMoment(const Catalogue& catalogue, CalendarDay before);  // strictly before `before`

}  // namespace bordermap::timeline
