#include <bordermap/timeline/date.hpp>

#include <doctest/doctest.h>

using namespace bordermap::timeline;

TEST_CASE("dates keep their precision") {
    const auto day = parseDate("2025-02-21");
    REQUIRE(day);
    CHECK(day->precision() == TimePrecision::Day);
    CHECK(day->iso() == "2025-02-21");
    CHECK(day->display() == "21 February 2025");
    CHECK(day->first() == day->last());

    const auto month = parseDate("2024-02");
    REQUIRE(month);
    CHECK(month->precision() == TimePrecision::Month);
    CHECK(month->iso() == "2024-02");
    CHECK(month->display() == "February 2024");
    CHECK(isoDay(month->first()) == "2024-02-01");
    CHECK(isoDay(month->last()) == "2024-02-29");  // a leap year

    const auto year = parseDate("2022");
    REQUIRE(year);
    CHECK(year->precision() == TimePrecision::Year);
    CHECK(isoDay(year->last()) == "2022-12-31");
    CHECK(year->covers(parseDate("2022-07-01")->first()));
    CHECK_FALSE(year->covers(parseDate("2023-01-01")->first()));
}

TEST_CASE("GDAL's slash form is read; anything else is not a date") {
    CHECK(parseDate("2025/02/21")->iso() == "2025-02-21");
    for (const char* bad : {"", "25", "2025-13", "2025-02-30", "2025-2-1", "2025-02-21T10:00", "21 Feb 2025",
                            "2025/02-21", "abcd"}) {
        CAPTURE(bad);
        CHECK_FALSE(parseDate(bad));
    }
}

TEST_CASE("dates order by first day, the more precise first") {
    CHECK(*parseDate("2025-02") < *parseDate("2025-02-02"));
    CHECK(*parseDate("2025-02-01") < *parseDate("2025-02"));
    CHECK(*parseDate("2024") < *parseDate("2024-01-02"));
}
