#include "commands.hpp"

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
    "usage: bordermap info [--data PATH] [--crs CRS]\n"
    "       bordermap info FILE... [--layer NAME] [--crs CRS]\n"
    "\n"
    "Describes the boundary data: its layers, feature counts and CRS, the provinces of each country,\n"
    "and the Durand Line's geodesic length. With FILE arguments, describes those vector files instead\n"
    "(any format GDAL reads: GeoPackage, GeoJSON, Shapefile, KML, CSV with lon/lat columns).\n"
    "\n"
    "  --data PATH   a boundary GeoPackage (or a folder holding bordermap.gpkg) instead of the embedded data\n"
    "  --crs CRS     the map CRS to describe: regional (default), webmercator, platecarree, an EPSG code,\n"
    "                a PROJ string or a CRS name; with FILE, each layer's extent is given in it\n"
    "  --layer NAME  with FILE: only this layer\n"
    "  --help        this text\n";

const std::vector<OptionSpec> kInfoOptions{{"data", true}, {"crs", true}, {"layer", true}, {"help", false}};

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
        describeFiles(out, parsed.positionals, projection ? &*projection : nullptr, parsed.value("layer"));
        return kExitOk;
    }
    if (parsed.has("layer")) throw UsageError("info: --layer goes with FILE arguments");
    const geo::Projection projection(parsed.value("crs").value_or("regional"));
    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    describeBoundaries(out, boundaries, projection);
    describeEvents(out, timeline::loadEmbeddedCatalogue(timeline::defaultValidationContext(boundaries)));
    return kExitOk;
}

}  // namespace bordermap::app
