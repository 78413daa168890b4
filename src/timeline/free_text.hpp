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

// The fields free text looks in besides the summary and the note (kept apart, compressed: TextStore::findLong
// searches them).
inline std::array<Text, 4> shortTextFields(const Event& e) { return {e.name, e.admin1, e.admin2(), e.admin3()}; }
// The long ones, in the store.
inline std::array<LongText, 2> longTextFields(const Event& e) { return {e.summary, e.note}; }

// A map from a kept text's address (or a long text's place in the store) to a value, for texts that recur over
// many events (interned names, place names, ACLED's notes): open addressing on the address, several times faster
// than std::unordered_map's nodes over a million events. Holds at most `limit` texts; past that, insert does
// nothing (a text kept once an event, such as an id, is then worked out again each time it is met).
template <class V>
class TextAddressMap {
public:
    explicit TextAddressMap(std::size_t limit = std::size_t{1} << 18) : m_limit(limit), m_keys(1024, 0), m_values(1024) {}

    const V* find(const char* key) const { return find(addressOf(key)); }
    void insert(const char* key, V value) { insert(addressOf(key), std::move(value)); }
    const V* find(LongText key) const { return find(key.order() + 1); }
    void insert(LongText key, V value) { insert(key.order() + 1, std::move(value)); }

private:
    // Keys are addresses, or a long text's order() + 1: never 0, which marks a free slot.
    static std::uint64_t addressOf(const char* key) { return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(key)); }
    const V* find(std::uint64_t key) const {
        for (std::size_t s = slot(key);; s = (s + 1) & (m_keys.size() - 1)) {
            if (m_keys[s] == key) return &m_values[s];
            if (m_keys[s] == 0) return nullptr;
        }
    }
    void insert(std::uint64_t key, V value) {
        if (m_count >= m_limit) return;
        if ((m_count + 1) * 2 > m_keys.size()) grow();
        std::size_t s = slot(key);
        while (m_keys[s] != 0 && m_keys[s] != key) s = (s + 1) & (m_keys.size() - 1);
        if (m_keys[s] == 0) ++m_count;
        m_keys[s] = key;
        m_values[s] = std::move(value);
    }
    // Fibonacci hashing: the top bits of the key times 2^64 / phi, which every bit of the key moves.
    std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15u) >> m_shift); }
    void grow() {
        std::vector<std::uint64_t> keys(m_keys.size() * 2, 0);
        std::vector<V> values(m_keys.size() * 2);
        keys.swap(m_keys);
        values.swap(m_values);
        --m_shift;
        m_count = 0;
        for (std::size_t s = 0; s < keys.size(); ++s)
            if (keys[s] != 0) insert(keys[s], std::move(values[s]));
    }

    std::size_t m_limit;
    std::size_t m_count = 0;
    int m_shift = 64 - 10;  // 1024 slots to begin with
    std::vector<std::uint64_t> m_keys;  // 0: a free slot
    std::vector<V> m_values;
};

}  // namespace bordermap::timeline::detail
