// Marker styles by signed distance (markerDistance: eight shapes, one for each kind of event), with a fill, an outline
// of a given width, and an anti-aliased edge one pixel wide. Offsets are in screen pixels, y down. Keep
// markerDistance the same here and in marker_instanced.frag.
#version 120

uniform int u_shape;
uniform float u_radius;        // px: the circle's radius; the other shapes scale with it
uniform float u_outlineWidth;  // px
uniform vec4 u_fill;
uniform vec4 u_outline;

varying vec2 v_offset;

// The shapes by signed distance (negative inside), after Inigo Quilez's distance functions; `r` is the marker's
// radius, offsets in screen pixels, y down. Codes: 0 circle, 1 diamond, 2 square, 3 triangle pointing down,
// 4 triangle pointing up, 5 hexagon, 6 five-pointed star, 7 plus. Every shape covers about the circle's area.
float triangleDown(vec2 p, float r) {
    // An equilateral triangle with its apex at +y (down on the screen).
    const float k = 1.7320508;
    p.x = abs(p.x) - r;
    p.y = p.y + r / k;
    if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
    p.x -= clamp(p.x, -2.0 * r, 0.0);
    return -length(p) * sign(p.y);
}

float hexagon(vec2 p, float r) {
    // Flat top and bottom at +-r.
    const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
    p = abs(p);
    p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
    p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
    return length(p) * sign(p.y);
}

float star5(vec2 p, float r, float rf) {
    // Points out to r, the notches at r * rf; one point up (p.y is flipped: y down on the screen).
    const vec2 k1 = vec2(0.809016994375, -0.587785252292);
    const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
    p = vec2(abs(p.x), -p.y);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float plus(vec2 p, float reach, float halfWidth) {
    p = abs(p);
    if (p.y > p.x) p = p.yx;
    vec2 q = p - vec2(reach, halfWidth);
    float k = max(q.y, q.x);
    vec2 w = (k > 0.0) ? q : vec2(halfWidth - p.x, -k);
    return sign(k) * length(max(w, 0.0));
}

float markerDistance(vec2 p, float r, int shape) {
    if (shape == 1) return (abs(p.x) + abs(p.y) - r * 1.1) * 0.7071068;
    if (shape == 2) return max(abs(p.x), abs(p.y)) - r * 0.88;
    if (shape == 3) return triangleDown(p, r * 1.1);
    if (shape == 4) return triangleDown(vec2(p.x, -p.y), r * 1.1);
    if (shape == 5) return hexagon(p, r * 0.93);
    if (shape == 6) return star5(p, r * 1.3, 0.5);
    if (shape == 7) return plus(p, r * 1.15, r * 0.42);
    return length(p) - r;
}

void main() {
    vec2 p = v_offset;
    float d = markerDistance(p, u_radius, u_shape);
    float shape = clamp(0.5 - d, 0.0, 1.0);
    float inner = clamp(0.5 - (d + u_outlineWidth), 0.0, 1.0);
    vec4 colour = mix(u_outline, u_fill, inner);
    if (shape * colour.a <= 0.0) discard;
    gl_FragColor = vec4(colour.rgb, colour.a * shape);
}
