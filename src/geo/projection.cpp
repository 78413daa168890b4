#include "bordermap/geo/projection.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/geodesy.hpp>

#include <proj.h>

#include <cmath>
#include <limits>

namespace bordermap::geo {

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
struct PjDeleter {
    void operator()(PJ* pj) const { proj_destroy(pj); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

struct CrsListDeleter {
    void operator()(PJ_OBJ_LIST* list) const { proj_list_destroy(list); }
};

[[noreturn]] void crsError(std::string_view spec, const std::string& reason) {
    throw InputError({{}, {}, {}, "crs"}, "'" + std::string(spec) + "': " + reason);
}

// The CRS `spec` names, or null. Tries PROJ's own parser first, then its database of CRS names.
PjPtr createCrs(PJ_CONTEXT* ctx, const std::string& definition) {
    PjPtr crs(proj_create(ctx, definition.c_str()));
    if (crs) return crs;
    const PJ_TYPE projected[] = {PJ_TYPE_PROJECTED_CRS};
    std::unique_ptr<PJ_OBJ_LIST, CrsListDeleter> list(
        proj_create_from_name(ctx, nullptr, definition.c_str(), projected, 1, 0, 2, nullptr));
    if (list && proj_list_get_count(list.get()) == 1) return PjPtr(proj_list_get(ctx, list.get(), 0));
    return nullptr;
}

}  // namespace

std::string resolveCrsAlias(std::string_view spec) {
    const std::string key = toLower(spec);
    if (key == "regional" || key == "default" || key == "lcc") return std::string(kRegionalCrs);
    if (key == "webmercator" || key == "web-mercator" || key == "mercator") return "EPSG:3857";
    // EPSG:4087, "WGS 84 / World Equidistant Cylindrical": plate carrée in metres on the WGS84 ellipsoid.
    if (key == "platecarree" || key == "plate-carree" || key == "equirectangular") return "EPSG:4087";
    if (parseInteger(spec)) return "EPSG:" + std::string(spec);
    if (!spec.empty() && spec.front() == '+' && spec.find("type=crs") == std::string_view::npos)
        return std::string(spec) + " +type=crs";
    return std::string(spec);
}

struct Projection::Impl {
    std::string spec;
    std::string name;
    ContextPtr ctx;
    PjPtr crs;
    PjPtr transform;  // WGS84 lon/lat degrees -> map x/y metres
};

Projection::Projection(std::string_view spec) : m_impl(std::make_unique<Impl>()) {
    Impl& impl = *m_impl;
    impl.spec = std::string(spec);
    impl.ctx.reset(proj_context_create());
    if (!impl.ctx) throw OperationError({}, "PROJ could not create a context");
    proj_log_level(impl.ctx.get(), PJ_LOG_NONE);
    if (spec.empty()) crsError(spec, "no CRS given");

    impl.crs = createCrs(impl.ctx.get(), resolveCrsAlias(spec));
    if (!impl.crs) crsError(spec, "unknown CRS (give an EPSG code, a PROJ string, or regional/webmercator/platecarree)");
    if (!proj_is_crs(impl.crs.get())) crsError(spec, "is not a coordinate reference system");
    const PJ_TYPE type = proj_get_type(impl.crs.get());
    if (type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS)
        crsError(spec, "is geographic (degrees); the map needs a projected CRS in metres: for an equirectangular "
                       "map use 'platecarree' (EPSG:4087)");
    if (type != PJ_TYPE_PROJECTED_CRS)
        crsError(spec, "is not a projected CRS; the map needs one in metres");
    const char* crsName = proj_get_name(impl.crs.get());
    const std::string key = toLower(spec);
    if (key == "regional" || key == "default" || key == "lcc")
        impl.name = "bordermap regional: Lambert conformal conic, WGS 84, 30°20'N/35°40'N, 69°E";
    else if (crsName != nullptr && std::string_view(crsName) != "unknown")
        impl.name = crsName;
    else
        impl.name = std::string(spec);

    PjPtr wgs84(proj_create(impl.ctx.get(), "EPSG:4326"));
    PjPtr raw(proj_create_crs_to_crs_from_pj(impl.ctx.get(), wgs84.get(), impl.crs.get(), nullptr, nullptr));
    if (!raw) crsError(spec, "PROJ cannot transform WGS 84 into it");
    // EPSG:4326 is latitude-first; normalising makes the input longitude, latitude like every layer here.
    impl.transform.reset(proj_normalize_for_visualization(impl.ctx.get(), raw.get()));
    if (!impl.transform) crsError(spec, "PROJ cannot normalise the axis order of the transform");

}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

const std::string& Projection::spec() const { return m_impl->spec; }
const std::string& Projection::name() const { return m_impl->name; }

std::string Projection::projString() const {
    const char* text = proj_as_proj_string(m_impl->ctx.get(), m_impl->crs.get(), PJ_PROJ_5, nullptr);
    return text != nullptr ? text : std::string();
}

MapXY Projection::forward(LonLat p) const {
    const PJ_COORD out = proj_trans(m_impl->transform.get(), PJ_FWD, proj_coord(p.lon_deg, p.lat_deg, 0, 0));
    if (out.xy.x == HUGE_VAL || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    return {out.xy.x, out.xy.y};
}

LonLat Projection::inverse(MapXY p) const {
    const PJ_COORD out = proj_trans(m_impl->transform.get(), PJ_INV, proj_coord(p.x_m, p.y_m, 0, 0));
    if (out.lp.lam == HUGE_VAL || !std::isfinite(out.lp.lam) || !std::isfinite(out.lp.phi))
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    return {out.lp.lam, out.lp.phi};
}

void Projection::forward(std::span<const LonLat> in, std::span<MapXY> out) const {
    if (out.size() != in.size()) throw OperationError({}, "projection: output and input differ in length");
    if (in.empty()) return;
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = {in[i].lon_deg, in[i].lat_deg};
    const auto count = in.size();
    proj_trans_generic(m_impl->transform.get(), PJ_FWD, &out[0].x_m, sizeof(MapXY), count, &out[0].y_m,
                       sizeof(MapXY), count, nullptr, 0, 0, nullptr, 0, 0);
    for (MapXY& p : out) {
        if (p.x_m == HUGE_VAL || !std::isfinite(p.x_m) || !std::isfinite(p.y_m))
            p = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    }
}

ProjectedLayer Projection::project(const Layer& layer, std::size_t* unprojectable) const {
    ProjectedLayer out;
    out.name = layer.name;
    out.source = layer.source;
    out.crs = m_impl->name;
    out.sourceCrs = layer.sourceCrs;
    out.fields = layer.fields;
    out.features.reserve(layer.features.size());
    std::size_t failed = 0;
    for (const Feature& feature : layer.features) {
        ProjectedFeature projected;
        projected.fid = feature.fid;
        projected.position = feature.position;
        projected.name = feature.name;
        projected.values = feature.values;
        projected.geometry.kind = feature.geometry.kind;
        projected.geometry.runStarts = feature.geometry.runStarts;
        projected.geometry.partStarts = feature.geometry.partStarts;
        projected.geometry.points.resize(feature.geometry.points.size());
        forward(feature.geometry.points, projected.geometry.points);
        for (const MapXY& p : projected.geometry.points) {
            if (std::isfinite(p.x_m))
                projected.bounds.add(p);
            else
                ++failed;
        }
        out.features.push_back(std::move(projected));
    }
    if (unprojectable != nullptr) *unprojectable = failed;
    return out;
}

double Projection::scaleFactor(LonLat p) const {
    // Map distance over true distance across a short north-south step centred on p. Measured rather than
    // taken from proj_factors(), which gives wrong figures for CRSs defined by a PROJ string in PROJ 9.1.
    constexpr double kHalfStepDeg = 1e-5;  // about 1.1 m: far above rounding at map magnitudes of 1e6 m
    const LonLat south{p.lon_deg, p.lat_deg - kHalfStepDeg};
    const LonLat north{p.lon_deg, p.lat_deg + kHalfStepDeg};
    const MapXY a = forward(south);
    const MapXY b = forward(north);
    return std::hypot(b.x_m - a.x_m, b.y_m - a.y_m) / geodesicDistanceM(south, north);
}

}  // namespace bordermap::geo
