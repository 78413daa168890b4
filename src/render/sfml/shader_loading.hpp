#pragma once
// Inside the SFML backend: the GLSL in shaders/, compiled into the binary (cmake/Embed.cmake), and its loading.

#include <SFML/Graphics/Shader.hpp>

#include <span>
#include <string>

namespace bordermap::embedded {
std::span<const unsigned char> map_vert();
std::span<const unsigned char> line_frag();
std::span<const unsigned char> stencil_frag();
std::span<const unsigned char> marker_vert();
std::span<const unsigned char> marker_frag();
std::span<const unsigned char> marker_instanced_vert();
std::span<const unsigned char> marker_instanced_frag();
}  // namespace bordermap::embedded

namespace bordermap::render::detail {

std::string shaderText(std::span<const unsigned char> bytes);

// Compiles and links a program from GLSL sources; throws OperationError, SFML's compile log in the message, when
// it does not compile or link. `name` says which shader in that message.
void loadShader(sf::Shader& shader, const std::string& vertex, const std::string& fragment, const char* name);

}  // namespace bordermap::render::detail
