#include "commands.hpp"
#include "json_output.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/event_record.hpp>
#include <bordermap/timeline/state.hpp>

#include <bordermap/geo/postgis.hpp>

#include <algorithm>
#include <iomanip>
#include <memory>
#include <ostream>
#include <thread>

namespace bordermap::app {

namespace {

using namespace timeline;

constexpr const char* kEventsHelp =
    "usage: bordermap events [--date YYYY-MM-DD] [--window DAYS] [--events FILE]... [--acled FILE]... [filters]\n"
    "                        [-o FILE.{gpkg,geojson,csv,kml,fgb}] [--json] [-q]\n"
    "\n"
    "The state of the border on a date: which crossings are closed and since when, what happened in the\n"
    "window of days up to the date, the running totals, and the events just before and after.\n"
    "With -o, the events themselves go to a file instead, in bordermap's schema: with --date, those the\n"
    "listing would show (crossings open by then, closures in force or changing, events in the window);\n"
    "without, every event the filters pass.\n"
    "\n"
    "  --date D        the day (default: the data's as_of date)\n"
    "  --window N      days in the window, the date included (default 30)\n"
    "  --watch         with --events PG:..., list again whenever another client changes the table\n"
    "                  (checked every --interval seconds, default 2) until interrupted\n"
    "  -o, --output F  write the events to F: GeoPackage (.gpkg), GeoJSON (.geojson), CSV with WKT (.csv),\n"
    "                  KML with time spans (.kml) or FlatGeobuf (.fgb); whole or not at all\n"
    "  --events FILE   add a file of events in bordermap's schema (GeoJSON or any GDAL vector format)\n"
    "  --acled FILE    add an ACLED data export (CSV); README.md documents the mapping\n"
    "  --data PATH     boundary data for checking places (default: the embedded data)\n"
    "  --json          the same facts as one JSON document on stdout, for scripts (README.md: its schema);\n"
    "                  with -o, what was written; with --watch, one document a line, each time\n"
    "%FILTERS%"
    "  --help          this text\n"
    "\n"
    "Fatalities are the lowest figure each report supports, summed; see each event for who reported what.\n";

const std::vector<OptionSpec> kEventsOptions = withFilterOptions(
    {{"date", true}, {"window", true}, {"watch", false}, {"interval", true}, {"o", true}, {"output", true}, {"events", true}, {"acled", true}, {"data", true}, {"json", false}, {"help", false}});

std::string figures(const Event& e) {
    std::string out;
    if (!e.fatalities.empty()) out += "killed: " + e.fatalities;
    if (!e.injured.empty()) out += (out.empty() ? "" : "; ") + std::string("injured: ") + e.injured;
    return out;
}

void printCrossing(std::ostream& out, const CrossingState& state, int nameWidth) {
    // setw counts bytes: pad by the UTF-8 characters of the name so that names with an en dash line up.
    const std::string_view name = state.crossing->name;
    int characters = 0;
    for (char c : name) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    out << "  " << name << std::string(static_cast<std::size_t>(std::max(1, nameWidth + 2 - characters)), ' ');
    switch (state.status) {
    case CrossingStatus::Open: out << "open"; break;
    case CrossingStatus::NotYetOpen: out << "not yet open (opened " << state.crossing->start->display() << ")"; break;
    case CrossingStatus::Closed:
        out << "CLOSED since " << state.closure->start->display() << " (" << state.closure->name << ")";
        break;
    case CrossingStatus::Uncertain:
        out << "possibly closed: " << state.closure->name << ", from " << state.closure->start->display()
            << (state.closure->end ? ", reopened " + state.closure->end->display() : ", reopening not known");
        break;
    case CrossingStatus::Unknown:
        out << "UNKNOWN since " << state.unknown->start->display() << " (" << state.unknown->name
            << "): no source says whether it was open";
        break;
    }
    out << '\n';
}

// The name of the crossing a closure or state_unknown period belongs to (its id where none has it).
std::string nameOfCrossing(const Catalogue& catalogue, const Event& period) {
    const Event* crossing = catalogue.find(period.crossing);
    return crossing != nullptr ? crossing->name.str() : period.crossing.str();
}

// `dateWidth`: the longest date listed ("21 September 2025" is 17 characters, "September 2025" 14), so the
// kinds line up in a column; `kindWidth` the same for the kinds, so the names do.
void printEvent(std::ostream& out, const Event& e, std::size_t dateWidth, std::size_t kindWidth) {
    out << "  " << std::left << std::setw(static_cast<int>(dateWidth + 2)) << e.start->display()
        << std::setw(static_cast<int>(kindWidth + 2)) << eventKindName(e.kind) << std::right << e.name;
    if (e.end && !isCrossingState(e.kind)) out << " (until " << e.end->display() << ")";
    const std::string numbers = figures(e);
    if (!numbers.empty()) out << " [" << numbers << "]";
    if (e.start->precision() != TimePrecision::Day) out << " (date known to the " << timePrecisionName(e.start->precision()) << ")";
    if (e.duplicate) out << " (also an embedded event: counted once)";
    out << '\n';
}

// The events a listing on --date shows (the crossings open by then, the closures and state_unknown periods in
// force or changing in the window, the events whose days overlap it), or, without --date, every event selected;
// written to `path`. The same rule as a temporal controller with start_date and end_date (an empty end_date runs
// on), so QGIS shows on a day what the file of that day holds.
int writeSelected(const Catalogue& catalogue, const EventSelection& selection, const ParsedArgs& parsed, int window,
                  const std::string& path, std::ostream& out) {
    std::optional<CalendarDay> day;
    if (const auto text = parsed.value("date")) day = parseDayOption(*text, "date");
    const std::vector<const Event*> chosen = eventsCovering(selection, day, window);
    const WrittenEvents result = writeEvents(catalogue, chosen, path);
    if (parsed.has("json")) {
        JsonDocument doc("events");
        JsonWriter& w = doc.writer();
        w.Key("date");
        if (day)
            writeString(w, isoDay(*day));
        else
            w.Null();
        w.Key("window_days");
        if (day)
            w.Int(window);
        else
            w.Null();
        writeField(w, "output", path);
        w.Key("written");
        w.Uint64(result.written);
        w.Key("left_out_unplaced");
        w.Uint64(result.leftOutUnplaced);
        doc.print(out);
        return kExitOk;
    }
    if (!parsed.has("quiet")) {
        out << "wrote " << result.written << " event" << (result.written == 1 ? "" : "s") << " to " << printable(path);
        if (result.leftOutUnplaced > 0)
            out << "; left out " << result.leftOutUnplaced << " with no place on the map (GDAL's FlatGeobuf keeps no "
                << "feature without a geometry: .gpkg or .geojson keep every event)";
        out << '\n';
    }
    return kExitOk;
}

int listOnce(const ParsedArgs& parsed, const geo::BoundaryData& boundaries, const EventFilter& filter, const EventQuery& query,
             int window, std::ostream& out, std::ostream& err);

// snake_case for scripts: "possibly_closed", "state_unknown".
std::string statusKey(CrossingStatus status) {
    std::string name(crossingStatusName(status));
    std::replace(name.begin(), name.end(), ' ', '_');
    return name;
}

// A moment as precisely as it is known (displayMoment's rule): the event's own date where the moment is its first
// day, else the day the slider steps to.
void writeMoment(JsonWriter& w, const std::optional<Moment>& moment) {
    if (!moment) {
        w.Null();
        return;
    }
    const std::optional<Date>& date = moment->reopening ? moment->event->end : moment->event->start;
    w.StartObject();
    writeDateFields(w, "date", date && date->first() == moment->day ? *date : Date(moment->day, TimePrecision::Day));
    w.Key("reopening");
    w.Bool(moment->reopening);
    writeField(w, "id", moment->event->id);
    writeField(w, "kind", eventKindName(moment->event->kind));
    writeField(w, "name", moment->event->name);
    w.EndObject();
}

// The listing's facts as one document: README.md's "events --json" is its schema.
void printStateJson(std::ostream& out, const Catalogue& catalogue, const EventSelection& selection, const EventFilter& filter,
                    const BorderState& state, const std::vector<Problem>& leftOut) {
    JsonDocument doc("events");
    JsonWriter& w = doc.writer();
    writeField(w, "date", isoDay(state.day));
    w.Key("window_days");
    w.Int(state.windowDays);

    const auto [first, last] = catalogue.range();
    w.Key("data");
    w.StartObject();
    w.Key("events");
    w.Uint64(catalogue.events.size());
    w.Key("files");
    w.StartArray();
    for (const std::string& file : catalogue.files) writeString(w, file);
    w.EndArray();
    writeField(w, "first_date", isoDay(first));
    writeField(w, "last_date", isoDay(last));
    writeDateFields(w, "as_of", catalogue.asOf);
    w.Key("left_out");
    w.StartArray();
    for (const Problem& problem : leftOut) writeProblem(w, problem);
    w.EndArray();
    w.EndObject();

    w.Key("filter");
    if (filter.active()) {
        w.StartObject();
        w.Key("kinds");
        if (filter.kinds.empty()) {
            w.Null();
        } else {
            w.StartArray();
            for (const EventKind kind : filter.kinds) writeString(w, eventKindName(kind));
            w.EndArray();
        }
        w.Key("min_deaths");
        if (filter.minDeaths > 0)
            w.Int(filter.minDeaths);
        else
            w.Null();
        writeFieldOrNull(w, "source", filter.source);
        writeFieldOrNull(w, "actor", filter.actor);
        writeFieldOrNull(w, "text", filter.text);
        w.Key("embedded");
        w.Bool(filter.embedded);
        writeField(w, "description", filter.describe());
        w.EndObject();
    } else {
        w.Null();
    }

    w.Key("crossings");
    w.StartArray();
    for (const CrossingState& c : state.crossings) {
        w.StartObject();
        writeField(w, "id", c.crossing->id);
        writeField(w, "name", c.crossing->name);
        writeField(w, "status", statusKey(c.status));
        writeDateFields(w, "opened", c.crossing->start);
        w.Key("places");
        w.StartArray();
        for (const LonLat& p : c.crossing->places) writeLonLat(w, p);
        w.EndArray();
        // The closure (closed, possibly_closed) or state_unknown period (state_unknown) in force.
        w.Key("period");
        if (const Event* period = c.closure != nullptr ? c.closure : c.unknown)
            writeEvent(w, catalogue, *period);
        else
            w.Null();
        w.EndObject();
    }
    w.EndArray();

    // The same events as the listing's window, in its order: newest first, closures that changed among them.
    std::vector<const Event*> happenings = state.recent;
    happenings.insert(happenings.end(), state.closureChanges.begin(), state.closureChanges.end());
    std::stable_sort(happenings.begin(), happenings.end(), [](const Event* a, const Event* b) { return *b->start < *a->start; });
    w.Key("recent");
    w.StartArray();
    for (const Event* e : happenings) writeEvent(w, catalogue, *e);
    w.EndArray();

    const Totals& totals = state.cumulative;
    w.Key("totals");
    w.StartObject();
    w.Key("events");
    w.StartObject();
    for (const auto& [kind, count] : totals.events) {
        const std::string_view name = eventKindName(kind);
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        w.Int(count);
    }
    w.EndObject();
    w.Key("fatalities_min");
    w.Int64(totals.fatalitiesLow);
    w.Key("injured_min");
    w.Int64(totals.injuredLow);
    w.Key("uncertain");
    w.Int(totals.uncertain);
    w.EndObject();

    w.Key("previous");
    writeMoment(w, previousMoment(catalogue, state.day, &selection));
    w.Key("next");
    writeMoment(w, nextMoment(catalogue, state.day, &selection));
    doc.print(out);
}

}  // namespace

int runEvents(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const ParsedArgs parsed = parseArgs(args, kEventsOptions);
    if (parsed.has("help")) {
        std::string help = kEventsHelp;
        help.replace(help.find("%FILTERS%"), 9, kFilterHelp);
        out << help;
        return kExitOk;
    }
    if (!parsed.positionals.empty()) throw UsageError("events: unexpected argument '" + parsed.positionals.front() + "'");
    int window = 30;
    if (const auto text = parsed.value("window")) window = parseIntOption(*text, "window", 1, 36600);
    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const EventFilter filter = parseFilterOptions(parsed);
    // A database is asked for the filter's events; for a file of one date's events (-o with --date), only those
    // whose days overlap the window. The listing's totals and next event need the rest.
    const auto output = parsed.value("o") ? parsed.value("o") : parsed.value("output");
    EventQuery query{{}, {}, {}, filter};
    if (output && parsed.value("date")) {
        query.to = parseDayOption(*parsed.value("date"), "date");
        query.from = *query.to - std::chrono::days{window - 1};
    }
    if (parsed.has("watch")) {
        if (output) throw UsageError("events: --watch lists; it does not write a file (-o)");
        std::vector<std::string> databases;
        for (const std::string& source : parsed.valuesOf("events"))
            if (geo::isPgConnection(source)) databases.push_back(source);
        if (databases.empty()) throw UsageError("events: --watch needs a database to watch (--events PG:...)");
        const int interval = parsed.value("interval") ? parseIntOption(*parsed.value("interval"), "interval", 1, 3600) : 2;
        std::vector<std::unique_ptr<geo::PgTableWatch>> watches;
        for (const std::string& database : databases) watches.push_back(std::make_unique<geo::PgTableWatch>(database, "events"));
        const auto versions = [&] {
            std::string all;
            for (const auto& watch : watches) all += watch->version() + "\n";
            return all;
        };
        std::string seen = versions();
        listOnce(parsed, boundaries, filter, query, window, out, err);
        for (;;) {
            std::this_thread::sleep_for(std::chrono::seconds(interval));
            const std::string now = versions();
            if (now == seen) continue;
            seen = now;
            if (!parsed.has("json") && !parsed.has("quiet")) out << "\n--- the table changed; as it is now:\n";
            listOnce(parsed, boundaries, filter, query, window, out, err);
        }
    }
    return listOnce(parsed, boundaries, filter, query, window, out, err);
}

namespace {

// Loads the events (a database asked for what `query` selects) and lists them, or writes them with -o.
int listOnce(const ParsedArgs& parsed, const geo::BoundaryData& boundaries, const EventFilter& filter, const EventQuery& query,
             int window, std::ostream& out, std::ostream& err) {
    const auto output = parsed.value("o") ? parsed.value("o") : parsed.value("output");
    std::vector<Problem> leftOut;
    const Catalogue catalogue = loadCatalogueOption(parsed, boundaries, err, false, query, nullptr, &leftOut);
    const EventSelection selection(catalogue, filter);
    const auto [first, last] = catalogue.range();
    if (output) return writeSelected(catalogue, selection, parsed, window, *output, out);
    const CalendarDay day = parsed.value("date") ? parseDayOption(*parsed.value("date"), "date")
                                         : (catalogue.asOf ? catalogue.asOf->first() : last);
    if (day < first || day > last)
        throw InputError({{}, {}, {}, "date"}, isoDay(day) + " is outside the data's range, " + isoDay(first) + " to " +
                                                   isoDay(last));

    const BorderState state = stateOn(selection, day, window);
    if (parsed.has("json")) {
        printStateJson(out, catalogue, selection, filter, state, leftOut);
        return kExitOk;
    }
    if (parsed.has("quiet")) return kExitOk;
    out << "The border on " << displayDay(day) << '\n';
    out << "data: " << catalogue.events.size() << " events from " << catalogue.files.size() << " file(s), "
        << displayDay(first) << " to " << displayDay(last);
    if (catalogue.asOf) out << ", as of " << catalogue.asOf->display();
    if (filter.active()) out << "\nshown: " << filter.describe();
    out << "\n\ncrossings:\n";
    int nameWidth = 0;
    for (const CrossingState& c : state.crossings) nameWidth = std::max(nameWidth, static_cast<int>(c.crossing->name.size()));
    if (state.crossings.empty()) out << "  none shown\n";
    for (const CrossingState& c : state.crossings) printCrossing(out, c, std::min(nameWidth, 40));

    out << "\nin the " << window << " day" << (window == 1 ? "" : "s") << " to " << displayDay(day) << ":\n";
    std::vector<const Event*> happenings = state.recent;
    happenings.insert(happenings.end(), state.closureChanges.begin(), state.closureChanges.end());
    std::stable_sort(happenings.begin(), happenings.end(), [](const Event* a, const Event* b) { return *b->start < *a->start; });
    if (happenings.empty()) out << "  nothing recorded\n";
    // Kinds in a column of 12, or two more than the longest kind listed where one is longer ("state_unknown").
    std::size_t dateWidth = 0, longestKind = 0;
    for (const Event* e : happenings) {
        dateWidth = std::max(dateWidth, e->start->display().size());
        longestKind = std::max(longestKind, eventKindName(e->kind).size());
    }
    const std::size_t kindWidth = longestKind < 12 ? 10 : longestKind;
    for (const Event* e : happenings) {
        printEvent(out, *e, dateWidth, kindWidth);
        const std::string indent = "  " + std::string(dateWidth + kindWidth + 4, ' ');
        if (e->kind == EventKind::Closure && e->end && e->end->first() <= day)
            out << indent << "reopened " << e->end->display() << '\n';
        if (e->kind == EventKind::StateUnknown)
            out << indent << "no source says whether " << nameOfCrossing(catalogue, *e) << " was open"
                << (e->end && e->end->first() <= day ? " until " + e->end->display() : std::string()) << '\n';
        if (e->places.empty())
            out << indent << "no place on the map" << (e->country.empty() ? std::string() : ": " + (e->admin1.empty() ? std::string() : e->admin1 + ", ") + e->country) << '\n';
    }

    const Totals& totals = state.cumulative;
    out << "\nup to " << displayDay(day) << ":";
    bool any = false;
    for (const auto& [kind, count] : totals.events) {
        out << (any ? ", " : " ") << count << " " << eventKindName(kind);
        any = true;
    }
    if (!any) out << " no events";
    out << "\n  at least " << formatNumber(static_cast<double>(totals.fatalitiesLow), 0) << " killed and " << formatNumber(static_cast<double>(totals.injuredLow), 0)
        << " injured: for each event, the fewest its cited reports support, summed\n";
    if (totals.uncertain > 0)
        out << "  " << totals.uncertain << " more event(s) dated only to a month or year that may or may not have happened by then\n";

    if (const auto previous = previousMoment(catalogue, day, &selection))
        out << "\nprevious: " << displayMoment(*previous) << "  " << (previous->reopening ? "reopening after: " : "")
            << previous->event->name << '\n';
    if (const auto next = nextMoment(catalogue, day, &selection))
        out << (previousMoment(catalogue, day, &selection) ? "" : "\n") << "next:     " << displayMoment(*next) << "  "
            << (next->reopening ? "reopening after: " : "") << next->event->name << '\n';
    out.flush();
    return kExitOk;
}

}  // namespace

}  // namespace bordermap::app
