#pragma once
// The map CRS and the transform from WGS84 lon/lat into it, through PROJ.

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/feature.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace bordermap::geo {

// The default map CRS for this region: a Lambert conformal conic on WGS84 whose standard parallels,
// 30°20'N and 35°40'N, follow Kavrayskiy's one-sixth rule for the 29°-37°N band the Durand Line spans
// (central meridian 69°E, origin 33°N). Conformal, so shapes and bearings are true locally; the scale
// error stays under 0.2 % from 29° to 37°N (tests/unit/geo check it), where Web Mercator's reaches 14-25 %.
inline constexpr std::string_view kRegionalCrs =
    "+proj=lcc +lat_0=33 +lon_0=69 +lat_1=30.3333333333333 +lat_2=35.6666666666667 +x_0=0 +y_0=0 "
    "+datum=WGS84 +units=m +no_defs +type=crs";

// A map CRS chosen by the user, and the transform into it. Move-only: it owns a PROJ context and
// transformation, and is not to be used from two threads at once (make one per thread).
class Projection {
public:
    // `spec` is any of: a short name ("regional" = kRegionalCrs, "webmercator", "platecarree"),
    // an authority code ("EPSG:3857", or a bare "3857" read as EPSG), a CRS name from PROJ's database
    // ("WGS 84 / Pseudo-Mercator"), a PROJ string or WKT. It must be a projected CRS in metres.
    // Throws InputError (field "crs") for an unknown or unsuitable CRS.
    explicit Projection(std::string_view spec = "regional");
    ~Projection();
    Projection(Projection&&) noexcept;
    Projection& operator=(Projection&&) noexcept;

    const std::string& spec() const;  // as the user gave it
    const std::string& name() const;  // PROJ's name of the CRS
    std::string projString() const;   // the CRS as a PROJ string, for display

    // Projects one point; a point PROJ cannot project comes back with non-finite coordinates.
    MapXY forward(LonLat p) const;
    // Back from map metres to lon/lat; non-finite when outside the projection's domain.
    LonLat inverse(MapXY p) const;
    // Projects many points in one PROJ call; `out` must be as long as `in`.
    void forward(std::span<const LonLat> in, std::span<MapXY> out) const;
    // The layer in map metres. Vertices PROJ cannot project become non-finite; their count is returned
    // through `unprojectable` when given.
    ProjectedLayer project(const Layer& layer, std::size_t* unprojectable = nullptr) const;

    // The scale factor along the meridian at p: map metres per true metre (for a conformal CRS, the point
    // scale factor, the same in every direction).
    double scaleFactor(LonLat p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The names "regional", "webmercator" and "platecarree" stand for these definitions.
std::string resolveCrsAlias(std::string_view spec);

}  // namespace bordermap::geo
