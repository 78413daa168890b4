#pragma once
// --json: the commands' results as one JSON document for scripts, written with RapidJSON's Writer (never by
// joining strings) into memory and printed whole when the command has succeeded, so that an error part-way leaves
// stdout empty. One line, compact (pipe it through `jq .` to read it); `events --watch --json` prints one a change.
// README.md documents each command's schema; keys are only ever added within one value of "bordermap_json".

#include <bordermap/timeline/catalogue.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iosfwd>
#include <optional>
#include <string_view>

namespace bordermap::app {

// The schema version every document starts with: raised only when a key changes meaning or goes.
inline constexpr int kJsonSchemaVersion = 1;

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// A document under way: {"bordermap_json": 1, "command": COMMAND, ... what the command adds ...}.
class JsonDocument {
public:
    explicit JsonDocument(std::string_view command);
    JsonWriter& writer() { return m_writer; }
    // Closes the document and prints it on `out`, one line.
    void print(std::ostream& out);

private:
    rapidjson::StringBuffer m_buffer;
    JsonWriter m_writer;
};

// Text as a JSON string; text that is not valid UTF-8 (a file name, say) in printable()'s \xNN form, so the
// document always parses.
void writeString(JsonWriter& w, std::string_view text);
// Text, or null when it is empty (an absent field).
void writeStringOrNull(JsonWriter& w, std::string_view text);
// A key and its value.
void writeField(JsonWriter& w, const char* key, std::string_view text);
void writeFieldOrNull(JsonWriter& w, const char* key, std::string_view text);
// A number rounded to `decimals` places, so that 2221.516... is 2221.5 and not seventeen digits of noise; null
// for an infinity or NaN, which JSON cannot hold.
void writeRounded(JsonWriter& w, double value, int decimals);
// "KEY": "2025-02" (as precise as it is known: YYYY-MM-DD, YYYY-MM or YYYY) and "KEY_precision": "month", or
// both null for no date.
void writeDateFields(JsonWriter& w, const char* key, const std::optional<timeline::Date>& date);
// {"lon": .., "lat": ..}
void writeLonLat(JsonWriter& w, LonLat p);
// {"file", "feature", "field", "message"}: a problem in an events file (feature and field null where none).
void writeProblem(JsonWriter& w, const timeline::Problem& problem);
// An event as the events file holds it: id, kind, name, crossing, start, end, figures, place, sources, file.
void writeEvent(JsonWriter& w, const timeline::Catalogue& catalogue, const timeline::Event& event);

}  // namespace bordermap::app
