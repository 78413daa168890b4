#include "bordermap/timeline/catalogue.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/geodesy.hpp>
#include <bordermap/geo/locator.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <algorithm>
#include <map>
#include <set>

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

std::vector<std::string> splitSources(std::string_view text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t at = text.find(kSourceSeparator, from);
        const std::string part = trim(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
        if (!part.empty()) out.push_back(part);
        if (at == std::string_view::npos) break;
        from = at + kSourceSeparator.size();
    }
    return out;
}

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
    {"start", false},      {"end", false},            {"time_precision", false}, {"geo_precision", false},
    {"fatalities", false}, {"injured", false},        {"fatalities_min", false}, {"injured_min", false},
    {"summary", true},     {"sources", false},        {"note", true},            {"country", false},
    {"admin1", false}};

constexpr const char* kEmbeddedName = "embedded geodata/events.geojson";

class EventReader {
public:
    EventReader(Catalogue& catalogue, const geo::Layer& layer, const std::string& file, const ValidationContext& ctx)
        : m_catalogue(catalogue), m_layer(layer), m_file(file), m_context(ctx) {}

    std::vector<Problem> read(std::optional<Date> asOf) {
        for (const char* field : kRequiredFields)
            if (!m_layer.fieldIndex(field)) problem("(file)", field, "the file has no such field; every event needs it");
        if (!m_problems.empty()) return std::move(m_problems);
        m_latest = asOf ? asOf->last() : m_context.latest;

        std::set<std::string> seen;
        for (const Event& existing : m_catalogue.events) seen.insert(existing.id);
        std::vector<Event> accepted;
        for (std::size_t i = 0; i < m_layer.features.size(); ++i) {
            std::optional<Event> event = readOne(m_layer.features[i]);
            if (!event) continue;
            if (!seen.insert(event->id).second) {
                problem(event->id, "id", "duplicate id: another event has it too");
                continue;
            }
            accepted.push_back(std::move(*event));
        }
        // A closure's crossing may stand anywhere in this file or an earlier one.
        std::set<std::string> crossings;
        for (const Event& e : m_catalogue.events)
            if (e.kind == EventKind::Crossing) crossings.insert(e.id);
        for (const Event& e : accepted)
            if (e.kind == EventKind::Crossing) crossings.insert(e.id);
        for (Event& e : accepted) {
            if (e.kind != EventKind::Closure) continue;
            if (e.crossing.empty())
                problem(e.id, "crossing", "a closure must name the id of the crossing it closes");
            else if (crossings.count(e.crossing) == 0)
                problem(e.id, "crossing", "no crossing has the id '" + e.crossing + "'");
            else
                continue;
            e.id.clear();  // marks it for removal
        }
        for (Event& e : accepted)
            if (!e.id.empty()) m_catalogue.events.push_back(std::move(e));
        return std::move(m_problems);
    }

private:
    std::string text(const geo::Feature& feature, std::string_view field) const {
        return trim(m_layer.value(feature, field));
    }

    void problem(const std::string& feature, const std::string& field, const std::string& message) {
        m_problems.push_back({m_file, feature, field, message});
    }

    std::optional<Date> date(const std::string& id, const geo::Feature& feature, const char* field, bool required) {
        const std::string value = text(feature, field);
        if (value.empty()) {
            if (required) problem(id, field, "missing: every event needs a date");
            return std::nullopt;
        }
        const auto parsed = parseDate(value);
        if (!parsed) {
            problem(id, field, "'" + value + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
            return std::nullopt;
        }
        if (parsed->first() < m_context.earliest || parsed->first() > m_latest) {
            problem(id, field,
                    value + " is out of range (" + isoDay(m_context.earliest) + " to " + isoDay(m_latest) +
                        ", the data's as_of date)");
            return std::nullopt;
        }
        return parsed;
    }

    // The explicit minimum in `field`, else the figure when the text is only a number.
    std::optional<int> minimum(const std::string& id, const geo::Feature& feature, const char* field,
                               const std::string& reported) {
        const std::string value = text(feature, field);
        if (value.empty()) return plainFigure(reported);
        const auto parsed = parseInteger(value);
        if (!parsed || *parsed < 0 || *parsed > 10'000'000) {
            problem(id, field, "'" + value + "' is not a whole number of people");
            return std::nullopt;
        }
        return static_cast<int>(*parsed);
    }

    std::optional<Event> readOne(const geo::Feature& feature) {
        const std::size_t before = m_problems.size();
        Event e;
        e.file = m_file;
        e.id = text(feature, "id");
        const std::string label = e.id.empty() || textDefect(e.id) ? "#" + std::to_string(feature.position) : e.id;
        if (e.id.empty()) problem(label, "id", "missing: every event needs an id");
        for (const TextField& field : kTextFields) {
            const std::string_view value = m_layer.value(feature, field.name);
            if (const auto defect = textDefect(value, field.longText))
                problem(label, field.name, *defect);
            else if (const std::string t = trim(value); t.size() >= 2 && t.front() == '[' && t.back() == ']')
                problem(label, field.name,
                        std::string("a list (JSON array) where one value belongs") +
                            (std::string_view(field.name) == "sources" ? ": write the sources as one text, separated by ' | '"
                                                                       : ""));
        }
        if (m_problems.size() != before) return std::nullopt;  // nothing else can be read from such values

        const std::string kind = text(feature, "kind");
        if (const auto parsed = parseEventKind(kind))
            e.kind = *parsed;
        else
            problem(label, "kind", "unknown kind '" + kind + "' (one of: " + kindList() + ")");

        e.name = text(feature, "name");
        if (e.name.empty()) problem(label, "name", "missing: every event needs a name");
        e.crossing = text(feature, "crossing");

        // A crossing may have no start: it has been open since before the data begins.
        const bool isCrossing = e.kind == EventKind::Crossing;
        e.start = date(label, feature, "start", !isCrossing);
        e.end = date(label, feature, "end", false);
        if (e.start && e.end && e.end->first() < e.start->first())
            problem(label, "end", "ends (" + e.end->iso() + ") before it starts (" + e.start->iso() + ")");
        const std::string timePrecision = text(feature, "time_precision");
        if (!timePrecision.empty()) {
            const auto parsed = parseTimePrecision(timePrecision);
            if (!parsed)
                problem(label, "time_precision", "'" + timePrecision + "' is not day, month or year");
            else if (e.start && *parsed != e.start->precision())
                problem(label, "time_precision",
                        "says " + timePrecision + " but start '" + e.start->iso() + "' is precise to the " +
                            std::string(timePrecisionName(e.start->precision())));
        }

        const std::string geoPrecision = text(feature, "geo_precision");
        if (const auto parsed = parseGeoPrecision(geoPrecision))
            e.geoPrecision = *parsed;
        else
            problem(label, "geo_precision", "'" + geoPrecision + "' is not exact, district or province");

        e.fatalities = text(feature, "fatalities");
        e.injured = text(feature, "injured");
        e.fatalitiesLow = minimum(label, feature, "fatalities_min", e.fatalities);
        e.injuredLow = minimum(label, feature, "injured_min", e.injured);
        e.summary = text(feature, "summary");
        e.sources = splitSources(m_layer.value(feature, "sources"));
        if (e.sources.empty()) problem(label, "sources", "missing: every event must say who reported it");
        e.note = text(feature, "note");
        e.country = text(feature, "country");
        e.admin1 = text(feature, "admin1");

        if (feature.geometry.kind != geo::GeometryKind::Points) {
            problem(label, "geometry", "must be a point or points, not " +
                                           std::string(geo::geometryKindName(feature.geometry.kind)));
        } else {
            e.places = feature.geometry.points;
            for (const LonLat& p : e.places) {
                if (!m_context.mapExtent.contains(p))
                    problem(label, "geometry",
                            "(" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) +
                                ") lies outside the map (longitude " + formatNumber(m_context.mapExtent.min.lon_deg, 1) +
                                " to " + formatNumber(m_context.mapExtent.max.lon_deg, 1) + ", latitude " +
                                formatNumber(m_context.mapExtent.min.lat_deg, 1) + " to " +
                                formatNumber(m_context.mapExtent.max.lat_deg, 1) + ")");
            }
        }
        if (m_problems.size() != before) return std::nullopt;
        return e;
    }

    Catalogue& m_catalogue;
    const geo::Layer& m_layer;
    std::string m_file;
    const ValidationContext& m_context;
    CalendarDay m_latest{};
    std::vector<Problem> m_problems;
};

// A file that holds at least half of the embedded events' ids is a version of geodata/events.geojson (that file
// itself, or an edited copy): it takes the embedded events' place instead of clashing with every id.
void replaceEmbeddedWith(Catalogue& catalogue, const geo::Layer& layer, const std::string& file) {
    std::set<std::string_view> embedded;
    for (const Event& e : catalogue.events)
        if (e.file == kEmbeddedName) embedded.insert(e.id);
    if (embedded.empty() || file == kEmbeddedName) return;
    std::size_t shared = 0;
    for (const geo::Feature& f : layer.features)
        if (embedded.count(trim(layer.value(f, "id"))) > 0) ++shared;
    if (2 * shared < embedded.size()) return;
    std::erase_if(catalogue.events, [](const Event& e) { return e.file == kEmbeddedName; });
    std::erase(catalogue.files, std::string(kEmbeddedName));
    catalogue.asOf.reset();
    catalogue.embeddedReplacedBy = file;
}

std::vector<Problem> addSource(Catalogue& catalogue, const geo::VectorSource& source, const std::string& file,
                               const ValidationContext& context) {
    std::vector<Problem> problems;
    for (const geo::SkippedFeature& skipped : source.skipped)
        problems.push_back({file, skipped.feature, skipped.field, skipped.reason});
    for (const geo::Layer& layer : source.layers) {
        replaceEmbeddedWith(catalogue, layer, file);
        std::optional<Date> asOf;
        if (const auto text = geo::jsonMember(layer.nativeData, "as_of")) {
            asOf = parseDate(*text);
            if (!asOf || asOf->precision() != TimePrecision::Day) {
                problems.push_back({file, "(file)", "as_of", "'" + *text + "' is not a day (YYYY-MM-DD)"});
                asOf.reset();
            } else if (asOf->first() > context.latest) {
                // Open closures run to the as_of date: a date to come would close crossings into the future.
                problems.push_back({file, "(file)", "as_of",
                                    asOf->iso() + " is after " + isoDay(context.latest) +
                                        " (today): the data cannot describe the world as of a day to come"});
                asOf.reset();
            }
        }
        if (asOf && (!catalogue.asOf || *catalogue.asOf < *asOf)) catalogue.asOf = asOf;
        auto found = EventReader(catalogue, layer, file, context).read(asOf);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    catalogue.files.push_back(file);
    sortEvents(catalogue);
    return problems;
}

}  // namespace

void sortEvents(Catalogue& catalogue) {
    std::stable_sort(catalogue.events.begin(), catalogue.events.end(), [](const Event& a, const Event& b) {
        if (!a.start || !b.start) return !a.start && b.start;
        return *a.start < *b.start;
    });
}

std::string Problem::line() const {
    return printable(describe(Location{file, {}, "'" + feature + "'", field}) + ": " + message);
}

const Event* Catalogue::find(std::string_view id) const {
    for (const Event& e : events)
        if (e.id == id) return &e;
    return nullptr;
}

std::vector<const Event*> Catalogue::crossings() const {
    std::vector<const Event*> out;
    for (const Event& e : events)
        if (e.kind == EventKind::Crossing) out.push_back(&e);
    return out;
}

std::vector<const Event*> Catalogue::closuresOf(std::string_view crossingId) const {
    std::vector<const Event*> out;
    for (const Event& e : events)
        if (e.kind == EventKind::Closure && e.crossing == crossingId) out.push_back(&e);
    return out;
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

ValidationContext defaultValidationContext(const geo::BoundaryData& boundaries) {
    GeoBox extent = boundaries.countries.bounds();
    constexpr double kMarginDeg = 20.0;
    extent.min = {std::max(-180.0, extent.min.lon_deg - kMarginDeg), std::max(-90.0, extent.min.lat_deg - kMarginDeg)};
    extent.max = {std::min(180.0, extent.max.lon_deg + kMarginDeg), std::min(90.0, extent.max.lat_deg + kMarginDeg)};
    return {extent, sys_days{year{1800} / January / 1}, floor<days>(system_clock::now())};
}

std::vector<Problem> addEventFile(Catalogue& catalogue, const std::string& path, const ValidationContext& context,
                                  const std::string& displayName) {
    geo::LoadOptions options;
    options.strict = false;
    options.displayName = displayName.empty() ? path : displayName;
    options.openOptions = kOpenOptions;
    return addSource(catalogue, geo::loadVectorSource(path, options), options.displayName, context);
}

Catalogue loadEmbeddedCatalogue(const ValidationContext& context) {
    geo::LoadOptions options;
    options.strict = false;
    options.openOptions = kOpenOptions;
    const std::string name = kEmbeddedName;
    options.displayName = name;
    Catalogue catalogue;
    const auto problems =
        addSource(catalogue, geo::loadVectorSource(embedded::events_geojson(), "events.geojson", options), name, context);
    if (!problems.empty())
        throw OperationError({}, "the embedded events have " + std::to_string(problems.size()) +
                                     " problems, the first: " + problems.front().line());
    return catalogue;
}

std::vector<Problem> checkPlacesAgainstBoundaries(const Catalogue& catalogue, const geo::BoundaryData& boundaries) {
    constexpr double kCrossingToleranceM = 15'000.0;
    constexpr double kCountryToleranceM = 5'000.0;
    std::vector<Problem> problems;
    for (const Event& e : catalogue.events) {
        for (const LonLat& p : e.places) {
            if (e.kind == EventKind::Crossing || e.kind == EventKind::Closure) {
                // A crossing and its closures straddle the line and name both countries.
                const double d = geo::geodesicDistanceToM(boundaries.durand().geometry, p);
                if (d > kCrossingToleranceM)
                    problems.push_back({e.file, e.id, "geometry",
                                        "a " + std::string(eventKindName(e.kind)) + " " + formatNumber(d / 1000.0, 0) +
                                            " km from the Durand Line; a crossing must be within " +
                                            formatNumber(kCrossingToleranceM / 1000.0, 0) + " km of it"});
                continue;
            }
            // A cross-border event names both countries ("Afghanistan / Pakistan"): it may lie in either.
            const auto& countries = boundaries.countries;
            std::vector<const geo::Feature*> named;
            std::size_t from = 0;
            while (from <= e.country.size()) {
                const std::size_t at = std::min(e.country.find(" / ", from), e.country.size());
                const std::string name = trim(std::string_view(e.country).substr(from, at - from));
                for (const geo::Feature& f : countries.features)
                    if (!name.empty() && countries.value(f, "name") == name) named.push_back(&f);
                from = at + 3;
            }
            if (named.empty()) continue;  // a venue abroad, outside the boundary data
            const bool inside = std::any_of(named.begin(), named.end(), [&](const geo::Feature* f) {
                return geo::contains(f->geometry, p) || geo::geodesicDistanceToM(f->geometry, p) <= kCountryToleranceM;
            });
            if (inside) continue;
            const geo::Whereabouts where = geo::locate(boundaries, p);
            problems.push_back({e.file, e.id, "country",
                                "says " + e.country + " but the point lies in " +
                                    where.country.value_or("no country in the boundary data")});
        }
    }
    return problems;
}

}  // namespace bordermap::timeline
