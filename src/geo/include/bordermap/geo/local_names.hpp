#pragma once
// The local names of the map's places (Dari and Pashto in Afghanistan, Urdu and Pashto in Pakistan), each with its
// source: geodata/local_names.csv, compiled into the binary. Bilingual labels are made from them.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::geo {

enum class PlaceKind { Province, City, Crossing };

struct LocalName {
    PlaceKind kind = PlaceKind::Province;
    std::string place;    // the key the map's data uses: a province's or city's `name`, a crossing's event `id`
    std::string country;  // "Afghanistan" or "Pakistan": whose name it is (a crossing has one for each side)
    std::string lang;     // "fa" (Dari), "ps" (Pashto) or "ur" (Urdu)
    std::string name;     // in Arabic script, UTF-8
    std::string source;   // title, publisher or site, and address
};

struct LocalNames {
    std::string origin;  // "embedded geodata/local_names.csv" or the file read
    std::vector<LocalName> names;

    // The name of `place` in `lang` as `country`'s, or nullptr when the data has none.
    const LocalName* find(PlaceKind kind, std::string_view place, std::string_view country, std::string_view lang) const;
};

// The languages and the script a name may have.
bool isKnownLanguage(std::string_view lang);
// True when `text` is valid UTF-8, holds at least one Arabic letter and nothing but Arabic-script characters,
// spaces and the zero-width non-joiner (Persian's half-space).
bool isArabicScript(std::string_view text);

// geodata/local_names.csv as it was at build time.
LocalNames loadEmbeddedLocalNames();

// A table of the same shape, read with GDAL's CSV driver: columns kind, place, country, lang, name, source, one name
// a row. Throws InputError naming the file, the row ("#12 ('Kabul')", counting rows from 1 after the header) and the
// field for a missing file or column, an unknown kind, country or language, an empty place, name or source, a name
// not in Arabic script, or a second name for the same place, country and language.
LocalNames loadLocalNames(const std::string& path);
// The same from bytes in memory; messages name `displayName`.
LocalNames loadLocalNames(std::span<const unsigned char> bytes, const std::string& displayName);

}  // namespace bordermap::geo
