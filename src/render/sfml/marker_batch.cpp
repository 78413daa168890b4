#include "marker_batch.hpp"

#include "shader_loading.hpp"

#include <bordermap/core/error.hpp>

#include <SFML/Graphics/Vertex.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/Window/Context.hpp>

#include <GL/glext.h>

#include <cstddef>
#include <cstdio>

namespace bordermap::render {

namespace {

float shapeCode(scene::MarkerShape shape) {
    switch (shape) {
    case scene::MarkerShape::Diamond: return 1;
    case scene::MarkerShape::Square: return 2;
    case scene::MarkerShape::Triangle: return 3;
    case scene::MarkerShape::TriangleUp: return 4;
    case scene::MarkerShape::Hexagon: return 5;
    case scene::MarkerShape::Star: return 6;
    case scene::MarkerShape::Plus: return 7;
    case scene::MarkerShape::Circle: break;
    }
    return 0;
}

// The reach of a marker's quad from its centre: the triangle reaches furthest. marker_instanced.vert says the same.
float reach(const MarkerInstance& m) { return m.radius_px * 1.6f + m.outlineWidth_px + 1.5f; }

// One entry point by name, through SFML; null when the driver has none.
template <typename Function>
Function glFunction(const char* name, std::string& missing) {
    const sf::GlFunctionPointer f = sf::Context::getFunction(name);
    if (f == nullptr && missing.empty()) missing = name;
    return reinterpret_cast<Function>(f);
}

// The context's OpenGL version as major * 10 + minor (33 for 3.3), from GL_VERSION ("4.5 (Compatibility Profile)
// Mesa 22.3.6"); 0 when it cannot be read.
int glVersion(std::string& text) {
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    if (version == nullptr) return 0;
    text = version;
    int major = 0, minor = 0;
    if (std::sscanf(version, "%d.%d", &major, &minor) != 2) return 0;
    return major * 10 + minor;
}

// A compile log on one line, for the one line on stderr that says why markers are drawn one by one.
std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

}  // namespace

// glVertexAttribDivisor and glDrawArraysInstanced are OpenGL 3.3 and 3.1; SFML 2.5 loads neither, so they and the
// buffer functions come through sf::Context::getFunction. The quad's corners go through gl_Vertex (the fixed
// vertex array, generic attribute 0 in a compatibility context, which must be enabled for anything to be drawn).
struct MarkerBatch::Instanced {
    PFNGLGENBUFFERSPROC genBuffers = nullptr;
    PFNGLDELETEBUFFERSPROC deleteBuffers = nullptr;
    PFNGLBINDBUFFERPROC bindBuffer = nullptr;
    PFNGLBUFFERDATAPROC bufferData = nullptr;
    PFNGLGETATTRIBLOCATIONPROC getAttribLocation = nullptr;
    PFNGLVERTEXATTRIBPOINTERPROC vertexAttribPointer = nullptr;
    PFNGLENABLEVERTEXATTRIBARRAYPROC enableVertexAttribArray = nullptr;
    PFNGLDISABLEVERTEXATTRIBARRAYPROC disableVertexAttribArray = nullptr;
    PFNGLVERTEXATTRIBDIVISORPROC vertexAttribDivisor = nullptr;
    PFNGLDRAWARRAYSINSTANCEDPROC drawArraysInstanced = nullptr;

    sf::Shader shader;
    GLuint corners = 0;    // the unit quad, a triangle strip of 4 corners (-1..1), static
    GLuint instances = 0;  // MarkerInstance, rewritten at each flush
    struct Attribute {
        const char* name;
        GLint size;
        GLenum type;
        GLboolean normalised;
        std::size_t offset;
        GLint location = -1;
    };
    Attribute attributes[4] = {
        {"a_centre", 2, GL_FLOAT, GL_FALSE, offsetof(MarkerInstance, centre_px)},
        {"a_size", 3, GL_FLOAT, GL_FALSE, offsetof(MarkerInstance, radius_px)},  // radius, outline width, shape
        {"a_fill", 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(MarkerInstance, fill)},
        {"a_outline", 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(MarkerInstance, outline)},
    };

    // Throws OperationError saying what is missing.
    Instanced() {
        std::string versionText;
        if (const int version = glVersion(versionText); version < 33)
            throw OperationError({}, "OpenGL " + (versionText.empty() ? std::string("of unknown version") : versionText) +
                                         " has no instanced arrays (glVertexAttribDivisor needs 3.3)");
        std::string missing;
        genBuffers = glFunction<PFNGLGENBUFFERSPROC>("glGenBuffers", missing);
        deleteBuffers = glFunction<PFNGLDELETEBUFFERSPROC>("glDeleteBuffers", missing);
        bindBuffer = glFunction<PFNGLBINDBUFFERPROC>("glBindBuffer", missing);
        bufferData = glFunction<PFNGLBUFFERDATAPROC>("glBufferData", missing);
        getAttribLocation = glFunction<PFNGLGETATTRIBLOCATIONPROC>("glGetAttribLocation", missing);
        vertexAttribPointer = glFunction<PFNGLVERTEXATTRIBPOINTERPROC>("glVertexAttribPointer", missing);
        enableVertexAttribArray = glFunction<PFNGLENABLEVERTEXATTRIBARRAYPROC>("glEnableVertexAttribArray", missing);
        disableVertexAttribArray = glFunction<PFNGLDISABLEVERTEXATTRIBARRAYPROC>("glDisableVertexAttribArray", missing);
        vertexAttribDivisor = glFunction<PFNGLVERTEXATTRIBDIVISORPROC>("glVertexAttribDivisor", missing);
        drawArraysInstanced = glFunction<PFNGLDRAWARRAYSINSTANCEDPROC>("glDrawArraysInstanced", missing);
        if (!missing.empty()) throw OperationError({}, "this OpenGL has no " + missing);

        detail::loadShader(shader, detail::shaderText(embedded::marker_instanced_vert()),
                           detail::shaderText(embedded::marker_instanced_frag()), "instanced marker");
        const auto program = static_cast<GLuint>(shader.getNativeHandle());
        for (Attribute& a : attributes) {
            a.location = getAttribLocation(program, a.name);
            if (a.location < 0)
                throw OperationError({}, std::string("the instanced marker shader has no attribute ") + a.name);
        }

        const GLfloat strip[4][2] = {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}};  // drawOne's quad, split on the same diagonal
        genBuffers(1, &corners);
        genBuffers(1, &instances);
        bindBuffer(GL_ARRAY_BUFFER, corners);
        bufferData(GL_ARRAY_BUFFER, sizeof strip, strip, GL_STATIC_DRAW);
        bindBuffer(GL_ARRAY_BUFFER, 0);
    }

    ~Instanced() {
        if (deleteBuffers != nullptr) {
            deleteBuffers(1, &corners);
            deleteBuffers(1, &instances);
        }
    }
    Instanced(const Instanced&) = delete;
    Instanced& operator=(const Instanced&) = delete;

    // One draw call for every marker, with SFML's GL state reset before (a known state: alpha blending, no
    // texture, no program, no buffer) and after (so that SFML sets its own pointers, view and program again).
    void draw(sf::RenderTarget& target, const std::vector<MarkerInstance>& markers) {
        target.resetGLStates();
        // The viewport as SFML applies a view, which it will do again at its next draw.
        const sf::IntRect viewport = target.getViewport(target.getView());
        glViewport(viewport.left, static_cast<GLint>(target.getSize().y) - (viewport.top + viewport.height), viewport.width,
                   viewport.height);
        shader.setUniform("u_view", sf::Glsl::Mat4(target.getView().getTransform().getMatrix()));
        sf::Shader::bind(&shader);

        bindBuffer(GL_ARRAY_BUFFER, instances);
        bufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(markers.size() * sizeof(MarkerInstance)), markers.data(),
                   GL_STREAM_DRAW);
        for (const Attribute& a : attributes) {
            const auto location = static_cast<GLuint>(a.location);
            vertexAttribPointer(location, a.size, a.type, a.normalised, sizeof(MarkerInstance),
                                reinterpret_cast<const void*>(a.offset));
            vertexAttribDivisor(location, 1);
            enableVertexAttribArray(location);
        }
        bindBuffer(GL_ARRAY_BUFFER, corners);
        glDisableClientState(GL_COLOR_ARRAY);
        glDisableClientState(GL_TEXTURE_COORD_ARRAY);
        glEnableClientState(GL_VERTEX_ARRAY);
        glVertexPointer(2, GL_FLOAT, 0, nullptr);

        drawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(markers.size()));

        for (const Attribute& a : attributes) {
            const auto location = static_cast<GLuint>(a.location);
            disableVertexAttribArray(location);
            vertexAttribDivisor(location, 0);
        }
        bindBuffer(GL_ARRAY_BUFFER, 0);
        sf::Shader::bind(nullptr);
        target.resetGLStates();
    }
};

MarkerBatch::MarkerBatch(MarkerDraw wanted) {
    detail::loadShader(m_markerShader, detail::shaderText(embedded::marker_vert()),
                       detail::shaderText(embedded::marker_frag()), "marker");
    if (wanted == MarkerDraw::PerMarker) return;
    const TransientContextLock lock;
    try {
        m_instanced = std::make_unique<Instanced>();
    } catch (const OperationError& e) {
        m_fallbackReason = oneLine(e.what());
    }
}

MarkerBatch::~MarkerBatch() {
    const TransientContextLock lock;  // the buffers go with a context
    m_instanced.reset();
}

void MarkerBatch::add(scene::MarkerShape shape, sf::Vector2f at, float radius_px, sf::Color fill, sf::Color outline,
                      float outlineWidth_px) {
    m_pending.push_back({at, radius_px, outlineWidth_px, shapeCode(shape), fill, outline});
}

void MarkerBatch::flush(sf::RenderTarget& target) {
    if (m_pending.empty()) return;
    if (m_instanced) {
        m_instanced->draw(target, m_pending);
        ++m_drawCalls;
    } else {
        for (const MarkerInstance& m : m_pending) drawOne(target, m);
    }
    m_pending.clear();
}

void MarkerBatch::drawOne(sf::RenderTarget& target, const MarkerInstance& marker) {
    const float r = reach(marker);
    sf::Vertex quad[4];
    const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (int i = 0; i < 4; ++i) {
        const sf::Vector2f offset(corners[i][0] * r, corners[i][1] * r);
        quad[i] = sf::Vertex(marker.centre_px + offset, sf::Color::White, offset);
    }
    m_markerShader.setUniform("u_shape", static_cast<int>(marker.shape));
    m_markerShader.setUniform("u_radius", marker.radius_px);
    m_markerShader.setUniform("u_outlineWidth", marker.outlineWidth_px);
    m_markerShader.setUniform("u_fill", sf::Glsl::Vec4(marker.fill));
    m_markerShader.setUniform("u_outline", sf::Glsl::Vec4(marker.outline));
    sf::RenderStates states;
    states.shader = &m_markerShader;
    target.draw(quad, 4, sf::Quads, states);
    ++m_drawCalls;
}

}  // namespace bordermap::render
