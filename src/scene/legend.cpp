// The legend's layout, shared by the window and the exports: headings, rows, the size key, the note and credits,
// measured once here so that both backends draw the same thing and no text reaches past the box.
#include "bordermap/scene/scene.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace bordermap::scene {

std::string legendHeading(LegendGroup group) {
    switch (group) {
    case LegendGroup::Border: return "Border";
    case LegendGroup::Crossings: return "Crossings";
    case LegendGroup::Events: return "Events";
    case LegendGroup::Places: return "Places";
    case LegendGroup::Yours: return "Your data";
    }
    return {};
}

std::vector<int> sizeKeyDeaths(long long mostDeaths) {
    if (mostDeaths < 1) return {};
    int top = 1;
    for (const int v : {1, 2, 5, 10, 20, 50, 100, 200, 400})
        if (v <= mostDeaths) top = v;
    std::vector<int> out{top};
    for (const int v : {100, 50, 10, 1})
        if (3 * v <= out.back()) out.push_back(v);
    std::reverse(out.begin(), out.end());
    return out;
}

ScreenBox legendAt(ScreenPx topLeft, const View& view, double width_px, double height_px, double margin_px) {
    // Within the margins where they leave room; else as far in as it goes, its top left corner always on the screen.
    const auto clampAxis = [&](double at, double size, double extent) {
        const double low = std::min(margin_px, std::max(0.0, (extent - size) / 2));
        const double high = std::max(low, extent - size - low);
        return std::clamp(at, low, high);
    };
    const double x = clampAxis(topLeft.x_px, width_px, view.widthPx), y = clampAxis(topLeft.y_px, height_px, view.heightPx);
    return {x, y, x + width_px, y + height_px};
}

namespace {

// Metrics at scale 1, in pixels.
constexpr double kPad = 9, kRow = 19, kText = 12, kHeading = 11.5, kHeadingRow = 18, kGroupGap = 5, kColumnGap = 16;
constexpr double kSymbolX = 12, kTextX = 28, kHeaderText = 12.5, kHeaderRow = 22;
constexpr double kBoldWidth = 1.08;  // bold Noto Sans is 4 to 7% wider than regular: measured as regular, taken 8% wider

// A group's rows, laid out from the column's left and the group's top.
struct Block {
    double height = 0, width = 0;  // width: the rightmost reach of its texts and symbols, plus the padding
    std::vector<LegendText> texts;
    std::vector<LegendMark> marks;
    std::vector<LegendDisc> discs;
};

class Layouter {
public:
    Layouter(const Style& style, const TextMeasure& measure, double k) : m_style(style), m_measure(measure), m_k(k) {}

    double textWidth(const std::string& text, const LegendType& type) const {
        std::string shown = text;
        if (type.upper)
            for (char& c : shown) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        double w = m_measure(shown, type.size_px) * (type.bold ? kBoldWidth : 1.0);
        w += type.letterSpacing_em * type.size_px * static_cast<double>(shown.size());
        return w;
    }

    LegendType plain(double size) const {
        LegendType t;
        t.size_px = size * m_k;
        return t;
    }

    // The group's block with texts wrapped to `width` (infinite: one line each).
    Block block(const std::vector<std::pair<std::size_t, const LegendEntry*>>& entries, LegendGroup group, double width) const {
        Block b;
        const double pad = kPad * m_k, row = kRow * m_k, text = kText * m_k;
        LegendType heading = plain(kHeading);
        heading.bold = true;
        b.texts.push_back({legendHeading(group), pad, kHeadingRow * m_k * 0.72, heading, m_style.text});
        b.width = pad + textWidth(legendHeading(group), heading) + pad;
        double y = kHeadingRow * m_k;
        const double textX = kTextX * m_k;
        for (const auto& [index, e] : entries) {
            if (e->symbol == LegendSymbol::SizeKey) {
                y = sizeKey(b, *e, y, width);
                continue;
            }
            const LegendType type = e->symbol == LegendSymbol::NameSample ? e->type : plain(kText);
            const Colour colour = e->symbol == LegendSymbol::NameSample ? e->colour : m_style.text;
            std::vector<std::string> lines{e->text};
            if (std::isfinite(width) && pad + textX + textWidth(e->text, type) + pad > width && !type.upper)
                lines = wrapText(e->text, width - pad - textX - pad, type.size_px,
                                 [&](const std::string& t, double z) { return m_measure(t, z) * (type.bold ? kBoldWidth : 1.0); });
            const double lineStep = text * 1.2;
            const double height = std::max(row, row + lineStep * static_cast<double>(lines.size() - 1));
            const double centre = y + row / 2;
            if (e->symbol != LegendSymbol::NameSample) b.marks.push_back({index, {pad + kSymbolX * m_k, centre}});
            for (std::size_t i = 0; i < lines.size(); ++i) {
                b.texts.push_back({lines[i], pad + textX, centre + type.size_px * 0.36 + lineStep * static_cast<double>(i), type, colour});
                b.width = std::max(b.width, pad + textX + textWidth(lines[i], type) + pad);
            }
            // A symbol wider than its column (the river's and lines' 26 px, a cluster's disc) stays within the pad.
            y += height;
        }
        b.height = y;
        return b;
    }

    // The size key: its discs in a row at the markers' own sizes, bottom-aligned, each toll under its disc, the
    // caption beside them where it fits, else above.
    double sizeKey(Block& b, const LegendEntry& e, double y, double width) const {
        const double pad = kPad * m_k, gap = 7 * m_k;
        const LegendType number = plain(kText * 0.9), caption = plain(kText);
        double rMax = 0, slots = 0;
        std::vector<double> slot;
        for (const SizeStep& s : e.sizes) {
            rMax = std::max(rMax, s.radius_px);
            slot.push_back(std::max(2 * s.radius_px, textWidth(s.text, number)));
            slots += slot.back();
        }
        slots += gap * static_cast<double>(e.sizes.empty() ? 0 : e.sizes.size() - 1);
        const double captionW = textWidth(e.text, caption);
        const bool beside = !std::isfinite(width) || pad + slots + gap * 1.5 + captionW + pad <= width;
        std::vector<std::string> captionLines{e.text};
        if (!beside && pad + captionW + pad > width)
            captionLines = wrapText(e.text, width - 2 * pad, caption.size_px, m_measure);
        y += 3 * m_k;
        if (!beside) {
            for (const std::string& line : captionLines) {
                b.texts.push_back({line, pad, y + caption.size_px, caption, m_style.text});
                b.width = std::max(b.width, pad + textWidth(line, caption) + pad);
                y += caption.size_px * 1.25;
            }
            y += 3 * m_k;
        }
        const double bottom = y + 2 * rMax;
        double x = pad;
        for (std::size_t i = 0; i < e.sizes.size(); ++i) {
            const SizeStep& s = e.sizes[i];
            const double cx = x + slot[i] / 2;
            b.discs.push_back({{cx, bottom - s.radius_px}, s.radius_px});
            const std::string& n = s.text;
            b.texts.push_back({n, cx - textWidth(n, number) / 2, bottom + number.size_px * 1.05, number, m_style.text});
            x += slot[i] + gap;
        }
        b.width = std::max(b.width, pad + slots + pad);
        if (beside) {
            const double cx = pad + slots + gap * 1.5;
            b.texts.push_back({e.text, cx, (y + bottom) / 2 + caption.size_px * 0.36, caption, m_style.text});
            b.width = std::max(b.width, cx + captionW + pad);
        }
        return bottom + number.size_px * 1.35;
    }

private:
    const Style& m_style;
    const TextMeasure& m_measure;
    double m_k;
};

void shift(Block& b, double dx, double dy, LegendLayout& out) {
    for (LegendText& t : b.texts) {
        t.x_px += dx;
        t.baseline_px += dy;
        out.texts.push_back(std::move(t));
    }
    for (LegendMark& m : b.marks) out.marks.push_back({m.entry, {m.centre.x_px + dx, m.centre.y_px + dy}});
    for (LegendDisc& d : b.discs) out.discs.push_back({{d.centre.x_px + dx, d.centre.y_px + dy}, d.radius_px});
}

}  // namespace

LegendLayout layOutLegend(const Decorations& d, const Style& style, const TextMeasure& measure, const LegendOptions& o) {
    LegendLayout out;
    const double k = o.k, pad = kPad * k;
    const double maxW = o.maxWidth_px > 0 ? o.maxWidth_px : std::numeric_limits<double>::infinity();
    Layouter lay(style, measure, k);

    double y = 0;
    if (o.header) {
        LegendType type = lay.plain(kHeaderText);
        type.bold = true;
        // U+25B8 folded (points at what would open), U+25BE open.
        const std::string title = o.collapsed ? "Legend \u25B8" : "Legend \u25BE";
        const double h = kHeaderRow * k;
        out.texts.push_back({title, pad, h / 2 + type.size_px * 0.36, type, style.text});
        out.width_px = pad + lay.textWidth(title, type) + pad;
        y = h;
        out.header = {0, 0, out.width_px, h};
        if (o.collapsed) {
            out.height_px = h;
            return out;
        }
    }

    // The groups, each the entries of its kind in the order the scene gives them.
    std::vector<std::pair<LegendGroup, std::vector<std::pair<std::size_t, const LegendEntry*>>>> groups;
    if (o.entries)
        for (const LegendGroup g : {LegendGroup::Border, LegendGroup::Crossings, LegendGroup::Events, LegendGroup::Places, LegendGroup::Yours}) {
            std::vector<std::pair<std::size_t, const LegendEntry*>> entries;
            for (std::size_t i = 0; i < d.legend.size(); ++i)
                if (d.legend[i].group == g) entries.emplace_back(i, &d.legend[i]);
            if (!entries.empty()) groups.emplace_back(g, std::move(entries));
        }

    // One column at its natural width where the room allows, else wrapped to the room; two (or more) columns where
    // they fit side by side at their natural widths, the groups (never split) balanced between them.
    const double inf = std::numeric_limits<double>::infinity();
    double natural = out.width_px;
    for (const auto& [g, entries] : groups) natural = std::max(natural, lay.block(entries, g, inf).width);
    const double colW = std::min(natural, maxW);
    std::vector<Block> blocks;
    for (const auto& [g, entries] : groups) blocks.push_back(lay.block(entries, g, colW));
    double columnW = colW;
    for (const Block& b : blocks) columnW = std::max(columnW, b.width);  // a word wider than the room stands alone

    int columns = 1;
    while (columns < o.maxColumns && static_cast<std::size_t>(columns) < blocks.size() &&
           (columns + 1) * columnW + columns * kColumnGap * k <= maxW)
        ++columns;
    // Splits the groups in order into `columns` runs: the shortest tallest run, found by trying every cut for two;
    // for more, greedily filling each to the mean.
    std::vector<std::size_t> starts{0};
    double total = 0;
    for (const Block& b : blocks) total += b.height + kGroupGap * k;
    if (columns == 2) {
        double best = inf, left = 0;
        std::size_t cut = 1;
        for (std::size_t i = 1; i < blocks.size(); ++i) {
            left += blocks[i - 1].height + kGroupGap * k;
            const double tallest = std::max(left, total - left);
            if (tallest < best) best = tallest, cut = i;
        }
        starts.push_back(cut);
    } else if (columns > 2) {
        double run = 0;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (run >= total / columns && static_cast<int>(starts.size()) < columns) starts.push_back(i), run = 0;
            run += blocks[i].height + kGroupGap * k;
        }
    }
    out.columns = static_cast<int>(starts.size());
    starts.push_back(blocks.size());
    double bottom = y;
    for (std::size_t c = 0; c + 1 < starts.size(); ++c) {
        double cy = y + (o.header ? 0 : pad * 0.6);
        const double dx = static_cast<double>(c) * (columnW + kColumnGap * k);
        for (std::size_t i = starts[c]; i < starts[c + 1]; ++i) {
            if (i > starts[c]) cy += kGroupGap * k;
            shift(blocks[i], dx, cy, out);
            cy += blocks[i].height;
        }
        bottom = std::max(bottom, cy);
    }
    const double width = std::max(out.width_px, static_cast<double>(out.columns) * columnW + (out.columns - 1) * kColumnGap * k);
    y = bottom;

    // The note and the credits under it all, wrapped to its width.
    const auto paragraph = [&](const std::string& text, double size, Colour colour, double step) {
        if (text.empty()) return;
        y += 4 * k;
        LegendType type = lay.plain(size);
        for (const std::string& line : wrapText(text, width - 2 * pad, type.size_px, measure)) {
            out.texts.push_back({line, pad, y + type.size_px, type, colour});
            y += type.size_px * step;
        }
    };
    paragraph(o.note, kText * 0.92, style.text, 1.3);
    paragraph(o.credits, kText * 0.8, Colour{90, 90, 90, 255}, 1.15);
    out.width_px = width;
    out.height_px = y + pad;
    if (o.header) out.header.x1 = width;
    return out;
}

}  // namespace bordermap::scene
