// Event markers drawn together: one instance per marker, the unit quad's corner (-1..1) in gl_Vertex, the
// marker's own values in per-instance attributes (glVertexAttribDivisor 1). Places the corner as drawMarker's quad
// does, at the marker's reach, in the target's pixel view; passes the rest on to marker_instanced.frag.
#version 120

uniform mat4 u_view;        // the target's sf::View: pixels of the map area to clip space

attribute vec2 a_centre;    // px
attribute vec3 a_size;      // radius px, outline width px, shape code (markerDistance in the fragment shader)
attribute vec4 a_fill;
attribute vec4 a_outline;

varying vec2 v_offset;      // px from the marker's centre, y down
varying vec3 v_size;
varying vec4 v_fill;
varying vec4 v_outline;

void main() {
    float reach = a_size.x * 1.6 + a_size.y + 1.5;  // the triangle reaches furthest (as MarkerBatch's drawOne)
    vec2 offset = gl_Vertex.xy * reach;
    gl_Position = u_view * vec4(a_centre + offset, 0.0, 1.0);
    v_offset = offset;
    v_size = a_size;
    v_fill = a_fill;
    v_outline = a_outline;
}
