#include "bordermap/timeline/catalogue.hpp"

#include "event_reading.hpp"

#include <bordermap/timeline/event_query.hpp>
#include <bordermap/timeline/event_record.hpp>

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/locator.hpp>
#include <bordermap/geo/polygon_grid.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <boost/sort/spreadsort/integer_sort.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>

namespace bordermap::embedded {
std::span<const unsigned char> events_geojson();
}

namespace bordermap::timeline {

namespace {

using namespace std::chrono;

// GeoJSON is read with dates as text (GDAL would turn "2025-02-21" into its own date type and "2025-02" into
// text) and with the FeatureCollection's own members kept, where `as_of` lives.
// A JSON array stays the array's text in the one feature that has it ("[ \"clash\" ]"), so the check below can
// name it; without ARRAY_AS_STRING one array turns the whole column into lists.
const std::vector<std::string> kOpenOptions{"DATE_AS_STRING=YES", "NATIVE_DATA=YES", "ARRAY_AS_STRING=YES"};

constexpr const char* kRequiredFields[] = {"id", "kind", "name", "start", "geo_precision", "sources"};

std::string kindList() {
    std::string out;
    for (EventKind kind : allEventKinds())
        out += (out.empty() ? "" : ", ") + std::string(eventKindName(kind));
    return out;
}

// The text fields of the schema. Every one must be UTF-8 without control characters (it is printed on terminals
// and drawn by Cairo, which stops drawing at the first bad byte); only the long ones may break lines.
struct TextField {
    const char* name;
    bool longText;
};
constexpr TextField kTextFields[] = {
    {"id", false},         {"kind", false},           {"name", false},           {"crossing", false},
    {"start", false},      {"end", false},            {"time_precision", false}, {"end_precision", false},
    {"start_date", false}, {"end_date", false},       {"geo_precision", false},  {"fatalities", false},
    {"injured", false},    {"fatalities_min", false}, {"injured_min", false},    {"summary", true},
    {"sources", false},    {"note", true},            {"country", false},        {"admin1", false}};
// Their places in kTextFields.
enum : std::size_t {
    kId, kKind, kName, kCrossing, kStart, kEnd, kTimePrecision, kEndPrecision, kStartDate, kEndDate, kGeoPrecision,
    kFatalities, kInjured, kFatalitiesMin, kInjuredMin, kSummary, kSources, kNote, kCountry, kAdmin1
};

// The names a Shapefile gives the fields longer than its 10 characters, as GDAL (and so QGIS, which writes
// through it) launders them: a field is looked for under these where its own name is missing.
struct LaunderedName {
    std::size_t field;
    const char* name;
};
constexpr LaunderedName kLaunderedNames[] = {
    {kTimePrecision, "time_preci"}, {kEndPrecision, "end_precis"}, {kGeoPrecision, "geo_precis"},
    {kFatalitiesMin, "fataliti_1"}, {kFatalitiesMin, "fatalities_"}, {kInjuredMin, "injured_mi"}};

// A Shapefile's DBF keeps 254 bytes of a text, and GDAL cuts a longer value there even inside a character (QGIS's
// Save Features As and ogr2ogr both write such files): the cut character's first bytes are dropped, the rest read.
constexpr std::size_t kDbfTextBytes = 254;
std::string_view withoutCutCharacter(std::string_view text) {
    if (text.size() != kDbfTextBytes) return text;
    std::size_t lead = text.size();  // one past the last character's first byte, once the loop is done
    while (lead > 0 && text.size() - lead < 3 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;
    if (lead == 0) return text;
    const auto first = static_cast<unsigned char>(text[lead - 1]);
    const std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    return text.size() - (lead - 1) < length ? text.substr(0, lead - 1) : text;
}

// A problem with the position of its feature in the file, so that problems found at the end of a file (duplicate
// ids, unknown crossings) are reported among the others in file order.
struct PlacedProblem {
    std::size_t position;
    Problem problem;
};

// 32 bits of an id's hash: the id index sorts these, and compares the ids themselves only where two agree.
std::uint32_t idHash(std::string_view id) { return static_cast<std::uint32_t>(std::hash<std::string_view>{}(id) >> 7); }

// Sorts numbers made of a 32-bit key above a 32-bit index, through Boost's spreadsort (a radix sort that falls
// back to comparisons): about three times faster than std::sort on a million, and as the indexes are distinct it
// orders equal keys by index, as a stable sort would.
void sortPacked(std::vector<std::uint64_t>& packed) { boost::sort::spreadsort::integer_sort(packed.begin(), packed.end()); }

// Every event's id hash above its index, sorted: equal ids adjacent, in index order.
std::vector<std::uint64_t> idHashesSorted(const std::vector<Event>& events) {
    std::vector<std::uint64_t> keyed(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) keyed[i] = std::uint64_t{idHash(events[i].id)} << 32 | i;
    sortPacked(keyed);
    return keyed;
}

// Reads one file's events as GDAL streams its features: each event goes straight into the catalogue's text store
// and event list, no copy of the file or of the events is held.
class EventReader final : public geo::FeatureVisitor {
public:
    // `overridesEmbedded`: the source is the team's catalogue (a database), whose version of an embedded event (an
    // analyst's correction) takes its place.
    EventReader(Catalogue& catalogue, const std::string& file, const ValidationContext& ctx, bool overridesEmbedded = false)
        : m_catalogue(catalogue), m_file(file), m_fileText(catalogue.text->intern(file)), m_context(ctx),
          m_firstNew(catalogue.events.size()), m_overridesEmbedded(overridesEmbedded) {
        for (const Event& e : catalogue.events)
            if (catalogue.isEmbedded(e)) m_embeddedIds.push_back(e.id.view());
        std::sort(m_embeddedIds.begin(), m_embeddedIds.end());
    }

    void beginLayer(const geo::Layer& layer) override {
        // Which fields the layer has is known for certain only at its end (a streamed GeoJSON learns them as it
        // goes): endLayer takes back what this layer added when one that every event needs is missing.
        m_layerStart = {m_catalogue.events.size(), m_positions.size(), m_problems.size(), m_sharedWithEmbedded};
        for (std::size_t i = 0; i < std::size(kTextFields); ++i) m_fields[i] = layer.fieldIndex(kTextFields[i].name);
        // Where a layer has a laundered name, it is read where the schema's own is empty (a streamed GeoJSON lists
        // every name it was asked for, whether the file has it or not).
        m_laundered.fill(std::nullopt);
        for (const LaunderedName& laundered : kLaunderedNames)
            if (!m_laundered[laundered.field]) m_laundered[laundered.field] = layer.fieldIndex(laundered.name);
        const std::string extension = toLower(std::filesystem::path(layer.source).extension().string());
        m_dbfText = extension == ".shp" || extension == ".dbf";
        m_asOf.reset();
        // GeoJSON keeps as_of as a member of the collection; a GeoPackage bordermap wrote, in the layer's metadata.
        std::optional<std::string> asOfText = geo::jsonMember(layer.nativeData, "as_of");
        if (!asOfText)
            for (const auto& [key, value] : layer.metadata)
                if (key == "as_of") asOfText = value;
        if (const auto& text = asOfText) {
            const auto asOf = parseDate(*text);
            if (!asOf || asOf->precision() != TimePrecision::Day) {
                problem(0, "(file)", "as_of", "'" + *text + "' is not a day (YYYY-MM-DD)");
            } else if (asOf->first() > m_context.latest) {
                // Open closures run to the as_of date: a date to come would close crossings into the future.
                problem(0, "(file)", "as_of",
                        asOf->iso() + " is after " + isoDay(m_context.latest) +
                            " (today): the data cannot describe the world as of a day to come");
            } else {
                m_asOf = asOf;
            }
        }
        if (m_asOf && (!m_fileAsOf || *m_fileAsOf < *m_asOf)) m_fileAsOf = m_asOf;
        m_latest = m_asOf ? m_asOf->last() : m_context.latest;
    }

    void feature(const geo::Layer&, const geo::Feature& feature) override {
        m_position = feature.position;
        std::optional<Event> event = readOne(feature);
        if (!event) return;
        if (std::binary_search(m_embeddedIds.begin(), m_embeddedIds.end(), event->id.view())) ++m_sharedWithEmbedded;
        m_catalogue.events.push_back(*event);
        m_positions.push_back(static_cast<std::uint32_t>(feature.position));
    }

    void endLayer(const geo::Layer&, std::span<const std::string> fieldsInFile) override {
        std::vector<PlacedProblem> missing;
        const auto inFile = [&](std::string_view name) {
            return std::find(fieldsInFile.begin(), fieldsInFile.end(), name) != fieldsInFile.end();
        };
        // A required field may come under its Shapefile name (geo_precision as geo_precis).
        const auto present = [&](std::string_view field) {
            if (inFile(field)) return true;
            for (const LaunderedName& laundered : kLaunderedNames)
                if (kTextFields[laundered.field].name == field && inFile(laundered.name)) return true;
            return false;
        };
        for (const char* field : kRequiredFields)
            if (!present(field))
                missing.push_back({0, {m_file, "(file)", field, "the file has no such field; every event needs it"}});
        if (missing.empty()) return;
        // Nothing can be read from such a layer: its events go, and so do their problems, which the missing field
        // explains. The layer's own problems (its as_of) stay, after the missing fields as they were found first.
        m_catalogue.events.resize(m_layerStart.events);
        m_positions.resize(m_layerStart.positions);
        m_sharedWithEmbedded = m_layerStart.sharedWithEmbedded;
        const auto firstFeatureProblem =
            std::find_if(m_problems.begin() + static_cast<std::ptrdiff_t>(m_layerStart.problems), m_problems.end(),
                         [](const PlacedProblem& p) { return p.position != 0; });
        m_problems.erase(firstFeatureProblem, m_problems.end());
        m_problems.insert(m_problems.begin() + static_cast<std::ptrdiff_t>(m_layerStart.problems), missing.begin(), missing.end());
    }

    // After the last layer: decides whether the file replaces the embedded events, leaves out events whose id is
    // taken or whose crossing does not exist, and returns the problems in file order.
    std::vector<Problem> finish() {
        std::vector<Event>& events = m_catalogue.events;
        // A file that holds at least half of the embedded events' ids is a version of geodata/events.geojson
        // (that file itself, or an edited copy): it takes the embedded events' place instead of clashing with every id.
        if (!m_embeddedIds.empty() && 2 * m_sharedWithEmbedded >= m_embeddedIds.size() && m_file != kEmbeddedEventsName) {
            const auto kept = std::stable_partition(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(m_firstNew),
                                                    [&](const Event& e) { return !m_catalogue.isEmbedded(e); });
            const std::size_t removed = static_cast<std::size_t>(events.begin() + static_cast<std::ptrdiff_t>(m_firstNew) - kept);
            events.erase(kept, events.begin() + static_cast<std::ptrdiff_t>(m_firstNew));
            m_firstNew -= removed;
            std::erase(m_catalogue.files, std::string(kEmbeddedEventsName));
            m_catalogue.asOf.reset();
            m_catalogue.embeddedReplacedBy = m_file;
        }
        if (m_fileAsOf && (!m_catalogue.asOf || *m_catalogue.asOf < *m_fileAsOf)) m_catalogue.asOf = m_fileAsOf;
        if (m_overridesEmbedded && m_catalogue.embeddedReplacedBy != m_file) {
            // The database's rows take the place of the embedded events with their ids; other embedded events stay.
            std::vector<std::string_view> ids;
            for (std::size_t i = m_firstNew; i < events.size(); ++i) ids.push_back(events[i].id.view());
            std::sort(ids.begin(), ids.end());
            const auto kept = std::stable_partition(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(m_firstNew), [&](const Event& e) {
                return !m_catalogue.isEmbedded(e) || !std::binary_search(ids.begin(), ids.end(), e.id.view());
            });
            const std::size_t removed = static_cast<std::size_t>(events.begin() + static_cast<std::ptrdiff_t>(m_firstNew) - kept);
            events.erase(kept, events.begin() + static_cast<std::ptrdiff_t>(m_firstNew));
            m_firstNew -= removed;
        }

        std::vector<char> drop(events.size() - m_firstNew, 0);
        markDuplicateIds(drop);
        // A closure's (or state_unknown period's) crossing may stand anywhere in this file or an earlier one.
        std::vector<std::string_view> crossings;
        for (std::size_t i = 0; i < events.size(); ++i)
            if (events[i].kind == EventKind::Crossing && (i < m_firstNew || !drop[i - m_firstNew]))
                crossings.push_back(events[i].id.view());
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t i = m_firstNew; i < events.size(); ++i) {
            const Event& e = events[i];
            if (!isStatePeriod(e.kind) || drop[i - m_firstNew]) continue;
            // Found across events: reported after every event's own problems, as the header says.
            const std::size_t position = std::numeric_limits<std::size_t>::max();
            if (e.crossing.empty())
                problem(position, e.id, "crossing",
                        e.kind == EventKind::Closure ? "a closure must name the id of the crossing it closes"
                                                     : "a state_unknown period must name the id of the crossing whose state it leaves unknown");
            else if (!std::binary_search(crossings.begin(), crossings.end(), e.crossing.view()))
                problem(position, e.id, "crossing", "no crossing has the id '" + e.crossing + "'");
            else
                continue;
            drop[i - m_firstNew] = 1;
        }
        checkStatePeriods(drop);
        std::size_t to = m_firstNew;
        for (std::size_t i = m_firstNew; i < events.size(); ++i)
            if (!drop[i - m_firstNew]) events[to++] = events[i];
        events.resize(to);

        std::stable_sort(m_problems.begin(), m_problems.end(),
                         [](const PlacedProblem& a, const PlacedProblem& b) { return a.position < b.position; });
        std::vector<Problem> out;
        out.reserve(m_problems.size());
        for (PlacedProblem& p : m_problems) out.push_back(std::move(p.problem));
        return out;
    }

private:
    // A crossing's closures and state_unknown periods must agree with one another, and a new file's are checked
    // against every file's: a state_unknown period may not overlap a closure (where a source says closed, the state
    // is known), and a closure with no end (still closed as of as_of) may not be followed by another closure of its
    // crossing (it must have ended first: give its end, even one known only to the year). Reported, not dropped.
    void checkStatePeriods(const std::vector<char>& drop) {
        const std::vector<Event>& events = m_catalogue.events;
        const auto kept = [&](std::size_t i) { return i < m_firstNew || !drop[i - m_firstNew]; };
        std::vector<std::size_t> periods;
        for (std::size_t i = 0; i < events.size(); ++i)
            if (isStatePeriod(events[i].kind) && kept(i) &&
                events[i].start && !events[i].crossing.empty())
                periods.push_back(i);
        std::stable_sort(periods.begin(), periods.end(), [&](std::size_t a, std::size_t b) {
            const Event &x = events[a], &y = events[b];
            if (x.crossing.view() != y.crossing.view()) return x.crossing.view() < y.crossing.view();
            return x.start->first() < y.start->first();
        });
        const CalendarDay never = CalendarDay::max();
        const auto overBy = [&](const Event& e) { return e.end ? e.end->firstDayPast() : never; };
        const std::size_t position = std::numeric_limits<std::size_t>::max();
        // One sweep a crossing: an interval that overlaps an earlier-starting one holds its own start inside it, so
        // the latest-ending closure and state_unknown period so far are the only ones to compare with.
        std::optional<std::size_t> lastClosure, lastUnknown;
        // The crossing's latest closure if it has no end. A plain index: GCC 12 at -O2 takes an optional here for
        // one that may be used uninitialised.
        constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
        std::size_t openEnded = kNone;
        std::string_view crossing;
        for (std::size_t i : periods) {
            const Event& e = events[i];
            if (e.crossing.view() != crossing) {
                crossing = e.crossing.view();
                lastClosure.reset();
                lastUnknown.reset();
                openEnded = kNone;
            }
            const CalendarDay from = e.start->first();
            const auto report = [&](std::size_t other, const std::string& field, const std::string& message) {
                if (i >= m_firstNew) problem(position, e.id, field, message);
                else if (other >= m_firstNew) problem(position, events[other].id, field, message);
            };
            const std::optional<std::size_t> against = e.kind == EventKind::Closure ? lastUnknown : lastClosure;
            if (against && overBy(events[*against]) > from)
                report(*against, "start",
                       "the state_unknown period and the closure '" + std::string(e.kind == EventKind::Closure ? e.id.view() : events[*against].id.view()) +
                           "' of crossing '" + std::string(crossing) + "' overlap: where a source says closed, the state is known");
            if (e.kind == EventKind::Closure && openEnded != kNone && from > events[openEnded].start->last())
                report(openEnded, "end",
                       "closure '" + events[openEnded].id.str() + "' has no end, but closure '" + e.id.str() + "' of its crossing begins on " +
                           isoDay(from) + ": give its end (the reopening), even one known only to the year");
            std::optional<std::size_t>& last = e.kind == EventKind::Closure ? lastClosure : lastUnknown;
            if (!last || overBy(events[*last]) < overBy(e)) last = i;
            if (e.kind == EventKind::Closure) openEnded = e.end ? kNone : i;
        }
    }

    // The second and later events with an id already taken (by an earlier file or earlier in this one). One that the
    // embedded catalogue holds exactly as it is (an export of the embedded events' window, loaded beside them) is the
    // same event: left out without a word. A user's file loaded twice still clashes: that is a mistake worth a line.
    void markDuplicateIds(std::vector<char>& drop) {
        const std::vector<std::size_t> duplicates = duplicateIds(m_catalogue, m_firstNew);
        if (duplicates.empty()) return;
        std::unordered_map<std::string_view, std::size_t> earlier;
        for (std::size_t i = 0; i < m_firstNew; ++i) earlier.emplace(m_catalogue.events[i].id.view(), i);
        for (std::size_t later : duplicates) {
            drop[later - m_firstNew] = 1;
            const Event& e = m_catalogue.events[later];
            const auto same = earlier.find(e.id.view());
            if (same != earlier.end() && m_catalogue.isEmbedded(m_catalogue.events[same->second]) &&
                sameEvent(m_catalogue.events[same->second], e)) {
                ++m_catalogue.sameEventsLeftOut;
                continue;
            }
            problem(m_positions[later - m_firstNew], e.id, "id", "duplicate id: another event has it too");
        }
    }

    // Whether two events of the catalogue say the same in every field.
    bool sameEvent(const Event& a, const Event& b) const {
        const auto places = [](const Event& e) { return std::span<const LonLat>(e.places); };
        return a.kind == b.kind && a.name.view() == b.name.view() && a.crossing.view() == b.crossing.view() && a.start == b.start &&
               a.end == b.end && a.geoPrecision == b.geoPrecision && a.fatalities.view() == b.fatalities.view() &&
               a.injured.view() == b.injured.view() && a.fatalitiesLow == b.fatalitiesLow && a.injuredLow == b.injuredLow &&
               a.country.view() == b.country.view() && a.admin1.view() == b.admin1.view() &&
               std::ranges::equal(places(a), places(b)) && m_catalogue.summaryOf(a) == m_catalogue.summaryOf(b) &&
               m_catalogue.noteOf(a) == m_catalogue.noteOf(b) && m_catalogue.sourcesOf(a) == m_catalogue.sourcesOf(b);
    }

    std::string_view value(const geo::Feature& feature, std::size_t field) const {
        const auto at = [&](std::optional<std::size_t> index) {
            if (!index || *index >= feature.values.size()) return std::string_view();
            const std::string_view raw = feature.values[*index];
            return m_dbfText ? withoutCutCharacter(raw) : raw;
        };
        const std::string_view own = at(m_fields[field]);
        return own.empty() && m_laundered[field] ? at(m_laundered[field]) : own;
    }
    std::string_view text(const geo::Feature& feature, std::size_t field) const { return trimmed(value(feature, field)); }

    void problem(std::size_t position, std::string_view feature, const std::string& field, const std::string& message) {
        m_problems.push_back({position, {m_file, std::string(feature), field, message}});
    }

    // The date in `field`, at the precision `precisionField` states (time_precision for start, end_precision for
    // end) where it states one. A DATE column (GeoPackage, PostGIS, Shapefile) holds a whole day: a month or a year
    // written there is its first day (an end's may be its last), and the precision field says which period it is.
    std::optional<Date> date(const std::string& id, const geo::Feature& feature, std::size_t field, std::size_t precisionField,
                             bool required) {
        const char* name = kTextFields[field].name;
        const std::string_view value = text(feature, field);
        const std::string_view stated = text(feature, precisionField);
        std::optional<TimePrecision> precision;
        if (!stated.empty() && !(precision = parseTimePrecision(stated)))
            problem(m_position, id, kTextFields[precisionField].name, "'" + std::string(stated) + "' is not day, month or year");
        if (value.empty()) {
            if (required) problem(m_position, id, name, "missing: every event needs a date");
            else if (precision) problem(m_position, id, kTextFields[precisionField].name, "is '" + std::string(stated) + "' but " + name + " is empty");
            return std::nullopt;
        }
        auto parsed = parseDate(value);
        if (!parsed) {
            problem(m_position, id, name, "'" + std::string(value) + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
            return std::nullopt;
        }
        if (precision && *precision != parsed->precision()) {
            const bool isEnd = field == kEnd;
            const Date period = periodOf(parsed->first(), *precision);
            if (parsed->precision() == TimePrecision::Day && *precision != TimePrecision::Day &&
                (parsed->first() == period.first() || (isEnd && parsed->first() == period.last()))) {
                parsed = period;
            } else {
                problem(m_position, id, kTextFields[precisionField].name,
                        "says " + std::string(stated) + " but " + name + " '" + parsed->iso() + "' is precise to the " +
                            std::string(timePrecisionName(parsed->precision())) +
                            (parsed->precision() == TimePrecision::Day
                                 ? std::string(": a whole day stands for a ") + std::string(stated) + " only as its first day" +
                                       (isEnd ? " or its last" : "")
                                 : std::string()));
                return std::nullopt;
            }
        }
        if (parsed->first() < m_context.earliest || parsed->first() > m_latest) {
            problem(m_position, id, name,
                    parsed->iso() + " is out of range (" + isoDay(m_context.earliest) + " to " + isoDay(m_latest) +
                        ", the data's as_of date)");
            return std::nullopt;
        }
        return parsed;
    }

    // The period of `precision` that holds `day`: its day, month or year.
    static Date periodOf(CalendarDay day, TimePrecision precision) {
        const std::chrono::year_month_day ymd{day};
        switch (precision) {
        case TimePrecision::Day: return Date(day, precision);
        case TimePrecision::Month: return Date(CalendarDay{ymd.year() / ymd.month() / 1}, precision);
        case TimePrecision::Year: return Date(CalendarDay{ymd.year() / 1 / 1}, precision);
        }
        return Date(day, precision);
    }

    // start_date or end_date, where the file has them, must be the day the event's dates give (they are derived,
    // for tools that read days only; the dates with their precision are the truth).
    void checkDerivedDay(const std::string& id, const geo::Feature& feature, std::size_t field, std::optional<CalendarDay> expected,
                         const std::string& why) {
        const std::string_view value = text(feature, field);
        if (value.empty()) return;
        const char* name = kTextFields[field].name;
        const auto parsed = parseDate(value);
        if (!parsed || parsed->precision() != TimePrecision::Day) {
            problem(m_position, id, name, "'" + std::string(value) + "' is not a day (YYYY-MM-DD)");
        } else if (!expected) {
            problem(m_position, id, name, "is " + parsed->iso() + " but should be empty: " + why);
        } else if (parsed->first() != *expected) {
            problem(m_position, id, name, "is " + parsed->iso() + " but should be " + isoDay(*expected) + ": " + why);
        }
    }

    // The explicit minimum in `field`, else the figure when the text is only a number.
    std::optional<int> minimum(const std::string& id, const geo::Feature& feature, std::size_t field, std::string_view reported) {
        const std::string_view value = text(feature, field);
        if (value.empty()) return plainFigure(reported);
        const auto parsed = parseInteger(value);
        if (!parsed || *parsed < 0 || *parsed > 10'000'000) {
            problem(m_position, id, kTextFields[field].name, "'" + std::string(value) + "' is not a whole number of people");
            return std::nullopt;
        }
        return static_cast<int>(*parsed);
    }

    std::optional<Event> readOne(const geo::Feature& feature) {
        const std::size_t before = m_problems.size();
        TextStore& store = *m_catalogue.text;
        const std::string_view id = text(feature, kId);
        const std::string label = id.empty() || textDefect(id) ? "#" + std::to_string(feature.position) : std::string(id);
        if (id.empty()) problem(m_position, label, "id", "missing: every event needs an id");
        for (std::size_t field = 0; field < std::size(kTextFields); ++field) {
            const std::string_view raw = value(feature, field);
            if (const auto defect = textDefect(raw, kTextFields[field].longText)) {
                problem(m_position, label, kTextFields[field].name, *defect);
            } else if (const std::string_view t = trimmed(raw); t.size() >= 2 && t.front() == '[' && t.back() == ']') {
                const bool sources = field == kSources;
                problem(m_position, label, kTextFields[field].name,
                        std::string("a list (JSON array) where one value belongs") +
                            (sources ? ": write the sources as one text, separated by ' | '" : ""));
            }
        }
        if (m_problems.size() != before) return std::nullopt;  // nothing else can be read from such values

        Event e;
        e.file = m_fileText;
        const std::string_view kind = text(feature, kKind);
        if (const auto parsed = parseEventKind(kind))
            e.kind = *parsed;
        else
            problem(m_position, label, "kind", "unknown kind '" + std::string(kind) + "' (one of: " + kindList() + ")");

        const std::string_view name = text(feature, kName);
        if (name.empty()) problem(m_position, label, "name", "missing: every event needs a name");

        // A crossing may have no start: it has been open since before the data begins.
        const bool isCrossing = e.kind == EventKind::Crossing;
        e.start = date(label, feature, kStart, kTimePrecision, !isCrossing);
        e.end = date(label, feature, kEnd, kEndPrecision, false);
        if (e.start && e.end && e.end->first() < e.start->first())
            problem(m_position, label, "end", "ends (" + e.end->iso() + ") before it starts (" + e.start->iso() + ")");
        if (m_problems.size() == before) {
            checkDerivedDay(label, feature, kStartDate, firstDayCovered(e),
                            e.start ? "the first day of start " + e.start->iso() : std::string("the event has no start"));
            const std::optional<CalendarDay> last = lastDayCovered(e);
            checkDerivedDay(label, feature, kEndDate, last,
                            e.end      ? "the last day of end " + e.end->iso()
                            : last     ? "the event has no end, so the last day of start " + e.start->iso()
                            : isStatePeriod(e.kind) ? "a " + std::string(eventKindName(e.kind)) + " with no end is still in force"
                                                    : std::string("a crossing with no end has no last day"));
        }

        // An event with no geometry has no place on the map, and so no precision of place: a geo_precision given
        // there says the geometry was meant and lost. A crossing's state is drawn at its crossing, which has a place.
        const bool placed = !feature.geometry.points.empty() || feature.geometry.kind != geo::GeometryKind::Points;
        const std::string_view geoPrecision = text(feature, kGeoPrecision);
        if (!placed) {
            e.geoPrecision = GeoPrecision::None;
            if (isCrossingState(e.kind))
                problem(m_position, label, "geometry",
                        "missing: a " + std::string(eventKindName(e.kind)) + " is drawn at " +
                            (e.kind == EventKind::Crossing ? "the crossing's point" : "its crossing's point"));
            else if (!geoPrecision.empty())
                problem(m_position, label, "geo_precision",
                        "is '" + std::string(geoPrecision) +
                            "' but the event has no geometry: give its point, or leave geo_precision out for an event "
                            "with no place on the map");
        } else if (const auto parsed = parseGeoPrecision(geoPrecision)) {
            e.geoPrecision = *parsed;
        } else if (geoPrecision.empty()) {
            problem(m_position, label, "geo_precision", "missing: exact, district or province (how precisely the point is known)");
        } else {
            problem(m_position, label, "geo_precision", "'" + std::string(geoPrecision) + "' is not exact, district or province");
        }

        const std::string_view fatalities = text(feature, kFatalities), injured = text(feature, kInjured);
        e.fatalitiesLow = minimum(label, feature, kFatalitiesMin, fatalities);
        e.injuredLow = minimum(label, feature, kInjuredMin, injured);
        const std::vector<std::string_view> sources = splitSources(value(feature, kSources));
        if (sources.empty()) problem(m_position, label, "sources", "missing: every event must say who reported it");

        if (feature.geometry.kind != geo::GeometryKind::Points) {
            problem(m_position, label, "geometry",
                    "must be a point or points, not " + std::string(geo::geometryKindName(feature.geometry.kind)));
        } else {
            for (const LonLat& p : feature.geometry.points) {
                if (!m_context.mapExtent.contains(p))
                    problem(m_position, label, "geometry",
                            offMap(m_context, p) + "; an event held farther away has no geometry (null)");
            }
        }
        if (m_problems.size() != before) return std::nullopt;

        // Only now, for an event that is kept, does its text go into the store.
        e.id = store.keep(id);
        e.name = store.intern(name);
        e.crossing = store.intern(text(feature, kCrossing));
        e.fatalities = store.intern(fatalities);
        e.injured = store.intern(injured);
        e.summary = store.keepLong(text(feature, kSummary));
        // Kept as they come, not interned: a big file's citations are mostly its own each (LZ4 finds what repeats
        // near by).
        e.sources = m_catalogue.sourceText->keepLong(joinSources(sources));
        e.note = store.keepLong(text(feature, kNote));
        e.country = store.intern(text(feature, kCountry));
        e.admin1 = store.intern(text(feature, kAdmin1));
        e.places = store.list(std::span<const LonLat>(feature.geometry.points));
        return e;
    }

    static std::vector<std::string_view> splitSources(std::string_view text) {
        std::vector<std::string_view> out;
        std::size_t from = 0;
        while (from <= text.size()) {
            const std::size_t at = text.find(kSourceSeparator, from);
            const std::string_view part = trimmed(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
            if (!part.empty()) out.push_back(part);
            if (at == std::string_view::npos) break;
            from = at + kSourceSeparator.size();
        }
        return out;
    }

    Catalogue& m_catalogue;
    std::string m_file;
    Text m_fileText;
    const ValidationContext& m_context;
    std::size_t m_firstNew;                       // the first event this file added
    bool m_overridesEmbedded = false;
    std::vector<std::uint32_t> m_positions;       // each added event's position in the file
    std::vector<std::string_view> m_embeddedIds;  // sorted
    std::size_t m_sharedWithEmbedded = 0;
    std::array<std::optional<std::size_t>, std::size(kTextFields)> m_fields{};
    std::array<std::optional<std::size_t>, std::size(kTextFields)> m_laundered{};  // the Shapefile's name, where it has one
    bool m_dbfText = false;  // the layer is a Shapefile's: its texts may end in a character cut at 254 bytes
    struct LayerStart {
        std::size_t events, positions, problems, sharedWithEmbedded;
    } m_layerStart{};
    std::optional<Date> m_asOf;       // this layer's
    std::optional<Date> m_fileAsOf;   // the latest of the file's layers
    CalendarDay m_latest{};
    std::size_t m_position = 0;
    std::vector<PlacedProblem> m_problems;
};

}  // namespace

std::vector<Problem> readEventSource(Catalogue& catalogue, const std::string& file, const ValidationContext& context,
                                     const Loader& load, const Loader& stream, bool overridesEmbedded) {
    std::optional<EventReader> reader;
    geo::LoadOptions options;
    options.strict = false;
    options.allowNoGeometry = true;  // an event may have no place on the map
    options.displayName = file;
    options.openOptions = kOpenOptions;
    // A KML placemark's name, and the TimeSpan bordermap writes from start_date and end_date, read back as those
    // fields (LIBKML's own names would be "Name", "begin" and "end", the last clashing with the schema's `end`).
    options.configOptions = {{"LIBKML_NAME_FIELD", "name"}, {"LIBKML_BEGIN_FIELD", "start_date"}, {"LIBKML_END_FIELD", "end_date"}};
    for (const TextField& field : kTextFields) options.fields.emplace_back(field.name);
    for (const LaunderedName& laundered : kLaunderedNames) options.fields.emplace_back(laundered.name);
    const std::size_t before = catalogue.events.size();
    geo::VectorSource source;
    try {
        bool read = false;
        if (stream) {
            try {
                options.visitor = &reader.emplace(catalogue, file, context);
                source = stream(options);
                read = true;
            } catch (const geo::NotStreamable&) {
                catalogue.events.resize(before);  // what it read is read again by GDAL
            }
        }
        if (!read) {
            options.visitor = &reader.emplace(catalogue, file, context, overridesEmbedded);
            source = load(options);
        }
    } catch (...) {
        catalogue.events.resize(before);  // a file that fails half-way adds nothing
        throw;
    }
    std::vector<Problem> problems;
    for (const geo::SkippedFeature& skipped : source.skipped)
        problems.push_back({file, skipped.feature, skipped.field, skipped.reason});
    std::vector<Problem> found = reader->finish();
    problems.insert(problems.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    catalogue.files.push_back(file);
    sortEvents(catalogue);
    return problems;
}

std::vector<std::size_t> duplicateIds(const Catalogue& catalogue, std::size_t firstNew) {
    const std::vector<Event>& events = catalogue.events;
    const std::vector<std::uint64_t> keyed = idHashesSorted(events);  // equal ids adjacent, in index order
    const auto hashOf = [](std::uint64_t packed) { return static_cast<std::uint32_t>(packed >> 32); };
    const auto indexOf = [](std::uint64_t packed) { return static_cast<std::uint32_t>(packed); };
    std::vector<std::size_t> out;
    for (std::size_t a = 0; a < keyed.size();) {
        std::size_t b = a + 1;
        while (b < keyed.size() && hashOf(keyed[b]) == hashOf(keyed[a])) ++b;
        // Within one hash (rare, and few): in index order, an id seen before makes this one a duplicate.
        for (std::size_t i = a + 1; i < b; ++i) {
            const std::uint32_t later = indexOf(keyed[i]);
            if (later < firstNew) continue;
            for (std::size_t j = a; j < i; ++j)
                if (events[indexOf(keyed[j])].id == events[later].id) {
                    out.push_back(later);
                    break;
                }
        }
        a = b;
    }
    std::sort(out.begin(), out.end());
    return out;
}

Catalogue copyCatalogue(const Catalogue& from) {
    Catalogue copy;
    copy.borrowedText = from.borrowedText;
    copy.borrowedText.push_back(from.text);
    copy.borrowedText.push_back(from.sourceText);
    copy.asOf = from.asOf;
    copy.files = from.files;
    copy.embeddedReplacedBy = from.embeddedReplacedBy;
    copy.sameEventsLeftOut = from.sameEventsLeftOut;
    copy.events = from.events;
    // The long texts were kept in about the events' order: a reader keeps the block it decompressed last.
    TextStore::LongReader text(*from.text);
    TextStore::LongReader sources(*from.sourceText);
    TextStore::Writer textOut(*copy.text);
    TextStore::Writer sourcesOut(*copy.sourceText);
    const auto copied = [](TextStore::LongReader& reader, TextStore::Writer& out, LongText t) {
        return t.empty() ? t : out.keepLong(reader.read(t));
    };
    for (Event& e : copy.events) {
        e.summary = copied(text, textOut, e.summary);
        e.note = copied(text, textOut, e.note);
        e.sources = copied(sources, sourcesOut, e.sources);
    }
    copy.reindex();
    return copy;
}

void sortEvents(Catalogue& catalogue) {
    // Sorted through a permutation of 8-byte keys, then applied in place: a million events need no second copy.
    // Undated first, then by first day, then the more precise first; file order for ties. Each key is the sort key
    // (from 0 for undated) above the index, so sorting the numbers is a stable sort by the key.
    std::vector<Event>& events = catalogue.events;
    const auto dayKey = [](const Date& d) { return std::int64_t{d.first().time_since_epoch().count()} * 4 + static_cast<std::int64_t>(d.precision()); };
    std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
    for (const Event& e : events)
        if (e.start) lowest = std::min(lowest, dayKey(*e.start));
    std::vector<std::uint64_t> keys(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        // Years 1 to 9999 make about 14.6 million keys: far inside 32 bits.
        const std::uint64_t key = e.start ? static_cast<std::uint64_t>(dayKey(*e.start) - lowest) + 1 : 0;
        keys[i] = key << 32 | i;
    }
    sortPacked(keys);
    const auto from = [&](std::size_t j) { return static_cast<std::uint32_t>(keys[j]); };
    std::vector<char> placed(events.size(), 0);
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (placed[i] || from(i) == i) continue;
        // Follow the cycle: position j receives the event from keys[j].second.
        Event carried = events[i];
        std::size_t j = i;
        while (true) {
            placed[j] = 1;
            const std::size_t source = from(j);
            if (source == i) {
                events[j] = carried;
                break;
            }
            events[j] = events[source];
            j = source;
        }
    }
    catalogue.reindex();
}

void Catalogue::reindex() {
    m_byId.clear();
    m_byStartLast.clear();
    m_crossings.clear();
    m_statePeriods.clear();
    m_longestStartDays = 0;
    m_firstDated = 0;
    while (m_firstDated < events.size() && !events[m_firstDated].start) ++m_firstDated;

    // Last days from 0 above the index: sorting the numbers is a stable sort by last day.
    std::int64_t earliestLast = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = m_firstDated; i < events.size(); ++i)
        earliestLast = std::min(earliestLast, std::int64_t{events[i].start->last().time_since_epoch().count()});
    std::vector<std::uint64_t> lasts;
    lasts.reserve(events.size() - m_firstDated);
    m_facts.assign(events.size(), {});
    for (std::uint32_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        m_facts[i] = factsOf(e, isEmbedded(e));
        if (e.kind == EventKind::Crossing) m_crossings.push_back(i);
        if (isStatePeriod(e.kind)) {
            auto it = std::find_if(m_statePeriods.begin(), m_statePeriods.end(), [&](const auto& c) { return c.first == e.crossing.view(); });
            if (it == m_statePeriods.end()) it = m_statePeriods.insert(m_statePeriods.end(), {e.crossing.view(), {}});
            it->second.push_back(i);
        }
        if (e.start) {
            const std::int64_t last = e.start->last().time_since_epoch().count();
            lasts.push_back(static_cast<std::uint64_t>(last - earliestLast) << 32 | i);
            m_longestStartDays = std::max(m_longestStartDays, m_facts[i].lastDay - m_facts[i].firstDay);
        }
    }
    const auto buildById = [&] {
        const std::vector<std::uint64_t> ids = idHashesSorted(events);
        m_byId.reserve(ids.size());
        for (std::uint64_t packed : ids) m_byId.push_back(static_cast<std::uint32_t>(packed));
    };
    if (events.size() < 100'000) {
        buildById();
        sortPacked(lasts);
    } else {
        // The two sorts are independent: the id index on a second thread (after a load, the reader's is idle).
        std::thread byId(buildById);
        try {
            sortPacked(lasts);
        } catch (...) {
            byId.join();
            throw;
        }
        byId.join();
    }
    m_byStartLast.reserve(lasts.size());
    for (std::uint64_t packed : lasts) m_byStartLast.push_back(static_cast<std::uint32_t>(packed));
    std::sort(m_statePeriods.begin(), m_statePeriods.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

EventFacts factsOf(const Event& e, bool embedded) {
    EventFacts facts;
    facts.kind = e.kind;
    facts.dated = e.start.has_value();
    facts.duplicate = e.duplicate;
    facts.embedded = embedded;
    facts.deathsLow = e.fatalitiesLow.value_or(0);
    facts.injuredLow = e.injuredLow.value_or(0);
    if (e.start) {
        facts.firstDay = static_cast<std::int32_t>(e.start->first().time_since_epoch().count());
        // An event that happens over days (talks from the 25th to the 30th) shows until its end.
        const CalendarDay last = isCrossingState(e.kind) ? e.start->last() : lastDayCovered(e).value_or(e.start->last());
        facts.lastDay = static_cast<std::int32_t>(std::max(last, e.start->last()).time_since_epoch().count());
    }
    return facts;
}

std::string Problem::line() const {
    return printable(describe(Location{file, {}, "'" + feature + "'", field}) + ": " + message);
}

std::vector<std::string> Catalogue::sourcesOf(const Event& event) const {
    std::vector<std::string> out;
    forEachSource(sourceText->text(event.sources), [&](std::string_view source) { out.emplace_back(source); });
    return out;
}

const Event* Catalogue::find(std::string_view id) const {
    const std::uint32_t hash = idHash(id);
    auto it = std::lower_bound(m_byId.begin(), m_byId.end(), hash,
                               [&](std::uint32_t index, std::uint32_t h) { return idHash(events[index].id) < h; });
    for (; it != m_byId.end() && idHash(events[*it].id) == hash; ++it)
        if (events[*it].id == id) return &events[*it];
    return nullptr;
}

bool Catalogue::isEmbedded(const Event& event) const { return event.file == kEmbeddedEventsName; }

std::vector<const Event*> Catalogue::crossings() const {
    std::vector<const Event*> out;
    out.reserve(m_crossings.size());
    for (std::uint32_t i : m_crossings) out.push_back(&events[i]);
    return out;
}

std::vector<const Event*> Catalogue::statePeriodsOf(std::string_view crossingId) const {
    std::vector<const Event*> out;
    const auto it = std::lower_bound(m_statePeriods.begin(), m_statePeriods.end(), crossingId,
                                     [](const auto& c, std::string_view id) { return c.first < id; });
    if (it != m_statePeriods.end() && it->first == crossingId)
        for (std::uint32_t i : it->second) out.push_back(&events[i]);
    return out;
}

std::vector<const Event*> Catalogue::closuresOf(std::string_view crossingId) const {
    std::vector<const Event*> out = statePeriodsOf(crossingId);
    std::erase_if(out, [](const Event* e) { return e->kind != EventKind::Closure; });
    return out;
}

std::span<const Event> Catalogue::startingAround(CalendarDay from, CalendarDay to) const {
    const auto dated = std::span<const Event>(events).subspan(m_firstDated);
    const CalendarDay earliest = from - std::chrono::days{m_longestStartDays};
    const auto first = std::partition_point(dated.begin(), dated.end(), [&](const Event& e) { return e.start->first() < earliest; });
    const auto last = std::partition_point(first, dated.end(), [&](const Event& e) { return e.start->first() <= to; });
    return {first, last};
}

std::pair<CalendarDay, CalendarDay> Catalogue::range() const {
    CalendarDay first = CalendarDay::max();
    CalendarDay last = CalendarDay::min();
    for (const Event& e : events) {
        for (const auto& d : {e.start, e.end}) {
            if (!d) continue;
            first = std::min(first, d->first());
            last = std::max(last, d->last());
        }
    }
    if (asOf) last = std::max(last, asOf->last());
    if (first > last) first = last = asOf ? asOf->first() : CalendarDay{};
    return {first, last};
}

std::string offMap(const ValidationContext& context, LonLat p) {
    const GeoBox& box = context.mapExtent;
    return "(" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) + ") lies outside the map's region (longitude " +
           formatNumber(box.min.lon_deg, 1) + " to " + formatNumber(box.max.lon_deg, 1) + ", latitude " +
           formatNumber(box.min.lat_deg, 1) + " to " + formatNumber(box.max.lat_deg, 1) + ")";
}

ValidationContext defaultValidationContext(const geo::BoundaryData& boundaries) {
    // Afghanistan's and Pakistan's provinces and 5 degrees around them (about 500 km: Mashhad, Dushanbe, Tashkent,
    // Kashgar, Delhi): the border's region and its neighbourhood. An event held farther away (talks in Doha or
    // Istanbul) has no place on this map: it has no geometry, and its country and admin1 name the venue.
    GeoBox extent = boundaries.provinces.bounds();
    constexpr double kMarginDeg = 5.0;
    extent.min = {std::max(-180.0, extent.min.lon_deg - kMarginDeg), std::max(-90.0, extent.min.lat_deg - kMarginDeg)};
    extent.max = {std::min(180.0, extent.max.lon_deg + kMarginDeg), std::min(90.0, extent.max.lat_deg + kMarginDeg)};
    return {extent, sys_days{year{1800} / January / 1}, floor<days>(system_clock::now())};
}

std::vector<Problem> addEventFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                                  const std::string& displayName) {
    const std::string extension = toLower(std::filesystem::path(path).extension().string());
    const bool json = extension == ".geojson" || extension == ".json";
    return readEventSource(
        catalogue, displayName.empty() ? path : displayName, context,
        [&](const geo::LoadOptions& options) { return geo::loadVectorSource(path, options); },
        json ? Loader([&](const geo::LoadOptions& options) { return geo::streamGeoJsonPoints(path, options); }) : Loader());
}

Catalogue loadEmbeddedCatalogue(const ValidationContext& context) {
    Catalogue catalogue;
    const auto problems = readEventSource(
        catalogue, std::string(kEmbeddedEventsName), context,
        [](const geo::LoadOptions& options) { return geo::loadVectorSource(embedded::events_geojson(), "events.geojson", options); },
        [](const geo::LoadOptions& options) { return geo::streamGeoJsonPoints(embedded::events_geojson(), "events.geojson", options); });
    if (!problems.empty())
        throw OperationError({}, "the embedded events have " + std::to_string(problems.size()) +
                                     " problems, the first: " + problems.front().line());
    return catalogue;
}

std::vector<Problem> checkPlacesAgainstBoundaries(const Catalogue& catalogue, const geo::BoundaryData& boundaries,
                                                  std::string_view file, const PlaceCheckOptions& options) {
    constexpr double kCrossingToleranceM = 15'000.0;
    constexpr double kCountryToleranceM = 5'000.0;
    const geo::Layer& countries = boundaries.countries;
    const std::span<const Event> events(catalogue.events);

    // First, on this thread, what each event needs: nothing, the Durand Line, or the countries its `country` text
    // names (an index into `named`, one entry per distinct text); and a grid for each country named at all. The
    // threads below only read these.
    constexpr std::uint32_t kSkip = std::numeric_limits<std::uint32_t>::max();
    constexpr std::uint32_t kNearDurand = kSkip - 1;
    std::vector<std::uint32_t> plan(events.size(), kSkip);
    std::vector<std::vector<std::size_t>> named;
    std::unordered_map<std::string_view, std::uint32_t> byText;
    // Interned text repeats its address: the first few addresses seen spare hashing the text of every event.
    std::vector<std::pair<const char*, std::uint32_t>> byAddress;
    const char* fileAddress = nullptr;
    std::vector<std::unique_ptr<geo::PolygonGrid>> grids(countries.features.size());
    const auto entryFor = [&](Text country) {
        for (const auto& [address, entry] : byAddress)
            if (address == country.c_str()) return entry;
        const auto [found, added] = byText.try_emplace(country.view(), static_cast<std::uint32_t>(named.size()));
        if (added) {
            // A cross-border event names both countries ("Afghanistan / Pakistan"): it may lie in either.
            std::vector<std::size_t>& in = named.emplace_back();
            const std::string_view text = country;
            std::size_t from = 0;
            while (from <= text.size()) {
                const std::size_t at = std::min(text.find(" / ", from), text.size());
                const std::string_view name = trimmed(text.substr(from, at - from));
                for (std::size_t f = 0; f < countries.features.size(); ++f)
                    if (!name.empty() && countries.value(countries.features[f], "name") == name) in.push_back(f);
                from = at + 3;
            }
            if (!options.fullTest)
                for (std::size_t f : in)
                    if (!grids[f]) grids[f] = std::make_unique<geo::PolygonGrid>(countries.features[f].geometry, kCountryToleranceM);
        }
        if (byAddress.size() < 16) byAddress.emplace_back(country.c_str(), found->second);
        return found->second;
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        if (e.places.empty()) continue;
        if (!file.empty() && e.file.c_str() != fileAddress) {
            if (e.file != file) continue;
            fileAddress = e.file.c_str();
        }
        // A crossing, its closures and its periods of unknown state straddle the line and name both countries.
        plan[i] = isCrossingState(e.kind) ? kNearDurand : entryFor(e.country);
    }

    const auto checkEvents = [&](std::size_t begin, std::size_t end, std::vector<Problem>& problems) {
        // The places live in the text store in file order, the events in date order: each event's places are a
        // cache miss that would cost more than the grid lookup. Asking for them a few events ahead hides that.
        constexpr std::size_t kAhead = 16;
        for (std::size_t i = begin; i < end; ++i) {
            if (i + kAhead < end) __builtin_prefetch(events[i + kAhead].places.begin());
            if (plan[i] == kSkip) continue;
            const Event& e = events[i];
            for (const LonLat& p : e.places) {
                if (plan[i] == kNearDurand) {
                    const double d = geo::geodesicDistanceToM(boundaries.durand().geometry, p);
                    if (d > kCrossingToleranceM)
                        problems.push_back({e.file.str(), e.id.str(), "geometry",
                                            "a " + std::string(eventKindName(e.kind)) + " " + formatNumber(d / 1000.0, 0) +
                                                " km from the Durand Line; a crossing must be within " +
                                                formatNumber(kCrossingToleranceM / 1000.0, 0) + " km of it"});
                    continue;
                }
                const std::vector<std::size_t>& in = named[plan[i]];
                if (in.empty()) continue;  // a venue abroad, outside the boundary data
                const bool inside = std::any_of(in.begin(), in.end(), [&](std::size_t f) {
                    return options.fullTest ? geo::insideOrNear(countries.features[f].geometry, p, kCountryToleranceM)
                                            : grids[f]->insideOrNear(p);
                });
                if (inside) continue;
                const geo::Whereabouts where = geo::locate(boundaries, p);
                problems.push_back({e.file.str(), e.id.str(), "country",
                                    "says " + e.country + " but the point lies in " +
                                        where.country.value_or("no country in the boundary data")});
            }
        }
    };

    // Chunks of events in order, each to its own list, joined in order: the same problems as one thread finds.
    constexpr std::size_t kEventsPerThread = 20'000;
    const std::size_t available = options.threads != 0 ? options.threads : std::min(8u, std::max(1u, std::thread::hardware_concurrency()));
    const std::size_t chunks = std::clamp<std::size_t>(events.size() / kEventsPerThread, 1, available);
    std::vector<std::vector<Problem>> found(chunks);
    std::vector<std::exception_ptr> failed(chunks);
    const auto run = [&](std::size_t chunk) {
        try {
            const std::size_t begin = events.size() * chunk / chunks, end = events.size() * (chunk + 1) / chunks;
            checkEvents(begin, end, found[chunk]);
        } catch (...) {
            failed[chunk] = std::current_exception();  // rethrown below, on the caller's thread
        }
    };
    {
        std::vector<std::jthread> workers;
        for (std::size_t chunk = 1; chunk < chunks; ++chunk) workers.emplace_back(run, chunk);
        run(0);
    }
    for (const std::exception_ptr& failure : failed)
        if (failure) std::rethrow_exception(failure);
    std::vector<Problem> problems = std::move(found.front());
    for (std::size_t chunk = 1; chunk < chunks; ++chunk)
        problems.insert(problems.end(), std::make_move_iterator(found[chunk].begin()), std::make_move_iterator(found[chunk].end()));
    return problems;
}

}  // namespace bordermap::timeline
