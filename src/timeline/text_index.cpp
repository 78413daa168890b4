#include "bordermap/timeline/text_index.hpp"

#include "free_text.hpp"

#include <bordermap/core/error.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace bordermap::timeline {

EventTextIndex::EventTextIndex(const Catalogue& catalogue, std::stop_token stop) {
    const std::vector<Event>& events = catalogue.events;
    WordIndexBuilder builder(events.size());

    // The events in the order of their summaries in the store, those with none after in the order of their notes
    // (an event's note is kept after its summary): notes are then read in about the order kept.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> bySummary, byNote;  // (order in the store, event)
    for (std::uint32_t i = 0; i < events.size(); ++i) {
        if (!events[i].summary.empty()) bySummary.emplace_back(events[i].summary.order(), i);
        else byNote.emplace_back(events[i].note.empty() ? ~std::uint64_t{0} : events[i].note.order(), i);
    }
    std::sort(bySummary.begin(), bySummary.end());
    std::sort(byNote.begin(), byNote.end());
    m_eventOf.reserve(events.size());
    std::vector<LongText> handles(bySummary.size());
    for (std::size_t k = 0; k < bySummary.size(); ++k) {
        m_eventOf.push_back(bySummary[k].second);
        handles[k] = events[bySummary[k].second].summary;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(bySummary);
    for (const auto& [order, i] : byNote) m_eventOf.push_back(i);
    std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(byNote);

    // An event's own long texts (its summary, and its note unless other events share it) have their words kept in
    // order (WordIndexBuilder::placed, each field's first never spaced), so that a phrase is found from them; texts
    // that events share (names, place names, ACLED's notes) have theirs only listed, and a phrase query searches
    // each such text once instead (eventsWith). A note is shared when more than one event holds it, counted
    // first; one met past the count's limit counts as the event's own (either is correct: m_sharedNote says which).
    detail::TextAddressMap<std::uint32_t> eventsHolding;  // a note -> how many events hold it
    for (const Event& e : events) {
        if (e.note.empty()) continue;
        const std::uint32_t* n = eventsHolding.find(e.note);
        eventsHolding.insert(e.note, n == nullptr ? 1 : *n + 1);
    }
    const auto shared = [&](LongText note) {
        const std::uint32_t* n = eventsHolding.find(note);
        return n != nullptr && *n > 1;
    };
    m_sharedNote = DocumentSet(events.size());
    std::vector<std::uint32_t> inOrder;
    const auto addInOrder = [&](std::string_view text) {
        forEachSpacedWord(text, [&](std::string_view word, bool spaced) { inOrder.push_back(WordIndexBuilder::placed(builder.idOf(word), spaced)); });
    };
    // Shared texts' words are worked out once per distinct text (most are interned: a few thousand texts).
    std::vector<std::uint32_t> sharedWords;  // the words of each text met, one text after another
    std::vector<std::uint32_t> listed;
    const auto addListed = [&](auto& known, auto key, auto&& text) {
        if (const auto* at = known.find(key)) {
            listed.insert(listed.end(), sharedWords.begin() + at->first, sharedWords.begin() + at->first + at->second);
            return;
        }
        const std::size_t before = listed.size();
        forEachWord(text(), [&](std::string_view word, std::size_t) { listed.push_back(builder.idOf(word)); });
        if (sharedWords.size() < (std::size_t{1} << 31)) {
            known.insert(key, {static_cast<std::uint32_t>(sharedWords.size()), static_cast<std::uint32_t>(listed.size() - before)});
            sharedWords.insert(sharedWords.end(), listed.begin() + static_cast<std::ptrdiff_t>(before), listed.end());
        }
    };
    detail::TextAddressMap<std::pair<std::uint32_t, std::uint32_t>> known;  // text -> (start, count) in sharedWords
    detail::TextAddressMap<std::pair<std::uint32_t, std::uint32_t>> knownNotes(std::size_t{1} << 14);
    // Notes are unique to an event in an events file (read once each, near its summary) and repeat in an ACLED
    // import (a few hundred for a million rows).
    TextStore::LongReader notes(*catalogue.text);
    const auto addFields = [&](std::size_t document) {
        inOrder.clear();
        listed.clear();
        const Event& e = events[m_eventOf[document]];
        for (const Text& field : detail::shortTextFields(e))
            if (!field.empty()) addListed(known, field.c_str(), [&] { return field.view(); });
        if (e.note.empty()) return;
        if (shared(e.note)) {
            m_sharedNote.insert(document);
            addListed(knownNotes, e.note, [&] { return notes.read(e.note); });
        } else {
            addInOrder(notes.read(e.note));
        }
    };
    const auto checkStop = [&](std::size_t k) {
        if (k % 4096 == 0 && stop.stop_requested()) throw OperationError({}, "the text index's build was stopped");
    };
    catalogue.text->forEachLong(handles, [&](std::size_t k, std::string_view summary) {
        checkStop(k);
        addFields(k);
        addInOrder(summary);
        builder.add(k, inOrder, listed);
    });
    for (std::size_t k = handles.size(); k < events.size(); ++k) {
        checkStop(k);
        addFields(k);
        builder.add(k, inOrder, listed);
    }
    m_words = builder.finish();
}

DocumentSet EventTextIndex::eventsWith(const Catalogue& catalogue, std::string_view text) const {
    const std::vector<Event>& events = catalogue.events;
    if (events.size() != m_words.documentCount())
        throw OperationError({}, "the text index was built for another catalogue (" + std::to_string(m_words.documentCount()) +
                                     " events, not " + std::to_string(events.size()) + ")");
    if (text.empty()) return DocumentSet(events.size(), true);

    // Words joined by single spaces, with nothing before the first or after the last (what a person types most):
    // an event's own long texts hold them exactly when their words in order do (WordIndex::documentsWithPhrase), so
    // no summary is read; its shared texts are searched below, each distinct one once.
    std::vector<std::string> tokens;
    bool spacedPhrase = isWordByte(text.front()) && isWordByte(text.back());
    std::size_t end = 0;  // where the token before ends
    forEachWord(text, [&](std::string_view token, std::size_t at) {
        if (!tokens.empty() && (at != end + 1 || text[end] != ' ')) spacedPhrase = false;
        tokens.emplace_back(token);
        end = at + token.size();
    });
    const bool phrase = spacedPhrase && tokens.size() >= 2 && m_words.keepsSequences();

    // Each token of the query lies in one word of a matching field: the whole word when the query has a separator
    // on both sides of it, the word's start or end when on one side, anywhere in the word when the query is that
    // token alone. The events holding such a word for every token are the candidates; for a query that is one
    // token and nothing else, they are the answer; for any other, each is checked: a phrase against its own texts'
    // words in order and its shared texts, any other query (separators other than single spaces, or before the
    // first token or after the last) against its text.
    struct Term {
        std::vector<std::uint32_t> words;
        std::size_t cost = 0;  // documents listed
    };
    std::vector<Term> terms;
    forEachWord(text, [&](std::string_view token, std::size_t at) {
        const bool starts = at > 0, ends = at + token.size() < text.size();
        const WordMatch how = starts ? (ends ? WordMatch::Whole : WordMatch::Prefix) : (ends ? WordMatch::Suffix : WordMatch::Within);
        Term term;
        term.words = m_words.wordsMatching(token, how);
        for (std::uint32_t w : term.words) term.cost += m_words.documentsWith(w);
        terms.push_back(std::move(term));
    });
    const bool exact = terms.size() == 1 && isWordByte(text.front()) && isWordByte(text.back());
    std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.cost < b.cost; });
    // Documents, not events; a query of no token (punctuation alone) has every one for a candidate.
    DocumentSet candidates(events.size(), terms.empty());
    for (std::size_t t = 0; t < terms.size(); ++t) {
        if (t > 0 && candidates.empty()) break;
        DocumentSet holding(events.size());
        for (std::uint32_t w : terms[t].words) m_words.addDocuments(w, holding);
        if (t == 0) candidates = std::move(holding);
        else candidates &= holding;
    }
    DocumentSet out(events.size());
    if (exact) {
        candidates.forEach([&](std::size_t document) { out.insert(m_eventOf[document]); });
        return out;
    }
    const DocumentSet ownHolding = phrase && !candidates.empty() ? m_words.documentsWithPhrase(tokens) : DocumentSet();

    // The check: each candidate's short fields (each distinct text searched once), then (but for a phrase) the
    // summaries of those still unmatched, then the notes of those still unmatched that are to be read (a phrase's:
    // only shared ones), each block that holds one decompressed once and each distinct note (an ACLED note is many
    // events') searched once.
    const CaselessSearch search{std::string(text)};
    detail::TextAddressMap<char> seen;  // char, not bool: std::vector<bool> has no bool to point to
    const auto holds = [&](Text field) {
        if (field.empty()) return false;
        if (const char* known = seen.find(field.c_str())) return *known != 0;
        const bool found = search.in(field);
        seen.insert(field.c_str(), found ? 1 : 0);
        return found;
    };
    std::vector<LongText> pending;         // summaries to read, in the store's order (that of the documents)
    std::vector<std::uint32_t> pendingOf;  // their events
    std::vector<std::uint32_t> unmatched;  // candidates whose note is to be read
    candidates.forEach([&](std::size_t document) {
        const std::uint32_t i = m_eventOf[document];
        if (phrase && ownHolding.contains(document)) {  // most of a common phrase's: its event is not read
            out.insert(i);
            return;
        }
        const Event& e = events[i];
        const auto fields = detail::shortTextFields(e);
        if (std::any_of(fields.begin(), fields.end(), holds)) {
            out.insert(i);
        } else if (phrase) {
            if (m_sharedNote.contains(document)) unmatched.push_back(i);
        } else if (!e.summary.empty()) {
            pending.push_back(e.summary);
            pendingOf.push_back(i);
        } else if (!e.note.empty()) {
            unmatched.push_back(i);
        }
    });
    const std::vector<LongText> found = catalogue.text->findLong(text, pending);
    std::size_t k = 0;  // both lists are in the store's order: walk them together
    for (const LongText& hit : found) {
        for (; pending[k].order() != hit.order(); ++k)
            if (!events[pendingOf[k]].note.empty()) unmatched.push_back(pendingOf[k]);
        out.insert(pendingOf[k++]);
    }
    for (; k < pending.size(); ++k)
        if (!events[pendingOf[k]].note.empty()) unmatched.push_back(pendingOf[k]);

    // Notes repeat in an ACLED import (a few hundred for a million rows): each distinct one searched once, found by
    // its place in the store, with no sort of the events.
    detail::TextAddressMap<std::uint32_t> placeOf(std::size_t{1} << 16);  // a note -> its place in `few`
    std::vector<LongText> few;
    bool allFew = true;
    for (std::uint32_t i : unmatched) {
        const LongText note = events[i].note;
        if (placeOf.find(note) != nullptr) continue;
        placeOf.insert(note, static_cast<std::uint32_t>(few.size()));
        if (placeOf.find(note) == nullptr) {
            allFew = false;  // too many to keep: sorted below instead
            break;
        }
        few.push_back(note);
    }
    if (allFew) {
        std::vector<char> noteHolds(few.size(), 0);
        std::sort(few.begin(), few.end(), [](LongText a, LongText b) { return a.order() < b.order(); });
        for (const LongText& hit : catalogue.text->findLong(text, few)) noteHolds[*placeOf.find(hit)] = 1;
        for (std::uint32_t i : unmatched)
            if (noteHolds[*placeOf.find(events[i].note)]) out.insert(i);
        return out;
    }
    // Notes unique to their events (an events file's follow their summaries: about in order already).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> notes;  // (a note's order, its event)
    notes.reserve(unmatched.size());
    for (std::uint32_t i : unmatched) notes.emplace_back(events[i].note.order(), i);
    std::sort(notes.begin(), notes.end());
    std::vector<LongText> distinct;
    for (std::size_t n = 0; n < notes.size(); ++n)
        if (n == 0 || notes[n].first != notes[n - 1].first) distinct.push_back(events[notes[n].second].note);
    std::size_t n = 0;
    for (const LongText& hit : catalogue.text->findLong(text, distinct)) {
        while (notes[n].first != hit.order()) ++n;
        for (; n < notes.size() && notes[n].first == hit.order(); ++n) out.insert(notes[n].second);
    }
    return out;
}

}  // namespace bordermap::timeline
