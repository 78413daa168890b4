#include "text_atlas.hpp"

#include <bordermap/core/error.hpp>

#include <SFML/Graphics/RenderStates.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bordermap::render {

namespace {

text::Rgba rgba(sf::Color c) { return {c.r, c.g, c.b, c.a}; }

// The texts' key: text, style, colours and halo width (to a hundredth of a pixel).
std::string keyOf(const std::string& text, const text::TextStyle& style, sf::Color fill, sf::Color halo, float haloWidth) {
    std::string key = text;
    key += '\x1f';
    const auto add = [&key](auto value) {
        char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        key.append(bytes, sizeof value);
    };
    add(std::lround(style.size_px * 100));
    add(std::lround(style.letterSpacing_em * 1000));
    add(static_cast<char>(style.bold | style.italic << 1));
    add(fill.toInteger());
    add(halo.toInteger());
    add(std::lround(haloWidth * 100));
    return key;
}

}  // namespace

TextAtlas::TextAtlas() {
    m_size = std::min(2048u, sf::Texture::getMaximumSize());
    if (!m_texture.create(m_size, m_size)) throw OperationError({}, "cannot make the text atlas texture");
    m_texture.setSmooth(false);
    restart();
}

void TextAtlas::restart() {
    m_entries.clear();
    m_shelfX = m_shelfY = m_shelfH = 0;
}

const TextAtlas::Entry* TextAtlas::find(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style,
                                        sf::Color fill, sf::Color halo, float haloWidth) {
    const std::string key = keyOf(text, style, fill, halo, haloWidth);
    if (const auto it = m_entries.find(key); it != m_entries.end()) return &it->second;
    const text::TextImage image = text::render(text, style, rgba(fill), rgba(halo), haloWidth);
    const auto w = static_cast<unsigned>(image.width), h = static_cast<unsigned>(image.height);
    if (w > m_size || h > m_size) return nullptr;  // wider than the texture: not drawn (no label is)
    if (m_shelfX + w > m_size) {  // the next shelf
        m_shelfY += m_shelfH + 1;
        m_shelfX = 0;
        m_shelfH = 0;
    }
    if (m_shelfY + h > m_size) {  // full: draw what refers to the old texts, and start again
        flush(target);
        restart();
    }
    m_texture.update(image.rgba.data(), w, h, m_shelfX, m_shelfY);
    const text::TextBox box = text::measure(text, style);
    Entry entry{{static_cast<int>(m_shelfX), static_cast<int>(m_shelfY), static_cast<int>(w), static_cast<int>(h)},
                {static_cast<float>(image.originX), static_cast<float>(image.originY)},
                static_cast<float>(box.baseline_px),
                {static_cast<float>(box.width_px), static_cast<float>(box.height_px)}};
    m_shelfX += w + 1;
    m_shelfH = std::max(m_shelfH, h);
    return &m_entries.emplace(key, entry).first->second;
}

void TextAtlas::add(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                    sf::Color halo, float haloWidth, sf::Vector2f topLeft) {
    if (text.empty()) return;
    if (const Entry* entry = find(target, text, style, fill, halo, haloWidth)) queue(*entry, topLeft);
}

void TextAtlas::addAtBaseline(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                              sf::Color halo, float haloWidth, sf::Vector2f baselineLeft) {
    if (text.empty()) return;
    if (const Entry* entry = find(target, text, style, fill, halo, haloWidth))
        queue(*entry, {baselineLeft.x, baselineLeft.y - entry->baseline});
}

void TextAtlas::addCentred(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                           sf::Color halo, float haloWidth, sf::Vector2f centre) {
    if (text.empty()) return;
    if (const Entry* entry = find(target, text, style, fill, halo, haloWidth))
        queue(*entry, {centre.x - entry->size.x / 2, centre.y - entry->size.y / 2});
}

void TextAtlas::queue(const Entry& entry, sf::Vector2f topLeft) {
    const float x0 = std::round(topLeft.x - entry.origin.x), y0 = std::round(topLeft.y - entry.origin.y);
    const auto w = static_cast<float>(entry.rect.width), h = static_cast<float>(entry.rect.height);
    const auto u0 = static_cast<float>(entry.rect.left), v0 = static_cast<float>(entry.rect.top);
    const sf::Vertex corners[4] = {{{x0, y0}, {u0, v0}}, {{x0 + w, y0}, {u0 + w, v0}},
                                   {{x0 + w, y0 + h}, {u0 + w, v0 + h}}, {{x0, y0 + h}, {u0, v0 + h}}};
    for (const int i : {0, 1, 2, 0, 2, 3}) m_quads.append(corners[i]);
}

void TextAtlas::flush(sf::RenderTarget& target) {
    if (m_quads.getVertexCount() == 0) return;
    sf::RenderStates states;
    states.texture = &m_texture;
    target.draw(m_quads, states);
    m_quads.clear();
}

}  // namespace bordermap::render
