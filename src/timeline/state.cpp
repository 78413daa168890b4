#include "bordermap/timeline/state.hpp"

#include <bordermap/core/error.hpp>

#include <algorithm>

namespace bordermap::timeline {

namespace {

using namespace std::chrono;

// The status one closure gives its crossing on `day`, or nothing when it is not in force. `nextStart` is the
// start of the crossing's next closure: a closure with no recorded end must have ended before another began,
// so until then its crossing is only possibly closed, and after it this closure is over.
std::optional<CrossingStatus> closureStatusOn(const Event& closure, CalendarDay day, std::optional<CalendarDay> nextStart) {
    if (!closure.start || day < closure.start->first()) return std::nullopt;
    if (closure.end) {
        if (day > closure.end->last()) return std::nullopt;
        if (day >= closure.end->first())
            return closure.end->precision() == TimePrecision::Day ? std::nullopt
                                                                   : std::optional(CrossingStatus::Uncertain);
    } else if (nextStart) {
        return day < *nextStart ? std::optional(CrossingStatus::Uncertain) : std::nullopt;
    }
    return day <= closure.start->last() && closure.start->precision() != TimePrecision::Day
               ? CrossingStatus::Uncertain
               : CrossingStatus::Closed;
}

bool isTimed(const Event& e) { return e.kind != EventKind::Crossing && e.start.has_value(); }

// Whether a state_unknown period covers `day`: from the first day of its start until its end (Date::firstDayPast).
bool unknownOn(const Event& period, CalendarDay day) {
    return period.start && day >= period.start->first() && (!period.end || day < period.end->firstDayPast());
}

}  // namespace

std::optional<CalendarDay> closureOverBy(const Catalogue& catalogue, const Event& closure) {
    if (closure.end) return closure.end->firstDayPast();
    if (!closure.start || closure.kind != EventKind::Closure) return std::nullopt;
    for (const Event* other : catalogue.closuresOf(closure.crossing))
        if (other->start && other->start->first() > closure.start->last()) return other->start->first();
    return std::nullopt;
}

std::string_view crossingStatusName(CrossingStatus status) {
    switch (status) {
    case CrossingStatus::Open: return "open";
    case CrossingStatus::Closed: return "closed";
    case CrossingStatus::Uncertain: return "possibly closed";
    case CrossingStatus::NotYetOpen: return "not yet open";
    case CrossingStatus::Unknown: return "state unknown";
    }
    return "open";
}

CrossingState crossingStateOn(const Catalogue& catalogue, const Event& crossing, CalendarDay day) {
    CrossingState state{&crossing, CrossingStatus::Open, nullptr};
    if (crossing.start && day < crossing.start->first()) {
        state.status = CrossingStatus::NotYetOpen;
        return state;
    }
    const std::vector<const Event*> closures = catalogue.closuresOf(crossing.id);  // in order of start
    for (std::size_t i = 0; i < closures.size(); ++i) {
        const Event* closure = closures[i];
        std::optional<CalendarDay> nextStart;
        for (std::size_t j = i + 1; j < closures.size() && !nextStart; ++j)
            if (closures[j]->start && closures[j]->start->first() > closure->start->last()) nextStart = closures[j]->start->first();
        const auto status = closureStatusOn(*closure, day, nextStart);
        if (!status) continue;
        // A certain closure outranks an uncertain one; among equals, the one in force longest.
        if (state.closure == nullptr || (*status == CrossingStatus::Closed && state.status != CrossingStatus::Closed)) {
            state.status = *status;
            state.closure = closure;
        }
    }
    if (state.closure != nullptr) return state;
    for (const Event* period : catalogue.statePeriodsOf(crossing.id))
        if (period->kind == EventKind::StateUnknown && unknownOn(*period, day)) {
            state.status = CrossingStatus::Unknown;
            state.unknown = period;
            break;
        }
    return state;
}

std::vector<const CrossingState*> BorderState::closed() const {
    std::vector<const CrossingState*> out;
    for (const CrossingState& c : crossings)
        if (c.status == CrossingStatus::Closed || c.status == CrossingStatus::Uncertain) out.push_back(&c);
    return out;
}

BorderState stateOn(const EventSelection& selection, CalendarDay day, int windowDays) {
    if (windowDays < 1) throw InputError({{}, {}, {}, "window"}, "the window must be at least 1 day");
    const Catalogue& catalogue = selection.catalogue();
    BorderState state;
    state.day = day;
    state.windowDays = windowDays;
    for (const Event* crossing : catalogue.crossings())
        if (selection.selected(*crossing)) state.crossings.push_back(crossingStateOn(catalogue, *crossing, day));

    const CalendarDay windowStart = day - days{windowDays - 1};
    const auto inWindow = [&](const Date& d) { return d.first() <= day && d.last() >= windowStart; };
    selection.forEachOverlapping(windowStart, day, [&](const Event& e) {
        if (isTimed(e) && !isCrossingState(e.kind)) state.recent.push_back(&e);
    });
    for (const Event* crossing : catalogue.crossings())
        for (const Event* closure : catalogue.statePeriodsOf(crossing->id))
            if (selection.selected(*closure) && closure->start &&
                (inWindow(*closure->start) || (closure->end && inWindow(*closure->end))))
                state.closureChanges.push_back(closure);
    std::stable_sort(state.closureChanges.begin(), state.closureChanges.end(),
                     [](const Event* a, const Event* b) { return *a->start < *b->start; });
    std::stable_sort(state.recent.begin(), state.recent.end(),
                     [](const Event* a, const Event* b) { return *b->start < *a->start; });
    state.cumulative = selection.totalsOn(day);
    return state;
}

BorderState stateOn(const Catalogue& catalogue, CalendarDay day, int windowDays) {
    return stateOn(EventSelection(catalogue), day, windowDays);
}

std::string displayMoment(const Moment& moment) {
    const std::optional<Date>& date = moment.reopening ? moment.event->end : moment.event->start;
    return date && date->first() == moment.day ? date->display() : displayDay(moment.day);
}

std::vector<Moment> moments(const Catalogue& catalogue) {
    std::vector<Moment> out;
    for (const Event& e : catalogue.events) {
        if (!isTimed(e)) continue;
        out.push_back({e.start->first(), &e, false});
        if (e.kind == EventKind::Closure && e.end) out.push_back({e.end->first(), &e, true});
    }
    std::stable_sort(out.begin(), out.end(), [](const Moment& a, const Moment& b) { return a.day < b.day; });
    return out;
}

std::optional<Moment> nextMoment(const Catalogue& catalogue, CalendarDay after, const EventSelection* selection) {
    std::optional<Moment> best;
    // Events are in order of start: the first that starts after `after` and is selected.
    for (const Event& e : catalogue.startingAround(after + days{1}, CalendarDay::max())) {
        if (!isTimed(e) || e.start->first() <= after || (selection && !selection->selected(e))) continue;
        best = Moment{e.start->first(), &e, false};
        break;
    }
    for (const Event* crossing : catalogue.crossings())
        for (const Event* closure : catalogue.closuresOf(crossing->id))
            if (closure->end && closure->end->first() > after &&
                (!best || closure->end->first() < best->day || (closure->end->first() == best->day && !best->reopening)) &&
                (!selection || selection->selected(*closure)))
                best = Moment{closure->end->first(), closure, true};
    return best;
}

std::optional<Moment> previousMoment(const Catalogue& catalogue, CalendarDay before, const EventSelection* selection) {
    std::optional<Moment> best;
    const auto candidates = catalogue.startingAround(CalendarDay::min() + days{400}, before - days{1});
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
        const Event& e = *it;
        if (!isTimed(e) || e.start->first() >= before || (selection && !selection->selected(e))) continue;
        best = Moment{e.start->first(), &e, false};
        break;
    }
    for (const Event* crossing : catalogue.crossings())
        for (const Event* closure : catalogue.closuresOf(crossing->id))
            if (closure->end && closure->end->first() < before && (!best || closure->end->first() > best->day) &&
                (!selection || selection->selected(*closure)))
                best = Moment{closure->end->first(), closure, true};
    return best;
}

}  // namespace bordermap::timeline
