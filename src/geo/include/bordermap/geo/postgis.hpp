#pragma once
// A table of point features in PostgreSQL/PostGIS, written through GDAL's PG driver: the schema (init) and an
// upsert by id that is one transaction (import). Connection strings are GDAL's "PG:..." (libpq's keywords or a
// postgresql:// URI after the prefix); credentials come from where libpq looks (PGPASSFILE, PGSERVICE, PG*
// variables), so a password need never be on a command line. No password appears in any message.

#include <bordermap/core/coords.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bordermap::geo {

enum class PgColumnType : std::uint8_t { Text, Integer, Date };

// A column besides the geometry: its name (lower case, as PostgreSQL keeps unquoted names) and type. The first
// column is the table's key.
struct PgColumn {
    std::string name;
    PgColumnType type = PgColumnType::Text;
    bool notNull = false;
};

// How the table is made: its name (a plain SQL identifier, optionally schema.table), columns, the geometry column
// (MultiPoint, EPSG:4326), and the columns that get a btree index besides the key. Every table also gets
// `updated_at timestamptz NOT NULL DEFAULT now()`, set again whenever an import changes its row, and a GiST index on
// the geometry. A table's as_of date lives in the table bordermap_meta (table_name, as_of, updated_at).
struct PgTableSpec {
    std::string table = "events";
    std::vector<PgColumn> columns;
    std::string geometryColumn = "geom";
    std::vector<std::string> indexed;
    // Indexes on expressions: a name (the index is TABLE_NAME_idx) and what follows ON TABLE ("USING gist (...)").
    std::vector<std::pair<std::string, std::string>> expressionIndexes;
    // Indexes (by name, as above) that an earlier init made and this one replaces: dropped where found.
    std::vector<std::string> replacedIndexes;
};

// The connection string with any password taken out ("password=..." keywords and the password of a URI), for
// messages.
std::string redactPassword(std::string_view connection);

// Whether `name` names a PostgreSQL database for GDAL: starts with "PG:" (any case).
bool isPgConnection(std::string_view name);

// Creates the table, its indexes and bordermap_meta when they do not exist (a table that exists is left as it is:
// init twice is harmless). Throws OperationError naming the (redacted) connection when the server cannot be reached,
// refuses the login or refuses the SQL (no PostGIS, no right to create).
void initPgTable(const std::string& connection, const PgTableSpec& spec);

struct PgImportCounts {
    std::size_t rows = 0;       // written to the staging table
    std::size_t inserted = 0;   // new ids
    std::size_t updated = 0;    // ids that were there with other values
    std::size_t unchanged() const { return rows - inserted - updated; }
};

// One import: rows go to a temporary staging table (COPY, through GDAL), then commit() upserts them into the table
// by key in the same transaction, under a lock that lets readers go on but makes concurrent imports take turns. Into
// an empty table the rows are COPYed straight in, in the order add() is given them, under that lock from the start,
// and its secondary indexes are built again at commit().
// Destroying an import that was not committed rolls back: the table is as it was. The table must exist
// (initPgTable). Throws OperationError as initPgTable does, and for a table whose columns are not the spec's.
class PgImport {
public:
    PgImport(const std::string& connection, PgTableSpec spec);
    ~PgImport();
    PgImport(const PgImport&) = delete;
    PgImport& operator=(const PgImport&) = delete;

    // One row: a value per column in the spec's order (nothing: NULL), integers and dates ("YYYY-MM-DD") as text,
    // and its points (none: a NULL geometry). Throws OperationError.
    void add(std::span<const std::optional<std::string>> values, std::span<const LonLat> points);
    // Upserts the rows and, when given, raises the table's as_of date to asOfDay ("YYYY-MM-DD") if it is later;
    // then commits.
    PgImportCounts commit(const std::optional<std::string>& asOfDay);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Watches a table for another client's changes over one connection kept open: version() is the count db init's
// trigger keeps in bordermap_meta (for a table made without it, the row count and latest updated_at) with the
// table's as_of, one short query a call, so that a reader polling every few seconds sees rows added, changed or
// deleted. Throws OperationError as initPgTable does.
class PgTableWatch {
public:
    PgTableWatch(const std::string& connection, const std::string& table);
    ~PgTableWatch();
    PgTableWatch(const PgTableWatch&) = delete;
    PgTableWatch& operator=(const PgTableWatch&) = delete;
    std::string version();
    // The least of the `low` column and the greatest of the `high` columns over the table's rows (DATE columns: as
    // "YYYY-MM-DD"), one query; none when the table has no row with a value. Each
    // aggregate over a plain column is answered by that column's index where there is one.
    std::optional<std::pair<std::string, std::string>> range(const std::string& low, std::span<const std::string> high);
    // pgTableAsOf's answer over this connection.
    std::optional<std::string> asOf();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The table's as_of date ("YYYY-MM-DD") from bordermap_meta, if any.
std::optional<std::string> pgTableAsOf(const std::string& connection, const std::string& table);

}  // namespace bordermap::geo
