#pragma once
// The program's own feature types. A layer is loaded once from any GDAL source into LonLat (WGS84 degrees)
// and projected into MapXY (map CRS metres) whenever the map CRS changes; both share these templates.

#include <bordermap/core/coords.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bordermap::geo {

enum class GeometryKind { Points, Lines, Polygons };

// All vertices of one feature in one flat array, so that a whole layer projects in a single PROJ call.
// A run is a line (Lines) or a ring (Polygons) or a single point (Points): runs()[i] spans
// points[runStarts[i] .. runStarts[i+1]). Polygons group runs into parts: part j is the rings
// runStarts[partStarts[j] .. partStarts[j+1]), the first one its outer ring. Rings are closed
// (first vertex == last vertex).
template <class Point>
struct Geometry {
    GeometryKind kind = GeometryKind::Points;
    std::vector<Point> points;
    std::vector<std::uint32_t> runStarts;
    std::vector<std::uint32_t> partStarts;

    std::size_t runCount() const { return runStarts.size(); }
    std::span<const Point> run(std::size_t i) const {
        const std::size_t begin = runStarts[i];
        const std::size_t end = i + 1 < runStarts.size() ? runStarts[i + 1] : points.size();
        return {points.data() + begin, end - begin};
    }
    std::size_t partCount() const { return partStarts.size(); }
    // The runs (rings) of polygon part j, as a half-open range of run indices.
    std::pair<std::size_t, std::size_t> partRuns(std::size_t j) const {
        return {partStarts[j], j + 1 < partStarts.size() ? partStarts[j + 1] : runStarts.size()};
    }
};

template <class Point>
struct BasicFeature {
    std::int64_t fid = 0;      // the source's feature id
    std::size_t position = 0;  // where it stands in the source, counting from 1 (skipped features count too)
    std::string name;          // the first of name/NAME/gn_name/title/id the source has; may be empty
    std::vector<std::string> values;  // attribute values as text, in the order of the layer's fields
    Geometry<Point> geometry;
    Box<Point> bounds;

    // Empties a feature that a streaming reader reuses for the next one, keeping its lists' room (values stay: each
    // reader sets every one).
    void reuse(std::int64_t nextFid, std::size_t nextPosition) {
        fid = nextFid;
        position = nextPosition;
        name.clear();
        geometry.points.clear();
        geometry.runStarts.clear();
        geometry.partStarts.clear();
        geometry.kind = GeometryKind::Points;
        bounds = {};
    }
};

template <class Point>
struct BasicLayer {
    std::string name;    // the layer's name in its source
    std::string source;  // the file it came from, as the user named it
    std::string crs;        // the CRS of the coordinates held here (a short description)
    std::string sourceCrs;  // the CRS the source file declared, as loaded
    std::string nativeData; // GeoJSON: the FeatureCollection's own members as JSON (open option NATIVE_DATA=YES)
    // The layer's metadata items (GDAL's default domain: a GeoPackage's gpkg_metadata), read by GDAL's loader.
    std::vector<std::pair<std::string, std::string>> metadata;
    std::vector<std::string> fields;
    std::vector<BasicFeature<Point>> features;

    std::optional<std::size_t> fieldIndex(std::string_view field) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i] == field) return i;
        return std::nullopt;
    }
    // A feature's value of `field` as text; empty when the layer has no such field.
    std::string_view value(const BasicFeature<Point>& feature, std::string_view field) const {
        const auto index = fieldIndex(field);
        return index && *index < feature.values.size() ? std::string_view(feature.values[*index])
                                                       : std::string_view();
    }
    std::size_t vertexCount() const {
        std::size_t n = 0;
        for (const auto& f : features) n += f.geometry.points.size();
        return n;
    }
    Box<Point> bounds() const {
        Box<Point> box;
        for (const auto& f : features) box.add(f.bounds);
        return box;
    }
};

using Feature = BasicFeature<LonLat>;
using Layer = BasicLayer<LonLat>;
using ProjectedFeature = BasicFeature<MapXY>;
using ProjectedLayer = BasicLayer<MapXY>;

// How a feature is named in messages: "#12 ('Kabul')", or "#12" when it has no name: its position in the file,
// counting from 1 in every message (a source's own feature ids start at 0 in some formats and 1 in others).
template <class Point>
std::string featureLabel(const BasicFeature<Point>& feature) {
    std::string label = "#" + std::to_string(feature.position);
    if (!feature.name.empty()) label += " ('" + feature.name + "')";
    return label;
}

std::string_view geometryKindName(GeometryKind kind);

// True when `p` lies inside a polygon geometry (even-odd over each part's rings; a hole excludes).
// Points on an edge may go either way. Lines and points contain nothing.
bool contains(const Geometry<LonLat>& polygons, LonLat p);

}  // namespace bordermap::geo
