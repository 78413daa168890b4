#include "bordermap/app/cli.hpp"

#include "commands.hpp"

#include <bordermap/core/error.hpp>

#include <exception>
#include <ostream>
#include <vector>

namespace bordermap::app {

namespace {

constexpr const char* kUsage =
    "usage: bordermap [COMMAND] [OPTIONS]\n"
    "\n"
    "The Afghanistan-Pakistan border (the Durand Line), its provinces and crossings.\n"
    "With no command (or with viewer options only), bordermap opens the map viewer: see bordermap --viewer-help.\n"
    "bordermap FILE... opens the viewer on files: briefings, events, any vector file (GeoJSON, GeoPackage, KML).\n"
    "\n"
    "commands:\n"
    "  info [--data PATH] [--crs CRS]             layers, feature counts, CRS, the Durand Line's length\n"
    "  info FILE... [--layer NAME] [--crs CRS]    the layers of any vector file GDAL reads\n"
    "  where LON LAT [--data PATH] [--crs CRS]    the country and province containing a point\n"
    "  events [--date D] [--window N]             the state of the border on a date: closed crossings,\n"
    "         [--events FILE] [--acled FILE]      recent events, totals (with your own events too)\n"
    "  validate FILE... [--acled]                 check an events file against the schema\n"
    "  render [--date D] ... -o FILE.png|svg|pdf  the map for a date to a file, with no display\n"
    "  brief FILE -o FILM.mp4|webm|gif            a briefing played as a video, its scenes flown to and held\n"
    "  db init PG:CONN                            a team's catalogue in PostgreSQL/PostGIS: make its table,\n"
    "     import FILE... --to PG:CONN             and write events into it, upserting by id\n"
    "\n"
    "  --json on info, where, events and validate: one JSON document on stdout, for scripts (README.md)\n"
    "  -q, --quiet on every command: errors only\n"
    "\n"
    "  bordermap COMMAND --help    help on one command\n"
    "  bordermap --version         the version\n"
    "\n"
    "exit status: 0 success, 1 the operation failed, 2 bad usage or bad input\n";

}  // namespace

int runCli(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    try {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
            out << kUsage;
            return kExitOk;
        }
#ifdef BORDERMAP_HAS_VIEWER
        if (!args.empty() && args[0] == "--viewer-help") {
            const std::vector<std::string> help{"--help"};
            return runViewer(help, out, err);
        }
#endif
        if (!args.empty() && args[0] == "--version") {
            out << "bordermap " << BORDERMAP_VERSION << '\n';
            return kExitOk;
        }
#ifdef BORDERMAP_HAS_VIEWER
        if (args.empty() || (args[0].size() > 2 && args[0].rfind("--", 0) == 0)) return runViewer(args, out, err);
#else
        if (args.empty()) return runInfo({}, out);
#endif
        const std::string& command = args[0];
        const auto rest = args.subspan(1);
#ifdef BORDERMAP_HAS_VIEWER
        // `bordermap FILE...` (a file manager's Exec=bordermap %F gives whole paths): no command has a dot or a slash.
        if (command.find_first_of("/.") != std::string::npos) return runViewer(args, out, err);
#endif
        if (command == "info") return runInfo(rest, out);
        if (command == "where") return runWhere(rest, out);
        if (command == "events") return runEvents(rest, out, err);
        if (command == "validate") return runValidate(rest, out);
        if (command == "render") return runRender(rest, out, err);
        if (command == "brief") return runBrief(rest, out, err);
        if (command == "db") return runDb(rest, out, err);
        throw UsageError("unknown command '" + command + "' (commands: info, where, events, validate, render, brief, db; see bordermap --help)");
    } catch (const UsageError& e) {
        err << "bordermap: " << e.what() << '\n';
        return kExitBadInput;
    } catch (const InputError& e) {
        err << "bordermap: " << e.what() << '\n';
        return kExitBadInput;
    } catch (const std::exception& e) {
        err << "bordermap: " << e.what() << '\n';
        return kExitFailed;
    }
}

}  // namespace bordermap::app
