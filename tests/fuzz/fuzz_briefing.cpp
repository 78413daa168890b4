// The briefing reader on arbitrary text: it throws InputError or reads a briefing, and whatever it reads saves to a
// text that reads back as the same briefing.
#include <bordermap/briefing/briefing.hpp>
#include <bordermap/core/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bordermap;
    try {
        const briefing::Briefing b = briefing::parseBriefing(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
        if (briefing::parseBriefing(briefing::briefingText(b), "saved.json") != b) std::abort();
    } catch (const InputError&) {
    }
    return 0;
}
