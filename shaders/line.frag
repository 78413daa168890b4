// A line of constant width in pixels with an anti-aliased edge one pixel wide.
#version 120

uniform vec4 u_colour;
uniform float u_halfWidth;

varying float v_across;

void main() {
    float fromCentre = abs(v_across) * (u_halfWidth + 0.5);
    float coverage = clamp(u_halfWidth + 0.5 - fromCentre, 0.0, 1.0);
    gl_FragColor = vec4(u_colour.rgb, u_colour.a * coverage);
}
