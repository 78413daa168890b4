// An event marker: a quad around the marker's centre, in screen pixels under SFML's own projection. The first
// texture coordinate carries the fragment's offset from the centre in pixels, for marker.frag's shapes.
#version 120

varying vec2 v_offset;

void main() {
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
    v_offset = gl_MultiTexCoord0.xy;
}
