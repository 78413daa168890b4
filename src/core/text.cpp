#include "bordermap/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace bordermap {

std::optional<double> parseDouble(std::string_view text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<long long> parseInteger(std::string_view text) {
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

std::string formatNumber(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    const std::string_view digits(buffer);
    const std::size_t point = std::min(digits.find('.'), digits.size());
    // Built with append(): GCC 12 warns falsely (-Wrestrict, its bug 105329) on string + string chains here.
    std::string out;
    if (value < 0 && std::fabs(value) >= 0.5 * std::pow(10.0, -decimals)) out.append("-");
    for (std::size_t i = 0; i < point; ++i) {
        if (i > 0 && (point - i) % 3 == 0) out.append(",");
        out.push_back(digits[i]);
    }
    out.append(digits.substr(point));
    return out;
}

std::string formatCoordinate(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string trim(std::string_view text) { return std::string(trimmed(text)); }

std::string toLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

namespace {

// The length of the UTF-8 sequence starting at text[i] and its code point, or nothing for bytes that are not
// UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
std::optional<std::pair<std::size_t, char32_t>> utf8At(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return std::pair<std::size_t, char32_t>{1, lead};
    std::size_t length = 0;
    char32_t code = 0;
    char32_t least = 0;
    if ((lead & 0xE0) == 0xC0) { length = 2; code = lead & 0x1Fu; least = 0x80; }
    else if ((lead & 0xF0) == 0xE0) { length = 3; code = lead & 0x0Fu; least = 0x800; }
    else if ((lead & 0xF8) == 0xF0) { length = 4; code = lead & 0x07u; least = 0x10000; }
    else return std::nullopt;
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        code = (code << 6) | (byte(i + k) & 0x3Fu);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
    return std::pair<std::size_t, char32_t>{length, code};
}

bool isControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

std::string hexEscape(const char* prefix, unsigned value, int digits) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s%0*X", prefix, digits, value);
    return buffer;
}

}  // namespace

bool isPlainText(std::string_view text) {
    // Bytes 0x20 to 0x7E become 0 to 0x5E, every other wraps above. Written as an OR of bytes, which GCC 12
    // vectorises (16 bytes a step), where a bool's &= of two comparisons went one byte at a time.
    unsigned char bad = 0;
    for (const char c : text) bad |= static_cast<unsigned char>(static_cast<unsigned char>(c) - 0x20u) > 0x5Eu ? 1 : 0;
    return bad == 0;
}

std::optional<std::string> textDefect(std::string_view text, bool allowLineBreaks) {
    // Most text is printable ASCII: passed at once, and only text with other bytes is decoded (a million ACLED rows,
    // fifteen fields each, spend a tenth of their import here otherwise).
    if (isPlainText(text)) return std::nullopt;
    for (std::size_t i = 0; i < text.size();) {
        const auto unit = utf8At(text, i);
        if (!unit) return "not valid UTF-8 at byte " + std::to_string(i + 1);
        const char32_t c = unit->second;
        if (isControl(c) && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')))
            return "a control character (" + hexEscape("U+", static_cast<unsigned>(c), 4) + ") at byte " + std::to_string(i + 1);
        i += unit->first;
    }
    return std::nullopt;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto unit = utf8At(text, i);
        if (!unit) {
            out.append(hexEscape("\\x", static_cast<unsigned char>(text[i]), 2));
            ++i;
            continue;
        }
        const char32_t c = unit->second;
        if (c == '\n') out.append("\\n");
        else if (c == '\r') out.append("\\r");
        else if (c == '\t') out.append("\\t");
        else if (c < 0x80 && isControl(c)) out.append(hexEscape("\\x", static_cast<unsigned>(c), 2));
        else if (isControl(c)) out.append(hexEscape("\\u", static_cast<unsigned>(c), 4));
        else out.append(text.substr(i, unit->first));
        i += unit->first;
    }
    return out;
}

}  // namespace bordermap
