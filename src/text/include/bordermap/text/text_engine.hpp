#pragma once
// Text for both backends, through Pango: measured, drawn on a Cairo context (exports: text stays text in PDF), or
// drawn into an image (the window's label atlas). Every call lays the text out the same way, with the font's
// metrics unhinted and glyph positions unrounded, so a width measured for the label placer is the width drawn at
// any scale, on screen and in a file. Arabic-script text (Pashto, Dari, Urdu) is shaped and set right to left;
// a script Noto Sans lacks comes from the font fontconfig finds for it (Noto Naskh Arabic when installed).
// Thread-safe: each thread lays out with its own Pango context.

#include <cairo.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bordermap::text {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

struct TextStyle {
    double size_px = 12;           // the font's size in the surface's units (pixels on screen and in a PNG)
    bool bold = false;
    bool italic = false;
    double letterSpacing_em = 0;   // extra space after each letter, in em (country names: 0.15)
    friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

// A line of text's logical box: its advance width, its height (ascent + descent) and its baseline from the top.
struct TextBox {
    double width_px = 0;
    double height_px = 0;
    double baseline_px = 0;
    bool rightToLeft = false;  // set right to left: Pango took the direction from the first strong character
};

// The family asked for first; fontconfig supplies glyphs it lacks from fonts that have them. Noto Sans
// (fonts-noto-core) reads as print type and sets names 6 % (regular) to 11 % (bold) narrower than DejaVu Sans, so
// more of them fit; DejaVu Sans comes last, for a system without Noto.
inline constexpr const char* kFontFamily = "Noto Sans, Noto Naskh Arabic, DejaVu Sans";

// One line's box (line breaks are not expected; a newline starts a second line, counted in the height).
TextBox measure(std::string_view text, const TextStyle& style);
// The advance width alone, for the scene's TextMeasure.
double width(std::string_view text, double size_px);

// Characters no installed font has a glyph for (drawn as boxes): 0 when fontconfig found a font for every script.
int unknownGlyphs(std::string_view text, const TextStyle& style);
// Where the character starting at byte `index` of `text` is drawn, from the box's left: in right-to-left text the
// first character lies right of the last.
double characterX(std::string_view text, const TextStyle& style, std::size_t index);

// Draws `text` with its box's top-left at (x, top) in the context's user units: a halo of `haloWidth` (stroked
// outline, round joins) in `halo` under glyphs filled in `fill`. The context's path is left empty.
void draw(cairo_t* cr, std::string_view text, const TextStyle& style, double x, double top, Rgba fill, Rgba halo = {},
          double haloWidth = 0);

// `text` drawn into a straight (not premultiplied) RGBA image just big enough for the glyphs and the halo, rows top
// to bottom. The text's box top-left lies at (originX, originY) in the image (the halo's room).
struct TextImage {
    int width = 0, height = 0;
    double originX = 0, originY = 0;
    std::vector<std::uint8_t> rgba;
};
TextImage render(std::string_view text, const TextStyle& style, Rgba fill, Rgba halo = {}, double haloWidth = 0);

}  // namespace bordermap::text
