#include <bordermap/core/coords.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/core/text_store.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace bordermap;

TEST_CASE("a text store keeps each interned text once, and every text where it was put") {
    TextStore store;
    const Text a = store.intern("Dawn"), b = store.intern(std::string("Da") + "wn"), c = store.keep("Dawn");
    CHECK(a.c_str() == b.c_str());  // one copy
    CHECK(a.c_str() != c.c_str());  // keep does not look
    CHECK(a == c);
    CHECK(Text().empty());
    CHECK(store.intern("").c_str() == Text().c_str());
    CHECK(std::string(Text().c_str()).empty());
    // Many texts, over many blocks: every one still reads back whole, NUL-terminated.
    std::vector<Text> kept;
    for (int i = 0; i < 200'000; ++i) kept.push_back(store.keep("event number " + std::to_string(i)));
    for (int i = 0; i < 200'000; i += 997) {
        CHECK(kept[static_cast<std::size_t>(i)] == "event number " + std::to_string(i));
        CHECK(std::string(kept[static_cast<std::size_t>(i)].c_str()) == "event number " + std::to_string(i));
    }
    const std::string big(3 << 20, 'x');  // over a block: a block of its own
    CHECK(store.keep(big).size() == big.size());
    const LonLat places[] = {{69.1, 34.5}, {71.08, 34.11}};
    const StoredList<LonLat> list = store.list(std::span<const LonLat>(places));
    REQUIRE(list.size() == 2);
    CHECK(list[1].lat_deg == 34.11);
    CHECK(store.list(std::span<const LonLat>()).empty());
}

TEST_CASE("long text comes back whole from compressed blocks and from the block being filled, in order") {
    TextStore store;
    std::vector<LongText> handles;
    std::vector<std::string> texts;
    for (int i = 0; i < 5000; ++i) {
        texts.push_back("On day " + std::to_string(i) + ", a report \"with quotes\", a comma, and a line\nbreak; " +
                        std::string(static_cast<std::size_t>(i % 300), 'a' + static_cast<char>(i % 26)));
        handles.push_back(store.keepLong(texts.back()));
    }
    CHECK(store.keepLong("").empty());
    CHECK(store.text(LongText()).empty());
    for (std::size_t i = 0; i < texts.size(); i += 37) CHECK(store.text(handles[i]) == texts[i]);
    CHECK(store.text(handles.back()) == texts.back());  // the open block
    std::size_t seen = 0;
    bool ordered = true;
    store.forEachLong([&](LongText handle, std::string_view text) {
        ordered = ordered && seen < texts.size() && text == texts[seen] && handle.order() == handles[seen].order();
        ++seen;
    });
    CHECK(seen == texts.size());
    CHECK(ordered);
    // Compressed: well under the raw size.
    std::size_t raw = 0;
    for (const std::string& t : texts) raw += t.size();
    CHECK(store.bytes() < (std::size_t{1} << 20) + raw / 2);
}

TEST_CASE("findLong finds the long texts holding a word in any case, in sealed blocks and the open one, never across two") {
    TextStore store;
    std::vector<LongText> handles;
    std::vector<std::string> texts;
    for (int i = 0; i < 6000; ++i) {
        // Every 7th mentions Torkham in some case; each text ends in "Tor" and the next begins "kham": a match across
        // two texts must not be found.
        std::string t = i % 7 == 0 ? (i % 2 ? "shelling near TORKHAM, " : "near torkham; ") : "a quiet day, ";
        t = "kham " + t + std::string(static_cast<std::size_t>(i % 90), '.') + " Tor";
        texts.push_back(t);
        handles.push_back(store.keepLong(t));
    }
    const std::vector<LongText> found = store.findLong("TorKham");
    std::vector<std::uint64_t> expected;
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (i % 7 == 0) expected.push_back(handles[i].order());
    std::vector<std::uint64_t> got;
    for (const LongText& h : found) got.push_back(h.order());
    CHECK(got == expected);
    CHECK(store.findLong("no such words").empty());
}

TEST_CASE("findLong among some texts finds those of them the whole search finds; forEachLong reads chosen texts") {
    TextStore store;
    std::vector<LongText> handles;
    std::vector<std::string> texts;
    for (int i = 0; i < 6000; ++i) {
        texts.push_back((i % 5 == 0 ? "Clash near KUNAR, " : "kun ar ") + std::string(static_cast<std::size_t>(i % 70), 'x') + " end");
        handles.push_back(store.keepLong(texts.back()));
    }
    std::vector<LongText> among;  // every third, the last (in the open block) among them
    for (std::size_t i = 0; i < handles.size(); i += 3) among.push_back(handles[i]);
    among.push_back(handles.back());
    std::vector<std::uint64_t> expected, got;
    for (const LongText& h : store.findLong("kunar"))
        if (std::any_of(among.begin(), among.end(), [&](const LongText& a) { return a.order() == h.order(); }))
            expected.push_back(h.order());
    for (const LongText& h : store.findLong("kunar", among)) got.push_back(h.order());
    CHECK(got == expected);
    CHECK(got.size() == 400);
    CHECK(store.findLong("", among).size() == among.size());
    CHECK(store.findLong("kunar", std::span<const LongText>()).empty());
    CHECK_THROWS_AS(store.findLong("kunar", std::vector<LongText>{LongText()}), OperationError);

    std::vector<std::string> read(among.size());
    store.forEachLong(among, [&](std::size_t k, std::string_view text) { read[k] = text; });
    for (std::size_t k = 0; k + 1 < among.size(); ++k) CHECK(read[k] == texts[k * 3]);
    CHECK(read.back() == texts.back());
}

TEST_CASE("internLong keeps each distinct long text once; a LongReader reads long texts back in any order") {
    TextStore store;
    const LongText a = store.internLong("Imported from ACLED: Battles / Armed clash; time_precision 1");
    const LongText unique = store.keepLong("Synthetic event 1; reported to the day.");
    const LongText b = store.internLong(std::string("Imported from ACLED: Battles / Armed clash; ") + "time_precision 1");
    const LongText other = store.internLong("Imported from ACLED: Battles / Armed clash; time_precision 2");
    CHECK(a.order() == b.order());  // one copy
    CHECK(a.order() != other.order());
    CHECK(store.internLong("").empty());
    CHECK(store.text(b) == "Imported from ACLED: Battles / Armed clash; time_precision 1");
    CHECK(store.text(other) == "Imported from ACLED: Battles / Armed clash; time_precision 2");
    CHECK(store.text(unique) == "Synthetic event 1; reported to the day.");
    // Interned long texts are long texts like any other: findLong finds them.
    const std::vector<LongText> found = store.findLong("PRECISION 2");
    REQUIRE(found.size() == 1);
    CHECK(found.front().order() == other.order());

    // Over many blocks: read forwards, backwards and from the open block, each as kept.
    std::vector<LongText> handles;
    std::vector<std::string> texts;
    for (int i = 0; i < 20'000; ++i) {
        texts.push_back("Note " + std::to_string(i) + ": where sources disagree, the earlier date is kept.");
        handles.push_back(i % 7 == 0 ? store.internLong(texts.back()) : store.keepLong(texts.back()));
    }
    TextStore::LongReader reader(store);
    CHECK(reader.read(LongText()).empty());
    bool same = true;
    for (std::size_t i = 0; i < texts.size(); i += 3) same = same && reader.read(handles[i]) == texts[i];
    for (std::size_t i = texts.size(); i-- > 0;) same = same && reader.read(handles[i]) == texts[i];
    CHECK(same);
    CHECK(reader.read(handles.back()) == texts.back());  // the open block
    CHECK(reader.read(a) == store.text(a));
    CHECK(store.internLong(texts[7]).order() == handles[7].order());
}

TEST_CASE("interned long texts are kept as they are, after the compressed ones in the store's order, and searched") {
    TextStore store;
    // A text interned as short text first, then as long text: listed among the long texts all the same.
    const Text first = store.intern("Outlet A (as coded by ACLED)");
    const LongText same = store.internLong("Outlet A (as coded by ACLED)");
    CHECK(store.text(same) == "Outlet A (as coded by ACLED)");
    CHECK(store.internLong(first.view()).order() == same.order());
    std::vector<LongText> handles;
    std::vector<std::string> texts;
    for (int i = 0; i < 5000; ++i) {
        texts.push_back(i % 3 == 0 ? "Outlet " + std::to_string(i % 40) + " (as coded by ACLED)"
                                   : "Citation " + std::to_string(i) + ", The Outlet, https://example.org/" + std::to_string(i));
        handles.push_back(i % 3 == 0 ? store.internLong(texts.back()) : store.keepLong(texts.back()));
    }
    // Every long text, once, in the store's order: the compressed ones, then the interned ones.
    std::vector<std::uint64_t> walked;
    std::vector<std::pair<LongText, std::string>> seen;  // read back after the walk, which holds the store's lock
    std::size_t interned = 0;
    store.forEachLong([&](LongText handle, std::string_view text) {
        walked.push_back(handle.order());
        seen.emplace_back(handle, text);
        interned += text.find("(as coded by ACLED)") != std::string_view::npos ? 1u : 0u;
    });
    for (const auto& [handle, text] : seen) CHECK(store.text(handle) == text);
    CHECK(std::is_sorted(walked.begin(), walked.end()));
    CHECK(interned == 41);  // each distinct one once: "Outlet 0" to "Outlet 39", and "Outlet A"
    CHECK(std::adjacent_find(walked.begin(), walked.end()) == walked.end());

    // The whole search and the search among all of them find the same, in order, whichever way each is kept.
    std::vector<LongText> all = handles;
    std::sort(all.begin(), all.end(), [](LongText a, LongText b) { return a.order() < b.order(); });
    all.erase(std::unique(all.begin(), all.end(), [](LongText a, LongText b) { return a.order() == b.order(); }), all.end());
    for (const char* needle : {"outlet 1", "CODED", "example.org/4", "(as coded by ACLED)\n"}) {
        CAPTURE(needle);
        std::vector<std::uint64_t> whole, among, expected;
        for (const LongText& h : store.findLong(needle))
            if (h.order() != same.order()) whole.push_back(h.order());
        for (const LongText& h : store.findLong(needle, all)) among.push_back(h.order());
        for (const LongText& h : all)
            if (toLower(store.text(h)).find(toLower(needle)) != std::string::npos) expected.push_back(h.order());
        CHECK(whole == expected);
        CHECK(among == expected);
    }
    std::vector<std::string> read(all.size());
    store.forEachLong(all, [&](std::size_t k, std::string_view text) { read[k] = text; });
    for (std::size_t k = 0; k < all.size(); ++k) CHECK(read[k] == store.text(all[k]));
}
