#pragma once
// The state of the border on a date, derived from the catalogue and never stored: which crossings are closed
// and since when, what happened in the days before, and the running totals.

#include <bordermap/timeline/selection.hpp>

#include <map>
#include <optional>
#include <vector>

namespace bordermap::timeline {

// Open or closed; Uncertain (possibly closed) where the date falls inside a vague start or end (a closure known only
// to the month, say); NotYetOpen before a crossing's opening date; Unknown inside a state_unknown period, where no
// source says whether the crossing was open (never shown as open).
enum class CrossingStatus { Open, Closed, Uncertain, NotYetOpen, Unknown };

std::string_view crossingStatusName(CrossingStatus status);

struct CrossingState {
    const Event* crossing = nullptr;
    CrossingStatus status = CrossingStatus::Open;
    const Event* closure = nullptr;  // the closure in force (Closed or Uncertain)
    const Event* unknown = nullptr;  // the state_unknown period in force (Unknown)
};

// The state of one crossing on `day`: closed from a closure's start until the day it reopens (its end);
// still closed after the start when the end is unknown. Where no closure is in force, Unknown inside a
// state_unknown period (from its start until its end, or on with none); a closure, even a possible one, outranks it.
CrossingState crossingStateOn(const Catalogue& catalogue, const Event& crossing, CalendarDay day);

struct BorderState {
    CalendarDay day{};
    int windowDays = 0;
    std::vector<CrossingState> crossings;  // every crossing, in catalogue order
    // Events (not crossings, not closures) in the window of windowDays days ending on `day`: a vague date is
    // in the window when its period overlaps it. Newest first.
    std::vector<const Event*> recent;
    // Closures and state_unknown periods that began or ended inside the window.
    std::vector<const Event*> closureChanges;
    Totals cumulative;

    // The crossings Closed or Uncertain (not Unknown): pointers into this state, valid while it lives.
    std::vector<const CrossingState*> closed() const;
};

// The day a closure (or state_unknown period) is known to be over: the day after its end's period (the reopening
// day itself for an end known to the day; 1 January 2023 for a closure that began and ended in 2022), else, for a
// closure, the start of the crossing's next closure (it must have ended before that one began; the days between are
// uncertain), else none: still in force.
std::optional<CalendarDay> closureOverBy(const Catalogue& catalogue, const Event& closure);

// The state on `day` of the events `selection` holds (crossings and closures always). O(log n + what is in the
// window). Throws InputError (field "window") when windowDays < 1.
BorderState stateOn(const EventSelection& selection, CalendarDay day, int windowDays);
// The same with every event (builds a selection: O(n)).
BorderState stateOn(const Catalogue& catalogue, CalendarDay day, int windowDays);

// A point in time the slider can step to: an event's start, or a closure's reopening.
struct Moment {
    CalendarDay day{};
    const Event* event = nullptr;
    bool reopening = false;
};

// A moment's date as precisely as it is known: "May 2017" for an event known only to the month, never the first
// of the month the slider steps to.
std::string displayMoment(const Moment& moment);

std::vector<Moment> moments(const Catalogue& catalogue);          // in time order
// The first moment strictly after `after` (the last strictly before `before`), among the events `selection`
// holds when one is given. O(log n) plus the closures.
std::optional<Moment> nextMoment(const Catalogue& catalogue, CalendarDay after, const EventSelection* selection = nullptr);
std::optional<Moment> previousMoment(const Catalogue& catalogue, CalendarDay before, const EventSelection* selection = nullptr);

}  // namespace bordermap::timeline
