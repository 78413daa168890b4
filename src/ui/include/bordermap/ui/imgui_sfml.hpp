#pragma once
// Our SFML-to-Dear-ImGui glue for ImGui 1.86 (Debian's libimgui-dev), drawing through ImGui's OpenGL 3 backend.
// Five verbs: construct (context, font, backend), processEvent for every SFML event, newFrame before building the
// UI, render after it, destroy. The one subtlety: ImGui 1.86 reads button and key state once a frame, so a press
// and a release within one frame would be lost; the glue holds a pressed button or key down for that frame.
// Each has its own ImGui context, made current by every verb, so that two windows (the map and the presenter's
// console) can each have one; newFrame and render make the window's OpenGL context active.

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Time.hpp>
#include <SFML/Window/Event.hpp>

#include <bitset>
#include <string>

struct ImFont;
struct ImGuiContext;

namespace bordermap::ui {

class ImGuiSfml {
public:
    // `fontPath` is a TTF (DejaVu Sans); `size_px` its size. Throws OperationError if ImGui cannot start.
    ImGuiSfml(sf::RenderWindow& window, const std::string& fontPath, float size_px, const std::string& boldPath = {});
    ~ImGuiSfml();
    ImGuiSfml(const ImGuiSfml&) = delete;
    ImGuiSfml& operator=(const ImGuiSfml&) = delete;

    void processEvent(const sf::Event& event);
    void newFrame(sf::Time dt);
    void render();

    // True when ImGui wants the mouse or the keyboard (a panel is under the cursor, a text field has focus):
    // the map should then not pan, zoom or take keys.
    bool wantsMouse() const;
    bool wantsKeyboard() const;
    // True while a text field takes typing: its caret blinks, so the window keeps drawing.
    bool typing() const;

    ImFont* largeFont() const { return m_large; }
    // Makes this window's ImGui context the current one, for building its UI between newFrame and render.
    void makeCurrent() const;

private:
    sf::RenderWindow& m_window;
    ImGuiContext* m_context = nullptr;
    bool m_pressedThisFrame[3] = {false, false, false};
    std::bitset<512> m_keyPressedThisFrame, m_keyReleaseLater;  // by key code, as io.KeysDown
    ImFont* m_large = nullptr;
};

}  // namespace bordermap::ui
