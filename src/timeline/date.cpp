#include "bordermap/timeline/date.hpp"

#include <bordermap/core/text.hpp>

#include <array>
#include <cstdio>

namespace bordermap::timeline {

namespace {

using namespace std::chrono;

constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};

std::optional<int> digits(std::string_view text, std::size_t count) {
    if (text.size() != count) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    const auto value = parseInteger(text);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

}  // namespace

Date::Date(CalendarDay first, TimePrecision precision)
    : m_first(static_cast<std::int32_t>(first.time_since_epoch().count())), m_precision(precision) {}

CalendarDay Date::last() const {
    const year_month_day ymd{first()};
    switch (m_precision) {
    case TimePrecision::Day: return first();
    case TimePrecision::Month: return sys_days{ymd.year() / ymd.month() / std::chrono::last};
    case TimePrecision::Year: return sys_days{ymd.year() / December / 31};
    }
    return first();
}

std::string Date::iso() const {
    const year_month_day ymd{first()};
    char buffer[16];
    switch (m_precision) {
    case TimePrecision::Day: return isoDay(first());
    case TimePrecision::Month:
        std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(ymd.year()), unsigned(ymd.month()));
        return buffer;
    case TimePrecision::Year: std::snprintf(buffer, sizeof buffer, "%04d", int(ymd.year())); return buffer;
    }
    return {};
}

std::string Date::display() const {
    const year_month_day ymd{first()};
    switch (m_precision) {
    case TimePrecision::Day: return displayDay(first());
    case TimePrecision::Month:
        return std::string(kMonths[unsigned(ymd.month()) - 1]) + " " + std::to_string(int(ymd.year()));
    case TimePrecision::Year: return std::to_string(int(ymd.year()));
    }
    return {};
}

std::optional<Date> parseDate(std::string_view text) {
    const auto y = digits(text.substr(0, 4), 4);
    if (!y) return std::nullopt;
    const year yy{*y};
    if (text.size() == 4) return Date(sys_days{yy / January / 1}, TimePrecision::Year);
    if (text.size() < 7 || (text[4] != '-' && text[4] != '/')) return std::nullopt;
    const auto m = digits(text.substr(5, 2), 2);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    const month mm{static_cast<unsigned>(*m)};
    if (text.size() == 7) return Date(sys_days{yy / mm / 1}, TimePrecision::Month);
    if (text.size() != 10 || text[7] != text[4]) return std::nullopt;
    const auto d = digits(text.substr(8, 2), 2);
    if (!d) return std::nullopt;
    const year_month_day ymd{yy / mm / day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date(sys_days{ymd}, TimePrecision::Day);
}

std::string isoDay(CalendarDay dayValue) {
    const year_month_day ymd{dayValue};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buffer;
}

std::string displayDay(CalendarDay dayValue) {
    const year_month_day ymd{dayValue};
    return std::to_string(unsigned(ymd.day())) + " " + kMonths[unsigned(ymd.month()) - 1] + " " +
           std::to_string(int(ymd.year()));
}

std::string_view timePrecisionName(TimePrecision precision) {
    switch (precision) {
    case TimePrecision::Day: return "day";
    case TimePrecision::Month: return "month";
    case TimePrecision::Year: return "year";
    }
    return "day";
}

std::optional<TimePrecision> parseTimePrecision(std::string_view text) {
    if (text == "day") return TimePrecision::Day;
    if (text == "month") return TimePrecision::Month;
    if (text == "year") return TimePrecision::Year;
    return std::nullopt;
}

}  // namespace bordermap::timeline
