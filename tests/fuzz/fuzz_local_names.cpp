// The local names reader (geodata/local_names.csv, read with GDAL's CSV driver) on arbitrary bytes: it refuses with
// an InputError or gives names that all passed its checks.
#include <bordermap/core/error.hpp>
#include <bordermap/geo/local_names.hpp>

#include <cstdint>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    try {
        const geo::LocalNames names = geo::loadLocalNames(std::span(data, size), "local_names.csv");
        for (const geo::LocalName& n : names.names)
            if (!geo::isArabicScript(n.name) || !geo::isKnownLanguage(n.lang) || n.place.empty() || n.source.empty())
                std::abort();
    } catch (const Error&) {
        // Not a table of local names: one line for the user.
    }
    return 0;
}
