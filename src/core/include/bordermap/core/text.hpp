#pragma once
// Small text helpers shared by every stage: number parsing that rejects trailing junk, and formatting.

#include <optional>
#include <string>
#include <string_view>

namespace bordermap {

// The whole of `text` as a finite double, or nothing ("12abc", "", "nan" and "inf" are rejected).
std::optional<double> parseDouble(std::string_view text);

// The whole of `text` as an integer, or nothing.
std::optional<long long> parseInteger(std::string_view text);

// A number with a thousands separator and a fixed number of decimals: formatNumber(2221.516, 1) == "2,221.5".
std::string formatNumber(double value, int decimals);

// A coordinate as a person would write it, to ten significant digits: "200", "34.5281", "3770000".
std::string formatCoordinate(double value);

// `text` without leading and trailing white space.
std::string trim(std::string_view text);
// The same, as a view into `text` (no copy).
std::string_view trimmed(std::string_view text);

// ASCII lower case, for case-insensitive matching of names and options.
std::string toLower(std::string_view text);

// What is wrong with `text` as a value a person will read, or nothing: bytes that are not UTF-8 ("not valid
// UTF-8 at byte 7"), or a control character (C0, DEL or C1; "a control character (U+001B) at byte 3"). Line
// breaks and tabs are allowed only when `allowLineBreaks` (long text such as a summary).
std::optional<std::string> textDefect(std::string_view text, bool allowLineBreaks = false);
// Whether `text` is printable ASCII alone (no control character, no other byte): text that has no defect, checked
// many times faster than decoding it.
bool isPlainText(std::string_view text);

// `text` made safe to print on one terminal line: control characters written as \n, \t, \r or \xNN (C1 as
// \u0080..\u009F), and bytes that are not UTF-8 as \xNN. Valid UTF-8 text without controls comes back unchanged.
std::string printable(std::string_view text);

}  // namespace bordermap
