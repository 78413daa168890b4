#pragma once
// The timeline strip's axis, without ImGui, so that tests can drive it: the days shown (a real number of days, so
// that zooming is smooth) kept within the data's days; days to pixels and back; zooming about a pixel and panning;
// ticks and labels at a unit that suits the zoom (decades down to days), never overlapping; and which bar (an
// event's tick, a closure) lies under a pixel.

#include <bordermap/timeline/selection.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::ui {

// Days since 1970-01-01 as a real number: the calendar day d covers [d, d + 1).
double dayNumber(timeline::CalendarDay day);
// The calendar day holding a real day number.
timeline::CalendarDay calendarDayOf(double day);

// The days a strip shows, from_day up to to_day.
struct DaySpan {
    double from_day = 0, to_day = 1;
    double length_days() const { return to_day - from_day; }
    friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

// The shortest span a strip zooms to: a week, its days a finger's width apart on a laptop's strip.
inline constexpr double kMinSpan_days = 7.0;
// How far past the data's first and last day a strip may show, as a share of the span shown (a zoomed-in strip
// pans a little past the last event, not years into the empty future).
inline constexpr double kSpanMargin = 0.04;

// The span at least kMinSpan_days and at most the data's days (first..last, inclusive) with their margins long,
// moved (not resized) to lie within those days and margins.
DaySpan clampSpan(DaySpan span, timeline::CalendarDay first, timeline::CalendarDay last);
// Every day of the data, with the margins.
DaySpan wholeSpan(timeline::CalendarDay first, timeline::CalendarDay last);

// A span laid across the pixels x0_px..x1_px (window pixels, left to right).
class StripAxis {
public:
    StripAxis(DaySpan span, double x0_px, double x1_px);
    const DaySpan& span() const { return m_span; }
    double x0_px() const { return m_x0; }
    double x1_px() const { return m_x1; }
    double pxPerDay() const { return (m_x1 - m_x0) / m_span.length_days(); }
    double xOf(double day) const { return m_x0 + (day - m_span.from_day) * pxPerDay(); }
    double xOf(timeline::CalendarDay day) const { return xOf(dayNumber(day)); }
    double dayAt(double x_px) const { return m_span.from_day + (x_px - m_x0) / pxPerDay(); }
    // The span zoomed by `factor` (above 1 zooms in) about the pixel x_px, whose day stays under it unless the
    // limits move the span; then clamped (clampSpan) to the data's days first..last.
    DaySpan zoomedAt(double x_px, double factor, timeline::CalendarDay first, timeline::CalendarDay last) const;
    // The span dragged by dx_px (a drag to the right shows earlier days), clamped to the data's days.
    DaySpan pannedBy(double dx_px, timeline::CalendarDay first, timeline::CalendarDay last) const;

private:
    DaySpan m_span;
    double m_x0, m_x1;
};

// The units the axis ticks at, coarsest first; weeks begin on Monday, as the histogram's.
enum class TickUnit { Decade, FiveYears, Year, Quarter, Month, Week, Day };
std::string_view tickUnitName(TickUnit unit);  // "decade", "5 years", "year", "quarter", "month", "week", "day"

struct AxisLabel {
    timeline::CalendarDay day;
    double x_px = 0;     // the tick's; the text starts there
    double width_px = 0;
    std::string text;    // "2025", "Oct", "Oct 2025", "14", "14 Oct 2025"
};

// The ticks of an axis: small ones at `minor`, labelled ones at `labelled` (as coarse or coarser).
struct AxisTicks {
    TickUnit minor = TickUnit::Year, labelled = TickUnit::Decade;
    std::vector<double> minor_px;
    std::vector<AxisLabel> labels;  // left to right, each at least gap_px clear of the next, none past x1
};

// Measures a label's width in pixels (the strip passes the font's; tests pass a fixed width a character).
using TextWidth = std::function<double(std::string_view)>;

// The ticks for what `axis` shows: minor ticks at the finest unit at least minTick_px apart, labels at the finest
// unit whose labels fit between two ticks with gap_px to spare. A label names its unit ("2025", "Oct", "14") and
// the first one, and each new year's, gives the context ("Oct 2025", "2026"). Labels that would still touch the
// one before are left out.
AxisTicks axisTicks(const StripAxis& axis, const TextWidth& width_px, double minTick_px, double gap_px);

// A bar on the strip, in window pixels.
struct Bar {
    double x0_px = 0, x1_px = 0;
};

// Which of `bars` lies under x_px: one that holds it (the narrowest where several do, so that a short closure drawn
// over a long one can be picked), else the nearest within tolerance_px; none when no bar is that close.
std::optional<std::size_t> barAt(std::span<const Bar> bars, double x_px, double tolerance_px);

// An event's tick: its start's period (a day, a month, a year), at least minWidth_px wide.
Bar eventBar(const StripAxis& axis, const timeline::Date& start, double minWidth_px);
// A closure's or state_unknown period's bar: from its start until it is known to be over (closureOverBy), or
// until `lastDay` (the data's) where it is still in force; at least minWidth_px wide.
Bar statePeriodBar(const timeline::Catalogue& catalogue, const timeline::Event& period, const StripAxis& axis, timeline::CalendarDay lastDay,
                   double minWidth_px);

// The event of `kind` among those `events` shows whose tick (eventBar) lies under x_px, or the nearest within
// tolerance_px; nullptr when none. O(log n + the events near x).
const timeline::Event* eventTickAt(const timeline::EventSelection& events, timeline::EventKind kind, const StripAxis& axis, double x_px,
                                   double tolerance_px, double minWidth_px);
// The closure or state_unknown period of the crossing `crossingId` whose bar lies under x_px (as barAt); nullptr
// when none.
const timeline::Event* statePeriodAt(const timeline::Catalogue& catalogue, std::string_view crossingId, const StripAxis& axis,
                                     timeline::CalendarDay lastDay, double x_px, double tolerance_px, double minWidth_px);

// What hovering an event's tick or a closure's bar says: its name, then its dates with their precision and its kind
// ("14 October 2025 (known to the day) · clash"); a closure's crossing, from and to, and "no reopening recorded"
// where the data has none.
std::vector<std::string> describeOnStrip(const timeline::Catalogue& catalogue, const timeline::Event& event);

}  // namespace bordermap::ui
