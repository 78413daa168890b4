// The viewer's events from a database read by window (ui/live_events.hpp, AppState::followLive), against a table in
// memory: each fetch writes the rows the query selects as a small events file and reads it as a file, as GDAL reads
// a table's rows; its version, days and failures are the test's to change.
#include "../test_paths.hpp"
#include "../timeline/timeline_fixture.hpp"

#include <bordermap/core/error.hpp>
#include <bordermap/ui/app_state.hpp>
#include <bordermap/ui/live_events.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <unistd.h>

using namespace bordermap;
using namespace bordermap::ui;
using test::day;
using timeline::CalendarDay;

namespace {

struct Table {
    std::mutex mutex;
    std::vector<std::pair<std::string, CalendarDay>> rows;  // an attack's id and day
    int revision = 0;
    bool down = false;
    std::vector<timeline::EventQuery> queries;
};

class FakeTable final : public timeline::EventSource {
public:
    FakeTable(std::shared_ptr<Table> table, std::string file) : m_table(std::move(table)), m_file(std::move(file)) {}
    const std::string& name() const override { return m_name; }
    bool windowed() const override { return true; }
    std::vector<timeline::Problem> addTo(timeline::Catalogue& catalogue, const timeline::ValidationContext& context,
                                         const timeline::EventQuery& query) override {
        {
            const std::lock_guard lock(m_table->mutex);
            if (m_table->down) throw OperationError({m_name, {}, {}, {}}, "could not connect: the server is gone");
            m_table->queries.push_back(query);
            std::ofstream out(m_file);
            // The table's crossing, which every query selects (timeline::sqlWhere: the border's state always passes).
            out << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "team-crossing", "kind": "crossing", "name": "Team crossing", "geo_precision": "district", "sources": "Test fixture, bordermap tests", "country": "Afghanistan / Pakistan"}, "geometry": {"type": "Point", "coordinates": [70.159241, 33.223382]}})";
            bool first = false;
            // The nearest row before the window and after it, as sqlWhere's neighbours select them.
            std::optional<std::pair<std::string, CalendarDay>> before, after;
            for (const auto& row : m_table->rows) {
                if (query.neighbours && query.from && row.second < *query.from && (!before || row.second > before->second)) before = row;
                if (query.neighbours && query.to && row.second > *query.to && (!after || row.second < after->second)) after = row;
            }
            for (const auto& [id, d] : m_table->rows) {
                const bool neighbour = (before && id == before->first) || (after && id == after->first);
                if (!neighbour && ((query.from && d < *query.from) || (query.to && d > *query.to))) continue;
                out << (first ? "" : ",") << R"({"type": "Feature", "properties": {"id": ")" << id << R"(", "kind": "attack", "name": ")" << id
                    << R"(", "start": ")" << timeline::isoDay(d)
                    << R"(", "time_precision": "day", "geo_precision": "province", "sources": "Test fixture, bordermap tests", "country": "Afghanistan", "admin1": "Khost"}, "geometry": {"type": "Point", "coordinates": [69.92, 33.34]}})";
                first = false;
            }
            out << "]}\n";
        }
        return timeline::addEventFile(catalogue, m_file, context, m_name);
    }
    std::string version() override {
        const std::lock_guard lock(m_table->mutex);
        if (m_table->down) throw OperationError({m_name, {}, {}, {}}, "could not connect: the server is gone");
        return std::to_string(m_table->revision);
    }
    std::optional<std::pair<CalendarDay, CalendarDay>> days() override {
        const std::lock_guard lock(m_table->mutex);
        if (m_table->rows.empty()) return std::nullopt;
        std::pair<CalendarDay, CalendarDay> d{m_table->rows.front().second, m_table->rows.front().second};
        for (const auto& row : m_table->rows) d = {std::min(d.first, row.second), std::max(d.second, row.second)};
        return d;
    }

private:
    std::shared_ptr<Table> m_table;
    std::string m_file;
    std::string m_name = "PG:dbname=team";
};

struct Fixture {
    std::shared_ptr<Table> table = std::make_shared<Table>();
    std::string dir;
    Fixture() {
        dir = (std::filesystem::temp_directory_path() / ("bordermap-live-" + std::to_string(::getpid()))).string();
        std::filesystem::create_directories(dir);
        // An attack every 10 days of 2025.
        for (int i = 0; i < 37; ++i) table->rows.emplace_back("team-" + std::to_string(i), day("2025-01-01") + std::chrono::days{10 * i});
    }
    ~Fixture() { std::filesystem::remove_all(dir); }
    std::unique_ptr<LiveEvents> live(std::chrono::milliseconds pollEvery = std::chrono::milliseconds(50)) {
        std::vector<std::unique_ptr<timeline::EventSource>> sources;
        sources.push_back(std::make_unique<FakeTable>(table, dir + "/rows.geojson"));
        return std::make_unique<LiveEvents>(std::make_shared<const timeline::Catalogue>(test::embeddedCatalogue()), std::move(sources),
                                            test::context(), LiveEvents::Settings{pollEvery});
    }
    std::size_t queries() {
        const std::lock_guard lock(table->mutex);
        return table->queries.size();
    }
};

// Frames until `done` (at most 5 s): each advance() hands the thread the days shown and takes what it fetched.
template <class F>
bool frames(AppState& s, F done) {
    for (int i = 0; i < 500; ++i) {
        s.advance(0);
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

bool holds(const AppState& s, const char* id) { return s.catalogue().find(id) != nullptr; }

// The viewer's state following the fake table from day `d` with a one-day window, as the viewer starts: the first
// fetch made, then the state made with its catalogue (a pointer: AppState does not move).
std::unique_ptr<AppState> following(Fixture& f, const char* d, std::chrono::milliseconds pollEvery = std::chrono::milliseconds(50)) {
    auto live = f.live(pollEvery);
    const LiveEvents::Update first = live->fetchFirst(day(d), 1, false);
    auto s = std::make_unique<AppState>(test::boundaries(), timeline::copyCatalogue(*first.catalogue), "regional", 1200, 800);
    s->followLive(std::move(live), std::make_shared<const timeline::Catalogue>(test::embeddedCatalogue()), first);
    s->setWindowDays(1);
    s->setDate(day(d));
    return s;
}

}  // namespace

TEST_CASE("LiveEvents: the first fetch is the date's window with a margin each side, with the base's events") {
    Fixture f;
    auto live = f.live();
    const LiveEvents::Update first = live->fetchFirst(day("2025-06-10"), 1, false);
    REQUIRE(first.catalogue);
    REQUIRE(f.queries() == 1);
    CHECK(f.table->queries[0].from == day("2025-06-07"));  // kMinMarginDays each side of a one-day window
    CHECK(f.table->queries[0].to == day("2025-06-13"));
    CHECK(first.catalogue->find("team-16") != nullptr);   // 2025-06-10
    CHECK(first.catalogue->find("team-14") == nullptr);   // 2025-05-21: beyond the margin, and not the previous event
    CHECK(first.catalogue->find("team-15") != nullptr);   // 2025-05-31: the previous event (a neighbour)
    CHECK(first.catalogue->find("torkham") != nullptr);   // the base: the embedded catalogue
    REQUIRE(first.sourceDays);
    CHECK(first.sourceDays->first == day("2025-01-01"));
    CHECK(first.sourceDays->second == day("2025-12-27"));
    // A thirty-day window: half of it beyond each side.
    CHECK(LiveEvents::marginDays(day("2025-06-01"), day("2025-06-30")) == 15);
    CHECK(LiveEvents::marginDays(std::nullopt, day("2025-06-30")) == LiveEvents::kMinMarginDays);
    // A dense table: no more days each side than kMarginEvents fill; a million events' 1,800 a day, none.
    CHECK(LiveEvents::marginDays(day("2025-06-01"), day("2025-06-30"), 100) == 5);
    CHECK(LiveEvents::marginDays(day("2025-06-30"), day("2025-06-30"), 1800) == 0);
    CHECK(LiveEvents::marginDays(day("2025-06-30"), day("2025-06-30"), 0.1) == LiveEvents::kMinMarginDays);
}

TEST_CASE("LiveEvents in the viewer: a date beyond what was fetched is fetched, a step inside is not; the range is the table's") {
    Fixture f;
    auto state = following(f, "2025-06-10", std::chrono::hours(1));  // no poll in this test: only moves fetch
    AppState& s = *state;
    CHECK(s.lastDay() >= day("2025-12-27"));  // the slider reaches the table's last day, which no fetch held yet
    s.setDate(day("2025-06-11"));
    for (int i = 0; i < 20; ++i) s.advance(0);
    CHECK(f.queries() == 1);
    CHECK(holds(s, "team-16"));
    s.setDate(day("2025-09-08"));  // team-25
    REQUIRE(frames(s, [&] { return holds(s, "team-25"); }));
    CHECK(f.queries() == 2);
    CHECK_FALSE(holds(s, "team-16"));  // the window moved: the old one is not kept
    CHECK(holds(s, "torkham"));
    REQUIRE(s.liveFetched());
    CHECK(s.liveFetched()->from == day("2025-09-05"));
    CHECK(s.events().catalogue().find("team-25") != nullptr);
}

TEST_CASE("LiveEvents in the viewer: another analyst's row is on the map at the next poll; a server gone keeps the map and says so") {
    Fixture f;
    auto state = following(f, "2025-06-10");
    AppState& s = *state;
    {
        const std::lock_guard lock(f.table->mutex);
        f.table->rows.emplace_back("analyst-b", day("2025-06-10"));
        ++f.table->revision;
    }
    REQUIRE(frames(s, [&] { return holds(s, "analyst-b"); }));

    {
        const std::lock_guard lock(f.table->mutex);
        f.table->down = true;
    }
    REQUIRE(frames(s, [&] { return !s.liveError().empty(); }));
    CHECK(s.message.find("could not connect: the server is gone") != std::string::npos);
    CHECK(s.message.find("fetched before") != std::string::npos);
    CHECK(holds(s, "analyst-b"));  // the map keeps what it had
    CHECK(holds(s, "team-16"));
    s.setDate(day("2025-09-08"));  // a move while it is gone: tried, refused, the map as it was
    for (int i = 0; i < 30; ++i) {
        s.advance(0);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(holds(s, "team-16"));
    CHECK_FALSE(holds(s, "team-25"));

    {
        const std::lock_guard lock(f.table->mutex);
        f.table->down = false;
    }
    REQUIRE(frames(s, [&] { return holds(s, "team-25"); }));
    CHECK(s.liveError().empty());
    CHECK(s.message.find("connected again") != std::string::npos);
}

TEST_CASE("LiveEvents in the viewer: a file opened while a database is followed stays through the next fetches") {
    Fixture f;
    auto state = following(f, "2024-06-03", std::chrono::hours(1));
    AppState& s = *state;
    s.addEventsFile(test::dataFile("events_extra.geojson"));
    CHECK(holds(s, "my-strike"));
    s.setDate(day("2025-03-02"));  // team-6
    REQUIRE(frames(s, [&] { return holds(s, "team-6"); }));
    CHECK(holds(s, "my-strike"));  // fetched into the base with the file
}

TEST_CASE("LiveEvents in the viewer: the next and previous events beyond the days fetched are there to step to") {
    Fixture f;
    auto state = following(f, "2025-06-10", std::chrono::hours(1));
    AppState& s = *state;
    CHECK(f.table->queries[0].neighbours);
    CHECK(holds(s, "team-15"));  // 31 May and 20 June: beyond the days fetched (7 to 13 June), fetched as neighbours
    CHECK(holds(s, "team-17"));
    CHECK_FALSE(holds(s, "team-14"));
    REQUIRE(s.nextEvent());
    CHECK(s.time.day == day("2025-06-20"));
    REQUIRE(frames(s, [&] { return holds(s, "team-18"); }));  // and from there, the next one again
    REQUIRE(s.nextEvent());
    CHECK(s.time.day == day("2025-06-30"));
}
