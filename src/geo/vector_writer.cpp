#include "bordermap/geo/vector_writer.hpp"

#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>

#include <cpl_conv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace bordermap::geo {

namespace {

namespace fs = std::filesystem;

struct FormatInfo {
    VectorFormat format;
    const char* name;
    const char* driver;
    std::array<const char*, 2> extensions;
};

constexpr FormatInfo kFormats[] = {
    {VectorFormat::GeoPackage, "GeoPackage", "GPKG", {".gpkg", nullptr}},
    {VectorFormat::GeoJson, "GeoJSON", "GeoJSON", {".geojson", ".json"}},
    {VectorFormat::Csv, "CSV", "CSV", {".csv", nullptr}},
    {VectorFormat::Kml, "KML", "LIBKML", {".kml", nullptr}},
    {VectorFormat::FlatGeobuf, "FlatGeobuf", "FlatGeobuf", {".fgb", nullptr}},
};

const FormatInfo& infoOf(VectorFormat format) {
    for (const FormatInfo& info : kFormats)
        if (info.format == format) return info;
    return kFormats[0];
}

std::string lowerExtension(std::string_view path) {
    std::string extension = fs::path(std::string(path)).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

OGRFieldType ogrType(FieldType type) {
    switch (type) {
    case FieldType::Text: return OFTString;
    case FieldType::Integer: return OFTInteger;
    case FieldType::Date: return OFTDate;
    }
    return OFTString;
}

// The table QGIS keeps a GeoPackage's styles in (the columns QGIS 3.22 creates), with `qml` as `layer`'s default
// style, which QGIS loads when it opens the layer. Returns GDAL's error, empty on success.
std::string addQgisDefaultStyle(GDALDataset& dataset, const char* layer, const std::string& qml,
                                detail::GdalErrorCapture& capture) {
    OGRLayer* styles = dataset.CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (styles == nullptr) return "cannot create layer_styles: " + capture.lastError();
    const std::pair<const char*, OGRFieldType> columns[] = {
        {"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
        {"f_geometry_column", OFTString}, {"styleName", OFTString}, {"styleQML", OFTString},
        {"styleSLD", OFTString}, {"useAsDefault", OFTInteger}, {"description", OFTString},
        {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}};
    for (const auto& [name, type] : columns) {
        OGRFieldDefn definition(name, type);
        if (type == OFTInteger) definition.SetSubType(OFSTBoolean);
        if (styles->CreateField(&definition) != OGRERR_NONE) return std::string("cannot create layer_styles.") + name;
    }
    OGRFeature style(styles->GetLayerDefn());
    style.SetField("f_table_catalog", "");
    style.SetField("f_table_schema", "");
    style.SetField("f_table_name", layer);
    style.SetField("f_geometry_column", "geom");
    style.SetField("styleName", layer);
    style.SetField("styleQML", qml.c_str());
    style.SetField("useAsDefault", 1);
    style.SetField("description", "written by bordermap");
    if (styles->CreateFeature(&style) != OGRERR_NONE) return "cannot write the style: " + capture.lastError();
    return {};
}

}  // namespace

std::optional<VectorFormat> vectorFormatFor(std::string_view path) {
    const std::string extension = lowerExtension(path);
    for (const FormatInfo& info : kFormats)
        for (const char* candidate : info.extensions)
            if (candidate != nullptr && extension == candidate) return info.format;
    return std::nullopt;
}

std::string_view vectorFormatName(VectorFormat format) { return infoOf(format).name; }

std::string writableFormats() {
    std::string out;
    for (const FormatInfo& info : kFormats) {
        out += (out.empty() ? "" : ", ") + std::string(info.name) + " (";
        bool first = true;
        for (const char* extension : info.extensions)
            if (extension != nullptr) {
                out += (first ? "" : " or ") + std::string(extension);
                first = false;
            }
        out += ")";
    }
    return out;
}

struct VectorFileWriter::Gdal {
    detail::GdalErrorCapture capture;
    detail::ThreadConfig config;
    std::unique_ptr<GDALDataset> dataset;
    OGRLayer* layer = nullptr;
    bool inTransaction = false;
};

VectorFileWriter::VectorFileWriter(std::string path, const VectorLayerSpec& spec) : m_path(std::move(path)) {
    const auto format = vectorFormatFor(m_path);
    if (!format)
        throw InputError({m_path, {}, {}, "output"}, "cannot write events to a '" + lowerExtension(m_path) +
                                                         "' file: the formats are " + writableFormats());
    m_format = *format;
    const fs::path target(m_path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw InputError({m_path, {}, {}, "output"}, "the folder " + folder.string() + " does not exist");
    if (::access(folder.c_str(), W_OK) != 0)
        throw InputError({m_path, {}, {}, "output"}, "the folder " + folder.string() + " is not writable");
    // The hidden name keeps the extension: the CSV and KML drivers make a folder of a name without one.
    m_partial = (folder / ("." + target.stem().string() + ".partial-" + std::to_string(::getpid()) + target.extension().string())).string();
    fs::remove(m_partial, ec);

    detail::ensureGdalRegistered();
    m_gdal = std::make_unique<Gdal>();
    const FormatInfo& info = infoOf(m_format);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(info.driver);
    if (driver == nullptr)
        throw OperationError({m_path, {}, {}, {}}, std::string("this GDAL has no ") + info.driver + " driver");
    if (m_format == VectorFormat::Kml) {
        m_gdal->config.set("LIBKML_BEGIN_FIELD", spec.kmlBeginField);
        m_gdal->config.set("LIBKML_END_FIELD", spec.kmlEndField);
    }
    m_gdal->dataset.reset(driver->Create(m_partial.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_gdal->dataset)
        throw OperationError({m_path, {}, {}, {}}, "cannot create the file: " + m_gdal->capture.lastError());

    CPLStringList options;
    switch (m_format) {
    case VectorFormat::GeoPackage:
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("SPATIAL_INDEX", "YES");
        break;
    case VectorFormat::GeoJson:
        if (!spec.geoJsonMembers.empty()) {
            options.SetNameValue("NATIVE_DATA", spec.geoJsonMembers.c_str());
            options.SetNameValue("NATIVE_MEDIA_TYPE", "application/vnd.geo+json");
        }
        break;
    case VectorFormat::Csv:
        options.SetNameValue("GEOMETRY", "AS_WKT");
        options.SetNameValue("LINEFORMAT", "LF");
        break;
    case VectorFormat::Kml: break;
    case VectorFormat::FlatGeobuf: options.SetNameValue("SPATIAL_INDEX", "YES"); break;
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_gdal->layer = m_gdal->dataset->CreateLayer(spec.layerName.c_str(), &wgs84, wkbMultiPoint, options.List());
    if (m_gdal->layer == nullptr)
        throw OperationError({m_path, spec.layerName, {}, {}}, "cannot create the layer: " + m_gdal->capture.lastError());
    for (const OutputField& field : spec.fields) {
        OGRFieldDefn definition(field.name.c_str(), ogrType(field.type));
        if (m_gdal->layer->CreateField(&definition) != OGRERR_NONE)
            throw OperationError({m_path, spec.layerName, {}, field.name}, "cannot create the field: " + m_gdal->capture.lastError());
    }
    m_fieldCount = spec.fields.size();
    for (const auto& [key, value] : spec.metadata) m_gdal->layer->SetMetadataItem(key.c_str(), value.c_str());
    if (m_format == VectorFormat::GeoPackage && !spec.qgisDefaultStyle.empty())
        if (const std::string error = addQgisDefaultStyle(*m_gdal->dataset, spec.layerName.c_str(), spec.qgisDefaultStyle, m_gdal->capture);
            !error.empty())
            throw OperationError({m_path, "layer_styles", {}, {}}, error);
    // One transaction for the whole file: a GeoPackage commits every feature on its own otherwise.
    if (m_gdal->dataset->TestCapability(ODsCTransactions) && m_gdal->dataset->StartTransaction() == OGRERR_NONE)
        m_gdal->inTransaction = true;
}

VectorFileWriter::~VectorFileWriter() {
    if (m_committed) return;
    if (m_gdal) m_gdal->dataset.reset();
    std::error_code ec;
    fs::remove(m_partial, ec);
}

void VectorFileWriter::add(std::span<const std::optional<std::string>> values, std::span<const LonLat> places) {
    OGRFeature feature(m_gdal->layer->GetLayerDefn());
    const std::size_t count = std::min(values.size(), m_fieldCount);
    for (std::size_t i = 0; i < count; ++i) {
        const int index = static_cast<int>(i);
        if (values[i])
            feature.SetField(index, values[i]->c_str());
        else
            feature.SetFieldNull(index);
    }
    if (!places.empty()) {
        auto multi = std::make_unique<OGRMultiPoint>();
        for (const LonLat& p : places) multi->addGeometryDirectly(new OGRPoint(p.lon_deg, p.lat_deg));
        feature.SetGeometryDirectly(multi.release());
    }
    if (m_gdal->layer->CreateFeature(&feature) != OGRERR_NONE)
        throw OperationError({m_path, m_gdal->layer->GetName(), values.empty() || !values[0] ? std::string() : *values[0], {}},
                             "cannot write the feature: " + m_gdal->capture.lastError());
    ++m_written;
}

void VectorFileWriter::commit() {
    if (m_gdal->inTransaction && m_gdal->dataset->CommitTransaction() != OGRERR_NONE)
        throw OperationError({m_path, {}, {}, {}}, "cannot finish the file: " + m_gdal->capture.lastError());
    // Closing writes what GDAL still holds (a GeoJSON's end, a FlatGeobuf's index); a failure there shows as an error.
    const std::string before = m_gdal->capture.lastError();
    m_gdal->dataset.reset();
    if (m_gdal->capture.lastError() != before)
        throw OperationError({m_path, {}, {}, {}}, "cannot finish the file: " + m_gdal->capture.lastError());
    std::error_code ec;
    fs::rename(m_partial, m_path, ec);
    if (ec) throw OperationError({m_path, {}, {}, {}}, "cannot give the file its name: " + ec.message());
    m_committed = true;
}

}  // namespace bordermap::geo
