#pragma once
// Import of an ACLED data export (the CSV that ACLED's export tool gives) into the event schema.
// The mapping, which README.md documents for users:
//   event_date (any form acled_date.hpp reads) + time_precision 1/2/3 -> start with day/day/month precision
//     (2 means "within a week": kept to the day, said in the note; 3 means the month is all that is known)
//   event_type / sub_event_type -> kind: Battles -> clash; Explosions/Remote violence: Air/drone strike ->
//     airstrike, anything else -> attack; Violence against civilians -> attack; Strategic developments:
//     Agreement -> talks. Other types (protests, riots, other strategic developments) are skipped and reported.
//   latitude, longitude -> the point; geo_precision 1/2/3 -> exact/district/province
//   location -> name ("Air/drone strike in Barmal"); notes and actors -> summary; fatalities -> fatalities
//   source -> sources (each outlet ACLED names, and ACLED itself); country, admin1 -> country, admin1
//   event_id_cnty -> id "acled-<event_id_cnty>" (or "acled-row-<N>" without it)

#include <bordermap/timeline/acled_date.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <string>
#include <vector>

namespace bordermap::timeline {

// Reads the ACLED CSV at `path` (through GDAL) and adds its events to `catalogue`. Returns the rows skipped
// and why. Throws InputError when the file cannot be read or lacks a column the mapping needs. Slash dates are read
// in `slashOrder` when the user gives one, else in the order the file's own slash dates show; in a file that shows
// none, or both, every slash date is skipped with a message that says so.
std::vector<Problem> addAcledFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                                  SlashOrder slashOrder = SlashOrder::Unknown);

}  // namespace bordermap::timeline
