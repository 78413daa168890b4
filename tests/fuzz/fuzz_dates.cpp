// The date and number parsers on arbitrary text. Each result is checked against what it claims: a parsed date
// prints back and parses to itself, an ACLED day (in any slash order) is a real day between years 1 and 9999, a
// refused one says why, and a slash order told from a date reads that date.
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/acled.hpp>
#include <bordermap/timeline/date.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto date = timeline::parseDate(text)) {
        const auto again = timeline::parseDate(date->iso());
        if (!again || !(*again == *date)) std::abort();  // a date must survive being written out and read back
        (void)date->display();
        if (date->last() < date->first()) std::abort();
    }
    timeline::SlashOrderDetector slashDates;
    slashDates.add(text);
    using timeline::SlashOrder;
    for (const SlashOrder order : {SlashOrder::Unknown, SlashOrder::DayMonth, SlashOrder::MonthDay}) {
        if (const auto day = timeline::parseAcledDate(text, order)) {
            const std::chrono::year_month_day ymd{*day};
            if (!ymd.ok() || int(ymd.year()) < 1 || int(ymd.year()) > 9999) std::abort();
        } else if (timeline::acledDateRefusal(text, order, slashDates).empty()) {
            std::abort();  // every refusal says why
        }
    }
    // An order the detector settles on reads the date that showed it.
    if (slashDates.order() == SlashOrder::DayMonth &&
        !timeline::parseAcledDate(slashDates.dayFirstExample(), SlashOrder::DayMonth))
        std::abort();
    if (slashDates.order() == SlashOrder::MonthDay &&
        !timeline::parseAcledDate(slashDates.monthFirstExample(), SlashOrder::MonthDay))
        std::abort();
    (void)parseInteger(text);
    if (const auto d = parseDouble(text); d && !std::isfinite(*d)) std::abort();
    (void)timeline::parseTimePrecision(text);
    const std::string safe = printable(text);
    if (textDefect(safe)) std::abort();  // printable() must give text that prints on one line
    return 0;
}
