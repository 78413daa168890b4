#include <bordermap/geo/postgis.hpp>

#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/text.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace bordermap::geo {

namespace {

using detail::GdalErrorCapture;

struct DatasetCloser {
    void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// The staging table: temporary, so each connection has its own and concurrent imports cannot see each other's.
constexpr const char* kStaging = "bordermap_staging";

bool isIdentifier(std::string_view name) {
    if (name.empty() || name.size() > 63 || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// "schema.table" or "table", each part a lower-case identifier (so that quoting it changes nothing): quoted for SQL.
struct TableName {
    std::string schema;  // empty: the connection's search path
    std::string table;

    std::string quoted() const { return (schema.empty() ? "" : quote(schema) + ".") + quote(table); }
    // A table beside this one (bordermap_meta), in the same schema.
    std::string sibling(std::string_view name) const {
        return (schema.empty() ? "" : quote(schema) + ".") + quote(std::string(name));
    }
    std::string literal() const { return "'" + table + "'"; }  // identifiers hold no quote
    std::string schemaLiteral() const { return schema.empty() ? "current_schema()" : "'" + schema + "'"; }
    static std::string quote(const std::string& name) { return "\"" + name + "\""; }
};

TableName parseTableName(const std::string& name) {
    const auto dot = name.find('.');
    TableName result;
    if (dot == std::string::npos) {
        result.table = name;
    } else {
        result.schema = name.substr(0, dot);
        result.table = name.substr(dot + 1);
    }
    if ((dot != std::string::npos && !isIdentifier(result.schema)) || !isIdentifier(result.table))
        throw InputError({{}, {}, {}, "table"}, "'" + name + "' is not a table name (lower-case letters, digits and _, "
                                                "optionally schema.table)");
    return result;
}

// GDAL's message about a failed connection or statement as one line: libpq's lines joined, GDAL's own prefix
// and PostgreSQL's "ERROR:" dropped, any password taken out.
std::string oneLine(std::string message, std::string_view connection) {
    for (const char* prefix : {"PQconnectdb failed: ", "PQconnectdb failed.", "ERROR:  "}) {
        const std::size_t at = message.find(prefix);
        if (at != std::string::npos) message.erase(at, std::strlen(prefix));
    }
    // libpq's lines (a reason, then a hint) joined with "; ", runs of blanks made one space.
    std::string line;
    bool newline = false, blank = false;
    for (const char c : message) {
        if (c == '\n' || c == '\r') {
            newline = !line.empty();
            continue;
        }
        if (c == ' ' || c == '\t') {
            blank = !line.empty();
            continue;
        }
        if (newline) line += "; ";
        else if (blank) line += ' ';
        newline = blank = false;
        line += c;
    }
    // libpq names neither the password nor the whole string, but GDAL's messages may quote the string it was given.
    if (const std::string bare(connection.substr(std::min<std::size_t>(3, connection.size()))); !bare.empty()) {
        const std::string redacted = redactPassword(bare);
        for (std::size_t at = line.find(bare); at != std::string::npos; at = line.find(bare, at + redacted.size()))
            line.replace(at, bare.size(), redacted);
    }
    return line.empty() ? "no reason given" : line;
}

std::string sqlLine(const std::string& sql) {
    const std::size_t space = sql.find(' ', sql.find(' ') + 1);
    return sql.substr(0, std::min(space, sql.size()));
}

class PgSession {
public:
    // `prelude`: SQL run first on the connection (GDAL's PRELUDE_STATEMENTS), or empty.
    explicit PgSession(const std::string& connection, const std::string& prelude = {})
        : m_connection(connection), m_where(redactPassword(connection)) {
        detail::ensureGdalRegistered();
        if (!isPgConnection(connection))
            throw InputError({m_where, {}, {}, {}}, "not a PostgreSQL connection (PG:dbname=... or PG:service=...)");
        const char* const drivers[] = {"PostgreSQL", nullptr};
        // Only the layers bordermap asks for by name: listing every table of a large database costs a query each.
        const std::string preludeOption = "PRELUDE_STATEMENTS=" + prelude;
        const char* const options[] = {"LIST_ALL_TABLES=NO", prelude.empty() ? nullptr : preludeOption.c_str(), nullptr};
        m_dataset.reset(GDALDataset::Open(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, options, nullptr));
        if (!m_dataset) throw OperationError({m_where, {}, {}, {}}, "could not connect: " + oneLine(m_capture.firstError(), connection));
    }

    GDALDataset& dataset() { return *m_dataset; }
    const std::string& where() const { return m_where; }

    // Runs a statement that returns no rows; throws OperationError with PostgreSQL's reason.
    void exec(const std::string& sql) {
        CPLErrorReset();
        OGRLayer* result = m_dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (result != nullptr) m_dataset->ReleaseResultSet(result);
        failIfError(sql);
    }

    // Runs a query; each row's values as text (NULL as empty).
    std::vector<std::vector<std::string>> query(const std::string& sql) {
        CPLErrorReset();
        OGRLayer* result = m_dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        failIfError(sql);
        std::vector<std::vector<std::string>> rows;
        if (result == nullptr) return rows;
        for (auto& feature : *result) {
            std::vector<std::string> row;
            for (int i = 0; i < feature->GetFieldCount(); ++i)
                row.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
            rows.push_back(std::move(row));
        }
        m_dataset->ReleaseResultSet(result);
        return rows;
    }

    // The last GDAL failure's message as one line, with no password.
    std::string reason() const { return oneLine(CPLGetLastErrorMsg(), m_connection); }

    [[noreturn]] void fail(const std::string& reason) { throw OperationError({m_where, {}, {}, {}}, reason); }

    void failIfError(const std::string& sql) {
        if (CPLGetLastErrorType() < CE_Failure) return;
        fail(sqlLine(sql) + ": " + oneLine(CPLGetLastErrorMsg(), m_connection));
    }

private:
    GdalErrorCapture m_capture;  // first: GDAL's messages during the open go here, not to stderr
    std::string m_connection;
    std::string m_where;
    DatasetPtr m_dataset;
};

const char* sqlType(PgColumnType type) {
    switch (type) {
        case PgColumnType::Integer: return "integer";
        case PgColumnType::Date: return "date";
        case PgColumnType::Text: break;
    }
    return "text";
}

std::string quoted(const std::string& name) { return TableName::quote(name); }

}  // namespace

bool isPgConnection(std::string_view name) {
    return name.size() >= 3 && (name[0] == 'P' || name[0] == 'p') && (name[1] == 'G' || name[1] == 'g') && name[2] == ':';
}

std::string redactPassword(std::string_view connection) {
    std::string text(connection);
    // URI form: postgresql://user:secret@host/db
    if (const std::size_t scheme = text.find("://"); scheme != std::string::npos) {
        const std::size_t at = text.find('@', scheme + 3);
        const std::size_t colon = text.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
    }
    // Keyword form, and a URI's ?password=...: password = value, password='quoted \' value'
    const std::string lower = toLower(text);
    std::string out;
    std::size_t from = 0;
    for (std::size_t at = lower.find("password"); at != std::string::npos; at = lower.find("password", at + 1)) {
        if (at < from) continue;
        std::size_t p = at + 8;
        while (p < text.size() && text[p] == ' ') ++p;
        if (p >= text.size() || text[p] != '=') continue;
        ++p;
        while (p < text.size() && text[p] == ' ') ++p;
        std::size_t end = p;
        if (end < text.size() && text[end] == '\'') {
            for (++end; end < text.size() && text[end] != '\''; ++end)
                if (text[end] == '\\') ++end;
            end = std::min(end + 1, text.size());
        } else {
            while (end < text.size() && text[end] != ' ' && text[end] != '&') ++end;
        }
        out += text.substr(from, p - from) + "***";
        from = end;
    }
    out += text.substr(std::min(from, text.size()));
    return out;
}

void initPgTable(const std::string& connection, const PgTableSpec& spec) {
    const TableName name = parseTableName(spec.table);
    PgSession session(connection);
    if (session.dataset().StartTransaction(FALSE) != OGRERR_NONE) session.fail("could not start a transaction");
    if (!name.schema.empty()) session.exec("CREATE SCHEMA IF NOT EXISTS " + quoted(name.schema));
    std::string columns;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        const PgColumn& column = spec.columns[i];
        columns += quoted(column.name) + " " + sqlType(column.type) + (i == 0 ? " PRIMARY KEY" : column.notNull ? " NOT NULL" : "") + ", ";
    }
    session.exec("CREATE TABLE IF NOT EXISTS " + name.quoted() + " (" + columns + quoted(spec.geometryColumn) +
                 " geometry(MultiPoint, 4326), updated_at timestamptz NOT NULL DEFAULT now())");
    session.exec("CREATE INDEX IF NOT EXISTS " + quoted(name.table + "_" + spec.geometryColumn + "_idx") + " ON " + name.quoted() +
                 " USING gist (" + quoted(spec.geometryColumn) + ")");
    for (const std::string& column : spec.indexed)
        session.exec("CREATE INDEX IF NOT EXISTS " + quoted(name.table + "_" + column + "_idx") + " ON " + name.quoted() + " (" +
                     quoted(column) + ")");
    for (const auto& [indexName, definition] : spec.expressionIndexes)
        session.exec("CREATE INDEX IF NOT EXISTS " + quoted(name.table + "_" + indexName + "_idx") + " ON " + name.quoted() + " " + definition);
    for (const std::string& indexName : spec.replacedIndexes)
        session.exec("DROP INDEX IF EXISTS " + name.sibling(name.table + "_" + indexName + "_idx"));
    session.exec("CREATE TABLE IF NOT EXISTS " + name.sibling("bordermap_meta") +
                 " (table_name text PRIMARY KEY, as_of date, updated_at timestamptz NOT NULL DEFAULT now())");
    session.exec("INSERT INTO " + name.sibling("bordermap_meta") + " (table_name) VALUES (" + name.literal() +
                 ") ON CONFLICT (table_name) DO NOTHING");
    // The table's version, counted up by every statement that writes it: what a viewer or --watch polls every few
    // seconds, one row read, where a count and the latest updated_at scan a million rows (400 ms at 10^6).
    session.exec("ALTER TABLE " + name.sibling("bordermap_meta") + " ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 0");
    session.exec("CREATE OR REPLACE FUNCTION " + name.sibling("bordermap_count_version") +
                 "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE " + name.sibling("bordermap_meta") +
                 " SET version = version + 1 WHERE table_name = TG_ARGV[0]; RETURN NULL; END $$");
    session.exec("CREATE OR REPLACE TRIGGER " + quoted(name.table + "_version") + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " +
                 name.quoted() + " FOR EACH STATEMENT EXECUTE FUNCTION " + name.sibling("bordermap_count_version") + "(" + name.literal() + ")");
    if (session.dataset().CommitTransaction() != OGRERR_NONE) session.fail("could not commit: " + session.reason());
}

namespace {

std::optional<std::string> asOfOf(PgSession& session, const TableName& name) {
    const auto rows = session.query("SELECT to_char(as_of, 'YYYY-MM-DD') FROM " + name.sibling("bordermap_meta") +
                                    " WHERE table_name = " + name.literal());
    if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return std::nullopt;
    return rows[0][0];
}

}  // namespace

std::optional<std::string> pgTableAsOf(const std::string& connection, const std::string& table) {
    PgSession session(connection);
    return asOfOf(session, parseTableName(table));
}

struct PgTableWatch::Impl {
    PgSession session;
    TableName name;
    bool counted = false;  // the table has the version trigger db init makes (older tables: counted and scanned)
    Impl(const std::string& connection, const std::string& table) : session(connection), name(parseTableName(table)) {
        counted = !session.query("SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('" + name.quoted() + "') AND tgname = '" + name.table +
                                 "_version'").empty();
    }
};

PgTableWatch::PgTableWatch(const std::string& connection, const std::string& table)
    : m_impl(std::make_unique<Impl>(connection, table)) {}
PgTableWatch::~PgTableWatch() = default;

std::string PgTableWatch::version() {
    if (m_impl->counted) {
        const auto rows = m_impl->session.query("SELECT version || '|' || coalesce(as_of::text, '') FROM " + m_impl->name.sibling("bordermap_meta") +
                                                " WHERE table_name = " + m_impl->name.literal());
        return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
    }
    // count(*) sees deletions; max(updated_at) sees changes (an import sets it on every row it changes); the
    // as_of row sees a newer data set with the same rows.
    const auto rows = m_impl->session.query("SELECT count(*) || '|' || coalesce(max(updated_at)::text, '') || '|' || coalesce((SELECT as_of::text FROM " +
                                            m_impl->name.sibling("bordermap_meta") + " WHERE table_name = " + m_impl->name.literal() +
                                            "), '') FROM " + m_impl->name.quoted());
    return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
}

std::optional<std::string> PgTableWatch::asOf() { return asOfOf(m_impl->session, m_impl->name); }

std::optional<std::pair<std::string, std::string>> PgTableWatch::range(const std::string& low, std::span<const std::string> high) {
    // greatest() of one max() a column rather than max(greatest(...)): each max() is an index's last entry.
    std::string highs;
    for (const std::string& column : high) highs += (highs.empty() ? "" : ", ") + ("(SELECT max(" + column + ") FROM " + m_impl->name.quoted() + ")");
    const auto rows = m_impl->session.query("SELECT to_char((SELECT min(" + low + ") FROM " + m_impl->name.quoted() +
                                            "), 'YYYY-MM-DD') AS low, to_char(greatest(" + highs + "), 'YYYY-MM-DD') AS high");  // GDAL keeps one of two same-named columns
    if (rows.empty() || rows[0].size() < 2 || rows[0][0].empty() || rows[0][1].empty()) return std::nullopt;
    return std::pair{rows[0][0], rows[0][1]};
}

struct PgImport::Impl {
    PgSession session;
    PgTableSpec spec;
    TableName name;
    // Where the rows go: the table itself when it was empty (`direct`), else a temporary staging table that commit()
    // upserts from. Both owned by the dataset.
    OGRLayer* direct = nullptr;
    OGRLayer* staging = nullptr;
    std::vector<int> fields;           // each spec column's field in the layer written
    int updatedAt = -1;                // direct: the table's updated_at field, set to `now`
    std::string now;                   // the transaction's now(), as text
    std::vector<std::vector<std::string>> deferred;  // direct: the indexes dropped, to build after the rows (name, definition)
    std::unique_ptr<CPLConfigOptionSetter> useCopy;  // direct: GDAL COPYs into a table it did not make only when asked
    std::unique_ptr<OGRFeature> feature;
    std::size_t rows = 0;
    bool committed = false;

    Impl(const std::string& connection, PgTableSpec tableSpec)
        // The staging table lives in the connection's own buffers (temp_buffers, 8 MB unless the server says more), or
        // else in temporary files: a million rows are about 1 GB. (Not measured apart from the rest: within the noise.)
        : session(connection, "SET temp_buffers = '512MB'"), spec(std::move(tableSpec)), name(parseTableName(spec.table)) {}

    bool tableEmpty() { return session.query("SELECT 1 FROM " + name.quoted() + " LIMIT 1").empty(); }

    // Into an empty table every row is new: COPY into it, with its secondary indexes (GiST, dates) built after the
    // rows rather than updated row by row, and no staging table to write and read again: at 10^6 events 25.6 s, where
    // staging, an INSERT from it and the same indexes took 35.5 s (the INSERT 9.5 s). Dropping the indexes takes
    // the table from readers until the commit, which costs nothing while it is empty; the key stays. The lock makes a
    // second import wait until this one commits, then upsert over its rows.
    bool writeDirectly() {
        if (!tableEmpty()) return false;
        session.exec("LOCK TABLE " + name.quoted() + " IN SHARE ROW EXCLUSIVE MODE");
        if (!tableEmpty()) return false;  // another import committed in between: upsert
        deferred = session.query("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_indexdef(x.indexrelid) FROM pg_index x "
                                 "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE x.indrelid = '" +
                                 name.quoted() + "'::regclass AND NOT x.indisunique");
        for (const auto& index : deferred) session.exec("DROP INDEX " + index.at(0));
        direct = session.dataset().GetLayerByName(spec.table.c_str());
        if (direct == nullptr) session.fail("could not open table " + spec.table + ": " + session.reason());
        const OGRFeatureDefn& defn = *direct->GetLayerDefn();
        for (const PgColumn& column : spec.columns) fields.push_back(defn.GetFieldIndex(column.name.c_str()));
        updatedAt = defn.GetFieldIndex("updated_at");
        // GDAL sends a row with an unset field that has a default as an INSERT of its own: every field is set, and
        // updated_at to the transaction's time (to the millisecond, as GDAL writes it), which the default would give.
        const auto time = session.query("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || '+00'");
        if (time.empty() || time[0].empty()) session.fail("could not read the server's time");
        now = time[0][0];
        useCopy = std::make_unique<CPLConfigOptionSetter>("PG_USE_COPY", "YES", false);
        return true;
    }

    void makeStaging() {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        // Every value staged as text: PostgreSQL casts to integer and date in the upsert, which costs less than GDAL
        // parsing them only to print them again for COPY. No spatial index on the staging table: it is read once, in
        // full (GDAL gives it an ogc_fid key all the same).
        const char* const options[] = {"TEMPORARY=YES", "SPATIAL_INDEX=NONE", "LAUNDER=NO", "PRECISION=NO", "GEOMETRY_NAME=geom", nullptr};
        staging = session.dataset().CreateLayer(kStaging, &wgs84, wkbMultiPoint, const_cast<char**>(options));
        if (staging == nullptr) session.fail("could not make the staging table: " + session.reason());
        for (const PgColumn& column : spec.columns) {
            OGRFieldDefn field(column.name.c_str(), OFTString);
            if (staging->CreateField(&field) != OGRERR_NONE) session.fail("could not make the staging table: " + session.reason());
            fields.push_back(static_cast<int>(fields.size()));
        }
    }
};

PgImport::PgImport(const std::string& connection, PgTableSpec spec)
    : m_impl(std::make_unique<Impl>(connection, std::move(spec))) {
    Impl& m = *m_impl;
    // The table must be there with every column the import writes: say so before any row is sent.
    const auto found = m.session.query("SELECT column_name FROM information_schema.columns WHERE table_schema = " +
                                       m.name.schemaLiteral() + " AND table_name = " + m.name.literal());
    if (found.empty())
        m.session.fail("table " + m.spec.table + " does not exist, or this user may not see it (bordermap db init " +
                       m.session.where() + " makes it)");
    std::vector<std::string> wanted;
    for (const PgColumn& column : m.spec.columns) wanted.push_back(column.name);
    wanted.push_back(m.spec.geometryColumn);
    wanted.emplace_back("updated_at");
    for (const std::string& column : wanted) {
        if (std::none_of(found.begin(), found.end(), [&](const auto& row) { return !row.empty() && row[0] == column; }))
            m.session.fail("table " + m.spec.table + " has no column " + column + " (not made by bordermap db init?)");
    }

    if (m.session.dataset().StartTransaction(FALSE) != OGRERR_NONE) m.session.fail("could not start a transaction");
    if (!m.writeDirectly()) m.makeStaging();
    m.feature = std::make_unique<OGRFeature>((m.direct != nullptr ? m.direct : m.staging)->GetLayerDefn());
}

PgImport::~PgImport() {
    if (m_impl && !m_impl->committed) m_impl->session.dataset().RollbackTransaction();
}

void PgImport::add(std::span<const std::optional<std::string>> values, std::span<const LonLat> points) {
    Impl& m = *m_impl;
    OGRFeature& feature = *m.feature;
    feature.SetFID(OGRNullFID);
    for (std::size_t i = 0; i < m.spec.columns.size(); ++i) {
        if (i < values.size() && values[i]) {
            feature.SetField(m.fields[i], values[i]->c_str());
        } else {
            feature.SetFieldNull(m.fields[i]);
        }
    }
    if (m.updatedAt >= 0) feature.SetField(m.updatedAt, m.now.c_str());
    if (points.empty()) {
        feature.SetGeometryDirectly(nullptr);
    } else {
        auto* multi = new OGRMultiPoint();
        for (const LonLat p : points) multi->addGeometryDirectly(new OGRPoint(p.lon_deg, p.lat_deg));
        feature.SetGeometryDirectly(multi);
    }
    CPLErrorReset();
    if ((m.direct != nullptr ? m.direct : m.staging)->CreateFeature(&feature) != OGRERR_NONE)
        m.session.fail("writing row " + std::to_string(m.rows + 1) + ": " + m.session.reason());
    ++m.rows;
}

PgImportCounts PgImport::commit(const std::optional<std::string>& asOfDay) {
    Impl& m = *m_impl;
    // The last COPY ends before the next statement: GDAL sends it when the layer syncs.
    if ((m.direct != nullptr ? m.direct : m.staging)->SyncToDisk() != OGRERR_NONE) m.session.fail("copying the rows: " + m.session.reason());
    PgImportCounts result;
    result.rows = m.rows;
    if (m.direct != nullptr) {
        m.session.exec("SET LOCAL maintenance_work_mem = '256MB'");  // each index built in memory, not in runs on disk
        for (const auto& index : m.deferred) m.session.exec(index.at(1));
        // Statistics now, not when autovacuum gets to it: without them the planner guesses and a window's first
        // fetches after an import may scan.
        m.session.exec("ANALYZE " + m.name.quoted());
        result.inserted = m.rows;
    } else {
        std::string columns, selected, assignments, before, after;
        for (const PgColumn& column : m.spec.columns) {
            const std::string q = quoted(column.name);
            columns += q + ", ";
            selected += "s." + q + (column.type == PgColumnType::Text ? "" : std::string("::") + sqlType(column.type)) + ", ";
            if (&column == &m.spec.columns.front()) continue;  // the key
            assignments += q + " = EXCLUDED." + q + ", ";
            before += "t." + q + ", ";
            after += "EXCLUDED." + q + ", ";
        }
        const std::string geom = quoted(m.spec.geometryColumn);
        const std::string key = quoted(m.spec.columns.front().name);
        // Readers go on; a second import waits here for the first to commit, then upserts over its rows (none lost,
        // no deadlock between two imports that share ids).
        m.session.exec("LOCK TABLE " + m.name.quoted() + " IN SHARE ROW EXCLUSIVE MODE");
        // A row whose values are all the same is left alone, updated_at and all: updated_at says when it last changed.
        m.session.exec("CREATE TEMPORARY TABLE bordermap_counts (inserted bigint, updated bigint) ON COMMIT DROP");
        m.session.exec("WITH up AS (INSERT INTO " + m.name.quoted() + " AS t (" + columns + geom + ") SELECT " + selected + "s.geom FROM " +
                       kStaging + " s ON CONFLICT (" + key + ") DO UPDATE SET " + assignments + geom + " = EXCLUDED." + geom +
                       ", updated_at = now() WHERE (" + before + "t." + geom + ") IS DISTINCT FROM (" + after + "EXCLUDED." + geom +
                       ") RETURNING (xmax = 0) AS inserted) INSERT INTO bordermap_counts SELECT count(*) FILTER (WHERE inserted), "
                       "count(*) FILTER (WHERE NOT inserted) FROM up");
        const auto counts = m.session.query("SELECT inserted, updated FROM bordermap_counts");
        if (counts.size() != 1 || counts[0].size() != 2) m.session.fail("the upsert counted no rows");
        result.inserted = static_cast<std::size_t>(std::strtoull(counts[0][0].c_str(), nullptr, 10));
        result.updated = static_cast<std::size_t>(std::strtoull(counts[0][1].c_str(), nullptr, 10));
    }
    if (asOfDay)
        m.session.exec("INSERT INTO " + m.name.sibling("bordermap_meta") + " AS m (table_name, as_of) VALUES (" + m.name.literal() +
                       ", DATE '" + *asOfDay + "') ON CONFLICT (table_name) DO UPDATE SET as_of = GREATEST(m.as_of, EXCLUDED.as_of), "
                       "updated_at = now()");
    if (const char* hold = std::getenv("BORDERMAP_TEST_PG_HOLD_BEFORE_COMMIT"); hold != nullptr && *hold != '\0') {
        // For the test of an import killed before it commits: every row is in the table, uncommitted; say so by
        // making the file named, then wait to be killed.
        if (FILE* marker = std::fopen(hold, "w")) std::fclose(marker);
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    if (m.session.dataset().CommitTransaction() != OGRERR_NONE)
        m.session.fail("could not commit: " + m.session.reason());
    m.committed = true;
    return result;
}

}  // namespace bordermap::geo
