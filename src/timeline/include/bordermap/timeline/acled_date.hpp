#pragma once
// The date forms that ACLED exports, and the spreadsheets they pass through, write in event_date:
//   "2025-03-15" (and GDAL's "2025/03/15"), "15 March 2025", "15-March-2025", "15 Mar 2025", "15-Mar-2025",
//   and "15/03/2025" or "03/15/2025" once the order of a file's slash dates is known.
// Read through Howard Hinnant's date library; a slash date is never read in an order that was guessed.

#include <bordermap/timeline/date.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bordermap::timeline {

// Which field of a slash date ("03/04/2025") is the day. Unknown reads no slash date at all.
enum class SlashOrder { Unknown, DayMonth, MonthDay };

// A day in one of the forms above: month names in English, in any case, in full or in three letters; days and
// slash months in one or two digits; years in four digits, 0001 to 9999. Nothing for any other text (surrounding
// spaces, a sign, a character after the year), for a day that does not exist (31 April, 2025-02-29) or for a slash
// date when `order` is Unknown.
std::optional<CalendarDay> parseAcledDate(std::string_view text, SlashOrder order = SlashOrder::Unknown);

// "dmy" or "mdy", the words a user gives to say how a file's slash dates are ordered; nothing for any other text.
std::optional<SlashOrder> parseSlashOrder(std::string_view text);

// Tells from a file's own dates which order its slash dates use. A slash date that is a day in one order only shows
// that order: "15/03/2025" puts the day first, "03/15/2025" the month; "03/04/2025" (either) and "31/02/2025"
// (neither) show nothing. A file that shows both orders contradicts itself, and one that shows neither (no day
// above 12) is ambiguous: order() is Unknown for both, and the user must say which.
class SlashOrderDetector {
public:
    // Looks at one of the file's date texts; any that is not in the slash form is passed over.
    void add(std::string_view text);

    SlashOrder order() const;  // DayMonth or MonthDay when the file shows that order and not the other; else Unknown
    bool conflicting() const { return !m_dayFirst.empty() && !m_monthFirst.empty(); }
    const std::string& dayFirstExample() const { return m_dayFirst; }      // the first date that shows day/month, or ""
    const std::string& monthFirstExample() const { return m_monthFirst; }  // the first that shows month/day, or ""

private:
    std::string m_dayFirst;
    std::string m_monthFirst;
};

// Why parseAcledDate(text, order) gave nothing, as one line for a report, given what `file` saw of the file's slash
// dates: a slash date under an Unknown order says whether the file is ambiguous or contradicts itself and how to
// settle it; anything else "'<text>' is not a date".
std::string acledDateRefusal(std::string_view text, SlashOrder order, const SlashOrderDetector& file);

}  // namespace bordermap::timeline
