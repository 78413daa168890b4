#include "bordermap/geo/vector_source.hpp"

#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/core/text.hpp>

#include <csv.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>

namespace bordermap::geo {

namespace {

struct CsvFree {
    void operator()(csv_parser* p) const {
        csv_free(p);
        delete p;
    }
};

// Collects libcsv's fields into rows and hands each row, as a feature with its point, to the visitor.
class RowBuilder {
public:
    RowBuilder(const std::string& file, const LoadOptions& options, std::string_view lonColumn, std::string_view latColumn,
               VectorSource& source)
        : m_file(file), m_options(options), m_lonColumn(lonColumn), m_latColumn(latColumn), m_source(source) {
        m_layer.name = std::filesystem::path(file).stem().string();
        m_layer.source = file;
        m_layer.crs = "EPSG:4326 (WGS 84, lon/lat)";
        m_layer.sourceCrs = "none declared (read as WGS 84 lon/lat)";
    }

    // libcsv's callbacks. libcsv is C: an exception must not cross it, so the first is kept, the rest of the
    // input ignored, and rethrow() raises it once libcsv has returned.
    static void onField(void* text, std::size_t length, void* self) {
        auto& rows = *static_cast<RowBuilder*>(self);
        if (rows.m_error) return;
        try {
            rows.field(static_cast<const char*>(text), length);
        } catch (...) {
            rows.m_error = std::current_exception();
        }
    }
    static void onRowEnd(int, void* self) {
        auto& rows = *static_cast<RowBuilder*>(self);
        if (rows.m_error) return;
        try {
            rows.rowEnd();
        } catch (...) {
            rows.m_error = std::current_exception();
        }
    }
    void rethrow() const {
        if (m_error) std::rethrow_exception(m_error);
    }

    bool headerRead() const { return m_headerRead; }
    std::size_t rows() const { return m_position; }
    std::size_t bytesInRow() const { return m_bytesInRow; }
    void countBytes(std::size_t bytes) { m_bytesInRow += bytes; }

private:
    void field(const char* text, std::size_t length) {
        if (m_fieldCount >= limits::kMaxFields) {
            const std::string limit = "more than " + std::to_string(limits::kMaxFields) + " columns, bordermap's limit";
            if (!m_headerRead) throw InputError({m_file, {}, {}, {}}, "the header (first line) has " + limit);
            throw InputError({m_file, m_layer.name, "row " + std::to_string(m_position + 1), {}}, "the row has " + limit);
        }
        if (length > limits::kMaxValueBytes)
            throw InputError({m_file, m_layer.name, m_headerRead ? "row " + std::to_string(m_position + 1) : "", {}},
                             "a value of " + std::to_string(length) + " bytes, over bordermap's limit of " +
                                 std::to_string(limits::kMaxValueBytes));
        if (m_fieldCount >= m_values.size()) m_values.emplace_back();
        m_values[m_fieldCount++].assign(text == nullptr ? "" : text, text == nullptr ? 0 : length);
    }

    void rowEnd() {
        const std::size_t count = m_fieldCount;
        m_fieldCount = 0;
        m_bytesInRow = 0;
        if (!m_headerRead) return readHeader(count);
        if (count == 1 && m_values[0].empty()) return;  // a blank line
        if (++m_position > limits::kMaxFeatures)
            throw InputError({m_file, m_layer.name, {}, {}},
                             "more than " + std::to_string(limits::kMaxFeatures) + " rows, bordermap's limit");
        m_feature.position = m_position;
        m_feature.fid = static_cast<std::int64_t>(m_position);
        m_feature.values.resize(m_layer.fields.size());
        for (std::size_t i = 0; i < m_layer.fields.size(); ++i) {
            if (i < count) m_feature.values[i].swap(m_values[i]);
            else m_feature.values[i].clear();
        }
        m_feature.geometry.points.clear();
        m_feature.geometry.runStarts.clear();
        m_feature.bounds = {};
        if (const auto why = point()) {
            m_source.skipped.push_back({m_layer.name, "#" + std::to_string(m_position), m_position, "geometry", *why});
            if (m_options.strict) throw InputError({m_file, m_layer.name, "#" + std::to_string(m_position), "geometry"}, *why);
        } else {
            m_options.visitor->feature(m_layer, m_feature);
        }
        for (std::size_t i = 0; i < m_layer.fields.size() && i < count; ++i) m_values[i].swap(m_feature.values[i]);
    }

    void readHeader(std::size_t count) {
        m_headerRead = true;
        for (std::size_t i = 0; i < count; ++i) {
            std::string name = trim(m_values[i]);
            if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // a UTF-8 byte-order mark
            m_layer.fields.push_back(std::move(name));
        }
        for (std::size_t i = 0; i < m_layer.fields.size(); ++i) {
            if (toLower(m_layer.fields[i]) == m_lonColumn) m_lon = i;
            if (toLower(m_layer.fields[i]) == m_latColumn) m_lat = i;
        }
        m_options.visitor->beginLayer(m_layer);
        for (const auto& [column, index] : {std::pair{m_lonColumn, m_lon}, std::pair{m_latColumn, m_lat}})
            if (!index) throw InputError({m_file, m_layer.name, {}, std::string(column)}, "the file has no such column");
    }

    // Why the row has no usable point, or nothing: the point is set.
    std::optional<std::string> point() {
        const std::string_view lonText = trimmed(m_feature.values[*m_lon]), latText = trimmed(m_feature.values[*m_lat]);
        const auto lon = parseDouble(lonText), lat = parseDouble(latText);
        if (lonText.empty() || latText.empty()) return "the feature has no geometry (its longitude or latitude is empty)";
        if (!lon || !lat) {
            const std::string_view bad = !lon ? lonText : latText;
            const bool nan = toLower(bad).find("nan") != std::string::npos;
            return nan ? "a point has a coordinate that is not a number (NaN)"
                       : "'" + printable(bad) + "' is not a number of degrees";
        }
        const LonLat p{*lon, *lat};
        if (!isValidLonLat(p))
            return "point (" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) +
                   ") is outside longitude -180..180 / latitude -90..90";
        m_feature.geometry.kind = GeometryKind::Points;
        m_feature.geometry.runStarts.push_back(0);
        m_feature.geometry.points.push_back(p);
        m_feature.bounds.add(p);
        return std::nullopt;
    }

    const std::string& m_file;
    const LoadOptions& m_options;
    std::string_view m_lonColumn, m_latColumn;
    VectorSource& m_source;
    Layer m_layer;
    Feature m_feature;
    std::vector<std::string> m_values;  // the row being read; strings keep their capacity from row to row
    std::size_t m_fieldCount = 0;
    std::size_t m_bytesInRow = 0;
    std::size_t m_position = 0;
    bool m_headerRead = false;
    std::optional<std::size_t> m_lon, m_lat;
    std::exception_ptr m_error;
};

}  // namespace

VectorSource streamCsvPoints(const std::string& path, const LoadOptions& options, std::string_view lonColumn,
                             std::string_view latColumn) {
    if (options.visitor == nullptr) throw OperationError({}, "streamCsvPoints needs a visitor");
    const std::string file = options.displayName.empty() ? path : options.displayName;
    // Through GDAL's virtual files, so that /vsimem/ (the fuzzer's), /vsizip/ and /vsigzip/ paths work too.
    if (path.rfind("/vsi", 0) != 0) checkReadableFile(path, file);
    const detail::VsiFilePtr in(VSIFOpenL(path.c_str(), "rb"));
    if (!in) throw InputError({file, {}, {}, {}}, "cannot be opened for reading");

    VectorSource source;
    source.path = path;
    source.driver = "CSV";
    RowBuilder rows(file, options, lonColumn, latColumn, source);
    std::unique_ptr<csv_parser, CsvFree> parser(new csv_parser);
    if (csv_init(parser.get(), CSV_APPEND_NULL) != 0) throw OperationError({file, {}, {}, {}}, "libcsv cannot start");
    std::vector<char> buffer(std::size_t{1} << 20);
    while (true) {
        const std::size_t got = VSIFReadL(buffer.data(), 1, buffer.size(), in.get());
        if (got == 0) break;
        // Fed in slices, so that a header or a row that never ends is caught before it fills memory.
        for (std::size_t at = 0; at < got;) {
            const std::size_t slice = std::min<std::size_t>(got - at, 16 * 1024);
            const std::size_t parsed = csv_parse(parser.get(), buffer.data() + at, slice, RowBuilder::onField, RowBuilder::onRowEnd, &rows);
            rows.rethrow();
            if (parsed != slice)
                throw InputError({file, {}, {}, {}}, std::string("not CSV that can be read: ") + csv_strerror(csv_error(parser.get())));
            rows.countBytes(slice);
            at += slice;
            if (!rows.headerRead() && rows.bytesInRow() > limits::kMaxCsvHeaderBytes)
                throw InputError({file, {}, {}, {}},
                                 "the first line runs past " + std::to_string(limits::kMaxCsvHeaderBytes >> 10) +
                                     " KiB without a line break: not a CSV header (bordermap reads at most " +
                                     std::to_string(limits::kMaxFields) + " columns)");
            if (rows.bytesInRow() > limits::kMaxFields * limits::kMaxValueBytes / 64)
                throw InputError({file, {}, "row " + std::to_string(rows.rows() + 1), {}},
                                 "a row of more than " + std::to_string(limits::kMaxFields * limits::kMaxValueBytes / 64 >> 20) +
                                     " MiB: an unclosed quote, or not CSV");
        }
    }
    csv_fini(parser.get(), RowBuilder::onField, RowBuilder::onRowEnd, &rows);
    rows.rethrow();
    if (!rows.headerRead()) throw InputError({file, {}, {}, {}}, "the file is empty: no header line");
    if (rows.rows() == 0) throw InputError({file, {}, {}, {}}, "the layer has no features");
    return source;
}

}  // namespace bordermap::geo
