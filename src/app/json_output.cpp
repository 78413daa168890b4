#include "json_output.hpp"

#include <bordermap/core/text.hpp>

#include <cmath>
#include <ostream>
#include <string>

namespace bordermap::app {

JsonDocument::JsonDocument(std::string_view command) : m_writer(m_buffer) {
    m_writer.StartObject();
    m_writer.Key("bordermap_json");
    m_writer.Int(kJsonSchemaVersion);
    writeField(m_writer, "command", command);
}

void JsonDocument::print(std::ostream& out) {
    m_writer.EndObject();
    out << std::string_view(m_buffer.GetString(), m_buffer.GetSize()) << '\n';
    out.flush();
}

void writeString(JsonWriter& w, std::string_view text) {
    // RapidJSON escapes control characters itself; it copies bytes that are not UTF-8 as they are, which would
    // make the document unreadable to a strict parser.
    if (isPlainText(text) || !textDefect(text, true)) {
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        return;
    }
    const std::string safe = printable(text);
    w.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}

void writeStringOrNull(JsonWriter& w, std::string_view text) {
    if (text.empty())
        w.Null();
    else
        writeString(w, text);
}

void writeField(JsonWriter& w, const char* key, std::string_view text) {
    w.Key(key);
    writeString(w, text);
}

void writeFieldOrNull(JsonWriter& w, const char* key, std::string_view text) {
    w.Key(key);
    writeStringOrNull(w, text);
}

void writeRounded(JsonWriter& w, double value, int decimals) {
    // JSON has no infinity or NaN (RapidJSON would write nothing and leave the document broken): the extent of an
    // empty layer has no value.
    if (!std::isfinite(value)) {
        w.Null();
        return;
    }
    if (decimals == 0) {  // a whole number reads as one: 2221516, not 2221516.0
        w.Int64(std::llround(value));
        return;
    }
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    // -0.0 reads as "-0.0": a distance of nothing is 0.
    w.Double(rounded == 0.0 ? 0.0 : rounded);
}

void writeDateFields(JsonWriter& w, const char* key, const std::optional<timeline::Date>& date) {
    w.Key(key);
    if (date)
        writeString(w, date->iso());
    else
        w.Null();
    w.Key((std::string(key) + "_precision").c_str());
    if (date)
        writeString(w, timeline::timePrecisionName(date->precision()));
    else
        w.Null();
}

void writeLonLat(JsonWriter& w, LonLat p) {
    w.StartObject();
    w.Key("lon");
    w.Double(p.lon_deg);
    w.Key("lat");
    w.Double(p.lat_deg);
    w.EndObject();
}

void writeProblem(JsonWriter& w, const timeline::Problem& problem) {
    w.StartObject();
    writeField(w, "file", problem.file);
    writeFieldOrNull(w, "feature", problem.feature);
    writeFieldOrNull(w, "field", problem.field);
    writeField(w, "message", problem.message);
    w.EndObject();
}

void writeEvent(JsonWriter& w, const timeline::Catalogue& catalogue, const timeline::Event& e) {
    const auto count = [&](const char* key, timeline::Count value) {
        w.Key(key);
        if (value)
            w.Int(*value);
        else
            w.Null();
    };
    w.StartObject();
    writeField(w, "id", e.id);
    writeField(w, "kind", timeline::eventKindName(e.kind));
    writeField(w, "name", e.name);
    writeFieldOrNull(w, "crossing", e.crossing);
    writeDateFields(w, "start", e.start);
    writeDateFields(w, "end", e.end);
    writeFieldOrNull(w, "fatalities", e.fatalities);
    writeFieldOrNull(w, "injured", e.injured);
    count("fatalities_min", e.fatalitiesLow);
    count("injured_min", e.injuredLow);
    writeFieldOrNull(w, "country", e.country);
    writeFieldOrNull(w, "admin1", e.admin1);
    writeField(w, "geo_precision", timeline::geoPrecisionName(e.geoPrecision));
    w.Key("places");
    w.StartArray();
    for (const LonLat& p : e.places) writeLonLat(w, p);
    w.EndArray();
    writeFieldOrNull(w, "summary", catalogue.summaryOf(e));
    w.Key("sources");
    w.StartArray();
    for (const std::string& source : catalogue.sourcesOf(e)) writeString(w, source);
    w.EndArray();
    writeFieldOrNull(w, "note", catalogue.noteOf(e));
    w.Key("duplicate");
    w.Bool(e.duplicate);
    writeField(w, "file", e.file);
    w.EndObject();
}

}  // namespace bordermap::app
