#pragma once
// An index of words: for each word of a set of documents (numbered 0 .. n-1), the ascending list of the documents
// that hold it, so that "which documents hold these words" costs what the lists cost, not what the text costs; and
// each document's words in order (a forward index), so that "which documents hold these words one after another"
// costs what the words cost, not what the text costs. A word is a run of ASCII letters and digits and of bytes from 0x80 on (UTF-8 beyond ASCII is kept whole,
// not folded), with ASCII letters in lower case; every other byte separates words. The same rule reads documents
// and queries, so a query's token lies inside one of a document's words exactly when the document's text holds it.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bordermap {

namespace detail {
// Each byte as it stands in a word (ASCII letters lowered), or 0 for a byte that separates words.
inline constexpr std::array<char, 256> kWordByte = [] {
    std::array<char, 256> table{};
    for (int b = 0; b < 256; ++b) {
        const bool word = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80;
        if (word) table[static_cast<std::size_t>(b)] = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
    }
    return table;
}();
inline char wordByte(char c) { return kWordByte[static_cast<unsigned char>(c)]; }
}  // namespace detail

// Whether the byte `c` belongs to a word: an ASCII letter or digit, or any byte of a UTF-8 sequence beyond ASCII.
inline bool isWordByte(char c) { return detail::wordByte(c) != 0; }

// Calls f(word, at) for each word of `text` in order: the word in lower case (a view valid during the call only)
// and the byte where it starts in `text`.
template <class F>
void forEachWord(std::string_view text, F&& f) {
    std::string lowered;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* at = begin; at < end;) {
        while (at < end && !isWordByte(*at)) ++at;
        const char* const start = at;
        while (at < end && isWordByte(*at)) ++at;
        if (at == start) break;
        lowered.resize(static_cast<std::size_t>(at - start));
        for (std::size_t i = 0; i < lowered.size(); ++i) lowered[i] = detail::wordByte(start[i]);
        f(std::string_view(lowered), static_cast<std::size_t>(start - begin));
    }
}

// Calls f(word, spaced) for each word of `text` in order, as forEachWord does, with `spaced` true when the bytes
// between the word and the one before it are exactly one ASCII space (false for the first word): what
// WordIndexBuilder::add wants to know of each word besides its number.
template <class F>
void forEachSpacedWord(std::string_view text, F&& f) {
    std::size_t end = std::string_view::npos;  // where the word before ends
    forEachWord(text, [&](std::string_view word, std::size_t at) {
        f(word, end != std::string_view::npos && at == end + 1 && text[end] == ' ');
        end = at + word.size();
    });
}

// A set of documents, one bit each: what a query's terms are combined in.
class DocumentSet {
public:
    DocumentSet() = default;
    explicit DocumentSet(std::size_t documents, bool all = false);

    std::size_t size() const { return m_size; }
    bool contains(std::size_t document) const { return (m_bits[document / 64] >> (document % 64)) & 1u; }
    void insert(std::size_t document) { m_bits[document / 64] |= std::uint64_t{1} << (document % 64); }
    void erase(std::size_t document) { m_bits[document / 64] &= ~(std::uint64_t{1} << (document % 64)); }
    std::size_t count() const;
    bool empty() const;
    // Both sets must be of the same size.
    DocumentSet& operator&=(const DocumentSet& other);
    DocumentSet& operator|=(const DocumentSet& other);
    // Calls f(document) for each member, in ascending order.
    template <class F>
    void forEach(F&& f) const {
        for (std::size_t w = 0; w < m_bits.size(); ++w)
            for (std::uint64_t bits = m_bits[w]; bits != 0; bits &= bits - 1)
                f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }

private:
    friend class WordIndex;
    std::size_t m_size = 0;
    std::vector<std::uint64_t> m_bits;
};

// How a query's token must sit in a word: the whole word, its start, its end, or anywhere in it.
enum class WordMatch { Whole, Prefix, Suffix, Within };

// How WordIndex::documentsWithPhrase finds its documents: Auto weighs the two; tests ask for each.
enum class PhraseSearch {
    Auto,
    Candidates,  // reads the words of each document holding a word that the rarest token matches
    Stream,      // searches every document's words at once for the rarest token's words, then reads around each
};

// The index itself: its words in byte order, and each word's documents. A list is kept as the gaps between
// its documents in LEB128 varints (a word in a document of every few hundred: a byte or two a document) or, where
// that would be larger, as a bitmap of every document (a word in more than about one document in eight).
// Each document's words in order (those of the fields added in order, not those only listed) are kept one document
// after another as LEB128 varints of number * 2 + spaced, where a word's number here is its rank by occurrences
// in them (the commonest 64 take one byte, the next 8128 two) and
// `spaced` says that exactly one ASCII space stands between it and the word before it in the same field; a field's
// first word is never spaced, so no phrase spans two fields (or two documents).
class WordIndex {
public:
    WordIndex() = default;  // no documents, no words

    std::size_t documentCount() const { return m_documents; }
    std::size_t wordCount() const { return m_entries.size(); }
    std::string_view word(std::size_t i) const { return {m_text.data() + m_entries[i].textAt, m_entries[i].length}; }
    std::size_t documentsWith(std::size_t i) const { return m_entries[i].count; }

    // The words that `token` (in lower case) matches as `how` says, by number, in byte order. Whole and Prefix
    // cost a binary search; Suffix and Within a pass over the words (each word's bytes once).
    std::vector<std::uint32_t> wordsMatching(std::string_view token, WordMatch how) const;
    // Adds to `into` (of documentCount() documents) every document holding word `i`.
    void addDocuments(std::size_t i, DocumentSet& into) const;
    // The documents holding any word that `token` matches as `how` says.
    DocumentSet documentsMatching(std::string_view token, WordMatch how) const;

    // Whether each document's words are kept in order: always, unless they would outgrow 4 GiB.
    bool keepsSequences() const { return !m_sequenceAt.empty(); }
    // The documents with, in one field kept in order, `tokens` (in lower case, not empty; two or more) joined by
    // single spaces as a query: consecutive words of one field, each after exactly one space, the first ending with
    // tokens[0], the last starting with tokens.back() and those between equal to theirs. Exactly the documents one
    // of whose fields kept in order (not those only listed) holds the tokens joined by single spaces, read from the
    // words in order, not the text. Uses two threads when it searches every document. Throws std::logic_error if
    // fewer than two tokens or the index keeps no sequences.
    DocumentSet documentsWithPhrase(std::span<const std::string> tokens, PhraseSearch how = PhraseSearch::Auto) const;

    // Bytes held: the words, the lists, a small record a word, and the words in order.
    std::size_t bytes() const;

private:
    friend class WordIndexBuilder;
    struct Entry {
        std::uint64_t at = 0;      // where its list is: a byte of m_gaps, or an item of m_bitmaps
        std::uint32_t textAt = 0;  // where the word starts in m_text
        std::uint32_t length = 0;
        std::uint32_t count = 0;   // documents holding it
        bool bitmap = false;
    };
    std::size_t m_documents = 0;
    std::string m_text;                   // the words in byte order, each followed by a NUL
    std::vector<Entry> m_entries;         // in the same order
    std::vector<std::uint8_t> m_gaps;     // the varint lists, one after another
    std::vector<std::vector<std::uint64_t>> m_bitmaps;  // the bitmap lists, (documents + 63) / 64 words each
    std::vector<std::uint8_t> m_sequences;    // each document's words in order, one document after another
    std::vector<std::uint32_t> m_sequenceAt;  // by document, where its words start in m_sequences; one more at the end
    std::vector<std::uint32_t> m_rankOf;      // by word (in byte order), its number in m_sequences
};

// Builds a WordIndex from documents given one at a time in ascending order of number. Words get a number as they
// are first seen (idOf), so a document's words can be kept as numbers until it is added; numbers are the
// builder's own, not the index's.
class WordIndexBuilder {
public:
    explicit WordIndexBuilder(std::size_t documents);
    ~WordIndexBuilder();
    WordIndexBuilder(const WordIndexBuilder&) = delete;
    WordIndexBuilder& operator=(const WordIndexBuilder&) = delete;

    // The number of `word` (in lower case, not empty), given it if it is new. At most 2^31 words.
    std::uint32_t idOf(std::string_view word);
    // A word as add takes it: its number from idOf and whether exactly one ASCII space stands between it and the
    // word before it in the same field (forEachSpacedWord; never a field's first word).
    static std::uint32_t placed(std::uint32_t id, bool spaced) { return id << 1 | (spaced ? 1u : 0u); }
    // The words of `document`: `inOrder`, each from placed(), the words of the fields whose words are kept in order
    // (each field's words in order, one field after another), and `listed`, numbers from idOf in any order,
    // repeated or not, those of fields whose words are only listed (texts that many documents share, which a
    // caller searches once each instead). Throws std::logic_error if `document` is not above the last one added or
    // is out of range.
    void add(std::size_t document, std::span<const std::uint32_t> inOrder, std::span<const std::uint32_t> listed = {});
    // The index; the builder is left empty.
    WordIndex finish();

private:
    struct Lists;
    std::unique_ptr<Lists> m_lists;
};

}  // namespace bordermap
