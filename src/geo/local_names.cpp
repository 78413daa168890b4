#include "bordermap/geo/local_names.hpp"

#include "embedded_geodata.hpp"
#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace bordermap::geo {

namespace {

constexpr const char* kLayer = "local_names";
constexpr std::array<const char*, 6> kColumns = {"kind", "place", "country", "lang", "name", "source"};

std::optional<PlaceKind> parseKind(std::string_view kind) {
    if (kind == "province") return PlaceKind::Province;
    if (kind == "city") return PlaceKind::City;
    if (kind == "crossing") return PlaceKind::Crossing;
    return std::nullopt;
}

// The code point starting at text[i], advancing i; nullopt for a malformed, overlong or surrogate sequence.
std::optional<char32_t> nextCodePoint(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    char32_t c = length == 1 ? lead : length == 2 ? (lead & 0x1Fu) : length == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        c = (c << 6) | (byte(i + k) & 0x3Fu);
    }
    static constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
    i += length;
    return c;
}

// Unicode's Arabic blocks: Arabic, Arabic Supplement, Arabic Extended-A, Presentation Forms-A and -B.
bool isArabicCodePoint(char32_t c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
           (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

std::string rowLabel(std::size_t row, std::string_view place) {
    std::string label = "#" + std::to_string(row);
    if (!place.empty()) label += " ('" + std::string(place) + "')";
    return label;
}

LocalNames read(const std::string& path, const std::string& file) {
    detail::ensureGdalRegistered();
    static constexpr const char* kCsvOnly[] = {"CSV", nullptr};
    // Every value as text, the first line the header, nothing taken for a geometry.
    static constexpr const char* kOpenOptions[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES",
                                                   "EMPTY_STRING_AS_NULL=NO", nullptr};
    detail::GdalErrorCapture capture;
    const GDALDatasetUniquePtr dataset(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kCsvOnly, kOpenOptions));
    if (!dataset || dataset->GetLayerCount() != 1)
        throw InputError({file, {}, {}, {}}, "not a CSV table of local names that GDAL can read");
    OGRLayer& layer = *dataset->GetLayer(0);
    const OGRFeatureDefn& definition = *layer.GetLayerDefn();
    std::array<int, kColumns.size()> index{};
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        index[c] = definition.GetFieldIndex(kColumns[c]);
        if (index[c] < 0) throw InputError({file, kLayer, {}, kColumns[c]}, "the table has no such column");
    }

    LocalNames names;
    names.origin = file;
    std::set<std::tuple<PlaceKind, std::string, std::string, std::string>> seen;
    std::size_t row = 0;
    for (const auto& feature : layer) {
        ++row;
        if (row > limits::kMaxFeatures) throw InputError({file, kLayer, {}, {}}, "too many rows");
        std::array<std::string, kColumns.size()> value;
        for (std::size_t c = 0; c < kColumns.size(); ++c)
            if (feature->IsFieldSetAndNotNull(index[c])) value[c] = feature->GetFieldAsString(index[c]);
        const std::string& kindText = value[0];
        const std::string& place = value[1];
        const std::string& country = value[2];
        const std::string& lang = value[3];
        const std::string& name = value[4];
        const std::string& source = value[5];
        const auto fail = [&](const char* field, const std::string& reason) {
            throw InputError({file, kLayer, rowLabel(row, place), field}, reason);
        };
        LocalName entry;
        const auto kind = parseKind(kindText);
        if (!kind) fail("kind", "'" + kindText + "' is not one of province, city, crossing");
        if (place.empty()) fail("place", "empty: the place's name or id is needed");
        if (country != "Afghanistan" && country != "Pakistan")
            fail("country", "'" + country + "' is not Afghanistan or Pakistan");
        if (!isKnownLanguage(lang)) fail("lang", "'" + lang + "' is not one of fa (Dari), ps (Pashto), ur (Urdu)");
        if (name.empty()) fail("name", "empty: leave the row out where no source gives a name");
        if (!isArabicScript(name)) fail("name", "not in Arabic script");
        if (source.empty()) fail("source", "empty: every name needs its source");
        if (!seen.emplace(*kind, place, country, lang).second)
            fail("lang", "a second " + lang + " name for the same place and country");
        entry.kind = *kind;
        entry.place = place;
        entry.country = country;
        entry.lang = lang;
        entry.name = name;
        entry.source = source;
        names.names.push_back(std::move(entry));
    }
    if (!capture.firstError().empty())
        throw InputError({file, kLayer, {}, {}}, "GDAL could not read the table: " + capture.firstError());
    return names;
}

}  // namespace

const LocalName* LocalNames::find(PlaceKind kind, std::string_view place, std::string_view country,
                                  std::string_view lang) const {
    for (const LocalName& n : names)
        if (n.kind == kind && n.place == place && n.country == country && n.lang == lang) return &n;
    return nullptr;
}

bool isKnownLanguage(std::string_view lang) { return lang == "fa" || lang == "ps" || lang == "ur"; }

bool isArabicScript(std::string_view text) {
    bool letter = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = nextCodePoint(text, i);
        if (!c) return false;
        if (*c == U' ' || *c == U'\u200C') continue;
        if (!isArabicCodePoint(*c)) return false;
        letter = true;
    }
    return letter;
}

LocalNames loadEmbeddedLocalNames() {
    return loadLocalNames(embedded::local_names_csv(), "embedded geodata/local_names.csv");
}

LocalNames loadLocalNames(const std::string& path) {
    checkReadableFile(path, path);
    return read(path, path);
}

LocalNames loadLocalNames(std::span<const unsigned char> bytes, const std::string& displayName) {
    detail::ensureGdalRegistered();
    std::ostringstream path;
    path << "/vsimem/bordermap-names-" << std::this_thread::get_id() << "/local_names.csv";
    const detail::MemoryFile file(path.str(), bytes.data(), bytes.size());
    return read(file.path(), displayName);
}

}  // namespace bordermap::geo
