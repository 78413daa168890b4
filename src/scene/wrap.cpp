#include "bordermap/scene/scene.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <set>
#include <string_view>

namespace bordermap::scene {

namespace {

// A sum of widths this close to the limit is measured again as one string. Cairo's advances are hinted to whole
// pixels but come back through the font matrix with an error of about 1e-13 px, so a sum may fall on the other
// side of an exactly-met limit from the whole line's width; re-measuring these near-ties keeps every break where
// measuring each trial line whole would put it.
constexpr double kTie_px = 1e-6;

// The words wrapText breaks at: the runs between spaces, empty ones skipped.
std::vector<std::string_view> wordsOf(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Fills lines greedily, a word at a time, from widths added up: a line is as wide as its words and the spaces
// between them. That holds for the measures the backends pass (Cairo's toy text and the viewer's glyph advances
// do not kern). Each word is measured at most once and the space once, so a text costs measurements linear in
// its length.
class LineFiller {
public:
    // Where the layout stands, to come back to: lines so far, the last line's length (bytes) and width.
    struct Mark {
        std::size_t lines = 0;
        std::size_t lastLength = 0;
        double last_px = 0;
    };

    LineFiller(double width_px, double size_px, const TextMeasure& measure)
        : m_width_px(width_px), m_size_px(size_px), m_measure(measure) {}

    double measure(std::string_view text) const { return m_measure(std::string(text), m_size_px); }

    // Adds a word `word_px` wide: on the current line if it fits, else on a new line (alone if wider than one).
    void add(std::string_view word, double word_px) {
        if (m_lines.empty()) {
            startLine(word, word_px);
            return;
        }
        const double trial_px = m_last_px + space() + word_px;
        const bool over = std::abs(trial_px - m_width_px) > kTie_px
                              ? trial_px > m_width_px
                              : m_measure(m_lines.back() + ' ' + std::string(word), m_size_px) > m_width_px;
        if (over) {
            startLine(word, word_px);
            return;
        }
        m_lines.back() += ' ';
        m_lines.back() += word;
        m_last_px = trial_px;
    }

    // Adds a run of words (a source), measured whole: when it fits on the current line no break can fall inside it
    // and the words go on together. Otherwise word by word up to the break, then the rest whole once more (it
    // usually fits on the new line), else word by word to its end: the run's text is measured whole at most twice.
    void addRun(std::string_view run) {
        const std::vector<std::string_view> words = wordsOf(run);
        if (addWhole(words, 0)) return;
        std::size_t i = 0;
        for (const std::size_t lines = lineCount(); i < words.size() && lineCount() == lines; ++i)
            add(words[i], measure(words[i]));
        if (addWhole(words, i)) return;
        for (; i < words.size(); ++i) add(words[i], measure(words[i]));
    }

    std::size_t lineCount() const { return m_lines.size(); }
    Mark mark() const { return {m_lines.size(), m_lines.empty() ? 0 : m_lines.back().size(), m_last_px}; }

    // Goes back to an earlier mark: lines are only ever appended to, so what it saw is still there.
    void restore(const Mark& m) {
        m_lines.resize(m.lines);
        if (!m_lines.empty()) m_lines.back().resize(m.lastLength);
        m_last_px = m.last_px;
    }

    std::vector<std::string> take() { return std::move(m_lines); }

private:
    // Puts words[from...] on the current line if they clearly fit there (or there are none); else changes nothing.
    bool addWhole(const std::vector<std::string_view>& words, std::size_t from) {
        if (from == words.size()) return true;
        std::string joined(words[from]);
        for (std::size_t i = from + 1; i < words.size(); ++i) (joined += ' ') += words[i];
        const double run_px = measure(joined);
        const double trial_px = m_lines.empty() ? run_px : m_last_px + space() + run_px;
        if (!(trial_px < m_width_px - kTie_px)) return false;
        if (m_lines.empty()) m_lines.emplace_back();
        else m_lines.back() += ' ';
        m_lines.back() += joined;
        m_last_px = trial_px;
        return true;
    }
    void startLine(std::string_view word, double word_px) {
        m_lines.emplace_back(word);
        m_last_px = word_px;
    }
    double space() {
        if (!m_space_px) m_space_px = measure(" ");
        return *m_space_px;
    }

    double m_width_px;
    double m_size_px;
    const TextMeasure& m_measure;
    std::vector<std::string> m_lines;  // the last one is the line being filled
    double m_last_px = 0;              // the width of the last line
    std::optional<double> m_space_px;
};

}  // namespace

std::vector<std::string> wrapText(const std::string& text, double width_px, double size_px, const TextMeasure& measure) {
    LineFiller filler(width_px, size_px, measure);
    for (std::string_view word : wordsOf(text)) filler.add(word, filler.measure(word));
    return filler.take();
}

std::vector<std::string> sourcesShown(const DynamicScene& scene, const timeline::Catalogue& catalogue) {
    // The events in view (in clusters too) and the crossings drawn, marked by catalogue index in a bitmap: read back
    // in the catalogue's order, each once, with no sort of the (at a million events, hundreds of thousands) shown.
    const std::size_t n = catalogue.events.size();
    std::vector<std::uint64_t> shown((n + 63) / 64);
    const auto mark = [&](std::uint32_t i) {
        if (i < n) shown[i / 64] |= std::uint64_t{1} << (i % 64);
    };
    for (std::uint32_t i : scene.eventsInView) mark(i);
    for (const CrossingIcon& c : scene.crossings)
        if (const timeline::Event* e = catalogue.find(c.crossingId)) mark(catalogue.indexOf(*e));

    // The lists of sources of those events, each kept list once, in the order an event first cites it (ACLED's are
    // interned: 239k distinct lists for a million synthetic rows). Found again by its place in the store, in an
    // open-addressing table (a few loads an event).
    std::vector<LongText> lists;
    std::vector<std::uint64_t> slots(64, 0);  // a list's order() + 1; 0: free
    const auto slotOf = [&](std::uint64_t key) {
        const std::size_t mask = slots.size() - 1;
        std::size_t at = static_cast<std::size_t>(key * 0x9E3779B97F4A7C15u >> 20) & mask;
        while (slots[at] != 0 && slots[at] != key) at = (at + 1) & mask;
        return at;
    };
    const auto firstCited = [&](LongText list) {
        const std::uint64_t key = list.order() + 1;
        std::size_t at = slotOf(key);
        if (slots[at] == key) return false;
        if (2 * (lists.size() + 1) > slots.size()) {  // at most half full: probes stay short
            std::vector<std::uint64_t> old(slots.size() * 2, 0);
            old.swap(slots);
            for (const std::uint64_t kept : old)
                if (kept != 0) slots[slotOf(kept)] = kept;
            at = slotOf(key);
        }
        slots[at] = key;
        return true;
    };
    for (std::size_t word = 0; word < shown.size(); ++word)
        for (std::uint64_t bits = shown[word]; bits != 0; bits &= bits - 1) {
            const LongText list = catalogue.events[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))].sources;
            if (!list.empty() && firstCited(list)) lists.push_back(list);
        }

    // Their text, each block of the store decompressed once: the lists read in the store's order.
    std::vector<std::uint32_t> byPlace(lists.size());
    std::iota(byPlace.begin(), byPlace.end(), 0u);
    std::sort(byPlace.begin(), byPlace.end(), [&](std::uint32_t a, std::uint32_t b) { return lists[a].order() < lists[b].order(); });
    std::vector<LongText> inPlace(lists.size());
    for (std::size_t k = 0; k < byPlace.size(); ++k) inPlace[k] = lists[byPlace[k]];
    // Each source once, found again by hash in a table at most half full, with the first place it is cited at: the
    // rank of the list that cites it first, then its line in that list. The lists are read in the store's order (at
    // a million ACLED rows, 239k lists citing a few hundred outlets 700k times: read in the order cited, they were
    // scattered through 21 MB), and the few sources found are put in the order cited afterwards. Left out: the notes
    // on where coordinates come from.
    struct Found {
        std::string source;
        std::uint64_t first;  // list rank << 32 | line
    };
    std::vector<Found> found;
    std::vector<std::pair<std::size_t, std::size_t>> seen(1024, {0, 0});  // a source's hash, 1 + its place in found
    const auto slotFor = [&](std::size_t hash, std::string_view source) {
        const std::size_t mask = seen.size() - 1;
        std::size_t at = hash & mask;
        while (seen[at].second != 0 && !(seen[at].first == hash && found[seen[at].second - 1].source == source))
            at = (at + 1) & mask;
        return at;
    };
    catalogue.sourceText->forEachLong(inPlace, [&](std::size_t k, std::string_view list) {
        std::uint64_t line = 0;
        timeline::forEachSource(list, [&](std::string_view source) {
            const std::uint64_t cited = std::uint64_t{byPlace[k]} << 32 | line++;
            if (source.rfind("Coordinates", 0) == 0) return;
            const std::size_t hash = std::hash<std::string_view>{}(source);
            if (const auto& slot = seen[slotFor(hash, source)]; slot.second != 0) {
                std::uint64_t& first = found[slot.second - 1].first;
                first = std::min(first, cited);
                return;
            }
            found.push_back({std::string(source), cited});
            if (2 * found.size() > seen.size()) {
                std::vector<std::pair<std::size_t, std::size_t>> old(seen.size() * 2, {0, 0});
                old.swap(seen);
                for (const auto& slot : old)
                    if (slot.second != 0) seen[slotFor(slot.first, found[slot.second - 1].source)] = slot;
            }
            seen[slotFor(hash, source)] = {hash, found.size()};
        });
    });
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.first < b.first; });
    std::vector<std::string> out;
    out.reserve(found.size());
    for (Found& f : found) out.push_back(std::move(f.source));
    return out;
}

ScreenBox legendPlace(const DynamicScene& scene, const View& view, double width_px, double height_px, double margin_px, double k,
                      std::size_t* covered, std::span<const ScreenBox> avoid, bool dateBlock) {
    const double W = view.widthPx, H = view.heightPx;
    const double left = margin_px, right = W - margin_px - width_px, top = margin_px, bottom = H - margin_px - height_px;
    const auto at = [&](double x, double y) { return ScreenBox{x, y, x + width_px, y + height_px}; };
    // The corners first, in order of preference; then along the edges, a quarter of the free length at a time.
    std::vector<ScreenBox> candidates{at(right, bottom), at(right, top), at(left, bottom), at(left, top)};
    for (const double f : {0.5, 0.25, 0.75}) {
        candidates.push_back(at(right, top + (bottom - top) * f));
        candidates.push_back(at(left + (right - left) * f, bottom));
        candidates.push_back(at(left + (right - left) * f, top));
        candidates.push_back(at(left, top + (bottom - top) * f));
    }
    // What the window draws in its corners on its own: the date block, the scale bar and north arrow.
    const ScreenBox dateArea = scene.decorations.dateBlock ? scene.decorations.dateBlock->panel : ScreenBox{0, 0, 420 * k, 110 * k}, scaleBlock = scaleBarArea(scene.decorations, view, k);
    const auto around = [](ScreenPx p, double r) { return ScreenBox{p.x_px - r, p.y_px - r, p.x_px + r, p.y_px + r}; };
    // What a reader must not lose (crossings, events, the names of crossings and of the large cities) counts far more
    // than a lesser name (a province's, a neighbour's, a small town's).
    constexpr std::size_t kMust = 1000;
    std::size_t best = 0, fewest = std::numeric_limits<std::size_t>::max();
    for (std::size_t c = 0; c < candidates.size() && fewest > 0; ++c) {
        const ScreenBox& box = candidates[c];
        if ((dateBlock && box.overlaps(dateArea)) || box.overlaps(scaleBlock)) continue;
        if (std::any_of(avoid.begin(), avoid.end(), [&](const ScreenBox& a) { return box.overlaps(a); })) continue;
        std::size_t n = 0;
        for (const CrossingIcon& i : scene.crossings) n += box.overlaps(around(view.toScreen(i.at), i.size_px)) ? kMust : 0u;
        for (const Label& l : scene.labels)
            if (box.overlaps(l.box)) n += l.kind == LabelKind::Crossing || (l.kind == LabelKind::City && l.rank <= 2) ? kMust : 1u;
        for (const Marker& m : scene.markers) n += box.overlaps(around(drawnAt(m, view), m.radius_px)) ? kMust : 0u;
        for (const Cluster& cl : scene.clusters) n += box.overlaps(around(view.toScreen(cl.at), cl.radius_px)) ? kMust : 0u;
        if (n < fewest) fewest = n, best = c;
    }
    if (fewest == std::numeric_limits<std::size_t>::max()) {  // every place meets the date block or the scale bar
        if (covered) *covered = 1;
        return candidates[0];
    }
    if (covered) *covered = fewest / kMust;
    return candidates[best];
}

std::vector<std::string> wrapSources(const std::vector<std::string>& sources, double width_px, double size_px,
                                     std::size_t maxLines, const TextMeasure& measure) {
    if (sources.empty()) return wrapText("Sources: no event is shown.", width_px, size_px, measure);
    LineFiller filler(width_px, size_px, measure);
    filler.addRun("Sources of the events and crossings shown:");
    const double dot_px = sources.size() > 1 ? filler.measure("·") : 0;
    // One pass: the sources in order, until the lines run out. marks[i] is the layout after the first i sources.
    // Greedy filling never goes back, so a text's layout begins with the layout of its first words: once these
    // overflow, no longer list can fit.
    std::vector<LineFiller::Mark> marks{filler.mark()};
    for (std::size_t i = 0; i < sources.size() && filler.lineCount() <= maxLines; ++i) {
        if (i) filler.add("·", dot_px);
        filler.addRun(sources[i]);
        marks.push_back(filler.mark());
    }
    if (marks.size() == sources.size() + 1 && filler.lineCount() <= maxLines) return filler.take();

    // One cut: the most sources that leave room for "· and N more (listed ...)", or none ("N sources (...)") when
    // not even that fits. The ending is a few words, so this steps back at most about a line of sources.
    const std::vector<std::string_view> listed = wordsOf("(listed with each event, in its details and its file)");
    std::vector<double> listed_px;
    for (std::string_view word : listed) listed_px.push_back(filler.measure(word));
    std::optional<double> and_px, more_px;
    for (std::size_t shown = std::min(marks.size() - 1, sources.size() - 1);; --shown) {
        if (marks[shown].lines > maxLines && shown > 0) continue;
        filler.restore(marks[shown]);
        const std::string hidden = std::to_string(sources.size() - shown);
        if (shown) {
            if (!and_px) {
                and_px = filler.measure("and");
                more_px = filler.measure("more");
            }
            filler.add("·", dot_px);
            filler.add("and", *and_px);
        }
        filler.add(hidden, filler.measure(hidden));
        filler.add(shown ? "more" : "sources", shown ? *more_px : filler.measure("sources"));
        for (std::size_t i = 0; i < listed.size(); ++i) filler.add(listed[i], listed_px[i]);
        if (filler.lineCount() <= maxLines || shown == 0) return filler.take();
    }
}

}  // namespace bordermap::scene
