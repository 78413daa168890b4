// Marker styles by signed distance: 0 circle, 1 diamond, 2 square, 3 triangle pointing down (an airstrike), with
// a fill, an outline of a given width, and an anti-aliased edge one pixel wide. Offsets are in screen pixels, y down.
#version 120

uniform int u_shape;
uniform float u_radius;        // px: the circle's radius, the diamond's and triangle's reach
uniform float u_outlineWidth;  // px
uniform vec4 u_fill;
uniform vec4 u_outline;

varying vec2 v_offset;

float triangleDown(vec2 p, float r) {
    // An equilateral triangle with its apex at +y, after Inigo Quilez's distance function; the offsets are in
    // screen pixels, y down, so +y is down on the screen.
    const float k = 1.7320508;
    p.x = abs(p.x) - r;
    p.y = p.y + r / k;
    if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
    p.x -= clamp(p.x, -2.0 * r, 0.0);
    return -length(p) * sign(p.y);
}

void main() {
    vec2 p = v_offset;
    float d;
    if (u_shape == 1) d = (abs(p.x) + abs(p.y) - u_radius) * 0.7071068;
    else if (u_shape == 2) d = max(abs(p.x), abs(p.y)) - u_radius * 0.85;
    else if (u_shape == 3) d = triangleDown(p, u_radius * 1.1);
    else d = length(p) - u_radius;
    float shape = clamp(0.5 - d, 0.0, 1.0);
    float inner = clamp(0.5 - (d + u_outlineWidth), 0.0, 1.0);
    vec4 colour = mix(u_outline, u_fill, inner);
    if (shape * colour.a <= 0.0) discard;
    gl_FragColor = vec4(colour.rgb, colour.a * shape);
}
