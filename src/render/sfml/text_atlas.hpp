#pragma once
// The window's text: each distinct text (with its style, colours and halo) drawn once by the text engine (Pango) into
// one texture, and then drawn from there as a quad, a frame's texts in one draw call. The window and the exports so
// show the same type with the same metrics: the label placer measured with the same engine.

#include <bordermap/text/text_engine.hpp>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <string>
#include <unordered_map>

namespace bordermap::render {

class TextAtlas {
public:
    // Throws OperationError when the texture cannot be made.
    TextAtlas();

    // Queues `text` with its logical box's top-left at `topLeft` (snapped to whole pixels: glyphs stay sharp).
    // A full atlas is drawn out to `target` and started again, so a queue never refers to what was evicted.
    void add(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
             sf::Color halo, float haloWidth, sf::Vector2f topLeft);
    // The same, placed by the text's baseline: its left end at `baselineLeft` (the box's baseline is measured once,
    // when the text is first drawn into the atlas, not every frame).
    void addAtBaseline(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                       sf::Color halo, float haloWidth, sf::Vector2f baselineLeft);
    // The same, the text's logical box centred on `centre` (its size, like its baseline, measured once).
    void addCentred(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                    sf::Color halo, float haloWidth, sf::Vector2f centre);
    // Draws what is queued, in one call, and empties the queue.
    void flush(sf::RenderTarget& target);

    // The number of texts drawn into the texture since it was last started (for tests and statistics).
    std::size_t entries() const { return m_entries.size(); }

private:
    struct Entry {
        sf::IntRect rect;  // in the texture
        sf::Vector2f origin;  // the text box's top-left within the rect
        float baseline = 0;   // from the box's top
        sf::Vector2f size;    // the logical box's width and height
    };
    void queue(const Entry& entry, sf::Vector2f topLeft);
    const Entry* find(sf::RenderTarget& target, const std::string& text, const text::TextStyle& style, sf::Color fill,
                      sf::Color halo, float haloWidth);
    void restart();

    sf::Texture m_texture;
    unsigned m_size = 0;
    unsigned m_shelfX = 0, m_shelfY = 0, m_shelfH = 0;  // the shelf being filled, left to right
    std::unordered_map<std::string, Entry> m_entries;
    sf::VertexArray m_quads{sf::Triangles};
};

}  // namespace bordermap::render
