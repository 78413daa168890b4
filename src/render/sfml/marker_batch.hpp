#pragma once
// Inside the SFML backend: event markers (and halos, overlay points, cluster discs: every shape marker.frag draws)
// gathered in drawing order and drawn together, either all in one instanced draw call or, where the OpenGL lacks
// instancing, one draw call each.

#include <bordermap/render/map_renderer.hpp>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Shader.hpp>
#include <SFML/System/Vector2.hpp>
#include <SFML/Window/GlResource.hpp>

#include <memory>
#include <string>
#include <vector>

namespace bordermap::render {

// One marker as marker_instanced.vert reads it, 28 bytes per instance. Pixels of the target's current view.
struct MarkerInstance {
    sf::Vector2f centre_px;
    float radius_px = 0;        // the circle's radius, the diamond's and triangle's reach
    float outlineWidth_px = 0;
    float shape = 0;            // marker.frag's code: 0 circle, 1 diamond, 2 square, 3 triangle pointing down
    sf::Color fill;
    sf::Color outline;
};

class MarkerBatch : sf::GlResource {
public:
    // Compiles marker.vert/.frag (throws OperationError when they do not compile) and, for Instanced, the instanced
    // shaders and buffers; where those cannot work it draws per marker and fallbackReason() says why.
    explicit MarkerBatch(MarkerDraw wanted);
    ~MarkerBatch();
    MarkerBatch(const MarkerBatch&) = delete;
    MarkerBatch& operator=(const MarkerBatch&) = delete;

    void add(scene::MarkerShape shape, sf::Vector2f at, float radius_px, sf::Color fill, sf::Color outline,
             float outlineWidth_px);
    // Draws what was added, in the order added, in the target's current (pixel) view with alpha blending, and
    // empties the batch. Leaves SFML's GL state as SFML expects it.
    void flush(sf::RenderTarget& target);

    MarkerDraw mode() const { return m_instanced ? MarkerDraw::Instanced : MarkerDraw::PerMarker; }
    const std::string& fallbackReason() const { return m_fallbackReason; }
    // Draw calls made since the last resetDrawCalls().
    int drawCalls() const { return m_drawCalls; }
    void resetDrawCalls() { m_drawCalls = 0; }

private:
    struct Instanced;  // the GL entry points, buffers and shader of the instanced path

    void drawOne(sf::RenderTarget& target, const MarkerInstance& marker);

    sf::Shader m_markerShader;
    std::unique_ptr<Instanced> m_instanced;  // null: per marker
    std::string m_fallbackReason;
    std::vector<MarkerInstance> m_pending;
    int m_drawCalls = 0;
};

}  // namespace bordermap::render
