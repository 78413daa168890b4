// geo::streamCsvPoints reads on one thread and builds features on the caller's, in batches of rows. These files
// are shaped to put what can go wrong there at the seams: a header, a row or a quoted line break across the 16 KiB
// slices libcsv is fed, the 1 MiB reads and the batches (2048 rows or 1 MiB of text), and a limit broken batches
// after the first, which must still come after every row before it.

#include <bordermap/core/error.hpp>
#include <bordermap/core/limits.hpp>
#include <bordermap/geo/vector_source.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace bordermap;
using namespace bordermap::geo;
namespace fs = std::filesystem;

namespace {

std::string write(const std::string& name, const std::string& text) {
    const fs::path dir = fs::path(BORDERMAP_TEST_OUTPUT_DIR) / "csv_points";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

// Keeps what each feature held, in the order the features came; throws at the feature `throwAt` when set.
class Recorder final : public CsvRowVisitor {
public:
    void beginLayer(const Layer& layer) override { fields = layer.fields; }
    void row(const Layer&, const CsvRow& row) override {
        if (row.position == throwAt) throw std::runtime_error("the visitor stops here");
        positions.push_back(row.position);
        values.emplace_back(row.values.begin(), row.values.end());
        points.push_back(row.point);
    }
    std::vector<std::string> fields;
    std::vector<std::size_t> positions;
    std::vector<std::vector<std::string>> values;
    std::vector<LonLat> points;
    std::size_t throwAt = 0;
};

VectorSource stream(const std::string& path, Recorder& recorder) {
    LoadOptions options;
    options.strict = false;
    return streamCsvPoints(path, options, "lon", "lat", recorder);
}

// Row i's text: its number, a longitude and latitude made from it, and a note whose length changes from row to row
// (up to 40 KiB, so some notes alone cross a slice), quoted with a comma, a doubled quote and a CRLF inside.
std::string note(std::size_t i) {
    const std::size_t length = i % 97 == 0 ? 40'000 + i % 1000 : (i * 37) % 700;
    return "note " + std::to_string(i) + ", said \"\"x\"\"\r\nline two " + std::string(length, static_cast<char>('a' + i % 26));
}
std::string row(std::size_t i) {
    return std::to_string(i) + "," + std::to_string(60 + static_cast<double>(i % 1000) / 100) + "," +
           std::to_string(30 + static_cast<double>(i % 500) / 100) + ",\"" + note(i) + "\"\r\n";
}
std::string unquoted(std::string text) {
    for (std::size_t at = 0; (at = text.find("\"\"", at)) != std::string::npos; ++at) text.erase(at, 1);
    return text;
}

}  // namespace

TEST_CASE("rows across libcsv's slices, the reads and the batches all come, whole and in file order") {
    // About 5 MiB: several reads and batches; rows of a few bytes to 40 KiB.
    constexpr std::size_t kRows = 9000;
    std::string text = "id,lon,lat,note\r\n";
    for (std::size_t i = 1; i <= kRows; ++i) {
        text += row(i);
        if (i % 1500 == 0) text += "\r\n";  // a blank line: not a row, not counted
    }
    text.pop_back();  // the last row ends without a line break: csv_fini delivers it
    text.pop_back();
    Recorder recorder;
    const VectorSource source = stream(write("seams.csv", text), recorder);
    CHECK(source.skipped.empty());
    CHECK(recorder.fields == std::vector<std::string>{"id", "lon", "lat", "note"});
    REQUIRE(recorder.positions.size() == kRows);
    for (std::size_t i = 1; i <= kRows; ++i) {
        CHECK(recorder.positions[i - 1] == i);
        REQUIRE(recorder.values[i - 1].size() == 4);
        CHECK(recorder.values[i - 1][0] == std::to_string(i));
        CHECK(recorder.values[i - 1][3] == unquoted(note(i)));
        CHECK(recorder.points[i - 1].lon_deg == doctest::Approx(60 + static_cast<double>(i % 1000) / 100));
    }
}

TEST_CASE("a header longer than a slice is read whole") {
    // 900 columns of 40 characters: 36 KiB, over two of the 16 KiB slices and under the 64 KiB limit.
    std::string header;
    for (std::size_t i = 0; i < 900; ++i) header += "column_with_a_rather_long_name_" + std::to_string(100000 + i) + ",";
    header += "lon,lat\n";
    std::string rows;
    for (std::size_t i = 0; i < 3000; ++i) rows += std::string(900, ',') + "69.5,34.5\n";
    Recorder recorder;
    stream(write("wide_header.csv", header + rows), recorder);
    REQUIRE(recorder.fields.size() == 902);
    CHECK(recorder.fields[899] == "column_with_a_rather_long_name_100899");
    CHECK(recorder.positions.size() == 3000);
    CHECK(recorder.points.back() == LonLat{69.5, 34.5});
}

TEST_CASE("a limit broken batches after the first: every row before it, in order, then the same message") {
    constexpr std::size_t kGood = 10'000;  // five batches of 2048 rows
    std::string good = "id,lon,lat,note\n";
    for (std::size_t i = 1; i <= kGood; ++i) good += std::to_string(i) + ",69.1,34.5,x\n";

    SUBCASE("too many columns") {
        const std::string path = write("late_columns.csv", good + "bad" + std::string(limits::kMaxFields, ',') + "\n1,2,3,4\n");
        Recorder recorder;
        try {
            stream(path, recorder);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()) == path + ": layer 'late_columns': feature row 10001: the row has more than 1000 "
                                                  "columns, bordermap's limit");
        }
        REQUIRE(recorder.positions.size() == kGood);
        for (std::size_t i = 0; i < kGood; ++i) CHECK(recorder.positions[i] == i + 1);
    }
    SUBCASE("a value over the limit") {
        const std::string path =
            write("late_value.csv", good + "bad,69.1,34.5,\"" + std::string(limits::kMaxValueBytes + 1, 'v') + "\"\n");
        Recorder recorder;
        try {
            stream(path, recorder);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()) == path + ": layer 'late_value': feature row 10001: a value of 1048577 bytes, "
                                                  "over bordermap's limit of 1048576");
        }
        CHECK(recorder.positions.size() == kGood);
        CHECK(recorder.values.back()[0] == std::to_string(kGood));
    }
    SUBCASE("an unclosed quote") {
        const std::string path = write("late_quote.csv", good + "bad,69.1,34.5,\"" +
                                                             std::string(limits::kMaxFields * limits::kMaxValueBytes / 64 + 1, 'q'));
        Recorder recorder;
        try {
            stream(path, recorder);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()) == path + ": feature row 10001: a row of more than 15 MiB: an unclosed quote, or not CSV");
        }
        CHECK(recorder.positions.size() == kGood);
    }
}

TEST_CASE("a visitor that throws stops the reading: its exception comes out, and no feature after it") {
    std::string text = "id,lon,lat\n";
    for (std::size_t i = 1; i <= 50'000; ++i) text += std::to_string(i) + ",69.1,34.5\n";
    const std::string path = write("visitor_throws.csv", text);
    for (const std::size_t at : {std::size_t{1}, std::size_t{2049}, std::size_t{40'000}}) {
        Recorder recorder;
        recorder.throwAt = at;
        CHECK_THROWS_WITH_AS(stream(path, recorder), "the visitor stops here", std::runtime_error);
        CHECK(recorder.positions.size() == at - 1);
    }
}
