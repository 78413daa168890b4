#pragma once
// Import of an ACLED data export (the CSV that ACLED's export tool gives) into the event schema.
// The mapping, which README.md documents for users:
//   event_date (acled_date.hpp's forms) + time_precision 1/2/3 -> start with day/day/month precision
//     (2 means "within a week": kept to the day, said in the note; 3 means the month is all that is known)
//   event_type / sub_event_type -> kind: Battles -> clash; Explosions/Remote violence: Air/drone strike ->
//     airstrike, anything else -> attack; Violence against civilians -> attack; Strategic developments:
//     Agreement -> talks. Other types (protests, riots, other strategic developments) are skipped and reported.
//   latitude, longitude -> the point; geo_precision 1/2/3 -> exact/district/province
//   location -> name ("Air/drone strike in Barmal"); notes -> summary; fatalities -> fatalities;
//   actor1 (+ assoc_actor_1), actor2 (+ assoc_actor_2), admin2, admin3, tags, civilian_targeting -> kept for filters;
//   a row on the day of an embedded event of its kind, within 10 km of it, is marked a duplicate (counted once)
//   source -> sources (each outlet ACLED names, and ACLED itself); country, admin1 -> country, admin1
//   event_id_cnty -> id "acled-<event_id_cnty>" (or "acled-row-<N>" without it)

#include <bordermap/timeline/acled_date.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <string>
#include <vector>

namespace bordermap::timeline {

// What an import did: the events added, the rows of types bordermap does not map (counted by "type / sub-type",
// not problems), and the rows that could not be read (problems: a bad date, a point off the map, ...).
struct AcledImport {
    std::size_t added = 0;
    std::size_t duplicates = 0;  // of those added, how many are also an embedded event (marked, counted once)
    std::size_t unmappedRows = 0;
    std::vector<std::pair<std::string, std::size_t>> unmapped;  // "Protests / Peaceful protest", rows
    std::vector<Problem> problems;

    // One line: "F: 9120 events imported; 880 rows of types bordermap does not map left out (Protests / ...: 700, ...)".
    std::string summary(const std::string& file) const;
};

// Reads the ACLED CSV at `path` (through GDAL, row by row) and adds its events to `catalogue`. Throws
// InputError when the file cannot be read or lacks a column the mapping needs; then nothing is added. Slash dates
// are read in `slashOrder` when the user gives one, else in the order the file's own slash dates show; in a file
// that shows none, or both, every slash date is a problem with a message that says so.
AcledImport addAcledFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                         SlashOrder slashOrder = SlashOrder::Unknown);


}  // namespace bordermap::timeline
