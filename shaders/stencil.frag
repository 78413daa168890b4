// The first pass of an even-odd fill: writes only the stencil buffer (the colour mask is off).
#version 120

void main() {
    gl_FragColor = vec4(0.0);
}
