#include <bordermap/briefing/briefing.hpp>

#include <bordermap/core/atomic_file.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/scene/inset.hpp>
#include <bordermap/scene/map_data.hpp>
#include <bordermap/timeline/catalogue.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

namespace bordermap::briefing {
namespace {

using Value = rapidjson::Value;

// A member of an object, or null. (Not FindMember: comparing its iterator with MemberEnd() is ambiguous in C++20
// for clang, -Wambiguous-reversed-operator.)
const Value* member(const Value& object, const char* name) { return object.HasMember(name) ? &object[name] : nullptr; }

InputError briefingError(const std::string& file, const std::string& scene, const std::string& field, const std::string& reason) {
    std::string where = scene;
    if (!field.empty()) where += (where.empty() ? "" : ": ") + field;
    return InputError({file, {}, {}, {}}, where.empty() ? reason : where + ": " + reason);
}

constexpr int kVersion = 1;

// The layer switches by the names the file uses, in the order it writes them.
constexpr std::array<std::pair<const char*, bool scene::LayerSwitches::*>, 9> kLayers{{
    {"graticule", &scene::LayerSwitches::graticule},
    {"neighbours", &scene::LayerSwitches::neighbours},
    {"provinces", &scene::LayerSwitches::provinces},
    {"rivers", &scene::LayerSwitches::rivers},
    {"disputed", &scene::LayerSwitches::disputed},
    {"crossings", &scene::LayerSwitches::crossings},
    {"events", &scene::LayerSwitches::events},
    {"labels", &scene::LayerSwitches::labels},
    {"user_events", &scene::LayerSwitches::userEvents},
}};

// Where a problem lies: the file, the scene as "scene 3 ('Torkham')", the field.
struct Reader {
    const std::string& file;
    std::string scene;

    // "b.json: scene 2 ('Spin Boldak'): view.zoom: not a number": the scene and the field as the file names them.
    [[noreturn]] void fail(const std::string& field, const std::string& reason) const { throw briefingError(file, scene, field, reason); }

    void onlyKnown(const Value& object, std::initializer_list<const char*> known, const std::string& where) const {
        for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
            const std::string name(it->name.GetString(), it->name.GetStringLength());
            bool ok = false;
            for (const char* k : known) ok = ok || name == k;
            if (!ok) {
                std::string list;
                for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
                fail(where.empty() ? name : where + "." + name, "unknown field (known: " + list + ")");
            }
        }
    }
    std::string text(const Value& object, const char* name, bool required, const std::string& field = {}) const {
        const Value* v = member(object, name);
        if (v == nullptr) {
            if (required) fail(field.empty() ? name : field, "missing");
            return {};
        }
        if (!v->IsString()) fail(field.empty() ? name : field, "not a text");
        return {v->GetString(), v->GetStringLength()};
    }
    std::optional<double> number(const Value& object, const char* name, const std::string& field) const {
        const Value* found = member(object, name);
        if (found == nullptr) return std::nullopt;
        if (!found->IsNumber()) fail(field, "not a number");
        const double v = found->GetDouble();
        if (!std::isfinite(v)) fail(field, "not a finite number");
        return v;
    }
    std::vector<double> numbers(const Value& v, std::size_t count, const std::string& field) const {
        if (!v.IsArray() || v.Size() != count) fail(field, "not a list of " + std::to_string(count) + " numbers");
        std::vector<double> out;
        for (const Value& x : v.GetArray()) {
            if (!x.IsNumber() || !std::isfinite(x.GetDouble())) fail(field, "not a list of " + std::to_string(count) + " numbers");
            out.push_back(x.GetDouble());
        }
        return out;
    }
};

std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
    }
    return {line, column};
}

Scene readScene(const Value& v, Reader& r) {
    if (!v.IsObject()) r.fail({}, "not an object");
    Scene s;
    s.title = r.text(v, "title", false);
    if (!s.title.empty()) r.scene += " ('" + s.title + "')";
    r.onlyKnown(v, {"title", "date", "mode", "window_days", "view", "layers", "filter", "highlight", "caption", "notes", "hold_s"}, {});
    const std::string date = r.text(v, "date", true);
    const auto day = timeline::parseDate(date);
    if (!day || day->precision() != timeline::TimePrecision::Day) r.fail("date", "'" + date + "' is not a day (YYYY-MM-DD)");
    s.date = day->first();
    if (const std::string mode = r.text(v, "mode", false); mode == "cumulative") s.mode = scene::TimeMode::Cumulative;
    else if (!mode.empty() && mode != "window") r.fail("mode", "'" + mode + "' is not window or cumulative");
    if (const auto days = r.number(v, "window_days", "window_days")) {
        if (*days < 1 || *days > 3650 || *days != std::floor(*days)) r.fail("window_days", "not a whole number of days from 1 to 3650");
        s.windowDays = static_cast<int>(*days);
    }
    const Value* view = member(v, "view");
    if (view == nullptr) r.fail("view", "missing");
    if (!view->IsObject()) r.fail("view", "not an object");
    r.onlyKnown(*view, {"centre", "zoom", "bbox"}, "view");
    if (const Value* centre = member(*view, "centre")) {
        const auto c = r.numbers(*centre, 2, "view.centre");
        if (c[0] < -180 || c[0] > 180 || c[1] < -85 || c[1] > 85) r.fail("view.centre", "not a longitude and latitude in degrees");
        s.view.centre = LonLat{c[0], c[1]};
        const auto zoom = r.number(*view, "zoom", "view.zoom");
        if (!zoom) r.fail("view.zoom", "missing (a centre goes with a zoom)");
        if (*zoom < 1 || *zoom > 18) r.fail("view.zoom", "not a zoom level from 1 to 18");
        s.view.zoom = *zoom;
    }
    if (const Value* box = member(*view, "bbox")) {
        if (s.view.centre) r.fail("view.bbox", "give a centre and zoom or a bbox, not both");
        const auto b = r.numbers(*box, 4, "view.bbox");
        if (b[0] >= b[2] || b[1] >= b[3] || b[0] < -180 || b[2] > 180 || b[1] < -85 || b[3] > 85)
            r.fail("view.bbox", "not MINLON, MINLAT, MAXLON, MAXLAT in degrees");
        GeoBox g;
        g.add(LonLat{b[0], b[1]});
        g.add(LonLat{b[2], b[3]});
        s.view.box = g;
    }
    if (!s.view.centre && !s.view.box) r.fail("view", "needs a centre and zoom, or a bbox");
    if (const Value* layers = member(v, "layers")) {
        if (!layers->IsObject()) r.fail("layers", "not an object");
        scene::LayerSwitches switches;
        for (auto it = layers->MemberBegin(); it != layers->MemberEnd(); ++it) {
            const std::string name(it->name.GetString(), it->name.GetStringLength());
            bool known = false;
            for (const auto& [key, flag] : kLayers)
                if (name == key) {
                    if (!it->value.IsBool()) r.fail("layers." + name, "not true or false");
                    switches.*flag = it->value.GetBool();
                    known = true;
                }
            if (!known) r.fail("layers." + name, "unknown layer (graticule, neighbours, provinces, rivers, disputed, crossings, events, labels, user_events)");
        }
        s.layers = switches;
    }
    if (const Value* filter = member(v, "filter")) {
        if (!filter->IsObject()) r.fail("filter", "not an object");
        r.onlyKnown(*filter, {"kinds", "min_deaths", "source", "actor", "text", "embedded"}, "filter");
        timeline::EventFilter f;
        if (const Value* kinds = member(*filter, "kinds")) {
            if (!kinds->IsArray()) r.fail("filter.kinds", "not a list of event kinds");
            std::string list;
            for (const Value& k : kinds->GetArray()) {
                if (!k.IsString()) r.fail("filter.kinds", "not a list of event kinds");
                list += std::string(k.GetString(), k.GetStringLength()) + ",";
            }
            try {
                if (!list.empty()) f.kinds = timeline::parseKindList(list);  // none listed: every kind
            } catch (const InputError& e) {
                r.fail("filter.kinds", e.reason());
            }
        }
        if (const auto deaths = r.number(*filter, "min_deaths", "filter.min_deaths")) {
            if (*deaths < 0 || *deaths > 1e6 || *deaths != std::floor(*deaths)) r.fail("filter.min_deaths", "not a whole number from 0");
            f.minDeaths = static_cast<int>(*deaths);
        }
        f.source = r.text(*filter, "source", false, "filter.source");
        f.actor = r.text(*filter, "actor", false, "filter.actor");
        f.text = r.text(*filter, "text", false, "filter.text");
        if (const Value* embedded = member(*filter, "embedded")) {
            if (!embedded->IsBool()) r.fail("filter.embedded", "not true or false");
            f.embedded = embedded->GetBool();
        }
        s.filter = f;
    }
    if (const Value* ids = member(v, "highlight")) {
        if (!ids->IsArray()) r.fail("highlight", "not a list of event ids");
        for (const Value& id : ids->GetArray()) {
            if (!id.IsString() || id.GetStringLength() == 0) r.fail("highlight", "not a list of event ids");
            s.highlight.emplace_back(id.GetString(), id.GetStringLength());
        }
    }
    s.caption = r.text(v, "caption", false);
    s.notes = r.text(v, "notes", false);
    if (const auto hold = r.number(v, "hold_s", "hold_s")) {
        if (*hold < 0.5 || *hold > 600) r.fail("hold_s", "not a time from 0.5 to 600 seconds");
        s.hold_s = *hold;
    }
    return s;
}

}  // namespace

Briefing parseBriefing(std::string_view text, const std::string& file) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
        const auto [line, column] = lineAndColumn(text, doc.GetErrorOffset());
        throw InputError({file, {}, {}, {}}, "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                                                 rapidjson::GetParseError_En(doc.GetParseError()));
    }
    Reader r{file, {}};
    if (!doc.IsObject()) r.fail({}, "not a briefing (a JSON object with bordermap_briefing, title and scenes)");
    r.onlyKnown(doc, {"bordermap_briefing", "title", "scenes"}, {});
    const Value* version = member(doc, "bordermap_briefing");
    if (version == nullptr) r.fail("bordermap_briefing", "missing: not a bordermap briefing");
    if (!version->IsInt() || version->GetInt() != kVersion) r.fail("bordermap_briefing", "version " + std::to_string(kVersion) + " is the only one");
    Briefing b;
    b.title = r.text(doc, "title", false);
    const Value* scenes = member(doc, "scenes");
    if (scenes == nullptr || !scenes->IsArray() || scenes->Empty()) r.fail("scenes", "needs a list of one scene or more");
    int n = 0;
    for (const Value& v : scenes->GetArray()) {
        r.scene = "scene " + std::to_string(++n);
        b.scenes.push_back(readScene(v, r));
    }
    return b;
}

Briefing readBriefing(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file, {}, {}, {}}, "cannot read the briefing");
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError({file, {}, {}, {}}, "cannot read the briefing");
    return parseBriefing(text.str(), file);
}

std::string briefingText(const Briefing& b) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    const auto key = [&](const char* k) { w.Key(k); };
    const auto text = [&](const char* k, const std::string& v) {
        key(k);
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartObject();
    key("bordermap_briefing");
    w.Int(kVersion);
    text("title", b.title);
    key("scenes");
    w.StartArray();
    for (const Scene& s : b.scenes) {
        w.StartObject();
        text("title", s.title);
        text("date", timeline::isoDay(s.date));
        text("mode", s.mode == scene::TimeMode::Cumulative ? "cumulative" : "window");
        key("window_days");
        w.Int(s.windowDays);
        key("view");
        w.StartObject();
        if (s.view.centre) {
            key("centre");
            w.StartArray();
            w.Double(s.view.centre->lon_deg);
            w.Double(s.view.centre->lat_deg);
            w.EndArray();
            key("zoom");
            w.Double(s.view.zoom);
        } else if (s.view.box) {
            key("bbox");
            w.StartArray();
            for (const double x : {s.view.box->min.lon_deg, s.view.box->min.lat_deg, s.view.box->max.lon_deg, s.view.box->max.lat_deg}) w.Double(x);
            w.EndArray();
        }
        w.EndObject();
        if (s.layers) {
            key("layers");
            w.StartObject();
            for (const auto& [name, flag] : kLayers) {
                key(name);
                w.Bool((*s.layers).*flag);
            }
            w.EndObject();
        }
        if (s.filter) {
            const timeline::EventFilter& f = *s.filter;
            key("filter");
            w.StartObject();
            key("kinds");
            w.StartArray();
            for (const timeline::EventKind k : f.kinds) {
                const std::string_view name = timeline::eventKindName(k);
                w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
            }
            w.EndArray();
            key("min_deaths");
            w.Int(f.minDeaths);
            text("source", f.source);
            text("actor", f.actor);
            text("text", f.text);
            key("embedded");
            w.Bool(f.embedded);
            w.EndObject();
        }
        key("highlight");
        w.StartArray();
        for (const std::string& id : s.highlight) w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
        w.EndArray();
        text("caption", s.caption);
        text("notes", s.notes);
        key("hold_s");
        w.Double(s.hold_s);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void saveBriefing(const Briefing& b, const std::string& file) {
    const std::string text = briefingText(b);
    AtomicFile out(file);
    out.write(text.data(), text.size());
    out.commit();
}

void checkBriefing(const Briefing& b, const std::string& file, const scene::ProjectedMap& map, const timeline::Catalogue& catalogue) {
    const auto [first, last] = catalogue.range();
    int n = 0;
    for (const Scene& s : b.scenes) {
        const std::string where = "scene " + std::to_string(++n) + (s.title.empty() ? "" : " ('" + s.title + "')");
        const auto fail = [&](const std::string& field, const std::string& reason) { throw briefingError(file, where, field, reason); };
        if (s.date < first || s.date > last)
            fail("date", timeline::isoDay(s.date) + " is outside the data, " + timeline::isoDay(first) + " to " + timeline::isoDay(last));
        // The view's middle must lie on the map's area (the region and around it, as far as "fit the region" and
        // its neighbours reach): a view over the Atlantic is a typo in a coordinate.
        const scene::View v = sceneView(s, map, 1600, 1000);
        MapBox around = map.regionBox;
        const double w = around.max.x_m - around.min.x_m, h = around.max.y_m - around.min.y_m;
        around.add(MapXY{around.min.x_m - w, around.min.y_m - h});
        around.add(MapXY{around.max.x_m + w, around.max.y_m + h});
        if (!std::isfinite(v.centre.x_m) || !std::isfinite(v.centre.y_m) || !around.contains(v.centre))
            fail(s.view.centre ? "view.centre" : "view.bbox", "outside the map's area (Afghanistan, Pakistan and their neighbours)");
        for (const std::string& id : s.highlight)
            if (catalogue.find(id) == nullptr) fail("highlight", "no event '" + id + "' in the data");
    }
}

scene::View sceneView(const Scene& s, const scene::ProjectedMap& map, int widthPx, int heightPx) {
    if (s.view.centre) return scene::viewAtZoom(map, *s.view.centre, s.view.zoom, widthPx, heightPx);
    return scene::fitView(scene::areaBox(map, *s.view.box), widthPx, heightPx, 0.0);
}

SceneView viewOf(const scene::View& view, const scene::ProjectedMap& map) {
    const LonLat c = map.projection.inverse(view.centre);
    // Divided, not multiplied by the step, so that the double is the one nearest the decimal and prints as it.
    const auto round = [](double x, double perUnit) { return std::round(x * perUnit) / perUnit; };
    SceneView v;
    v.centre = LonLat{round(c.lon_deg, 1e4), round(c.lat_deg, 1e4)};
    // viewAtZoom's web-map scale, solved for the zoom.
    v.zoom = std::clamp(round(std::log2(156543.03392 * std::cos(c.lat_deg * M_PI / 180.0) / view.metresPerPixel), 100), 1.0, 18.0);
    return v;
}

}  // namespace bordermap::briefing
