#include "commands.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/postgis.hpp>
#include <bordermap/timeline/acled.hpp>
#include <bordermap/timeline/event_query.hpp>
#include <bordermap/timeline/event_record.hpp>

#include <algorithm>
#include <numeric>
#include <optional>
#include <ostream>
#include <span>

namespace bordermap::app {

namespace {

using namespace timeline;

constexpr const char* kDbHelp =
    "usage: bordermap db init PG:CONNECTION [--table NAME]\n"
    "       bordermap db import [FILE...] [--embedded] [--acled FILE]... --to PG:CONNECTION [--table NAME]\n"
    "\n"
    "A catalogue of events shared by a team, in PostgreSQL with PostGIS.\n"
    "  init     makes the table (the events schema, README.md: a row per event, geometry(MultiPoint, 4326),\n"
    "           DATE start_date and end_date, updated_at) with its indexes, and bordermap_meta (the as_of date);\n"
    "           a table that exists is left as it is\n"
    "  import   writes events into it, upserting by id, one transaction per file: an interrupted import leaves the\n"
    "           table as it was, two at once take turns; a row only changes (and its updated_at) when its values do\n"
    "\n"
    "  --to PG:CONNECTION  the database: PG:dbname=NAME host=... port=... user=..., or PG:service=NAME\n"
    "  --table NAME        the table (default events; schema.table for another schema)\n"
    "  --embedded          import the embedded catalogue (geodata/events.geojson)\n"
    "  --acled FILE        import an ACLED data export (CSV); README.md documents the mapping\n"
    "  --acled-dates dmy|mdy  the order of an ACLED file's slash dates, when its own dates do not show it\n"
    "  --data PATH         boundary data for checking places (default: the embedded data)\n"
    "  -q, --quiet         errors only: no summary lines, no warnings of events left out (validate lists them)\n"
    "  --help              this text\n"
    "\n"
    "Events with problems are left out (the first 20 of each file are named); bordermap validate lists them all.\n"
    "Passwords come from where libpq looks: ~/.pgpass or PGPASSFILE, a service in ~/.pg_service.conf or PGSERVICE,\n"
    "or PGPASSWORD; a password in the connection string works too but is then in your shell's history.\n";

const std::vector<OptionSpec> kDbOptions{{"to", true},   {"table", true}, {"embedded", false}, {"acled", true},
                                         {"acled-dates", true}, {"data", true}, {"quiet", false}, {"help", false}};

// The events schema's fields (timeline/event_record.hpp) as the table's columns, id first (the key).
geo::PgTableSpec eventsTable(const ParsedArgs& parsed) {
    geo::PgTableSpec spec;
    spec.table = parsed.value("table").value_or("events");
    for (const SchemaField& field : eventSchema()) {
        const geo::PgColumnType type = field.type == SchemaType::Integer ? geo::PgColumnType::Integer
                                       : field.type == SchemaType::Date  ? geo::PgColumnType::Date
                                                                         : geo::PgColumnType::Text;
        spec.columns.push_back({std::string(field.name), type, field.name == "kind"});
    }
    // The days an event covers as one point (timeline::kSqlDaysPoint), so that "which events overlap these days" (a
    // slider step) is one GiST lookup, not a scan of every row before the date; the crossings' states, which every
    // query takes whatever their days, by a partial index on the few rows that hold them; the first and last days
    // (the slider's range) by the btrees on the dates.
    spec.indexed = {"start_date", "end_date"};
    spec.expressionIndexes = {{"day_points", "USING gist (" + std::string(kSqlDaysPoint) + ")"},
                              {"states", "(kind) WHERE " + std::string(kSqlStateKinds)}};
    // What an earlier db init made instead (a GiST on daterange(start_date, end_date, '[]'), a btree on every kind).
    spec.replacedIndexes = {"days", "kind"};
    return spec;
}

// The as_of date `file` brings, as a day: the catalogue's (the latest of the files read) when the file replaced the
// embedded events or brought a later date than theirs. A file with the embedded events' own date, or none, brings
// none: the table's as_of is not raised by data that does not say it.
std::optional<std::string> asOfBrought(const Catalogue& catalogue, const Catalogue& embedded, std::string_view file) {
    if (!catalogue.asOf) return std::nullopt;
    if (file == kEmbeddedEventsName || catalogue.embeddedReplacedBy == file || catalogue.asOf != embedded.asOf)
        return isoDay(catalogue.asOf->first());
    return std::nullopt;
}

// The events of `file` in `catalogue`, upserted in one transaction.
void importEvents(const Catalogue& catalogue, std::string_view file, const std::optional<std::string>& asOf,
                  const std::string& connection, const ParsedArgs& parsed, std::size_t leftOut, std::ostream& out) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < catalogue.events.size(); ++i)
        if (catalogue.events[i].file == file) order.push_back(i);
    // In the order their text was kept (file order), so that each compressed block of summaries is read once...
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return catalogue.events[a].summary.order() < catalogue.events[b].summary.order();
    });
    // ...and sent in runs of kRun, each run in start_date order. The rows of a day (what a slider step fetches) then
    // lie on a few pages of each run instead of one page each, without the server sorting the whole table's rows:
    // at 10^6 events a day's 1,784 rows lie on 292 heap pages (1,771 in file order, 256 sorted whole), where an ORDER
    // BY start_date in the server took 19.4 s of a 53.7 s import (scripts/bench-pg).
    constexpr std::size_t kRun = 50000;  // about 50 MB of rows held at a time
    const auto startDay = [&](std::uint32_t i) {
        const Event& e = catalogue.events[i];
        return e.start ? std::optional<CalendarDay>(e.start->first()) : std::nullopt;
    };
    geo::PgImport import(connection, eventsTable(parsed));
    EventRecords records(catalogue);
    std::vector<std::vector<std::optional<std::string>>> rows;
    std::vector<std::size_t> byDay;
    for (std::size_t runStart = 0; runStart < order.size(); runStart += kRun) {
        const std::span<const std::uint32_t> run(order.data() + runStart, std::min(kRun, order.size() - runStart));
        rows.clear();
        for (const std::uint32_t i : run) rows.push_back(records.of(catalogue.events[i]));
        byDay.resize(run.size());
        std::iota(byDay.begin(), byDay.end(), std::size_t{0});
        std::stable_sort(byDay.begin(), byDay.end(), [&](std::size_t a, std::size_t b) { return startDay(run[a]) < startDay(run[b]); });
        for (const std::size_t k : byDay) import.add(rows[k], catalogue.events[run[k]].places);
    }
    const auto counts = import.commit(asOf);
    if (parsed.has("quiet")) return;
    out << printable(file) << ": " << counts.rows << " events to " << geo::redactPassword(connection) << " table "
        << eventsTable(parsed).table << ": " << counts.inserted << " new, " << counts.updated << " changed, "
        << counts.unchanged() << " unchanged";
    if (leftOut > 0) out << "; " << leftOut << " left out (problems above)";
    out << '\n';
}

void warnProblems(const std::string& file, const std::vector<Problem>& problems, std::ostream& err, bool acled) {
    constexpr std::size_t kWarningsPerFile = 20;
    for (std::size_t i = 0; i < problems.size() && i < kWarningsPerFile; ++i)
        err << "bordermap: warning: " << problems[i].line() << " (left out)\n";
    if (problems.size() > kWarningsPerFile)
        err << "bordermap: warning: " << printable(file) << ": " << problems.size() - kWarningsPerFile
            << " more problems (bordermap validate" << (acled ? " --acled " : " ") << printable(file) << " lists them all)\n";
}

int runImport(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) {
    const auto to = parsed.value("to");
    if (!to) throw UsageError("db import: name the database with --to PG:CONNECTION (see bordermap db --help)");
    if (!geo::isPgConnection(*to)) throw UsageError("db import: --to takes PG:CONNECTION, not '" + printable(*to) + "'");
    const std::vector<std::string> files(parsed.positionals.begin() + 1, parsed.positionals.end());
    const std::vector<std::string> acledFiles = parsed.valuesOf("acled");
    if (files.empty() && acledFiles.empty() && !parsed.has("embedded"))
        throw UsageError("db import: name a FILE, --acled FILE or --embedded (see bordermap db --help)");

    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const ValidationContext context = defaultValidationContext(boundaries);
    // Every file is read beside the embedded events, as the viewer reads it: its closures may name their crossings,
    // and its ids must differ from theirs. Only the file's own events are imported.
    const Catalogue embedded = loadEmbeddedCatalogue(context);
    if (parsed.has("embedded")) importEvents(embedded, kEmbeddedEventsName, asOfBrought(embedded, embedded, kEmbeddedEventsName), *to, parsed, 0, out);
    for (const std::string& file : files) {
        Catalogue catalogue = embedded;
        const std::vector<Problem> problems = addEventFile(catalogue, file, context);
        if (!parsed.has("quiet")) warnProblems(file, problems, err, false);
        importEvents(catalogue, file, asOfBrought(catalogue, embedded, file), *to, parsed, problems.size(), out);
    }
    for (const std::string& file : acledFiles) {
        Catalogue catalogue = embedded;
        const AcledImport acled = addAcledFile(catalogue, file, context, acledSlashOrder(parsed));
        if (!parsed.has("quiet")) warnProblems(file, acled.problems, err, true);
        if (!parsed.has("quiet")) err << "bordermap: " << acled.summary(file) << '\n';
        importEvents(catalogue, file, asOfBrought(catalogue, embedded, file), *to, parsed, acled.problems.size(), out);
    }
    return kExitOk;
}

}  // namespace

int runDb(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const ParsedArgs parsed = parseArgs(args, kDbOptions);
    if (parsed.has("help") || parsed.positionals.empty()) {
        if (!parsed.has("help")) throw UsageError("db: name a command, init or import (see bordermap db --help)");
        out << kDbHelp;
        return kExitOk;
    }
    const std::string& command = parsed.positionals.front();
    if (command == "init") {
        if (parsed.positionals.size() != 2 || !geo::isPgConnection(parsed.positionals[1]))
            throw UsageError("db init: name one database, PG:CONNECTION (see bordermap db --help)");
        const geo::PgTableSpec spec = eventsTable(parsed);
        geo::initPgTable(parsed.positionals[1], spec);
        if (!parsed.has("quiet")) out << geo::redactPassword(parsed.positionals[1]) << ": table " << spec.table << " ready\n";
        return kExitOk;
    }
    if (command == "import") return runImport(parsed, out, err);
    throw UsageError("db: unknown command '" + printable(command) + "' (init, import; see bordermap db --help)");
}

}  // namespace bordermap::app
