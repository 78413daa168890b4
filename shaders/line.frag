// A line of constant width in pixels with an anti-aliased edge one pixel wide, solid, dashed or dash-dotted.
#version 120

uniform vec4 u_colour;
uniform float u_halfWidth;
uniform vec4 u_dash;  // on, off, on, off in pixels (a dash-dot line); (x, y, 0, 0) a dashed line; all 0 a solid one

varying float v_across;
varying float v_along_px;

// How much of a dash running from `from` to `to` along the line covers `phase`, with half a pixel of ramp at each end.
float dashCover(float phase, float from, float to) { return clamp(min(phase - from + 0.5, to + 0.5 - phase), 0.0, 1.0); }

void main() {
    float fromCentre = abs(v_across) * (u_halfWidth + 0.5);
    float coverage = clamp(u_halfWidth + 0.5 - fromCentre, 0.0, 1.0);
    if (u_dash.x > 0.0) {
        float period = u_dash.x + u_dash.y + u_dash.z + u_dash.w;
        float phase = mod(v_along_px, period);
        float dash = dashCover(phase, 0.0, u_dash.x);
        if (u_dash.z > 0.0) dash = max(dash, dashCover(phase, u_dash.x + u_dash.y, u_dash.x + u_dash.y + u_dash.z));
        coverage *= dash;
        if (coverage <= 0.0) discard;
    }
    gl_FragColor = vec4(u_colour.rgb, u_colour.a * coverage);
}
