#include "commands.hpp"
#include "json_output.hpp"

#include <bordermap/app/cli.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/acled.hpp>

#include <algorithm>
#include <optional>
#include <ostream>

namespace bordermap::app {

namespace {

constexpr const char* kValidateHelp =
    "usage: bordermap validate FILE... [--alone] [--acled] [--data PATH] [--json] [-q]\n"
    "\n"
    "Checks event files against bordermap's schema (README.md) and prints every problem, one a line, with the\n"
    "file, the event's id and the field: unknown kinds, dates that are not dates, run backwards or fall outside\n"
    "1800 to the data's as_of date, closures of crossings that do not exist, places outside the map's region or outside\n"
    "the country the event names, missing sources, duplicate ids. Exits 2 if there is any problem.\n"
    "The embedded events are loaded first, so ids must differ from theirs and closures may name their crossings.\n"
    "\n"
    "  --alone       check each file on its own, without the embedded events (for geodata/events.geojson itself)\n"
    "  --acled       the files are ACLED exports (CSV), checked through the import\n"
    "  --data PATH   boundary data for the checks (default: the embedded data)\n"
    "  --json        one JSON document on stdout, for scripts (README.md: its schema): each file's events read\n"
    "                and problems; the exit status is the same\n"
    "  -q, --quiet   the problems alone: no summary lines (events read, ACLED rows bordermap does not map)\n"
    "  --acled-dates dmy|mdy  the order of an ACLED file's slash dates, when its own dates do not show it\n"
    "  --help        this text\n";

const std::vector<OptionSpec> kValidateOptions{{"acled", false}, {"alone", false}, {"data", true}, {"help", false},
                                               {"quiet", false}, {"acled-dates", true}, {"json", false}};

}  // namespace

int runValidate(std::span<const std::string> args, std::ostream& out) {
    const ParsedArgs parsed = parseArgs(args, kValidateOptions);
    if (parsed.has("help")) {
        out << kValidateHelp;
        return kExitOk;
    }
    if (parsed.positionals.empty()) throw UsageError("validate: name at least one FILE (see bordermap validate --help)");
    const geo::BoundaryData boundaries = loadBoundaryOption(parsed);
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);

    const bool json = parsed.has("json");
    const bool quiet = parsed.has("quiet");
    // The document is printed whole at the end: a file that cannot be read (an error) leaves stdout empty.
    std::optional<JsonDocument> doc;
    if (json) {
        doc.emplace("validate");
        doc->writer().Key("files");
        doc->writer().StartArray();
    }
    std::size_t problems = 0;
    for (const std::string& file : parsed.positionals) {
        timeline::Catalogue catalogue =
            parsed.has("alone") ? timeline::Catalogue{} : timeline::loadEmbeddedCatalogue(context);
        std::vector<timeline::Problem> found;
        std::string summary;
        std::optional<timeline::AcledImport> acled;
        if (parsed.has("acled")) {
            timeline::AcledImport import = timeline::addAcledFile(catalogue, file, context, acledSlashOrder(parsed));
            found = std::move(import.problems);
            import.problems.clear();
            summary = import.summary(file);  // rows of types bordermap does not map are counted there, not problems
            acled = std::move(import);
        } else {
            found = timeline::addEventFile(catalogue, file, context);
        }
        const auto misplaced = timeline::checkPlacesAgainstBoundaries(catalogue, boundaries, file);
        found.insert(found.end(), misplaced.begin(), misplaced.end());
        const auto read = static_cast<std::size_t>(std::count_if(catalogue.events.begin(), catalogue.events.end(),
                                                                 [&](const timeline::Event& e) { return e.file == file; }));
        problems += found.size();
        if (json) {
            JsonWriter& w = doc->writer();
            w.StartObject();
            writeField(w, "path", file);
            w.Key("events_read");
            w.Uint64(read + catalogue.sameEventsLeftOut);
            w.Key("same_as_embedded");
            w.Uint64(catalogue.sameEventsLeftOut);
            w.Key("replaces_embedded");
            w.Bool(catalogue.embeddedReplacedBy == file);
            w.Key("problems");
            w.StartArray();
            for (const timeline::Problem& p : found) writeProblem(w, p);
            w.EndArray();
            writeFieldOrNull(w, "acled_summary", summary);
            // The summary's numbers: the events imported, how many of them are also embedded events, and the rows
            // of each type bordermap does not map.
            w.Key("acled");
            if (acled) {
                w.StartObject();
                w.Key("imported");
                w.Uint64(acled->added);
                w.Key("duplicates");
                w.Uint64(acled->duplicates);
                w.Key("unmapped_rows");
                w.Uint64(acled->unmappedRows);
                w.Key("unmapped");
                w.StartArray();
                for (const auto& [type, rows] : acled->unmapped) {
                    w.StartObject();
                    writeField(w, "type", type);
                    w.Key("rows");
                    w.Uint64(rows);
                    w.EndObject();
                }
                w.EndArray();
                w.EndObject();
            } else {
                w.Null();
            }
            w.EndObject();
            continue;
        }
        if (catalogue.embeddedReplacedBy == file && !quiet)
            out << printable(file) << ": a version of the embedded events (geodata/events.geojson): checked in their "
                                      "place, not against them\n";
        for (const timeline::Problem& p : found) out << p.line() << '\n';
        if (quiet) continue;
        if (!summary.empty()) out << summary << '\n';
        out << printable(file) << ": " << read + catalogue.sameEventsLeftOut << " events read";
        if (catalogue.sameEventsLeftOut > 0)
            out << " (" << (read == 0 ? "all " : "") << catalogue.sameEventsLeftOut << " of them the same as embedded events)";
        out << ", " << found.size() << " problem" << (found.size() == 1 ? "" : "s") << '\n';
    }
    if (json) {
        doc->writer().EndArray();
        doc->writer().Key("problem_count");
        doc->writer().Uint64(problems);
        doc->writer().Key("valid");
        doc->writer().Bool(problems == 0);
        doc->print(out);
    }
    return problems == 0 ? kExitOk : kExitBadInput;
}

}  // namespace bordermap::app
