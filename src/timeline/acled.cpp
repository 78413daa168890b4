#include "bordermap/timeline/acled.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/huge_pages.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <bordermap/geo/geodesy.hpp>

#include <algorithm>
#include <filesystem>
#include <array>

namespace bordermap::timeline {

namespace {

using namespace std::chrono;

constexpr const char* kRequiredColumns[] = {"event_date", "time_precision", "event_type", "sub_event_type",
                                            "location", "geo_precision", "source", "fatalities"};

std::optional<EventKind> kindFor(std::string_view type, std::string_view subType) {
    if (type == "Battles") return EventKind::Clash;
    if (type == "Explosions/Remote violence") return subType == "Air/drone strike" ? EventKind::Airstrike : EventKind::Attack;
    if (type == "Violence against civilians") return EventKind::Attack;
    if (type == "Strategic developments" && subType == "Agreement") return EventKind::Talks;
    return std::nullopt;
}

}  // namespace

namespace {

// The texts a column interned last, found by their hash before the store is asked. Most of ACLED's columns hold a
// few hundred values (admin names, actors, figures): kept here, they stay in cache, where a look-up in the store's
// table of every text (and a read of the text found there) missed it, for each of a dozen columns on each row.
class InternMemo {
public:
    Text intern(TextStore::Writer& store, std::string_view text) {
        const std::size_t hash = TextStore::hashOf(text);
        Slot& slot = m_slots[hash % m_slots.size()];
        if (slot.hash != hash || slot.text != text) slot = {hash, store.intern(text, hash)};
        return slot.text;
    }

private:
    struct Slot {
        std::size_t hash = 0;
        Text text;
    };
    std::array<Slot, 256> m_slots{};
};

// Reads an ACLED export as GDAL streams its rows into the catalogue's text store and event list.
class AcledReader final : public geo::CsvRowVisitor {
public:
    AcledReader(Catalogue& catalogue, const std::string& path, const ValidationContext& context, SlashOrder slashOrder,
                AcledImport& result)
        : m_catalogue(catalogue), m_store(*catalogue.text), m_path(path), m_context(context), m_slashOrder(slashOrder),
          m_result(result),
          m_file(m_store.intern(path)) {
        m_latest = catalogue.asOf ? std::max(catalogue.asOf->last(), context.latest) : context.latest;
        // Copied, not pointed at: the event list grows (and may move) as rows are added.
        for (const Event& e : catalogue.events)
            if (catalogue.isEmbedded(e) && e.start && e.start->precision() == TimePrecision::Day)
                for (const LonLat& p : e.places) m_embedded.push_back({e.kind, e.start->first(), p});
    }

    void beginLayer(const geo::Layer& layer) override {
        for (const char* column : kRequiredColumns)
            if (!layer.fieldIndex(column))
                throw InputError({m_path, {}, {}, column}, "not an ACLED export: the column is missing");
        for (std::size_t i = 0; i < kColumns.size(); ++i) m_columns[i] = layer.fieldIndex(kColumns[i]);
        // Room for every row at once (an export's row is 400 bytes or more), so that the events are never copied as
        // their list grows. Only once the header is an ACLED one: a file that is not CSV at all reserves nothing
        // (the room is address space until rows fill it, but an allocator that fills what it hands out, as
        // glibc's does under MALLOC_PERTURB_, would touch all of it).
        std::error_code ec;
        if (const auto bytes = std::filesystem::file_size(m_path, ec); !ec)
            reserveHuge(m_catalogue.events, m_catalogue.events.size() +
                                                static_cast<std::size_t>(std::min<std::uintmax_t>(bytes / 256, limits::kMaxFeatures)));
    }

    void row(const geo::Layer&, const geo::CsvRow& row) override {
        const std::string_view acledId = value(row, kEventId);
        // Built only for a row that has a problem: most rows have none.
        const auto rowLabel = [&] { return "row " + std::to_string(row.position); };
        const auto label = [&] { return acledId.empty() ? rowLabel() : std::string(acledId); };
        const auto skip = [&](const char* field, const std::string& why) {
            m_result.problems.push_back({m_path, label(), field, why});
        };

        // What is printed and drawn must be UTF-8 without control characters (notes may break lines). Most rows are
        // printable ASCII throughout, and pass at once.
        if (!isPlainText(row.text))
            for (std::size_t column = 0; column < kColumns.size(); ++column) {
                if (!kChecked[column]) continue;
                if (const auto defect = textDefect(raw(row, column), column == kNotes)) {
                    m_result.problems.push_back({m_path, textDefect(acledId) ? rowLabel() : label(), kColumns[column], *defect});
                    return;
                }
            }

        const std::string_view type = value(row, kEventType), subType = value(row, kSubEventType);
        const auto kind = kindFor(type, subType);
        if (!kind) {
            // Protests, riots and most strategic developments have no kind here: counted, not one warning each.
            const std::string& key = m_built.assign(type).append(" / ").append(subType);
            auto it = std::find_if(m_result.unmapped.begin(), m_result.unmapped.end(),
                                   [&](const auto& u) { return u.first == key; });
            if (it == m_result.unmapped.end()) it = m_result.unmapped.insert(m_result.unmapped.end(), {key, 0});
            ++it->second;
            ++m_result.unmappedRows;
            return;
        }
        const std::string_view dateText = value(row, kEventDate);
        m_slashDates.add(dateText);
        // A slash date ("03/04/2025") waits for the end of the file when the user did not give the order: the
        // file's own slash dates may show it (a day above 12) only later. It is read as day/month meanwhile.
        const bool slash = dateText.find('/') != std::string_view::npos && !parseAcledDate(dateText);
        const SlashOrder order = slash && m_slashOrder == SlashOrder::Unknown ? SlashOrder::DayMonth : m_slashOrder;
        auto dayValue = parseAcledDate(dateText, order);
        if (!dayValue && slash && m_slashOrder == SlashOrder::Unknown) dayValue = parseAcledDate(dateText, SlashOrder::MonthDay);
        if (!dayValue) return skip("event_date", acledDateRefusal(dateText, m_slashOrder, m_slashDates));
        if (*dayValue < m_context.earliest || *dayValue > m_latest)
            return skip("event_date", std::string(dateText) + " is out of range");
        const std::string_view timePrecision = value(row, kTimePrecision);
        const std::string_view geoPrecision = value(row, kGeoPrecision);
        if (timePrecision != "1" && timePrecision != "2" && timePrecision != "3")
            return skip("time_precision", "'" + std::string(timePrecision) + "' is not 1, 2 or 3");
        if (geoPrecision != "1" && geoPrecision != "2" && geoPrecision != "3")
            return skip("geo_precision", "'" + std::string(geoPrecision) + "' is not 1, 2 or 3");
        if (!m_context.mapExtent.contains(row.point))
            return skip("latitude/longitude", offMap(m_context, row.point));
        const std::string_view source = value(row, kSource);
        if (source.empty()) return skip("source", "missing: every event must say who reported it");

        // Each store locked once for the row's dozen texts.
        TextStore::Writer store(m_store);
        TextStore::Writer sources(*m_catalogue.sourceText);
        Event e;
        e.kind = *kind;
        e.file = m_file;
        m_built.assign("acled-");
        if (acledId.empty()) m_built.append("row-").append(std::to_string(row.position));
        else m_built.append(acledId);
        e.id = store.keep(m_built);
        const std::string_view location = value(row, kLocation);
        e.name = store.intern(m_built.assign(subType).append(" in ").append(location));
        if (timePrecision == "3") {
            const year_month_day ymd{*dayValue};
            e.start = Date(sys_days{ymd.year() / ymd.month() / 1}, TimePrecision::Month);
        } else {
            e.start = Date(*dayValue, TimePrecision::Day);
        }
        e.geoPrecision = geoPrecision == "1"   ? GeoPrecision::Exact
                         : geoPrecision == "2" ? GeoPrecision::District
                                               : GeoPrecision::Province;
        const std::string_view fatalities = value(row, kFatalities);
        e.fatalities = m_memos[kFatalities].intern(store, fatalities);
        e.fatalitiesLow = plainFigure(fatalities);
        e.summary = store.keepLong(lineFeeds(value(row, kNotes)));
        e.sources = sourcesFor(source, sources);
        m_built.assign("Imported from ACLED: ").append(type).append(" / ").append(subType);
        m_built.append("; time_precision ").append(timePrecision).append(", geo_precision ").append(geoPrecision);
        if (timePrecision == "2") m_built.append("; ACLED dates this event only to within a week of this day");
        e.note = store.internLong(m_built);  // a few hundred distinct notes for a million rows
        e.country = m_memos[kCountry].intern(store, value(row, kCountry));
        e.admin1 = m_memos[kAdmin1].intern(store, value(row, kAdmin1));
        AcledFields acled;
        acled.admin2 = m_memos[kAdmin2].intern(store, value(row, kAdmin2));
        acled.admin3 = m_memos[kAdmin3].intern(store, value(row, kAdmin3));
        acled.actor1 = m_memos[kActor1].intern(store, actors(row, kActor1, kAssocActor1));
        acled.actor2 = m_memos[kActor2].intern(store, actors(row, kActor2, kAssocActor2));
        acled.tags = m_memos[kTags].intern(store, value(row, kTags));
        e.acled = store.record(acled);
        const std::string_view civilians = value(row, kCivilianTargeting);
        e.civilianTargeting = !civilians.empty();
        e.places = store.list(std::span<const LonLat>(&row.point, 1));
        e.duplicate = duplicatesEmbedded(e);
        if (e.duplicate) ++m_result.duplicates;
        if (slash && m_slashOrder == SlashOrder::Unknown)
            m_pendingSlash.push_back({m_catalogue.events.size(), std::string(dateText), label(), timePrecision == "3"});
        m_catalogue.events.push_back(e);
    }

    // After the last row: the slash dates read in the order the whole file shows; where it shows none (or both),
    // each is a problem and its event is left out. Returns the indices of the events to leave out.
    std::vector<std::size_t> settleSlashDates() {
        std::vector<std::size_t> drop;
        const SlashOrder order = m_slashDates.order();
        for (const PendingSlash& p : m_pendingSlash) {
            const auto dayValue = parseAcledDate(p.text, order);
            if (!dayValue) {
                m_result.problems.push_back({m_path, p.label, "event_date", acledDateRefusal(p.text, order, m_slashDates)});
                drop.push_back(p.index);
                continue;
            }
            if (*dayValue < m_context.earliest || *dayValue > m_latest) {
                m_result.problems.push_back({m_path, p.label, "event_date", p.text + " is out of range"});
                drop.push_back(p.index);
                continue;
            }
            Event& e = m_catalogue.events[p.index];
            const year_month_day ymd{*dayValue};
            e.start = p.month ? Date(sys_days{ymd.year() / ymd.month() / 1}, TimePrecision::Month)
                              : Date(*dayValue, TimePrecision::Day);
            const bool duplicate = duplicatesEmbedded(e);
            if (duplicate != e.duplicate) m_result.duplicates = duplicate ? m_result.duplicates + 1 : m_result.duplicates - 1;
            e.duplicate = duplicate;
        }
        return drop;
    }

private:
    // The columns read, in the order of ACLED's export; the first eight must be there.
    static constexpr std::array<const char*, 22> kColumns{
        "event_date", "time_precision", "event_type", "sub_event_type", "location", "geo_precision", "source",
        "fatalities", "event_id_cnty", "notes", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country",
        "admin1", "admin2", "admin3", "tags", "civilian_targeting", "disorder_type", "interaction"};
    enum : std::size_t {
        kEventDate, kTimePrecision, kEventType, kSubEventType, kLocation, kGeoPrecision, kSource, kFatalities,
        kEventId, kNotes, kActor1, kAssocActor1, kActor2, kAssocActor2, kCountry, kAdmin1, kAdmin2, kAdmin3, kTags,
        kCivilianTargeting, kDisorderType, kInteraction
    };
    // Which are kept or printed, and so must be clean text.
    static constexpr std::array<bool, kColumns.size()> kChecked{
        false, false, true, true, true, false, true, false, true, true, true,
        true,  true,  true, true, true, true,  true,  true, true, false, false};

    std::string_view raw(const geo::CsvRow& row, std::size_t column) const {
        const auto index = m_columns[column];
        return index && *index < row.values.size() ? row.values[*index] : std::string_view();
    }
    std::string_view value(const geo::CsvRow& row, std::size_t column) const { return trimmed(raw(row, column)); }

    // Notes written on Windows break lines with CRLF: kept with line feeds alone, as all other text is.
    std::string_view lineFeeds(std::string_view text) {
        if (text.find('\r') == std::string_view::npos) return text;
        m_scratch.clear();
        for (std::size_t i = 0; i < text.size(); ++i)
            if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) m_scratch += text[i];
        return m_scratch;
    }

    // In m_built: valid until it is next built.
    std::string_view actors(const geo::CsvRow& row, std::size_t actor, std::size_t associated) {
        m_built.assign(value(row, actor));
        const std::string_view more = value(row, associated);
        if (!more.empty()) m_built.append(m_built.empty() ? "" : "; ").append(more);
        return m_built;
    }

    // The outlets ACLED names, then ACLED itself, one a line: interned, as lists of outlets repeat (a few hundred
    // thousand of them for a million rows).
    LongText sourcesFor(std::string_view text, TextStore::Writer& store) {
        m_sources.clear();
        std::size_t from = 0;
        while (from < text.size()) {
            const std::size_t at = std::min(text.find(';', from), text.size());
            const std::string_view outlet = trimmed(text.substr(from, at - from));
            if (!outlet.empty()) {
                const std::size_t start = m_sources.size();
                m_sources.append(outlet);
                // A line break in the cell would make two sources of one (see joinSources): a space instead.
                std::replace_if(m_sources.begin() + static_cast<std::ptrdiff_t>(start), m_sources.end(),
                                [](char c) { return c == '\n' || c == '\r'; }, ' ');
                m_sources.append(" (as coded by ACLED)\n");
            }
            from = at + 1;
        }
        m_sources.append(kAcledSource);
        return store.internLong(m_sources);
    }

    // The same happening as an embedded event: the same day, the same kind, within 10 km.
    bool duplicatesEmbedded(const Event& e) const {
        constexpr double kSamePlaceM = 10'000.0;
        return std::any_of(m_embedded.begin(), m_embedded.end(), [&](const EmbeddedPlace& embedded) {
            return embedded.kind == e.kind && embedded.day == e.start->first() &&
                   geo::geodesicDistanceM(embedded.at, e.places.front()) <= kSamePlaceM;
        });
    }

    Catalogue& m_catalogue;
    TextStore& m_store;
    const std::string& m_path;
    const ValidationContext& m_context;
    SlashOrder m_slashOrder;  // as the user gave it; Unknown: from the file
    AcledImport& m_result;
    Text m_file;
    static constexpr std::string_view kAcledSource = "ACLED (Armed Conflict Location & Event Data), data export";
    CalendarDay m_latest{};
    std::array<std::optional<std::size_t>, kColumns.size()> m_columns{};
    struct EmbeddedPlace {
        EventKind kind;
        CalendarDay day;
        LonLat at;
    };
    std::vector<EmbeddedPlace> m_embedded;  // the embedded events known to the day, a place each
    std::string m_scratch;
    // Text put together for one row (an id, a name, a note) before the store copies it: one buffer for all, so a
    // row allocates none.
    std::string m_built;
    std::string m_sources;  // the row's sources, one a line
    std::array<InternMemo, kColumns.size()> m_memos;  // by column; those with few values use theirs
    SlashOrderDetector m_slashDates;
    struct PendingSlash {
        std::size_t index;  // in the catalogue's events
        std::string text;
        std::string label;
        bool month;         // time_precision 3: the month is all that is known
    };
    std::vector<PendingSlash> m_pendingSlash;
};

}  // namespace

std::string AcledImport::summary(const std::string& file) const {
    std::string out = printable(file) + ": " + std::to_string(added) + (added == 1 ? " event" : " events") + " imported";
    if (duplicates > 0)
        out += ", " + std::to_string(duplicates) + " of them also in the embedded catalogue (marked, counted once)";
    if (unmappedRows > 0) {
        out += "; " + std::to_string(unmappedRows) + " rows of types bordermap does not map left out (";
        std::vector<std::pair<std::string, std::size_t>> sorted = unmapped;
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        for (std::size_t i = 0; i < sorted.size(); ++i)
            out += (i ? ", " : "") + printable(sorted[i].first) + ": " + std::to_string(sorted[i].second);
        out += ")";
    }
    if (!problems.empty()) out += "; " + std::to_string(problems.size()) + " rows with problems left out";
    return out;
}

AcledImport addAcledFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                         SlashOrder slashOrder) {
    AcledImport result;
    const std::size_t before = catalogue.events.size();
    AcledReader reader(catalogue, path, context, slashOrder, result);
    geo::LoadOptions options;
    options.strict = false;
    geo::VectorSource source;
    try {
        source = geo::streamCsvPoints(path, options, "longitude", "latitude", reader);
    } catch (...) {
        catalogue.events.resize(before);  // a file that fails half-way adds nothing
        throw;
    }
    std::vector<Problem> problems;
    for (const geo::SkippedFeature& skipped : source.skipped)
        problems.push_back({path, "row " + std::to_string(skipped.position),
                            skipped.field == "geometry" ? "latitude/longitude" : skipped.field, skipped.reason});
    // Ids already taken (by an earlier file, or earlier in this one) leave the later row out.
    std::vector<char> drop(catalogue.events.size() - before, 0);
    for (std::size_t i : reader.settleSlashDates()) drop[i - before] = 1;
    for (std::size_t i : duplicateIds(catalogue, before)) {
        drop[i - before] = 1;
        result.problems.push_back({path, catalogue.events[i].id.str().substr(6), "event_id_cnty",
                                   "duplicate id " + catalogue.events[i].id});
    }
    // Rows before the first dropped one stay where they are.
    std::size_t to = before + static_cast<std::size_t>(std::find(drop.begin(), drop.end(), 1) - drop.begin());
    for (std::size_t i = to; i < catalogue.events.size(); ++i)
        if (!drop[i - before]) catalogue.events[to++] = catalogue.events[i];
        else if (catalogue.events[i].duplicate) --result.duplicates;
    catalogue.events.resize(to);
    problems.insert(problems.end(), result.problems.begin(), result.problems.end());
    result.problems = std::move(problems);
    result.added = to - before;
    catalogue.files.push_back(path);
    sortEvents(catalogue);
    return result;
}

}  // namespace bordermap::timeline
