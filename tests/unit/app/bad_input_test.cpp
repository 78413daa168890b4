// Bad input as a new user brings it (issue 8): each case failed before its fix, by a crash, a silent wrong result
// or a misleading message. Every one must end in one clear line naming the file, feature and field, a non-zero
// exit, and nothing written or lost.
#include "../test_paths.hpp"
#include "run_cli.hpp"

#include <bordermap/app/cli.hpp>

#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace bordermap::app;
namespace fs = std::filesystem;

namespace {

using bordermap::test::has;
using bordermap::test::run;
using bordermap::test::Run;


// A fresh folder of this test's own under the build folder.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(BORDERMAP_TEST_OUTPUT_DIR) / "bad_input" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// One events file with the given features' properties (each a JSON object's members) at Khost.
std::string eventsFile(const fs::path& path, const std::vector<std::string>& properties, const std::string& members = "") {
    std::string text = R"({"type": "FeatureCollection", )" + members + R"("features": [)";
    for (std::size_t i = 0; i < properties.size(); ++i)
        text += std::string(i ? "," : "") + R"({"type": "Feature", "properties": {)" + properties[i] +
                R"(}, "geometry": {"type": "Point", "coordinates": [69.92, 33.34]}})";
    return write(path, text + "]}");
}

std::string strike(const std::string& id, const std::string& extra = "") {
    return R"("id": ")" + id + R"(", "kind": "airstrike", "name": "A strike", "start": "2024-06-03", )"
           R"("geo_precision": "exact", "sources": "Test fixture, bordermap tests", "country": "Afghanistan")" + extra;
}

// The most memory this process has held at once (resident, KiB), as getrusage gives it.
long peakResidentKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ACLED's 31 columns, as its export tool writes the header.
const std::string kAcledHeader =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
    "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

// One row under kAcledHeader: a clash at Barmal on 15 March 2025, at the given latitude and longitude.
std::string acledRow(const std::string& id, const std::string& latitude, const std::string& longitude) {
    return id + ",2025-03-15,2025,1,Political violence,Battles,Armed clash,Test Force One,,State forces,Test Force Two,,"
                "Rebel group,State forces-Rebel group,,4,South Asia,Afghanistan,Paktika,Barmal,,Barmal," +
           latitude + "," + longitude + ",1,Test Outlet,National,TEST FIXTURE ROW (not real data),0,,1742000000\n";
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old) setenv(m_name, m_old->c_str(), 1);
        else unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("a CSV with two coordinate-like columns loads from lon/lat, and a doubled column is refused") {
    const fs::path dir = scratch("csv");
    // GDAL 3.6 dereferenced a null pointer here (signal 11) when the loader let it match several columns.
    const Run ok = run({"info", write(dir / "t.csv", "name,x,lon,lat\na,1,69,34\n"), "--layer", "t"});
    CHECK(ok.code == kExitOk);
    CHECK(has(ok.out, "1 feature"));
    const Run twice = run({"info", write(dir / "twice.csv", "lon,lon,lat\n69,70,34\n")});
    CHECK(twice.code == kExitBadInput);
    CHECK(has(twice.err, "twice.csv: layer 'twice': field 'lon': 2 columns are named 'lon'"));
    const Run cased = run({"info", write(dir / "cased.csv", "Lat,LAT,lon\n34,35,69\n")});
    CHECK(cased.code == kExitBadInput);
    CHECK(has(cased.err, "field 'lat': 2 columns are named 'lat'"));
    // The same through the ACLED import, which reads CSV the same way.
    const Run acled = run({"events", "--acled", dir / "t.csv"});
    CHECK(acled.code == kExitBadInput);
    CHECK(has(acled.err, "not an ACLED export"));
}

TEST_CASE("a coordinate that is not a number is named as such, not as a missing geometry") {
    const fs::path dir = scratch("nan");
    const Run json = run({"info", write(dir / "n.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [NaN, 34]}}]})")});
    CHECK(json.code == kExitBadInput);
    CHECK(has(json.err, "feature #1 ('a'): field 'geometry': a point has a coordinate that is not a number (NaN)"));
    const Run csv = run({"info", write(dir / "n.csv", "name,lon,lat\na,nan,34\n")});
    CHECK(csv.code == kExitBadInput);
    CHECK(has(csv.err, "its columns lon and lat are empty or not numbers"));
}

TEST_CASE("validate --acled reports ACLED dates that would have wrapped") {
    const fs::path dir = scratch("acled_dates");
    const std::string header = "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,"
                               "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n";
    const std::string row = ",2025,1,Battles,Armed clash,A,B,Pakistan,Khyber Pakhtunkhwa,Torkham,34.1147,71.0847,1,"
                            "Test Outlet,TEST FIXTURE ROW,0\n";
    const std::string path = write(dir / "dates.csv", header + "D1,271 March 2025" + row + "D2,15 March 67561" + row +
                                                          "D3,15 March 2025" + row);
    const Run r = run({"validate", "--acled", path});
    CHECK(r.code == kExitBadInput);
    CHECK(has(r.out, "feature 'D1': field 'event_date': '271 March 2025' is not a date"));
    CHECK(has(r.out, "feature 'D2': field 'event_date': '15 March 67561' is not a date"));
    CHECK(has(r.out, "1 events read, 2 problems"));
}

TEST_CASE("a 50,000-character as_of is read by a JSON parser, not a recursive regex") {
    const fs::path dir = scratch("as_of");
    const std::string path = eventsFile(dir / "long.geojson", {strike("s1")}, R"("as_of": ")" + std::string(50'000, '7') + R"(", )");
    const Run r = run({"validate", path});
    CHECK(r.code == kExitBadInput);
    CHECK(has(r.out, "field 'as_of': '7777"));
    CHECK(has(r.out, "is not a day (YYYY-MM-DD)"));
}

TEST_CASE("an as_of in the future is refused instead of closing every open crossing until then") {
    const fs::path dir = scratch("future");
    const std::string path = eventsFile(dir / "future.geojson", {strike("s1")}, R"("as_of": "9999-12-31", )");
    const Run v = run({"validate", path});
    CHECK(v.code == kExitBadInput);
    CHECK(has(v.out, "field 'as_of': 9999-12-31 is after"));
    // With it loaded, the data still ends at the embedded as_of date.
    const Run e = run({"events", "--events", path, "--date", "2030-01-01"});
    CHECK(e.code == kExitBadInput);
    CHECK(has(e.err, "outside the data's range, 1955-01-01 to 2026-03-17"));
}

TEST_CASE("a JSON array in one event is named in that event only") {
    const fs::path dir = scratch("array");
    const std::string path = eventsFile(dir / "array.geojson",
                                        {R"("id": "listed", "kind": ["clash"], "name": "x", "start": "2024-06-03",
                                            "geo_precision": "exact", "sources": "A, B", "country": "Afghanistan")",
                                         strike("fine"), strike("fine too")});
    const Run r = run({"validate", path});
    CHECK(r.code == kExitBadInput);
    CHECK(has(r.out, "feature 'listed': field 'kind': a list (JSON array) where one value belongs"));
    CHECK(has(r.out, "2 events read, 1 problem\n"));  // the others are not typed as lists by GDAL any more
    CHECK_FALSE(has(r.out, "(1:"));
}

TEST_CASE("text that is not UTF-8, or has control characters, is refused where it enters") {
    const fs::path dir = scratch("utf8");
    const std::string path = eventsFile(dir / "bad.geojson", {strike("latin1", R"(, "summary": "caf)" "\xe9" R"(")"),
                                                             strike("bell\\u0007"), strike("fine")});
    const Run v = run({"validate", path});
    CHECK(v.code == kExitBadInput);
    CHECK(has(v.out, "feature 'latin1': field 'summary': not valid UTF-8 at byte 4"));
    CHECK(has(v.out, "field 'id': a control character (U+0007) at byte 5"));
    CHECK(has(v.out, "1 events read, 2 problems"));

    // render: a title that is not UTF-8 is refused before anything is written (Cairo used to drop the title,
    // legend, scale bar and north arrow and still say "wrote").
    const fs::path out = dir / "map.png";
    const Run title = run({"render", "--title", "Karachi \xff", "-o", out.string()});
    CHECK(title.code == kExitBadInput);
    CHECK(has(title.err, "field 'title': not valid UTF-8 at byte 9"));
    CHECK_FALSE(fs::exists(out));
    // The user's file with bad sources: those events are left out and said to be; the map is whole.
    const std::string sources = eventsFile(dir / "sources.geojson", {R"("id": "s", "kind": "airstrike", "name": "A strike",
        "start": "2024-06-03", "geo_precision": "exact", "sources": "Test )" "\xc3\x28" R"( fixture", "country": "Afghanistan")"});
    const Run r = run({"render", "--events", sources, "--size", "400x300", "-o", out.string()});
    CHECK(r.code == kExitOk);
    CHECK(has(r.err, "field 'sources': not valid UTF-8 at byte 6 (left out)"));
    CHECK(fs::file_size(out) > 1000);
}

TEST_CASE("ids with line breaks or terminal escapes are printed escaped, one line each") {
    const fs::path dir = scratch("escape");
    const std::string path = eventsFile(dir / "esc.geojson", {strike("two\\nlines"), strike("\\u001b[31mred")});
    const Run r = run({"validate", path});
    CHECK(r.code == kExitBadInput);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);  // two problems and the summary
    // An id that cannot be printed is not used to name its event: its place in the file is.
    CHECK(has(r.out, "feature '#1': field 'id': a control character (U+000A) at byte 4"));
    CHECK(has(r.out, "feature '#2': field 'id': a control character (U+001B) at byte 1"));

    // Where such text reaches an error line anyway (a file name), it is escaped there.
    const Run name = run({"info", (dir / "no\x1b[2Jsuch.geojson").string()});
    CHECK(name.code == kExitBadInput);
    CHECK(has(name.err, "no\\x1B[2Jsuch.geojson: no such file"));
}

TEST_CASE("monthly frames keep their day of the month, and frames that would share a name are refused") {
    const fs::path dir = scratch("frames");
    const Run clash = run({"render", "--dates", "2024-01-15..2025-12-15", "--every", "1m", "--size", "32x32", "-o",
                           (dir / "f_%m.png").string()});
    CHECK(clash.code == kExitBadInput);
    CHECK(has(clash.err, "gives the frames of 2024-01-15 and 2025-01-15 the same name"));
    CHECK(fs::is_empty(dir));

    const Run months = run({"render", "--dates", "2025-01-31..2025-05-31", "--every", "1m", "--size", "32x32", "-o",
                            (dir / "%Y-%m-%d.png").string()});
    CHECK(months.code == kExitOk);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"2025-01-31.png", "2025-02-28.png", "2025-03-31.png", "2025-04-30.png",
                                            "2025-05-31.png"});
}

TEST_CASE("an export never writes over one of its inputs") {
    const fs::path dir = scratch("overwrite");
    const std::string events = slurp(bordermap::test::dataFile("events_extra.geojson"));
    const std::string path = write(dir / "ev.svg", events);  // GDAL reads GeoJSON whatever the name
    const Run same = run({"render", "--events", path, "-o", path});
    CHECK(same.code == kExitBadInput);
    CHECK(has(same.err, "is the file given to --events"));
    CHECK(slurp(path) == events);
    fs::create_symlink(path, dir / "link.pdf");
    const Run link = run({"render", "--events", path, "-o", (dir / "link.pdf").string()});
    CHECK(link.code == kExitBadInput);
    CHECK(slurp(path) == events);
}

TEST_CASE("a file name at the file system's limit can be written") {
    const fs::path dir = scratch("long_name");
    const fs::path out = dir / (std::string(240, 'm') + ".png");
    const Run r = run({"render", "--size", "64x64", "-o", out.string()});
    CHECK(r.code == kExitOk);
    CHECK(fs::exists(out));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("a CRS that cannot show the region is refused instead of rendering an empty map") {
    const fs::path dir = scratch("far_crs");
    const fs::path out = dir / "far.png";
    const Run r = run({"render", "--crs", "+proj=ortho +lat_0=0 +lon_0=-110", "-o", out.string()});
    CHECK(r.code == kExitBadInput);
    CHECK(has(r.err, "field 'crs': Afghanistan and Pakistan lie outside what"));
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a FIFO, a device and an oversized file are refused before GDAL reads them") {
    const fs::path dir = scratch("special");
    const fs::path fifo = dir / "pipe.geojson";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const Run pipe = run({"info", fifo.string()});  // used to block for ever
    CHECK(pipe.code == kExitBadInput);
    CHECK(has(pipe.err, "pipe.geojson: not a regular file"));
    CHECK(run({"info", "/dev/zero"}).code == kExitBadInput);

    const fs::path huge = dir / "huge.geojson";
    write(huge, "{");
    fs::resize_file(huge, (std::uintmax_t{1} << 30) + (1 << 20));  // sparse: no disk used
    const Run big = run({"validate", huge.string()});
    CHECK(big.code == kExitBadInput);
    CHECK(has(big.err, "huge.geojson: the file is 1,025 MiB, over bordermap's limit of 1,024 MiB"));
}

TEST_CASE("too many columns and an oversized value are refused with their limit") {
    const fs::path dir = scratch("caps");
    std::string header = "lon,lat";
    std::string row = "69,34";
    for (int i = 0; i < 1001; ++i) {
        header += ",c" + std::to_string(i);
        row += ",1";
    }
    const Run wide = run({"info", write(dir / "wide.csv", header + "\n" + row + "\n")});
    CHECK(wide.code == kExitBadInput);
    CHECK(has(wide.err, "wide.csv: layer 'wide': the layer has 1001 fields (columns), over bordermap's limit of 1000"));

    const std::string big = eventsFile(dir / "big.geojson", {strike("big", R"(, "summary": ")" + std::string((1 << 20) + 1, 'a') + "\""),
                                                             strike("fine")});
    const Run v = run({"validate", big});
    CHECK(v.code == kExitBadInput);
    CHECK(has(v.out, "field 'summary': the value is 1048577 bytes, over bordermap's limit of 1048576"));
}

TEST_CASE("GDAL's 200 MB object limit is named, not reported as 'not a vector source'") {
    const fs::path dir = scratch("object_limit");
    const ScopedEnv limit("OGR_GEOJSON_MAX_OBJ_SIZE", "1");  // GDAL's limit in MB: 1 here, to test with 2 MB
    const std::string path = eventsFile(dir / "one.geojson", {R"("name": ")" + std::string(2 << 20, 'a') + "\""});
    const Run r = run({"info", path});
    CHECK(r.code == kExitBadInput);
    CHECK(has(r.err, "over GDAL's 200 MB limit; set OGR_GEOJSON_MAX_OBJ_SIZE=0"));
}

TEST_CASE("a stale DISPLAY falls back as no DISPLAY does, instead of aborting in SFML") {
    const ScopedEnv display("DISPLAY", ":987");  // no X server answers there
    const Run r = run({});
    CHECK(r.code == kExitOk);
    CHECK(has(r.err, "no display (cannot open the display ':987' named by DISPLAY)"));
    CHECK(has(r.out, "provinces: Afghanistan 34, Pakistan 7"));
}

// A .csv that is not CSV at all: 200 MB with no line break. GDAL's CSV reader takes up to 10 MB of such a line
// before it gives up with "Maximum number of characters allowed reached."; the import reads 64 KiB of it.
TEST_CASE("a 200 MB .csv without a line break: one line, at once, in constant memory") {
    const fs::path dir = scratch("no_line_break");
    const fs::path path = dir / "export.csv";
    {
        std::string chunk;
        while (chunk.size() < (std::size_t{1} << 20)) chunk += "abcdefghijklmnopqrstuvwxyz0123456789 ";
        chunk.resize(std::size_t{1} << 20);
        std::ofstream out(path, std::ios::binary);
        for (int i = 0; i < 200; ++i) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        REQUIRE(out.good());
    }
    REQUIRE(fs::file_size(path) == std::uintmax_t{200} << 20);

    // A first run over a small export loads the embedded boundaries and events, so that the peak below is the
    // big file's alone.
    REQUIRE(run({"validate", "--acled", bordermap::test::dataFile("acled_export.csv")}).code == kExitOk);
    const long peakBefore = peakResidentKiB();
    const auto start = std::chrono::steady_clock::now();
    const Run events = run({"events", "--acled", path.string()});
    const Run validate = run({"validate", "--acled", path.string()});
    const double seconds = secondsSince(start);
    const long grownKiB = peakResidentKiB() - peakBefore;
    fs::remove_all(dir);

    MESSAGE("two runs over the 200 MB file: " << seconds << " s, peak memory grown by " << grownKiB << " KiB");
    for (const Run& r : {events, validate}) {
        CAPTURE(r.err);
        CHECK(r.code == kExitBadInput);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(has(r.err, "export.csv: the first line runs past 64 KiB without a line break: not a CSV header "
                         "(bordermap reads at most 1000 columns)"));
        CHECK(r.out.empty());
    }
    // 0.25 MB here; 12 MB through GDAL alone, which stops at 10 MB a line; a reader taking the line whole, 200 MB.
    CHECK(grownKiB < 64 * 1024);
    CHECK(seconds < 5.0);
}

TEST_CASE("an ACLED header with a million columns: one line naming the column limit, at once") {
    const fs::path dir = scratch("million_columns");
    std::string header = kAcledHeader;
    for (int i = 31; i < 1'000'000; ++i) header += ",c" + std::to_string(i);  // 7.9 MB: under GDAL's 10 MB a line
    const std::string path = write(dir / "wide.csv", header + "\n" + acledRow("W1", "32.72", "69.21"));

    const auto start = std::chrono::steady_clock::now();
    const Run events = run({"events", "--acled", path});
    const Run validate = run({"validate", "--acled", path});
    const double seconds = secondsSince(start);
    MESSAGE("two runs over a header of 10^6 columns (" << header.size() << " bytes): " << seconds << " s");
    for (const Run& r : {events, validate}) {
        CAPTURE(r.err);
        CHECK(r.code == kExitBadInput);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        // Through GDAL alone: 3 s, 90 MB, and "the layer has 1998 fields" (GDAL keeps 2,000 columns of them).
        CHECK(has(r.err, "wide.csv: the header (first line) has more than 1000 columns, bordermap's limit"));
    }
    CHECK(seconds < 5.0);

    // Quoted names may hold commas: those are not columns. 1,000 columns are within the limit.
    std::string quoted = kAcledHeader;
    for (int i = 31; i < 1000; ++i) quoted += ",\"extra, " + std::to_string(i) + "\"";
    const Run within = run({"validate", "--acled", write(dir / "quoted.csv", quoted + "\n" + acledRow("Q1", "32.72", "69.21"))});
    CHECK(within.code == kExitOk);
    CHECK(has(within.out, "quoted.csv: 1 events read, 0 problems"));
}

TEST_CASE("an ACLED row with latitude 'nan' or longitude 'NaN' is a problem in that row, not a crash") {
    const fs::path dir = scratch("acled_nan");
    const std::string path = write(dir / "nan.csv", kAcledHeader + "\n" + acledRow("N1", "nan", "69.21") +
                                                        acledRow("N2", "32.72", "NaN") + acledRow("N3", "32.72", "69.21"));
    const Run v = run({"validate", "--acled", path});
    CHECK(v.code == kExitBadInput);
    CHECK(has(v.out, "nan.csv: feature 'row 1': field 'latitude/longitude': a point has a coordinate that is not a "
                     "number (NaN)\n"));
    CHECK(has(v.out, "nan.csv: feature 'row 2': field 'latitude/longitude': "));
    CHECK(has(v.out, "nan.csv: 1 events read, 2 problems\n"));
    // events goes on without them, and says so.
    const Run e = run({"events", "--acled", path, "--date", "2025-03-20"});
    CHECK(e.code == kExitOk);
    CHECK(has(e.err, "feature 'row 1': field 'latitude/longitude'"));
    CHECK(has(e.err, "feature 'row 2': field 'latitude/longitude'"));
    CHECK(has(e.out, "Armed clash in Barmal"));
}
