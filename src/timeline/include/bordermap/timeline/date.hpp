#pragma once
// A date is a day, a month or a year, and keeps that precision: "2025-02-21", "2025-02", "2025".
// A vague date stands for every day of its period; first() and last() bound it.

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bordermap::timeline {

using CalendarDay = std::chrono::sys_days;

enum class TimePrecision : std::uint8_t { Day, Month, Year };

class Date {
public:
    Date() = default;
    Date(CalendarDay first, TimePrecision precision);

    CalendarDay first() const { return CalendarDay{std::chrono::days{m_first}}; }  // the first day of the period
    CalendarDay last() const;                      // the last day of the period (first() for a day)
    TimePrecision precision() const { return m_precision; }
    bool covers(CalendarDay day) const { return day >= first() && day <= last(); }
    // Read as an end (a reopening): the first day certainly after it. The day itself when it is known to the day
    // (a crossing reopened on 19 March is open on it), else the day after its period (a closure that ended some
    // time in 2022 is over by 1 January 2023, and may have lasted until then).
    CalendarDay firstDayPast() const {
        return m_precision == TimePrecision::Day ? first() : last() + std::chrono::days{1};
    }

    std::string iso() const;      // "2025-02-21", "2025-02" or "2025", as it would be written
    std::string display() const;  // "21 February 2025", "February 2025" or "2025"

    // Ordered by first day, then the more precise first.
    friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
        if (auto c = a.m_first <=> b.m_first; c != 0) return c;  // days since 1970
        return a.m_precision <=> b.m_precision;
    }
    friend bool operator==(const Date&, const Date&) = default;

private:
    // Days since 1970 in 32 bits (std::chrono::days holds 64): a date is 8 bytes, and a million events' dates
    // 16 MB less. Every date the parsers accept (years 1 to 9999) fits.
    std::int32_t m_first = 0;
    TimePrecision m_precision = TimePrecision::Day;
};

// "YYYY-MM-DD", "YYYY-MM" or "YYYY" (GDAL's "YYYY/MM/DD" is accepted too). Nothing for any other text or a day
// that does not exist (2025-02-30).
std::optional<Date> parseDate(std::string_view text);

// A day as "2025-02-21".
std::string isoDay(CalendarDay day);

// A day as "21 February 2025".
std::string displayDay(CalendarDay day);

std::string_view timePrecisionName(TimePrecision precision);  // "day", "month", "year"
std::optional<TimePrecision> parseTimePrecision(std::string_view text);

}  // namespace bordermap::timeline
