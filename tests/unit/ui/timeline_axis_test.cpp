#include "../timeline/timeline_fixture.hpp"

#include <bordermap/ui/app_state.hpp>
#include <bordermap/ui/timeline_axis.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace bordermap;
using namespace bordermap::ui;
using test::day;

namespace {

// A monospaced font of 7 px a character, and a gap of 10 px between labels.
double width7(std::string_view text) {
    std::size_t characters = 0;
    for (const char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return 7.0 * static_cast<double>(characters);
}
constexpr double kGap = 10, kX0 = 100, kX1 = 900;

DaySpan spanOf(const char* from, const char* toInclusive) { return {dayNumber(day(from)), dayNumber(day(toInclusive)) + 1}; }

void checkLabelsApart(const AxisTicks& ticks, const StripAxis& axis) {
    REQUIRE(ticks.labels.size() >= 2);
    for (std::size_t i = 0; i < ticks.labels.size(); ++i) {
        const AxisLabel& l = ticks.labels[i];
        CHECK(l.x_px >= axis.x0_px());
        CHECK(l.x_px + l.width_px <= axis.x1_px());
        CHECK(l.width_px == width7(l.text));
        if (i + 1 < ticks.labels.size()) CHECK(l.x_px + l.width_px + kGap <= ticks.labels[i + 1].x_px);
    }
}

}  // namespace

TEST_CASE("the strip's axis zooms about the pixel under the pointer and pans by pixels, within the data's days") {
    const timeline::CalendarDay first = day("1955-01-01"), last = day("2026-03-17");
    const StripAxis axis(spanOf("2021-01-01", "2026-03-17"), kX0, kX1);
    CHECK(axis.xOf(day("2021-01-01")) == doctest::Approx(kX0));
    CHECK(axis.dayAt(kX1) == doctest::Approx(dayNumber(day("2026-03-18"))));

    // The day under x = 640 stays there, zooming in and out (away from the data's ends); the span shrinks by the
    // factor.
    const StripAxis middle(spanOf("2010-01-01", "2014-12-31"), kX0, kX1);
    for (const double factor : {2.0, 1.25, 0.8}) {
        const StripAxis zoomed(middle.zoomedAt(640, factor, first, last), kX0, kX1);
        CHECK(zoomed.dayAt(640) == doctest::Approx(middle.dayAt(640)).epsilon(1e-9));
        CHECK(zoomed.span().length_days() == doctest::Approx(middle.span().length_days() / factor));
    }
    // Zoomed out by the data's end: the span stops a margin past the last day instead of keeping the pointer's day.
    const DaySpan out = axis.zoomedAt(640, 0.8, first, last);
    CHECK(out.to_day == doctest::Approx(dayNumber(last) + 1 + kSpanMargin * out.length_days()));
    // Zoomed in as far as it goes: a week, still about the pointer.
    DaySpan span = axis.span();
    const double under = axis.dayAt(500);
    for (int i = 0; i < 60; ++i) span = StripAxis(span, kX0, kX1).zoomedAt(500, 1.25, first, last);
    CHECK(span.length_days() == doctest::Approx(kMinSpan_days));
    CHECK(StripAxis(span, kX0, kX1).dayAt(500) == doctest::Approx(under));
    // Out as far as it goes: the whole data with its margins, never more.
    for (int i = 0; i < 60; ++i) span = StripAxis(span, kX0, kX1).zoomedAt(500, 0.8, first, last);
    CHECK(span == wholeSpan(first, last));
    CHECK(span.from_day < dayNumber(first));
    CHECK(span.to_day > dayNumber(last) + 1);
    CHECK(span.from_day > dayNumber(first) - 0.05 * span.length_days());

    // A drag to the right by 80 px shows the days 80 px earlier.
    const StripAxis month(spanOf("2025-10-01", "2025-10-31"), kX0, kX1);
    const DaySpan panned = month.pannedBy(80, first, last);
    CHECK(panned.from_day == doctest::Approx(month.span().from_day - 80 / month.pxPerDay()));
    CHECK(panned.length_days() == doctest::Approx(month.span().length_days()));
    // Dragged far past the data's last day: stopped a margin past it.
    const DaySpan end = month.pannedBy(-1e6, first, last);
    CHECK(end.to_day == doctest::Approx(dayNumber(last) + 1 + kSpanMargin * end.length_days()));
    CHECK(end.length_days() == doctest::Approx(month.span().length_days()));
    const DaySpan start = month.pannedBy(1e6, first, last);
    CHECK(start.from_day == doctest::Approx(dayNumber(first) - kSpanMargin * start.length_days()));
    // Nonsense stays sane: a span shorter than a week grows to a week about its middle.
    const DaySpan tiny = clampSpan({dayNumber(day("2025-10-10")), dayNumber(day("2025-10-11"))}, first, last);
    CHECK(tiny.length_days() == doctest::Approx(kMinSpan_days));
    CHECK((tiny.from_day + tiny.to_day) / 2 == doctest::Approx(dayNumber(day("2025-10-10")) + 0.5));
}

TEST_CASE("the axis ticks at a unit that suits the zoom, decades down to days, its labels never overlapping") {
    struct Case {
        const char* from;
        const char* to;
        TickUnit labelled, minor;
    };
    // 800 px: 77 years give 10 px a year, 5 years 0.44 px a day, a year 2.2, a month 26, a fortnight 57.
    const Case cases[] = {{"1952-02-01", "2029-03-01", TickUnit::FiveYears, TickUnit::Year},
                          {"2021-01-01", "2025-12-31", TickUnit::Quarter, TickUnit::Month},
                          {"2025-01-01", "2025-12-31", TickUnit::Month, TickUnit::Week},
                          {"2025-10-01", "2025-10-31", TickUnit::Week, TickUnit::Day},
                          {"2025-10-06", "2025-10-19", TickUnit::Day, TickUnit::Day}};
    for (const Case& c : cases) {
        CAPTURE(c.from);
        const StripAxis axis(spanOf(c.from, c.to), kX0, kX1);
        const AxisTicks ticks = axisTicks(axis, width7, 6, kGap);
        CHECK(ticks.labelled == c.labelled);
        CHECK(ticks.minor == c.minor);
        checkLabelsApart(ticks, axis);
        for (std::size_t i = 1; i < ticks.minor_px.size(); ++i) CHECK(ticks.minor_px[i] - ticks.minor_px[i - 1] >= 6);
    }
    // Labels name their unit, the first with its context.
    const AxisTicks month = axisTicks(StripAxis(spanOf("2025-10-01", "2025-10-31"), kX0, kX1), width7, 6, kGap);
    CHECK(month.labels.front().text == "6 Oct 2025");  // the first Monday
    CHECK(month.labels[1].text == "13 Oct");
    const AxisTicks year = axisTicks(StripAxis(spanOf("2025-03-15", "2026-03-14"), kX0, kX1), width7, 6, kGap);
    CHECK(year.labels.front().text == "Apr 2025");
    const auto january = std::find_if(year.labels.begin(), year.labels.end(), [](const AxisLabel& l) { return l.day == day("2026-01-01"); });
    REQUIRE(january != year.labels.end());
    CHECK(january->text == "2026");
    const AxisTicks days = axisTicks(StripAxis(spanOf("2025-10-27", "2025-11-06"), kX0, kX1), width7, 6, kGap);
    CHECK(days.labels.front().text == "27 Oct 2025");
    CHECK(std::any_of(days.labels.begin(), days.labels.end(), [](const AxisLabel& l) { return l.text == "Nov"; }));
    // Squeezed into 120 px, a decade's labels still keep apart (some left out).
    const StripAxis narrow(spanOf("1955-01-01", "2026-03-17"), 0, 120);
    const AxisTicks squeezed = axisTicks(narrow, width7, 6, kGap);
    for (std::size_t i = 0; i + 1 < squeezed.labels.size(); ++i)
        CHECK(squeezed.labels[i].x_px + squeezed.labels[i].width_px + kGap <= squeezed.labels[i + 1].x_px);
}

TEST_CASE("hit-testing the strip picks the event tick or closure bar under the pointer, and nothing on empty space") {
    const timeline::Catalogue& catalogue = test::embeddedCatalogue();
    const timeline::EventSelection events(catalogue);
    // October 2025 over 620 px: 20 px a day.
    const StripAxis axis(spanOf("2025-10-01", "2025-10-31"), 0, 620);
    const auto middleOf = [&](const char* d) { return axis.xOf(dayNumber(day(d)) + 0.5); };
    const timeline::Event* clash = eventTickAt(events, timeline::EventKind::Clash, axis, middleOf("2025-10-15"), 5, 2);
    REQUIRE(clash != nullptr);
    CHECK(clash->id == "clash-2025-10-15-spin-boldak");
    // Within a few pixels of the day's tick: still it; further on, nothing.
    CHECK(eventTickAt(events, timeline::EventKind::Clash, axis, axis.xOf(day("2025-10-16")) + 4, 5, 2) == clash);
    CHECK(eventTickAt(events, timeline::EventKind::Clash, axis, axis.xOf(day("2025-10-16")) + 8, 5, 2) == nullptr);
    CHECK(eventTickAt(events, timeline::EventKind::Clash, axis, middleOf("2025-10-13"), 5, 2) == nullptr);
    // Another kind's lane at the same place: not the clash.
    CHECK(eventTickAt(events, timeline::EventKind::Airstrike, axis, middleOf("2025-10-15"), 5, 2) == nullptr);
    const timeline::Event* strike = eventTickAt(events, timeline::EventKind::Airstrike, axis, middleOf("2025-10-17"), 5, 2);
    REQUIRE(strike != nullptr);
    CHECK(strike->id == "airstrike-2025-10-17-urgun");
    // A month-precision event's tick spans its month.
    const timeline::Event* visit = eventTickAt(events, timeline::EventKind::Diplomacy, axis, middleOf("2025-10-20"), 5, 2);
    REQUIRE(visit != nullptr);
    CHECK(visit->id == "diplomacy-2025-10-muttaqi-delhi");

    // Torkham's lane: its October 2025 closure from the 11th, nothing before.
    const timeline::Event* closure = statePeriodAt(catalogue, "torkham", axis, day("2026-03-17"), middleOf("2025-10-20"), 5, 2);
    REQUIRE(closure != nullptr);
    CHECK(closure->id == "closure-2025-10-torkham");
    CHECK(statePeriodAt(catalogue, "torkham", axis, day("2026-03-17"), middleOf("2025-10-05"), 5, 2) == nullptr);
    // Its description names the crossing, the dates and their precision.
    const std::vector<std::string> lines = describeOnStrip(catalogue, *closure);
    CHECK(lines.front() == "Torkham closed in the October 2025 conflict");
    CHECK(lines[1] == "Torkham: closed");
    CHECK(lines[2] == "from 11 October 2025 (known to the day)");
    const std::vector<std::string> clashLines = describeOnStrip(catalogue, *clash);
    CHECK(clashLines == std::vector<std::string>{"Fighting at Spin Boldak", "15 October 2025 (known to the day)", "clash"});

    // barAt: a bar holding the point beats a nearer edge; the narrowest of those holding it wins.
    const Bar bars[] = {{0, 100}, {40, 60}, {103, 110}};
    CHECK(barAt(bars, 50, 5) == std::optional<std::size_t>(1));
    CHECK(barAt(bars, 20, 5) == std::optional<std::size_t>(0));
    CHECK(barAt(bars, 102, 5) == std::optional<std::size_t>(2));
    CHECK(barAt(bars, 101, 5) == std::optional<std::size_t>(0));
    CHECK_FALSE(barAt(bars, 120, 5).has_value());
}

TEST_CASE("the viewer's strip: opens on the slider's days, zooms, follows the date, and a click shows the event") {
    AppState s(test::boundaries(), test::embeddedCatalogue(), "regional", 1200, 800);
    // From 2021 to the as_of date, with margins.
    CHECK(s.stripSpan.from_day < dayNumber(day("2021-01-01")));
    CHECK(s.stripSpan.from_day > dayNumber(day("2020-09-01")));
    CHECK(s.stripSpan.to_day > dayNumber(s.lastDay()) + 1);
    s.setWholeRange(true);
    CHECK(s.stripSpan == wholeSpan(s.firstDay(), s.lastDay()));
    CHECK(s.wholeRange);
    s.setWholeRange(false);
    CHECK(s.stripSpan.from_day > dayNumber(day("2020-09-01")));

    // Zoomed into October 2025 while the date moves inside it: the strip stays; stepping out of it pans it along.
    s.setStripSpan(spanOf("2025-10-01", "2025-10-31"));
    s.setDate(day("2025-10-15"));
    s.followDateInStrip();
    CHECK(s.stripSpan == spanOf("2025-10-01", "2025-10-31"));
    s.setDate(day("2025-11-08"));
    s.followDateInStrip();
    CHECK(s.stripSpan.length_days() == doctest::Approx(31));
    CHECK(s.stripSpan.from_day <= dayNumber(day("2025-11-08")));
    CHECK(s.stripSpan.to_day >= dayNumber(day("2025-11-09")));
    // Panned away by the reader while the date stays: left there.
    s.setStripSpan(spanOf("2023-01-01", "2023-01-31"));
    s.followDateInStrip();
    CHECK(s.stripSpan == spanOf("2023-01-01", "2023-01-31"));
    s.fitStrip();
    CHECK(s.stripSpan == wholeSpan(s.firstDay(), s.lastDay()));

    // A click on a tick: the event selected, its day shown, the map flying to it.
    REQUIRE(s.showEvent("clash-2025-10-15-spin-boldak"));
    CHECK(s.selectedEventId == "clash-2025-10-15-spin-boldak");
    CHECK(timeline::isoDay(s.time.day) == "2025-10-15");
    CHECK(s.flying());
    s.finishFlight();
    const MapXY clash = s.map().projection.forward(s.selected()->places.front());
    CHECK(std::abs(clash.x_m - s.view.centre.x_m) < 1000);
    // A closure's bar: its first day.
    REQUIRE(s.showEvent("closure-2025-10-torkham"));
    CHECK(timeline::isoDay(s.time.day) == "2025-10-11");
    CHECK_FALSE(s.showEvent("no-such-event"));
    CHECK(s.message.find("no-such-event") != std::string::npos);
    CHECK(s.selectedEventId == "closure-2025-10-torkham");

    // The kinds' lanes: those the events shown hold, never crossings' states.
    const std::vector<timeline::EventKind>& kinds = s.eventKindsShown();
    CHECK(std::find(kinds.begin(), kinds.end(), timeline::EventKind::Clash) != kinds.end());
    CHECK(std::find(kinds.begin(), kinds.end(), timeline::EventKind::Closure) == kinds.end());
    timeline::EventFilter onlyClashes;
    onlyClashes.kinds = {timeline::EventKind::Clash};
    s.setFilter(onlyClashes);
    CHECK(s.eventKindsShown() == std::vector<timeline::EventKind>{timeline::EventKind::Clash});
}
