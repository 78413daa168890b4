#include "bordermap/geo/vector_source.hpp"

#include "gdal_support.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/core/text.hpp>

#include <csv.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

namespace bordermap::geo {

namespace {

struct CsvFree {
    void operator()(csv_parser* p) const {
        csv_free(p);
        delete p;
    }
};

// Rows as libcsv read them, passed from the thread that reads the file to the one that builds features: every
// field's bytes end to end in one buffer, so that a batch costs a few allocations reused from batch to batch, not
// one a value. A row is whole in one batch.
struct RowBatch {
    std::string text;
    std::vector<std::size_t> fieldEnds;  // where each field ends in `text`; the next one starts there
    std::vector<std::size_t> rowEnds;    // for each whole row, where its fields end in fieldEnds
    // Why the reading stopped after these rows (an InputError), raised once they are built: at the same point of the
    // file as a read on one thread would raise it.
    std::exception_ptr error;
    bool last = false;  // nothing follows: the end of the file, or `error`

    std::string_view field(std::size_t i) const {
        const std::size_t from = i == 0 ? 0 : fieldEnds[i - 1];
        return std::string_view(text).substr(from, fieldEnds[i] - from);
    }
    void clear() {
        text.clear();
        fieldEnds.clear();
        rowEnds.clear();
        error = nullptr;
        last = false;
    }
};

// A few batches going round between the reader, which fills them, and the builder, which empties them: the file is
// read at most kBatches batches ahead of the features, in memory that does not grow with the file.
class BatchQueue {
public:
    static constexpr std::size_t kBatches = 4;
    // A batch is handed on at the end of the row that brings it to either size (an ACLED row is about 550 bytes).
    static constexpr std::size_t kRows = 2048;
    static constexpr std::size_t kBytes = std::size_t{1} << 20;

    BatchQueue() {
        for (RowBatch& batch : m_batches) m_empty[m_emptyCount++] = &batch;
    }

    // Reader: an empty batch to fill, once one is free; nullptr once the builder has stopped.
    RowBatch* empty() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || m_emptyCount > 0; });
        if (m_stopped) return nullptr;
        RowBatch* batch = m_empty[--m_emptyCount];
        batch->clear();
        return batch;
    }
    void filled(RowBatch* batch) {
        {
            const std::lock_guard lock(m_mutex);
            m_filled[(m_filledFirst + m_filledCount++) % kBatches] = batch;
        }
        m_changed.notify_all();
    }
    // Builder: the next filled batch, in the order they were filled, once there is one. The reader always ends with
    // a batch marked `last`, so this cannot wait for ever.
    RowBatch* next() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_filledCount > 0; });
        RowBatch* batch = m_filled[m_filledFirst];
        m_filledFirst = (m_filledFirst + 1) % kBatches;
        --m_filledCount;
        return batch;
    }
    void emptied(RowBatch* batch) {
        {
            const std::lock_guard lock(m_mutex);
            m_empty[m_emptyCount++] = batch;
        }
        m_changed.notify_all();
    }
    // The builder is done, or has failed: the reader stops at its next slice or batch.
    void stop() {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
    }
    bool stopped() {
        const std::lock_guard lock(m_mutex);
        return m_stopped;
    }

private:
    std::array<RowBatch, kBatches> m_batches;
    std::mutex m_mutex;
    std::condition_variable m_changed;  // two threads, each waiting on its own condition
    // Fixed rings of pointers, so that handing a batch on never allocates (and so never throws).
    std::array<RowBatch*, kBatches> m_empty{};
    std::size_t m_emptyCount = 0;
    std::array<RowBatch*, kBatches> m_filled{};
    std::size_t m_filledFirst = 0, m_filledCount = 0;
    bool m_stopped = false;
};

// Runs libcsv over the file, on a thread of its own, into batches of rows. It enforces the limits that stop the
// reading (columns, the size of a value, of the header and of a row, libcsv's own errors) where a read on one thread
// did: the error follows the rows read before it, and the builder raises it once it has built them.
class RowReader {
public:
    RowReader(VSILFILE* in, csv_parser& parser, const std::string& file, const std::string& layer, BatchQueue& queue)
        : m_in(in), m_parser(parser), m_file(file), m_layer(layer), m_queue(queue) {}

    // The thread's body: every exception ends up in the last batch.
    void run() {
        m_batch = m_queue.empty();
        if (m_batch == nullptr) return;
        try {
            read();
        } catch (...) {
            m_error = std::current_exception();
        }
        if (m_batch == nullptr) return;  // stopped while waiting for a batch
        m_batch->error = m_error;
        m_batch->last = true;
        m_queue.filled(m_batch);
    }

private:
    // libcsv's callbacks. libcsv is C: an exception must not cross it, so the first is kept, the rest of the
    // input ignored, and read() raises it once libcsv has returned.
    static void onField(void* text, std::size_t length, void* self) {
        auto& reader = *static_cast<RowReader*>(self);
        if (reader.m_error || reader.m_batch == nullptr) return;
        try {
            reader.field(static_cast<const char*>(text), length);
        } catch (...) {
            reader.m_error = std::current_exception();
        }
    }
    static void onRowEnd(int, void* self) {
        auto& reader = *static_cast<RowReader*>(self);
        if (reader.m_error || reader.m_batch == nullptr) return;
        try {
            reader.rowEnd();
        } catch (...) {
            reader.m_error = std::current_exception();
        }
    }

    void read() {
        std::vector<char> buffer(std::size_t{1} << 20);
        while (true) {
            const std::size_t got = VSIFReadL(buffer.data(), 1, buffer.size(), m_in);
            if (got == 0) break;
            // Fed in slices, so that a header or a row that never ends is caught before it fills memory.
            for (std::size_t at = 0; at < got;) {
                const std::size_t slice = std::min<std::size_t>(got - at, 16 * 1024);
                const std::size_t parsed = csv_parse(&m_parser, buffer.data() + at, slice, onField, onRowEnd, this);
                if (m_error) std::rethrow_exception(m_error);
                if (m_batch == nullptr || m_queue.stopped()) return;
                if (parsed != slice)
                    throw InputError({m_file, {}, {}, {}},
                                     std::string("not CSV that can be read: ") + csv_strerror(csv_error(&m_parser)));
                m_bytesInRow += slice;
                at += slice;
                if (!m_headerRead && m_bytesInRow > limits::kMaxCsvHeaderBytes)
                    throw InputError({m_file, {}, {}, {}},
                                     "the first line runs past " + std::to_string(limits::kMaxCsvHeaderBytes >> 10) +
                                         " KiB without a line break: not a CSV header (bordermap reads at most " +
                                         std::to_string(limits::kMaxFields) + " columns)");
                if (m_bytesInRow > limits::kMaxFields * limits::kMaxValueBytes / 64)
                    throw InputError({m_file, {}, "row " + std::to_string(m_position + 1), {}},
                                     "a row of more than " +
                                         std::to_string(limits::kMaxFields * limits::kMaxValueBytes / 64 >> 20) +
                                         " MiB: an unclosed quote, or not CSV");
            }
        }
        csv_fini(&m_parser, onField, onRowEnd, this);
        if (m_error) std::rethrow_exception(m_error);
    }

    std::size_t rowFirstField() const { return m_batch->rowEnds.empty() ? 0 : m_batch->rowEnds.back(); }

    void field(const char* text, std::size_t length) {
        if (m_batch->fieldEnds.size() - rowFirstField() >= limits::kMaxFields) {
            const std::string limit = "more than " + std::to_string(limits::kMaxFields) + " columns, bordermap's limit";
            if (!m_headerRead) throw InputError({m_file, {}, {}, {}}, "the header (first line) has " + limit);
            throw InputError({m_file, m_layer, "row " + std::to_string(m_position + 1), {}}, "the row has " + limit);
        }
        if (length > limits::kMaxValueBytes)
            throw InputError({m_file, m_layer, m_headerRead ? "row " + std::to_string(m_position + 1) : "", {}},
                             "a value of " + std::to_string(length) + " bytes, over bordermap's limit of " +
                                 std::to_string(limits::kMaxValueBytes));
        if (text != nullptr) m_batch->text.append(text, length);
        m_batch->fieldEnds.push_back(m_batch->text.size());
    }

    void rowEnd() {
        RowBatch& batch = *m_batch;
        const std::size_t first = rowFirstField(), count = batch.fieldEnds.size() - first;
        m_bytesInRow = 0;
        // Rows are numbered as the builder numbers them: the header and blank lines are not counted.
        if (!m_headerRead) m_headerRead = true;
        else if (!(count == 1 && batch.field(first).empty())) ++m_position;
        batch.rowEnds.push_back(batch.fieldEnds.size());
        if (batch.rowEnds.size() < BatchQueue::kRows && batch.text.size() < BatchQueue::kBytes) return;
        m_queue.filled(m_batch);
        m_batch = m_queue.empty();
    }

    VSILFILE* m_in;
    csv_parser& m_parser;
    const std::string& m_file;
    const std::string& m_layer;
    BatchQueue& m_queue;
    RowBatch* m_batch = nullptr;  // being filled; nullptr once the builder has stopped
    std::size_t m_bytesInRow = 0;
    std::size_t m_position = 0;  // rows read, the header and blank lines not counted
    bool m_headerRead = false;
    std::exception_ptr m_error;
};

// Runs a RowReader on its own thread for as long as it lives; however it ends (the builder's exception included),
// the reader is stopped and waited for, so it never outlives the file and parser it reads.
class ReaderThread {
public:
    ReaderThread(RowReader& reader, BatchQueue& queue) : m_queue(queue), m_thread([&reader] { reader.run(); }) {}
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;
    ~ReaderThread() {
        m_queue.stop();
        m_thread.join();
    }

private:
    BatchQueue& m_queue;
    std::thread m_thread;
};

// Hands each row of the batches on to the visitor with its point, in file order.
class RowBuilder {
public:
    RowBuilder(const std::string& file, const LoadOptions& options, std::string_view lonColumn, std::string_view latColumn,
               CsvRowVisitor& visitor, VectorSource& source)
        : m_file(file), m_options(options), m_lonColumn(lonColumn), m_latColumn(latColumn), m_visitor(visitor),
          m_source(source) {
        m_layer.name = std::filesystem::path(file).stem().string();
        m_layer.source = file;
        m_layer.crs = "EPSG:4326 (WGS 84, lon/lat)";
        m_layer.sourceCrs = "none declared (read as WGS 84 lon/lat)";
    }

    const std::string& layerName() const { return m_layer.name; }
    bool headerRead() const { return m_headerRead; }
    std::size_t rows() const { return m_position; }

    // The batch's rows, then its error if it has one.
    void build(const RowBatch& batch) {
        for (std::size_t row = 0, first = 0; row < batch.rowEnds.size(); first = batch.rowEnds[row++])
            this->row(batch, first, batch.rowEnds[row] - first);
        if (batch.error) std::rethrow_exception(batch.error);
    }

private:
    // The row whose `count` fields start at field `first` of the batch.
    void row(const RowBatch& batch, std::size_t first, std::size_t count) {
        if (!m_headerRead) return readHeader(batch, first, count);
        if (count == 1 && batch.field(first).empty()) return;  // a blank line
        if (++m_position > limits::kMaxFeatures)
            throw InputError({m_file, m_layer.name, {}, {}},
                             "more than " + std::to_string(limits::kMaxFeatures) + " rows, bordermap's limit");
        for (std::size_t i = 0; i < m_values.size(); ++i)
            m_values[i] = i < count ? batch.field(first + i) : std::string_view();
        const auto point = this->point();
        if (const auto* why = std::get_if<std::string>(&point)) {
            m_source.skipped.push_back({m_layer.name, "#" + std::to_string(m_position), m_position, "geometry", *why});
            if (m_options.strict) throw InputError({m_file, m_layer.name, "#" + std::to_string(m_position), "geometry"}, *why);
            return;
        }
        const std::size_t from = first == 0 ? 0 : batch.fieldEnds[first - 1];
        const std::string_view text = std::string_view(batch.text).substr(from, batch.fieldEnds[first + count - 1] - from);
        m_visitor.row(m_layer, {m_position, m_values, text, std::get<LonLat>(point)});
    }

    void readHeader(const RowBatch& batch, std::size_t first, std::size_t count) {
        m_headerRead = true;
        for (std::size_t i = 0; i < count; ++i) {
            std::string name = trim(batch.field(first + i));
            if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // a UTF-8 byte-order mark
            m_layer.fields.push_back(std::move(name));
        }
        m_values.resize(m_layer.fields.size());
        for (std::size_t i = 0; i < m_layer.fields.size(); ++i) {
            if (toLower(m_layer.fields[i]) == m_lonColumn) m_lon = i;
            if (toLower(m_layer.fields[i]) == m_latColumn) m_lat = i;
        }
        m_visitor.beginLayer(m_layer);
        for (const auto& [column, index] : {std::pair{m_lonColumn, m_lon}, std::pair{m_latColumn, m_lat}})
            if (!index) throw InputError({m_file, m_layer.name, {}, std::string(column)}, "the file has no such column");
    }

    // The row's point, or why it has no usable one.
    std::variant<LonLat, std::string> point() const {
        const std::string_view lonText = trimmed(m_values[*m_lon]), latText = trimmed(m_values[*m_lat]);
        const auto lon = parseDouble(lonText), lat = parseDouble(latText);
        if (lonText.empty() || latText.empty()) return "the feature has no geometry (its longitude or latitude is empty)";
        if (!lon || !lat) {
            const std::string_view bad = !lon ? lonText : latText;
            const bool nan = toLower(bad).find("nan") != std::string::npos;
            return nan ? "a point has a coordinate that is not a number (NaN)"
                       : "'" + printable(bad) + "' is not a number of degrees";
        }
        const LonLat p{*lon, *lat};
        if (!isValidLonLat(p))
            return "point (" + formatCoordinate(p.lon_deg) + ", " + formatCoordinate(p.lat_deg) +
                   ") is outside longitude -180..180 / latitude -90..90";
        return p;
    }

    const std::string& m_file;
    const LoadOptions& m_options;
    std::string_view m_lonColumn, m_latColumn;
    CsvRowVisitor& m_visitor;
    VectorSource& m_source;
    Layer m_layer;
    std::vector<std::string_view> m_values;  // the row's, one a field of the header
    std::size_t m_position = 0;
    bool m_headerRead = false;
    std::optional<std::size_t> m_lon, m_lat;
};

}  // namespace

VectorSource streamCsvPoints(const std::string& path, const LoadOptions& options, std::string_view lonColumn,
                             std::string_view latColumn, CsvRowVisitor& visitor) {
    const std::string file = options.displayName.empty() ? path : options.displayName;
    // Through GDAL's virtual files, so that /vsimem/ (the fuzzer's), /vsizip/ and /vsigzip/ paths work too.
    if (path.rfind("/vsi", 0) != 0) checkReadableFile(path, file);
    const detail::VsiFilePtr in(VSIFOpenL(path.c_str(), "rb"));
    if (!in) throw InputError({file, {}, {}, {}}, "cannot be opened for reading");

    VectorSource source;
    source.path = path;
    source.driver = "CSV";
    RowBuilder rows(file, options, lonColumn, latColumn, visitor, source);
    std::unique_ptr<csv_parser, CsvFree> parser(new csv_parser);
    if (csv_init(parser.get(), CSV_APPEND_NULL) != 0) throw OperationError({file, {}, {}, {}}, "libcsv cannot start");
    // libcsv grows its buffer for a value by this much at a time (128 bytes by default): a value of megabytes (an
    // unclosed quote, up to the row limit) was a realloc every 128 bytes, quadratic under an allocator that copies.
    csv_set_blk_size(parser.get(), std::size_t{64} << 10);
    // Two stages, so that reading and parsing the text (a third of the time on a million ACLED rows) runs beside
    // building the features: the visitor sees every row on this thread, in file order.
    BatchQueue queue;
    RowReader reader(in.get(), *parser, file, rows.layerName(), queue);
    {
        const ReaderThread thread(reader, queue);
        while (true) {
            RowBatch& batch = *queue.next();
            rows.build(batch);
            const bool last = batch.last;
            queue.emptied(&batch);
            if (last) break;
        }
    }
    if (!rows.headerRead()) throw InputError({file, {}, {}, {}}, "the file is empty: no header line");
    if (rows.rows() == 0) throw InputError({file, {}, {}, {}}, "the layer has no features");
    return source;
}

}  // namespace bordermap::geo
