#include "bordermap/ui/imgui_sfml.hpp"

#include <bordermap/core/error.hpp>

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <SFML/Window/Mouse.hpp>

namespace bordermap::ui {

namespace {

int buttonIndex(sf::Mouse::Button b) {
    switch (b) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    default: return -1;
    }
}

}  // namespace

ImGuiSfml::ImGuiSfml(sf::RenderWindow& window, const std::string& fontPath, float size_px, const std::string& boldPath)
    : m_window(window) {
    (void)m_window.setActive(true);  // the backend's GL objects are made in this window's context
    IMGUI_CHECKVERSION();
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini written next to the user's files
    io.BackendPlatformName = "bordermap-sfml";
    // ImGui 1.86 maps its named keys onto the platform's key codes through KeyMap.
    const std::pair<ImGuiKey_, sf::Keyboard::Key> keys[] = {
        {ImGuiKey_Tab, sf::Keyboard::Tab},         {ImGuiKey_LeftArrow, sf::Keyboard::Left},
        {ImGuiKey_RightArrow, sf::Keyboard::Right}, {ImGuiKey_UpArrow, sf::Keyboard::Up},
        {ImGuiKey_DownArrow, sf::Keyboard::Down},   {ImGuiKey_PageUp, sf::Keyboard::PageUp},
        {ImGuiKey_PageDown, sf::Keyboard::PageDown}, {ImGuiKey_Home, sf::Keyboard::Home},
        {ImGuiKey_End, sf::Keyboard::End},         {ImGuiKey_Insert, sf::Keyboard::Insert},
        {ImGuiKey_Delete, sf::Keyboard::Delete},   {ImGuiKey_Backspace, sf::Keyboard::BackSpace},
        {ImGuiKey_Space, sf::Keyboard::Space},     {ImGuiKey_Enter, sf::Keyboard::Enter},
        {ImGuiKey_Escape, sf::Keyboard::Escape},   {ImGuiKey_A, sf::Keyboard::A},
        {ImGuiKey_C, sf::Keyboard::C},             {ImGuiKey_V, sf::Keyboard::V},
        {ImGuiKey_X, sf::Keyboard::X},             {ImGuiKey_Y, sf::Keyboard::Y},
        {ImGuiKey_Z, sf::Keyboard::Z},
    };
    for (const auto& [imguiKey, sfKey] : keys) io.KeyMap[imguiKey] = sfKey;

    if (!fontPath.empty()) {
        // Latin with its accents (Latin-1, Extended-A), and general punctuation: the en dash in "Chaman–Spin
        // Boldak", curly quotes, the prime in coordinates. ImGui's default range is Basic Latin and Latin-1 only.
        static const ImWchar ranges[] = {0x0020, 0x017F, 0x02B0, 0x02FF, 0x2010, 0x206F, 0x2190, 0x21FF, 0};
        if (io.Fonts->AddFontFromFileTTF(fontPath.c_str(), size_px, nullptr, ranges) == nullptr)
            throw OperationError({fontPath, {}, {}, {}}, "ImGui cannot load the font");
        m_large = io.Fonts->AddFontFromFileTTF((boldPath.empty() ? fontPath : boldPath).c_str(), size_px * 1.6f, nullptr, ranges);
    }
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(size_px / 13.0f);
    if (!ImGui_ImplOpenGL3_Init("#version 130")) throw OperationError({}, "ImGui's OpenGL 3 backend cannot start");
}

ImGuiSfml::~ImGuiSfml() {
    (void)m_window.setActive(true);  // the backend's GL objects belong to this window's context
    ImGui::SetCurrentContext(m_context);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(m_context);
}

void ImGuiSfml::makeCurrent() const { ImGui::SetCurrentContext(m_context); }

void ImGuiSfml::processEvent(const sf::Event& event) {
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    switch (event.type) {
    case sf::Event::MouseMoved: io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)); break;
    case sf::Event::MouseButtonPressed: {
        // Where the press is, too: a touch screen or a synthetic click comes without a motion before it.
        io.MousePos = ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
        const int i = buttonIndex(event.mouseButton.button);
        if (i >= 0) {
            io.MouseDown[i] = true;
            m_pressedThisFrame[i] = true;
        }
        break;
    }
    case sf::Event::MouseButtonReleased: {
        const int i = buttonIndex(event.mouseButton.button);
        if (i >= 0 && !m_pressedThisFrame[i]) io.MouseDown[i] = false;
        break;
    }
    case sf::Event::MouseWheelScrolled:
        if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) io.MouseWheel += event.mouseWheelScroll.delta;
        else io.MouseWheelH += event.mouseWheelScroll.delta;
        break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
        const int code = event.key.code;
        if (code >= 0 && code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) {
            // As with the buttons: a key released in the frame it went down (xdotool, a clicker, a slow frame)
            // stays down until ImGui has seen it, else Enter in a text box would be lost.
            const auto i = static_cast<std::size_t>(code);
            if (event.type == sf::Event::KeyPressed) {
                io.KeysDown[code] = true;
                m_keyPressedThisFrame.set(i);
                m_keyReleaseLater.reset(i);
            } else if (m_keyPressedThisFrame.test(i)) {
                m_keyReleaseLater.set(i);
            } else {
                io.KeysDown[code] = false;
            }
        }
        io.KeyCtrl = event.key.control;
        io.KeyShift = event.key.shift;
        io.KeyAlt = event.key.alt;
        io.KeySuper = event.key.system;
        break;
    }
    case sf::Event::TextEntered:
        if (event.text.unicode >= 32 && event.text.unicode != 127) io.AddInputCharacter(event.text.unicode);
        break;
    case sf::Event::LostFocus:
        for (bool& down : io.KeysDown) down = false;
        break;
    default: break;
    }
}

void ImGuiSfml::newFrame(sf::Time dt) {
    (void)m_window.setActive(true);
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    const sf::Vector2u size = m_window.getSize();
    io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    io.DeltaTime = std::max(1e-4f, dt.asSeconds());
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();  // reads io.MouseDown: a button pressed since the last frame is seen down here
    for (std::size_t i = 0; i < m_keyReleaseLater.size(); ++i)
        if (m_keyReleaseLater.test(i)) io.KeysDown[i] = false;  // seen down once: up from the next frame on
    m_keyPressedThisFrame.reset();
    m_keyReleaseLater.reset();
    constexpr sf::Mouse::Button kButtons[] = {sf::Mouse::Left, sf::Mouse::Right, sf::Mouse::Middle};
    for (int i = 0; i < 3; ++i) {
        if (!m_pressedThisFrame[i]) continue;
        m_pressedThisFrame[i] = false;
        // Released again within the same frame: up from the next frame on, so the click is not lost.
        if (!sf::Mouse::isButtonPressed(kButtons[i])) io.MouseDown[i] = false;
    }
}

void ImGuiSfml::render() {
    (void)m_window.setActive(true);
    makeCurrent();
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    m_window.resetGLStates();  // the backend leaves GL state SFML does not expect
}

bool ImGuiSfml::wantsMouse() const {
    makeCurrent();
    return ImGui::GetIO().WantCaptureMouse;
}

bool ImGuiSfml::wantsKeyboard() const {
    makeCurrent();
    return ImGui::GetIO().WantCaptureKeyboard || ImGui::GetIO().WantTextInput;
}

bool ImGuiSfml::typing() const {
    makeCurrent();
    return ImGui::GetIO().WantTextInput;
}

}  // namespace bordermap::ui
