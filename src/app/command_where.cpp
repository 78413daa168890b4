#include "commands.hpp"
#include "json_output.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/locator.hpp>
#include <bordermap/geo/projection.hpp>

#include <ostream>

namespace bordermap::app {

namespace {

constexpr const char* kWhereHelp =
    "usage: bordermap where LON LAT [--data PATH] [--crs CRS] [--json] [-q]\n"
    "\n"
    "Prints the country and province that contain the point at longitude LON, latitude LAT (decimal\n"
    "degrees, WGS84; west and south negative), its distance from the Durand Line, and its map coordinates.\n"
    "\n"
    "  --data PATH   a boundary GeoPackage (or a folder holding bordermap.gpkg) instead of the embedded data\n"
    "  --crs CRS     the map CRS for the map coordinates (default: regional)\n"
    "  --json        the same facts as one JSON document on stdout, for scripts (README.md: its schema)\n"
    "  -q, --quiet   errors only: prints nothing when the point is read (the exit status says so)\n"
    "  --help        this text\n"
    "\n"
    "example: bordermap where 69.1723 34.5281    (Kabul)\n";

const std::vector<OptionSpec> kWhereOptions{{"data", true}, {"crs", true}, {"json", false}, {"quiet", false}, {"help", false}};

double parseCoordinate(const std::string& text, const char* what, double limit) {
    const auto value = parseDouble(text);
    if (!value) throw UsageError(std::string("where: ") + what + " '" + text + "' is not a number in decimal degrees");
    if (*value < -limit || *value > limit)
        throw InputError({{}, {}, {}, what},
                         text + " is outside -" + formatNumber(limit, 0) + ".." + formatNumber(limit, 0));
    return *value;
}

}  // namespace

int runWhere(std::span<const std::string> args, std::ostream& out) {
    const ParsedArgs parsed = parseArgs(args, kWhereOptions);
    if (parsed.has("help")) {
        out << kWhereHelp;
        return kExitOk;
    }
    if (parsed.positionals.size() != 2)
        throw UsageError("where: needs LON LAT, two numbers in decimal degrees (see bordermap where --help)");
    const LonLat point{parseCoordinate(parsed.positionals[0], "longitude", 180.0),
                       parseCoordinate(parsed.positionals[1], "latitude", 90.0)};
    const geo::Projection projection(parsed.value("crs").value_or("regional"));
    const geo::BoundaryData data = loadBoundaryOption(parsed);
    const geo::Whereabouts place = geo::locate(data, point);
    const MapXY xy = projection.forward(point);
    if (parsed.has("json")) {
        JsonDocument doc("where");
        JsonWriter& w = doc.writer();
        w.Key("point");
        writeLonLat(w, point);
        w.Key("country");
        writeStringOrNull(w, place.country.value_or(""));
        w.Key("province");
        writeStringOrNull(w, place.province.value_or(""));
        w.Key("province_type");
        writeStringOrNull(w, place.province ? place.provinceType : "");
        // Metres to the centimetre: the line and the projection are not more precise than that.
        w.Key("durand_line_distance_m");
        writeRounded(w, place.distanceToDurandLineM, 2);
        w.Key("map");
        w.StartObject();
        writeField(w, "crs", projection.name());
        writeField(w, "crs_option", projection.spec());
        w.Key("x_m");
        writeRounded(w, xy.x_m, 2);
        w.Key("y_m");
        writeRounded(w, xy.y_m, 2);
        w.EndObject();
        doc.print(out);
        return kExitOk;
    }
    if (parsed.has("quiet")) return kExitOk;

    out << "point:       " << formatLonLat(point) << '\n';
    out << "country:     " << place.country.value_or("none (outside every country in the data)") << '\n';
    if (place.province)
        out << "province:    " << *place.province << (place.provinceType.empty() ? "" : " (" + place.provinceType + ")")
            << '\n';
    else if (place.country)
        out << "province:    none (the data has provinces only for Afghanistan and Pakistan)\n";
    else
        out << "province:    none (outside every province in the data)\n";
    out << "Durand Line: " << formatNumber(place.distanceToDurandLineM / 1000.0, 1) << " km away (geodesic)\n";
    out << "map x, y:    " << formatNumber(xy.x_m, 1) << " m, " << formatNumber(xy.y_m, 1) << " m in "
        << projection.name() << '\n';
    return kExitOk;
}

}  // namespace bordermap::app
