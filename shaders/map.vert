// Map geometry: vertices in map metres (relative to the static scene's origin), drawn for a view given as its
// centre and scale. Each line vertex carries in its colour the miter vector by which it is pushed out from the
// line's centre (red, green: -3..3 half widths in 8 bits) and which edge it is on (blue: 0 or 1), and in its first
// texture coordinate its distance along the line in map metres, for dashes. Lines keep a constant width in
// pixels at every zoom. Fills carry a zero vector. GLSL 1.20: SFML 2.5's compatibility context.
#version 120

uniform vec2 u_centre;      // the view's centre, map metres relative to the origin
uniform float u_mpp;        // metres per pixel
uniform vec2 u_screen;      // the target's size in pixels
uniform float u_halfWidth;  // half the line width in pixels (0 for fills)

varying float v_across;     // -1 on one edge of a line, +1 on the other
varying float v_along_px;   // distance along the line in pixels

void main() {
    vec2 extrude = (gl_Color.rg * 255.0 - 128.0) / 127.0 * 3.0;
    vec2 px = (gl_Vertex.xy - u_centre) / u_mpp;
    px += extrude * (u_halfWidth + 0.5);  // half a pixel more for the anti-aliased edge
    gl_Position = vec4(px / (u_screen * 0.5), 0.0, 1.0);
    v_across = gl_Color.b * 2.0 - 1.0;
    v_along_px = gl_MultiTexCoord0.x / u_mpp;
}
