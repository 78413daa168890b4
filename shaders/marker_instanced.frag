// marker.frag for an instanced marker: the same shapes by signed distance, with the marker's values from varyings
// instead of uniforms. Keep the two in step: the GUI test gui.marker_draw_paths_agree compares their pixels.
#version 120

varying vec2 v_offset;      // px from the marker's centre, y down
varying vec3 v_size;        // radius px (the circle's radius, the diamond's and triangle's reach), outline px, shape
varying vec4 v_fill;
varying vec4 v_outline;

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
    float radius = v_size.x;
    float outlineWidth = v_size.y;
    int shape = int(v_size.z + 0.5);  // the same at every vertex, but interpolated all the same
    float d;
    if (shape == 1) d = (abs(p.x) + abs(p.y) - radius) * 0.7071068;
    else if (shape == 2) d = max(abs(p.x), abs(p.y)) - radius * 0.85;
    else if (shape == 3) d = triangleDown(p, radius * 1.1);
    else d = length(p) - radius;
    float shapeCover = clamp(0.5 - d, 0.0, 1.0);
    float inner = clamp(0.5 - (d + outlineWidth), 0.0, 1.0);
    vec4 colour = mix(v_outline, v_fill, inner);
    if (shapeCover * colour.a <= 0.0) discard;
    gl_FragColor = vec4(colour.rgb, colour.a * shapeCover);
}
