#include "../test_paths.hpp"
#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/timeline/acled.hpp>

#include <doctest/doctest.h>

using namespace bordermap;
using namespace bordermap::timeline;

TEST_CASE("an ACLED export maps onto the schema") {
    Catalogue c;
    const AcledImport import = addAcledFile(c, test::dataFile("acled_sample.csv"), test::context());
    const auto& skipped = import.problems;
    REQUIRE(c.events.size() == 5);
    CHECK(import.added == 5);

    const Event& strike = *c.find("acled-TST1");
    CHECK(strike.kind == EventKind::Airstrike);
    CHECK(strike.name == "Air/drone strike in Barmal");
    CHECK(strike.start->iso() == "2025-03-05");
    CHECK(strike.geoPrecision == GeoPrecision::District);
    CHECK(strike.fatalities == "4");
    CHECK(strike.fatalitiesLow == 4);
    CHECK(c.sourcesOf(strike) == std::vector<std::string>{"Test Outlet A (as coded by ACLED)", "Test Outlet B (as coded by ACLED)",
                                                          "ACLED (Armed Conflict Location & Event Data), data export"});
    CHECK(strike.country == "Afghanistan");
    CHECK(strike.admin1 == "Paktika");
    CHECK(strike.places.front().lat_deg == doctest::Approx(32.7201));
    CHECK(c.summaryOf(strike).find("an air strike row") != std::string::npos);
    CHECK(strike.actor1() == "Test Air Force");

    const Event& battle = *c.find("acled-TST2");
    CHECK(battle.kind == EventKind::Clash);
    CHECK(battle.start->iso() == "2025-03-07");  // "7 March 2025"
    CHECK(battle.geoPrecision == GeoPrecision::Exact);

    const Event& week = *c.find("acled-TST3");
    CHECK(week.kind == EventKind::Attack);
    CHECK(week.start->precision() == TimePrecision::Day);
    CHECK(c.noteOf(week).find("within a week") != std::string::npos);

    const Event& month = *c.find("acled-TST4");
    CHECK(month.kind == EventKind::Attack);
    CHECK(month.start->iso() == "2025-03");
    CHECK(month.geoPrecision == GeoPrecision::Province);

    CHECK(c.find("acled-TST5")->kind == EventKind::Talks);

    // The protest is a type bordermap does not map: counted in the summary, not a problem.
    CHECK(import.unmappedRows == 1);
    REQUIRE(import.unmapped.size() == 1);
    CHECK(import.unmapped[0].first == "Protests / Peaceful protest");
    CHECK(import.summary("f.csv").find("1 rows of types bordermap does not map left out (Protests / Peaceful protest: 1)") !=
          std::string::npos);
    REQUIRE(skipped.size() == 3);
    CHECK(skipped[0].field == "source");
    CHECK(skipped[1].field == "event_date");
    CHECK(skipped[2].message.find("lies outside the map's region (longitude 55.5 to 82.0") != std::string::npos);
}

TEST_CASE("ACLED's date forms") {
    CHECK(isoDay(*parseAcledDate("2025-03-05")) == "2025-03-05");
    CHECK(isoDay(*parseAcledDate("5 March 2025")) == "2025-03-05");
    CHECK(isoDay(*parseAcledDate("05/03/2025", SlashOrder::DayMonth)) == "2025-03-05");
    CHECK_FALSE(parseAcledDate("05/03/2025"));  // a slash date in an order nobody gave
    CHECK_FALSE(parseAcledDate("31 February 2025"));
    CHECK_FALSE(parseAcledDate("March 2025"));
}

TEST_CASE("ACLED dates out of range are refused, not wrapped") {
    // std::chrono keeps the day in 8 bits and the year in 16: these imported as 15 March 2025 and some other year.
    CHECK_FALSE(parseAcledDate("271 March 2025"));
    CHECK_FALSE(parseAcledDate("15 March 67561"));
    CHECK_FALSE(parseAcledDate("15 March 2025 "));
    CHECK_FALSE(parseAcledDate("+5 March 2025"));
    CHECK_FALSE(parseAcledDate("-1 March 2025"));
    CHECK_FALSE(parseAcledDate("15 March 0"));
    CHECK_FALSE(parseAcledDate("0000-10-02"));  // found by fuzz_dates: year 0 came through the ISO form
    CHECK_FALSE(parseAcledDate("32/01/2025", SlashOrder::DayMonth));
    CHECK_FALSE(parseAcledDate("15/13/2025", SlashOrder::DayMonth));
    CHECK_FALSE(parseAcledDate("-5/03/2025", SlashOrder::DayMonth));
    CHECK(isoDay(*parseAcledDate("31 December 9999")) == "9999-12-31");
}

TEST_CASE("a file's slash dates are read in the order the file shows") {
    Catalogue c;
    const auto skipped = addAcledFile(c, test::dataFile("acled_slash_dmy.csv"), test::context()).problems;
    CHECK(skipped.empty());
    REQUIRE(c.events.size() == 3);
    CHECK(c.find("acled-SD1")->start->iso() == "2025-03-15");
    CHECK(c.find("acled-SD2")->start->iso() == "2025-04-03");  // day first, as 15/03/2025 shows
    CHECK(c.find("acled-SD3")->start->iso() == "2025-03-04");
}

TEST_CASE("a file whose slash dates never show their order: each is refused unless the user gives it") {
    Catalogue c;
    const auto skipped = addAcledFile(c, test::dataFile("acled_slash_ambiguous.csv"), test::context()).problems;
    REQUIRE(c.events.size() == 1);
    CHECK(c.events.front().id == "acled-SA3");
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0].feature == "SA1");
    CHECK(skipped[0].field == "event_date");
    CHECK(skipped[0].message ==
          "'03/04/2025' could be 3 April or 4 March: the file's slash dates never show which (no day above 12); "
          "give --acled-dates dmy or mdy");
    CHECK(skipped[1].message.find("'05/03/2025' could be 5 March or 3 May") == 0);

    Catalogue monthFirst;
    CHECK(addAcledFile(monthFirst, test::dataFile("acled_slash_ambiguous.csv"), test::context(), SlashOrder::MonthDay)
              .problems.empty());
    REQUIRE(monthFirst.events.size() == 3);
    CHECK(monthFirst.find("acled-SA1")->start->iso() == "2025-03-04");
    CHECK(monthFirst.find("acled-SA2")->start->iso() == "2025-05-03");
}

TEST_CASE("a file whose slash dates disagree on their order: each is refused, naming both") {
    Catalogue c;
    const auto skipped = addAcledFile(c, test::dataFile("acled_slash_conflicting.csv"), test::context()).problems;
    REQUIRE(c.events.size() == 1);
    CHECK(c.events.front().id == "acled-SC3");
    REQUIRE(skipped.size() == 2);
    for (const Problem& p : skipped)
        CHECK(p.message.find("the file's slash dates disagree on their order ('15/03/2025' puts the day first, "
                             "'03/16/2025' the month); give --acled-dates dmy or mdy") != std::string::npos);

    Catalogue dayFirst;  // the user's word settles it; the date that does not fit it is reported
    const auto refused = addAcledFile(dayFirst, test::dataFile("acled_slash_conflicting.csv"), test::context(),
                                      SlashOrder::DayMonth).problems;
    CHECK(dayFirst.events.size() == 2);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].message == "'03/16/2025' is not a date read as day/month/year");
}

TEST_CASE("a CSV that is not an ACLED export is refused, naming the column") {
    Catalogue c;
    CHECK_THROWS_WITH_AS(addAcledFile(c, test::dataFile("points.csv"), test::context()),
                         doctest::Contains("field 'event_date': not an ACLED export"), InputError);
}
