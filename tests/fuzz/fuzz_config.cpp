// The viewer's export settings reader (~/.config/bordermap/export.conf) on arbitrary text: whatever the file holds,
// the settings it gives stay within the ranges the Export dialog allows.
#include <bordermap/ui/app_state.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto s = bordermap::ui::parseExportSettings(std::string_view(reinterpret_cast<const char*>(data), size));
    if (s.width_px < 16 || s.width_px > 20000 || s.height_px < 16 || s.height_px > 20000 || s.dpi < 36 || s.dpi > 1200)
        std::abort();
    return 0;
}
