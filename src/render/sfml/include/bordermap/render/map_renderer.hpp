#pragma once
// Draws a scene into an SFML render target on the GPU. The static scene is uploaded once (setStaticScene) and drawn
// every frame with a constant number of draw calls, whatever its vertex count: lines of constant screen width and
// fills (even-odd, through the stencil buffer) are placed by the shaders in shaders/ from the view's centre and
// scale, dashes included. Event markers are drawn by their own shader (shapes by signed distance), all of a layer
// in one instanced draw call where the OpenGL has instanced arrays (3.3), else one draw call each; crossing icons,
// labels and decorations with SFML shapes and text, in pixels.
// Needs an active OpenGL context with a stencil buffer (sf::ContextSettings::stencilBits >= 1).

#include <bordermap/scene/scene.hpp>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Shader.hpp>
#include <SFML/Graphics/VertexBuffer.hpp>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bordermap::render {

class MarkerBatch;
class TextAtlas;

// How event markers, halos, overlay points and cluster discs reach the GPU: all of a layer in one instanced draw
// call, or one draw call per marker (the only way where the OpenGL has no instanced arrays). Both draw the same
// pixels (the GUI test gui.marker_draw_paths_agree compares them).
enum class MarkerDraw { Instanced, PerMarker };

class MapRenderer {
public:
    // Throws OperationError when the shaders do not compile (their log in the message). Asked for Instanced where
    // instancing cannot work (an old OpenGL, a missing entry point, the instanced shader not compiling), it draws
    // per marker: markerDraw() says which, markerFallbackReason() why.
    explicit MapRenderer(MarkerDraw markerDraw = MarkerDraw::Instanced);
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Uploads the static scene for zoom bands: each (from metres-per-pixel, scene) pair is drawn while the view's
    // scale is at least `from` and below the next band's. The only step whose cost grows with the number of
    // boundary vertices; drawing a frame costs what the band's simplified geometry costs.
    void setStaticScenes(const std::vector<std::pair<double, scene::StaticScene>>& bands);
    void setStaticScene(const scene::StaticScene& scene) { setStaticScenes({{0.0, scene}}); }

    void drawMap(sf::RenderTarget& target, const scene::View& view);
    // The zoom band drawMap draws at `metresPerPixel`: an index into the bands given to setStaticScenes.
    int bandFor(double metresPerPixel) const;
    // How the window's legend is shown: folded to its title row or open; where the reader dropped it (its top left
    // in the map's pixels, kept within the view) or, without, where it covers least of the map (scene::legendPlace).
    struct LegendView {
        bool visible = true;
        bool collapsed = false;
        std::optional<scene::ScreenPx> at;
        bool opened = false;  // unfolded by the reader: open even where it covers crossings, labels or markers
    };
    // Where the last drawOverlay drew the legend, in the map's pixels: its box and its title row, by which the
    // reader folds and moves it.
    struct LegendDrawn {
        bool shown = false;
        scene::ScreenBox box, header;
        bool folded = false;
    };
    // `mainMap`: the date block and the north arrow too; off for an inset, whose main map has them (its scale bar
    // stays: an inset has its own scale).
    void drawOverlay(sf::RenderTarget& target, const scene::View& view, const scene::DynamicScene& dynamic,
                     const scene::Style& style, const LegendView& legend, bool mainMap = true);
    const LegendDrawn& legendDrawn() const { return m_legendDrawn; }

    // Text widths from the text engine (Pango), for the scene's label placer: the exports measure with the same.
    double measure(const std::string& text, double size_px) const;
    scene::TextMeasure measurer() const;

    std::size_t uploadedVertices() const { return m_uploadedVertices; }

    MarkerDraw markerDraw() const;
    // One line on why markers are drawn one by one although Instanced was asked for; empty otherwise.
    const std::string& markerFallbackReason() const;
    // The draw calls the last drawOverlay made for markers, halos, overlay points and cluster discs, legend included.
    int markerDrawCalls() const;

private:
    struct Batch {
        sf::VertexBuffer buffer{sf::Triangles, sf::VertexBuffer::Static};
        sf::Color colour;
        MapBox extent;  // fills: what the stencil cover must reach
        float halfWidth_px = 0;
        std::vector<double> dash_px;  // on, off in pixels; empty for a solid line
    };

    void drawBatch(sf::RenderTarget& target, Batch& batch, const scene::View& view, bool fill);
    // Adds a cluster's disc to the marker batch; its count, drawn after the batch, is drawClusterCount's.
    void addClusterDisc(const scene::Cluster& cluster, sf::Vector2f at, float k);
    void drawClusterCount(sf::RenderTarget& target, const scene::Cluster& cluster, sf::Vector2f at, float k);
    void drawLegend(sf::RenderTarget& target, const scene::View& view, const scene::DynamicScene& dynamic, const scene::Style& style,
                    const LegendView& legend);
    LegendDrawn m_legendDrawn;

    std::unique_ptr<TextAtlas> m_text;  // every text drawn, through the text engine
    sf::Shader m_lineShader;
    sf::Shader m_stencilShader;
    std::unique_ptr<MarkerBatch> m_markers;  // in the target's current (pixel) view
    struct Band {
        double fromMpp = 0;
        std::vector<Batch> fills;
        std::vector<Batch> strokes;
    };

    MapXY m_origin;
    sf::Color m_background;
    std::vector<Band> m_bands;
    std::size_t m_uploadedVertices = 0;
    mutable std::unordered_map<std::string, double> m_widthCache;
};

// Converts the scene's colour to SFML's, with an opacity factor.
sf::Color toSf(scene::Colour c, double opacity = 1.0);

// The first DejaVu Sans found in the usual places (fonts-dejavu-core), or empty.
std::string findDejaVuSans(bool bold = false);

}  // namespace bordermap::render
