// Map geometry: vertices in map metres (relative to the static scene's origin), drawn for a view given as its
// centre and scale. Lines carry in their texture coordinates the miter vector by which each vertex is pushed out
// from the line's centre, in units of the line's half width, so that lines keep a constant width in pixels at
// every zoom. Fills pass a zero vector. GLSL 1.20: SFML 2.5's compatibility context.
#version 120

uniform vec2 u_centre;      // the view's centre, map metres relative to the origin
uniform float u_mpp;        // metres per pixel
uniform vec2 u_screen;      // the target's size in pixels
uniform float u_halfWidth;  // half the line width in pixels (0 for fills)

varying float v_across;     // -1 on one edge of a line, +1 on the other

void main() {
    vec2 px = (gl_Vertex.xy - u_centre) / u_mpp;
    px += gl_MultiTexCoord0.xy * (u_halfWidth + 0.5);  // half a pixel more for the anti-aliased edge
    gl_Position = vec4(px / (u_screen * 0.5), 0.0, 1.0);
    v_across = gl_Color.r * 2.0 - 1.0;
}
