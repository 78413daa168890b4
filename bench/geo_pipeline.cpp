// Loads and projects a layer with bordermap's geo pipeline and, interleaved in the same run, converts the
// same layer with `ogr2ogr -t_srs CRS` to a GeoPackage, the tool a user would otherwise reach for.
// Checks the result before timing. Prints the input size, each run, the medians and vertices per second.
//
//   bench_geo_pipeline [--source FILE] [--layer NAME] [--crs CRS] [--runs N] [--bordermap PATH]
//
// Defaults: the world's Natural Earth provinces from Debian's qgis-common, EPSG:3857, 7 runs. With
// --bordermap, the whole `bordermap info FILE --crs CRS` process is timed too, as ogr2ogr is.

#include "timing.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/projection.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

using namespace bordermap;
using bench::Clock;
using bench::median;
using bench::msSince;

namespace {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct Result {
    std::size_t features = 0;
    std::size_t vertices = 0;
    std::size_t unprojectable = 0;
    MapXY firstVertex;
};

Result loadAndProject(const std::string& source, const std::string& layer, const geo::Projection& projection,
                      bool validate) {
    geo::LoadOptions options;
    options.layers = {layer};
    options.checkValidity = validate;
    const geo::VectorSource loaded = geo::loadVectorSource(source, options);
    std::size_t unprojectable = 0;
    const geo::ProjectedLayer projected = projection.project(loaded.layers.front(), &unprojectable);
    return {projected.features.size(), projected.vertexCount(), unprojectable,
            projected.features.front().geometry.points.front()};
}

int runCommand(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return status == -1 ? -1 : WEXITSTATUS(status);
}

}  // namespace

int main(int argc, char** argv) {
    std::string source = "/usr/share/qgis/resources/data/world_map.gpkg";
    std::string layer = "states_provinces";
    std::string crs = "EPSG:3857";
    std::string bordermap;
    int runs = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--source") source = value;
        else if (key == "--layer") layer = value;
        else if (key == "--crs") crs = value;
        else if (key == "--bordermap") bordermap = value;
        else if (key == "--runs") runs = std::max(1, std::atoi(value.c_str()));
        else {
            std::cerr << "bench_geo_pipeline: unknown option " << key << '\n';
            return 2;
        }
    }
    try {
        const geo::Projection projection(crs);
        // Check before timing: every vertex projects, and the first one agrees with a single-point projection.
        geo::LoadOptions options;
        options.layers = {layer};
        const geo::VectorSource reference = geo::loadVectorSource(source, options);
        const Result check = loadAndProject(source, layer, projection, false);
        const MapXY expected = projection.forward(reference.layers.front().features.front().geometry.points.front());
        if (check.unprojectable != 0 || std::fabs(check.firstVertex.x_m - expected.x_m) > 1e-6 ||
            std::fabs(check.firstVertex.y_m - expected.y_m) > 1e-6 ||
            check.vertices != reference.layers.front().vertexCount()) {
            std::cerr << "bench_geo_pipeline: the check before timing failed\n";
            return 1;
        }
        const std::string out = (std::filesystem::temp_directory_path() / "bench_geo_pipeline_ogr2ogr.gpkg").string();
        const std::string ogr2ogr = "ogr2ogr -overwrite -f GPKG -t_srs " + quote(crs) + " " + quote(out) + " " +
                                    quote(source) + " " + quote(layer);
        if (runCommand(ogr2ogr) != 0) {
            std::cerr << "bench_geo_pipeline: ogr2ogr failed: " << ogr2ogr << '\n';
            return 1;
        }
        const std::string whole =
            bordermap.empty() ? "" : quote(bordermap) + " info " + quote(source) + " --layer " + quote(layer) + " --crs " + quote(crs);
        if (!whole.empty() && runCommand(whole) != 0) {
            std::cerr << "bench_geo_pipeline: bordermap failed: " << whole << '\n';
            return 1;
        }

        std::cout << "input: " << source << " layer " << layer << ": " << formatNumber(double(check.features), 0)
                  << " features, " << formatNumber(double(check.vertices), 0) << " vertices; map CRS " << crs << "\n";
        if (!whole.empty()) std::cout << "bordermap process: " << whole << '\n';
        std::cout << "run  load+project ms  +GEOS validity ms  ogr2ogr process ms"
                  << (whole.empty() ? "" : "  bordermap process ms") << '\n';
        std::vector<double> plain, validated, ogr, process;
        for (int run = 1; run <= runs; ++run) {
            auto start = Clock::now();
            const Result a = loadAndProject(source, layer, projection, false);
            plain.push_back(msSince(start));
            start = Clock::now();
            const Result b = loadAndProject(source, layer, projection, true);
            validated.push_back(msSince(start));
            start = Clock::now();
            runCommand(ogr2ogr);
            ogr.push_back(msSince(start));
            if (!whole.empty()) {
                start = Clock::now();
                runCommand(whole);
                process.push_back(msSince(start));
            }
            if (a.vertices != check.vertices || b.vertices != check.vertices) return 1;
            std::printf("%3d  %16.1f  %17.1f  %18.1f", run, plain.back(), validated.back(), ogr.back());
            if (!whole.empty()) std::printf("  %20.1f", process.back());
            std::printf("\n");
        }
        const double vertices = double(check.vertices);
        std::printf("median: load+project %.1f ms (%.2f M vertices/s); with validity check %.1f ms (%.2f M vertices/s)\n",
                    median(plain), vertices / median(plain) / 1e3, median(validated), vertices / median(validated) / 1e3);
        std::printf("median: ogr2ogr -t_srs %s to GeoPackage %.1f ms as a whole process (%.2f M vertices/s)\n",
                    crs.c_str(), median(ogr), vertices / median(ogr) / 1e3);
        if (!whole.empty())
            std::printf("median: bordermap info FILE --crs %s %.1f ms as a whole process, validating\n", crs.c_str(),
                        median(process));
        std::printf("ratio (bordermap load+project / ogr2ogr): %.2f\n", median(plain) / median(ogr));
        std::filesystem::remove(out);
    } catch (const Error& e) {
        std::cerr << "bench_geo_pipeline: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
