#include "bordermap/timeline/selection.hpp"

#include "free_text.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/text_index.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <functional>
#include <span>
#include <stdexcept>
#include <thread>
#include <cstdint>
#include <vector>

namespace bordermap::timeline {

namespace {

std::int32_t dayNumber(CalendarDay day) { return static_cast<std::int32_t>(day.time_since_epoch().count()); }

}  // namespace

bool EventFilter::active() const {
    return !kinds.empty() || minDeaths > 0 || !source.empty() || !actor.empty() || !text.empty() || !embedded;
}

namespace {

// Whether each text seen (by its address in the store: interned text has one) matched a search. Open addressing on
// the address: a std::unordered_map's node costs a cache miss a lookup, and a million events look up two or three
// texts each (a source filter at 10^6 events spent most of its 72 ms there).
class MatchMemo {
public:
    // 1 found, 0 not, -1 not seen.
    int find(const char* key) const {
        if (m_slots.empty()) return -1;
        for (std::size_t at = slot(key);; at = (at + 1) & (m_slots.size() - 1)) {
            if (m_slots[at].key == key) return m_slots[at].found;
            if (m_slots[at].key == nullptr) return -1;
        }
    }
    void insert(const char* key, bool found) {
        if (2 * (m_count + 1) > m_slots.size()) grow();
        std::size_t at = slot(key);
        while (m_slots[at].key != nullptr) at = (at + 1) & (m_slots.size() - 1);
        m_slots[at] = {key, found ? 1 : 0};
        ++m_count;
    }
    std::size_t size() const { return m_count; }

private:
    struct Slot {
        const char* key = nullptr;
        int found = 0;
    };
    std::size_t slot(const char* key) const {
        // Fibonacci hashing of the address (texts are 4-byte aligned and close together).
        return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key) * 0x9E3779B97F4A7C15ull) >> 20) &
               (m_slots.size() - 1);
    }
    void grow() {
        std::vector<Slot> old(m_slots.empty() ? 512 : m_slots.size() * 2);
        old.swap(m_slots);
        m_count = 0;
        for (const Slot& s : old)
            if (s.key != nullptr) insert(s.key, s.found != 0);
    }
    std::vector<Slot> m_slots;
    std::size_t m_count = 0;
};

// A filter made ready for many events: its searches prepared once, not once an event.
class Matcher {
public:
    // `bulk`: about to look at every event, so the text is looked for in all of them at once: through `index` when
    // there is one, else in the summaries and notes block by block (each decompressed once), the hits remembered;
    // otherwise each event's summary and note are read when it is looked at.
    Matcher(const EventFilter& filter, const Catalogue& catalogue, bool bulk, const EventTextIndex* index = nullptr)
        : m_filter(filter), m_source(filter.source), m_actor(filter.actor), m_text(filter.text) {
        for (EventKind kind : filter.kinds) m_kinds |= 1u << static_cast<unsigned>(kind);
        // No source holds a line break (joinSources): a source filter with one finds nothing, and one without is
        // found in an event's kept sources exactly where one of them holds it.
        m_noSource = filter.source.find_first_of("\n\r") != std::string::npos;
        if (bulk && !filter.source.empty() && !m_noSource) {
            m_bulkSources = true;
            const std::vector<LongText> hits = catalogue.sourceText->findLong(filter.source);
            m_sourceHits = detail::TextAddressMap<char>(hits.size() + 1);
            for (const LongText& hit : hits) m_sourceHits.insert(hit, 1);
        }
        if (!bulk || filter.text.empty()) return;
        m_bulk = true;
        if (index != nullptr) {
            m_indexed = true;
            m_withText = index->eventsWith(catalogue, filter.text);
        } else {
            m_longHits = catalogue.text->findLong(filter.text);
        }
    }

    // One event, its facts taken from it (not from the catalogue's list).
    bool operator()(const Catalogue& catalogue, const Event& e) const {
        return (*this)(catalogue, factsOf(e, catalogue.isEmbedded(e)), e);
    }
    // `facts` first: a filter of kinds or deaths alone reads nothing else of the event.
    bool operator()(const Catalogue& catalogue, const EventFacts& facts, const Event& e) const {
        const EventFilter& f = m_filter;
        if (!f.embedded && facts.embedded) return false;
        if (isCrossingState(facts.kind)) return true;
        if (m_kinds != 0 && (m_kinds >> static_cast<unsigned>(facts.kind) & 1u) == 0) return false;
        if (f.minDeaths > 0 && facts.deathsLow < f.minDeaths) return false;
        if (!f.source.empty() && !holdsSource(catalogue, e.sources)) return false;
        if (!f.actor.empty() && !remembered(m_actor, e.actor1()) && !remembered(m_actor, e.actor2())) return false;
        if (!f.text.empty() && !holdsText(catalogue, e)) return false;
        return true;
    }
    // Whether the filter reads more of an event than its facts.
    bool readsEvents() const { return !m_filter.source.empty() || !m_filter.actor.empty() || !m_filter.text.empty(); }

private:
    // Actors, names and place names are interned: a few thousand texts for a million events, each searched once.
    // A text kept once an event is searched each time once the memory is full.
    bool remembered(const CaselessSearch& search, Text text) const {
        if (text.empty()) return false;
        MatchMemo& seen = &search == &m_actor ? m_seenActors : m_seenWords;
        if (const int known = seen.find(text.c_str()); known >= 0) return known == 1;
        const bool found = search.in(text);
        if (seen.size() < kMemory) seen.insert(text.c_str(), found);
        return found;
    }
    static constexpr std::size_t kMemory = 100'000;

    bool holdsSource(const Catalogue& catalogue, LongText sources) const {
        if (m_noSource || sources.empty()) return false;
        if (m_bulkSources) return m_sourceHits.find(sources) != nullptr;
        return m_source.in(catalogue.sourceText->text(sources));
    }
    bool holdsText(const Catalogue& catalogue, const Event& e) const {
        if (m_indexed) return m_withText.contains(catalogue.indexOf(e));
        const auto fields = detail::shortTextFields(e);
        const auto longFields = detail::longTextFields(e);
        return std::any_of(fields.begin(), fields.end(), [&](Text field) { return remembered(m_text, field); }) ||
               std::any_of(longFields.begin(), longFields.end(), [&](LongText field) { return longHas(catalogue, field); });
    }
    bool longHas(const Catalogue& catalogue, LongText text) const {
        if (text.empty()) return false;
        if (!m_bulk) return m_text.in(catalogue.text->text(text));
        return std::binary_search(m_longHits.begin(), m_longHits.end(), text, LongTextOrder{});
    }
    struct LongTextOrder {
        bool operator()(const LongText& a, const LongText& b) const { return a.order() < b.order(); }
    };

    const EventFilter& m_filter;
    std::uint32_t m_kinds = 0;  // bit k: EventKind k is wanted; 0: every kind
    CaselessSearch m_source, m_actor, m_text;
    bool m_bulk = false;
    bool m_indexed = false;
    DocumentSet m_withText;             // indexed: the events whose text holds the filter's
    std::vector<LongText> m_longHits;   // otherwise: the summaries and notes holding the text, in the store's order
    bool m_noSource = false;            // the source filter holds a line break
    bool m_bulkSources = false;
    detail::TextAddressMap<char> m_sourceHits;  // bulk: the events' sources holding the filter's
    mutable MatchMemo m_seenActors, m_seenWords;
};

}  // namespace

bool EventFilter::matches(const Catalogue& catalogue, const Event& e) const {
    return Matcher(*this, catalogue, false)(catalogue, e);
}

std::string EventFilter::describe() const {
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (!kinds.empty()) {
        std::string list;
        for (EventKind kind : kinds) list += (list.empty() ? "" : ", ") + std::string(eventKindName(kind));
        add((kinds.size() == 1 ? "kind " : "kinds ") + list);
    }
    if (minDeaths > 0) add("at least " + std::to_string(minDeaths) + " killed");
    if (!source.empty()) add("source '" + source + "'");
    if (!actor.empty()) add("actor '" + actor + "'");
    if (!text.empty()) add("text '" + text + "'");
    if (!embedded) add("your files only");
    return out;
}

std::vector<EventKind> parseKindList(std::string_view text) {
    std::vector<EventKind> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        const std::string name = toLower(trimmed(text.substr(from, comma - from)));
        if (!name.empty()) {
            const auto kind = parseEventKind(name);
            if (!kind) {
                std::string known;
                for (EventKind k : allEventKinds()) known += (known.empty() ? "" : ", ") + std::string(eventKindName(k));
                throw InputError({{}, {}, {}, "kinds"}, "unknown kind '" + name + "' (one of: " + known + ")");
            }
            if (std::find(out.begin(), out.end(), *kind) == out.end()) out.push_back(*kind);
        }
        from = comma + 1;
    }
    if (out.empty()) throw InputError({{}, {}, {}, "kinds"}, "name at least one kind (airstrike,clash,...)");
    return out;
}

EventSelection::EventSelection(const Catalogue& catalogue, EventFilter filter, const EventTextIndex* textIndex)
    : m_catalogue(&catalogue), m_filter(std::move(filter)) {
    // Everything below reads the events' facts (20 bytes each) in order; only a filter of sources, actors or text
    // reads the events themselves.
    const auto& events = catalogue.events;
    const std::span<const EventFacts> facts = catalogue.facts();
    if (facts.size() != events.size()) throw std::logic_error("EventSelection: the catalogue was changed without reindex()");
    const std::size_t n = events.size();
    m_selected.assign(n, 1);
    if (m_filter.active()) {
        const Matcher matcher(m_filter, catalogue, true, textIndex);
        const bool readsEvents = matcher.readsEvents();
        const auto select = [&](const Matcher& matches, std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) {
                // An ACLED event's actors lie elsewhere in the text store, in load order, not date order: fetch
                // those of an event a few ahead while this one is looked at.
                if (readsEvents && i + 8 < to && events[i + 8].acled != nullptr) __builtin_prefetch(events[i + 8].acled);
                m_selected[i] = matches(catalogue, facts[i], events[i]) ? 1 : 0;
            }
        };
        if (!readsEvents || n < 100'000) {
            select(matcher, 0, n);
        } else {
            // Sources, actors and text cost a lookup or two an event: the first half on a second thread, with
            // its own copy of the matcher (each remembers the texts it has seen).
            const Matcher second = matcher;
            std::exception_ptr failed;
            std::thread half([&] {
                try {
                    select(second, 0, n / 2);
                } catch (...) {
                    failed = std::current_exception();
                }
            });
            try {
                select(matcher, n / 2, n);
            } catch (...) {
                half.join();
                throw;
            }
            half.join();
            if (failed) std::rethrow_exception(failed);
        }
    }
    const auto counted = [](const EventFacts& f) {
        return f.dated && !isCrossingState(f.kind) && !f.duplicate;
    };
    for (std::uint32_t i = 0; i < n; ++i) {
        if (!m_selected[i] || !facts[i].dated) continue;
        m_shown.push_back(i);
        if (counted(facts[i])) m_firstDays.push_back(facts[i].firstDay);
    }
    long long deaths = 0, injured = 0;
    for (std::uint32_t i : catalogue.byStartLast()) {
        const EventFacts& f = facts[i];
        if (!m_selected[i] || !counted(f)) continue;
        if (m_counted.size() % kSumStep == 0) {
            m_deathsBefore.push_back(deaths);
            m_injuredBefore.push_back(injured);
        }
        m_counted.push_back(i);
        deaths += f.deathsLow;
        injured += f.injuredLow;
        m_lastDaysByKind[static_cast<std::size_t>(f.kind)].push_back(f.lastDay);
    }
}

Totals EventSelection::totalsOn(CalendarDay day) const {
    Totals totals;
    const std::int32_t d = dayNumber(day);
    const auto upTo = [&](const std::vector<std::int32_t>& days) {
        return static_cast<std::size_t>(std::upper_bound(days.begin(), days.end(), d) - days.begin());
    };
    std::size_t certain = 0;
    for (EventKind kind : allEventKinds())
        if (const std::size_t n = upTo(m_lastDaysByKind[static_cast<std::size_t>(kind)]); n > 0) {
            totals.events[kind] = static_cast<int>(n);
            certain += n;
        }
    // The first `certain` counted events (in order of last day) are those over by `day`: sum their figures.
    if (!m_deathsBefore.empty()) {
        const std::size_t block = std::min(certain / kSumStep, m_deathsBefore.size() - 1);
        totals.fatalitiesLow = m_deathsBefore[block];
        totals.injuredLow = m_injuredBefore[block];
        for (std::size_t j = block * kSumStep; j < certain; ++j) {
            const EventFacts& f = m_catalogue->facts()[m_counted[j]];
            totals.fatalitiesLow += f.deathsLow;
            totals.injuredLow += f.injuredLow;
        }
    }
    totals.uncertain = static_cast<int>(upTo(m_firstDays) - certain);
    return totals;
}

HistogramUnit histogramUnitFor(int days, double width_px, double minBin_px) {
    const double perDay = width_px / std::max(1, days);
    if (perDay >= minBin_px) return HistogramUnit::Day;
    if (perDay * 7 >= minBin_px) return HistogramUnit::Week;
    return HistogramUnit::Month;
}

std::string_view histogramUnitName(HistogramUnit unit) {
    switch (unit) {
    case HistogramUnit::Day: return "day";
    case HistogramUnit::Week: return "week";
    case HistogramUnit::Month: return "month";
    }
    return "month";
}

Histogram histogramOf(const EventSelection& selection, CalendarDay from, CalendarDay to, HistogramUnit unit) {
    using namespace std::chrono;
    Histogram h;
    h.unit = unit;
    if (to < from) return h;
    // The first bin starts on or before `from`: the day itself, its Monday, or the 1st of its month.
    CalendarDay start = from;
    if (unit == HistogramUnit::Week) start = from - (weekday{from} - Monday);
    if (unit == HistogramUnit::Month) {
        const year_month_day ymd{from};
        start = sys_days{ymd.year() / ymd.month() / 1};
    }
    const auto next = [&](CalendarDay d) {
        if (unit == HistogramUnit::Day) return d + days{1};
        if (unit == HistogramUnit::Week) return d + days{7};
        const year_month_day ymd{d};
        return sys_days{(year_month{ymd.year(), ymd.month()} + months{1}) / 1};
    };
    for (CalendarDay d = start; d <= to; d = next(d)) h.binStarts.push_back(d);
    h.end = next(h.binStarts.back());
    h.counts.assign(h.binStarts.size(), {});
    const auto& events = selection.catalogue().events;
    const auto indices = selection.indices();
    auto it = std::partition_point(indices.begin(), indices.end(),
                                   [&](std::uint32_t i) { return events[i].start->first() < start; });
    std::size_t bin = 0;
    for (; it != indices.end(); ++it) {
        const Event& e = events[*it];
        const CalendarDay day = e.start->first();
        if (day >= h.end) break;
        if (isCrossingState(e.kind)) continue;
        while (bin + 1 < h.binStarts.size() && h.binStarts[bin + 1] <= day) ++bin;  // events come in order of day
        ++h.counts[bin][static_cast<std::size_t>(e.kind)];
    }
    for (const auto& c : h.counts) {
        int total = 0;
        for (int n : c) total += n;
        h.largest = std::max(h.largest, total);
    }
    return h;
}

}  // namespace bordermap::timeline
