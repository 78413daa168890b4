#include "bordermap/scene/map_data.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include "bordermap/scene/view.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <cmath>

namespace bordermap::scene {

namespace {

// Meridians and parallels over the region with some margin, densified to 0.25 degrees so that curved
// graticules (conic projections) stay smooth.
std::vector<MapLine> buildGraticule(const geo::Projection& projection, double step) {
    constexpr double kLonMin = 40.0, kLonMax = 100.0, kLatMin = 10.0, kLatMax = 50.0, kDensify = 0.25;
    std::vector<MapLine> lines;
    for (double lon = kLonMin; lon <= kLonMax + 1e-9; lon += step) {
        MapLine line;
        for (double lat = kLatMin; lat <= kLatMax + 1e-9; lat += kDensify) line.push_back(projection.forward({lon, lat}));
        lines.push_back(std::move(line));
    }
    for (double lat = kLatMin; lat <= kLatMax + 1e-9; lat += step) {
        MapLine line;
        for (double lon = kLonMin; lon <= kLonMax + 1e-9; lon += kDensify) line.push_back(projection.forward({lon, lat}));
        lines.push_back(std::move(line));
    }
    return lines;
}

double ringArea(std::span<const LonLat> ring) {
    double a = 0.0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        a += (ring[j].lon_deg + ring[i].lon_deg) * (ring[j].lat_deg - ring[i].lat_deg);
    return std::fabs(a) * 0.5;
}

}  // namespace

View viewAtZoom(const ProjectedMap& map, LonLat centre, double zoom, int widthPx, int heightPx) {
    View view;
    view.centre = map.projection.forward(centre);
    view.metresPerPixel = std::clamp(156543.03392 * std::cos(centre.lat_deg * M_PI / 180.0) / std::pow(2.0, zoom),
                                     kMinMetresPerPixel, kMaxMetresPerPixel);
    view.widthPx = widthPx;
    view.heightPx = heightPx;
    return view;
}

LonLat labelPoint(const geo::Geometry<LonLat>& polygons, const GeoBox& clip) {
    if (polygons.kind != geo::GeometryKind::Polygons || polygons.partCount() == 0) {
        GeoBox box;
        for (const LonLat& p : polygons.points) box.add(p);
        return box.empty() ? LonLat{} : LonLat{(box.min.lon_deg + box.max.lon_deg) / 2, (box.min.lat_deg + box.max.lat_deg) / 2};
    }
    // The largest part by its outer ring's area (inside the clip box, roughly: by its bounds' overlap).
    std::size_t best = 0;
    double bestArea = -1.0;
    for (std::size_t part = 0; part < polygons.partCount(); ++part) {
        double area = ringArea(polygons.run(polygons.partRuns(part).first));
        if (!clip.empty()) {
            GeoBox b;
            for (const LonLat& p : polygons.run(polygons.partRuns(part).first)) b.add(p);
            const double w = std::min(b.max.lon_deg, clip.max.lon_deg) - std::max(b.min.lon_deg, clip.min.lon_deg);
            const double h = std::min(b.max.lat_deg, clip.max.lat_deg) - std::max(b.min.lat_deg, clip.min.lat_deg);
            area = w > 0 && h > 0 ? w * h : -1.0;
        }
        if (area > bestArea) {
            bestArea = area;
            best = part;
        }
    }
    const auto [first, last] = polygons.partRuns(best);
    GeoBox box;
    for (const LonLat& p : polygons.run(first)) box.add(p);
    if (!clip.empty()) {
        box.min = {std::max(box.min.lon_deg, clip.min.lon_deg), std::max(box.min.lat_deg, clip.min.lat_deg)};
        box.max = {std::min(box.max.lon_deg, clip.max.lon_deg), std::min(box.max.lat_deg, clip.max.lat_deg)};
    }
    // Try a few heights around the middle; keep the widest run inside the polygon (holes included).
    double bestWidth = -1.0;
    LonLat bestPoint{(box.min.lon_deg + box.max.lon_deg) / 2, (box.min.lat_deg + box.max.lat_deg) / 2};
    for (double t : {0.5, 0.4, 0.6, 0.3, 0.7}) {
        const double y = box.min.lat_deg + t * (box.max.lat_deg - box.min.lat_deg);
        std::vector<double> xs;
        for (std::size_t r = first; r < last; ++r) {
            const auto ring = polygons.run(r);
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const LonLat a = ring[i], b = ring[j];
                if ((a.lat_deg > y) != (b.lat_deg > y))
                    xs.push_back(a.lon_deg + (y - a.lat_deg) / (b.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg));
            }
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
            const double left = std::max(xs[i], box.min.lon_deg), right = std::min(xs[i + 1], box.max.lon_deg);
            if (right <= left) continue;
            // The middle of a run weighs width against closeness to the middle height.
            const double width = (right - left) * (1.0 - 0.6 * std::fabs(t - 0.5));
            if (width > bestWidth) {
                bestWidth = width;
                bestPoint = {(left + right) / 2, y};
            }
        }
    }
    return bestPoint;
}

std::string localLabelName(const geo::LocalNames& names, geo::PlaceKind kind, std::string_view place,
                           std::string_view country) {
    const char* first = country == "Afghanistan" ? "fa" : country == "Pakistan" ? "ur" : nullptr;
    if (first == nullptr) return {};
    if (const geo::LocalName* n = names.find(kind, place, country, first)) return n->name;
    if (const geo::LocalName* n = names.find(kind, place, country, "ps")) return n->name;
    return {};
}

std::string crossingLocalLabelName(const geo::LocalNames& names, std::string_view crossingId) {
    const std::string afghan = localLabelName(names, geo::PlaceKind::Crossing, crossingId, "Afghanistan");
    const std::string pakistani = localLabelName(names, geo::PlaceKind::Crossing, crossingId, "Pakistan");
    if (afghan.empty() || afghan == pakistani) return pakistani;
    if (pakistani.empty()) return afghan;
    return pakistani + " / " + afghan;
}

ProjectedMap projectMap(const geo::BoundaryData& boundaries, const std::string& crs, const std::vector<geo::Layer>& overlays) {
    geo::Projection projection(crs);
    ProjectedMap map{std::move(projection), {}, {}, {}, {}, {}, {}, 2.0, {}, {}, {}, {}, {}, {}, {}, boundaries.localNames};
    // The provinces, most of a large file's vertices, are projected on a second core, with a projection of their
    // own (a PROJ object is not to be shared between threads), while this one projects the rest and finds the
    // label points.
    std::size_t lostProvince = 0;
    std::size_t lostLine = 0;
    std::exception_ptr provinceError;
    std::jthread provinceWorker([&] {  // joined on the way out, should anything below throw
        try {
            const geo::Projection own(crs);
            map.provinces = own.project(boundaries.provinces, &lostProvince);
        } catch (...) {
            provinceError = std::current_exception();
        }
    });
    map.countries = map.projection.project(boundaries.countries);
    map.disputedBorders = map.projection.project(boundaries.disputedBorders);
    map.durandLine = map.projection.project(boundaries.durandLine, &lostLine);
    map.rivers = map.projection.project(boundaries.rivers);
    std::vector<LonLat> provincePoints;
    provincePoints.reserve(boundaries.provinces.features.size());
    for (const geo::Feature& f : boundaries.provinces.features) provincePoints.push_back(labelPoint(f.geometry));
    provinceWorker.join();
    if (provinceError) std::rethrow_exception(provinceError);
    // A CRS that cannot show the region (an orthographic view of the other hemisphere, a UTM zone far away)
    // would draw an empty or torn map and say nothing.
    if (lostProvince + lostLine > 0)
        throw InputError({{}, {}, {}, "crs"},
                         std::string(lostProvince + lostLine == boundaries.provinces.vertexCount() + boundaries.durandLine.vertexCount()
                                         ? "Afghanistan and Pakistan lie"
                                         : "part of Afghanistan and Pakistan lies") +
                             " outside what " + map.projection.name() +
                             " can show (beyond its horizon or its area of use); choose a CRS centred near 69E 30N, "
                             "such as the default 'regional'");
    map.graticule = buildGraticule(map.projection, map.graticuleStep_deg);

    const auto addLabel = [&](std::vector<LabelPoint>& out, const std::string& text, LonLat at, int rank,
                              std::string local = {}) {
        // Names from a --data file reach Cairo, which stops drawing at the first byte that is not UTF-8.
        out.push_back({printable(text), at, map.projection.forward(at), rank, std::move(local)});
    };
    // Neighbours are labelled where they meet the region (about 55-80 E, 22-42 N), not at their own centres.
    GeoBox region;
    region.add(LonLat{55.0, 22.0});
    region.add(LonLat{80.0, 42.0});
    for (const geo::Feature& f : boundaries.countries.features) {
        const bool subject = boundaries.countries.value(f, "role") == "subject";
        addLabel(map.countryLabels, std::string(boundaries.countries.value(f, "name")),
                 labelPoint(f.geometry, subject ? GeoBox{} : region), subject ? 1 : 2);
    }
    for (std::size_t i = 0; i < boundaries.provinces.features.size(); ++i) {
        const geo::Feature& f = boundaries.provinces.features[i];
        const std::string name(boundaries.provinces.value(f, "name"));
        addLabel(map.provinceLabels, name, provincePoints[i], 3,
                 localLabelName(boundaries.localNames, geo::PlaceKind::Province, name,
                                boundaries.provinces.value(f, "country")));
    }
    for (const geo::Feature& f : boundaries.cities.features) {
        const auto rank = boundaries.cities.value(f, "rank");
        addLabel(map.cityLabels, f.name, f.geometry.points.front(), rank.empty() ? 3 : std::clamp(rank[0] - '0', 1, 3),
                 localLabelName(boundaries.localNames, geo::PlaceKind::City, f.name, boundaries.cities.value(f, "country")));
    }
    for (const geo::ProjectedFeature& f : map.provinces.features) map.regionBox.add(f.bounds);
    for (const geo::Layer& layer : overlays) map.overlays.push_back(map.projection.project(layer));
    return map;
}

void projectEvents(ProjectedMap& map, const timeline::Catalogue& catalogue) {
    std::vector<LonLat> places;
    places.reserve(catalogue.events.size());
    map.eventPlaceStarts.clear();
    map.eventPlaceStarts.reserve(catalogue.events.size() + 1);
    for (const timeline::Event& e : catalogue.events) {
        map.eventPlaceStarts.push_back(static_cast<std::uint32_t>(places.size()));
        places.insert(places.end(), e.places.begin(), e.places.end());
    }
    map.eventPlaceStarts.push_back(static_cast<std::uint32_t>(places.size()));
    map.eventPlaces.assign(places.size(), MapXY{});
    map.projection.forward(places, map.eventPlaces);
}

}  // namespace bordermap::scene
