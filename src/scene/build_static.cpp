#include "bordermap/scene/scene.hpp"

#include <cmath>

namespace bordermap::scene {

namespace {

// Every run of a projected geometry as a line, dropping vertices PROJ could not project.
void appendRuns(const geo::Geometry<MapXY>& geometry, std::vector<MapLine>& out, std::size_t& vertices) {
    for (std::size_t r = 0; r < geometry.runCount(); ++r) {
        MapLine line;
        for (const MapXY& p : geometry.run(r))
            if (std::isfinite(p.x_m) && std::isfinite(p.y_m)) line.push_back(p);
        if (line.size() < 2) continue;
        vertices += line.size();
        out.push_back(std::move(line));
    }
}

}  // namespace

StaticScene buildStaticScene(const ProjectedMap& map, const Style& style, const LayerSwitches& layers) {
    StaticScene scene;
    scene.background = style.background;
    std::size_t& n = scene.vertexCount;

    FillBatch neighbours{"neighbours", style.neighbourFill, {}};
    FillBatch afghanistan{"provinces", style.afghanistanFill, {}};
    FillBatch pakistan{"provinces", style.pakistanFill, {}};
    for (const geo::ProjectedFeature& f : map.countries.features) {
        const std::string_view name = map.countries.value(f, "name");
        if (name == "Afghanistan")
            appendRuns(f.geometry, afghanistan.rings, n);
        else if (name == "Pakistan")
            appendRuns(f.geometry, pakistan.rings, n);
        else if (layers.neighbours)
            appendRuns(f.geometry, neighbours.rings, n);
        scene.extent.add(f.bounds);
    }
    if (!neighbours.rings.empty()) scene.fills.push_back(std::move(neighbours));
    scene.fills.push_back(std::move(afghanistan));
    scene.fills.push_back(std::move(pakistan));

    const double k = style.scale;
    if (layers.graticule) {
        StrokeBatch graticule{"graticule", style.graticule, style.graticule_px * k, {}, map.graticule};
        for (const MapLine& line : graticule.lines) n += line.size();
        scene.strokes.push_back(std::move(graticule));
    }
    if (layers.provinces) {
        StrokeBatch provinces{"provinces", style.provinceLine, style.provinceLine_px * k, {}, {}};
        for (const geo::ProjectedFeature& f : map.provinces.features) appendRuns(f.geometry, provinces.lines, n);
        scene.strokes.push_back(std::move(provinces));
    }
    StrokeBatch countries{"countries", style.countryLine, style.countryLine_px * k, {}, {}};
    for (const geo::ProjectedFeature& f : map.countries.features)
        if (layers.neighbours || map.countries.value(f, "role") == "subject") appendRuns(f.geometry, countries.lines, n);
    scene.strokes.push_back(std::move(countries));

    if (layers.disputed && !map.disputedBorders.features.empty()) {
        StrokeBatch disputed{"disputed", style.disputedLine, style.disputedLine_px * k, {5.0 * k, 4.0 * k}, {}};
        for (const geo::ProjectedFeature& f : map.disputedBorders.features) appendRuns(f.geometry, disputed.lines, n);
        scene.strokes.push_back(std::move(disputed));
    }

    // The Durand Line on top, over a light halo so that it reads over every fill. Drawn as the international
    // boundary it is solid; drawn as a disputed line it is dashed in another colour.
    StrokeBatch halo{"durand-halo", style.durandHalo, (style.durandLine_px + 3.0) * k, {}, {}};
    StrokeBatch durand{"durand", style.durandLine, style.durandLine_px * k, {}, {}};
    if (style.durandView == DurandView::Disputed) durand.dash_px = {10.0 * k, 5.0 * k};
    for (const geo::ProjectedFeature& f : map.durandLine.features) {
        appendRuns(f.geometry, halo.lines, n);
        appendRuns(f.geometry, durand.lines, n);
    }
    scene.strokes.push_back(std::move(halo));
    scene.strokes.push_back(std::move(durand));
    return scene;
}

}  // namespace bordermap::scene
