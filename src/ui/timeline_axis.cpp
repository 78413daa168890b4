#include "bordermap/ui/timeline_axis.hpp"

#include <bordermap/timeline/state.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace bordermap::ui {

namespace {

using namespace std::chrono;
using timeline::CalendarDay;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The shortest a unit runs, in days: its ticks are at least this far apart.
double shortestDays(TickUnit unit) {
    switch (unit) {
    case TickUnit::Decade: return 3652;
    case TickUnit::FiveYears: return 1826;
    case TickUnit::Year: return 365;
    case TickUnit::Quarter: return 90;
    case TickUnit::Month: return 28;
    case TickUnit::Week: return 7;
    case TickUnit::Day: return 1;
    }
    return 1;
}

constexpr std::array<TickUnit, 7> kUnitsFinestFirst = {TickUnit::Day, TickUnit::Week, TickUnit::Month, TickUnit::Quarter,
                                                       TickUnit::Year, TickUnit::FiveYears, TickUnit::Decade};

// The first tick of `unit` on or before `d`.
CalendarDay unitFloor(CalendarDay d, TickUnit unit) {
    const year_month_day ymd{d};
    const int y = static_cast<int>(ymd.year());
    const auto floorTo = [](int value, int step) { return value - ((value % step) + step) % step; };
    switch (unit) {
    case TickUnit::Decade: return sys_days{year{floorTo(y, 10)} / January / 1};
    case TickUnit::FiveYears: return sys_days{year{floorTo(y, 5)} / January / 1};
    case TickUnit::Year: return sys_days{ymd.year() / January / 1};
    case TickUnit::Quarter: {
        const unsigned m = static_cast<unsigned>(ymd.month());
        return sys_days{ymd.year() / month{(m - 1) / 3 * 3 + 1} / 1};
    }
    case TickUnit::Month: return sys_days{ymd.year() / ymd.month() / 1};
    case TickUnit::Week: return d - days{weekday{d}.iso_encoding() - 1};
    case TickUnit::Day: return d;
    }
    return d;
}

// The tick after `d` (itself a tick of `unit`).
CalendarDay unitNext(CalendarDay d, TickUnit unit) {
    const year_month_day ymd{d};
    switch (unit) {
    case TickUnit::Decade: return sys_days{ymd + years{10}};
    case TickUnit::FiveYears: return sys_days{ymd + years{5}};
    case TickUnit::Year: return sys_days{ymd + years{1}};
    case TickUnit::Quarter: return sys_days{ymd + months{3}};
    case TickUnit::Month: return sys_days{ymd + months{1}};
    case TickUnit::Week: return d + days{7};
    case TickUnit::Day: return d + days{1};
    }
    return d + days{1};
}

// The ticks of `unit` from..to, at most `cap` of them.
std::vector<CalendarDay> ticksOf(const DaySpan& span, TickUnit unit, std::size_t cap) {
    std::vector<CalendarDay> out;
    for (CalendarDay d = unitFloor(calendarDayOf(span.from_day), unit); dayNumber(d) <= span.to_day && out.size() < cap; d = unitNext(d, unit))
        if (dayNumber(d) >= span.from_day) out.push_back(d);
    return out;
}

std::string yearText(CalendarDay d) { return std::to_string(static_cast<int>(year_month_day{d}.year())); }
std::string monthText(CalendarDay d) { return std::string(kMonths[static_cast<unsigned>(year_month_day{d}.month()) - 1]); }
std::string dayText(CalendarDay d) { return std::to_string(static_cast<unsigned>(year_month_day{d}.day())); }

// A label's text: the unit's own ("2025", "Oct", "14"), with the year where the label before it (if any) lay in
// another year.
std::string labelText(CalendarDay d, TickUnit unit, bool newYear) {
    const year_month_day ymd{d};
    switch (unit) {
    case TickUnit::Decade:
    case TickUnit::FiveYears:
    case TickUnit::Year: return yearText(d);
    case TickUnit::Quarter:
    case TickUnit::Month:
        if (ymd.month() == January) return yearText(d);
        return newYear ? monthText(d) + " " + yearText(d) : monthText(d);
    case TickUnit::Week: return dayText(d) + " " + monthText(d) + (newYear ? " " + yearText(d) : "");
    case TickUnit::Day:
        if (newYear) return dayText(d) + " " + monthText(d) + " " + yearText(d);
        return ymd.day() == day{1} ? monthText(d) : dayText(d);
    }
    return yearText(d);
}

// The widest label a unit usually has (its context labels, wider, may be left out where they would touch).
double widestLabel(TickUnit unit, const TextWidth& width_px) {
    switch (unit) {
    case TickUnit::Decade:
    case TickUnit::FiveYears:
    case TickUnit::Year: return width_px("2000");
    case TickUnit::Quarter:
    case TickUnit::Month: return std::max({width_px("2000"), width_px("May"), width_px("Sep")});
    case TickUnit::Week: return std::max(width_px("28 May"), width_px("28 Sep"));
    case TickUnit::Day: return std::max({width_px("28"), width_px("May"), width_px("Sep")});
    }
    return width_px("2000");
}

}  // namespace

double dayNumber(CalendarDay d) { return static_cast<double>(d.time_since_epoch().count()); }

CalendarDay calendarDayOf(double d) { return CalendarDay{days{static_cast<int>(std::floor(d))}}; }

DaySpan clampSpan(DaySpan span, CalendarDay first, CalendarDay last) {
    const double lo = dayNumber(first), hi = dayNumber(last) + 1;
    // The whole data and its margins: length L with margins kSpanMargin * L either side covering hi - lo.
    const double longest = std::max(kMinSpan_days, (hi - lo) / (1 - 2 * kSpanMargin));
    double length = span.length_days();
    if (!std::isfinite(length) || !std::isfinite(span.from_day)) return wholeSpan(first, last);
    length = std::clamp(length, kMinSpan_days, longest);
    const double centre = (span.from_day + span.to_day) / 2;
    DaySpan out{centre - length / 2, centre + length / 2};
    if (span.length_days() == length) out = span;  // not resized: exactly as given
    const double margin = kSpanMargin * length;
    if (out.from_day < lo - margin) out = {lo - margin, lo - margin + length};
    if (out.to_day > hi + margin) out = {hi + margin - length, hi + margin};
    return out;
}

DaySpan wholeSpan(CalendarDay first, CalendarDay last) {
    const double lo = dayNumber(first), hi = dayNumber(last) + 1;
    const double length = std::max(kMinSpan_days, (hi - lo) / (1 - 2 * kSpanMargin));
    const double centre = (lo + hi) / 2;
    return {centre - length / 2, centre + length / 2};
}

StripAxis::StripAxis(DaySpan span, double x0_px, double x1_px)
    : m_span(span.length_days() > 0 ? span : DaySpan{span.from_day, span.from_day + 1}), m_x0(x0_px), m_x1(std::max(x1_px, x0_px + 1)) {}

DaySpan StripAxis::zoomedAt(double x_px, double factor, CalendarDay first, CalendarDay last) const {
    const double anchor = dayAt(x_px);
    const double lo = dayNumber(first), hi = dayNumber(last) + 1;
    const double longest = std::max(kMinSpan_days, (hi - lo) / (1 - 2 * kSpanMargin));
    // The length clamped first, so that the anchor keeps its place wherever the limits allow.
    const double length = std::clamp(m_span.length_days() / std::max(factor, 1e-6), kMinSpan_days, longest);
    const double share = (anchor - m_span.from_day) / m_span.length_days();
    return clampSpan({anchor - share * length, anchor - share * length + length}, first, last);
}

DaySpan StripAxis::pannedBy(double dx_px, CalendarDay first, CalendarDay last) const {
    const double shift = dx_px / pxPerDay();
    return clampSpan({m_span.from_day - shift, m_span.to_day - shift}, first, last);
}

std::string_view tickUnitName(TickUnit unit) {
    switch (unit) {
    case TickUnit::Decade: return "decade";
    case TickUnit::FiveYears: return "5 years";
    case TickUnit::Year: return "year";
    case TickUnit::Quarter: return "quarter";
    case TickUnit::Month: return "month";
    case TickUnit::Week: return "week";
    case TickUnit::Day: return "day";
    }
    return "day";
}

AxisTicks axisTicks(const StripAxis& axis, const TextWidth& width_px, double minTick_px, double gap_px) {
    AxisTicks out;
    const double perDay = axis.pxPerDay();
    out.labelled = TickUnit::Decade;
    for (TickUnit unit : kUnitsFinestFirst)
        if (shortestDays(unit) * perDay >= widestLabel(unit, width_px) + gap_px) {
            out.labelled = unit;
            break;
        }
    out.minor = out.labelled;
    for (TickUnit unit : kUnitsFinestFirst) {
        if (unit == out.labelled) break;
        if (shortestDays(unit) * perDay >= minTick_px) {
            out.minor = unit;
            break;
        }
    }
    // Never more ticks than the width holds at the spacing asked for (a zoomed-out decade axis is a few).
    const std::size_t cap = static_cast<std::size_t>((axis.x1_px() - axis.x0_px()) / std::max(1.0, minTick_px)) + 2;
    for (CalendarDay d : ticksOf(axis.span(), out.minor, cap)) out.minor_px.push_back(axis.xOf(d));
    double clearFrom = -1e300;
    std::optional<int> lastYear;
    for (CalendarDay d : ticksOf(axis.span(), out.labelled, cap)) {
        const int y = static_cast<int>(year_month_day{d}.year());
        AxisLabel label{d, axis.xOf(d), 0, labelText(d, out.labelled, !lastYear || *lastYear != y)};
        label.width_px = width_px(label.text);
        if (label.x_px < clearFrom || label.x_px + label.width_px > axis.x1_px()) continue;
        clearFrom = label.x_px + label.width_px + gap_px;
        lastYear = y;
        out.labels.push_back(std::move(label));
    }
    return out;
}

std::optional<std::size_t> barAt(std::span<const Bar> bars, double x_px, double tolerance_px) {
    std::optional<std::size_t> holding, nearest;
    double narrowest = 0, closest = tolerance_px;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        if (x_px >= b.x0_px && x_px <= b.x1_px) {
            if (!holding || b.x1_px - b.x0_px < narrowest) holding = i, narrowest = b.x1_px - b.x0_px;
            continue;
        }
        const double distance = x_px < b.x0_px ? b.x0_px - x_px : x_px - b.x1_px;
        if (distance <= closest) nearest = i, closest = distance;
    }
    return holding ? holding : nearest;
}

Bar eventBar(const StripAxis& axis, const timeline::Date& start, double minWidth_px) {
    const double x0 = axis.xOf(start.first());
    return {x0, std::max(axis.xOf(start.last() + days{1}), x0 + minWidth_px)};
}

Bar statePeriodBar(const timeline::Catalogue& catalogue, const timeline::Event& period, const StripAxis& axis, CalendarDay lastDay,
                   double minWidth_px) {
    const double x0 = axis.xOf(period.start->first());
    const CalendarDay end = timeline::closureOverBy(catalogue, period).value_or(lastDay + days{1});
    return {x0, std::max(axis.xOf(end), x0 + minWidth_px)};
}

const timeline::Event* eventTickAt(const timeline::EventSelection& events, timeline::EventKind kind, const StripAxis& axis, double x_px,
                                   double tolerance_px, double minWidth_px) {
    std::vector<const timeline::Event*> found;
    std::vector<Bar> bars;
    events.forEachOverlapping(calendarDayOf(axis.dayAt(x_px - tolerance_px - minWidth_px)), calendarDayOf(axis.dayAt(x_px + tolerance_px)),
                              [&](const timeline::Event& e) {
                                  if (e.kind != kind) return;
                                  found.push_back(&e);
                                  bars.push_back(eventBar(axis, *e.start, minWidth_px));
                              });
    const std::optional<std::size_t> at = barAt(bars, x_px, tolerance_px);
    return at ? found[*at] : nullptr;
}

const timeline::Event* statePeriodAt(const timeline::Catalogue& catalogue, std::string_view crossingId, const StripAxis& axis,
                                     CalendarDay lastDay, double x_px, double tolerance_px, double minWidth_px) {
    std::vector<const timeline::Event*> periods;
    std::vector<Bar> bars;
    for (const timeline::Event* p : catalogue.statePeriodsOf(crossingId)) {
        if (!p->start) continue;
        periods.push_back(p);
        bars.push_back(statePeriodBar(catalogue, *p, axis, lastDay, minWidth_px));
    }
    const std::optional<std::size_t> at = barAt(bars, x_px, tolerance_px);
    return at ? periods[*at] : nullptr;
}

std::vector<std::string> describeOnStrip(const timeline::Catalogue& catalogue, const timeline::Event& e) {
    const auto when = [](const timeline::Date& d) {
        return d.display() + " (known to the " + std::string(timeline::timePrecisionName(d.precision())) + ")";
    };
    std::vector<std::string> lines{e.name.str()};
    if (!timeline::isStatePeriod(e.kind)) {
        if (e.start) lines.push_back(when(*e.start) + (e.end ? " to " + e.end->display() : ""));
        lines.push_back(std::string(timeline::eventKindName(e.kind)));
        return lines;
    }
    const timeline::Event* crossing = catalogue.find(e.crossing);
    lines.push_back((crossing != nullptr ? crossing->name.str() : e.crossing.str()) +
                    (e.kind == timeline::EventKind::Closure ? ": closed" : ": state unknown, no source says whether open"));
    if (e.start) lines.push_back("from " + when(*e.start));
    if (e.end) {
        lines.push_back("to " + when(*e.end));
    } else {
        const std::optional<CalendarDay> over = timeline::closureOverBy(catalogue, e);
        lines.push_back(over ? "no reopening recorded; over by " + timeline::displayDay(*over) + ", when the next closure began"
                             : "no reopening recorded" + (catalogue.asOf ? " as of " + catalogue.asOf->display() : std::string()));
    }
    return lines;
}

}  // namespace bordermap::ui
