#pragma once
// Caps on what bordermap reads, so that a huge or hostile file gets one clear line (InputError naming the file,
// and the feature and field where there is one) instead of an out-of-memory kill. Each cap is far above real
// data: the embedded data is 0.5 MB with 68 events, an ACLED export of Afghanistan and Pakistan since 2017 about
// 150 MB with 10^5 to 10^6 rows. README.md ("Limits") lists them.

#include <cstddef>
#include <cstdint>

namespace bordermap::limits {

// One input file. GDAL's GeoJSON reader holds about 5.5 times a file's size in memory while reading it, so 1 GiB
// is about 6 GiB of memory at worst.
inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;

// Columns (attribute fields) in one layer: ACLED has 31, Natural Earth's admin-1 file 121.
inline constexpr std::size_t kMaxFields = 1000;

// Features in one layer: a million ACLED events, with room to spare.
inline constexpr std::size_t kMaxFeatures = 5'000'000;

// Vertices in one file, over all its layers (16 bytes each: 800 MB). The world's Natural Earth provinces have 0.4 M.
inline constexpr std::size_t kMaxVertices = 50'000'000;

// The header (first line) of a CSV read as an ACLED export: ACLED's is 330 bytes; 64 KiB holds kMaxFields
// columns of 64 characters. The ACLED reader (geo::streamCsvPoints) stops there, so a file with no line break is
// refused after reading that much, not held whole.
inline constexpr std::size_t kMaxCsvHeaderBytes = std::size_t{64} << 10;

// One attribute value as text. A summary is a paragraph; 1 MiB is a book.
inline constexpr std::size_t kMaxValueBytes = std::size_t{1} << 20;

}  // namespace bordermap::limits
