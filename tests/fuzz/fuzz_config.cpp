// The viewer's settings readers (~/.config/bordermap/export.conf and viewer.conf) on arbitrary text: whatever the
// file holds, the export settings stay within the ranges the Export dialog allows and the legend's place within the
// ranges the reader accepts.
#include <bordermap/ui/app_state.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto s = bordermap::ui::parseExportSettings(std::string_view(reinterpret_cast<const char*>(data), size));
    if (s.width_px < 16 || s.width_px > 20000 || s.height_px < 16 || s.height_px > 20000 || s.dpi < 36 || s.dpi > 1200)
        std::abort();
    const auto v = bordermap::ui::parseViewerSettings(std::string_view(reinterpret_cast<const char*>(data), size));
    if (v.legend.at && (v.legend.at->x_px < 0 || v.legend.at->x_px > 100000 || v.legend.at->y_px < 0 || v.legend.at->y_px > 100000))
        std::abort();
    return 0;
}
