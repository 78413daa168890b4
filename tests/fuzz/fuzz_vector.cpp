// The vector loader from memory on arbitrary bytes under several file names (the name picks GDAL's driver where
// the bytes do not), strict and lenient, as `bordermap info FILE` and the viewer's "Open a file" run it.
#include <bordermap/core/error.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    if (size < 1) return 0;
    static constexpr const char* kNames[] = {"f.geojson", "f.csv", "f.kml", "f.gml", "f.gpx", "f.json"};
    const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
    geo::LoadOptions options;
    options.strict = (data[0] & 0x80) != 0;
    try {
        const geo::VectorSource source = geo::loadVectorSource(std::span(data + 1, size - 1), name, options);
        for (const geo::Layer& layer : source.layers) (void)layer.bounds();
    } catch (const Error&) {
        // Not vector data, or a bad feature in strict mode: one line for the user.
    }
    return 0;
}
