#pragma once
// The boundary layers the map is drawn from: geodata/bordermap.gpkg, compiled into the binary, or a
// GeoPackage of the same shape that the user names.

#include <bordermap/geo/feature.hpp>
#include <bordermap/geo/local_names.hpp>

#include <string>

namespace bordermap::geo {

struct BoundaryData {
    std::string origin;      // "embedded geodata/bordermap.gpkg" or the file read
    Layer countries;         // Afghanistan, Pakistan and their neighbours (fields: name, iso_a3, role)
    Layer provinces;         // Afghanistan's and Pakistan's first-level divisions (fields: name, country, type)
    Layer disputedBorders;   // the Kashmir lines; may be empty
    Layer durandLine;        // one line feature from the Iran tripoint to the China tripoint (name, status)
    Layer rivers;            // river lines (fields: level, GSHHG's 0 to 4, major to minor; name); may be empty
    Layer cities;            // main cities for labels (name, country, rank 1-3); geodata/cities.geojson unless the file has its own
    LocalNames localNames;   // the places' Dari, Pashto and Urdu names: always the embedded geodata/local_names.csv

    // The Durand Line's feature. The loader guarantees there is exactly one.
    const Feature& durand() const { return durandLine.features.front(); }
};

// The data compiled into the binary.
BoundaryData loadEmbeddedBoundaries();

// The layers from `path`: a GeoPackage, or a folder holding bordermap.gpkg. Throws InputError naming the file,
// layer and field when the file is missing or unreadable, a required layer (countries, provinces, durand_line)
// or field (name; provinces also country) is missing, the Durand Line is not one line, or a feature is bad. The
// optional layers (disputed_borders, rivers, cities) may be absent: the map then has none of them (the embedded
// cities stand in for a missing cities layer).
BoundaryData loadBoundaries(const std::string& path);

}  // namespace bordermap::geo
