// The import of a file shaped as ACLED's export tool writes it (tests/data/acled_export.csv): the 31 columns in
// their order, a UTF-8 byte-order mark, CRLF line ends, RFC 4180 quoting with commas, doubled quotes and a line
// break inside a note, Pashto and Urdu script, rows of types bordermap does not map, and the date forms ACLED and
// spreadsheets write. The rows are made up (each note says TEST FIXTURE).
#include "../test_paths.hpp"
#include "timeline_fixture.hpp"

#include <bordermap/timeline/acled.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::timeline;

namespace {

const std::string kExport = test::dataFile("acled_export.csv");

struct Imported {
    Catalogue catalogue;
    AcledImport import;
};

Imported importExport() {
    Imported out;
    out.import = addAcledFile(out.catalogue, kExport, test::context());
    return out;
}

const Event& event(const Catalogue& c, const char* id) {
    const Event* e = c.find(id);
    REQUIRE_MESSAGE(e != nullptr, id);
    return *e;
}

}  // namespace

TEST_CASE("the fixture is what ACLED's export tool writes: a byte-order mark, CRLF, 31 columns") {
    std::ifstream in(kExport, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    REQUIRE(bytes.size() > 3);
    CHECK(bytes.compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK(bytes.compare(3, 14, "event_id_cnty,") == 0);
    // Every line feed ends a CRLF pair: git must not have converted the file (.gitattributes marks it -text).
    std::size_t lineFeeds = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\n') continue;
        ++lineFeeds;
        CHECK(i > 0);
        CHECK(bytes[i - 1] == '\r');
    }
    CHECK(lineFeeds == 11);  // the header, nine rows, and one line break inside a quoted note
    const std::string header = bytes.substr(3, bytes.find("\r\n") - 3);
    CHECK(header ==
          "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
          "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
          "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp");
}

TEST_CASE("a real-shaped ACLED export: every mapped row with its kind, day and precision") {
    const Imported r = importExport();
    const Catalogue& c = r.catalogue;
    CHECK(r.import.problems.empty());
    CHECK(r.import.added == 5);
    REQUIRE(c.events.size() == 5);

    // The ids come from event_id_cnty, the first column, right after the byte-order mark: were the mark read as
    // part of its name, the column would be missing and the ids would be "acled-row-N".
    std::vector<std::string> ids;
    for (const Event& e : c.events) ids.push_back(e.id.str());
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::string>{"acled-TSTAFG1", "acled-TSTAFG2", "acled-TSTAFG3", "acled-TSTPAK1",
                                          "acled-TSTPAK2"});

    const Event& strike = event(c, "acled-TSTAFG1");  // 2025-03-15
    CHECK(strike.kind == EventKind::Airstrike);
    CHECK(strike.start->iso() == "2025-03-15");
    CHECK(strike.start->precision() == TimePrecision::Day);
    CHECK(strike.geoPrecision == GeoPrecision::District);
    CHECK(strike.name == "Air/drone strike in Barmal");
    CHECK(strike.fatalitiesLow == 4);
    CHECK(strike.places.front().lat_deg == doctest::Approx(32.7201));
    CHECK(strike.places.front().lon_deg == doctest::Approx(69.2139));

    const Event& clash = event(c, "acled-TSTAFG2");  // "16 March 2025", quoted
    CHECK(clash.kind == EventKind::Clash);
    CHECK(clash.start->iso() == "2025-03-16");
    CHECK(clash.start->precision() == TimePrecision::Day);
    CHECK(clash.geoPrecision == GeoPrecision::Exact);

    const Event& attack = event(c, "acled-TSTPAK1");  // 17-March-2025, time_precision 2
    CHECK(attack.kind == EventKind::Attack);
    CHECK(attack.start->iso() == "2025-03-17");
    CHECK(attack.start->precision() == TimePrecision::Day);
    CHECK(c.noteOf(attack).find("within a week") != std::string::npos);

    const Event& bomb = event(c, "acled-TSTPAK2");  // "18 Mar 2025", time_precision 3: the month only
    CHECK(bomb.kind == EventKind::Attack);
    CHECK(bomb.name == "Remote explosive/landmine/IED in Quetta");
    CHECK(bomb.start->iso() == "2025-03");
    CHECK(bomb.start->precision() == TimePrecision::Month);
    CHECK(bomb.geoPrecision == GeoPrecision::Province);
    CHECK(bomb.fatalitiesLow == 12);

    const Event& agreement = event(c, "acled-TSTAFG3");
    CHECK(agreement.kind == EventKind::Talks);
    CHECK(agreement.start->iso() == "2025-03-19");
}

TEST_CASE("a real-shaped ACLED export: notes, actors, admin names, tags and civilian targeting kept") {
    const Imported r = importExport();
    const Catalogue& c = r.catalogue;

    // The note spans two lines inside its quotes, with commas and doubled quotes: kept whole, quotes undoubled.
    // A CRLF inside the quotes is kept as one line feed, as in every other text bordermap holds.
    const Event& strike = event(c, "acled-TSTAFG1");
    CHECK(c.summaryOf(strike) ==
          "TEST FIXTURE (not real data): On 15 March 2025, a drone \"reportedly\" struck a house in Barmal, Paktika.\n"
          "Second line of the note, after a CRLF inside the quotes: 4 killed, \"as claimed\".");
    CHECK(strike.actor1() == "Test Air Force; Test Drone Wing");  // actor1; assoc_actor_1
    CHECK(strike.actor2() == "Civilians (Afghanistan)");
    CHECK(strike.admin1 == "Paktika");
    CHECK(strike.admin2() == "Barmal");
    CHECK(strike.admin3().empty());
    CHECK(strike.tags() == "women targeted: girls");
    CHECK(strike.civilianTargeting);
    CHECK(strike.country == "Afghanistan");
    CHECK(c.sourcesOf(strike) ==
          std::vector<std::string>{"Test Outlet A (as coded by ACLED)", "Test Outlet B (as coded by ACLED)",
                                   "ACLED (Armed Conflict Location & Event Data), data export"});

    // Pashto and Urdu script, byte for byte.
    const std::string nangarharPashto = "\xd9\x86\xd9\x86\xda\xab\xd8\xb1\xd9\x87\xd8\xa7\xd8\xb1";  // ننګرهار
    const std::string landiKotalUrdu = "\xd9\x84\xd9\x86\xda\x88\xdb\x8c\x20\xda\xa9\xd9\x88\xd8\xaa\xd9\x84";  // لنڈی کوتل
    const Event& clash = event(c, "acled-TSTAFG2");
    CHECK(clash.admin1 == "Nangarhar");
    CHECK(clash.admin2() == nangarharPashto);
    CHECK(clash.admin3() == "Achin");
    CHECK(clash.actor1() == "Test Border Force");
    CHECK(clash.actor2() == "Test Militia; Test Tribal Lashkar");  // actor2; assoc_actor_2
    CHECK(c.summaryOf(clash) == "TEST FIXTURE (not real data): a clash in Achin, " + nangarharPashto + "; Pashto script in admin2.");
    CHECK_FALSE(clash.civilianTargeting);
    CHECK(clash.tags().empty());

    const Event& attack = event(c, "acled-TSTPAK1");
    CHECK(attack.admin2() == "Khyber");
    CHECK(attack.admin3() == landiKotalUrdu);
    CHECK(attack.civilianTargeting);
    CHECK(c.summaryOf(attack) ==
          "TEST FIXTURE (not real data): gunmen shot a shopkeeper in Landi Kotal (" + landiKotalUrdu + "), \"within a week\".");
}

TEST_CASE("a real-shaped ACLED export: protests, riots and arrests are counted by type, not problems") {
    const Imported r = importExport();
    CHECK(r.import.problems.empty());
    CHECK(r.import.unmappedRows == 4);
    CHECK(r.import.unmapped == std::vector<std::pair<std::string, std::size_t>>{
                                   {"Protests / Peaceful protest", 2},
                                   {"Riots / Violent demonstration", 1},
                                   {"Strategic developments / Arrests", 1}});
    CHECK(r.import.summary("acled_export.csv") ==
          "acled_export.csv: 5 events imported; 4 rows of types bordermap does not map left out (Protests / Peaceful "
          "protest: 2, Riots / Violent demonstration: 1, Strategic developments / Arrests: 1)");
}
