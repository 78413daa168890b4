#pragma once
// Each command: parse its own arguments, do the work, print to out. Errors are thrown (core/error.hpp)
// and turned into one line and an exit code by runCli.

#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace bordermap::app {

int runInfo(std::span<const std::string> args, std::ostream& out);
int runWhere(std::span<const std::string> args, std::ostream& out);
int runEvents(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runValidate(std::span<const std::string> args, std::ostream& out);
int runRender(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runBrief(std::span<const std::string> args, std::ostream& out, std::ostream& err);
// db init / db import: the events in PostgreSQL with PostGIS (command_db.cpp).
int runDb(std::span<const std::string> args, std::ostream& out, std::ostream& err);
// The map viewer (when built): no command, or options only. Without a display it describes the data instead.
int runViewer(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace bordermap::app

#include "options.hpp"

#include <bordermap/core/coords.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/timeline/catalogue.hpp>
#include <bordermap/timeline/event_query.hpp>
#include <bordermap/timeline/event_source.hpp>
#include <bordermap/timeline/acled_date.hpp>
#include <bordermap/timeline/selection.hpp>

namespace bordermap::app {

// The boundary data a command works on: --data PATH when given, else the embedded data.
geo::BoundaryData loadBoundaryOption(const ParsedArgs& parsed);

// The embedded events plus the user's --events FILE and --acled FILE options, in that order. Problems in the
// user's files are printed to `err` as warnings (the events with problems are left out; the first 20 of each
// file, then how many more); an ACLED file's summary line too, unless --quiet; `validate` is strict.
// `strictEvents` (the viewer, which would otherwise open a window on a map missing the user's events): the first
// problem in an --events file throws InputError naming its file, feature and field, and how many more there are.
// An --events PG:... database is asked for what `query` selects (its days, area and filter run by the server); by
// default, for everything. Given `windowed` (the viewer, which fetches a database's events by window as its date
// moves), a database is not read: its source goes there. Every problem of the user's files (the events left out)
// is added to `leftOut` when it is given; under --quiet (errors only) none is printed.
// A source's problems as warnings on `err`, each "(left out)": the first 20, then how many more and the `validate`
// command that lists them all.
void warnLeftOut(std::ostream& err, const std::string& source, const std::vector<timeline::Problem>& problems, bool acled = false);

timeline::Catalogue loadCatalogueOption(const ParsedArgs& parsed, const geo::BoundaryData& boundaries, std::ostream& err,
                                        bool strictEvents = false, const timeline::EventQuery& query = {},
                                        std::vector<std::unique_ptr<timeline::EventSource>>* windowed = nullptr,
                                        std::vector<timeline::Problem>* leftOut = nullptr);

// The options that choose events, for events, render and the viewer: --kinds, --min-deaths, --source, --actor,
// --text, --no-embedded; and --quiet (-q). Append to a command's own specs.
const std::vector<OptionSpec>& filterOptions();
extern const char* const kFilterHelp;  // their lines for --help
// The filter they give; throws InputError naming the option for a bad value.
timeline::EventFilter parseFilterOptions(const ParsedArgs& parsed);
// --acled-dates dmy|mdy, or Unknown (the file's own dates tell); throws InputError for other text.
timeline::SlashOrder acledSlashOrder(const ParsedArgs& parsed);
// A command's own options followed by the filter options.
std::vector<OptionSpec> withFilterOptions(std::vector<OptionSpec> own);

// A --date value as a day; throws UsageError for text that is not YYYY-MM-DD.
timeline::CalendarDay parseDayOption(const std::string& text, const char* option);

// A whole-number option from `low` to `high`; throws InputError naming the option.
int parseIntOption(const std::string& text, const char* option, long long low, long long high);
// A number from low to high; InputError naming the option otherwise.
double parseDoubleOption(const std::string& text, const char* option, double low, double high);

// --size WIDTHxHEIGHT, each from 16 to `max`; throws InputError (field "size").
std::pair<int, int> parseSizeOption(const std::string& text, int max);

// --paper NAME: A5, A4, A3, A2, Letter, Legal or Tabloid (any case), as width and height in millimetres, portrait;
// throws InputError (field "paper") for another name.
std::pair<double, double> parsePaperOption(const std::string& name);

// --view LON,LAT,ZOOM (zoom 0 to 20); throws InputError (field "view").
struct ViewOption {
    LonLat centre;
    double zoom = 0;
};
ViewOption parseViewOption(const std::string& text);

// Throws UsageError when `output` is one of the files the command reads (--events, --acled, --data, --layer),
// under any name (a link, ./x, a hard link): writing it would destroy the input.
void checkNotAnInput(const std::string& output, const ParsedArgs& parsed);

// "34.5281°N 69.1723°E", for messages and results.
std::string formatLonLat(LonLat p);

// A video's progress on a terminal, for FilmControl::progress: "[#####     ] 72/441 WHAT  0:16 left", redrawn in
// place on `err`; `what(done)` names the frame just written (its date, its scene). Started when made.
std::function<void(long done, long total)> progressBar(std::ostream& err, std::function<std::string(long done)> what);

}  // namespace bordermap::app
