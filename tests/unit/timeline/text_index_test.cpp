#include "timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/timeline/selection.hpp>
#include <bordermap/timeline/text_index.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::timeline;
using test::day;

namespace {

// Words in several cases and scripts, some inside others ("tork" in "torkham", "ab" in "abab"), and separators of
// every kind, an em dash (UTF-8, so part of a word) among them.
const char* const kWords[] = {"Torkham", "torkham", "TORKHAM", "Tork", "Kunar", "kunar's", "Nangarhar", "clash", "Clashes",
                              "in", "near", "killed", "kill", "a", "ab", "abab", "3", "2025", "km",
                              "\xE1\xB9\xAC\xC5\xABrkham", "\xDA\xA9\xD8\xA7\xD8\xA8\xD9\x84", "x-ray", "Torkham\xE2\x80\x94Landi"};
const char* const kSeparators[] = {" ", " ", " ", ", ", "-", " (", ") ", ".", "; ", "  ", "\n"};

std::string randomText(std::mt19937_64& random, std::size_t maxWords) {
    std::string out;
    const std::size_t n = random() % (maxWords + 1);
    if (n > 0 && random() % 4 == 0) out += kSeparators[random() % std::size(kSeparators)];
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += kSeparators[random() % std::size(kSeparators)];
        out += kWords[random() % std::size(kWords)];
    }
    return out;
}

// The embedded events and `n` more whose names, summaries, notes and place names are random texts; summaries enough
// to fill several compressed blocks, kept in an order other than the events' (their dates are random).
Catalogue randomTextCatalogue(std::uint64_t seed, std::size_t n) {
    std::mt19937_64 random(seed);
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const Text file = store.intern("random.geojson");
    const LongText source = c.sourceText->internLong("Dawn");
    std::vector<std::string> sharedNotes;  // a few notes that many events hold, as ACLED's
    for (int k = 0; k < 6; ++k) sharedNotes.push_back(randomText(random, 8));
    for (std::size_t i = 0; i < n; ++i) {
        Event e;
        e.id = store.keep("text-" + std::to_string(i));
        e.file = file;
        e.kind = random() % 2 ? EventKind::Clash : EventKind::Airstrike;
        e.start = Date(day("2020-01-01") + std::chrono::days{random() % 2000}, TimePrecision::Day);
        e.name = store.intern(randomText(random, 3));
        if (random() % 5 != 0) e.summary = store.keepLong(randomText(random, 40));
        // Notes both interned (as ACLED's are) and kept once an event (as an events file's are).
        if (random() % 3 == 0) {
            switch (random() % 3) {
            case 0: e.note = store.internLong(sharedNotes[random() % sharedNotes.size()]); break;
            case 1: e.note = store.internLong(randomText(random, 6)); break;
            default: e.note = store.keepLong(randomText(random, 6)); break;
            }
        }
        e.admin1 = store.intern(random() % 2 ? "Nangarhar" : "Kunar");
        AcledFields acled;
        if (random() % 2 == 0) acled.admin2 = store.intern(randomText(random, 2));
        if (random() % 4 == 0) acled.admin3 = store.intern(randomText(random, 2));
        e.acled = store.record(acled);
        e.sources = source;
        const LonLat place{70.0, 34.0};
        e.places = store.list(std::span<const LonLat>(&place, 1));
        c.events.push_back(e);
    }
    sortEvents(c);
    return c;
}

// A query as a person might type one: part of some event's text (cut anywhere, mid-word or mid-letter too), in
// another case, or a few words, or punctuation alone.
std::string randomQuery(std::mt19937_64& random, const Catalogue& c) {
    const Event& e = c.events[random() % c.events.size()];
    std::string source;
    switch (random() % 6) {
    case 0: source = c.summaryOf(e); break;
    case 1: source = e.name.str(); break;
    case 2: source = c.noteOf(e); break;
    case 3: source = e.admin2().str(); break;
    case 4: return randomText(random, 3);
    default: return kSeparators[random() % std::size(kSeparators)];
    }
    if (source.empty()) return "kunar";
    const std::size_t from = random() % source.size();
    std::string query = source.substr(from, 1 + random() % std::min<std::size_t>(24, source.size() - from));
    if (random() % 2 == 0)
        for (char& ch : query)
            if (ch >= 'a' && ch <= 'z' && random() % 2 == 0) ch = static_cast<char>(ch - 'a' + 'A');
    return query;
}

std::vector<std::size_t> indexed(const EventTextIndex& index, const Catalogue& c, const std::string& text) {
    std::vector<std::size_t> out;
    index.eventsWith(c, text).forEach([&](std::size_t i) { out.push_back(i); });
    return out;
}

// The scan: the selection without the index, which reads each block of summaries once. (EventFilter::matches, one
// event at a time, decompresses a block a summary: 43 of this file's 44 seconds, 99 under ASan.)
std::vector<std::size_t> scanned(const Catalogue& c, const std::string& text) {
    EventFilter f;
    f.text = text;
    const EventSelection selection(c, f);
    std::vector<std::size_t> out;
    for (const std::uint32_t i : selection.indices())
        if (!isCrossingState(c.events[i].kind)) out.push_back(i);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::size_t> withoutStateOfBorder(const Catalogue& c, std::vector<std::size_t> events) {
    std::erase_if(events, [&](std::size_t i) { return isCrossingState(c.events[i].kind); });
    return events;
}

}  // namespace

TEST_CASE("free text through the word index selects what the scan selects, for random catalogues and queries") {
    std::mt19937_64 random(17);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Catalogue c = randomTextCatalogue(seed, 2500);
        const EventTextIndex index(c);
        REQUIRE(index.eventCount() == c.events.size());
        for (int round = 0; round < 150; ++round) {
            EventFilter f;
            f.text = randomQuery(random, c);
            if (round % 10 == 0) f.kinds = {EventKind::Clash};
            CAPTURE(seed);
            CAPTURE(f.text);
            CHECK(withoutStateOfBorder(c, indexed(index, c, f.text)) == scanned(c, f.text));
            const EventSelection byScan(c, f), byIndex(c, f, &index);
            CHECK(std::vector<std::uint32_t>(byScan.indices().begin(), byScan.indices().end()) ==
                  std::vector<std::uint32_t>(byIndex.indices().begin(), byIndex.indices().end()));
            CHECK(byScan.eventCount() == byIndex.eventCount());
        }
    }
}

// A phrase as a person might type one: a few consecutive words of some event's field joined by single spaces (cut
// inside the first and last), or by something else, or the same word twice, or ending in a space.
std::string randomPhrase(std::mt19937_64& random, const Catalogue& c) {
    const Event& e = c.events[random() % c.events.size()];
    const std::uint64_t field = random() % 6;
    const std::string source = field < 2 ? e.name.str() : field == 2 ? c.noteOf(e) : field == 3 ? e.admin2().str() : c.summaryOf(e);
    std::vector<std::string> words;
    forEachWord(source, [&](std::string_view word, std::size_t) { words.emplace_back(word); });
    if (words.size() < 2) return "kunar near";
    const std::size_t from = random() % (words.size() - 1);
    const std::size_t count = std::min<std::size_t>(2 + random() % 3, words.size() - from);
    std::string out;
    for (std::size_t i = from; i < from + count; ++i) {
        if (i > from) out += random() % 8 == 0 ? kSeparators[random() % std::size(kSeparators)] : " ";
        out += words[i];
    }
    switch (random() % 8) {
    case 0: out = words[from] + " " + words[from]; break;
    case 1: out += " "; break;
    case 2: out = out.substr(random() % words[from].size()); break;
    case 3: out.resize(out.size() - random() % words[from + count - 1].size()); break;
    case 4: out = kSeparators[random() % std::size(kSeparators)] + out; break;
    default: break;
    }
    if (random() % 2 == 0)
        for (char& ch : out)
            if (ch >= 'a' && ch <= 'z' && random() % 2 == 0) ch = static_cast<char>(ch - 'a' + 'A');
    return out;
}

TEST_CASE("phrases through the words in order select what the scan selects, for random catalogues") {
    std::mt19937_64 random(23);
    for (std::uint64_t seed = 4; seed <= 6; ++seed) {
        const Catalogue c = randomTextCatalogue(seed, 2500);
        const EventTextIndex index(c);
        for (int round = 0; round < 200; ++round) {
            const std::string text = randomPhrase(random, c);
            CAPTURE(seed);
            CAPTURE(text);
            CHECK(withoutStateOfBorder(c, indexed(index, c, text)) == scanned(c, text));
        }
    }
}

namespace {

// A clash on 2024-05-01 with this name and summary (none for nullptr).
Event clash(TextStore& store, const std::string& id, const char* name, const char* summary) {
    Event e;
    e.id = store.keep(id);
    e.kind = EventKind::Clash;
    e.start = Date(day("2024-05-01"), TimePrecision::Day);
    e.name = store.intern(name);
    if (summary != nullptr) e.summary = store.keepLong(summary);
    return e;
}

Event clashWithNote(TextStore& store, const std::string& id, LongText note, const char* summary) {
    Event e = clash(store, id, "Clash", summary);
    e.note = note;
    return e;
}

// The names of the events whose id starts with `prefix` that the index finds for `text`, sorted; checked first to be
// what the scan finds.
std::vector<std::string> namesFound(const Catalogue& c, const EventTextIndex& index, const std::string& text, std::string_view prefix) {
    std::vector<std::string> out;
    for (std::size_t i : withoutStateOfBorder(c, indexed(index, c, text)))
        if (c.events[i].id.view().starts_with(prefix)) out.push_back(c.events[i].name.str());
    CHECK(withoutStateOfBorder(c, indexed(index, c, text)) == scanned(c, text));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a phrase holds within one field, after exactly one space, and may begin or end inside a word") {
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const auto add = [&](const char* name, const char* summary) { c.events.push_back(clash(store, std::string("p-") + name, name, summary)); };
    add("Armed", "men fled the village");                       // the phrase would span the name and the summary
    add("Raid", "Unarmed men were reported killed");
    add("Ambush", "Armed mentors were REPORTED killed, police said");
    add("Shelling", "armed, men");
    add("Strike", "armed  men were reported  killed");
    add("Armed men", "");
    sortEvents(c);
    const EventTextIndex index(c);
    const auto names = [&](const std::string& text) { return namesFound(c, index, text, "p-"); };
    using V = std::vector<std::string>;
    CHECK(names("armed men") == V{"Ambush", "Armed men", "Raid"});
    CHECK(names("unarmed men") == V{"Raid"});
    CHECK(names("armed men ") == V{"Raid"});
    CHECK(names("armed, men") == V{"Shelling"});
    CHECK(names("armed  men") == V{"Strike"});
    CHECK(names("were reported killed") == V{"Ambush", "Raid"});
    CHECK(names("reported killed,") == V{"Ambush"});
    CHECK(names("med mento") == V{"Ambush"});
    CHECK(names("armed men fled").empty());
    CHECK(names("men men").empty());
}

TEST_CASE("free text through the word index: field boundaries, case, UTF-8, punctuation and the empty query") {
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const auto add = [&](const char* name, const char* summary, const char* note, const char* admin2) {
        Event e = clash(store, std::string("t-") + name, name, summary);
        e.note = store.keepLong(note);
        e.acled = store.record(AcledFields{.admin2 = store.intern(admin2)});
        c.events.push_back(e);
    };
    add("Clash in Kunar", "Province officials said", "", "");          // "kunar province" spans two fields
    add("Shelling", "Shelling in Kunar province, 3 killed", "", "");   // in one
    add("Strike", "", "Torkham\xE2\x80\x94Landi Kotal road", "");      // an em dash joins two words into one
    add("Talks", "At \xE1\xB9\xAC\xC5\xABrkham (TORKHAM) gate", "", "Mohmand");
    add("Raid", "Near the x-ray post; KILLED: 2", "", "Kunar's east");
    sortEvents(c);
    const EventTextIndex index(c);
    const auto names = [&](const std::string& text) { return namesFound(c, index, text, "t-"); };
    using V = std::vector<std::string>;
    CHECK(names("kunar province") == V{"Shelling"});
    CHECK(names("KUNAR PROV") == V{"Shelling"});
    CHECK(names("unar provinc") == V{"Shelling"});
    CHECK(names("kunar") == V{"Clash in Kunar", "Raid", "Shelling"});
    CHECK(names("Kunar's") == V{"Raid"});
    CHECK(names("'s east") == V{"Raid"});
    CHECK(names("torkham") == V{"Strike", "Talks"});
    CHECK(names("Torkham\xE2\x80\x94") == V{"Strike"});
    CHECK(names("\xE2\x80\x94landi kotal") == V{"Strike"});
    CHECK(names("\xC5\xAB" "rkham") == V{"Talks"});
    CHECK(names("(torkham)") == V{"Talks"});
    CHECK(names("x-ray") == V{"Raid"});
    CHECK(names("killed: 2") == V{"Raid"});
    CHECK(names("3 killed") == V{"Shelling"});
    CHECK(names("killed:  2").empty());
    CHECK(names(", 3") == V{"Shelling"});
    CHECK(names(";") == V{"Raid"});
    CHECK(names("said strike").empty());
    CHECK(names("no such place").empty());
    // The empty query holds in every text (EventFilter leaves an empty text out altogether).
    CHECK(index.eventsWith(c, "").count() == c.events.size());
}

TEST_CASE("a text index refuses a catalogue it was not built for, and stops when asked") {
    Catalogue c = test::embeddedCatalogue();
    const EventTextIndex index(c);
    CHECK(index.bytes() > 0);
    c.events.pop_back();
    CHECK_THROWS_AS(index.eventsWith(c, "torkham"), OperationError);
    std::stop_source stop;
    stop.request_stop();
    CHECK_THROWS_AS(EventTextIndex(c, stop.get_token()), OperationError);
}

TEST_CASE("words only in a note, kept once an event or shared by many (ACLED's), are found by the scan and the index") {
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const auto add = [&](const std::string& id, LongText note, const char* summary) { c.events.push_back(clashWithNote(store, id, note, summary)); };
    for (int i = 0; i < 3000; ++i) {
        // Enough text to fill several blocks; each event's note after its summary, as an events file keeps them.
        add("own-" + std::to_string(i), store.keepLong("Placed at the village of Zwartkop, event " + std::to_string(i)),
            "Fighting near the road; nothing more was reported by the three outlets that covered the day.");
        if (i % 10 == 0)
            add("shared-" + std::to_string(i), store.internLong("Imported from ACLED: Battles / Quillfeather clash"),
                "Armed men attacked a post.");
    }
    sortEvents(c);
    const EventTextIndex index(c);
    for (const char* text : {"zwartkop", "ZWARTKOP, EVENT 12", "quillfeather", "Battles / Quill", "village of"}) {
        CAPTURE(text);
        const std::vector<std::size_t> scan = scanned(c, text);
        CHECK(withoutStateOfBorder(c, indexed(index, c, text)) == scan);
        EventFilter f;
        f.text = text;
        const EventSelection bulk(c, f), byIndex(c, f, &index);
        CHECK(bulk.eventCount() == scan.size());
        CHECK(byIndex.eventCount() == scan.size());
    }
    CHECK(scanned(c, "zwartkop").size() == 3000);
    CHECK(scanned(c, "quillfeather").size() == 300);
    CHECK(scanned(c, "ZWARTKOP, EVENT 12").size() == 111);  // 12, 120-129, 1200-1299
    CHECK(c.noteOf(*c.find("own-7")) == "Placed at the village of Zwartkop, event 7");
    CHECK(c.noteOf(*c.find("shared-20")) == "Imported from ACLED: Battles / Quillfeather clash");
}

TEST_CASE("a phrase only in a name or a place name, kept once for many events, is found by the index as by the scan") {
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const auto add = [&](const std::string& id, const char* name, const char* admin2, const char* summary) {
        Event e;
        e.id = store.keep(id);
        e.kind = EventKind::Clash;
        e.start = Date(day("2024-05-01"), TimePrecision::Day);
        e.name = store.intern(name);
        e.acled = store.record(AcledFields{.admin2 = store.intern(admin2)});
        e.summary = store.keepLong(summary);
        c.events.push_back(e);
    };
    for (int i = 0; i < 200; ++i) {
        add("n-" + std::to_string(i), i % 4 == 0 ? "Armed clash in Dara Adam Khel" : "Armed clash",
            i % 5 == 0 ? "Lower Kurram" : "Khyber", "Men were seen near the road; a clash followed in the hills.");
    }
    add("summary", "Raid", "Khyber", "An armed clash in Dara, then calm");
    sortEvents(c);
    const EventTextIndex index(c);
    for (const char* text : {"armed clash", "clash in dara adam", "Adam Khel", "lower kurram", "ower kurr", "clash in dara",
                             "clash followed", "road a clash"}) {
        CAPTURE(text);
        CHECK(withoutStateOfBorder(c, indexed(index, c, text)) == scanned(c, text));
    }
    CHECK(scanned(c, "clash in dara adam").size() == 50);
    CHECK(scanned(c, "clash in dara").size() == 51);
    CHECK(scanned(c, "lower kurram").size() == 40);
    CHECK(scanned(c, "road a clash").empty());
}

TEST_CASE("a phrase only in a note that many events share is found by the index as by the scan, and in one event's own") {
    Catalogue c = test::embeddedCatalogue();
    TextStore& store = *c.text;
    const auto add = [&](const std::string& id, LongText note, const char* summary) { c.events.push_back(clashWithNote(store, id, note, summary)); };
    for (int i = 0; i < 1000; ++i) {
        add("shared-" + std::to_string(i), store.internLong(i % 3 == 0 ? "Imported from ACLED: Battles / Armed clash"
                                                                        : "Imported from ACLED: Riots / Violent demonstration"),
            i % 2 == 0 ? "Fighting near the road." : nullptr);
        if (i % 100 == 0)
            add("own-" + std::to_string(i), store.keepLong("Reported by a violent demonstration witness " + std::to_string(i)), nullptr);
    }
    add("once", store.internLong("Imported from ACLED: Protests / Peaceful protest"), "Calm.");  // interned, held once
    sortEvents(c);
    const EventTextIndex index(c);
    for (const char* text : {"battles armed", "Battles / Armed", "from acled", "imported from acled", "violent demonstration",
                             "a violent demonstration", "peaceful protest", "near the road", "acled protests"}) {
        CAPTURE(text);
        CHECK(withoutStateOfBorder(c, indexed(index, c, text)) == scanned(c, text));
    }
    CHECK(scanned(c, "imported from acled").size() == 1001);
    CHECK(scanned(c, "violent demonstration").size() == 666 + 10);
    CHECK(scanned(c, "a violent demonstration").size() == 10);
    CHECK(scanned(c, "peaceful protest").size() == 1);
    CHECK(scanned(c, "battles armed").empty());
}
