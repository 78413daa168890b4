#include <bordermap/core/word_index.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace bordermap;

namespace {

std::vector<std::pair<std::string, std::size_t>> wordsOf(std::string_view text) {
    std::vector<std::pair<std::string, std::size_t>> out;
    forEachWord(text, [&](std::string_view word, std::size_t at) { out.emplace_back(word, at); });
    return out;
}

bool matches(std::string_view word, std::string_view token, WordMatch how) {
    switch (how) {
    case WordMatch::Whole: return word == token;
    case WordMatch::Prefix: return word.starts_with(token);
    case WordMatch::Suffix: return word.ends_with(token);
    case WordMatch::Within: return word.find(token) != std::string_view::npos;
    }
    return false;
}

}  // namespace

TEST_CASE("words are runs of ASCII letters and digits and of bytes past ASCII, in lower case") {
    using W = std::vector<std::pair<std::string, std::size_t>>;
    CHECK(wordsOf("Clash in TORKHAM, 3 killed") == W{{"clash", 0}, {"in", 6}, {"torkham", 9}, {"3", 18}, {"killed", 20}});
    // Punctuation, underscores and control characters separate; nothing at either end is lost.
    CHECK(wordsOf("(Kunar)-province_2025.\n\tx") == W{{"kunar", 1}, {"province", 8}, {"2025", 17}, {"x", 24}});
    CHECK(wordsOf("").empty());
    CHECK(wordsOf(" ,.;- ").empty());
    // UTF-8 beyond ASCII is part of a word, not folded: an em dash joins what it stands between.
    CHECK(wordsOf("Ṭūrkham Torkham\xE2\x80\x94Nangarhar") ==
          W{{"\xE1\xB9\xAC\xC5\xABrkham", 0}, {"torkham\xE2\x80\x94nangarhar", 11}});
    CHECK(wordsOf("کابل, Kabul") == W{{"کابل", 0}, {"kabul", 10}});
    CHECK(isWordByte('a'));
    CHECK(isWordByte('Z'));
    CHECK(isWordByte('7'));
    CHECK(isWordByte('\x80'));
    CHECK_FALSE(isWordByte('_'));
    CHECK_FALSE(isWordByte('\0'));
    CHECK_FALSE(isWordByte('\''));
}

TEST_CASE("a document set holds what is put in it and combines with another") {
    DocumentSet a(130), b(130), all(130, true);
    CHECK(a.empty());
    CHECK(all.count() == 130);
    CHECK(all.contains(129));
    a.insert(0);
    a.insert(64);
    a.insert(129);
    b.insert(64);
    b.insert(100);
    CHECK(a.count() == 3);
    DocumentSet both = a;
    both &= b;
    CHECK(both.count() == 1);
    CHECK(both.contains(64));
    a |= b;
    std::vector<std::size_t> members;
    a.forEach([&](std::size_t d) { members.push_back(d); });
    CHECK(members == std::vector<std::size_t>{0, 64, 100, 129});
    a.erase(64);
    CHECK_FALSE(a.contains(64));
    CHECK(DocumentSet(0, true).empty());
}

TEST_CASE("the word index lists each word's documents as a scan of the documents finds them") {
    std::mt19937_64 random(3);
    const char* vocabulary[] = {"torkham", "tork", "kunar", "nangarhar", "a", "ab", "abab", "ba", "in", "3", "2025",
                                "\xE1\xB9\xAC\xC5\xABrkham", "killed", "kill"};
    for (std::size_t documents : {std::size_t{1}, std::size_t{37}, std::size_t{700}}) {
        WordIndexBuilder builder(documents);
        std::map<std::string, std::set<std::size_t>> expected;
        for (std::size_t d = 0; d < documents; ++d) {
            if (random() % 5 == 0) continue;  // some documents have no words
            std::vector<std::uint32_t> words;
            // "in" is in nearly every document (a bitmap); the rest in a few (gaps).
            if (random() % 10 != 0) {
                words.push_back(WordIndexBuilder::placed(builder.idOf("in"), false));
                expected["in"].insert(d);
            }
            for (std::uint64_t k = random() % 4; k > 0; --k) {
                const std::string word = vocabulary[random() % std::size(vocabulary)];
                words.push_back(WordIndexBuilder::placed(builder.idOf(word), true));
                words.push_back(WordIndexBuilder::placed(builder.idOf(word), false));  // a word said twice counts once
                expected[word].insert(d);
            }
            std::shuffle(words.begin(), words.end(), random);
            builder.add(d, words);
        }
        const WordIndex index = builder.finish();
        CAPTURE(documents);
        REQUIRE(index.documentCount() == documents);
        REQUIRE(index.wordCount() == expected.size());
        for (std::size_t i = 0; i < index.wordCount(); ++i) {
            const std::string word(index.word(i));
            CAPTURE(word);
            REQUIRE(expected.count(word) == 1);
            if (i > 0) CHECK(index.word(i - 1) < index.word(i));  // in byte order
            DocumentSet found(documents);
            index.addDocuments(i, found);
            std::set<std::size_t> got;
            found.forEach([&](std::size_t d) { got.insert(d); });
            CHECK(got == expected[word]);
            CHECK(index.documentsWith(i) == expected[word].size());
        }
        for (const char* token : {"", "a", "ab", "b", "ba", "tork", "kham", "rkh", "kill", "killed", "x", "20", "\xC5\xAB"})
            for (WordMatch how : {WordMatch::Whole, WordMatch::Prefix, WordMatch::Suffix, WordMatch::Within}) {
                CAPTURE(token);
                CAPTURE(static_cast<int>(how));
                std::vector<std::string> want, got;
                std::set<std::size_t> wantDocuments, gotDocuments;
                for (const auto& [word, holding] : expected)
                    if (matches(word, token, how)) {
                        want.push_back(word);
                        wantDocuments.insert(holding.begin(), holding.end());
                    }
                for (std::uint32_t i : index.wordsMatching(token, how)) got.emplace_back(index.word(i));
                index.documentsMatching(token, how).forEach([&](std::size_t d) { gotDocuments.insert(d); });
                CHECK(got == want);
                CHECK(gotDocuments == wantDocuments);
            }
    }
    CHECK(WordIndex().wordsMatching("a", WordMatch::Within).empty());
}

TEST_CASE("a word index builder takes documents in ascending order only") {
    WordIndexBuilder builder(3);
    std::vector<std::uint32_t> words{WordIndexBuilder::placed(builder.idOf("kunar"), false)};
    builder.add(1, words);
    CHECK_THROWS_AS(builder.add(1, words), std::logic_error);
    CHECK_THROWS_AS(builder.add(0, words), std::logic_error);
    CHECK_THROWS_AS(builder.add(3, words), std::logic_error);
    builder.add(2, words);
    const WordIndex index = builder.finish();
    REQUIRE(index.wordCount() == 1);
    CHECK(index.documentsMatching("kunar", WordMatch::Whole).count() == 2);
    CHECK(index.bytes() > 0);
    CHECK(index.keepsSequences());
    const std::vector<std::string> one{"kunar"};
    CHECK_THROWS_AS(index.documentsWithPhrase(one), std::logic_error);
}

namespace {

// A document of fields (texts) as EventTextIndex gives one to the builder: each field's words in order.
void addFields(WordIndexBuilder& builder, std::size_t document, const std::vector<std::string>& fields) {
    std::vector<std::uint32_t> words;
    for (const std::string& field : fields)
        forEachSpacedWord(field, [&](std::string_view word, bool spaced) {
            words.push_back(WordIndexBuilder::placed(builder.idOf(word), spaced));
        });
    builder.add(document, words);
}

std::string lowered(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::vector<std::size_t> membersOf(const DocumentSet& set) {
    std::vector<std::size_t> out;
    set.forEach([&](std::size_t d) { out.push_back(d); });
    return out;
}

// The phrase's documents both ways, and that they agree; what Auto finds.
std::vector<std::size_t> phraseDocuments(const WordIndex& index, const std::vector<std::string>& tokens) {
    const std::vector<std::size_t> stream = membersOf(index.documentsWithPhrase(tokens, PhraseSearch::Stream));
    CHECK(membersOf(index.documentsWithPhrase(tokens, PhraseSearch::Candidates)) == stream);
    const std::vector<std::size_t> automatic = membersOf(index.documentsWithPhrase(tokens));
    CHECK(automatic == stream);
    return automatic;
}

}  // namespace

TEST_CASE("a phrase is found from the words in order: whole words between, the first's end, the last's start") {
    WordIndexBuilder builder(8);
    addFields(builder, 0, {"Armed men attacked"});
    addFields(builder, 1, {"Unarmed men and armed mentors"});
    addFields(builder, 2, {"armed, men"});
    addFields(builder, 3, {"armed  men"});
    addFields(builder, 4, {"Clash near Armed", "Men fled"});  // the phrase would span two fields
    addFields(builder, 5, {"men armed"});
    addFields(builder, 6, {"women men men"});
    addFields(builder, 7, {"armed-men", "armed\tmen"});
    const WordIndex index = builder.finish();
    using D = std::vector<std::size_t>;
    CHECK(phraseDocuments(index, {"armed", "men"}) == D{0, 1});
    CHECK(phraseDocuments(index, {"armed", "me"}) == D{0, 1});
    CHECK(phraseDocuments(index, {"rmed", "men"}) == D{0, 1});
    CHECK(phraseDocuments(index, {"unarmed", "men"}) == D{1});
    CHECK(phraseDocuments(index, {"armed", "mentors"}) == D{1});
    CHECK(phraseDocuments(index, {"armed", "men", "attacked"}) == D{0});
    CHECK(phraseDocuments(index, {"armed", "mentors", "attacked"}).empty());  // a middle token is a whole word
    CHECK(phraseDocuments(index, {"near", "armed", "men"}).empty());
    CHECK(phraseDocuments(index, {"men", "men"}) == D{6});
    CHECK(phraseDocuments(index, {"men", "men", "men"}) == D{6});  // "women" ends with "men"
    CHECK(phraseDocuments(index, {"men", "men", "men", "men"}).empty());
    CHECK(phraseDocuments(index, {"men", "armed"}) == D{5});
    CHECK(phraseDocuments(index, {"no", "such"}).empty());
    // Every document but one holds both words, so each is a candidate: only the words in order tell them apart.
    for (std::size_t d : {0u, 1u, 2u, 3u, 4u, 5u, 7u}) {
        CHECK(index.documentsMatching("armed", WordMatch::Suffix).contains(d));
        CHECK(index.documentsMatching("men", WordMatch::Prefix).contains(d));
    }
}

TEST_CASE("a phrase through the words in order holds in just the documents whose text holds it") {
    std::mt19937_64 random(11);
    const char* vocabulary[] = {"armed", "unarmed", "men", "mentors", "women", "were", "reported", "killed", "a", "ab",
                                "b", "in", "2025", "Kunar", "KILLED", "\xC5\xABrk"};
    const char* separators[] = {" ", " ", " ", " ", ", ", "  ", "-", ". ", "\t"};
    for (std::size_t documents : {std::size_t{40}, std::size_t{3000}}) {
        WordIndexBuilder builder(documents);
        std::vector<std::vector<std::string>> texts(documents);
        for (std::size_t d = 0; d < documents; ++d) {
            if (random() % 7 == 0) continue;
            for (std::uint64_t f = 1 + random() % 3; f > 0; --f) {
                std::string field;
                if (random() % 5 == 0) field += separators[random() % std::size(separators)];
                for (std::uint64_t w = random() % 9; w > 0; --w) {
                    if (!field.empty() && random() % 8 != 0) field += separators[random() % std::size(separators)];
                    field += vocabulary[random() % std::size(vocabulary)];
                }
                texts[d].push_back(field);
            }
            addFields(builder, d, texts[d]);
        }
        const WordIndex index = builder.finish();
        for (int round = 0; round < 300; ++round) {
            std::vector<std::string> tokens;
            for (std::uint64_t k = 2 + random() % 3; k > 0; --k) tokens.push_back(lowered(vocabulary[random() % std::size(vocabulary)]));
            if (random() % 2 == 0) tokens.front() = tokens.front().substr(random() % tokens.front().size());
            if (random() % 2 == 0) tokens.back().resize(1 + random() % tokens.back().size());
            std::string phrase;
            for (const std::string& t : tokens) phrase += (phrase.empty() ? "" : " ") + t;
            std::vector<std::size_t> expected;
            for (std::size_t d = 0; d < documents; ++d)
                if (std::any_of(texts[d].begin(), texts[d].end(), [&](const std::string& field) { return lowered(field).find(phrase) != std::string::npos; }))
                    expected.push_back(d);
            CAPTURE(documents);
            CAPTURE(phrase);
            CHECK(phraseDocuments(index, tokens) == expected);
        }
    }
}
