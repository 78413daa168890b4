#include "bordermap/text/text_engine.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace bordermap::text {

namespace {

// Each thread's Pango objects: a font map of its own (Pango's default one is per thread too, but its font options
// follow whatever surface drew last), a context whose metrics are neither hinted nor rounded, and one layout reused.
class Engine {
public:
    Engine() : m_fontMap(pango_cairo_font_map_new()), m_context(pango_font_map_create_context(m_fontMap)) {
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
        pango_cairo_context_set_font_options(m_context, options);
        cairo_font_options_destroy(options);
        pango_context_set_round_glyph_positions(m_context, FALSE);
        m_layout = pango_layout_new(m_context);
    }
    ~Engine() {
        g_object_unref(m_layout);
        g_object_unref(m_context);
        g_object_unref(m_fontMap);
    }
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // The layout of `text` in `style`, valid until the next call on this thread.
    PangoLayout* layout(std::string_view text, const TextStyle& style) {
        if (!(style == m_style) || !m_styled) {
            PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
            pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
            pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
            pango_font_description_set_absolute_size(font, std::max(0.1, style.size_px) * PANGO_SCALE);
            pango_layout_set_font_description(m_layout, font);
            pango_font_description_free(font);
            PangoAttrList* attributes = pango_attr_list_new();
            if (style.letterSpacing_em != 0)
                pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(static_cast<int>(
                                                       std::lround(style.letterSpacing_em * style.size_px * PANGO_SCALE))));
            pango_layout_set_attributes(m_layout, attributes);
            pango_attr_list_unref(attributes);
            m_style = style;
            m_styled = true;
        }
        pango_layout_set_text(m_layout, text.data(), static_cast<int>(text.size()));
        return m_layout;
    }

private:
    PangoFontMap* m_fontMap;
    PangoContext* m_context;
    PangoLayout* m_layout = nullptr;
    TextStyle m_style;
    bool m_styled = false;
};

Engine& engine() {
    thread_local Engine e;
    return e;
}

void setSource(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

}  // namespace

TextBox measure(std::string_view text, const TextStyle& style) {
    PangoLayout* layout = engine().layout(text, style);
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    const PangoLayoutLine* first = pango_layout_get_line_readonly(layout, 0);
    return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE,
            static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE,
            first != nullptr && first->resolved_dir == PANGO_DIRECTION_RTL};
}

double width(std::string_view text, double size_px) {
    TextStyle style;
    style.size_px = size_px;
    return measure(text, style).width_px;
}

int unknownGlyphs(std::string_view text, const TextStyle& style) {
    return pango_layout_get_unknown_glyphs_count(engine().layout(text, style));
}

double characterX(std::string_view text, const TextStyle& style, std::size_t index) {
    PangoRectangle at;
    pango_layout_index_to_pos(engine().layout(text, style), static_cast<int>(std::min(index, text.size())), &at);
    // A right-to-left character's rectangle has a negative width: its leading edge is x + width.
    return static_cast<double>(std::min(at.x, at.x + at.width)) / PANGO_SCALE;
}

void draw(cairo_t* cr, std::string_view text, const TextStyle& style, double x, double top, Rgba fill, Rgba halo, double haloWidth) {
    PangoLayout* layout = engine().layout(text, style);
    cairo_new_path(cr);
    if (haloWidth > 0 && halo.a > 0) {
        cairo_move_to(cr, x, top);
        pango_cairo_layout_path(cr, layout);
        setSource(cr, halo);
        cairo_set_line_width(cr, haloWidth);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    cairo_move_to(cr, x, top);
    setSource(cr, fill);
    pango_cairo_show_layout(cr, layout);
    cairo_new_path(cr);
}

TextImage render(std::string_view text, const TextStyle& style, Rgba fill, Rgba halo, double haloWidth) {
    PangoLayout* layout = engine().layout(text, style);
    PangoRectangle ink, logical;
    pango_layout_get_extents(layout, &ink, &logical);
    const auto px = [](int units) { return static_cast<double>(units) / PANGO_SCALE; };
    // The glyphs' ink may reach past the logical box (italics, accents); the halo reaches half its width further.
    const double pad = (haloWidth > 0 && halo.a > 0 ? haloWidth / 2 : 0) + 1;
    const double left = std::min(px(ink.x), px(logical.x)) - pad, top = std::min(px(ink.y), px(logical.y)) - pad;
    const double right = std::max(px(ink.x + ink.width), px(logical.x + logical.width)) + pad;
    const double bottom = std::max(px(ink.y + ink.height), px(logical.y + logical.height)) + pad;
    TextImage image;
    image.originX = std::ceil(-left);
    image.originY = std::ceil(-top);
    image.width = std::max(1, static_cast<int>(std::ceil(image.originX + right)));
    image.height = std::max(1, static_cast<int>(std::ceil(image.originY + bottom)));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height);
    cairo_t* cr = cairo_create(surface);
    draw(cr, text, style, image.originX, image.originY, fill, halo, haloWidth);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    std::uint8_t* out = image.rgba.data();
    for (int y = 0; y < image.height; ++y) {
        const unsigned char* in = data + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < image.width; ++x, in += 4) {
            // Cairo keeps premultiplied BGRA in memory on little-endian machines.
            const unsigned a = in[3];
            const auto straight = [a](unsigned c) { return static_cast<std::uint8_t>(a == 0 ? 0 : std::min(255u, (c * 255 + a / 2) / a)); };
            *out++ = straight(in[2]);
            *out++ = straight(in[1]);
            *out++ = straight(in[0]);
            *out++ = static_cast<std::uint8_t>(a);
        }
    }
    cairo_surface_destroy(surface);
    return image;
}

}  // namespace bordermap::text
