#pragma once
// Loads any vector source GDAL reads (GeoPackage, GeoJSON, Shapefile, KML, CSV with coordinate columns)
// into the program's own Layer type, reprojected to WGS84 lon/lat.

#include <bordermap/geo/feature.hpp>

#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap::geo {

// Receives features one at a time as a file is read, so that a file of any size is read in constant memory.
class FeatureVisitor {
public:
    virtual ~FeatureVisitor() = default;
    // Before a layer's first feature: its name, fields, CRS and nativeData are set; its features stay empty.
    // May throw InputError (a column the reader needs is missing, say).
    virtual void beginLayer(const Layer& layer) = 0;
    // Each good feature, in file order. The feature is reused for the next one: copy what is kept.
    virtual void feature(const Layer& layer, const Feature& feature) = 0;
    // After a layer's last feature: every field the layer has in the file. A streaming reader learns them only at
    // the end (the layer given to beginLayer then names LoadOptions::fields); GDAL's reader gives layer.fields.
    virtual void endLayer(const Layer& layer, std::span<const std::string> fieldsInFile) {
        (void)layer;
        (void)fieldsInFile;
    }
};

struct LoadOptions {
    std::vector<std::string> layers;  // load only these (each must exist); empty: every layer with geometry
    bool strict = true;               // a bad feature throws InputError; otherwise it is skipped and listed
    bool checkValidity = true;        // also run GEOS's validity check on polygons (self-intersections)
    // A feature with no geometry (GeoJSON's "geometry": null, a NULL geometry column) is read with an empty one, not
    // refused: an event that has no place on the map. An empty geometry (POINT EMPTY, no coordinates) is refused still.
    bool allowNoGeometry = false;
    std::string displayName;          // how messages name the file; the path when empty
    std::vector<std::string> openOptions;  // GDAL open options ("DATE_AS_STRING=YES"); drivers ignore others'
    // GDAL configuration options set on this thread while the file is read (LIBKML reads its TimeSpan's field
    // names from LIBKML_BEGIN_FIELD and LIBKML_END_FIELD only).
    std::vector<std::pair<std::string, std::string>> configOptions;
    // Passed to each layer read (OGRLayer::SetAttributeFilter): a database (PostGIS) runs it as the SQL WHERE of its
    // query, so only the rows it selects are fetched. Empty: every feature.
    std::string attributeFilter;
    // When set, features go to the visitor instead of into the layers (which keep their fields, features empty).
    // Bad features are skipped and listed as in a lenient load, or thrown when strict, in file order.
    FeatureVisitor* visitor = nullptr;
    // Only each layer's name, fields and CRS: no feature is read (to tell what a file holds).
    bool headerOnly = false;
    // The fields a streaming reader that learns a file's fields only at its end (streamGeoJsonPoints) reads, in this
    // order: its features' values follow them. Loaders that know the fields up front ignore it.
    std::vector<std::string> fields;
};

// A feature left out by a lenient load, and why.
struct SkippedFeature {
    std::string layer;
    std::string feature;    // featureLabel(): "#12 ('Kabul')"
    std::size_t position;   // its place in the layer, from 1
    std::string field;      // "geometry", or the attribute whose value was refused
    std::string reason;
};

struct VectorSource {
    std::string path;
    std::string driver;  // GDAL's short name: "GPKG", "GeoJSON", "CSV", ...
    std::vector<Layer> layers;
    std::vector<SkippedFeature> skipped;
    std::size_t vertexCount = 0;  // over every layer read, against limits::kMaxVertices

    const Layer* findLayer(std::string_view name) const;
};

// Reads `path` through GDAL. Throws InputError naming the file (and the layer, feature and field where
// there is one) for: a missing file, a file that is not vector data, a requested layer that does not exist,
// an empty layer, a CRS that cannot be transformed to WGS84, and, when strict, a feature with no geometry,
// non-finite or out-of-range coordinates, a ring or line with too few vertices, or invalid polygons.
// A CSV's coordinates are read from columns named lon/longitude/x and lat/latitude/y.
VectorSource loadVectorSource(const std::string& path, const LoadOptions& options = {});

// A data source opened once and read again as often as asked, each time with the read's own options (layers,
// filter, visitor): a database that a viewer asks for each date's window, without connecting and reading the
// catalogue's metadata again for every step. For one thread at a time (a GDAL dataset is); throws as
// loadVectorSource does.
class OpenVectorSource {
public:
    OpenVectorSource(const std::string& path, const LoadOptions& options);
    ~OpenVectorSource();
    OpenVectorSource(const OpenVectorSource&) = delete;
    OpenVectorSource& operator=(const OpenVectorSource&) = delete;
    // `options` as at the open, but for what a read chooses: layers, attributeFilter, visitor, strictness, fields.
    VectorSource read(const LoadOptions& options);

private:
    struct Dataset;
    std::unique_ptr<Dataset> m_dataset;
};

// The same for a file held in memory (compiled-in data). `fileName` gives GDAL the extension it may need
// to pick a driver ("events.geojson"); messages name options.displayName, or fileName.
VectorSource loadVectorSource(std::span<const unsigned char> bytes, const std::string& fileName,
                              const LoadOptions& options = {});

// A row of a CSV file of points as streamCsvPoints hands it on, its text not copied: the values are views of the
// reader's buffer, valid during the call (a million ACLED rows of 31 values each spent a tenth of their import
// copying every value into a string of a Feature).
struct CsvRow {
    std::size_t position = 0;                  // counting from 1; the header and blank lines are not counted
    std::span<const std::string_view> values;  // in the order of the layer's fields; those a short row lacks are empty
    std::string_view text;                     // every value of the row end to end (as read: unquoted)
    LonLat point;
};

class CsvRowVisitor {
public:
    virtual ~CsvRowVisitor() = default;
    // Before the first row: the layer's name, fields and CRS are set. May throw InputError (a column is missing).
    virtual void beginLayer(const Layer& layer) = 0;
    // Each row with a usable point, in file order.
    virtual void row(const Layer& layer, const CsvRow& row) = 0;
};

// Streams a CSV file whose rows are points (longitude and latitude in the columns named `lonColumn` and
// `latColumn`, any case) to `visitor` (options.visitor is not used), read with libcsv: RFC 4180 quoting (commas, quotes and line breaks
// in a field), LF or CRLF, a UTF-8 byte-order mark. GDAL's CSV driver builds a feature object per row and is several
// times slower on a million rows. A row without a usable point is skipped and listed (or thrown, when strict).
// Throws InputError for a missing or unreadable file, no header line within limits::kMaxCsvHeaderBytes (not CSV:
// a huge file without line breaks is refused after reading that much), more than
// limits::kMaxFields columns, a value over limits::kMaxValueBytes, or a missing coordinate column.
VectorSource streamCsvPoints(const std::string& path, const LoadOptions& options, std::string_view lonColumn,
                             std::string_view latColumn, CsvRowVisitor& visitor);

// Thrown by streamGeoJsonPoints where a file holds what its fast path does not read exactly as GDAL's GeoJSON driver
// does (JSON that does not parse, another CRS, a geometry other than points, a member after the features, a
// document that is not a FeatureCollection): the caller reads the file with loadVectorSource instead, which reads
// it or names the problem. Nothing the visitor was given stands: the caller undoes it.
struct NotStreamable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Streams a GeoJSON FeatureCollection of Point and MultiPoint features (RFC 7946, WGS 84; the old "crs" member only
// when it names WGS 84) to options.visitor with RapidJSON's SAX reader, in constant memory: a feature's values are
// those of options.fields, in that order, as GDAL gives them with DATE_AS_STRING, ARRAY_AS_STRING and NATIVE_DATA
// (a list or object as its JSON text, a number as GDAL writes it); the members before "features" are the layer's
// nativeData. Bad features are skipped and listed (or thrown, when strict) with LayerReader's messages. Throws
// InputError for a missing or unreadable file, no features, or a limit passed; NotStreamable as above.
// With options.headerOnly, the fields are the first feature's properties, and the file is read no further.
VectorSource streamGeoJsonPoints(const std::string& path, const LoadOptions& options);
VectorSource streamGeoJsonPoints(std::span<const unsigned char> bytes, const std::string& fileName,
                                 const LoadOptions& options);

// Refuses what is not a file or folder that can be read whole (a FIFO would block for ever, a device never end)
// and a file over limits::kMaxFileBytes, naming `file`.
void checkReadableFile(const std::string& path, const std::string& file);

// The member `name` of a JSON object (a GeoJSON layer's nativeData) as text: a string's value, any other value's
// JSON. Nothing when the text is not a JSON object or has no such member. Read with a JSON parser of bounded depth,
// so no input can exhaust the stack.
std::optional<std::string> jsonMember(const std::string& json, const std::string& name);

}  // namespace bordermap::geo
