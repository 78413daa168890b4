#include "bordermap/geo/vector_source.hpp"

#include "gdal_support.hpp"

#include <bordermap/geo/postgis.hpp>

#include <cpl_json.h>

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/core/text.hpp>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

namespace bordermap::geo {

const Layer* VectorSource::findLayer(std::string_view name) const {
    for (const Layer& layer : layers)
        if (layer.name == name) return &layer;
    return nullptr;
}

namespace {

// Why one feature cannot be used; thrown inside the loader and turned into an error or a skip.
struct BadFeature {
    std::string reason;
    bool outOfRange = false;  // coordinates outside lon/lat: in a layer with no CRS, likely projected data
    std::string field = "geometry";
};

constexpr const char* kNameFields[] = {"name", "NAME", "Name", "gn_name", "title", "id"};

std::string describeCrs(const OGRSpatialReference& srs) {
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    const char* name = srs.GetName();
    std::string out;
    if (authority != nullptr && code != nullptr) out = std::string(authority) + ":" + code;
    if (name != nullptr) out += out.empty() ? std::string(name) : " (" + std::string(name) + ")";
    return out.empty() ? "unnamed CRS" : out;
}

bool isWgs84LonLat(const OGRSpatialReference& srs) {
    if (!srs.IsGeographic()) return false;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
    return srs.IsSame(&wgs84, options) != 0;
}

// Throws BadFeature unless `p` is a finite WGS84 position. `what` names it in the message ("vertex", "point").
void checkCoordinate(LonLat p, const char* what) {
    if (!std::isfinite(p.lon_deg) || !std::isfinite(p.lat_deg))
        throw BadFeature{std::string("a ") + what + " has a non-finite coordinate"};
    if (!isValidLonLat(p))
        throw BadFeature{std::string(what) + " (" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) +
                             ") is outside longitude -180..180 / latitude -90..90",
                         true};
}

// Appends one ring or line to `out`, checking its coordinates. Z and M are dropped.
void appendRun(const OGRSimpleCurve& curve, std::size_t minPoints, bool mustClose, Geometry<LonLat>& out) {
    const int n = curve.getNumPoints();
    if (n < 0 || static_cast<std::size_t>(n) < minPoints)
        throw BadFeature{(mustClose ? "a ring has " : "a line has ") + std::to_string(n) + " vertices, needs " +
                         std::to_string(minPoints)};
    const std::size_t begin = out.points.size();
    out.runStarts.push_back(static_cast<std::uint32_t>(begin));
    out.points.resize(begin + static_cast<std::size_t>(n));
    LonLat* first = out.points.data() + begin;
    curve.getPoints(&first->lon_deg, static_cast<int>(sizeof(LonLat)), &first->lat_deg,
                    static_cast<int>(sizeof(LonLat)));
    for (std::size_t i = begin; i < out.points.size(); ++i) checkCoordinate(out.points[i], "vertex");
    if (mustClose && !(out.points[begin] == out.points.back())) throw BadFeature{"a ring is not closed"};
}

void appendPolygon(const OGRPolygon& polygon, Geometry<LonLat>& out) {
    if (polygon.IsEmpty()) return;
    out.partStarts.push_back(static_cast<std::uint32_t>(out.runStarts.size()));
    for (const OGRLinearRing* ring : polygon) appendRun(*ring, 4, true, out);
}

// Flattens any OGR geometry of one kind into `out`; mixed kinds in one collection are rejected.
void appendGeometry(const OGRGeometry& geometry, Geometry<LonLat>& out, bool& kindSet) {
    const auto setKind = [&](GeometryKind kind) {
        if (kindSet && out.kind != kind) throw BadFeature{"a geometry collection mixes points, lines and polygons"};
        out.kind = kind;
        kindSet = true;
    };
    switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPoint: {
        const auto& point = *geometry.toPoint();
        if (point.IsEmpty() && (std::isnan(point.getX()) || std::isnan(point.getY())))  // see readGeometry
            throw BadFeature{"a point has a coordinate that is not a number (NaN)"};
        if (point.IsEmpty()) return;
        setKind(GeometryKind::Points);
        const LonLat p{point.getX(), point.getY()};
        checkCoordinate(p, "point");
        out.runStarts.push_back(static_cast<std::uint32_t>(out.points.size()));
        out.points.push_back(p);
        return;
    }
    case wkbLineString:
        setKind(GeometryKind::Lines);
        appendRun(*geometry.toLineString(), 2, false, out);
        return;
    case wkbPolygon:
        setKind(GeometryKind::Polygons);
        appendPolygon(*geometry.toPolygon(), out);
        return;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
        for (const OGRGeometry* part : *geometry.toGeometryCollection()) appendGeometry(*part, out, kindSet);
        return;
    default:
        if (geometry.hasCurveGeometry()) {
            const std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
            if (linear) {
                appendGeometry(*linear, out, kindSet);
                return;
            }
        }
        throw BadFeature{std::string("unsupported geometry type ") + geometry.getGeometryName()};
    }
}

// What GDAL said, for the end of a message: its first failure, which says why where a generic one follows.
std::string gdalDetail(const detail::GdalErrorCapture& capture) {
    const std::string& said = capture.firstError().empty() ? capture.lastError() : capture.firstError();
    return said.empty() ? std::string() : " (GDAL: " + said + ")";
}

// A bad feature found while reading; `position` is where it stood among the good ones (its index in the
// layer's feature list had it been kept), which orders problems as they appear in the file.
struct Problem {
    std::size_t position;      // among the features kept
    std::size_t filePosition;  // in the file, from 1
    std::string feature;
    std::string reason;
    std::string field;
};

struct PendingValidity {
    std::size_t featureIndex;
    std::unique_ptr<OGRGeometry> geometry;
};

constexpr const char* kInvalidPolygon = "the polygon is not valid (self-intersecting or badly nested rings)";

// GEOS's validity check, the costliest part of a load, beside the reading: the polygons are checked on the other
// cores while GDAL reads the next features, each on its own GEOS context with GDAL's messages captured on its own
// thread, and the reading thread joins in once the layer is read. (Checked after the reading, as before, a 5.2 M
// vertex world spent 0.35 s on two cores after 0.62 s of reading.)
class ValidityChecker {
public:
    ValidityChecker() {
        const std::size_t others = std::max(1u, std::thread::hardware_concurrency()) - 1;
        for (std::size_t w = 0; w < std::max<std::size_t>(others, 1); ++w) m_workers.emplace_back([this] { work(false); });
    }
    ValidityChecker(const ValidityChecker&) = delete;
    ValidityChecker& operator=(const ValidityChecker&) = delete;
    ~ValidityChecker() {  // a read that failed: what is left unchecked is of no use
        {
            const std::lock_guard lock(m_mutex);
            m_abandoned = true;
        }
        stop();
    }

    void add(std::size_t featureIndex, std::unique_ptr<OGRGeometry> geometry) {
        {
            const std::lock_guard lock(m_mutex);
            m_items.push_back({featureIndex, std::move(geometry)});
            m_invalid.push_back(0);
        }
        m_ready.notify_one();
    }

    // Once every polygon is added: checks what is left here too, and gives the pending polygons and which are invalid.
    std::pair<std::deque<PendingValidity>, std::vector<bool>> finish() {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        work(true);
        stop();
        return {std::move(m_items), std::vector<bool>(m_invalid.begin(), m_invalid.end())};
    }

private:
    // Takes the next unchecked polygon under the lock and checks it outside it, until none is left and (for a
    // worker) none will come.
    void work(bool finishing) {
        detail::GdalErrorCapture quiet;
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (!finishing) m_ready.wait(lock, [&] { return m_next < m_items.size() || m_closed; });
            if (m_abandoned || m_next >= m_items.size()) return;
            const std::size_t i = m_next++;
            const OGRGeometry* geometry = m_items[i].geometry.get();  // a deque's elements stay put as it grows
            lock.unlock();
            const char bad = geometry->IsValid() ? 0 : 1;
            lock.lock();
            m_invalid[i] = bad;
        }
    }

    void stop() {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        for (std::thread& t : m_workers)
            if (t.joinable()) t.join();
    }

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<PendingValidity> m_items;
    std::deque<char> m_invalid;
    std::size_t m_next = 0;
    bool m_closed = false;
    bool m_abandoned = false;
    std::vector<std::thread> m_workers;
};

class LayerReader {
public:
    // `openCrsError` is what GDAL said about a CRS while opening the file, if anything: a layer left without
    // a CRS after such a message declared one that could not be read.
    LayerReader(OGRLayer& layer, const std::string& file, const LoadOptions& options, VectorSource& source,
                std::string openCrsError, std::string noGeometryHint)
        : m_layer(layer), m_options(options), m_source(source), m_where{file, layer.GetName(), {}, {}},
          m_openCrsError(std::move(openCrsError)), m_noGeometryHint(std::move(noGeometryHint)) {}

    Layer read() {
        Layer out;
        out.name = m_layer.GetName();
        out.source = m_where.file;
        out.crs = "EPSG:4326 (WGS 84, lon/lat)";
        if (const char* native = m_layer.GetMetadataItem("NATIVE_DATA", "NATIVE_DATA")) out.nativeData = native;
        if (char** items = m_layer.GetMetadata())
            for (int i = 0; items[i] != nullptr && out.metadata.size() < 64; ++i) {
                char* key = nullptr;
                const char* value = CPLParseNameValue(items[i], &key);
                if (key != nullptr && value != nullptr) out.metadata.emplace_back(key, value);
                CPLFree(key);
            }
        prepareTransform(out);
        const OGRFeatureDefn& definition = *m_layer.GetLayerDefn();
        if (static_cast<std::size_t>(definition.GetFieldCount()) > limits::kMaxFields)
            throw InputError(m_where, "the layer has " + std::to_string(definition.GetFieldCount()) +
                                          " fields (columns), over bordermap's limit of " +
                                          std::to_string(limits::kMaxFields));
        std::vector<ValueForm> forms;
        for (int i = 0; i < definition.GetFieldCount(); ++i) {
            const OGRFieldDefn& field = *definition.GetFieldDefn(i);
            out.fields.emplace_back(field.GetNameRef());
            const OGRFieldType type = field.GetType();
            forms.push_back(type == OFTStringList || type == OFTIntegerList || type == OFTInteger64List || type == OFTRealList
                                ? ValueForm::List
                                : type == OFTDate || type == OFTDateTime ? ValueForm::Date : ValueForm::Text);
        }
        if (m_options.headerOnly) return out;
        int nameField = -1;
        for (const char* candidate : kNameFields) {
            nameField = definition.GetFieldIndex(candidate);
            if (nameField >= 0) break;
        }

        // Problems are gathered with their feature's position and reported in file order, so that strict mode
        // names the first bad feature whichever check finds it.
        std::vector<Problem> problems;
        std::vector<Feature> features;
        FeatureVisitor* visitor = m_options.visitor;
        std::optional<ValidityChecker> checker;
        if (m_options.checkValidity && visitor == nullptr) checker.emplace();
        if (visitor != nullptr) visitor->beginLayer(out);
        std::size_t visited = 0;
        std::size_t position = 0;
        Feature feature;  // reused: a streamed file allocates per field only when a value outgrows the last
        m_layer.ResetReading();
        for (const auto& ogrFeature : m_layer) {
            if (++position > limits::kMaxFeatures)
                throw InputError(m_where, "the layer has more than " + std::to_string(limits::kMaxFeatures) +
                                              " features, bordermap's limit");
            feature.reuse(ogrFeature->GetFID(), position);
            if (nameField >= 0 && ogrFeature->IsFieldSetAndNotNull(nameField))
                feature.name = ogrFeature->GetFieldAsString(nameField);
            const std::size_t kept = visitor != nullptr ? visited : features.size();
            try {
                feature.values.resize(out.fields.size());
                for (int i = 0; i < definition.GetFieldCount(); ++i)
                    fieldText(*ogrFeature, i, forms[static_cast<std::size_t>(i)], out.fields[static_cast<std::size_t>(i)],
                              feature.values[static_cast<std::size_t>(i)]);
                readGeometry(*ogrFeature, feature);
                if (m_options.checkValidity && feature.geometry.kind == GeometryKind::Polygons) {
                    if (visitor != nullptr) {
                        detail::GdalErrorCapture quiet;
                        if (!ogrFeature->GetGeometryRef()->IsValid())
                            throw BadFeature{kInvalidPolygon};
                    } else {
                        checker->add(features.size(), std::unique_ptr<OGRGeometry>(ogrFeature->StealGeometry()));
                    }
                }
            } catch (BadFeature& bad) {
                if (bad.outOfRange && m_noCrs)
                    bad.reason += " (the layer declares no CRS that GDAL can read, so it was read as degrees)";
                problems.push_back({kept, feature.position, featureLabel(feature), bad.reason, bad.field});
                if (m_options.strict) break;  // nothing after it can be reported first
                continue;
            }
            if (visitor != nullptr) {
                visitor->feature(out, feature);
                ++visited;
            } else {
                features.push_back(std::move(feature));
                feature = Feature();
            }
        }
        // An empty file is a mistake worth a line; a query that selects nothing (a database's quiet week) is not.
        const bool emptyIsWrong = m_options.attributeFilter.empty();
        if (visitor != nullptr && visited == 0 && problems.empty() && emptyIsWrong) throw InputError(m_where, "the layer has no features");
        if (visitor != nullptr) visitor->endLayer(out, out.fields);
        if (visitor == nullptr && features.empty() && problems.empty() && emptyIsWrong) throw InputError(m_where, "the layer has no features");

        std::deque<PendingValidity> pending;
        std::vector<bool> invalid;
        if (checker) std::tie(pending, invalid) = checker->finish();
        for (std::size_t i = 0; i < pending.size(); ++i) {
            if (!invalid[i]) continue;
            const std::size_t index = pending[i].featureIndex;
            problems.push_back({index, features[index].position, featureLabel(features[index]), kInvalidPolygon, "geometry"});
        }
        std::stable_sort(problems.begin(), problems.end(),
                         [](const Problem& x, const Problem& y) { return x.position < y.position; });
        if (m_options.strict && !problems.empty()) {
            Location where = m_where;
            where.feature = problems.front().feature;
            where.field = problems.front().field;
            throw InputError(where, problems.front().reason);
        }
        std::vector<bool> drop(features.size(), false);
        for (std::size_t i = 0; i < pending.size(); ++i) drop[pending[i].featureIndex] = invalid[i];
        for (std::size_t i = 0; i < features.size(); ++i)
            if (!drop[i]) out.features.push_back(std::move(features[i]));
        for (const Problem& problem : problems)
            m_source.skipped.push_back({out.name, problem.feature, problem.filePosition, problem.field, problem.reason});
        return out;
    }

private:
    void prepareTransform(Layer& out) {
        Location crsField = m_where;
        crsField.field = "crs";
        detail::GdalErrorCapture capture;
        const OGRSpatialReference* srs = m_layer.GetSpatialRef();
        // Some drivers fall back to WGS 84 when the declared CRS cannot be read (GeoJSON does): reading the
        // coordinates as degrees anyway would put the data in the wrong place, so any such failure is an error.
        const std::string& problem = capture.lastCrsError().empty() ? m_openCrsError : capture.lastCrsError();
        if (!problem.empty())
            throw InputError(crsField, "the file declares a CRS that PROJ does not know (GDAL: " + problem + ")");
        if (srs == nullptr) {
            m_noCrs = true;
            out.sourceCrs = "none declared (read as WGS 84 lon/lat)";
            return;
        }
        out.sourceCrs = describeCrs(*srs);
        if (isWgs84LonLat(*srs)) return;
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_transform.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
        if (!m_transform)
            throw InputError(crsField, "cannot transform from " + out.sourceCrs + " to WGS 84" + gdalDetail(capture));
    }

    // A list (a JSON array in GeoJSON) is kept as its JSON text, "[ \"clash\" ]", not GDAL's "(1:clash)"; a date
    // (GeoPackage, PostGIS, Shapefile DATE columns) as ISO 8601, "2025-10-01", not GDAL's "2025/10/01", and a date
    // and time the same way, its time left out at midnight (FlatGeobuf and KML keep days as dates and times).
    enum class ValueForm { Text, List, Date };

    // A field's value as text, into `text`; throws BadFeature for one over the size limit.
    static void fieldText(const OGRFeature& ogrFeature, int i, ValueForm form, const std::string& name, std::string& text) {
        text.clear();
        if (!ogrFeature.IsFieldSetAndNotNull(i)) return;
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
        float second = 0;
        if (form == ValueForm::List) {
            char* json = ogrFeature.GetFieldAsSerializedJSon(i);
            text = json != nullptr ? json : "";
            CPLFree(json);
        } else if (form == ValueForm::Date && ogrFeature.GetFieldAsDateTime(i, &year, &month, &day, &hour, &minute, &second, &zone)) {
            char iso[80];  // room for any int, so no truncation is possible
            if (hour == 0 && minute == 0 && second == 0)
                std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
            else
                std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02g", year, month, day, hour, minute, static_cast<double>(second));
            text = iso;
        } else {
            text = ogrFeature.GetFieldAsString(i);
        }
        if (text.size() > limits::kMaxValueBytes)
            throw BadFeature{"the value is " + std::to_string(text.size()) + " bytes, over bordermap's limit of " +
                                 std::to_string(limits::kMaxValueBytes),
                             false, name};
    }

    void readGeometry(OGRFeature& ogrFeature, Feature& feature) {
        OGRGeometry* geometry = ogrFeature.GetGeometryRef();
        if (geometry == nullptr && m_options.allowNoGeometry) return;
        if (geometry == nullptr) throw BadFeature{"the feature has no geometry" + m_noGeometryHint};
        if (geometry->IsEmpty()) {
            // GDAL reads a point with a NaN coordinate as an empty point (NaN is how WKB writes POINT EMPTY).
            if (wkbFlatten(geometry->getGeometryType()) == wkbPoint &&
                (std::isnan(geometry->toPoint()->getX()) || std::isnan(geometry->toPoint()->getY())))
                throw BadFeature{"a point has a coordinate that is not a number (NaN)"};
            throw BadFeature{"the feature has no geometry"};
        }
        if (m_transform && geometry->transform(m_transform.get()) != OGRERR_NONE)
            throw BadFeature{"its coordinates cannot be transformed to WGS 84"};
        bool kindSet = false;
        appendGeometry(*geometry, feature.geometry, kindSet);
        if (feature.geometry.points.empty()) throw BadFeature{"the feature has no geometry"};
        m_source.vertexCount += feature.geometry.points.size();
        if (m_source.vertexCount > limits::kMaxVertices)
            throw InputError(m_where, "the file has more than " + std::to_string(limits::kMaxVertices) +
                                          " vertices, bordermap's limit");
        for (const LonLat& p : feature.geometry.points) feature.bounds.add(p);
    }

    OGRLayer& m_layer;
    const LoadOptions& m_options;
    VectorSource& m_source;
    Location m_where;
    std::string m_openCrsError;
    std::string m_noGeometryHint;
    bool m_noCrs = false;
    detail::CoordinateTransformationPtr m_transform;
};

bool hasExtension(const std::string& path, std::string_view extension) {
    return toLower(std::filesystem::path(path).extension().string()) == extension;
}

}  // namespace

void checkReadableFile(const std::string& path, const std::string& file) {
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) throw InputError({file, {}, {}, {}}, "no such file");
    if (std::filesystem::is_directory(status)) return;  // a shapefile folder, a FileGDB
    if (!std::filesystem::is_regular_file(status))
        throw InputError({file, {}, {}, {}}, "not a regular file (a pipe, socket or device): bordermap reads files");
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits::kMaxFileBytes)
        throw InputError({file, {}, {}, {}}, "the file is " + formatNumber(static_cast<double>(size) / (1 << 20), 0) +
                                                 " MiB, over bordermap's limit of " +
                                                 formatNumber(static_cast<double>(limits::kMaxFileBytes) / (1 << 20), 0) +
                                                 " MiB for one input file");
}

namespace {

// The open options that take a CSV's point from its coordinate columns: the first of lon, longitude, lng, x
// (and lat, latitude, y) that the header has, matched without regard to case. Named exactly, because GDAL 3.6
// crashes when several columns match its X_POSSIBLE_NAMES list and KEEP_GEOM_COLUMNS=NO, and picks one of two
// columns with the same name silently; bordermap refuses the second case. A file GDAL's CSV driver cannot open
// gets no options (the real open says why).
struct CsvCoordinates {
    std::vector<std::string> openOptions;
    std::string noGeometryHint;  // appended to "the feature has no geometry"
};
CsvCoordinates csvCoordinates(const std::string& path, const std::string& file) {
    static constexpr const char* kCsvOnly[] = {"CSV", nullptr};
    detail::GdalErrorCapture quiet;
    const GDALDatasetUniquePtr probe(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kCsvOnly));
    if (!probe || probe->GetLayerCount() < 1) return {};
    OGRLayer& layer = *probe->GetLayer(0);
    const OGRFeatureDefn& definition = *layer.GetLayerDefn();
    const auto column = [&](std::initializer_list<const char*> candidates, const char* axis) -> std::string {
        for (const char* candidate : candidates) {
            int matches = 0;
            for (int i = 0; i < definition.GetFieldCount(); ++i)
                if (toLower(definition.GetFieldDefn(i)->GetNameRef()) == candidate) ++matches;
            if (matches > 1)
                throw InputError({file, layer.GetName(), {}, candidate},
                                 std::to_string(matches) + " columns are named '" + candidate + "': the " + axis +
                                     " must be one column");
            if (matches == 1) return candidate;
        }
        return {};
    };
    const std::string x = column({"lon", "longitude", "lng", "x"}, "longitude");
    const std::string y = column({"lat", "latitude", "y"}, "latitude");
    if (x.empty() || y.empty()) return {};
    return {{"X_POSSIBLE_NAMES=" + x, "Y_POSSIBLE_NAMES=" + y, "KEEP_GEOM_COLUMNS=NO"},
            " (its columns " + x + " and " + y + " are empty or not numbers)"};
}

}  // namespace

struct OpenVectorSource::Dataset {
    std::string path;
    std::string file;  // as messages name it
    GDALDatasetUniquePtr dataset;
    CsvCoordinates csv;
    std::string openCrsError;  // a CRS GDAL could not read as it opened the file (a Shapefile's .prj)
};

OpenVectorSource::OpenVectorSource(const std::string& path, const LoadOptions& options) : m_dataset(std::make_unique<Dataset>()) {
    detail::ensureGdalRegistered();
    Dataset& d = *m_dataset;
    d.path = path;
    d.file = options.displayName.empty() ? path : options.displayName;
    const bool virtualPath = path.rfind("/vsi", 0) == 0 || isPgConnection(path);
    if (!virtualPath) checkReadableFile(path, d.file);
    detail::ThreadConfig config;
    for (const auto& [key, value] : options.configOptions) config.set(key, value);

    // A CSV's geometry comes from its coordinate columns. Drivers ignore the options meant for others
    // (with a warning, which is captured).
    std::vector<std::string> optionText = options.openOptions;
    if (hasExtension(path, ".csv")) {
        d.csv = csvCoordinates(path, d.file);
        optionText.insert(optionText.end(), d.csv.openOptions.begin(), d.csv.openOptions.end());
    }
    std::vector<const char*> openOptions;
    for (const std::string& option : optionText) openOptions.push_back(option.c_str());
    openOptions.push_back(nullptr);
    detail::GdalErrorCapture capture;
    d.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, openOptions.data()));
    if (!d.dataset) {
        if (capture.firstError().find("too complex/large") != std::string::npos)
            throw InputError({d.file, {}, {}, {}},
                             "one GeoJSON object (a feature, or the whole file when its features are not in a "
                             "FeatureCollection) is over GDAL's 200 MB limit; set OGR_GEOJSON_MAX_OBJ_SIZE=0 to lift "
                             "it, or convert the file to GeoPackage");
        throw InputError({d.file, {}, {}, {}}, "not a vector data source that GDAL can read" + gdalDetail(capture));
    }
    d.openCrsError = capture.lastCrsError();
}

OpenVectorSource::~OpenVectorSource() = default;

VectorSource OpenVectorSource::read(const LoadOptions& options) {
    Dataset& d = *m_dataset;
    const std::string& file = d.file;
    detail::ThreadConfig config;
    for (const auto& [key, value] : options.configOptions) config.set(key, value);
    detail::GdalErrorCapture capture;
    GDALDataset& dataset = *d.dataset;

    VectorSource source;
    source.path = d.path;
    source.driver = dataset.GetDriver() != nullptr ? dataset.GetDriver()->GetDescription() : "";

    std::vector<OGRLayer*> chosen;
    std::string available;
    for (OGRLayer* layer : dataset.GetLayers()) {
        if (layer->GetGeomType() == wkbNone) continue;
        available += (available.empty() ? "" : ", ") + std::string(layer->GetName());
        if (options.layers.empty()) chosen.push_back(layer);
    }
    for (const std::string& wanted : options.layers) {
        OGRLayer* layer = dataset.GetLayerByName(wanted.c_str());
        if (layer == nullptr || layer->GetGeomType() == wkbNone)
            throw InputError({file, wanted, {}, {}},
                             "no such layer with geometry (the file has: " + (available.empty() ? "none" : available) +
                                 ")");
        chosen.push_back(layer);
    }
    if (chosen.empty()) throw InputError({file, {}, {}, {}}, "the file has no layer with geometry");

    for (OGRLayer* layer : chosen) {
        // Set on every read, an empty filter too: the dataset's layers keep the last read's.
        if (layer->SetAttributeFilter(options.attributeFilter.empty() ? nullptr : options.attributeFilter.c_str()) != OGRERR_NONE)
            throw InputError({file, layer->GetName(), {}, {}}, "the query was refused" + gdalDetail(capture));
        layer->ResetReading();
        source.layers.push_back(
            LayerReader(*layer, file, options, source, capture.lastCrsError().empty() ? d.openCrsError : capture.lastCrsError(),
                        d.csv.noGeometryHint).read());
    }
    return source;
}

VectorSource loadVectorSource(const std::string& path, const LoadOptions& options) {
    return OpenVectorSource(path, options).read(options);
}

VectorSource loadVectorSource(std::span<const unsigned char> bytes, const std::string& fileName,
                              const LoadOptions& options) {
    detail::ensureGdalRegistered();
    // A folder of this thread's own, so that two threads loading at once do not share a file.
    std::ostringstream path;
    path << "/vsimem/bordermap-" << std::this_thread::get_id() << "/" << fileName;
    const detail::MemoryFile file(path.str(), bytes.data(), bytes.size());
    LoadOptions named = options;
    if (named.displayName.empty()) named.displayName = fileName;
    VectorSource source = loadVectorSource(file.path(), named);
    source.path = named.displayName;
    return source;
}

std::optional<std::string> jsonMember(const std::string& json, const std::string& name) {
    CPLJSONDocument document;
    {
        detail::GdalErrorCapture quiet;  // a parse error is "nothing", not a message on stderr
        if (json.empty() || !document.LoadMemory(json)) return std::nullopt;
    }
    const CPLJSONObject root = document.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Object) return std::nullopt;
    const CPLJSONObject member = root.GetObj(name);
    if (!member.IsValid()) return std::nullopt;
    if (member.GetType() == CPLJSONObject::Type::String) return member.ToString();
    return member.Format(CPLJSONObject::PrettyFormat::Plain);
}

}  // namespace bordermap::geo
