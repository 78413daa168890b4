#include <bordermap/timeline/acled_date.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

using namespace bordermap::timeline;

namespace {

// The day as "2025-03-15", or "none" when nothing was read, so that a failure prints what was read.
std::string read(std::string_view text, SlashOrder order = SlashOrder::Unknown) {
    const auto day = parseAcledDate(text, order);
    return day ? isoDay(*day) : "none";
}

SlashOrderDetector detectorOf(std::initializer_list<std::string_view> texts) {
    SlashOrderDetector detector;
    for (std::string_view text : texts) detector.add(text);
    return detector;
}

}  // namespace

TEST_CASE("every form ACLED and spreadsheets write") {
    CHECK(read("2025-03-15") == "2025-03-15");
    CHECK(read("2025/03/15") == "2025-03-15");  // GDAL's text for a date field
    CHECK(read("15 March 2025") == "2025-03-15");
    CHECK(read("15-March-2025") == "2025-03-15");
    CHECK(read("15 Mar 2025") == "2025-03-15");
    CHECK(read("15-Mar-2025") == "2025-03-15");
    CHECK(read("15/03/2025", SlashOrder::DayMonth) == "2025-03-15");
    CHECK(read("03/15/2025", SlashOrder::MonthDay) == "2025-03-15");
}

TEST_CASE("every English month, in full and in three letters, in any case") {
    const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
    for (unsigned m = 1; m <= 12; ++m) {
        const std::string name = months[m - 1];
        const std::string expected = "2025-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-01";
        CAPTURE(name);
        CHECK(read("1 " + name + " 2025") == expected);
        CHECK(read("1 " + name.substr(0, 3) + " 2025") == expected);
        CHECK(read("1-" + name.substr(0, 3) + "-2025") == expected);
    }
    CHECK(read("15 march 2025") == "2025-03-15");
    CHECK(read("15 MARCH 2025") == "2025-03-15");
    CHECK(read("15-mAr-2025") == "2025-03-15");
    CHECK(read("15 Sept 2025") == "none");  // three letters or the whole name, nothing between
    CHECK(read("15 Marc 2025") == "none");
    CHECK(read("15 Marchx 2025") == "none");
    CHECK(read("15 März 2025") == "none");  // English only, whatever the locale
    CHECK(read("15 Mars 2025") == "none");
}

TEST_CASE("days in one or two digits; years in four") {
    CHECK(read("5 March 2025") == "2025-03-05");
    CHECK(read("05 March 2025") == "2025-03-05");
    CHECK(read("5-Mar-2025") == "2025-03-05");
    CHECK(read("5/3/2025", SlashOrder::DayMonth) == "2025-03-05");
    CHECK(read("5/3/2025", SlashOrder::MonthDay) == "2025-05-03");
    CHECK(read("005 March 2025") == "none");
    CHECK(read("15 March 25") == "none");     // date::parse alone reads this as the year 25
    CHECK(read("15 March 02025") == "none");  // ... and this as 202
    CHECK(read("15/03/25", SlashOrder::DayMonth) == "none");
    CHECK(read("2025-3-15") == "none");  // ISO's month and day have two digits
    CHECK(read("2025-03-5") == "none");
}

TEST_CASE("nothing may follow or surround the date") {
    CHECK(read("15 March 2025x") == "none");
    CHECK(read("2025-03-15T00:00") == "none");
    CHECK(read("2025-03-150") == "none");
    CHECK(read("15/03/2025/", SlashOrder::DayMonth) == "none");
    CHECK(read("15 March 2025 ") == "none");
    CHECK(read(" 15 March 2025") == "none");
    CHECK(read("15  March 2025") == "none");  // a space in date::parse's format takes any run of spaces
    CHECK(read("15March2025") == "none");     // ... or none
    CHECK(read("15\tMarch\t2025") == "none");
    CHECK(read("15 March-2025") == "none");
    CHECK(read("") == "none");
    CHECK(read(" ") == "none");
    CHECK(read("March 2025") == "none");
    CHECK(read("+5 March 2025") == "none");  // date::parse alone takes a sign
    CHECK(read("-1 March 2025") == "none");
    CHECK(read("15/+3/2025", SlashOrder::DayMonth) == "none");
    CHECK(read(std::string_view("15 March 2025\0", 14)) == "none");
}

TEST_CASE("days that do not exist are refused") {
    CHECK(read("2025-02-29") == "none");
    CHECK(read("29 February 2025") == "none");
    CHECK(read("31 April 2025") == "none");
    CHECK(read("31-Apr-2025") == "none");
    CHECK(read("31/04/2025", SlashOrder::DayMonth) == "none");
    CHECK(read("04/31/2025", SlashOrder::MonthDay) == "none");
    CHECK(read("0 March 2025") == "none");
    CHECK(read("2025-00-10") == "none");
    CHECK(read("2025-13-10") == "none");
    CHECK(read("32/01/2025", SlashOrder::DayMonth) == "none");
    CHECK(read("15/13/2025", SlashOrder::DayMonth) == "none");
    CHECK(read("2024-02-29") == "2024-02-29");  // a leap year
    CHECK(read("29 Feb 2024") == "2024-02-29");
    CHECK(read("29/02/2024", SlashOrder::DayMonth) == "2024-02-29");
    CHECK(read("1900-02-29") == "none");  // not a leap year: divisible by 100
    CHECK(read("2000-02-29") == "2000-02-29");
}

TEST_CASE("years from 1 to 9999 only, refused rather than wrapped") {
    CHECK(read("0001-01-01") == "0001-01-01");
    CHECK(read("1 January 0001") == "0001-01-01");
    CHECK(read("31 December 9999") == "9999-12-31");
    CHECK(read("0000-10-02") == "none");  // found by fuzz_dates: ISO's year 0 is 1 BC, not a date ACLED writes
    CHECK(read("15 March 0000") == "none");
    CHECK(read("15/03/0000", SlashOrder::DayMonth) == "none");
    CHECK(read("-0001-01-01") == "none");
    CHECK(read("10000-01-01") == "none");
    CHECK(read("15 March 67561") == "none");  // would wrap in year_month_day's 16 bits
    CHECK(read("271 March 2025") == "none");  // would wrap in its 8-bit day
}

TEST_CASE("a slash date is read only in an order that is known") {
    CHECK(read("15/03/2025") == "none");
    CHECK(read("03/04/2025") == "none");
    CHECK(read("05/05/2025") == "none");  // the same either way, still not read without an order
    CHECK(read("03/04/2025", SlashOrder::DayMonth) == "2025-04-03");
    CHECK(read("03/04/2025", SlashOrder::MonthDay) == "2025-03-04");
    CHECK(read("15/03/2025", SlashOrder::MonthDay) == "none");
    CHECK(read("03/15/2025", SlashOrder::DayMonth) == "none");
    CHECK(read("2025-03-15", SlashOrder::MonthDay) == "2025-03-15");  // the order is for slash dates only
    CHECK(read("15 March 2025", SlashOrder::DayMonth) == "2025-03-15");
}

TEST_CASE("the words for the slash order") {
    CHECK(parseSlashOrder("dmy") == SlashOrder::DayMonth);
    CHECK(parseSlashOrder("mdy") == SlashOrder::MonthDay);
    CHECK_FALSE(parseSlashOrder("ymd"));
    CHECK_FALSE(parseSlashOrder("DMY"));
    CHECK_FALSE(parseSlashOrder(""));
}

TEST_CASE("a file's slash dates show their order") {
    SUBCASE("day first") {
        const auto file = detectorOf({"03/04/2025", "2025-03-01", "15/03/2025", "16/03/2025", "01/02/2025"});
        CHECK(file.order() == SlashOrder::DayMonth);
        CHECK_FALSE(file.conflicting());
        CHECK(file.dayFirstExample() == "15/03/2025");
        CHECK(file.monthFirstExample().empty());
    }
    SUBCASE("month first") {
        const auto file = detectorOf({"03/04/2025", "3/15/2025", "15 March 2025"});
        CHECK(file.order() == SlashOrder::MonthDay);
        CHECK_FALSE(file.conflicting());
        CHECK(file.monthFirstExample() == "3/15/2025");
    }
    SUBCASE("ambiguous: no field above 12") {
        const auto file = detectorOf({"03/04/2025", "12/12/2025", "1/2/2025"});
        CHECK(file.order() == SlashOrder::Unknown);
        CHECK_FALSE(file.conflicting());
    }
    SUBCASE("no slash dates at all") {
        const auto file = detectorOf({"2025-03-15", "15 March 2025", "2025/03/15", ""});
        CHECK(file.order() == SlashOrder::Unknown);
        CHECK_FALSE(file.conflicting());
    }
    SUBCASE("both orders: the file contradicts itself") {
        const auto file = detectorOf({"15/03/2025", "03/15/2025", "16/03/2025"});
        CHECK(file.order() == SlashOrder::Unknown);
        CHECK(file.conflicting());
        CHECK(file.dayFirstExample() == "15/03/2025");
        CHECK(file.monthFirstExample() == "03/15/2025");
    }
    SUBCASE("a date that is no day in either order shows nothing") {
        // 31 February or the 2nd of month 31; the 15th of month 15; a year out of range; trailing text.
        const auto file = detectorOf({"31/02/2025", "15/15/2025", "15/03/0000", "15/03/2025x", " 15/03/2025"});
        CHECK(file.order() == SlashOrder::Unknown);
        CHECK(file.dayFirstExample().empty());
        CHECK(file.monthFirstExample().empty());
    }
    SUBCASE("a typo that is a day in one order only still counts") {
        const auto file = detectorOf({"15/03/2025", "02/30/2025"});  // 30 February is no day: not month-first
        CHECK(file.order() == SlashOrder::DayMonth);
    }
}

TEST_CASE("why a date was refused, in one line") {
    const SlashOrderDetector none;
    CHECK(acledDateRefusal("15 Mar 25", SlashOrder::Unknown, none) == "'15 Mar 25' is not a date");
    CHECK(acledDateRefusal("31/04/2025", SlashOrder::Unknown, none) == "'31/04/2025' is not a date");
    CHECK(acledDateRefusal("15/13/2025", SlashOrder::DayMonth, none) ==
          "'15/13/2025' is not a date read as day/month/year");
    CHECK(acledDateRefusal("13/15/2025", SlashOrder::MonthDay, none) ==
          "'13/15/2025' is not a date read as month/day/year");
    CHECK(acledDateRefusal("03/04/2025", SlashOrder::Unknown, detectorOf({"03/04/2025"})) ==
          "'03/04/2025' could be 3 April or 4 March: the file's slash dates never show which (no day above 12); "
          "give --acled-dates dmy or mdy");
    CHECK(acledDateRefusal("05/05/2025", SlashOrder::Unknown, detectorOf({"05/05/2025"})) ==
          "'05/05/2025' is a slash date, and the file's slash dates never show whether the day or the month comes "
          "first (no day above 12); give --acled-dates dmy or mdy");
    CHECK(acledDateRefusal("03/04/2025", SlashOrder::Unknown, detectorOf({"15/03/2025", "03/15/2025"})) ==
          "'03/04/2025' cannot be read: the file's slash dates disagree on their order ('15/03/2025' puts the day "
          "first, '03/15/2025' the month); give --acled-dates dmy or mdy");
}
