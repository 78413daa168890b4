// The fast path for point GeoJSON: a FeatureCollection read with RapidJSON's SAX reader, feature by feature, in
// constant memory. GDAL's GeoJSON driver reads a big file twice (once for its fields, once for its features) and
// holds it whole: a million events took 36 s and 0.8 GB. Anything this reader does not read exactly as GDAL would
// makes it throw NotStreamable, and the caller reads the file through GDAL, which names the problem.

#include "bordermap/geo/vector_source.hpp"

#include "gdal_support.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/core/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <unordered_set>

namespace bordermap::geo {

namespace {

// RapidJSON's input stream over a file read through GDAL's virtual files (so /vsimem/ works for the fuzzer), in
// 256 KiB reads. Peek() gives '\0' at the end, as RapidJSON's own FileReadStream does.
class VsiReadStream {
public:
    using Ch = char;
    explicit VsiReadStream(VSILFILE* file) : m_file(file), m_buffer(std::size_t{1} << 18) { fill(); }

    Ch Peek() const { return *m_current; }
    Ch Take() {
        const Ch c = *m_current;
        if (m_current < m_last) {
            ++m_current;
        } else if (!m_eof) {
            fill();
        }
        return c;
    }
    std::size_t Tell() const { return m_consumed + static_cast<std::size_t>(m_current - m_buffer.data()); }
    // Not a writable stream (RapidJSON asks only with kParseInsituFlag).
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

private:
    void fill() {
        m_consumed += m_readCount;
        m_readCount = VSIFReadL(m_buffer.data(), 1, m_buffer.size(), m_file);
        if (m_readCount == 0) {
            m_buffer[0] = '\0';
            m_readCount = 1;
            m_eof = true;
        }
        m_current = m_buffer.data();
        m_last = m_buffer.data() + m_readCount - 1;
    }

    VSILFILE* m_file;
    std::vector<char> m_buffer;
    std::size_t m_readCount = 0;
    std::size_t m_consumed = 0;
    char* m_current = nullptr;
    char* m_last = nullptr;
    bool m_eof = false;
};

// Thrown when the first feature has been read for LoadOptions::headerOnly: the parse stops there.
struct FirstFeatureRead {};

// Why a feature cannot be used, as LayerReader in vector_source.cpp says it.
struct BadFeature {
    std::string reason;
    std::string field = "geometry";
};

constexpr const char* kNameFields[] = {"name", "NAME", "Name", "gn_name", "title", "id"};

// A number's text as GDAL's GeoJSON driver gives it: an integer as written, any other number as "%.15g" (GDAL
// reads 12.0 as a real, 12).
void numberText(std::string_view raw, std::string& out) {
    const bool integer = raw.find_first_of(".eE") == std::string_view::npos && raw.find_first_not_of("-0123456789") == std::string_view::npos;
    if (integer) {
        out.assign(raw);
        return;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc() || end != raw.data() + raw.size()) {
        out.assign(raw);
        return;
    }
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%.15g", value);
    out.assign(text, static_cast<std::size_t>(std::max(n, 0)));
}

// JSON text as GDAL gives a list or an object it keeps as text (json-c's spaced form: `[ "x", 1 ]`, `{ "k": true }`,
// `/` escaped), for a property's value and for the layer's nativeData. Numbers keep the text the file wrote.
class JsonText {
public:
    void clear() {
        m_text.clear();
        m_first.clear();
    }
    const std::string& text() const { return m_text; }

    void start(char open) {
        value();
        m_text += open;
        m_first.push_back(1);
    }
    void end(char close) {
        m_text += ' ';
        m_text += close;
        m_first.pop_back();
    }
    void key(std::string_view k) {
        separate();
        quoted(k);
        m_text += ": ";
        m_afterKey = true;
    }
    void scalar(std::string_view literal) {
        value();
        m_text += literal;
    }
    void string(std::string_view s) {
        value();
        quoted(s);
    }
    void raw(std::string_view json) {
        value();
        m_text += json;
    }

private:
    // Before a value: the separator, unless it follows its key.
    void value() {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        separate();
    }
    void separate() {
        if (m_first.empty()) return;
        m_text += m_first.back() ? " " : ", ";
        m_first.back() = 0;
    }
    void quoted(std::string_view s) {
        m_text += '"';
        for (const char c : s) {
            switch (c) {
            case '"': m_text += "\\\""; break;
            case '\\': m_text += "\\\\"; break;
            case '/': m_text += "\\/"; break;
            case '\b': m_text += "\\b"; break;
            case '\f': m_text += "\\f"; break;
            case '\n': m_text += "\\n"; break;
            case '\r': m_text += "\\r"; break;
            case '\t': m_text += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    m_text += escape;
                } else {
                    m_text += c;
                }
            }
        }
        m_text += '"';
    }

    std::string m_text;
    std::vector<char> m_first;  // per open container: nothing written in it yet
    bool m_afterKey = false;
};

// The SAX handler: a small state machine over the depth of the document. Top-level members before "features"
// become the layer's nativeData (as GDAL's NATIVE_DATA=YES gives them); each feature's properties fill the values
// of LoadOptions::fields; Point and MultiPoint geometries their points.
class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
public:
    Handler(const std::string& file, std::string layerName, const LoadOptions& options, VectorSource& source)
        : m_options(options), m_source(source), m_where{file, std::move(layerName), {}, {}} {
        m_layer.name = m_where.layer;
        m_layer.source = file;
        m_layer.crs = "EPSG:4326 (WGS 84, lon/lat)";
        m_layer.sourceCrs = "EPSG:4326 (WGS 84)";
        m_layer.fields = options.fields;
        m_feature.values.resize(m_layer.fields.size());
        m_set.resize(m_layer.fields.size());
        m_fieldSeen.resize(m_layer.fields.size());
        for (const char* candidate : kNameFields)
            for (std::size_t i = 0; i < m_layer.fields.size(); ++i)
                if (m_layer.fields[i] == candidate) m_nameFields.push_back(i);
        for (std::size_t i = 0; i < m_layer.fields.size(); ++i)
            if (m_layer.fields[i] == "id") m_idField = i;
        m_native.start('{');
    }

    // The layer as the visitor saw it, and whether the features array was read to its end.
    bool finished() const { return m_finished; }
    std::size_t visited() const { return m_visited; }
    const Layer& layer() const { return m_layer; }
    // Every property any feature had: those asked for first, in their order, then the others.
    std::vector<std::string> fieldsFound() const {
        std::vector<std::string> found;
        for (std::size_t i = 0; i < m_layer.fields.size(); ++i)
            if (m_fieldSeen[i]) found.push_back(m_layer.fields[i]);
        found.insert(found.end(), m_otherFields.begin(), m_otherFields.end());
        return found;
    }

    bool Null() { return scalar(Scalar::Null, {}); }
    bool Bool(bool b) { return scalar(Scalar::Bool, b ? "1" : "0"); }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool) { return scalar(Scalar::Number, {text, length}); }
    bool String(const char* text, rapidjson::SizeType length, bool) { return scalar(Scalar::String, {text, length}); }

    bool Key(const char* text, rapidjson::SizeType length, bool) {
        const std::string_view key(text, length);
        if (m_capturing) return m_captured.key(key), true;
        switch (m_at) {
        case At::Root:
            if (m_featuresRead) throw NotStreamable("a member after the features");
            m_rootKey = key == "type" ? RootKey::Type : key == "features" ? RootKey::Features : key == "crs" ? RootKey::Crs
                      : key == "name" ? RootKey::Name : RootKey::Other;
            if (m_rootKey != RootKey::Features) m_native.key(key);  // GDAL's nativeData leaves the features out
            return true;
        case At::Feature:
            m_featureKey = key == "type" ? FeatureKey::Type : key == "id" ? FeatureKey::Id : key == "properties" ? FeatureKey::Properties
                         : key == "geometry" ? FeatureKey::Geometry : FeatureKey::Other;
            return true;
        case At::Properties:
            if (m_options.headerOnly && std::find(m_firstKeys.begin(), m_firstKeys.end(), key) == m_firstKeys.end())
                m_firstKeys.emplace_back(key);
            m_property = fieldFor(key);
            return true;
        case At::Geometry:
            m_geometryKey = key == "type" ? GeometryKey::Type : key == "coordinates" ? GeometryKey::Coordinates : GeometryKey::Other;
            if (key == "geometries") throw NotStreamable("a geometry collection");
            return true;
        default:
            throw NotStreamable("a member where none belongs");
        }
    }

    bool StartObject() {
        if (m_capturing) return ++m_captureDepth, m_captured.start('{'), true;
        switch (m_at) {
        case At::Start:
            m_at = At::Root;
            return true;
        case At::Root:
            if (m_rootKey == RootKey::Features) throw NotStreamable("features that are not an array");
            return startCapture(Capture::Native), m_captured.start('{'), true;
        case At::Features:
            startFeature();
            return true;
        case At::Feature:
            if (m_featureKey == FeatureKey::Properties) {
                m_at = At::Properties;
                return true;
            }
            if (m_featureKey == FeatureKey::Geometry) {
                m_at = At::Geometry;
                m_geometryType.clear();
                m_feature.geometry.points.clear();
                m_feature.geometry.runStarts.clear();
                m_coordinates.clear();
                m_coordinateDepth = 0;
                m_coordinateMaxDepth = 0;
                m_hasGeometry = true;
                return true;
            }
            return startCapture(Capture::Ignored), m_captured.start('{'), true;
        case At::Properties:
            return startCapture(Capture::Property), m_captured.start('{'), true;
        case At::Geometry:
            if (m_geometryKey == GeometryKey::Coordinates) throw NotStreamable("an object among coordinates");
            return startCapture(Capture::Ignored), m_captured.start('{'), true;
        default:
            throw NotStreamable("an object where none belongs");
        }
    }

    bool EndObject(rapidjson::SizeType) {
        if (m_capturing) {
            m_captured.end('}');
            if (--m_captureDepth == 0) endCapture();
            return true;
        }
        switch (m_at) {
        case At::Root:
            if (!m_featuresRead) throw NotStreamable("no features array");
            m_at = At::End;
            return true;
        case At::Feature:
            endFeature();
            m_at = At::Features;
            return true;
        case At::Properties:
            m_at = At::Feature;
            return true;
        case At::Geometry:
            m_at = At::Feature;
            return true;
        default:
            throw NotStreamable("an object's end where none belongs");
        }
    }

    bool StartArray() {
        if (m_capturing) return ++m_captureDepth, m_captured.start('['), true;
        switch (m_at) {
        case At::Root:
            if (m_rootKey == RootKey::Features) {
                if (!m_isCollection) throw NotStreamable("features before the type FeatureCollection");
                beginLayer();
                m_at = At::Features;
                return true;
            }
            return startCapture(Capture::Native), m_captured.start('['), true;
        case At::Feature:
            return startCapture(Capture::Ignored), m_captured.start('['), true;
        case At::Properties:
            return startCapture(Capture::Property), m_captured.start('['), true;
        case At::Geometry:
            if (m_geometryKey != GeometryKey::Coordinates) return startCapture(Capture::Ignored), m_captured.start('['), true;
            // Points are at depth 1 (a Point) or 2 (a MultiPoint); anything deeper is a line or a polygon.
            if (++m_coordinateDepth > 2) throw NotStreamable("coordinates of lines or polygons");
            m_coordinateMaxDepth = std::max(m_coordinateMaxDepth, m_coordinateDepth);
            m_positionValues.clear();
            return true;
        default:
            throw NotStreamable("an array where none belongs");
        }
    }

    bool EndArray(rapidjson::SizeType) {
        if (m_capturing) {
            m_captured.end(']');
            if (--m_captureDepth == 0) endCapture();
            return true;
        }
        if (m_at == At::Features) {
            m_featuresRead = true;
            m_finished = true;
            m_at = At::Root;
            return true;
        }
        if (m_at == At::Geometry) {
            // The end of a position (the innermost array) or of a MultiPoint's list of them.
            if (m_coordinateDepth == m_coordinateMaxDepth) {
                if (m_positionValues.size() < 2) throw NotStreamable("a position with fewer than two numbers");
                m_coordinates.push_back({m_positionValues[0], m_positionValues[1]});
            }
            --m_coordinateDepth;
            return true;
        }
        throw NotStreamable("an array's end where none belongs");
    }

private:
    enum class At { Start, Root, Features, Feature, Properties, Geometry, End };
    enum class RootKey { Type, Features, Crs, Name, Other };
    enum class FeatureKey { Type, Id, Properties, Geometry, Other };
    enum class GeometryKey { Type, Coordinates, Other };
    enum class Scalar { Null, Bool, Number, String };
    enum class Capture { Native, Property, Ignored };

    bool scalar(Scalar type, std::string_view text) {
        if (m_capturing) {
            write(m_captured, type, text);
            return true;
        }
        switch (m_at) {
        case At::Root:
            rootScalar(type, text);
            return true;
        case At::Feature:
            if (m_featureKey == FeatureKey::Type && (type != Scalar::String || text != "Feature"))
                throw NotStreamable("a feature whose type is not Feature");
            if (m_featureKey == FeatureKey::Id) {
                if (type == Scalar::String) m_featureId.assign(text);
                else if (type == Scalar::Number) numberText(text, m_featureFid);
            }
            return true;
        case At::Properties:
            if (!m_property || type == Scalar::Null) return true;
            if (type == Scalar::Number) numberText(text, m_feature.values[*m_property]);
            else m_feature.values[*m_property].assign(text);
            m_set[*m_property] = 1;
            return true;
        case At::Geometry:
            if (m_geometryKey == GeometryKey::Type) {
                if (type != Scalar::String) throw NotStreamable("a geometry type that is not text");
                m_geometryType.assign(text);
            } else if (m_geometryKey == GeometryKey::Coordinates) {
                if (type != Scalar::Number || m_coordinateDepth == 0) throw NotStreamable("coordinates that are not numbers");
                double value = 0;
                const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (ec != std::errc() || end != text.data() + text.size()) throw NotStreamable("a number out of range");
                m_positionValues.push_back(value);
            }
            return true;
        case At::Start:
            throw NotStreamable("the file is not a JSON object");
        default:
            throw NotStreamable("a value where none belongs");
        }
    }

    void rootScalar(Scalar type, std::string_view text) {
        if (m_rootKey == RootKey::Features || m_rootKey == RootKey::Crs) throw NotStreamable("features or crs that are not an array or object");
        write(m_native, type, text);
        if (m_rootKey == RootKey::Type) {
            if (type != Scalar::String || text != "FeatureCollection") throw NotStreamable("not a FeatureCollection");
            m_isCollection = true;
        } else if (m_rootKey == RootKey::Name && type == Scalar::String) {
            m_layer.name = m_where.layer = std::string(text);
        }
    }

    static void write(JsonText& json, Scalar type, std::string_view text) {
        switch (type) {
        case Scalar::Null: json.scalar("null"); break;
        case Scalar::Bool: json.scalar(text == "1" ? "true" : "false"); break;
        case Scalar::Number: json.scalar(text); break;
        case Scalar::String: json.string(text); break;
        }
    }

    // A list or object is written out as JSON text until its end.
    void startCapture(Capture what) {
        m_captureKind = what;
        m_captured.clear();
        m_capturing = true;
        m_captureDepth = 1;
    }

    void endCapture() {
        const std::string& json = m_captured.text();
        switch (m_captureKind) {
        case Capture::Native:
            if (m_rootKey == RootKey::Crs) checkCrs(json);
            m_native.raw(json);
            break;
        case Capture::Property:
            // A list or an object keeps its JSON text, as GDAL's ARRAY_AS_STRING and JSON-subtype fields do.
            if (m_property) {
                m_feature.values[*m_property].assign(json);
                m_set[*m_property] = 1;
            }
            break;
        case Capture::Ignored:
            break;
        }
        m_capturing = false;
        m_captureDepth = 0;
    }

    // The "crs" member of old GeoJSON: WGS 84 in longitude, latitude order is read here; any other CRS by GDAL.
    static void checkCrs(const std::string& json) {
        const auto properties = jsonMember(json, "properties");
        const auto name = properties ? jsonMember(*properties, "name") : std::nullopt;
        static const std::unordered_set<std::string> kWgs84{"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
                                                            "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "OGC:CRS84"};
        if (!name || !kWgs84.contains(*name)) throw NotStreamable("a CRS other than WGS 84");
    }

    void beginLayer() {
        m_layer.nativeData = nativeData();
        if (m_options.visitor != nullptr) m_options.visitor->beginLayer(m_layer);
    }

    // The members before "features", as one JSON object: the writer's object so far, closed.
    std::string nativeData() const { return m_native.text() + " }"; }

    std::optional<std::size_t> fieldFor(std::string_view key) {
        // Features usually list their properties in one order: try the field that followed the last one first.
        const std::size_t guess = m_lastField + 1;
        std::optional<std::size_t> found;
        if (guess < m_layer.fields.size() && m_layer.fields[guess] == key) {
            found = guess;
        } else {
            for (std::size_t i = 0; i < m_layer.fields.size(); ++i)
                if (m_layer.fields[i] == key) {
                    found = i;
                    break;
                }
        }
        if (found) {
            m_lastField = *found;
            m_fieldSeen[*found] = 1;
        } else {
            m_lastField = std::numeric_limits<std::size_t>::max();
            if (m_otherFields.size() < limits::kMaxFields + 1) m_otherFields.emplace(key);
        }
        if (m_otherFields.size() + m_layer.fields.size() > limits::kMaxFields)
            throw InputError(m_where, "the layer has more than " + std::to_string(limits::kMaxFields) +
                                          " fields (properties), over bordermap's limit");
        return found;
    }

    void startFeature() {
        m_at = At::Feature;
        if (++m_featureCount > limits::kMaxFeatures)
            throw InputError(m_where, "the layer has more than " + std::to_string(limits::kMaxFeatures) +
                                          " features, bordermap's limit");
        for (std::size_t i = 0; i < m_feature.values.size(); ++i) m_feature.values[i].clear();
        std::fill(m_set.begin(), m_set.end(), 0);
        m_feature.reuse(static_cast<std::int64_t>(m_featureCount - 1), m_featureCount);
        m_featureId.clear();
        m_featureFid.clear();
        m_hasGeometry = false;
        m_geometryType.clear();
        m_coordinates.clear();
        m_lastField = std::numeric_limits<std::size_t>::max();
    }

    void endFeature() {
        if (m_options.headerOnly) {
            if (!m_featureId.empty() && std::find(m_firstKeys.begin(), m_firstKeys.end(), "id") == m_firstKeys.end())
                m_firstKeys.emplace_back("id");
            m_layer.fields = m_firstKeys;
            throw FirstFeatureRead{};
        }
        // A string id beside the properties is GDAL's field "id" when the properties have none.
        if (!m_featureId.empty() && m_idField && !m_set[*m_idField]) {
            m_feature.values[*m_idField] = m_featureId;
            m_set[*m_idField] = 1;
            m_fieldSeen[*m_idField] = 1;
        }
        if (!m_featureFid.empty()) {
            std::int64_t fid = 0;
            const auto [end, ec] = std::from_chars(m_featureFid.data(), m_featureFid.data() + m_featureFid.size(), fid);
            if (ec == std::errc() && end == m_featureFid.data() + m_featureFid.size()) m_feature.fid = fid;
        }
        // Named as GDAL names it, by the first of kNameFields the layer has: here, that the file has had so far.
        for (const std::size_t field : m_nameFields)
            if (m_fieldSeen[field]) {
                m_feature.name = m_feature.values[field];
                break;
            }
        try {
            for (std::size_t i = 0; i < m_feature.values.size(); ++i)
                if (m_feature.values[i].size() > limits::kMaxValueBytes)
                    throw BadFeature{"the value is " + std::to_string(m_feature.values[i].size()) +
                                         " bytes, over bordermap's limit of " + std::to_string(limits::kMaxValueBytes),
                                     m_layer.fields[i]};
            readGeometry();
        } catch (const BadFeature& bad) {
            if (m_options.strict) {
                Location where = m_where;
                where.feature = featureLabel(m_feature);
                where.field = bad.field;
                throw InputError(where, bad.reason);
            }
            m_source.skipped.push_back({m_layer.name, featureLabel(m_feature), m_feature.position, bad.field, bad.reason});
            return;
        }
        if (m_options.visitor != nullptr) m_options.visitor->feature(m_layer, m_feature);
        ++m_visited;
    }

    void readGeometry() {
        if (!m_hasGeometry && m_options.allowNoGeometry) return;
        if (!m_hasGeometry) throw BadFeature{"the feature has no geometry"};
        if (m_geometryType != "Point" && m_geometryType != "MultiPoint") throw NotStreamable("a geometry that is not points");
        if (m_coordinates.empty()) throw NotStreamable("an empty geometry");
        if ((m_geometryType == "Point") != (m_coordinateMaxDepth == 1)) throw NotStreamable("coordinates that do not fit the type");
        Geometry<LonLat>& g = m_feature.geometry;
        for (const LonLat& p : m_coordinates) {
            if (!std::isfinite(p.lon_deg) || !std::isfinite(p.lat_deg)) {
                // GDAL reads a NaN coordinate as an empty point, and LayerReader says so.
                if (std::isnan(p.lon_deg) || std::isnan(p.lat_deg))
                    throw BadFeature{"a point has a coordinate that is not a number (NaN)"};
                throw BadFeature{"a point has a non-finite coordinate"};
            }
            if (!isValidLonLat(p))
                throw BadFeature{"point (" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) +
                                 ") is outside longitude -180..180 / latitude -90..90"};
            g.runStarts.push_back(static_cast<std::uint32_t>(g.points.size()));
            g.points.push_back(p);
            m_feature.bounds.add(p);
        }
        m_source.vertexCount += g.points.size();
        if (m_source.vertexCount > limits::kMaxVertices)
            throw InputError(m_where, "the file has more than " + std::to_string(limits::kMaxVertices) +
                                          " vertices, bordermap's limit");
    }

    const LoadOptions& m_options;
    VectorSource& m_source;
    Location m_where;
    Layer m_layer;
    Feature m_feature;
    std::vector<std::string> m_firstKeys;           // headerOnly: the first feature's properties, in file order
    std::vector<char> m_set;                        // which of the feature's values its properties gave
    std::vector<char> m_fieldSeen;                  // which fields any feature had
    std::unordered_set<std::string> m_otherFields;  // properties not asked for
    std::vector<std::size_t> m_nameFields;  // those of kNameFields asked for, in kNameFields' order
    std::optional<std::size_t> m_idField;
    std::size_t m_lastField = std::numeric_limits<std::size_t>::max();
    std::size_t m_featureCount = 0;
    std::size_t m_visited = 0;

    At m_at = At::Start;
    RootKey m_rootKey = RootKey::Other;
    FeatureKey m_featureKey = FeatureKey::Other;
    GeometryKey m_geometryKey = GeometryKey::Other;
    std::optional<std::size_t> m_property;
    bool m_isCollection = false;
    bool m_featuresRead = false;
    bool m_finished = false;

    JsonText m_native;    // the members before "features", an object left open
    JsonText m_captured;  // the list or object being read as text
    bool m_capturing = false;
    Capture m_captureKind = Capture::Ignored;
    int m_captureDepth = 0;

    std::string m_featureId, m_featureFid;
    bool m_hasGeometry = false;
    std::string m_geometryType;
    std::vector<LonLat> m_coordinates;
    std::vector<double> m_positionValues;
    int m_coordinateDepth = 0;
    int m_coordinateMaxDepth = 0;
};

template <class Stream>
VectorSource parse(Stream& stream, const std::string& file, const std::string& layerName, const LoadOptions& options) {
    if (options.fields.empty() && !options.headerOnly)
        throw OperationError({file, {}, {}, {}}, "streamGeoJsonPoints needs the fields to read");
    VectorSource source;
    source.driver = "GeoJSON";
    Handler handler(file, layerName, options, source);
    rapidjson::Reader reader;
    // Iterative: no recursion, so no nesting can exhaust the stack. Numbers as their text (GDAL's forms, NaN too).
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                                rapidjson::kParseNanAndInfFlag;
    rapidjson::ParseResult result;
    try {
        result = reader.Parse<kFlags>(stream, handler);
    } catch (const FirstFeatureRead&) {
        source.layers.push_back(handler.layer());
        return source;
    }
    if (options.headerOnly) throw NotStreamable("no feature to take the fields from");
    if (result.IsError())
        throw NotStreamable(std::string("JSON error at byte ") + std::to_string(result.Offset()) + ": " +
                            rapidjson::GetParseError_En(result.Code()));
    if (!handler.finished()) throw NotStreamable("no features array");

    Location where{file, handler.layer().name, {}, {}};
    if (handler.visited() == 0 && source.skipped.empty()) throw InputError(where, "the layer has no features");
    Layer layer = handler.layer();
    source.layers.push_back(layer);
    if (options.visitor != nullptr) options.visitor->endLayer(layer, handler.fieldsFound());
    return source;
}

std::string stem(const std::string& file) { return std::filesystem::path(file).stem().string(); }

// A UTF-8 byte-order mark at the start is skipped, as GDAL does.
template <class Stream>
void skipByteOrderMark(Stream& stream) {
    if (static_cast<unsigned char>(stream.Peek()) != 0xEF) return;
    stream.Take();
    if (static_cast<unsigned char>(stream.Peek()) != 0xBB) throw NotStreamable("a broken byte-order mark");
    stream.Take();
    if (static_cast<unsigned char>(stream.Peek()) != 0xBF) throw NotStreamable("a broken byte-order mark");
    stream.Take();
}

}  // namespace

VectorSource streamGeoJsonPoints(const std::string& path, const LoadOptions& options) {
    const std::string file = options.displayName.empty() ? path : options.displayName;
    if (path.rfind("/vsi", 0) != 0) checkReadableFile(path, file);
    const detail::VsiFilePtr in(VSIFOpenL(path.c_str(), "rb"));
    if (!in) throw InputError({file, {}, {}, {}}, "cannot be opened for reading");
    VsiReadStream stream(in.get());
    skipByteOrderMark(stream);
    VectorSource source = parse(stream, file, stem(file), options);
    source.path = path;
    return source;
}

VectorSource streamGeoJsonPoints(std::span<const unsigned char> bytes, const std::string& fileName, const LoadOptions& options) {
    const std::string file = options.displayName.empty() ? fileName : options.displayName;
    // MemoryStream gives '\0' at its end, as the file stream does.
    rapidjson::MemoryStream stream(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    skipByteOrderMark(stream);
    VectorSource source = parse(stream, file, stem(fileName), options);
    source.path = fileName;
    return source;
}

}  // namespace bordermap::geo
