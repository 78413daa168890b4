#include "bordermap/core/text_store.hpp"

#include <bordermap/core/error.hpp>

#include <algorithm>
#include <limits>

namespace bordermap {

namespace {

// Blocks of 1 MiB: a million events' text in a few hundred allocations; a longer text gets a block of its own.
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

// The empty text: a zero length, then the NUL that c_str() returns.
alignas(std::uint32_t) constexpr char kEmpty[sizeof(std::uint32_t) + 1] = {};

}  // namespace

const char* Text::emptyChars() { return kEmpty + sizeof(std::uint32_t); }

char* TextStore::allocate(std::size_t size, std::size_t alignment) {
    const auto pad = [&](char* p) {
        return static_cast<std::size_t>((alignment - reinterpret_cast<std::uintptr_t>(p) % alignment) % alignment);
    };
    if (m_free == nullptr || pad(m_free) + size > m_left) {
        const std::size_t blockSize = std::max(kBlockBytes, size + alignment);
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(blockSize));  // not zeroed: every byte is written before it is read
        m_blockSizes.push_back(blockSize);
        m_free = m_blocks.back().get();
        m_left = blockSize;
    }
    const std::size_t skip = pad(m_free);
    char* out = m_free + skip;
    m_free += skip + size;
    m_left -= skip + size;
    return out;
}

Text TextStore::copy(std::string_view text) {
    if (text.size() > std::numeric_limits<std::uint32_t>::max())
        throw OperationError({}, "a text of " + std::to_string(text.size()) + " bytes is too long to keep");
    const auto length = static_cast<std::uint32_t>(text.size());
    char* at = allocate(sizeof length + text.size() + 1, alignof(std::uint32_t));
    std::memcpy(at, &length, sizeof length);
    if (!text.empty()) std::memcpy(at + sizeof length, text.data(), text.size());
    at[sizeof length + text.size()] = '\0';
    return Text(at + sizeof length);
}

Text TextStore::intern(std::string_view text) {
    if (text.empty()) return Text();
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_interned.find(text); it != m_interned.end()) return Text(it->data());
    const Text kept = copy(text);
    m_interned.insert(kept.view());
    return kept;
}

Text TextStore::keep(std::string_view text) {
    if (text.empty()) return Text();
    const std::lock_guard lock(m_mutex);
    return copy(text);
}

std::size_t TextStore::bytes() const {
    const std::lock_guard lock(m_mutex);
    std::size_t total = 0;
    for (std::size_t size : m_blockSizes) total += size;
    return total;
}

}  // namespace bordermap
