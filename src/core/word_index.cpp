#include "bordermap/core/word_index.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

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

// A LEB128 varint: a list's gap (each document less the one before less one; the first, the document itself) or a
// word in order.
void putVarint(std::vector<std::uint8_t>& out, std::uint64_t gap) {
    while (gap >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(gap | 0x80));
        gap >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(gap));
}

// The LEB128 varint at `at`, which is moved past it.
std::uint64_t readVarint(const std::uint8_t*& at) {
    std::uint64_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
        const std::uint8_t b = *at++;
        value |= std::uint64_t{b & 0x7Fu} << shift;
        if (b < 0x80) return value;
    }
}

// Calls f(document) for each document of the `count` in the gaps at `at`.
template <class F>
void forEachGapped(const std::uint8_t* at, std::size_t count, F&& f) {
    std::uint64_t document = ~std::uint64_t{0};  // one before 0
    for (std::size_t k = 0; k < count; ++k) {
        document += readVarint(at) + 1;
        f(static_cast<std::size_t>(document));
    }
}

// A phrase's tokens as sets of word numbers (those of m_sequences), each a bitmap over the numbers: a token's
// words are a few or many thousand (a token's start or end), tested once for each word read.
struct PhraseWords {
    std::vector<std::vector<std::uint64_t>> bits;  // by token
    std::vector<std::vector<std::uint32_t>> numbers;
    std::vector<std::size_t> documents;  // by token, the documents listed for its words (some counted twice)
    bool has(std::size_t token, std::uint64_t number) const {
        return number / 64 < bits[token].size() && (bits[token][number / 64] >> (number % 64)) & 1u;
    }
};

// Whether `sequence` (words in order, each number * 2 + spaced) holds the phrase at its word `i`, for whichever
// tokens the caller has not checked yet: the first token ends a word, each later one is spaced.
bool phraseAt(const PhraseWords& phrase, std::span<const std::uint64_t> sequence, std::size_t i) {
    const std::size_t k = phrase.bits.size();
    if (i + k > sequence.size() || !phrase.has(0, sequence[i] >> 1)) return false;
    for (std::size_t j = 1; j < k; ++j)
        if ((sequence[i + j] & 1u) == 0 || !phrase.has(j, sequence[i + j] >> 1)) return false;
    return true;
}

}  // namespace

DocumentSet WordIndex::documentsWithPhrase(std::span<const std::string> tokens, PhraseSearch how) const {
    if (tokens.size() < 2) throw std::logic_error("WordIndex::documentsWithPhrase: a phrase is two tokens or more");
    if (!keepsSequences()) throw std::logic_error("WordIndex::documentsWithPhrase: this index keeps no words in order");
    const std::size_t k = tokens.size();
    DocumentSet out(m_documents);
    PhraseWords phrase;
    for (std::size_t j = 0; j < k; ++j) {
        const WordMatch match = j == 0 ? WordMatch::Suffix : (j + 1 == k ? WordMatch::Prefix : WordMatch::Whole);
        const std::vector<std::uint32_t> words = wordsMatching(tokens[j], match);
        if (words.empty()) return out;
        std::vector<std::uint64_t> bits;
        std::vector<std::uint32_t> numbers;
        std::size_t documents = 0;
        for (std::uint32_t w : words) {
            const std::uint32_t number = m_rankOf[w];
            if (number / 64 >= bits.size()) bits.resize(number / 64 + 1, 0);
            bits[number / 64] |= std::uint64_t{1} << (number % 64);
            numbers.push_back(number);
            documents += m_entries[w].count;
        }
        phrase.bits.push_back(std::move(bits));
        phrase.numbers.push_back(std::move(numbers));
        phrase.documents.push_back(documents);
    }

    // The anchor: the token searched for, whose words each give a code to look for (the first token's words two, as
    // either may stand after a space or not); the fewest codes, then the fewest documents.
    const auto codes = [&](std::size_t j) { return phrase.numbers[j].size() * (j == 0 ? 2 : 1); };
    std::size_t anchor = 0;
    for (std::size_t j = 1; j < k; ++j)
        if (codes(j) < codes(anchor) || (codes(j) == codes(anchor) && phrase.documents[j] < phrase.documents[anchor])) anchor = j;
    std::size_t rarest = 0;
    for (std::size_t j = 1; j < k; ++j)
        if (phrase.documents[j] < phrase.documents[rarest]) rarest = j;
    if (how == PhraseSearch::Auto) {
        // A search of every document's words runs at memchr's pace, several times a decoder's over the same bytes;
        // past a few codes, or where a token is in few documents, read those documents instead.
        const double perDocument = static_cast<double>(m_sequences.size()) / static_cast<double>(std::max<std::size_t>(1, m_documents));
        const double candidates = static_cast<double>(std::min(phrase.documents[rarest], m_documents)) * perDocument * 8;
        const double stream = static_cast<double>(m_sequences.size() * codes(anchor));
        how = codes(anchor) > 6 || candidates < stream ? PhraseSearch::Candidates : PhraseSearch::Stream;
    }

    if (how == PhraseSearch::Candidates) {
        DocumentSet candidates(m_documents);
        for (std::uint32_t w : wordsMatching(tokens[rarest], rarest == 0 ? WordMatch::Suffix : (rarest + 1 == k ? WordMatch::Prefix : WordMatch::Whole)))
            addDocuments(w, candidates);
        std::vector<std::uint64_t> sequence;
        candidates.forEach([&](std::size_t d) {
            sequence.clear();
            const std::uint8_t* at = m_sequences.data() + m_sequenceAt[d];
            for (const std::uint8_t* end = m_sequences.data() + m_sequenceAt[d + 1]; at < end;) sequence.push_back(readVarint(at));
            for (std::size_t i = 0; i + k <= sequence.size(); ++i)
                if (phraseAt(phrase, sequence, i)) {
                    out.insert(d);
                    break;
                }
        });
        return out;
    }

    // Each code of the anchor is looked for with memchr on its first byte. A code starts where the byte before it
    // ends one (is below 0x80), so a hit inside another word's code is told apart; from a code found, the words
    // after it are read forwards and those before it backwards (each starts after a byte below 0x80), never
    // past a word that is not spaced, which a field's first word never is.
    std::vector<std::array<std::uint8_t, 5>> anchorCodes;
    std::vector<std::size_t> codeLength;
    for (std::uint32_t number : phrase.numbers[anchor])
        for (std::uint32_t spaced = anchor == 0 ? 0 : 1; spaced < 2; ++spaced) {
            std::array<std::uint8_t, 5> code{};
            std::size_t n = 0;
            for (std::uint64_t v = std::uint64_t{number} * 2 + spaced;; v >>= 7) {
                code[n++] = static_cast<std::uint8_t>(v < 0x80 ? v : (v & 0x7F) | 0x80);
                if (v < 0x80) break;
            }
            anchorCodes.push_back(code);
            codeLength.push_back(n);
        }
    const std::uint8_t* const base = m_sequences.data();
    const std::size_t size = m_sequences.size();
    const auto holdsAround = [&](std::size_t from, std::size_t to) {  // the anchor's code lies in [from, to)
        const std::uint8_t* at = base + to;
        for (std::size_t j = anchor + 1; j < k; ++j) {
            if (at == base + size) return false;
            const std::uint64_t v = readVarint(at);
            if ((v & 1u) == 0 || !phrase.has(j, v >> 1)) return false;
        }
        std::size_t start = from;
        for (std::size_t j = anchor; j-- > 0;) {
            std::size_t before = start - 1;  // the anchor, or the word after this one, is spaced: a word precedes it
            while (before > 0 && base[before - 1] >= 0x80) --before;
            const std::uint8_t* word = base + before;
            const std::uint64_t v = readVarint(word);
            if (!phrase.has(j, v >> 1) || (j > 0 && (v & 1u) == 0)) return false;
            start = before;
        }
        return true;
    };
    // Two halves on two threads, split where a document starts: a document's words are found by one of them.
    const std::size_t middleDocument = static_cast<std::size_t>(
        std::upper_bound(m_sequenceAt.begin(), m_sequenceAt.end() - 1, static_cast<std::uint32_t>(size / 2)) - m_sequenceAt.begin()) - 1;
    const std::size_t threads = size >= (std::size_t{1} << 20) && std::thread::hardware_concurrency() > 1 ? 2 : 1;
    std::vector<DocumentSet> found(threads, DocumentSet(m_documents));
    const auto search = [&](std::size_t half) {
        const std::size_t firstDocument = threads == 1 || half == 0 ? 0 : middleDocument;
        const std::size_t from = m_sequenceAt[firstDocument];
        const std::size_t to = threads == 1 || half == 1 ? size : m_sequenceAt[middleDocument];
        for (std::size_t c = 0; c < anchorCodes.size(); ++c) {
            const std::array<std::uint8_t, 5>& code = anchorCodes[c];
            const std::size_t length = codeLength[c];
            std::size_t document = firstDocument;
            for (std::size_t at = from; at < to;) {
                const void* hit = std::memchr(base + at, code[0], to - at);
                if (hit == nullptr) break;
                const auto p = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - base);
                at = p + 1;
                if ((p > 0 && base[p - 1] >= 0x80) || p + length > size || std::memcmp(base + p, code.data(), length) != 0) continue;
                if (!holdsAround(p, p + length)) continue;
                while (m_sequenceAt[document + 1] <= p) ++document;
                found[half].insert(document);
            }
        }
    };
    if (threads == 1) {
        search(0);
        return std::move(found[0]);
    }
    std::thread second(search, 1);
    search(0);
    second.join();
    found[0] |= found[1];
    return std::move(found[0]);
}

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
    return m_text.capacity() + m_entries.capacity() * sizeof(Entry) + m_gaps.capacity() + bitmaps +
           m_sequences.capacity() + m_sequenceAt.capacity() * sizeof(std::uint32_t) + m_rankOf.capacity() * sizeof(std::uint32_t);
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
        std::uint64_t occurrences = 0;           // in all documents' words in order, each time said
    };
    std::vector<List> lists;  // by word number
    // Each document's words in order as varints of placed() words, with the builder's numbers (which finish
    // replaces by ranks); given up, and emptied, past 4 GiB.
    std::vector<std::uint8_t> sequences;
    std::vector<std::uint32_t> sequenceAt;  // by document added or passed over
    bool sequencesFit = true;

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
    if (l.lists.size() >= (std::size_t{1} << 31)) throw std::length_error("WordIndexBuilder::idOf: more than 2^31 words");
    const auto id = static_cast<std::uint32_t>(l.lists.size());
    l.text.append(word);
    l.textAt.push_back(static_cast<std::uint32_t>(l.text.size()));
    l.hashes.push_back(h);
    l.lists.emplace_back();
    l.slots[s] = id + 1;
    if (l.lists.size() * 2 > l.slots.size()) l.grow();  // at most half full: probes stay short
    return id;
}

void WordIndexBuilder::add(std::size_t document, std::span<const std::uint32_t> inOrder, std::span<const std::uint32_t> listed) {
    Lists& l = *m_lists;
    if (document >= l.documents || (l.any && document <= l.lastDocument))
        throw std::logic_error("WordIndexBuilder::add: documents must come in ascending order, within the count");
    l.any = true;
    l.lastDocument = document;
    const std::size_t bitmapWords = (l.documents + 63) / 64;
    while (l.sequencesFit && l.sequenceAt.size() <= document) l.sequenceAt.push_back(static_cast<std::uint32_t>(l.sequences.size()));
    const auto addTo = [&](std::uint32_t id) {  // document goes on word id's list
        Lists::List& list = l.lists.at(id);
        if (list.last == document) return;  // said twice: a list's last document says so without sorting the words
        if (list.bits.empty()) {
            putVarint(list.gaps, document - list.last - 1);
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
    };
    for (std::uint32_t word : inOrder) {
        ++l.lists.at(word >> 1).occurrences;
        if (l.sequencesFit) putVarint(l.sequences, word);
        addTo(word >> 1);
    }
    for (std::uint32_t id : listed) addTo(id);
    if (l.sequences.size() > std::numeric_limits<std::uint32_t>::max()) {
        l.sequencesFit = false;
        std::vector<std::uint8_t>().swap(l.sequences);
        std::vector<std::uint32_t>().swap(l.sequenceAt);
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

    // The words in order again, each numbered by its rank in occurrences, so that the commonest take a byte.
    if (l.sequencesFit) {
        std::vector<std::uint32_t> byOccurrences(l.lists.size());
        std::iota(byOccurrences.begin(), byOccurrences.end(), 0u);
        std::stable_sort(byOccurrences.begin(), byOccurrences.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return l.lists[a].occurrences > l.lists[b].occurrences; });
        std::vector<std::uint32_t> rank(l.lists.size());
        for (std::uint32_t r = 0; r < byOccurrences.size(); ++r) rank[byOccurrences[r]] = r;
        std::vector<std::uint32_t>().swap(byOccurrences);
        index.m_rankOf.reserve(order.size());
        for (std::uint32_t id : order) index.m_rankOf.push_back(rank[id]);
        while (l.sequenceAt.size() <= l.documents) l.sequenceAt.push_back(static_cast<std::uint32_t>(l.sequences.size()));
        std::size_t bytes = 0;
        const auto lengthOf = [](std::uint64_t v) { return std::size_t{1} + static_cast<std::size_t>(std::bit_width(v | 1) - 1) / 7; };
        for (const std::uint8_t* at = l.sequences.data(), *end = at + l.sequences.size(); at < end;) {
            const std::uint64_t word = readVarint(at);
            bytes += lengthOf(std::uint64_t{rank[word >> 1]} * 2 + (word & 1u));
        }
        if (bytes <= std::numeric_limits<std::uint32_t>::max()) {
            index.m_sequences.reserve(bytes);
            index.m_sequenceAt.reserve(l.sequenceAt.size());
            const std::uint8_t* at = l.sequences.data();
            for (std::size_t d = 0; d < l.documents; ++d) {
                index.m_sequenceAt.push_back(static_cast<std::uint32_t>(index.m_sequences.size()));
                for (const std::uint8_t* end = l.sequences.data() + l.sequenceAt[d + 1]; at < end;) {
                    const std::uint64_t word = readVarint(at);
                    putVarint(index.m_sequences, std::uint64_t{rank[word >> 1]} * 2 + (word & 1u));
                }
            }
            index.m_sequenceAt.push_back(static_cast<std::uint32_t>(index.m_sequences.size()));
        } else {
            std::vector<std::uint32_t>().swap(index.m_rankOf);
        }
    }
    m_lists = std::make_unique<Lists>();
    m_lists->textAt.push_back(0);
    m_lists->grow();
    return index;
}

}  // namespace bordermap
