#include "commands.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/timeline/acled.hpp>
#include <bordermap/timeline/event_source.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>

#include <cmath>

namespace bordermap::app {

geo::BoundaryData loadBoundaryOption(const ParsedArgs& parsed) {
    if (const auto path = parsed.value("data")) return geo::loadBoundaries(*path);
    return geo::loadEmbeddedBoundaries();
}

std::string formatLonLat(LonLat p) {
    return formatNumber(std::fabs(p.lat_deg), 4) + "°" + (p.lat_deg < 0 ? "S" : "N") + " " +
           formatNumber(std::fabs(p.lon_deg), 4) + "°" + (p.lon_deg < 0 ? "W" : "E");
}

}  // namespace bordermap::app

namespace bordermap::app {

void warnLeftOut(std::ostream& err, const std::string& source, const std::vector<timeline::Problem>& problems, bool acled) {
    // A million-row file with a bad column would print a million lines: the first few say what is wrong.
    constexpr std::size_t kWarningsPerFile = 20;
    for (std::size_t i = 0; i < problems.size() && i < kWarningsPerFile; ++i)
        err << "bordermap: warning: " << problems[i].line() << " (left out)\n";
    if (problems.size() > kWarningsPerFile)
        err << "bordermap: warning: " << printable(source) << ": " << problems.size() - kWarningsPerFile << " more problems (bordermap validate"
            << (acled ? " --acled" : "") << " " << printable(source) << " lists them all)\n";
}

timeline::Catalogue loadCatalogueOption(const ParsedArgs& parsed, const geo::BoundaryData& boundaries, std::ostream& err,
                                        bool strictEvents, const timeline::EventQuery& query,
                                        std::vector<std::unique_ptr<timeline::EventSource>>* windowed,
                                        std::vector<timeline::Problem>* leftOut) {
    const timeline::ValidationContext context = timeline::defaultValidationContext(boundaries);
    timeline::Catalogue catalogue = timeline::loadEmbeddedCatalogue(context);
    const bool quiet = parsed.has("quiet");
    const auto warn = [&](const std::string& file, const std::vector<timeline::Problem>& problems) {
        if (leftOut != nullptr) leftOut->insert(leftOut->end(), problems.begin(), problems.end());
        // -q is errors only: an event left out is not an error of the command, and `validate` lists them.
        if (!quiet) warnLeftOut(err, file, problems, !parsed.valuesOf("acled").empty());
    };
    for (const std::string& file : parsed.valuesOf("events")) {
        std::unique_ptr<timeline::EventSource> source = timeline::openEventSource(file);
        if (windowed && source->windowed()) {
            windowed->push_back(std::move(source));
            continue;
        }
        const std::vector<timeline::Problem> problems = source->addTo(catalogue, context, query);
        if (strictEvents && !problems.empty()) {
            const timeline::Problem& first = problems.front();
            throw InputError({first.file, {}, first.feature.empty() ? "" : "'" + first.feature + "'", first.field},
                             first.message + (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) +
                                                                        " more problems: bordermap validate " + printable(file) + " lists them)"
                                                                  : ""));
        }
        warn(file, problems);
        if (catalogue.embeddedReplacedBy == file && !quiet)
            err << "bordermap: " << printable(file) << " is a version of the embedded events: it takes their place\n";
    }
    for (const std::string& file : parsed.valuesOf("acled")) {
        const timeline::AcledImport import = timeline::addAcledFile(catalogue, file, context, acledSlashOrder(parsed));
        warn(file, import.problems);
        if (!quiet) err << "bordermap: " << import.summary(file) << '\n';
    }
    return catalogue;
}

int parseIntOption(const std::string& text, const char* option, long long low, long long high) {
    const auto v = parseInteger(text);
    if (!v || *v < low || *v > high)
        throw InputError({{}, {}, {}, option}, "'" + text + "' is not a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return static_cast<int>(*v);
}

double parseDoubleOption(const std::string& text, const char* option, double low, double high) {
    const auto v = parseDouble(text);
    if (!v || !(*v >= low && *v <= high))
        throw InputError({{}, {}, {}, option}, "'" + text + "' is not a number from " + formatNumber(low, 2) + " to " + formatNumber(high, 2));
    return *v;
}

std::pair<int, int> parseSizeOption(const std::string& text, int max) {
    const auto x = text.find('x');
    const auto w = x == std::string::npos ? std::nullopt : parseInteger(text.substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : parseInteger(text.substr(x + 1));
    if (!w || !h || *w < 16 || *h < 16 || *w > max || *h > max)
        throw InputError({{}, {}, {}, "size"}, "'" + text + "' is not WIDTHxHEIGHT with each from 16 to " + std::to_string(max));
    return {static_cast<int>(*w), static_cast<int>(*h)};
}

std::pair<double, double> parsePaperOption(const std::string& name) {
    // ISO 216 and the North American sizes, in millimetres, portrait.
    static const std::map<std::string, std::pair<double, double>> kPapers{
        {"a5", {148, 210}}, {"a4", {210, 297}}, {"a3", {297, 420}}, {"a2", {420, 594}}, {"letter", {215.9, 279.4}},
        {"legal", {215.9, 355.6}}, {"tabloid", {279.4, 431.8}}};
    const auto found = kPapers.find(toLower(name));
    if (found == kPapers.end())
        throw InputError({{}, {}, {}, "paper"}, "unknown paper size '" + name + "' (A5, A4, A3, A2, Letter, Legal, Tabloid)");
    return found->second;
}

ViewOption parseViewOption(const std::string& text) {
    double parts[3] = {0, 0, 0};
    std::size_t from = 0;
    for (int i = 0; i < 3; ++i) {
        const std::size_t comma = i < 2 ? text.find(',', from) : text.size();
        const auto number = comma == std::string::npos ? std::nullopt : parseDouble(text.substr(from, comma - from));
        if (!number) throw InputError({{}, {}, {}, "view"}, "'" + text + "' is not LON,LAT,ZOOM");
        parts[i] = *number;
        from = comma + 1;
    }
    if (!isValidLonLat({parts[0], parts[1]}) || parts[2] < 0 || parts[2] > 20)
        throw InputError({{}, {}, {}, "view"}, "'" + text + "': longitude -180..180, latitude -90..90, zoom 0..20");
    return {{parts[0], parts[1]}, parts[2]};
}

void checkNotAnInput(const std::string& output, const ParsedArgs& parsed) {
    for (const char* option : {"events", "acled", "data", "layer"}) {
        for (const std::string& input : parsed.valuesOf(option)) {
            std::error_code ec;
            if (std::filesystem::equivalent(output, input, ec) && !ec)
                throw UsageError("'" + output + "' is the file given to --" + option +
                                 ": bordermap will not write over its own input; choose another name");
        }
    }
}

timeline::SlashOrder acledSlashOrder(const ParsedArgs& parsed) {
    const auto text = parsed.value("acled-dates");
    if (!text) return timeline::SlashOrder::Unknown;
    const auto order = timeline::parseSlashOrder(*text);
    if (!order) throw InputError({{}, {}, {}, "acled-dates"}, "'" + printable(*text) + "' is not dmy or mdy");
    return *order;
}

// A function, not a global: the commands' option lists are built from it during static initialisation, in
// whatever order the files are linked.
const std::vector<OptionSpec>& filterOptions() {
    static const std::vector<OptionSpec> options{{"acled-dates", true}, {"kinds", true}, {"min-deaths", true},
                                                 {"source", true},      {"actor", true}, {"text", true},
                                                 {"no-embedded", false}, {"quiet", false}};
    return options;
}

const char* const kFilterHelp =
    "  --kinds K,K     only these kinds of event (airstrike, clash, attack, talks, ceasefire, deportation,\n"
    "                  diplomacy, political); crossings, their closures and state_unknown periods always show\n"
    "  --min-deaths N  only events with at least N killed (the fewest the reports support)\n"
    "  --source TEXT   only events one of whose sources contains TEXT (any case): an outlet, a title\n"
    "  --actor TEXT    only events whose actors (ACLED's actor1, actor2) contain TEXT\n"
    "  --text TEXT     only events whose name, summary, notes or place names contain TEXT\n"
    "  --no-embedded   your files' events alone, without bordermap's own catalogue\n"
    "  --acled-dates dmy|mdy  how an ACLED file's slash dates (03/04/2025) are ordered, when its own dates\n"
    "                  do not show it (no day above 12)\n"
    "  -q, --quiet     errors only: nothing printed on success (no listing, summary line or progress bar, no\n"
    "                  warnings of events left out: validate lists them)\n";

std::vector<OptionSpec> withFilterOptions(std::vector<OptionSpec> own) {
    own.insert(own.end(), filterOptions().begin(), filterOptions().end());
    return own;
}

timeline::EventFilter parseFilterOptions(const ParsedArgs& parsed) {
    timeline::EventFilter filter;
    if (const auto kinds = parsed.value("kinds")) filter.kinds = timeline::parseKindList(*kinds);
    if (const auto deaths = parsed.value("min-deaths")) filter.minDeaths = parseIntOption(*deaths, "min-deaths", 0, 10'000'000);
    for (const auto& [option, field] : {std::pair{"source", &filter.source}, std::pair{"actor", &filter.actor},
                                        std::pair{"text", &filter.text}}) {
        const auto value = parsed.value(option);
        if (!value) continue;
        if (const auto defect = textDefect(*value)) throw InputError({{}, {}, {}, option}, *defect);
        if (trimmed(*value).empty()) throw InputError({{}, {}, {}, option}, "give some text to look for");
        *field = trim(*value);
    }
    filter.embedded = !parsed.has("no-embedded");
    return filter;
}

timeline::CalendarDay parseDayOption(const std::string& text, const char* option) {
    const auto date = timeline::parseDate(text);
    if (!date || date->precision() != timeline::TimePrecision::Day)
        throw UsageError(std::string("--") + option + " '" + text + "' is not a day (YYYY-MM-DD)");
    return date->first();
}

std::function<void(long, long)> progressBar(std::ostream& err, std::function<std::string(long)> what) {
    const auto started = std::chrono::steady_clock::now();
    return [&err, what = std::move(what), started](long done, long total) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double left = elapsed / static_cast<double>(std::max(1L, done)) * static_cast<double>(total - done);
        const auto bar = static_cast<std::size_t>(40 * done / std::max(1L, total));
        const auto s = static_cast<long>(std::lround(std::max(0.0, left)));
        char time[32];
        std::snprintf(time, sizeof time, "%ld:%02ld left ", s / 60, s % 60);
        err << "\r[" << std::string(bar, '#') << std::string(40 - bar, ' ') << "] " << done << "/" << total << " " << what(done) << "  "
            << (done < total ? time : "encoding...") << std::flush;
    };
}

}  // namespace bordermap::app
