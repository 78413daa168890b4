// The date and number parsers on arbitrary text. Each result is checked against what it claims: a parsed date
// prints back and parses to itself, an ACLED day is a real day between years 1 and 9999.
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
    if (const auto day = timeline::parseAcledDate(text)) {
        const std::chrono::year_month_day ymd{*day};
        if (!ymd.ok() || int(ymd.year()) < 1 || int(ymd.year()) > 9999) std::abort();
    }
    (void)parseInteger(text);
    if (const auto d = parseDouble(text); d && !std::isfinite(*d)) std::abort();
    (void)timeline::parseTimePrecision(text);
    const std::string safe = printable(text);
    if (textDefect(safe)) std::abort();  // printable() must give text that prints on one line
    return 0;
}
