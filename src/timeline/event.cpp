#include "bordermap/timeline/event.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace bordermap::timeline {

namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, kEventKindCount> kKinds{{
    {EventKind::Crossing, "crossing"},
    {EventKind::Closure, "closure"},
    {EventKind::StateUnknown, "state_unknown"},
    {EventKind::Airstrike, "airstrike"},
    {EventKind::Clash, "clash"},
    {EventKind::Attack, "attack"},
    {EventKind::Talks, "talks"},
    {EventKind::Ceasefire, "ceasefire"},
    {EventKind::Deportation, "deportation"},
    {EventKind::Diplomacy, "diplomacy"},
    {EventKind::Political, "political"},
}};

constexpr std::array<std::pair<GeoPrecision, std::string_view>, 3> kGeoPrecisions{{
    {GeoPrecision::Exact, "exact"},
    {GeoPrecision::District, "district"},
    {GeoPrecision::Province, "province"},
}};

constexpr std::array<EventKind, kKinds.size()> kKindOrder = [] {
    std::array<EventKind, kKinds.size()> out{};
    for (std::size_t i = 0; i < kKinds.size(); ++i) out[i] = kKinds[i].first;
    return out;
}();

}  // namespace

std::span<const EventKind> allEventKinds() { return kKindOrder; }

std::string_view eventKindName(EventKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind) return name;
    return "unknown";
}

std::optional<EventKind> parseEventKind(std::string_view text) {
    for (const auto& [k, name] : kKinds)
        if (name == text) return k;
    return std::nullopt;
}

std::string_view geoPrecisionName(GeoPrecision precision) {
    if (precision == GeoPrecision::None) return "none";
    for (const auto& [p, name] : kGeoPrecisions)
        if (p == precision) return name;
    return "unknown";
}

std::optional<GeoPrecision> parseGeoPrecision(std::string_view text) {
    for (const auto& [p, name] : kGeoPrecisions)
        if (name == text) return p;
    return std::nullopt;
}

std::string joinSources(std::span<const std::string_view> sources) {
    std::string out;
    for (std::string_view source : sources) {
        if (!out.empty()) out += '\n';
        const std::size_t from = out.size();
        out += source;
        // A line break inside one (an ACLED cell may hold one) would split it in two: a space instead.
        std::replace_if(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    }
    return out;
}

std::optional<int> plainFigure(std::string_view reported) {
    for (std::string_view prefix : {"at least ", "At least "})
        if (reported.substr(0, prefix.size()) == prefix) reported.remove_prefix(prefix.size());
    // Digits in groups: the first of 1-3 (or all of them, without commas), then groups of 3 after each comma.
    long value = 0;
    std::size_t digitsInGroup = 0;
    bool sawComma = false;
    for (char c : reported) {
        if (c == ',') {
            if (digitsInGroup == 0 || digitsInGroup > 3 || (sawComma && digitsInGroup != 3)) return std::nullopt;
            sawComma = true;
            digitsInGroup = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
        if (value > 10'000'000) return std::nullopt;
        ++digitsInGroup;
    }
    if (digitsInGroup == 0 || (sawComma && digitsInGroup != 3)) return std::nullopt;
    return static_cast<int>(value);
}

}  // namespace bordermap::timeline
