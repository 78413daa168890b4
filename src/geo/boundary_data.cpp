#include "bordermap/geo/boundary_data.hpp"

#include "embedded_geodata.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <filesystem>

namespace bordermap::geo {

namespace {

Layer takeLayer(VectorSource& source, const std::string& file, const std::string& name, bool required) {
    for (Layer& layer : source.layers)
        if (layer.name == name) return std::move(layer);
    if (required) throw InputError({file, name, {}, {}}, "the boundary data needs this layer and the file has none");
    Layer empty;
    empty.name = name;
    empty.source = file;
    return empty;
}

void requireField(const Layer& layer, const std::string& field) {
    if (!layer.fieldIndex(field))
        throw InputError({layer.source, layer.name, {}, field}, "the layer has no such field");
}

BoundaryData fromSource(VectorSource source, const std::string& displayName) {
    BoundaryData data;
    data.origin = displayName;
    data.countries = takeLayer(source, displayName, "countries", true);
    data.provinces = takeLayer(source, displayName, "provinces", true);
    data.disputedBorders = takeLayer(source, displayName, "disputed_borders", false);
    data.durandLine = takeLayer(source, displayName, "durand_line", true);
    data.rivers = takeLayer(source, displayName, "rivers", false);
    data.cities = takeLayer(source, displayName, "cities", false);
    if (data.cities.features.empty()) {
        LoadOptions options;
        options.displayName = "embedded geodata/cities.geojson";
        VectorSource cities = loadVectorSource(embedded::cities_geojson(), "cities.geojson", options);
        data.cities = std::move(cities.layers.front());
    }
    data.localNames = loadEmbeddedLocalNames();
    requireField(data.countries, "name");
    requireField(data.provinces, "name");
    requireField(data.provinces, "country");
    const Layer& durand = data.durandLine;
    if (durand.features.size() != 1 || durand.features.front().geometry.kind != GeometryKind::Lines ||
        durand.features.front().geometry.runCount() != 1)
        throw InputError({durand.source, durand.name, {}, "geometry"},
                         "the Durand Line must be exactly one feature with one line");
    return data;
}

BoundaryData read(const std::string& path, const std::string& displayName) {
    LoadOptions options;
    options.displayName = displayName;
    return fromSource(loadVectorSource(path, options), displayName);
}

BoundaryData read(std::span<const unsigned char> bytes, const std::string& displayName) {
    LoadOptions options;
    options.displayName = displayName;
    return fromSource(loadVectorSource(bytes, "bordermap.gpkg", options), displayName);
}

}  // namespace

BoundaryData loadEmbeddedBoundaries() {
    return read(embedded::boundaries_gpkg(), "embedded geodata/bordermap.gpkg");
}

BoundaryData loadBoundaries(const std::string& path) {
    std::string file = path;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) file = (std::filesystem::path(path) / "bordermap.gpkg").string();
    return read(file, file);
}

}  // namespace bordermap::geo
