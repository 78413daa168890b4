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
                words.push_back(builder.idOf("in"));
                expected["in"].insert(d);
            }
            for (std::uint64_t k = random() % 4; k > 0; --k) {
                const std::string word = vocabulary[random() % std::size(vocabulary)];
                words.push_back(builder.idOf(word));
                words.push_back(builder.idOf(word));  // a word said twice counts once
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
    std::vector<std::uint32_t> words{builder.idOf("kunar")};
    builder.add(1, words);
    CHECK_THROWS_AS(builder.add(1, words), std::logic_error);
    CHECK_THROWS_AS(builder.add(0, words), std::logic_error);
    CHECK_THROWS_AS(builder.add(3, words), std::logic_error);
    builder.add(2, words);
    const WordIndex index = builder.finish();
    REQUIRE(index.wordCount() == 1);
    CHECK(index.documentsMatching("kunar", WordMatch::Whole).count() == 2);
    CHECK(index.bytes() > 0);
}
