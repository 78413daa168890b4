#pragma once
// Writing a layer of points out through GDAL, in the formats the tools users already have read: GeoPackage,
// GeoJSON, CSV, KML and FlatGeobuf, picked by the file's extension. The file appears whole or not at all.

#include <bordermap/core/coords.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bordermap::geo {

enum class VectorFormat { GeoPackage, GeoJson, Csv, Kml, FlatGeobuf };

// By extension (any case): .gpkg, .geojson or .json, .csv, .kml, .fgb. Nothing for any other.
std::optional<VectorFormat> vectorFormatFor(std::string_view path);
std::string_view vectorFormatName(VectorFormat format);  // "GeoPackage", "GeoJSON", ...
// "GeoPackage (.gpkg), GeoJSON (.geojson), ...": for messages that list what can be written.
std::string writableFormats();

enum class FieldType { Text, Integer, Date };

struct OutputField {
    std::string name;
    FieldType type = FieldType::Text;
};

struct VectorLayerSpec {
    std::string layerName;
    std::vector<OutputField> fields;
    // The layer's metadata items (GeoPackage keeps them in gpkg_metadata; FlatGeobuf, CSV and KML have no place
    // for them).
    std::vector<std::pair<std::string, std::string>> metadata;
    // GeoJSON: members of the FeatureCollection beside "features", as a JSON object ({"as_of": "2026-03-17"}).
    std::string geoJsonMembers;
    // KML: the Date fields whose values make each placemark's TimeSpan (begin, end), so that Google Earth's time
    // slider and QGIS read them; a placemark whose two days are equal gets a TimeStamp.
    std::string kmlBeginField;
    std::string kmlEndField;
    // GeoPackage: a QGIS style (QML) stored as the layer's default in the layer_styles table QGIS reads styles from.
    std::string qgisDefaultStyle;
};

// Writes one layer of MultiPoint features in WGS 84 to a hidden file beside `path`, which commit() renames into
// place: an interrupted export leaves the previous file untouched (a process killed outright may leave the hidden
// ".NAME.partial-PID" file behind; it never takes the target's name). GeoPackage and FlatGeobuf get a spatial index.
class VectorFileWriter {
public:
    // Throws InputError (field "output") for an extension it cannot write or a folder that is missing or not
    // writable, OperationError when GDAL cannot create the layer.
    VectorFileWriter(std::string path, const VectorLayerSpec& spec);
    ~VectorFileWriter();
    VectorFileWriter(const VectorFileWriter&) = delete;
    VectorFileWriter& operator=(const VectorFileWriter&) = delete;

    // One feature: a value per field of the spec, in its order (nothing for null; a Date as "YYYY-MM-DD", an
    // Integer as decimal text), and its places (none: a null geometry). Throws OperationError.
    void add(std::span<const std::optional<std::string>> values, std::span<const LonLat> places);
    // Finishes the file and gives it its name, replacing any file there. Throws OperationError.
    void commit();

    std::size_t written() const { return m_written; }

private:
    struct Gdal;
    std::string m_path;
    std::string m_partial;
    VectorFormat m_format;
    std::unique_ptr<Gdal> m_gdal;
    std::size_t m_fieldCount = 0;
    std::size_t m_written = 0;
    bool m_committed = false;
};

}  // namespace bordermap::geo
