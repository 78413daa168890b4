#include "bordermap/geo/locator.hpp"

#include <bordermap/geo/geodesy.hpp>

namespace bordermap::geo {

std::optional<std::size_t> findContaining(const Layer& polygons, LonLat p) {
    for (std::size_t i = 0; i < polygons.features.size(); ++i) {
        const Feature& feature = polygons.features[i];
        if (feature.bounds.contains(p) && contains(feature.geometry, p)) return i;
    }
    return std::nullopt;
}

Whereabouts locate(const BoundaryData& data, LonLat p) {
    Whereabouts out;
    if (const auto country = findContaining(data.countries, p))
        out.country = std::string(data.countries.value(data.countries.features[*country], "name"));
    if (const auto province = findContaining(data.provinces, p)) {
        const Feature& feature = data.provinces.features[*province];
        out.province = std::string(data.provinces.value(feature, "name"));
        out.provinceType = std::string(data.provinces.value(feature, "type"));
        // A province lies in its country, even where a coarser country outline says otherwise at the edge.
        out.country = std::string(data.provinces.value(feature, "country"));
    }
    out.distanceToDurandLineM = geodesicDistanceToM(data.durand().geometry, p);
    return out;
}

}  // namespace bordermap::geo
