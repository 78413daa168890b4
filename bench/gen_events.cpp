// Writes a synthetic event catalogue for scripts/bench-events: N events at points drawn uniformly inside
// Afghanistan's and Pakistan's provinces (the embedded boundary data), as bordermap's events GeoJSON (the schema in
// README.md) and as an ACLED data export (ACLED's 31 CSV columns, about a tenth of the rows of types bordermap does
// not map). Both files are written as a stream, never held whole.
//
//   bordermap-gen-events --count N [--seed S] [--geojson OUT.geojson] [--acled OUT.csv]
//
// The same count and seed give byte-identical files on every platform and whichever outputs are asked for:
// std::mt19937_64 is specified to the bit, every mapping from its output to a value is our own
// (std::uniform_*_distribution differs between standard libraries), no libm function is on the way (cosines are a
// Taylor series), numbers are written with std::to_chars, and each event draws the values of both files.

#include <bordermap/core/coords.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/geo/boundary_data.hpp>
#include <bordermap/geo/feature.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace bordermap;
using namespace std::chrono;

namespace {

// The catalogue's period: ACLED covers Afghanistan and Pakistan fully from 2017; the last day is the file's as_of.
constexpr year_month_day kFirstDay{year{2017} / January / 1};
constexpr year_month_day kLastDay{year{2026} / June / 30};
constexpr sys_days kAfghanRepublicFell{year{2021} / August / 15};
constexpr sys_days kPakistanForcesRenamed{year{2018} / August / 18};  // ACLED's actor periods follow governments

// Uniform draws from std::mt19937_64 by our own mappings, identical on every standard library. below() takes the
// remainder: its bias, n / 2^64, is far below anything a benchmark can see.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }  // [0, 1), 53 bits
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
    bool chance(double p) { return unit() < p; }
    template <class T>
    const T& pick(std::span<const T> items) { return items[below(items.size())]; }

private:
    std::mt19937_64 m_engine;
};

// An item with its share in per mille of the draws.
template <class T>
struct Weighted {
    T value;
    int perMille;
};

template <class T, std::size_t N>
const T& pickWeighted(Random& random, const std::array<Weighted<T>, N>& table) {
    int total = 0;
    for (const auto& item : table) total += item.perMille;
    int r = static_cast<int>(random.below(static_cast<std::size_t>(total)));
    for (const auto& item : table) {
        if (r < item.perMille) return item.value;
        r -= item.perMille;
    }
    return table.back().value;
}

constexpr double kPi = 3.14159265358979323846;

// cos(latitude) by its Taylor series, exact to 1e-10 up to 45°: the same bits everywhere, unlike libm's cos.
double cosDeg(double deg) {
    const double x = deg * kPi / 180.0;
    const double x2 = x * x;
    return 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0 * (1.0 - x2 / 90.0 * (1.0 - x2 / 132.0)))));
}

// A stable 64-bit hash (SplitMix64's finaliser), for names that belong to a place rather than to a draw.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// ---- Places ----

enum class Country { Afghanistan, Pakistan };

struct Province {
    const geo::Feature* feature = nullptr;
    std::string name;
    Country country = Country::Afghanistan;
    double area_deg2 = 0.0;  // equal-area (sinusoidal) square degrees: only the ratio between provinces matters
    double cosMax = 1.0;     // cos of the latitude nearest the equator, the rejection envelope
};

// A ring's area on the sinusoidal projection (x = lon * cos lat), which keeps areas.
double ringArea_deg2(std::span<const LonLat> ring) {
    double twice = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const double x0 = ring[i].lon_deg * cosDeg(ring[i].lat_deg);
        const double x1 = ring[i + 1].lon_deg * cosDeg(ring[i + 1].lat_deg);
        twice += x0 * ring[i + 1].lat_deg - x1 * ring[i].lat_deg;
    }
    return std::abs(twice) / 2.0;
}

double polygonArea_deg2(const geo::Geometry<LonLat>& geometry) {
    double area = 0.0;
    for (std::size_t part = 0; part < geometry.partCount(); ++part) {
        const auto [first, end] = geometry.partRuns(part);
        for (std::size_t run = first; run < end; ++run)
            area += (run == first ? 1.0 : -1.0) * ringArea_deg2(geometry.run(run));
    }
    return area;
}

class ProvincePicker {
public:
    explicit ProvincePicker(const geo::BoundaryData& boundaries) {
        const geo::Layer& layer = boundaries.provinces;
        double total = 0.0;
        for (const geo::Feature& f : layer.features) {
            const std::string_view country = layer.value(f, "country");
            if (country != "Afghanistan" && country != "Pakistan") continue;
            Province p;
            p.feature = &f;
            p.name = f.name;
            p.country = country == "Afghanistan" ? Country::Afghanistan : Country::Pakistan;
            p.area_deg2 = polygonArea_deg2(f.geometry);
            p.cosMax = cosDeg(f.bounds.min.lat_deg);
            total += p.area_deg2;
            m_provinces.push_back(std::move(p));
            m_cumulative.push_back(total);
        }
        if (m_provinces.empty())
            throw InputError({boundaries.origin, "provinces", {}, "country"}, "no Afghan or Pakistani province");
    }

    std::span<const Province> provinces() const { return m_provinces; }

    // A province with probability proportional to its area, and a point uniform over its area.
    std::pair<const Province*, LonLat> point(Random& random) const {
        const double r = random.unit() * m_cumulative.back();
        std::size_t i = 0;
        while (i + 1 < m_cumulative.size() && r >= m_cumulative[i]) ++i;
        const Province& p = m_provinces[i];
        const GeoBox& box = p.feature->bounds;
        for (;;) {
            const LonLat q{box.min.lon_deg + random.unit() * (box.max.lon_deg - box.min.lon_deg),
                           box.min.lat_deg + random.unit() * (box.max.lat_deg - box.min.lat_deg)};
            // A degree of longitude shrinks with cos(latitude): thin the draws to keep them uniform in area.
            if (random.unit() * p.cosMax > cosDeg(q.lat_deg)) continue;
            if (geo::contains(p.feature->geometry, q)) return {&p, q};
        }
    }

private:
    std::vector<Province> m_provinces;
    std::vector<double> m_cumulative;
};

// Names of districts and villages, made up from common Pashto, Baloch and Urdu place-name parts, and fixed by
// the place (a grid cell), so that events near each other share them.
constexpr std::array<std::string_view, 20> kNameStarts{"Spin", "Shin", "Sur",  "Tor",  "Zar",  "Mir", "Gul",
                                                       "Shah", "Khan", "Lal",  "Sher", "Bar",  "Kuz", "Dand",
                                                       "Nar",  "Sang", "Char", "Kach", "Kala", "Pir"};
constexpr std::array<std::string_view, 16> kNameEnds{"ghar", "dara", "bagh", "kot",   "abad",  "zai", "khel", "pur",
                                                     "wala", "garh", "kalay", "rud",  "mina", "tangi", "sar", "jo"};
constexpr std::array<std::string_view, 7> kVillageWords{"Kalay", "Killi", "Bazaar", "Bala", "Payan", "Mandi", "Chowk"};

std::string cellName(LonLat p, double cell_deg, std::uint64_t salt, bool village) {
    const auto cx = static_cast<std::int64_t>(std::floor(p.lon_deg / cell_deg));
    const auto cy = static_cast<std::int64_t>(std::floor(p.lat_deg / cell_deg));
    const std::uint64_t h = mix(mix(static_cast<std::uint64_t>(cx) ^ salt) ^ static_cast<std::uint64_t>(cy));
    std::string name(kNameStarts[h % kNameStarts.size()]);
    name += kNameEnds[(h >> 8) % kNameEnds.size()];
    if (village && (h >> 16) % 5 < 2) name += " " + std::string(kVillageWords[(h >> 24) % kVillageWords.size()]);
    return name;
}

struct Place {
    std::string district;  // ACLED admin2
    std::string tehsil;    // ACLED admin3 (Pakistan only)
    std::string location;  // a village, or a city when the point is next to one
};

Place placeOf(LonLat p, Country country, const geo::Layer& cities) {
    Place place{cellName(p, 0.45, 0x5d15, false), country == Country::Pakistan ? cellName(p, 0.15, 0x7e51, false) : "",
                cellName(p, 0.03, 0x1a6e, true)};
    constexpr double kCityRadius_deg = 0.05;  // about 5 km
    for (const geo::Feature& city : cities.features) {
        const LonLat c = city.geometry.points.front();
        const double dx = c.lon_deg - p.lon_deg, dy = c.lat_deg - p.lat_deg;
        if (dx * dx + dy * dy < kCityRadius_deg * kCityRadius_deg) place.location = city.name;
    }
    return place;
}

// ---- Who: actors and outlets ----

struct Actor {
    std::string_view acled;  // ACLED's actor name
    std::string_view inter;  // ACLED's inter1/inter2 category
    std::string_view plain;  // how a summary names it
};

enum class Role { Clash, AirStrike, Explosive, Shelling, AgainstCivilians, Agreement, Protest, Riot, Arrest };

Actor stateForces(Country c, sys_days day, Random& random) {
    const bool police = random.chance(0.3);
    if (c == Country::Pakistan) {
        if (day < kPakistanForcesRenamed)
            return police ? Actor{"Police Forces of Pakistan (2013-2018)", "State forces", "Pakistani police"}
                          : Actor{"Military Forces of Pakistan (2013-2018)", "State forces", "Pakistani security forces"};
        return police ? Actor{"Police Forces of Pakistan (2018-)", "State forces", "Pakistani police"}
                      : Actor{"Military Forces of Pakistan (2018-)", "State forces", "Pakistani security forces"};
    }
    if (day < kAfghanRepublicFell)
        return police ? Actor{"Police Forces of Afghanistan (2014-2021)", "State forces", "Afghan National Police"}
                      : Actor{"Military Forces of Afghanistan (2014-2021)", "State forces", "the Afghan National Army"};
    return police ? Actor{"Police Forces of Afghanistan (2021-)", "State forces", "Taliban police"}
                  : Actor{"Military Forces of Afghanistan (2021-)", "State forces", "Taliban forces"};
}

Actor insurgents(Country c, sys_days day, Random& random) {
    static constexpr std::array<Actor, 6> kPakistan{{
        {"TTP: Tehreek-i-Taliban Pakistan", "Rebel group", "TTP militants"},
        {"TTP: Tehreek-i-Taliban Pakistan", "Rebel group", "Pakistani Taliban fighters"},
        {"BLA: Baloch Liberation Army", "Rebel group", "Baloch Liberation Army fighters"},
        {"BLF: Baloch Liberation Front", "Rebel group", "Baloch Liberation Front fighters"},
        {"Hafiz Gul Bahadur Group", "Rebel group", "Hafiz Gul Bahadur group militants"},
        {"IS-K: Islamic State (Khorasan Province)", "Rebel group", "Islamic State Khorasan fighters"},
    }};
    static constexpr std::array<Actor, 2> kRepublicEra{{
        {"Taliban", "Rebel group", "Taliban fighters"},
        {"IS-K: Islamic State (Khorasan Province)", "Rebel group", "Islamic State Khorasan fighters"},
    }};
    static constexpr std::array<Actor, 3> kTalibanEra{{
        {"NRF: National Resistance Front", "Rebel group", "National Resistance Front fighters"},
        {"AFF: Afghanistan Freedom Front", "Rebel group", "Afghanistan Freedom Front fighters"},
        {"IS-K: Islamic State (Khorasan Province)", "Rebel group", "Islamic State Khorasan fighters"},
    }};
    if (c == Country::Pakistan) return random.pick<Actor>(kPakistan);
    if (day < kAfghanRepublicFell) return random.chance(0.85) ? kRepublicEra[0] : kRepublicEra[1];
    return random.pick<Actor>(kTalibanEra);
}

Actor civilians(Country c) {
    return c == Country::Pakistan ? Actor{"Civilians (Pakistan)", "Civilians", "civilians"}
                                  : Actor{"Civilians (Afghanistan)", "Civilians", "civilians"};
}

Actor unidentified(Country c) {
    return c == Country::Pakistan
               ? Actor{"Unidentified Armed Group (Pakistan)", "Political militia", "unidentified gunmen"}
               : Actor{"Unidentified Armed Group (Afghanistan)", "Political militia", "unidentified gunmen"};
}

Actor otherCountryForces(Country c, sys_days day) {
    if (c == Country::Afghanistan)
        return day < kPakistanForcesRenamed
                   ? Actor{"Military Forces of Pakistan (2013-2018)", "External/Other forces", "Pakistani forces"}
                   : Actor{"Military Forces of Pakistan (2018-)", "External/Other forces", "Pakistani forces"};
    return day < kAfghanRepublicFell
               ? Actor{"Military Forces of Afghanistan (2014-2021)", "External/Other forces", "Afghan forces"}
               : Actor{"Military Forces of Afghanistan (2021-)", "External/Other forces", "Afghan Taliban forces"};
}

struct Actors {
    Actor first;
    std::optional<Actor> second;
};

Actors actorsFor(Role role, Country c, sys_days day, Random& random) {
    switch (role) {
    case Role::Clash:
        if (random.chance(0.1)) return {stateForces(c, day, random), otherCountryForces(c, day)};
        return random.chance(0.7) ? Actors{stateForces(c, day, random), insurgents(c, day, random)}
                                  : Actors{insurgents(c, day, random), stateForces(c, day, random)};
    case Role::AirStrike: {
        Actor air = c == Country::Pakistan ? stateForces(c, day, random) : otherCountryForces(c, day);
        if (c == Country::Afghanistan && day < kAfghanRepublicFell)
            air = random.chance(0.5) ? Actor{"Military Forces of the United States (2017-2021)",
                                             "External/Other forces", "US forces"}
                                     : Actor{"Military Forces of Afghanistan (2014-2021)", "State forces",
                                             "the Afghan Air Force"};
        if (random.chance(0.25)) return {air, civilians(c)};
        return {air, insurgents(c, day, random)};
    }
    case Role::Explosive:
        return {random.chance(0.6) ? insurgents(c, day, random) : unidentified(c),
                random.chance(0.6) ? stateForces(c, day, random) : civilians(c)};
    case Role::Shelling:
        return {otherCountryForces(c, day), random.chance(0.5) ? stateForces(c, day, random) : civilians(c)};
    case Role::AgainstCivilians:
        return {random.chance(0.5) ? insurgents(c, day, random) : unidentified(c), civilians(c)};
    case Role::Agreement:
        return {stateForces(c, day, random),
                random.chance(0.5) ? otherCountryForces(c, day) : insurgents(c, day, random)};
    case Role::Protest:
        return {c == Country::Pakistan ? Actor{"Protesters (Pakistan)", "Protesters", "protesters"}
                                       : Actor{"Protesters (Afghanistan)", "Protesters", "protesters"},
                std::nullopt};
    case Role::Riot:
        return {c == Country::Pakistan ? Actor{"Rioters (Pakistan)", "Rioters", "rioters"}
                                       : Actor{"Rioters (Afghanistan)", "Rioters", "rioters"},
                civilians(c)};
    case Role::Arrest:
        return {stateForces(c, day, random), insurgents(c, day, random)};
    }
    return {unidentified(c), std::nullopt};
}

// Real outlets that report on the region, then made-up regional titles to give the pool its size.
constexpr std::array<std::string_view, 52> kRealOutlets{
    "Dawn", "Pajhwok Afghan News", "TOLOnews", "Khaama Press", "The Express Tribune", "The News International",
    "Geo News", "ARY News", "Samaa TV", "Dunya News", "The Nation (Pakistan)", "Business Recorder", "Daily Times",
    "Pakistan Today", "Associated Press of Pakistan", "Radio Pakistan", "Ariana News", "Shamshad TV",
    "Afghanistan International", "Amu TV", "Hasht-e Subh", "Bakhtar News Agency", "Salaam Times", "Reuters",
    "Agence France-Presse", "Associated Press", "BBC News", "BBC Pashto", "BBC Urdu", "Al Jazeera",
    "Voice of America", "VOA Deewa", "Radio Free Europe/Radio Liberty", "Radio Mashaal", "The Guardian",
    "The New York Times", "Arab News Pakistan", "The Diplomat", "Long War Journal", "Xinhua", "Anadolu Agency",
    "Kabul Now", "Etilaatroz", "Afghan Islamic Press", "Zan Times", "The Balochistan Post", "Quetta Voice",
    "Tribal News Network", "Khorasan Diary", "Independent Urdu", "Mashriq", "Aaj News"};
constexpr std::array<std::string_view, 20> kOutletPlaces{
    "Khyber", "Quetta", "Kabul", "Frontier", "Pamir", "Indus", "Hindu Kush", "Kandahar", "Herat", "Waziristan",
    "Peshawar", "Ariana", "Nangarhar", "Kunar", "Paktia", "Spin Ghar", "Tirah", "Makran", "Bolan", "Swat"};
constexpr std::array<std::string_view, 18> kOutletTitles{
    "Times", "Post", "Daily", "Observer", "Herald", "Chronicle", "Radio", "Voice", "Monitor", "Gazette", "Courier",
    "Dispatch", "Mirror", "Star", "Today", "Report", "Bulletin", "Wire"};

struct Outlet {
    std::string name;
    std::string host;  // under the reserved .example domain: the addresses look real and lead nowhere
};

std::vector<Outlet> outletPool() {
    std::vector<Outlet> pool;
    const auto add = [&](std::string name) {
        std::string host;
        for (char ch : name)
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) host += ch;
            else if (ch >= 'A' && ch <= 'Z') host += static_cast<char>(ch - 'A' + 'a');
        pool.push_back({std::move(name), host + ".example"});
    };
    for (std::string_view name : kRealOutlets) add(std::string(name));
    for (std::string_view place : kOutletPlaces)
        for (std::string_view title : kOutletTitles) add(std::string(place) + " " + std::string(title));
    return pool;
}

// 1-3 different outlets: half the picks among the well-known ones, half over the whole pool.
std::vector<const Outlet*> pickOutlets(const std::vector<Outlet>& pool, Random& random) {
    const int count = random.chance(0.55) ? 1 : random.chance(0.65) ? 2 : 3;
    std::vector<const Outlet*> out;
    while (out.size() < static_cast<std::size_t>(count)) {
        const std::size_t i = random.chance(0.5) ? random.below(kRealOutlets.size()) : random.below(pool.size());
        bool seen = false;
        for (const Outlet* o : out) seen = seen || o == &pool[i];
        if (!seen) out.push_back(&pool[i]);
    }
    return out;
}

// ---- What: kinds and ACLED types ----

struct Kind {
    std::string_view name;  // bordermap's kind
    Role role;
};

constexpr std::array<Weighted<Kind>, 7> kKinds{{
    {{"clash", Role::Clash}, 450},
    {{"attack", Role::Explosive}, 150},
    {{"attack", Role::AgainstCivilians}, 150},
    {{"airstrike", Role::AirStrike}, 200},
    {{"talks", Role::Agreement}, 20},
    {{"ceasefire", Role::Agreement}, 15},
    {{"diplomacy", Role::Agreement}, 15},
}};

struct AcledType {
    std::string_view disorder;
    std::string_view type;
    std::string_view subType;
    Role role;
};

// About 11 % of the rows are protests, riots and arrests, which bordermap does not map.
constexpr std::array<Weighted<AcledType>, 11> kAcledTypes{{
    {{"Political violence", "Battles", "Armed clash", Role::Clash}, 400},
    {{"Political violence", "Explosions/Remote violence", "Air/drone strike", Role::AirStrike}, 190},
    {{"Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", Role::Explosive}, 90},
    {{"Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", Role::Shelling}, 40},
    {{"Political violence", "Explosions/Remote violence", "Suicide bomb", Role::Explosive}, 20},
    {{"Political violence", "Violence against civilians", "Attack", Role::AgainstCivilians}, 110},
    {{"Political violence", "Violence against civilians", "Abduction/forced disappearance", Role::AgainstCivilians}, 20},
    {{"Strategic developments", "Strategic developments", "Agreement", Role::Agreement}, 20},
    {{"Demonstrations", "Protests", "Peaceful protest", Role::Protest}, 55},
    {{"Demonstrations", "Riots", "Mob violence", Role::Riot}, 25},
    {{"Strategic developments", "Strategic developments", "Arrests", Role::Arrest}, 30},
}};

bool violent(Role role) { return role != Role::Agreement && role != Role::Protest && role != Role::Arrest; }

// Mostly 0-5, a tail to 100.
int drawFatalities(Role role, Random& random) {
    if (!violent(role)) return 0;
    const double u = random.unit();
    if (u < 0.35) return 0;
    if (u < 0.75) return random.between(1, 5);
    if (u < 0.93) return random.between(6, 15);
    if (u < 0.98) return random.between(16, 40);
    return random.between(41, 100);
}

// ---- When and how precisely ----

enum class TimeKnown { Day, Week, Month, Year };  // Week: ACLED's time_precision 2; bordermap keeps the day
enum class GeoKnown { Exact, District, Province };

constexpr std::array<Weighted<TimeKnown>, 4> kTimePrecisions{
    {{TimeKnown::Day, 840}, {TimeKnown::Week, 100}, {TimeKnown::Month, 50}, {TimeKnown::Year, 10}}};
constexpr std::array<Weighted<GeoKnown>, 3> kGeoPrecisions{
    {{GeoKnown::Exact, 700}, {GeoKnown::District, 220}, {GeoKnown::Province, 80}}};

constexpr std::array<std::string_view, 12> kMonths{"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};

void appendInt(std::string& out, long long value, int width = 0) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (auto n = end - digits; n < width; ++n) out += '0';
    out.append(digits, end);
}

void appendFixed(std::string& out, double value, int decimals) {
    char digits[48];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals).ptr);
}

std::string isoDay(sys_days day) {
    const year_month_day ymd{day};
    std::string out;
    appendInt(out, int(ymd.year()), 4);
    out += '-';
    appendInt(out, unsigned(ymd.month()), 2);
    out += '-';
    appendInt(out, unsigned(ymd.day()), 2);
    return out;
}

std::string displayDay(sys_days day) {
    const year_month_day ymd{day};
    std::string out;
    appendInt(out, unsigned(ymd.day()));
    out += ' ';
    out += kMonths[unsigned(ymd.month()) - 1];
    out += ' ';
    appendInt(out, int(ymd.year()));
    return out;
}

// ---- One event: everything both files are written from ----

struct SyntheticEvent {
    std::size_t number = 0;  // from 1
    const Province* province = nullptr;
    LonLat point;
    Place place;
    sys_days day;
    TimeKnown timeKnown = TimeKnown::Day;
    GeoKnown geoKnown = GeoKnown::Exact;
    int endAfter_days = 0;  // > 0: a bordermap event over several days
    std::vector<const Outlet*> outlets;
    std::int64_t updated_s = 0;  // ACLED's timestamp
    std::string_view sourceScale;
    bool quoteInNotes = false, lineBreakInNotes = false;

    // bordermap's reading
    Kind kind;
    Actors actors;
    int fatalities = 0;
    int injured = -1;          // -1: not reported
    int otherReport = -1;      // >= 0: a second outlet's different death toll
    bool atLeast = false;

    // ACLED's reading
    AcledType acledType;
    Actors acledActors;
    int acledFatalities = 0;
};

class EventDrawer {
public:
    EventDrawer(const geo::BoundaryData& boundaries, std::uint64_t seed)
        : m_random(seed), m_provinces(boundaries), m_cities(boundaries.cities), m_outlets(outletPool()) {}

    SyntheticEvent next(std::size_t number) {
        Random& r = m_random;
        SyntheticEvent e;
        e.number = number;
        const auto [province, point] = m_provinces.point(r);
        e.province = province;
        e.point = point;
        e.place = placeOf(point, province->country, m_cities);
        const auto span_days = (sys_days{kLastDay} - sys_days{kFirstDay}).count() + 1;
        e.day = sys_days{kFirstDay} + days{static_cast<int>(r.below(static_cast<std::size_t>(span_days)))};
        e.timeKnown = pickWeighted(r, kTimePrecisions);
        e.geoKnown = pickWeighted(r, kGeoPrecisions);
        if (e.timeKnown == TimeKnown::Day && r.chance(0.05))
            e.endAfter_days = std::min(r.between(1, 3), static_cast<int>((sys_days{kLastDay} - e.day).count()));
        e.outlets = pickOutlets(m_outlets, r);
        e.updated_s = duration_cast<seconds>((e.day + days{r.between(3, 120)}).time_since_epoch()).count() +
                      static_cast<std::int64_t>(r.below(86400));
        static constexpr std::array<Weighted<std::string_view>, 6> kScales{{{"National", 450},
                                                                            {"Subnational", 200},
                                                                            {"International", 100},
                                                                            {"National-International", 150},
                                                                            {"Local partner-National", 50},
                                                                            {"New media", 50}}};
        e.sourceScale = pickWeighted(r, kScales);
        e.quoteInNotes = r.chance(0.1);
        e.lineBreakInNotes = r.chance(0.01);

        e.kind = pickWeighted(r, kKinds);
        e.actors = actorsFor(e.kind.role, province->country, e.day, r);
        e.fatalities = drawFatalities(e.kind.role, r);
        if (violent(e.kind.role) && r.chance(0.5)) e.injured = r.between(0, 2 * e.fatalities + 3);
        e.atLeast = e.fatalities > 0 && r.chance(0.25);
        if (e.fatalities > 0 && e.outlets.size() > 1 && r.chance(0.3)) e.otherReport = e.fatalities + r.between(1, 6);

        e.acledType = pickWeighted(r, kAcledTypes);
        e.acledActors = actorsFor(e.acledType.role, province->country, e.day, r);
        e.acledFatalities = drawFatalities(e.acledType.role, r);
        return e;
    }

    std::size_t outletCount() const { return m_outlets.size(); }

private:
    Random m_random;
    ProvincePicker m_provinces;
    const geo::Layer& m_cities;
    std::vector<Outlet> m_outlets;
};

// ---- Text ----

std::string_view countryName(Country c) { return c == Country::Afghanistan ? "Afghanistan" : "Pakistan"; }

std::string casualties(int killed, int injured) {
    std::string out;
    if (killed == 0 && injured <= 0) return "no casualties were reported";
    if (killed == 0) {
        appendInt(out, injured);
        return out + (injured == 1 ? " person was" : " people were") + " reported wounded and none killed";
    }
    appendInt(out, killed);
    out += killed == 1 ? " person was reported killed" : " people were reported killed";
    if (injured > 0) {
        out += " and ";
        appendInt(out, injured);
        out += " wounded";
    }
    return out;
}

// What happened, 120-200 characters, from the kind's templates.
std::string describe(Role role, const Actors& a, const Place& place, std::string_view province, int killed,
                     int injured, std::uint64_t variant) {
    const std::string first(a.first.plain);
    const std::string second(a.second ? a.second->plain : "local residents");
    const std::string where = place.location + " in " + place.district + " district, " + std::string(province);
    const std::string toll = casualties(killed, injured);
    switch (role) {
    case Role::Clash:
        return variant % 2 == 0 ? first + " and " + second + " exchanged fire near " + where +
                                      "; the fighting lasted several hours and " + toll + "."
                                : "Fighting broke out between " + first + " and " + second + " at a checkpoint outside " +
                                      where + "; " + toll + ".";
    case Role::AirStrike:
        if (a.second && a.second->inter == "Civilians")
            return first + " carried out an air strike that hit houses near " + where + "; " + toll +
                   (killed > 0 ? ", among them women and children, residents said." : ", residents said.");
        return first + " carried out an air strike on suspected hideouts of " + second + " near " + where + "; " +
               toll + ", according to local officials.";
    case Role::Explosive:
        return variant % 2 == 0 ? "An improvised explosive device planted by " + first + " struck " + second +
                                      " near " + where + "; " + toll + "."
                                : "A roadside bomb hit a vehicle carrying " + second + " on the main road through " +
                                      where + "; " + toll + ". " + first + " were blamed.";
    case Role::Shelling:
        return first + " fired mortar and artillery rounds across the border at " + second + " around " + where +
               "; " + toll + ".";
    case Role::AgainstCivilians:
        return "Armed men, reportedly " + first + ", attacked " + second + " at a market in " + where + "; " + toll +
               ". No group claimed responsibility.";
    case Role::Agreement:
        return "Representatives of " + first + " and " + second + " met elders in " + where +
               " to discuss border trade, refugees and security; no agreement was announced.";
    case Role::Protest:
        return "Hundreds of " + first + " gathered in " + where +
               ", demanding the reopening of the border crossing and compensation for traders; the protest ended peacefully.";
    case Role::Riot:
        return first + " set tyres on fire and blocked the main road in " + where + " after a dispute with " + second +
               "; " + toll + ".";
    case Role::Arrest:
        return first + " arrested several suspected " + second + " in a search operation in " + where +
               "; weapons and explosives were recovered.";
    }
    return where;
}

std::string headline(Role role, const Place& place, int killed) {
    std::string lead;
    appendInt(lead, killed);
    lead += " killed";
    const std::string& at = place.location;
    switch (role) {
    case Role::Clash: return killed > 0 ? lead + " in clash near " + at : "Clash reported near " + at;
    case Role::AirStrike: return killed > 0 ? lead + " in air strike on " + at : "Air strike hits " + at;
    case Role::Explosive: return killed > 0 ? lead + " as bomb hits " + at : "Blast near " + at;
    case Role::Shelling: return "Cross-border shelling hits " + at;
    case Role::AgainstCivilians: return killed > 0 ? lead + " in attack in " + at : "Gunmen attack market in " + at;
    case Role::Agreement: return "Officials and elders meet in " + at;
    case Role::Protest: return "Traders protest in " + at;
    case Role::Riot: return "Road blocked in " + at;
    case Role::Arrest: return "Suspects held in " + at;
    }
    return at;
}

// ---- Writers ----

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// An output file written through a large buffer; close() reports a failed write (a full disk) as an error.
class OutputFile {
public:
    explicit OutputFile(std::string path) : m_path(std::move(path)), m_file(std::fopen(m_path.c_str(), "wb")) {
        if (!m_file) throw OperationError({m_path, {}, {}, {}}, "cannot create the file");
        std::setvbuf(m_file.get(), nullptr, _IOFBF, 1 << 20);
    }
    void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), m_file.get()); }
    void close() {
        const bool failed = std::ferror(m_file.get()) != 0;
        if (std::fclose(m_file.release()) != 0 || failed) throw OperationError({m_path, {}, {}, {}}, "could not write the file");
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::unique_ptr<std::FILE, FileCloser> m_file;
};

void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (char ch : text) {
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        default: out += ch;
        }
    }
    out += '"';
}

void appendCsvField(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';  // RFC 4180: the whole field in quotes, each quote doubled
    for (char ch : text) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

class GeoJsonWriter {
public:
    GeoJsonWriter(std::string path, std::uint64_t seed) : m_file(std::move(path)), m_seed(seed) {
        m_file.write("{\"type\": \"FeatureCollection\", \"name\": \"synthetic_events\", \"as_of\": \"" +
                     isoDay(sys_days{kLastDay}) +
                     "\",\n \"description\": \"Synthetic events for benchmarking, written by bordermap-gen-events; "
                     "not real data. Schema: README.md.\",\n \"features\": [\n");
    }

    void add(const SyntheticEvent& e) {
        std::string& o = m_buffer;
        o.clear();
        o += e.number == 1 ? "  " : ",\n  ";
        o += "{\"type\": \"Feature\", \"properties\": {\"id\": \"syn-";
        appendInt(o, static_cast<long long>(e.number), 6);
        o += "\", \"kind\": \"";
        o += e.kind.name;
        o += "\", \"name\": ";
        const std::string title = headline(e.kind.role, e.place, e.fatalities);
        appendJsonString(o, title);
        o += ", \"crossing\": \"\", \"start\": \"";
        const std::string day = isoDay(e.day);
        const std::string_view precision = e.timeKnown == TimeKnown::Month ? "month"
                                           : e.timeKnown == TimeKnown::Year ? "year"
                                                                            : "day";
        o += std::string_view(day).substr(0, precision == "day" ? 10 : precision == "month" ? 7 : 4);
        o += "\", \"end\": \"";
        if (e.endAfter_days > 0) o += isoDay(e.day + days{e.endAfter_days});
        o += "\", \"time_precision\": \"";
        o += precision;
        o += "\", \"geo_precision\": \"";
        o += e.geoKnown == GeoKnown::Exact ? "exact" : e.geoKnown == GeoKnown::District ? "district" : "province";
        o += "\", \"fatalities\": ";
        appendJsonString(o, fatalitiesText(e));
        o += ", \"injured\": \"";
        if (e.injured >= 0) appendInt(o, e.injured);
        o += "\", \"fatalities_min\": ";
        if (e.otherReport >= 0) appendInt(o, e.fatalities);
        else o += "null";
        o += ", \"injured_min\": null, \"summary\": ";
        std::string summary = describe(e.kind.role, e.actors, e.place, e.province->name, e.fatalities,
                                       std::max(e.injured, 0), e.number);
        if (summary[0] >= 'a' && summary[0] <= 'z') summary[0] = static_cast<char>(summary[0] - 'a' + 'A');
        appendJsonString(o, summary);
        o += ", \"sources\": ";
        appendJsonString(o, sources(e, title));
        o += ", \"note\": ";
        appendJsonString(o, note(e));
        o += ", \"country\": \"";
        o += countryName(e.province->country);
        o += "\", \"admin1\": ";
        appendJsonString(o, e.province->name);
        o += "}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [";
        appendFixed(o, e.point.lon_deg, 5);
        o += ", ";
        appendFixed(o, e.point.lat_deg, 5);
        o += "]}}";
        m_file.write(o);
    }

    void close() {
        m_file.write("\n ]}\n");
        m_file.close();
    }

private:
    static std::string fatalitiesText(const SyntheticEvent& e) {
        std::string out;
        if (e.fatalities == 0 && !violent(e.kind.role)) return out;
        if (e.otherReport >= 0) {
            appendInt(out, e.fatalities);
            out += " (" + e.outlets[0]->name + "); ";
            appendInt(out, e.otherReport);
            out += " (" + e.outlets[1]->name + ")";
            return out;
        }
        if (e.atLeast) out += "at least ";
        appendInt(out, e.fatalities);
        return out;
    }

    static std::string sources(const SyntheticEvent& e, const std::string& title) {
        std::string out;
        for (std::size_t i = 0; i < e.outlets.size(); ++i) {
            const sys_days published = e.day + days{static_cast<int>(i)};
            const year_month_day ymd{published};
            if (i > 0) out += " | ";
            out += "'" + title + "', " + e.outlets[i]->name + ", " + isoDay(published) + ", https://" +
                   e.outlets[i]->host + "/";
            appendInt(out, int(ymd.year()));
            out += '/';
            appendInt(out, unsigned(ymd.month()), 2);
            out += "/news/";
            appendInt(out, static_cast<long long>(mix(e.number * 4 + i) % 9'000'000 + 1'000'000));
        }
        return out;
    }

    std::string note(const SyntheticEvent& e) const {
        std::string out = "Synthetic event for benchmarking (bordermap-gen-events, seed ";
        appendInt(out, static_cast<long long>(m_seed));
        out += ", event ";
        appendInt(out, static_cast<long long>(e.number));
        out += "); ";
        switch (e.timeKnown) {
        case TimeKnown::Day: out += "reported to the day"; break;
        case TimeKnown::Week: out += "the reports place it within a week; the first report's day is kept"; break;
        case TimeKnown::Month: out += "the reports give only the month"; break;
        case TimeKnown::Year: out += "only the year is known"; break;
        }
        out += e.geoKnown == GeoKnown::Exact      ? "; placed at the reported village."
               : e.geoKnown == GeoKnown::District ? "; placed in the district named by the reports."
                                                  : "; only the province is known.";
        if (e.otherReport >= 0) out += " The two reports disagree on the death toll; the lower figure counts.";
        return out;
    }

    OutputFile m_file;
    std::uint64_t m_seed;
    std::string m_buffer;
};

// The 31 columns of ACLED's data export, in its order.
constexpr std::string_view kAcledHeader =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

class AcledWriter {
public:
    explicit AcledWriter(std::string path) : m_file(std::move(path)) { m_file.write(kAcledHeader); }

    void add(const SyntheticEvent& e) {
        std::string& o = m_buffer;
        o.clear();
        const Country country = e.province->country;
        const AcledType& type = e.acledType;
        o += country == Country::Afghanistan ? "AFG" : "PAK";
        appendInt(o, static_cast<long long>(100000 + e.number));
        o += ',';
        o += isoDay(e.day);
        o += ',';
        appendInt(o, int(year_month_day{e.day}.year()));
        o += e.timeKnown == TimeKnown::Day ? ",1," : e.timeKnown == TimeKnown::Week ? ",2," : ",3,";
        o += type.disorder;
        o += ',';
        appendCsvField(o, type.type);
        o += ',';
        appendCsvField(o, type.subType);
        o += ',';
        const Actor& a1 = e.acledActors.first;
        appendCsvField(o, a1.acled);
        o += ",,";  // assoc_actor_1
        o += a1.inter;
        o += ',';
        if (e.acledActors.second) appendCsvField(o, e.acledActors.second->acled);
        o += ',';
        if (e.acledActors.second && e.acledActors.second->inter == "Civilians" && e.number % 7 == 0)
            o += country == Country::Afghanistan ? "Farmers (Afghanistan)" : "Labourers (Pakistan)";
        o += ',';
        if (e.acledActors.second) o += e.acledActors.second->inter;
        o += ',';
        o += a1.inter;
        o += e.acledActors.second ? "-" + std::string(e.acledActors.second->inter) : std::string(" only");
        o += ',';
        if (type.role == Role::AgainstCivilians) o += "Civilian targeting";
        o += country == Country::Afghanistan ? ",4,Caucasus and Central Asia,Afghanistan," : ",586,South Asia,Pakistan,";
        appendCsvField(o, e.province->name);
        o += ',';
        o += e.place.district;
        o += ',';
        o += e.place.tehsil;
        o += ',';
        appendCsvField(o, e.place.location);
        o += ',';
        appendFixed(o, e.point.lat_deg, 4);
        o += ',';
        appendFixed(o, e.point.lon_deg, 4);
        o += e.geoKnown == GeoKnown::Exact ? ",1," : e.geoKnown == GeoKnown::District ? ",2," : ",3,";
        std::string outlets;
        for (const Outlet* outlet : e.outlets) outlets += (outlets.empty() ? "" : "; ") + outlet->name;
        appendCsvField(o, outlets);
        o += ',';
        o += e.sourceScale;
        o += ',';
        appendCsvField(o, notes(e));
        o += ',';
        appendInt(o, e.acledFatalities);
        o += ',';
        if (type.role == Role::Protest || type.role == Role::Riot)
            o += e.number % 3 == 0 ? "crowd size=around 200" : "crowd size=no report";
        o += ',';
        appendInt(o, e.updated_s);
        o += '\n';
        m_file.write(o);
    }

    void close() { m_file.close(); }

private:
    static std::string notes(const SyntheticEvent& e) {
        std::string out = "On " + displayDay(e.day) + ", ";
        std::string what = describe(e.acledType.role, e.acledActors, e.place, e.province->name, e.acledFatalities, 0,
                                    e.number);
        // After "On 5 March 2025, " a template's own first word goes to lower case; an actor's name stays.
        for (std::string_view word : {"Fighting ", "An ", "A ", "Armed ", "Representatives ", "Hundreds "})
            if (what.starts_with(word)) what[0] = static_cast<char>(what[0] - 'A' + 'a');
        out += what;
        if (e.quoteInNotes)
            out += violent(e.acledType.role) ? " A local elder said \"the firing did not stop until the morning prayer\"."
                                             : " A local elder said \"we have waited for weeks, and nobody listens\".";
        if (e.lineBreakInNotes) out += "\nUpdated: the toll was revised after later reports.";
        return out;
    }

    OutputFile m_file;
    std::string m_buffer;
};

struct Options {
    std::size_t count = 0;
    std::uint64_t seed = 1;
    std::string geojson;
    std::string acled;
};

constexpr const char* kUsage =
    "usage: bordermap-gen-events --count N [--seed S] [--geojson OUT.geojson] [--acled OUT.csv]\n"
    "Writes N synthetic events (1 to 10^8) inside Afghanistan's and Pakistan's provinces, as bordermap's events\n"
    "GeoJSON and/or an ACLED CSV export. The same N and S (default 1) give byte-identical files everywhere.\n";

std::optional<Options> parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view key = argv[i];
        if (i + 1 >= argc) return std::nullopt;
        const std::string_view value = argv[++i];
        const auto number = [&](auto& out) {
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
            return ec == std::errc() && end == value.data() + value.size();
        };
        if (key == "--count") {
            if (!number(options.count) || options.count < 1 || options.count > 100'000'000) return std::nullopt;
        } else if (key == "--seed") {
            if (!number(options.seed)) return std::nullopt;
        } else if (key == "--geojson") {
            options.geojson = value;
        } else if (key == "--acled") {
            options.acled = value;
        } else {
            return std::nullopt;
        }
    }
    if (options.count == 0 || (options.geojson.empty() && options.acled.empty())) return std::nullopt;
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parseOptions(argc, argv);
    if (!options) {
        std::cerr << kUsage;
        return 2;
    }
    try {
        const auto start = steady_clock::now();
        const geo::BoundaryData boundaries = geo::loadEmbeddedBoundaries();
        EventDrawer drawer(boundaries, options->seed);
        std::optional<GeoJsonWriter> geojson;
        std::optional<AcledWriter> acled;
        if (!options->geojson.empty()) geojson.emplace(options->geojson, options->seed);
        if (!options->acled.empty()) acled.emplace(options->acled);
        std::size_t afghan = 0;
        for (std::size_t n = 1; n <= options->count; ++n) {
            const SyntheticEvent e = drawer.next(n);
            afghan += e.province->country == Country::Afghanistan ? 1 : 0;
            if (geojson) geojson->add(e);
            if (acled) acled->add(e);
        }
        if (geojson) geojson->close();
        if (acled) acled->close();
        const double elapsed_s = duration<double>(steady_clock::now() - start).count();
        std::cout << "bordermap-gen-events: " << options->count << " events (" << afghan << " in Afghanistan, "
                  << options->count - afghan << " in Pakistan; seed " << options->seed << ", "
                  << drawer.outletCount() << " outlets) in " << elapsed_s << " s\n";
        for (const std::string& path : {options->geojson, options->acled})
            if (!path.empty())
                std::cout << "  " << path << ": " << std::filesystem::file_size(path) << " bytes\n";
    } catch (const Error& e) {
        std::cerr << "bordermap-gen-events: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
