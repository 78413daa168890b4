#include "bordermap/timeline/acled_date.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <locale>
#include <sstream>

namespace bordermap::timeline {

namespace {

// How a user settles the order of a file's slash dates; every message about an unreadable slash date ends with it.
constexpr std::string_view kSayTheOrder = "give --acled-dates dmy or mdy";

// What one field of a form may hold. date::parse alone is more lenient than ACLED's dates allow: "%Y" takes a
// sign and one to four digits (so "15 March 25" would be the year 25 and "15 March 02025" the year 202), "%d" and
// "%m" take a sign ("+5 March 2025"), and a space in the format matches any run of spaces or none ("15March2025").
// So each field's characters are checked first, and the library reads only text already of the right shape.
enum class Field {
    Year,       // four digits
    TwoDigits,  // ISO's month and day
    Number,     // one or two digits: a day, or a slash date's month
    MonthName,  // letters; date::parse decides whether they name a month
};

struct Form {
    const char* format;  // for date::parse
    char separator;      // between the three fields, exactly once each
    std::array<Field, 3> fields;
};

constexpr Form kIso{"%Y-%m-%d", '-', {Field::Year, Field::TwoDigits, Field::TwoDigits}};
constexpr Form kGdal{"%Y/%m/%d", '/', {Field::Year, Field::TwoDigits, Field::TwoDigits}};  // GDAL's OFTDate text
constexpr Form kNamed{"%d %b %Y", ' ', {Field::Number, Field::MonthName, Field::Year}};   // "%b" takes full names too
constexpr Form kNamedDashed{"%d-%b-%Y", '-', {Field::Number, Field::MonthName, Field::Year}};
constexpr Form kDayMonth{"%d/%m/%Y", '/', {Field::Number, Field::Number, Field::Year}};
constexpr Form kMonthDay{"%m/%d/%Y", '/', {Field::Number, Field::Number, Field::Year}};

bool fits(std::string_view field, Field kind) {
    const auto all = [&](bool (*test)(char)) { return std::all_of(field.begin(), field.end(), test); };
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    const auto isLetter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    switch (kind) {
    case Field::Year: return field.size() == 4 && all(isDigit);
    case Field::TwoDigits: return field.size() == 2 && all(isDigit);
    case Field::Number: return (field.size() == 1 || field.size() == 2) && all(isDigit);
    case Field::MonthName: return !field.empty() && all(isLetter);
    }
    return false;
}

// Whether `text` is three fields of the form's kinds joined by its separator, and nothing else.
bool hasShape(std::string_view text, const Form& form) {
    for (std::size_t i = 0; i < form.fields.size(); ++i) {
        const bool last = i + 1 == form.fields.size();
        const std::size_t end = last ? text.size() : text.find(form.separator);
        if (end == std::string_view::npos || !fits(text.substr(0, end), form.fields[i])) return false;
        text.remove_prefix(last ? end : end + 1);
    }
    return true;
}

// The day that date::parse reads from the whole of `text` with `format`. The library checks that the day exists
// in its month; the year range is checked here, since "%Y" reads 0000 as a year.
std::optional<CalendarDay> readWith(std::string_view text, const char* format) {
    std::istringstream in{std::string(text)};
    in.imbue(std::locale::classic());
    date::year_month_day ymd{};
    in >> date::parse(format, ymd);
    // date::parse stops where the format ends and leaves any rest unread; the shape check already refuses one
    // ("15 March 2025x"), and this one keeps it refused should a form and its shape ever disagree.
    if (in.fail() || in.peek() != std::istringstream::traits_type::eof() || !ymd.ok()) return std::nullopt;
    const int yearValue = int(ymd.year());
    if (yearValue < 1 || yearValue > 9999) return std::nullopt;
    return CalendarDay{std::chrono::year{yearValue} / std::chrono::month{unsigned(ymd.month())} /
                       std::chrono::day{unsigned(ymd.day())}};
}

// The day in `text`, of a shape of digits only (checked by hasShape), whose fields hold the year, month and day at
// the places in `order`: what readWith reads from it, without a stream (a million rows spent a tenth of their
// import in date::parse's istream). Numbers that name no day (month 13, 30 February, year 0) give nothing.
std::optional<CalendarDay> readDigits(std::string_view text, std::array<std::size_t, 3> order) {
    std::array<unsigned, 3> fields{};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::size_t end = std::min(text.find_first_of("-/"), text.size());
        for (const char c : text.substr(0, end)) fields[i] = fields[i] * 10 + static_cast<unsigned>(c - '0');
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    const unsigned yearValue = fields[order[0]];
    if (yearValue < 1 || yearValue > 9999) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(yearValue)}, std::chrono::month{fields[order[1]]},
                                          std::chrono::day{fields[order[2]]}};
    if (!ymd.ok()) return std::nullopt;
    return CalendarDay{ymd};
}

// "3 April", for naming the two readings of an ambiguous slash date.
std::string dayAndMonth(CalendarDay day) {
    const std::string text = displayDay(day);
    return text.substr(0, text.rfind(' '));
}

}  // namespace

std::optional<CalendarDay> parseAcledDate(std::string_view text, SlashOrder order) {
    for (const Form* form : {&kIso, &kGdal})
        if (hasShape(text, *form)) return readDigits(text, {0, 1, 2});
    for (const Form* form : {&kNamed, &kNamedDashed})
        if (hasShape(text, *form)) return readWith(text, form->format);
    switch (order) {
    case SlashOrder::DayMonth: return hasShape(text, kDayMonth) ? readDigits(text, {2, 1, 0}) : std::nullopt;
    case SlashOrder::MonthDay: return hasShape(text, kMonthDay) ? readDigits(text, {2, 0, 1}) : std::nullopt;
    case SlashOrder::Unknown: break;
    }
    return std::nullopt;
}

std::optional<SlashOrder> parseSlashOrder(std::string_view text) {
    if (text == "dmy") return SlashOrder::DayMonth;
    if (text == "mdy") return SlashOrder::MonthDay;
    return std::nullopt;
}

void SlashOrderDetector::add(std::string_view text) {
    if (!hasShape(text, kDayMonth)) return;
    // A date that is a day in one order only shows that order; "03/04/2025" (either) and "31/02/2025" (neither)
    // show nothing.
    const bool dayFirst = parseAcledDate(text, SlashOrder::DayMonth).has_value();
    const bool monthFirst = parseAcledDate(text, SlashOrder::MonthDay).has_value();
    if (dayFirst == monthFirst) return;
    std::string& example = dayFirst ? m_dayFirst : m_monthFirst;
    if (example.empty()) example = text;
}

SlashOrder SlashOrderDetector::order() const {
    if (m_dayFirst.empty() == m_monthFirst.empty()) return SlashOrder::Unknown;  // neither shown, or both
    return m_dayFirst.empty() ? SlashOrder::MonthDay : SlashOrder::DayMonth;
}

std::string acledDateRefusal(std::string_view text, SlashOrder order, const SlashOrderDetector& file) {
    const std::string quoted = "'" + std::string(text) + "'";
    if (!hasShape(text, kDayMonth)) return quoted + " is not a date";
    if (order == SlashOrder::DayMonth) return quoted + " is not a date read as day/month/year";
    if (order == SlashOrder::MonthDay) return quoted + " is not a date read as month/day/year";
    const auto dayFirst = parseAcledDate(text, SlashOrder::DayMonth);
    const auto monthFirst = parseAcledDate(text, SlashOrder::MonthDay);
    if (!dayFirst && !monthFirst) return quoted + " is not a date";
    if (file.conflicting())
        return quoted + " cannot be read: the file's slash dates disagree on their order ('" + file.dayFirstExample() +
               "' puts the day first, '" + file.monthFirstExample() + "' the month); " + std::string(kSayTheOrder);
    if (dayFirst && monthFirst && *dayFirst != *monthFirst)
        return quoted + " could be " + dayAndMonth(*dayFirst) + " or " + dayAndMonth(*monthFirst) +
               ": the file's slash dates never show which (no day above 12); " + std::string(kSayTheOrder);
    return quoted + " is a slash date, and the file's slash dates never show whether the day or the month comes "
           "first (no day above 12); " + std::string(kSayTheOrder);
}

}  // namespace bordermap::timeline
