#pragma once
// What the user asked to see: a filter over the events (kinds, deaths, sources, actors, free text, the embedded
// catalogue or not), and the selection it makes of a catalogue, indexed so that "what is shown on this date, in
// this window" and "how many by this date" cost O(log n + shown) however many events are loaded.

#include <bordermap/timeline/catalogue.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bordermap::timeline {

// Crossings and closures are the state of the border, not events to pick from: only `embedded` applies to them.
// Text matches ignore case (ASCII letters) and look for the text anywhere in the field.
struct EventFilter {
    std::vector<EventKind> kinds;  // empty: every kind
    int minDeaths = 0;             // at least this many killed (the fewest the reports support); 0: any
    std::string source;            // one of the event's sources (title, publisher) contains this
    std::string actor;             // actor1 or actor2 (ACLED) contains this
    std::string text;              // the name, summary, note or place names contain this
    bool embedded = true;          // false: the user's files alone

    bool active() const;
    bool matches(const Catalogue& catalogue, const Event& event) const;
    // How an export or a status line names the filter: "kinds airstrike, clash; at least 5 killed; source 'Dawn'".
    // Empty when no filter is set.
    std::string describe() const;
    friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

// Parses "airstrike,clash" into kinds; throws InputError (field "kinds") naming an unknown one.
std::vector<EventKind> parseKindList(std::string_view text);

struct Totals {
    std::map<EventKind, int> events;  // events that had certainly happened by the day, by kind
    long long fatalitiesLow = 0;      // sum of the lowest reported fatality figures of those events
    long long injuredLow = 0;
    int uncertain = 0;                // events whose vague date straddles the day (not counted above)
};

// The events of a catalogue that pass a filter, indexed by date. Building it costs O(n) (a filter change);
// every query after is O(log n + what it returns). Holds references to the catalogue, which must outlive it.
class EventTextIndex;

class EventSelection {
public:
    // A text filter is looked for through `textIndex` when it is given (an index of this catalogue: a few ms),
    // else in every event's text (a million events: a quarter of a second); both select the same events.
    EventSelection(const Catalogue& catalogue, EventFilter filter, const EventTextIndex* textIndex = nullptr);
    // Every event of the catalogue (a catalogue may stand where a selection is wanted).
    EventSelection(const Catalogue& catalogue) : EventSelection(catalogue, EventFilter{}) {}  // NOLINT

    const Catalogue& catalogue() const { return *m_catalogue; }
    const EventFilter& filter() const { return m_filter; }
    bool selected(const Event& event) const { return selectedAt(m_catalogue->indexOf(event)); }
    bool selectedAt(std::uint32_t index) const { return m_selected[index] != 0; }
    // The dated events selected (crossings and closures among them), in order of start.
    std::span<const std::uint32_t> indices() const { return m_shown; }
    // How many dated events are selected, crossings, closures and marked duplicates left out.
    std::size_t eventCount() const { return m_firstDays.size(); }

    // Calls f(event) for each selected event whose days overlap the days from..to, in order of start: its start's
    // period, through its end for an event over days (talks from the 25th to the 30th; EventFacts::lastDay).
    template <class F>
    void forEachOverlapping(CalendarDay from, CalendarDay to, F&& f) const {
        const auto& events = m_catalogue->events;
        const CalendarDay earliest = from - std::chrono::days{m_catalogue->longestStartDays()};
        auto it = std::partition_point(m_shown.begin(), m_shown.end(),
                                       [&](std::uint32_t i) { return events[i].start->first() < earliest; });
        for (; it != m_shown.end() && events[*it].start->first() <= to; ++it)
            if (m_catalogue->facts()[*it].lastDay >= from.time_since_epoch().count()) f(events[*it]);
    }

    // Events (not crossings or closures, not marked duplicates of an embedded event) certainly before or on
    // `day`, by kind, with their deaths and injuries summed; and how many straddle it.
    Totals totalsOn(CalendarDay day) const;

private:
    const Catalogue* m_catalogue;
    EventFilter m_filter;
    std::vector<char> m_selected;         // by event index
    std::vector<std::uint32_t> m_shown;   // dated and selected, in order of start
    // For totals: the counted events' first days (ascending), and each kind's last days (ascending); the running
    // sums of deaths and injuries over the counted events in order of last day, kept every kSumStep events (the
    // rest summed at query time from the catalogue's order), so that a million events cost a few bytes each.
    static constexpr std::size_t kSumStep = 32;
    std::vector<std::int32_t> m_firstDays;
    std::array<std::vector<std::int32_t>, kEventKindCount> m_lastDaysByKind;
    std::vector<std::uint32_t> m_counted;  // indices of the counted events, in order of last day
    std::vector<long long> m_deathsBefore;   // m_deathsBefore[j]: the deaths of m_counted[0 .. j * kSumStep)
    std::vector<long long> m_injuredBefore;
};

// Events per day, week or month, by kind: the volume strip under the time slider.
enum class HistogramUnit { Day, Week, Month };

struct Histogram {
    HistogramUnit unit = HistogramUnit::Month;
    std::vector<CalendarDay> binStarts;  // bin i holds the days from binStarts[i] up to binStarts[i + 1]
    CalendarDay end{};                   // the day after the last bin
    std::vector<std::array<int, kEventKindCount>> counts;  // per bin, per kind (EventKind as index)
    int largest = 0;                     // the most events in one bin
};

// The finest unit whose bins are at least `minBin_px` wide when `days` days span `width_px` pixels.
HistogramUnit histogramUnitFor(int days, double width_px, double minBin_px = 3.0);
std::string_view histogramUnitName(HistogramUnit unit);  // "day", "week", "month"

// The selected events (not crossings or closures) counted by the first day of their start, in bins of `unit`
// (weeks from Monday, months from the 1st) covering from..to. O(log n + events in the range).
Histogram histogramOf(const EventSelection& selection, CalendarDay from, CalendarDay to, HistogramUnit unit);

}  // namespace bordermap::timeline
