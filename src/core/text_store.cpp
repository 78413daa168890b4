#include "bordermap/core/text_store.hpp"

#include <bordermap/core/error.hpp>

#include <lz4.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

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

void TextStore::growInterned() {
    std::vector<InternSlot> slots(m_interned.empty() ? 1024 : m_interned.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const InternSlot& slot : m_interned) {
        if (slot.chars == nullptr) continue;
        std::size_t at = slot.hash & mask;
        while (slots[at].chars != nullptr) at = (at + 1) & mask;
        slots[at] = slot;
    }
    m_interned = std::move(slots);
}

Text TextStore::intern(std::string_view text) {
    if (text.empty()) return Text();
    const std::size_t hash = std::hash<std::string_view>{}(text);  // outside the lock
    const std::lock_guard lock(m_mutex);
    if (2 * (m_internedCount + 1) > m_interned.size()) growInterned();
    const std::size_t mask = m_interned.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        InternSlot& slot = m_interned[at];
        if (slot.chars == nullptr) {
            const Text kept = copy(text);
            slot = {hash, kept.c_str()};
            ++m_internedCount;
            return kept;
        }
        if (slot.hash == hash && Text(slot.chars).view() == text) return Text(slot.chars);
    }
}

Text TextStore::keep(std::string_view text) {
    if (text.empty()) return Text();
    const std::lock_guard lock(m_mutex);
    return copy(text);
}

namespace {

constexpr std::size_t kLongBlockBytes = std::size_t{64} << 10;

// Reads the record at `at` in a block: its length, then its bytes.
std::string_view recordAt(std::string_view block, std::size_t at) {
    std::uint32_t length;
    std::memcpy(&length, block.data() + at, sizeof length);
    return block.substr(at + sizeof length, length);
}

}  // namespace

void TextStore::sealLongBlock() {
    LongBlock block;
    block.size = static_cast<std::uint32_t>(m_longOpen.size());
    block.compressed.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(m_longOpen.size()))));
    const int written = LZ4_compress_default(m_longOpen.data(), block.compressed.data(), static_cast<int>(m_longOpen.size()),
                                             static_cast<int>(block.compressed.size()));
    if (written <= 0) throw OperationError({}, "LZ4 could not compress a block of text");
    block.compressed.resize(static_cast<std::size_t>(written));
    block.compressed.shrink_to_fit();
    m_longBlocks.push_back(std::move(block));
    m_longOpen.clear();
}

LongText TextStore::keepLong(std::string_view text) {
    if (text.empty()) return LongText();
    if (text.size() > kLongBlockBytes * 16)
        throw OperationError({}, "a text of " + std::to_string(text.size()) + " bytes is too long to keep");
    const std::lock_guard lock(m_mutex);
    if (!m_longOpen.empty() && m_longOpen.size() + text.size() > kLongBlockBytes) sealLongBlock();
    LongText out;
    out.m_block = static_cast<std::uint32_t>(m_longBlocks.size());
    out.m_offset = static_cast<std::uint32_t>(m_longOpen.size());
    const auto length = static_cast<std::uint32_t>(text.size());
    m_longOpen.append(reinterpret_cast<const char*>(&length), sizeof length);
    m_longOpen.append(text);
    return out;
}

std::string TextStore::text(LongText text) const {
    if (text.empty()) return {};
    const std::lock_guard lock(m_mutex);
    if (text.m_block == m_longBlocks.size()) return std::string(recordAt(m_longOpen, text.m_offset));
    const LongBlock& block = m_longBlocks.at(text.m_block);
    std::string raw(block.size, '\0');
    if (LZ4_decompress_safe(block.compressed.data(), raw.data(), static_cast<int>(block.compressed.size()),
                            static_cast<int>(raw.size())) != static_cast<int>(block.size))
        throw OperationError({}, "a block of text does not decompress");
    return std::string(recordAt(raw, text.m_offset));
}

void TextStore::forEachLong(const std::function<void(LongText, std::string_view)>& f) const {
    const std::lock_guard lock(m_mutex);
    std::string raw;
    const auto walk = [&](std::uint32_t number, std::string_view block) {
        for (std::size_t at = 0; at < block.size();) {
            const std::string_view record = recordAt(block, at);
            LongText handle;
            handle.m_block = number;
            handle.m_offset = static_cast<std::uint32_t>(at);
            f(handle, record);
            at += sizeof(std::uint32_t) + record.size();
        }
    };
    for (std::uint32_t number = 0; number < m_longBlocks.size(); ++number) {
        const LongBlock& block = m_longBlocks[number];
        raw.resize(block.size);
        if (LZ4_decompress_safe(block.compressed.data(), raw.data(), static_cast<int>(block.compressed.size()),
                                static_cast<int>(raw.size())) != static_cast<int>(block.size))
            throw OperationError({}, "a block of text does not decompress");
        walk(number, raw);
    }
    walk(static_cast<std::uint32_t>(m_longBlocks.size()), m_longOpen);
}

std::vector<LongText> TextStore::findLong(std::string_view needle) const {
    std::string lowered(needle);
    for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // The sealed blocks never change: searched outside the lock; the open one is copied.
    std::vector<const LongBlock*> blocks;
    std::string open;
    {
        const std::lock_guard lock(m_mutex);
        for (const LongBlock& b : m_longBlocks) blocks.push_back(&b);
        open = m_longOpen;
    }
    const std::size_t count = blocks.size() + 1;
    std::vector<std::vector<LongText>> found(count);
    const auto search = [&](std::size_t number, std::string& raw) {
        // Lower the texts, not their lengths.
        for (std::size_t at = 0; at < raw.size();) {
            std::uint32_t length;
            std::memcpy(&length, raw.data() + at, sizeof length);
            at += sizeof length;
            for (std::size_t i = at; i < at + length; ++i)
                if (raw[i] >= 'A' && raw[i] <= 'Z') raw[i] = static_cast<char>(raw[i] - 'A' + 'a');
            at += length;
        }
        std::size_t record = 0;  // the record the search is in: its length prefix at `record`
        const char* at = raw.data();
        const char* end = raw.data() + raw.size();
        while (at < end && !lowered.empty()) {
            const void* hit = memmem(at, static_cast<std::size_t>(end - at), lowered.data(), lowered.size());
            if (hit == nullptr) break;
            const auto position = static_cast<std::size_t>(static_cast<const char*>(hit) - raw.data());
            // Walk to the record holding the hit; a hit across a record's end (or in a length) is no match.
            std::uint32_t length = 0;
            while (true) {
                std::memcpy(&length, raw.data() + record, sizeof length);
                if (position < record + sizeof length + length) break;
                record += sizeof length + length;
            }
            const std::size_t textStart = record + sizeof length, textEnd = textStart + length;
            if (position >= textStart && position + lowered.size() <= textEnd) {
                LongText handle;
                handle.m_block = static_cast<std::uint32_t>(number);
                handle.m_offset = static_cast<std::uint32_t>(record);
                found[number].push_back(handle);
                at = raw.data() + textEnd;  // one hit is enough for this text
            } else {
                at = static_cast<const char*>(hit) + 1;
            }
        }
    };
    const auto work = [&](std::size_t from, std::size_t step) {
        std::string raw;
        for (std::size_t number = from; number < count; number += step) {
            if (number == blocks.size()) {
                raw = open;
            } else {
                const LongBlock& block = *blocks[number];
                raw.resize(block.size);
                if (LZ4_decompress_safe(block.compressed.data(), raw.data(), static_cast<int>(block.compressed.size()),
                                        static_cast<int>(raw.size())) != static_cast<int>(block.size))
                    throw OperationError({}, "a block of text does not decompress");
            }
            search(number, raw);
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, count / 16));
    std::vector<std::thread> workers;
    std::exception_ptr error;
    std::mutex errorMutex;
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back([&, t] {
            try {
                work(t, threads);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                error = std::current_exception();
            }
        });
    work(0, threads);
    for (std::thread& w : workers) w.join();
    if (error) std::rethrow_exception(error);
    std::vector<LongText> out;
    for (const auto& hits : found) out.insert(out.end(), hits.begin(), hits.end());
    return out;
}

std::size_t TextStore::bytes() const {
    const std::lock_guard lock(m_mutex);
    std::size_t total = 0;
    for (std::size_t size : m_blockSizes) total += size;
    for (const LongBlock& block : m_longBlocks) total += block.compressed.capacity();
    total += m_longOpen.capacity();
    return total;
}

}  // namespace bordermap
