#pragma once
// What the free-text filter (EventFilter::text) searches and how, shared by the plain scan (selection.cpp) and the
// word index's check of its candidates (text_index.cpp), so that both give the same events.

#include <bordermap/core/caseless_search.hpp>
#include <bordermap/timeline/event.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bordermap::timeline::detail {

// The fields free text looks in besides the summary (kept apart, compressed: TextStore::findLong searches it).
inline std::array<Text, 5> shortTextFields(const Event& e) { return {e.name, e.note, e.admin1, e.admin2, e.admin3}; }

// A map from a kept text's address to a value, for texts that recur over many events (interned names, place
// names, ACLED's notes): open addressing on the address, several times faster than std::unordered_map's nodes
// over a million events. Holds at most `limit` texts; past that, insert does nothing (a text kept once an event,
// such as a note in an events file, is then worked out again each time it is met).
template <class V>
class TextAddressMap {
public:
    explicit TextAddressMap(std::size_t limit = std::size_t{1} << 18) : m_limit(limit), m_keys(1024, nullptr), m_values(1024) {}

    const V* find(const char* key) const {
        for (std::size_t s = slot(key);; s = (s + 1) & (m_keys.size() - 1)) {
            if (m_keys[s] == key) return &m_values[s];
            if (m_keys[s] == nullptr) return nullptr;
        }
    }
    void insert(const char* key, V value) {
        if (m_count >= m_limit) return;
        if ((m_count + 1) * 2 > m_keys.size()) grow();
        std::size_t s = slot(key);
        while (m_keys[s] != nullptr && m_keys[s] != key) s = (s + 1) & (m_keys.size() - 1);
        if (m_keys[s] == nullptr) ++m_count;
        m_keys[s] = key;
        m_values[s] = std::move(value);
    }

private:
    // Fibonacci hashing: the top bits of the address times 2^64 / phi, which every bit of the address moves.
    std::size_t slot(const char* key) const {
        const auto bits = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(key));
        return static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15u) >> m_shift);
    }
    void grow() {
        std::vector<const char*> keys(m_keys.size() * 2, nullptr);
        std::vector<V> values(m_keys.size() * 2);
        keys.swap(m_keys);
        values.swap(m_values);
        --m_shift;
        m_count = 0;
        for (std::size_t s = 0; s < keys.size(); ++s)
            if (keys[s] != nullptr) insert(keys[s], std::move(values[s]));
    }

    std::size_t m_limit;
    std::size_t m_count = 0;
    int m_shift = 64 - 10;  // 1024 slots to begin with
    std::vector<const char*> m_keys;  // nullptr: a free slot
    std::vector<V> m_values;
};

}  // namespace bordermap::timeline::detail
