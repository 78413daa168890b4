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

// ASCII lower case, for case-insensitive matching of names and options.
std::string toLower(std::string_view text);

}  // namespace bordermap
