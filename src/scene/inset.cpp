#include "bordermap/scene/inset.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/scene/map_data.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bordermap::scene {

InsetArea khyberInset() {
    InsetArea area;
    area.name = "Khyber\u2013Kurram\u2013Waziristan";
    area.box.add(LonLat{69.0, 32.2});
    area.box.add(LonLat{71.8, 34.5});
    return area;
}

std::optional<InsetArea> parseInsetArea(std::string_view text) {
    const std::string name = toLower(trim(text));
    if (name == "none") return std::nullopt;
    if (name == "khyber") return khyberInset();
    std::vector<double> v;
    std::size_t from = 0;
    while (from <= name.size()) {
        const std::size_t comma = std::min(name.find(',', from), name.size());
        const auto d = parseDouble(trim(std::string_view(name).substr(from, comma - from)));
        if (!d || !std::isfinite(*d)) {
            v.clear();
            break;
        }
        v.push_back(*d);
        from = comma + 1;
    }
    if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3] || !isValidLonLat({v[0], v[1]}) || !isValidLonLat({v[2], v[3]}))
        throw InputError({{}, {}, {}, "inset"},
                         "'" + printable(text) + "' is not khyber, none or LON0,LAT0,LON1,LAT1 in degrees (west, south, east, north)");
    InsetArea area;
    area.name = formatNumber(v[0], 1) + "\u2013" + formatNumber(v[2], 1) + "\u00b0E, " + formatNumber(v[1], 1) + "\u2013" +
                formatNumber(v[3], 1) + "\u00b0N";
    area.box.add(LonLat{v[0], v[1]});
    area.box.add(LonLat{v[2], v[3]});
    return area;
}

std::optional<LocatorMode> parseLocatorMode(std::string_view text) {
    const std::string name = toLower(trim(text));
    if (name == "auto") return LocatorMode::Auto;
    if (name == "on") return LocatorMode::On;
    if (name == "off") return LocatorMode::Off;
    return std::nullopt;
}

const char* locatorModeName(LocatorMode mode) {
    switch (mode) {
    case LocatorMode::Auto: return "auto";
    case LocatorMode::On: return "on";
    case LocatorMode::Off: return "off";
    }
    return "auto";
}

double regionShareShown(const MapBox& region, const MapBox& visible) {
    if (region.empty() || visible.empty()) return 0;
    const double area = (region.max.x_m - region.min.x_m) * (region.max.y_m - region.min.y_m);
    const double w = std::min(region.max.x_m, visible.max.x_m) - std::max(region.min.x_m, visible.min.x_m);
    const double h = std::min(region.max.y_m, visible.max.y_m) - std::max(region.min.y_m, visible.min.y_m);
    return area > 0 && w > 0 && h > 0 ? w * h / area : 0;
}

bool locatorShown(LocatorMode mode, const MapBox& region, const MapBox& visible) {
    if (mode != LocatorMode::Auto) return mode == LocatorMode::On;
    return regionShareShown(region, visible) < 1.0 / 3.0;
}

MapBox locatorExtent(const ProjectedMap& map) {
    MapBox box = map.regionBox;
    if (box.empty()) return box;
    const double dx = (box.max.x_m - box.min.x_m) * 0.2, dy = (box.max.y_m - box.min.y_m) * 0.2;
    box.add(MapXY{box.min.x_m - dx, box.min.y_m - dy});
    box.add(MapXY{box.max.x_m + dx, box.max.y_m + dy});
    return box;
}

MapBox areaBox(const ProjectedMap& map, const GeoBox& area) {
    MapBox box;
    const LonLat a = area.min, b = area.max;
    for (int i = 0; i <= 8; ++i)
        for (const LonLat p : {LonLat{a.lon_deg + (b.lon_deg - a.lon_deg) * i / 8, a.lat_deg}, LonLat{a.lon_deg + (b.lon_deg - a.lon_deg) * i / 8, b.lat_deg},
                               LonLat{a.lon_deg, a.lat_deg + (b.lat_deg - a.lat_deg) * i / 8}, LonLat{b.lon_deg, a.lat_deg + (b.lat_deg - a.lat_deg) * i / 8}})
            if (const MapXY q = map.projection.forward(p); std::isfinite(q.x_m) && std::isfinite(q.y_m)) box.add(q);
    return box;
}

ScreenBox screenBoxOf(const View& view, const MapBox& box) {
    const ScreenPx a = view.toScreen(box.min), b = view.toScreen(box.max);
    return {std::min(a.x_px, b.x_px), std::min(a.y_px, b.y_px), std::max(a.x_px, b.x_px), std::max(a.y_px, b.y_px)};
}

ScreenPx insetSize(const MapBox& area, double frameW_px, double frameH_px, double k) {
    const double aspect = area.empty() ? 1.0 : (area.max.x_m - area.min.x_m) / std::max(1.0, area.max.y_m - area.min.y_m);
    double w = std::max(180 * k, frameW_px / 3), h = w / aspect;
    const double fit = std::min({1.0, 0.45 * frameW_px / w, 0.45 * frameH_px / h});
    w *= fit;
    h *= fit;
    return {std::round(w), std::round(h)};
}

ScreenPx locatorSize(const ProjectedMap& map, double maxW_px, double maxH_px) {
    const MapBox box = locatorExtent(map);
    const double aspect = box.empty() ? 1.0 : (box.max.x_m - box.min.x_m) / std::max(1.0, box.max.y_m - box.min.y_m);
    double w = maxW_px, h = w / aspect;
    if (h > maxH_px) h = maxH_px, w = h * aspect;
    return {std::round(w), std::round(h)};
}

}  // namespace bordermap::scene
