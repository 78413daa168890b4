#include "bordermap/scene/scene.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace bordermap::scene {

namespace {

// The square of the distance from p to the segment a-b, in square metres: compared with the tolerance's square, it
// keeps the same vertices as the distance itself without a square root for each (millions on a world map).
double squaredDistanceToSegment(MapXY p, MapXY a, MapXY b) {
    const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = p.x_m - (a.x_m + t * dx), ey = p.y_m - (a.y_m + t * dy);
    return ex * ex + ey * ey;
}

// Every run of a projected geometry as a line, dropping vertices PROJ could not project, simplified when asked.
void appendRuns(const geo::Geometry<MapXY>& geometry, std::vector<MapLine>& out, std::size_t& vertices, double simplify_m) {
    for (std::size_t r = 0; r < geometry.runCount(); ++r) {
        MapLine line;
        line.reserve(geometry.run(r).size());
        for (const MapXY& p : geometry.run(r))
            if (std::isfinite(p.x_m) && std::isfinite(p.y_m)) line.push_back(p);
        if (line.size() < 2) continue;
        if (simplify_m > 0) line = simplifyLine(line, simplify_m);
        vertices += line.size();
        out.push_back(std::move(line));
    }
}

// A river's GSHHG level from its `level` field; a missing or unreadable one counts as an ordinary river (3).
int riverLevel(std::string_view text) {
    int level = 3;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
    return ec == std::errc() && end == text.data() + text.size() ? level : 3;
}

}  // namespace

MapLine simplifyLine(const MapLine& line, double tolerance_m) {
    if (line.size() < 3 || tolerance_m <= 0) return line;
    const bool closed = line.front() == line.back();
    std::vector<char> keep(line.size(), 0);
    keep.front() = keep.back() = 1;
    // Iterative Douglas-Peucker over index ranges; a closed ring is split at its farthest vertex from the start
    // so that neither half is degenerate.
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    if (closed) {
        std::size_t far = 1;
        double best = -1;
        for (std::size_t i = 1; i + 1 < line.size(); ++i) {
            const double dx = line[i].x_m - line[0].x_m, dy = line[i].y_m - line[0].y_m;
            const double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                far = i;
            }
        }
        keep[far] = 1;
        stack = {{0, far}, {far, line.size() - 1}};
    } else {
        stack = {{0, line.size() - 1}};
    }
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        double worst = -1;
        std::size_t at = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double d = squaredDistanceToSegment(line[i], line[a], line[b]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance_m * tolerance_m) {
            keep[at] = 1;
            stack.push_back({a, at});
            stack.push_back({at, b});
        }
    }
    MapLine out;
    for (std::size_t i = 0; i < line.size(); ++i)
        if (keep[i]) out.push_back(line[i]);
    if (closed && out.size() < 4) return line;
    return out;
}

StaticScene buildStaticScene(const ProjectedMap& map, const Style& style, const LayerSwitches& layers, double simplify_m) {
    StaticScene scene;
    scene.background = style.background;
    std::size_t& n = scene.vertexCount;

    FillBatch neighbours{"neighbours", style.neighbourFill, {}};
    FillBatch afghanistan{"provinces", style.afghanistanFill, {}};
    FillBatch pakistan{"provinces", style.pakistanFill, {}};
    for (const geo::ProjectedFeature& f : map.countries.features) {
        const std::string_view name = map.countries.value(f, "name");
        if (name == "Afghanistan")
            appendRuns(f.geometry, afghanistan.rings, n, simplify_m);
        else if (name == "Pakistan")
            appendRuns(f.geometry, pakistan.rings, n, simplify_m);
        else if (layers.neighbours)
            appendRuns(f.geometry, neighbours.rings, n, simplify_m);
        scene.extent.add(f.bounds);
    }
    if (!neighbours.rings.empty()) scene.fills.push_back(std::move(neighbours));
    scene.fills.push_back(std::move(afghanistan));
    scene.fills.push_back(std::move(pakistan));

    const double k = style.scale;
    if (layers.graticule) {
        StrokeBatch graticule{"graticule", style.graticule, style.graticule_px * k, {}, {}};
        for (const MapLine& line : map.graticule) {
            graticule.lines.push_back(simplify_m > 0 ? simplifyLine(line, simplify_m) : line);
            n += graticule.lines.back().size();
        }
        scene.strokes.push_back(std::move(graticule));
    }
    // Rivers above the fills and under every border, one batch a width: the minor ones first, so that a major river
    // is drawn over the tributaries that join it.
    if (layers.rivers) {
        std::vector<StrokeBatch> rivers;
        for (const geo::ProjectedFeature& f : map.rivers.features) {
            const double width_px = style.riverWidth_px(riverLevel(map.rivers.value(f, "level"))) * k;
            auto batch = std::find_if(rivers.begin(), rivers.end(), [&](const StrokeBatch& b) { return b.width_px == width_px; });
            if (batch == rivers.end()) batch = rivers.insert(rivers.end(), StrokeBatch{"rivers", style.river, width_px, {}, {}});
            appendRuns(f.geometry, batch->lines, n, simplify_m);
        }
        std::sort(rivers.begin(), rivers.end(), [](const StrokeBatch& a, const StrokeBatch& b) { return a.width_px < b.width_px; });
        for (StrokeBatch& batch : rivers)
            if (!batch.lines.empty()) scene.strokes.push_back(std::move(batch));
    }
    if (layers.provinces) {
        StrokeBatch provinces{"provinces", style.provinceLine, style.provinceLine_px * k, {}, {}};
        for (const geo::ProjectedFeature& f : map.provinces.features) appendRuns(f.geometry, provinces.lines, n, simplify_m);
        scene.strokes.push_back(std::move(provinces));
    }
    StrokeBatch countries{"countries", style.countryLine, style.countryLine_px * k, {}, {}};
    for (const geo::ProjectedFeature& f : map.countries.features)
        if (layers.neighbours || map.countries.value(f, "role") == "subject") appendRuns(f.geometry, countries.lines, n, simplify_m);
    scene.strokes.push_back(std::move(countries));

    if (layers.disputed && !map.disputedBorders.features.empty()) {
        StrokeBatch disputed{"disputed", style.disputedLine, style.disputedLine_px * k, {5.0 * k, 4.0 * k}, {}};
        for (const geo::ProjectedFeature& f : map.disputedBorders.features) appendRuns(f.geometry, disputed.lines, n, simplify_m);
        scene.strokes.push_back(std::move(disputed));
    }

    // The user's own layers: outlines and lines in each layer's colour and width, under the Durand Line; a hidden
    // layer not at all.
    for (std::size_t i = 0; i < map.overlays.size(); ++i) {
        const geo::ProjectedLayer& layer = map.overlays[i];
        const UserLayerStyle own = style.userLayer(i);
        if (!own.visible) continue;
        StrokeBatch overlay{"overlay:" + layer.name, style.userLayerColour(i), own.width_px * k, {}, {}};
        for (const geo::ProjectedFeature& f : layer.features)
            if (f.geometry.kind != geo::GeometryKind::Points) appendRuns(f.geometry, overlay.lines, n, simplify_m);
        if (!overlay.lines.empty()) scene.strokes.push_back(std::move(overlay));
    }

    // The Durand Line on top, over a light halo so that it reads over every fill. Drawn as the international
    // boundary it is solid; drawn as a disputed line it is dashed in another colour.
    StrokeBatch halo{"durand-halo", style.durandHalo, (style.durandLine_px + 5.0) * k, {}, {}};  // a casing band
    StrokeBatch durand{"durand", style.durandLine, style.durandLine_px * k, {}, {}};
    if (style.durandView == DurandView::Disputed) durand.dash_px = {12.0 * k, 4.0 * k, 2.0 * k, 4.0 * k};  // dash-dot
    for (const geo::ProjectedFeature& f : map.durandLine.features) {
        appendRuns(f.geometry, halo.lines, n, simplify_m);
        appendRuns(f.geometry, durand.lines, n, simplify_m);
    }
    scene.strokes.push_back(std::move(halo));
    scene.strokes.push_back(std::move(durand));
    return scene;
}

std::vector<StaticScene> splitStaticScene(StaticScene scene, std::size_t parts) {
    const auto vertices = [](const std::vector<MapLine>& lines) {
        std::size_t n = 0;
        for (const MapLine& l : lines) n += l.size();
        return n;
    };
    std::size_t total = 0;
    for (const FillBatch& f : scene.fills) total += vertices(f.rings);
    for (const StrokeBatch& st : scene.strokes) total += vertices(st.lines);
    parts = std::max<std::size_t>(parts, 1);
    const std::size_t share = (total + parts - 1) / parts;

    std::vector<StaticScene> out;
    out.reserve(parts);  // the parts stay where they are while batches point into them
    out.emplace_back().background = scene.background;
    // A new part once the current one has its share, unless it is the last.
    const auto room = [&] {
        StaticScene& part = out.back();
        if (part.vertexCount >= share && out.size() < parts) {
            out.emplace_back();
            out.back().background = Colour{0, 0, 0, 0};
        }
        return &out.back();
    };
    for (FillBatch& f : scene.fills) {
        StaticScene* part = room();
        part->vertexCount += vertices(f.rings);
        part->fills.push_back(std::move(f));
    }
    for (StrokeBatch& st : scene.strokes) {
        if (st.colour.a < 255) {
            StaticScene* part = room();
            part->vertexCount += vertices(st.lines);
            part->strokes.push_back(std::move(st));
            continue;
        }
        StrokeBatch* batch = nullptr;
        StaticScene* batchPart = nullptr;
        for (MapLine& line : st.lines) {
            StaticScene* part = room();
            if (part != batchPart) {
                part->strokes.push_back(StrokeBatch{st.layer, st.colour, st.width_px, st.dash_px, {}});
                batch = &part->strokes.back();
                batchPart = part;
            }
            part->vertexCount += line.size();
            batch->lines.push_back(std::move(line));
        }
    }
    for (StaticScene& part : out) part.extent = scene.extent;
    return out;  // a part is made only for a batch or a line that goes into it: none is empty
}

}  // namespace bordermap::scene
