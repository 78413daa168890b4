// A line of constant width in pixels with an anti-aliased edge one pixel wide, solid or dashed.
#version 120

uniform vec4 u_colour;
uniform float u_halfWidth;
uniform vec2 u_dash;  // on and off lengths in pixels; (0, 0) for a solid line

varying float v_across;
varying float v_along_px;

void main() {
    float fromCentre = abs(v_across) * (u_halfWidth + 0.5);
    float coverage = clamp(u_halfWidth + 0.5 - fromCentre, 0.0, 1.0);
    if (u_dash.x > 0.0) {
        float phase = mod(v_along_px, u_dash.x + u_dash.y);
        // Soft dash ends: half a pixel of ramp at each end of the "on" stretch.
        coverage *= clamp(min(phase + 0.5, u_dash.x + 0.5 - phase), 0.0, 1.0);
        if (coverage <= 0.0) discard;
    }
    gl_FragColor = vec4(u_colour.rgb, u_colour.a * coverage);
}
