#pragma once
// Free text over a catalogue through an index of its words: each word of the events' names, summaries, notes and
// place names (the fields EventFilter::text looks in) with the events holding it, and the words in order of each
// event's own long texts (a phrase's events without reading their summaries), so that a text filter over a
// million events costs milliseconds where reading every summary costs a quarter of a second. The index is built
// once per catalogue, when a text filter is first wanted (the viewer); a single query (the command line) scans.

#include <bordermap/core/word_index.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <cstddef>
#include <cstdint>
#include <stop_token>
#include <string_view>
#include <vector>

namespace bordermap::timeline {

class EventTextIndex {
public:
    // Reads every event's text once: names and place names once per distinct text, each block of summaries
    // decompressed once. The catalogue must not change while the index is built or in use. Throws OperationError
    // when `stop` is asked to stop (a build on a thread of its own, whose catalogue is about to change).
    explicit EventTextIndex(const Catalogue& catalogue, std::stop_token stop = {});

    std::size_t eventCount() const { return m_eventOf.size(); }
    const WordIndex& words() const { return m_words; }
    // Bytes held: the word index (its lists and its words in order), the events' order and which notes are shared.
    std::size_t bytes() const {
        return m_words.bytes() + m_eventOf.capacity() * sizeof(std::uint32_t) + (m_sharedNote.size() + 63) / 64 * sizeof(std::uint64_t);
    }

    // The events of `catalogue` (the one indexed) whose name, summary, note or place names contain `text` ignoring
    // ASCII case: exactly the events the scan finds (EventFilter::matches). A query of one word, or part of one,
    // is answered by the index alone (every indexed word that holds it). Any other query takes the events holding
    // each of its words as candidates and checks those: a phrase of words joined by single spaces with nothing
    // before or after against the words in order of each one's summary and own note (WordIndex::documentsWithPhrase)
    // and against its names, place names and shared note (each distinct text searched once); any other query
    // against its text, reading only the summaries needed. Throws OperationError if the catalogue has not as many
    // events as were indexed.
    DocumentSet eventsWith(const Catalogue& catalogue, std::string_view text) const;

private:
    // The index's documents are the events in the order their summaries were kept in the store (then those with
    // none, in order): the build reads each block of summaries once, and the candidates a query checks come in the
    // order their summaries are read back. m_eventOf[document] is the event's index in the catalogue.
    // The words of an event's summary and own note are kept in order; those of its names, place names and a note
    // that other events hold too (ACLED's) are only listed. m_sharedNote holds the documents whose note is such.
    WordIndex m_words;
    std::vector<std::uint32_t> m_eventOf;
    DocumentSet m_sharedNote;
};

}  // namespace bordermap::timeline
