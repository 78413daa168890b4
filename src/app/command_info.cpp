#include "commands.hpp"
#include "json_output.hpp"

#include <bordermap/app/cli.hpp>

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/projection.hpp>
#include <bordermap/geo/vector_source.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <iomanip>
#include <map>
#include <optional>
#include <ostream>

namespace bordermap::app {

namespace {

constexpr const char* kInfoHelp =
    "usage: bordermap info [--data PATH] [--crs CRS] [--json] [-q]\n"
    "       bordermap info FILE... [--layer NAME] [--crs CRS] [--json] [-q]\n"
    "\n"
    "Describes the boundary data: its layers, feature counts and CRS, the provinces of each country,\n"
    "and the Durand Line's geodesic length. With FILE arguments, describes those vector files instead\n"
    "(any format GDAL reads: GeoPackage, GeoJSON, Shapefile, KML, CSV with lon/lat columns).\n"
    "\n"
    "  --data PATH   a boundary GeoPackage (or a folder holding bordermap.gpkg) instead of the embedded data\n"
    "  --crs CRS     the map CRS to describe: regional (default), webmercator, platecarree, an EPSG code,\n"
    "                a PROJ string or a CRS name; with FILE, each layer's extent is given in it\n"
    "  --layer NAME  with FILE: only this layer\n"
    "  --json        the same facts as one JSON document on stdout, for scripts (README.md: its schema)\n"
    "  -q, --quiet   errors only: prints nothing when the data reads (the exit status says so)\n"
    "  --help        this text\n";

const std::vector<OptionSpec> kInfoOptions{{"data", true}, {"crs", true}, {"layer", true}, {"json", false}, {"quiet", false}, {"help", false}};

std::string geometryName(const geo::Layer& layer) {
    std::map<geo::GeometryKind, std::size_t> kinds;
    for (const geo::Feature& f : layer.features) ++kinds[f.geometry.kind];
    std::string out;
    for (const auto& [kind, count] : kinds) out += (out.empty() ? "" : "+") + std::string(geo::geometryKindName(kind));
    return out.empty() ? "-" : out;
}

void printLayer(std::ostream& out, const geo::Layer& layer) {
    out << "  " << std::left << std::setw(18) << printable(layer.name) << std::right << std::setw(6) << layer.features.size()
        << (layer.features.size() == 1 ? " feature " : " features") << "  " << std::left << std::setw(9)
        << geometryName(layer) << std::right << std::setw(10) << formatNumber(static_cast<double>(layer.vertexCount()), 0)
        << " vertices  " << layer.sourceCrs << '\n';
}

// Each file's layers; with a map CRS, also each layer's extent in it.
void describeFiles(std::ostream& out, const std::vector<std::string>& files, const geo::Projection* projection,
                   const std::optional<std::string>& onlyLayer) {
    if (projection != nullptr) out << "map CRS: " << projection->name() << '\n';
    geo::LoadOptions options;
    if (onlyLayer) options.layers = {*onlyLayer};
    for (const std::string& file : files) {
        const geo::VectorSource source = geo::loadVectorSource(file, options);
        out << printable(file) << " (" << source.driver << ")\n";
        for (const geo::Layer& layer : source.layers) {
            printLayer(out, layer);
            if (projection == nullptr) continue;
            std::size_t unprojectable = 0;
            const MapBox box = projection->project(layer, &unprojectable).bounds();
            out << "    extent in the map CRS: x " << formatNumber(box.min.x_m / 1000.0, 1) << " .. "
                << formatNumber(box.max.x_m / 1000.0, 1) << " km, y " << formatNumber(box.min.y_m / 1000.0, 1)
                << " .. " << formatNumber(box.max.y_m / 1000.0, 1) << " km";
            if (unprojectable > 0)
                out << " (" << formatNumber(static_cast<double>(unprojectable), 0) << " vertices cannot be projected)";
            out << '\n';
        }
    }
}

void describeBoundaries(std::ostream& out, const geo::BoundaryData& data, const geo::Projection& projection) {
    out << "boundary data: " << data.origin << '\n';
    out << "map CRS: " << projection.name() << " (--crs " << projection.spec() << ")\n";
    out << "  " << projection.projString() << '\n';
    out << "layers:\n";
    for (const geo::Layer* layer : {&data.countries, &data.provinces, &data.disputedBorders, &data.durandLine, &data.rivers})
        if (!layer->features.empty()) printLayer(out, *layer);

    std::map<std::string, std::size_t> perCountry;
    for (const geo::Feature& f : data.provinces.features) ++perCountry[std::string(data.provinces.value(f, "country"))];
    out << "provinces:";
    bool first = true;
    for (const auto& [country, count] : perCountry) {
        out << (first ? " " : ", ") << country << " " << count;
        first = false;
    }
    out << '\n';

    const geo::Feature& durand = data.durand();
    const auto line = durand.geometry.run(0);
    const double lengthKm = geo::geodesicLengthM(line) / 1000.0;
    out << "Durand Line: " << formatNumber(lengthKm, 1) << " km geodesic on WGS84, " << line.size()
        << " vertices, from " << formatLonLat(line.front()) << " to " << formatLonLat(line.back()) << '\n';
    const std::string_view status = data.durandLine.value(durand, "status");
    if (!status.empty()) out << "  status: " << status << '\n';
    out << "  (the generalized line is shorter than the 2,570 km or 2,670 km the source articles give for the real\n"
           "   border: with fewer vertices it cuts the corners of a line drawn along mountain crests)\n";
}

void describeEvents(std::ostream& out, const timeline::Catalogue& catalogue) {
    std::map<timeline::EventKind, std::size_t> kinds;
    for (const timeline::Event& e : catalogue.events) ++kinds[e.kind];
    out << "events: " << catalogue.events.size() << " from " << catalogue.files.front();
    if (catalogue.asOf) out << ", as of " << catalogue.asOf->display();
    out << "\n ";
    for (const auto& [kind, count] : kinds) out << " " << count << " " << timeline::eventKindName(kind);
    const auto [first, last] = catalogue.range();
    out << "\n  from " << timeline::displayDay(first) << " to " << timeline::displayDay(last) << '\n';
}

// The same facts as printLayer: {"name", "features", "geometry": ["polygon", ...], "vertices", "crs"}, less the
// closing brace, so that a caller can add its own keys.
void writeLayerFields(JsonWriter& w, const geo::Layer& layer) {
    w.StartObject();
    writeField(w, "name", layer.name);
    w.Key("features");
    w.Uint64(layer.features.size());
    std::map<geo::GeometryKind, std::size_t> kinds;
    for (const geo::Feature& f : layer.features) ++kinds[f.geometry.kind];
    w.Key("geometry");
    w.StartArray();
    for (const auto& [kind, count] : kinds) writeString(w, geo::geometryKindName(kind));
    w.EndArray();
    w.Key("vertices");
    w.Uint64(layer.vertexCount());
    writeFieldOrNull(w, "crs", layer.sourceCrs);
}

void writeMapCrs(JsonWriter& w, const geo::Projection& projection) {
    w.StartObject();
    writeField(w, "name", projection.name());
    writeField(w, "crs_option", projection.spec());
    writeField(w, "proj", projection.projString());
    w.EndObject();
}

// describeFiles as one document.
void describeFilesJson(std::ostream& out, const std::vector<std::string>& files, const geo::Projection* projection,
                       const std::optional<std::string>& onlyLayer) {
    JsonDocument doc("info");
    JsonWriter& w = doc.writer();
    w.Key("map_crs");
    if (projection != nullptr)
        writeMapCrs(w, *projection);
    else
        w.Null();
    geo::LoadOptions options;
    if (onlyLayer) options.layers = {*onlyLayer};
    w.Key("files");
    w.StartArray();
    for (const std::string& file : files) {
        const geo::VectorSource source = geo::loadVectorSource(file, options);
        w.StartObject();
        writeField(w, "path", file);
        writeField(w, "driver", source.driver);
        w.Key("layers");
        w.StartArray();
        for (const geo::Layer& layer : source.layers) {
            writeLayerFields(w, layer);
            // In the map CRS, in metres (the listing gives kilometres to 0.1); null without --crs.
            w.Key("extent");
            if (projection != nullptr) {
                std::size_t unprojectable = 0;
                const MapBox box = projection->project(layer, &unprojectable).bounds();
                w.StartObject();
                for (const auto& [key, value] : {std::pair{"x_min_m", box.min.x_m}, std::pair{"y_min_m", box.min.y_m},
                                                 std::pair{"x_max_m", box.max.x_m}, std::pair{"y_max_m", box.max.y_m}}) {
                    w.Key(key);
                    writeRounded(w, value, 2);
                }
                w.Key("unprojectable_vertices");
                w.Uint64(unprojectable);
                w.EndObject();
            } else {
                w.Null();
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    doc.print(out);
}

// describeBoundaries and describeEvents as one document.
void describeJson(std::ostream& out, const geo::BoundaryData& data, const geo::Projection& projection,
                  const timeline::Catalogue& catalogue) {
    JsonDocument doc("info");
    JsonWriter& w = doc.writer();
    writeField(w, "boundary_data", data.origin);
    w.Key("map_crs");
    writeMapCrs(w, projection);
    w.Key("layers");
    w.StartArray();
    for (const geo::Layer* layer : {&data.countries, &data.provinces, &data.disputedBorders, &data.durandLine, &data.rivers}) {
        if (layer->features.empty()) continue;
        writeLayerFields(w, *layer);
        w.EndObject();
    }
    w.EndArray();

    std::map<std::string, std::size_t> perCountry;
    for (const geo::Feature& f : data.provinces.features) ++perCountry[std::string(data.provinces.value(f, "country"))];
    w.Key("provinces");
    w.StartArray();
    for (const auto& [country, count] : perCountry) {
        w.StartObject();
        writeField(w, "country", country);
        w.Key("count");
        w.Uint64(count);
        w.EndObject();
    }
    w.EndArray();

    const geo::Feature& durand = data.durand();
    const auto line = durand.geometry.run(0);
    w.Key("durand_line");
    w.StartObject();
    w.Key("length_m");
    writeRounded(w, geo::geodesicLengthM(line), 0);
    w.Key("vertices");
    w.Uint64(line.size());
    w.Key("from");
    writeLonLat(w, line.front());
    w.Key("to");
    writeLonLat(w, line.back());
    writeFieldOrNull(w, "status", data.durandLine.value(durand, "status"));
    w.EndObject();

    std::map<timeline::EventKind, std::size_t> kinds;
    for (const timeline::Event& e : catalogue.events) ++kinds[e.kind];
    const auto [first, last] = catalogue.range();
    w.Key("events");
    w.StartObject();
    w.Key("count");
    w.Uint64(catalogue.events.size());
    writeField(w, "file", catalogue.files.front());
    writeDateFields(w, "as_of", catalogue.asOf);
    w.Key("kinds");
    w.StartObject();
    for (const auto& [kind, count] : kinds) {
        const std::string_view name = timeline::eventKindName(kind);
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        w.Uint64(count);
    }
    w.EndObject();
    writeField(w, "first_date", timeline::isoDay(first));
    writeField(w, "last_date", timeline::isoDay(last));
    w.EndObject();
    doc.print(out);
}

// The files read and described, with nothing printed: -q checks that they read.
void readFiles(const std::vector<std::string>& files, const geo::Projection* projection, const std::optional<std::string>& onlyLayer) {
    geo::LoadOptions options;
    if (onlyLayer) options.layers = {*onlyLayer};
    for (const std::string& file : files) {
        const geo::VectorSource source = geo::loadVectorSource(file, options);
        if (projection == nullptr) continue;
        for (const geo::Layer& layer : source.layers) static_cast<void>(projection->project(layer));
    }
}

}  // namespace

int runInfo(std::span<const std::string> args, std::ostream& out) {
    const ParsedArgs parsed = parseArgs(args, kInfoOptions);
    if (parsed.has("help")) {
        out << kInfoHelp;
        return kExitOk;
    }
    if (!parsed.positionals.empty()) {
        if (parsed.has("data")) throw UsageError("info: give FILE arguments or --data, not both");
        const auto crs = parsed.value("crs");
        const std::optional<geo::Projection> projection =
            crs ? std::optional<geo::Projection>(std::in_place, *crs) : std::nullopt;
        if (parsed.has("json"))
            describeFilesJson(out, parsed.positionals, projection ? &*projection : nullptr, parsed.value("layer"));
        else if (parsed.has("quiet"))
            readFiles(parsed.positionals, projection ? &*projection : nullptr, parsed.value("layer"));
        else
            describeFiles(out, parsed.positionals, projection ? &*projection : nullptr, parsed.value("layer"));
        return kExitOk;
    }
    if (parsed.has("layer")) throw UsageError("info: --layer goes with FILE arguments");
    const geo::Projection projection(parsed.value("crs").value_or("regional"));
    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(timeline::defaultValidationContext(boundaries));
    if (parsed.has("json")) {
        describeJson(out, boundaries, projection, catalogue);
    } else if (!parsed.has("quiet")) {
        describeBoundaries(out, boundaries, projection);
        describeEvents(out, catalogue);
    }
    return kExitOk;
}

}  // namespace bordermap::app
