#include "bordermap/geo/vector_source.hpp"

#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <thread>

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

std::string gdalDetail(const detail::GdalErrorCapture& capture) {
    return capture.lastError().empty() ? std::string() : " (GDAL: " + capture.lastError() + ")";
}

// A bad feature found while reading; `position` is where it stood among the good ones (its index in the
// layer's feature list had it been kept), which orders problems as they appear in the file.
struct Problem {
    std::size_t position;
    std::string feature;
    std::string reason;
};

struct PendingValidity {
    std::size_t featureIndex;
    std::unique_ptr<OGRGeometry> geometry;
};

constexpr const char* kInvalidPolygon = "the polygon is not valid (self-intersecting or badly nested rings)";

// GEOS's validity check, the costliest part of a load, on every core: each geometry is checked on its own
// GEOS context, and GDAL's messages are captured on each worker thread. Returns which are invalid.
std::vector<bool> checkValidity(const std::vector<PendingValidity>& pending) {
    std::vector<char> invalid(pending.size(), 0);
    const std::size_t workers =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, pending.size() / 64));
    const auto work = [&](std::size_t first) {
        detail::GdalErrorCapture quiet;
        for (std::size_t i = first; i < pending.size(); i += workers) invalid[i] = pending[i].geometry->IsValid() ? 0 : 1;
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work, w);
    work(0);
    for (std::thread& t : threads) t.join();
    return {invalid.begin(), invalid.end()};
}

class LayerReader {
public:
    // `openCrsError` is what GDAL said about a CRS while opening the file, if anything: a layer left without
    // a CRS after such a message declared one that could not be read.
    LayerReader(OGRLayer& layer, const std::string& file, const LoadOptions& options, VectorSource& source,
                std::string openCrsError)
        : m_layer(layer), m_options(options), m_source(source), m_where{file, layer.GetName(), {}, {}},
          m_openCrsError(std::move(openCrsError)) {}

    Layer read() {
        Layer out;
        out.name = m_layer.GetName();
        out.source = m_where.file;
        out.crs = "EPSG:4326 (WGS 84, lon/lat)";
        if (const char* native = m_layer.GetMetadataItem("NATIVE_DATA", "NATIVE_DATA")) out.nativeData = native;
        prepareTransform(out);
        const OGRFeatureDefn& definition = *m_layer.GetLayerDefn();
        for (int i = 0; i < definition.GetFieldCount(); ++i)
            out.fields.emplace_back(definition.GetFieldDefn(i)->GetNameRef());
        int nameField = -1;
        for (const char* candidate : kNameFields) {
            nameField = definition.GetFieldIndex(candidate);
            if (nameField >= 0) break;
        }

        // Problems are gathered with their feature's position and reported in file order, so that strict mode
        // names the first bad feature whichever check finds it.
        std::vector<Problem> problems;
        std::vector<PendingValidity> pending;
        std::vector<Feature> features;
        m_layer.ResetReading();
        for (const auto& ogrFeature : m_layer) {
            Feature feature;
            feature.fid = ogrFeature->GetFID();
            if (nameField >= 0 && ogrFeature->IsFieldSetAndNotNull(nameField))
                feature.name = ogrFeature->GetFieldAsString(nameField);
            feature.values.reserve(out.fields.size());
            for (int i = 0; i < definition.GetFieldCount(); ++i)
                feature.values.emplace_back(ogrFeature->IsFieldSetAndNotNull(i) ? ogrFeature->GetFieldAsString(i)
                                                                                : "");
            try {
                readGeometry(*ogrFeature, feature);
                if (m_options.checkValidity && feature.geometry.kind == GeometryKind::Polygons)
                    pending.push_back({features.size(), std::unique_ptr<OGRGeometry>(ogrFeature->StealGeometry())});
            } catch (BadFeature& bad) {
                if (bad.outOfRange && m_noCrs)
                    bad.reason += " (the layer declares no CRS that GDAL can read, so it was read as degrees)";
                problems.push_back({features.size(), featureLabel(feature), bad.reason});
                if (m_options.strict) break;  // nothing after it can be reported first
                continue;
            }
            features.push_back(std::move(feature));
        }
        if (features.empty() && problems.empty()) throw InputError(m_where, "the layer has no features");

        std::vector<bool> invalid = checkValidity(pending);
        for (std::size_t i = 0; i < pending.size(); ++i) {
            if (!invalid[i]) continue;
            const std::size_t index = pending[i].featureIndex;
            problems.push_back({index, featureLabel(features[index]), kInvalidPolygon});
        }
        std::stable_sort(problems.begin(), problems.end(),
                         [](const Problem& x, const Problem& y) { return x.position < y.position; });
        if (m_options.strict && !problems.empty()) {
            Location where = m_where;
            where.feature = problems.front().feature;
            where.field = "geometry";
            throw InputError(where, problems.front().reason);
        }
        std::vector<bool> drop(features.size(), false);
        for (std::size_t i = 0; i < pending.size(); ++i) drop[pending[i].featureIndex] = invalid[i];
        for (std::size_t i = 0; i < features.size(); ++i)
            if (!drop[i]) out.features.push_back(std::move(features[i]));
        for (const Problem& problem : problems) m_source.skipped.push_back({out.name, problem.feature, problem.reason});
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

    void readGeometry(OGRFeature& ogrFeature, Feature& feature) {
        OGRGeometry* geometry = ogrFeature.GetGeometryRef();
        if (geometry == nullptr || geometry->IsEmpty()) throw BadFeature{"the feature has no geometry"};
        if (m_transform && geometry->transform(m_transform.get()) != OGRERR_NONE)
            throw BadFeature{"its coordinates cannot be transformed to WGS 84"};
        bool kindSet = false;
        appendGeometry(*geometry, feature.geometry, kindSet);
        if (feature.geometry.points.empty()) throw BadFeature{"the feature has no geometry"};
        for (const LonLat& p : feature.geometry.points) feature.bounds.add(p);
    }

    OGRLayer& m_layer;
    const LoadOptions& m_options;
    VectorSource& m_source;
    Location m_where;
    std::string m_openCrsError;
    bool m_noCrs = false;
    detail::CoordinateTransformationPtr m_transform;
};

bool hasExtension(const std::string& path, std::string_view extension) {
    return toLower(std::filesystem::path(path).extension().string()) == extension;
}

}  // namespace

VectorSource loadVectorSource(const std::string& path, const LoadOptions& options) {
    detail::ensureGdalRegistered();
    const std::string file = options.displayName.empty() ? path : options.displayName;
    const bool virtualPath = path.rfind("/vsi", 0) == 0;
    std::error_code ec;
    if (!virtualPath && !std::filesystem::exists(path, ec)) throw InputError({file, {}, {}, {}}, "no such file");

    // A CSV's geometry comes from its coordinate columns. Drivers ignore the options meant for others
    // (with a warning, which is captured).
    std::vector<std::string> optionText = options.openOptions;
    if (hasExtension(path, ".csv"))
        optionText.insert(optionText.end(), {"X_POSSIBLE_NAMES=lon,longitude,lng,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
                                             "KEEP_GEOM_COLUMNS=NO"});
    std::vector<const char*> openOptions;
    for (const std::string& option : optionText) openOptions.push_back(option.c_str());
    openOptions.push_back(nullptr);
    detail::GdalErrorCapture capture;
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, openOptions.data()));
    if (!dataset)
        throw InputError({file, {}, {}, {}}, "not a vector data source that GDAL can read" + gdalDetail(capture));

    VectorSource source;
    source.path = path;
    source.driver = dataset->GetDriver() != nullptr ? dataset->GetDriver()->GetDescription() : "";

    std::vector<OGRLayer*> chosen;
    std::string available;
    for (OGRLayer* layer : dataset->GetLayers()) {
        if (layer->GetGeomType() == wkbNone) continue;
        available += (available.empty() ? "" : ", ") + std::string(layer->GetName());
        if (options.layers.empty()) chosen.push_back(layer);
    }
    for (const std::string& wanted : options.layers) {
        OGRLayer* layer = dataset->GetLayerByName(wanted.c_str());
        if (layer == nullptr || layer->GetGeomType() == wkbNone)
            throw InputError({file, wanted, {}, {}},
                             "no such layer with geometry (the file has: " + (available.empty() ? "none" : available) +
                                 ")");
        chosen.push_back(layer);
    }
    if (chosen.empty()) throw InputError({file, {}, {}, {}}, "the file has no layer with geometry");

    for (OGRLayer* layer : chosen)
        source.layers.push_back(LayerReader(*layer, file, options, source, capture.lastCrsError()).read());
    return source;
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

}  // namespace bordermap::geo
