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

}  // namespace

std::optional<CalendarDay> closureOverBy(const Catalogue& catalogue, const Event& closure) {
    if (closure.end) return closure.end->first();
    if (!closure.start) return std::nullopt;
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
    return state;
}

std::vector<const CrossingState*> BorderState::closed() const {
    std::vector<const CrossingState*> out;
    for (const CrossingState& c : crossings)
        if (c.status == CrossingStatus::Closed || c.status == CrossingStatus::Uncertain) out.push_back(&c);
    return out;
}

BorderState stateOn(const Catalogue& catalogue, CalendarDay day, int windowDays) {
    if (windowDays < 1) throw InputError({{}, {}, {}, "window"}, "the window must be at least 1 day");
    BorderState state;
    state.day = day;
    state.windowDays = windowDays;
    for (const Event* crossing : catalogue.crossings()) state.crossings.push_back(crossingStateOn(catalogue, *crossing, day));

    const CalendarDay windowStart = day - days{windowDays - 1};
    const auto inWindow = [&](const Date& d) { return d.first() <= day && d.last() >= windowStart; };
    for (const Event& e : catalogue.events) {
        if (!isTimed(e)) continue;
        if (e.kind == EventKind::Closure) {
            if (inWindow(*e.start) || (e.end && inWindow(*e.end))) state.closureChanges.push_back(&e);
            continue;
        }
        if (inWindow(*e.start)) state.recent.push_back(&e);
        if (e.start->last() <= day) {
            ++state.cumulative.events[e.kind];
            state.cumulative.fatalitiesLow += e.fatalitiesLow.value_or(0);
            state.cumulative.injuredLow += e.injuredLow.value_or(0);
        } else if (e.start->first() <= day) {
            ++state.cumulative.uncertain;
        }
    }
    std::stable_sort(state.recent.begin(), state.recent.end(),
                     [](const Event* a, const Event* b) { return *b->start < *a->start; });
    return state;
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

std::optional<Moment> nextMoment(const Catalogue& catalogue, CalendarDay after) {
    for (const Moment& m : moments(catalogue))
        if (m.day > after) return m;
    return std::nullopt;
}

std::optional<Moment> previousMoment(const Catalogue& catalogue, CalendarDay before) {
    const auto all = moments(catalogue);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->day < before) return *it;
    return std::nullopt;
}

}  // namespace bordermap::timeline
