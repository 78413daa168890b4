#include "bordermap/timeline/event_source.hpp"

#include "event_reading.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>
#include <bordermap/geo/postgis.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <array>
#include <filesystem>
#include <system_error>

namespace bordermap::timeline {

namespace {

class FileEventSource final : public EventSource {
public:
    FileEventSource(std::string path, const std::string& displayName) : m_path(std::move(path)), m_name(displayName.empty() ? m_path : displayName) {}
    const std::string& name() const override { return m_name; }
    bool windowed() const override { return false; }
    std::vector<Problem> addTo(Catalogue& catalogue, const ValidationContext& context, const EventQuery&) override {
        return addEventFile(catalogue, m_path, context, m_name);
    }
    std::string version() override {
        std::error_code error;
        const auto size = std::filesystem::file_size(m_path, error);
        const auto time = error ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(m_path, error);
        if (error) throw InputError({m_name, {}, {}, {}}, "cannot be read: " + error.message());
        return std::to_string(size) + '|' + std::to_string(time.time_since_epoch().count());
    }
    std::optional<std::pair<CalendarDay, CalendarDay>> days() override { return std::nullopt; }

private:
    std::string m_path;
    std::string m_name;
};

class DatabaseEventSource final : public EventSource {
public:
    DatabaseEventSource(std::string connection, const std::string& displayName)
        : m_connection(std::move(connection)), m_name(displayName.empty() ? geo::redactPassword(m_connection) : displayName),
          // The table `events`, unless the connection string picks its own (GDAL's tables=...).
          m_namesTables(toLower(m_connection).find("tables=") != std::string::npos) {}
    const std::string& name() const override { return m_name; }
    bool windowed() const override { return true; }

    std::vector<Problem> addTo(Catalogue& catalogue, const ValidationContext& context, const EventQuery& query) override {
        // Neighbours are looked for in `events`; a table named in the connection (tables=) goes without them.
        EventQuery asked = query;
        asked.neighbours = query.neighbours && !m_namesTables;
        const std::string where = sqlWhere(asked);
        // Connected by the watch first: a server that cannot be reached, or refuses the login, is the one line
        // "could not connect: REASON" (OperationError) that `db` says too, not GDAL's "not a data source".
        guarded([&] { watch(); });
        std::vector<Problem> problems = readEventSource(
            catalogue, m_name, context,
            [&](const geo::LoadOptions& given) {
                geo::LoadOptions options = given;
                options.attributeFilter = where;
                if (!m_namesTables) options.layers = {"events"};
                // Connected once and kept: a view's next window is one query, not a new connection and GDAL's
                // reading of the catalogue's tables and columns again. A failed read connects afresh next time.
                try {
                    if (!m_dataset) m_dataset = std::make_unique<geo::OpenVectorSource>(m_connection, options);
                    return m_dataset->read(options);
                } catch (...) {
                    m_dataset.reset();
                    throw;
                }
            },
            {}, true);
        // The table's as_of lives beside it (bordermap db import keeps it in bordermap_meta).
        if (!m_namesTables)
            if (const auto text = guarded([&] { return watch().asOf(); }))
                if (const auto asOf = parseDate(*text); asOf && asOf->precision() == TimePrecision::Day && asOf->first() <= context.latest &&
                                                        (!catalogue.asOf || *catalogue.asOf < *asOf))
                    catalogue.asOf = asOf;
        return problems;
    }

    std::string version() override {
        return guarded([&] { return watch().version(); });
    }

    std::optional<std::pair<CalendarDay, CalendarDay>> days() override {
        return guarded([&]() -> std::optional<std::pair<CalendarDay, CalendarDay>> {
            static const std::array<std::string, 2> kLast = {"start_date", "end_date"};
            const auto range = watch().range("start_date", kLast);
            if (!range) return std::nullopt;
            const auto first = parseDate(range->first);
            const auto last = parseDate(range->second);
            if (!first || !last) return std::nullopt;
            return std::pair{first->first(), last->last()};
        });
    }

private:
    geo::PgTableWatch& watch() {
        if (!m_watch) m_watch = std::make_unique<geo::PgTableWatch>(m_connection, "events");
        return *m_watch;
    }
    // Runs f over the watch's connection; when it fails, the connection is made afresh next time (a server that
    // restarted).
    template <class F>
    auto guarded(F&& f) -> decltype(f()) {
        try {
            return f();
        } catch (...) {
            m_watch.reset();
            throw;
        }
    }

    std::string m_connection;
    std::string m_name;
    bool m_namesTables = false;
    std::unique_ptr<geo::OpenVectorSource> m_dataset;
    std::unique_ptr<geo::PgTableWatch> m_watch;
};

}  // namespace

std::unique_ptr<EventSource> openEventSource(const std::string& pathOrConnection, const std::string& displayName) {
    if (geo::isPgConnection(pathOrConnection)) return std::make_unique<DatabaseEventSource>(pathOrConnection, displayName);
    return std::make_unique<FileEventSource>(pathOrConnection, displayName);
}

}  // namespace bordermap::timeline
