#include "bordermap/core/word_index.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace bordermap {

DocumentSet::DocumentSet(std::size_t documents, bool all) : m_size(documents), m_bits((documents + 63) / 64, 0) {
    if (!all || documents == 0) return;
    std::fill(m_bits.begin(), m_bits.end(), ~std::uint64_t{0});
    if (documents % 64 != 0) m_bits.back() = (std::uint64_t{1} << (documents % 64)) - 1;  // nothing past the end
}

std::size_t DocumentSet::count() const {
    std::size_t n = 0;
    for (std::uint64_t bits : m_bits) n += static_cast<std::size_t>(std::popcount(bits));
    return n;
}

bool DocumentSet::empty() const {
    return std::all_of(m_bits.begin(), m_bits.end(), [](std::uint64_t bits) { return bits == 0; });
}

DocumentSet& DocumentSet::operator&=(const DocumentSet& other) {
    for (std::size_t w = 0; w < m_bits.size(); ++w) m_bits[w] &= other.m_bits[w];
    return *this;
}

DocumentSet& DocumentSet::operator|=(const DocumentSet& other) {
    for (std::size_t w = 0; w < m_bits.size(); ++w) m_bits[w] |= other.m_bits[w];
    return *this;
}

namespace {

// A list's gaps: each document less the one before less one (the first: the document itself), in LEB128.
void putGap(std::vector<std::uint8_t>& out, std::uint64_t gap) {
    while (gap >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(gap | 0x80));
        gap >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(gap));
}

// Calls f(document) for each document of the `count` in the gaps at `at`.
template <class F>
void forEachGapped(const std::uint8_t* at, std::size_t count, F&& f) {
    std::uint64_t document = ~std::uint64_t{0};  // one before 0
    for (std::size_t k = 0; k < count; ++k) {
        std::uint64_t gap = 0;
        for (unsigned shift = 0;; shift += 7) {
            const std::uint8_t b = *at++;
            gap |= std::uint64_t{b & 0x7Fu} << shift;
            if (b < 0x80) break;
        }
        document += gap + 1;
        f(static_cast<std::size_t>(document));
    }
}

}  // namespace

std::vector<std::uint32_t> WordIndex::wordsMatching(std::string_view token, WordMatch how) const {
    std::vector<std::uint32_t> out;
    const auto byWord = [&](const Entry& e, std::string_view t) {
        return std::string_view(m_text.data() + e.textAt, e.length) < t;
    };
    if (how == WordMatch::Whole || how == WordMatch::Prefix) {
        auto it = std::lower_bound(m_entries.begin(), m_entries.end(), token, byWord);
        for (; it != m_entries.end(); ++it) {
            const std::string_view w(m_text.data() + it->textAt, it->length);
            if (how == WordMatch::Whole ? w != token : !w.starts_with(token)) break;
            out.push_back(static_cast<std::uint32_t>(it - m_entries.begin()));
        }
        return out;
    }
    if (token.empty()) {
        out.resize(m_entries.size());
        std::iota(out.begin(), out.end(), 0u);
        return out;
    }
    // One search through every word at once: the words lie in m_text one after another with a NUL after each,
    // which no token holds, so a hit never spans two words.
    const char* at = m_text.data();
    const char* end = m_text.data() + m_text.size();
    while (at < end) {
        const void* hit = memmem(at, static_cast<std::size_t>(end - at), token.data(), token.size());
        if (hit == nullptr) break;
        const auto position = static_cast<std::uint32_t>(static_cast<const char*>(hit) - m_text.data());
        const auto it = std::upper_bound(m_entries.begin(), m_entries.end(), position,
                                         [](std::uint32_t p, const Entry& e) { return p < e.textAt; }) - 1;
        const std::string_view w(m_text.data() + it->textAt, it->length);
        if (how == WordMatch::Within || w.ends_with(token)) out.push_back(static_cast<std::uint32_t>(it - m_entries.begin()));
        at = m_text.data() + it->textAt + it->length + 1;  // the next word
    }
    return out;
}

void WordIndex::addDocuments(std::size_t i, DocumentSet& into) const {
    const Entry& e = m_entries[i];
    if (e.bitmap) {
        const std::uint64_t* bits = m_bitmaps[e.at].data();
        for (std::size_t w = 0; w < into.m_bits.size(); ++w) into.m_bits[w] |= bits[w];
        return;
    }
    forEachGapped(m_gaps.data() + e.at, e.count, [&](std::size_t document) { into.insert(document); });
}

DocumentSet WordIndex::documentsMatching(std::string_view token, WordMatch how) const {
    DocumentSet out(m_documents);
    for (std::uint32_t i : wordsMatching(token, how)) addDocuments(i, out);
    return out;
}

std::size_t WordIndex::bytes() const {
    std::size_t bitmaps = m_bitmaps.capacity() * sizeof(std::vector<std::uint64_t>);
    for (const auto& bits : m_bitmaps) bitmaps += bits.capacity() * sizeof(std::uint64_t);
    return m_text.capacity() + m_entries.capacity() * sizeof(Entry) + m_gaps.capacity() + bitmaps;
}

// The words seen so far, found again through an open-addressing table of their numbers (a word is looked up once
// for each time it occurs: tens of millions of times for a million events, where std::unordered_map's nodes cost
// several times as much), and each word's list as it grows.
struct WordIndexBuilder::Lists {
    std::size_t documents = 0;
    std::size_t lastDocument = 0;
    bool any = false;
    std::string text;                  // every word seen, one after another
    std::vector<std::uint32_t> textAt; // by word number, where it starts in `text`; one more at the end
    std::vector<std::uint64_t> hashes; // by word number
    std::vector<std::uint32_t> slots;  // word number + 1, or 0 for none; a power of two long
    // A list as gaps until they would outgrow a bitmap, then as the bitmap: what the index keeps, held as it will be
    // kept, so that building costs little more memory than the index (a word in every event, as gaps until the end,
    // would take eight times its bitmap, and twice that while its vector grows).
    struct List {
        std::vector<std::uint8_t> gaps;
        std::vector<std::uint64_t> bits;  // not empty: the list is a bitmap
        std::uint32_t count = 0;
        std::uint64_t last = ~std::uint64_t{0};  // the last document added, or one before 0
    };
    std::vector<List> lists;  // by word number

    static std::uint64_t hash(std::string_view word) {
        std::uint64_t h = 0xcbf29ce484222325u;  // FNV-1a
        for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
        return h ^ (h >> 29);
    }
    std::string_view wordOf(std::uint32_t id) const { return {text.data() + textAt[id], textAt[id + 1] - textAt[id]}; }
    void grow() {
        std::vector<std::uint32_t> bigger(std::max<std::size_t>(1024, slots.size() * 2), 0);
        const std::size_t mask = bigger.size() - 1;
        for (std::uint32_t id = 0; id < lists.size(); ++id) {
            std::size_t s = hashes[id] & mask;
            while (bigger[s] != 0) s = (s + 1) & mask;
            bigger[s] = id + 1;
        }
        slots = std::move(bigger);
    }
};

WordIndexBuilder::WordIndexBuilder(std::size_t documents) : m_lists(std::make_unique<Lists>()) {
    m_lists->documents = documents;
    m_lists->textAt.push_back(0);
    m_lists->grow();
}

WordIndexBuilder::~WordIndexBuilder() = default;

std::uint32_t WordIndexBuilder::idOf(std::string_view word) {
    Lists& l = *m_lists;
    const std::uint64_t h = Lists::hash(word);
    const std::size_t mask = l.slots.size() - 1;
    std::size_t s = h & mask;
    for (; l.slots[s] != 0; s = (s + 1) & mask) {
        const std::uint32_t id = l.slots[s] - 1;
        if (l.hashes[id] == h && l.wordOf(id) == word) return id;
    }
    const auto id = static_cast<std::uint32_t>(l.lists.size());
    l.text.append(word);
    l.textAt.push_back(static_cast<std::uint32_t>(l.text.size()));
    l.hashes.push_back(h);
    l.lists.emplace_back();
    l.slots[s] = id + 1;
    if (l.lists.size() * 2 > l.slots.size()) l.grow();  // at most half full: probes stay short
    return id;
}

void WordIndexBuilder::add(std::size_t document, std::span<const std::uint32_t> words) {
    Lists& l = *m_lists;
    if (document >= l.documents || (l.any && document <= l.lastDocument))
        throw std::logic_error("WordIndexBuilder::add: documents must come in ascending order, within the count");
    l.any = true;
    l.lastDocument = document;
    const std::size_t bitmapWords = (l.documents + 63) / 64;
    for (std::uint32_t id : words) {
        Lists::List& list = l.lists.at(id);
        if (list.last == document) continue;  // said twice: a list's last document says so without sorting the words
        if (list.bits.empty()) {
            putGap(list.gaps, document - list.last - 1);
            if (list.gaps.size() > bitmapWords * sizeof(std::uint64_t)) {
                list.bits.assign(bitmapWords, 0);
                forEachGapped(list.gaps.data(), list.count,
                              [&](std::size_t d) { list.bits[d / 64] |= std::uint64_t{1} << (d % 64); });
                std::vector<std::uint8_t>().swap(list.gaps);
            }
        }
        if (!list.bits.empty()) list.bits[document / 64] |= std::uint64_t{1} << (document % 64);
        list.last = document;
        ++list.count;
    }
}

WordIndex WordIndexBuilder::finish() {
    Lists& l = *m_lists;
    WordIndex index;
    index.m_documents = l.documents;
    std::vector<std::uint32_t> order(l.lists.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return l.wordOf(a) < l.wordOf(b); });
    std::size_t gapBytes = 0, bitmaps = 0;
    for (const Lists::List& list : l.lists) {
        if (!list.bits.empty()) ++bitmaps;
        else gapBytes += list.gaps.size();
    }
    index.m_text.reserve(l.text.size() + l.lists.size());
    index.m_entries.reserve(l.lists.size());
    index.m_gaps.reserve(gapBytes);
    index.m_bitmaps.reserve(bitmaps);
    for (std::uint32_t id : order) {
        Lists::List& list = l.lists[id];
        WordIndex::Entry e;
        e.textAt = static_cast<std::uint32_t>(index.m_text.size());
        e.length = static_cast<std::uint32_t>(l.wordOf(id).size());
        e.count = list.count;
        index.m_text.append(l.wordOf(id));
        index.m_text.push_back('\0');
        e.bitmap = !list.bits.empty();
        if (e.bitmap) {
            e.at = index.m_bitmaps.size();
            index.m_bitmaps.push_back(std::move(list.bits));  // moved, not copied: never held twice
        } else {
            e.at = index.m_gaps.size();
            index.m_gaps.insert(index.m_gaps.end(), list.gaps.begin(), list.gaps.end());
        }
        std::vector<std::uint8_t>().swap(list.gaps);  // freed as it goes: the index and the lists are not both held whole
        index.m_entries.push_back(e);
    }
    m_lists = std::make_unique<Lists>();
    m_lists->textAt.push_back(0);
    m_lists->grow();
    return index;
}

}  // namespace bordermap
