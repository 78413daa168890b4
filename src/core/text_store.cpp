#include "bordermap/core/text_store.hpp"

#include <bordermap/core/caseless_search.hpp>
#include <bordermap/core/error.hpp>
#include <bordermap/core/huge_pages.hpp>

#include <lz4.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

namespace bordermap {

namespace {

// Blocks of 1 MiB for a store's first few MiB (the embedded catalogue's text); then of 8 MiB, backed by 2 MB pages
// where the kernel has them, so that a million events' text costs a page fault every 2 MB, not every 4 KB (the
// faults were a tenth of a million-row ACLED load). A longer text gets a block of its own.
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
constexpr std::size_t kSmallBlocks = 4;
constexpr std::size_t kBigBlockBytes = std::size_t{8} << 20;

// The empty text: a zero length, then the NUL that c_str() returns.
alignas(std::uint32_t) constexpr char kEmpty[sizeof(std::uint32_t) + 1] = {};

}  // namespace

const char* Text::emptyChars() { return kEmpty + sizeof(std::uint32_t); }

char* TextStore::allocate(std::size_t size, std::size_t alignment) {
    const auto pad = [&](char* p) {
        return static_cast<std::size_t>((alignment - reinterpret_cast<std::uintptr_t>(p) % alignment) % alignment);
    };
    if (m_free == nullptr || pad(m_free) + size > m_left) {
        const bool big = m_blocks.size() >= kSmallBlocks;
        const std::size_t blockSize = std::max(big ? kBigBlockBytes : kBlockBytes, size + alignment);
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(blockSize));  // not zeroed: every byte is written before it is read
        m_blockSizes.push_back(blockSize);
        if (big) adviseHugePages(m_blocks.back().get(), blockSize);
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
        std::size_t at = (slot.hash & ~kListedAsLong) & mask;
        while (slots[at].chars != nullptr) at = (at + 1) & mask;
        slots[at] = slot;
    }
    m_interned = std::move(slots);
}

std::size_t TextStore::hashOf(std::string_view text) { return std::hash<std::string_view>{}(text) & ~kListedAsLong; }

Text TextStore::intern(std::string_view text) {
    if (text.empty()) return Text();
    bool listed = false;
    const std::size_t hash = hashOf(text);  // outside the lock
    const std::lock_guard lock(m_mutex);
    return internLocked(text, hash, false, listed);
}

Text TextStore::internLocked(std::string_view text, std::size_t hash, bool asLong, bool& listed) {
    listed = false;
    if (text.empty()) return Text();
    // The top bit of a slot's hash says whether its text is among the long texts (internLong).
    if (2 * (m_internedCount + 1) > m_interned.size()) growInterned();
    const std::size_t mask = m_interned.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        InternSlot& slot = m_interned[at];
        if (slot.chars == nullptr) {
            const Text kept = copy(text);
            slot = {hash | (asLong ? kListedAsLong : 0), kept.c_str()};
            ++m_internedCount;
            listed = asLong;
            return kept;
        }
        if ((slot.hash & ~kListedAsLong) == hash && Text(slot.chars).view() == text) {
            if (asLong && (slot.hash & kListedAsLong) == 0) {
                slot.hash |= kListedAsLong;
                listed = true;
            }
            return Text(slot.chars);
        }
    }
}

Text TextStore::keep(std::string_view text) {
    if (text.empty()) return Text();
    const std::lock_guard lock(m_mutex);
    return copy(text);
}

Text TextStore::keepLocked(std::string_view text) { return text.empty() ? Text() : copy(text); }

namespace {

constexpr std::size_t kLongBlockBytes = std::size_t{64} << 10;
// Sorts long texts into the store's order.
constexpr auto inStoreOrder = [](LongText a, LongText b) { return a.order() < b.order(); };

// Interned long texts searched together as one piece of work (about a block's worth of text).
constexpr std::size_t kInternedSlice = 512;

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
    // Compressed into room kept from block to block, then copied once at its size: not zeroed, grown and shrunk.
    m_compressing.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(m_longOpen.size()))));
    const int written = LZ4_compress_default(m_longOpen.data(), m_compressing.data(), static_cast<int>(m_longOpen.size()),
                                             static_cast<int>(m_compressing.size()));
    if (written <= 0) throw OperationError({}, "LZ4 could not compress a block of text");
    block.compressed.assign(m_compressing.data(), m_compressing.data() + written);
    m_longBlocks.push_back(std::move(block));
    m_longOpen.clear();
}

LongText TextStore::keepLong(std::string_view text) {
    if (text.empty()) return LongText();
    const std::lock_guard lock(m_mutex);
    return keepLongLocked(text);
}

LongText TextStore::keepLongLocked(std::string_view text) {
    if (text.empty()) return LongText();
    if (text.size() > kLongBlockBytes * 16)
        throw OperationError({}, "a text of " + std::to_string(text.size()) + " bytes is too long to keep");
    if (!m_longOpen.empty() && m_longOpen.size() + text.size() > kLongBlockBytes) sealLongBlock();
    LongText out;
    out.m_block = static_cast<std::uint32_t>(m_longBlocks.size());
    out.m_offset = static_cast<std::uint32_t>(m_longOpen.size());
    const auto length = static_cast<std::uint32_t>(text.size());
    m_longOpen.append(reinterpret_cast<const char*>(&length), sizeof length);
    m_longOpen.append(text);
    return out;
}

LongText TextStore::internLong(std::string_view text) {
    if (text.empty()) return LongText();
    const std::lock_guard lock(m_mutex);
    return internLongLocked(text);
}

LongText TextStore::internLongLocked(std::string_view text) {
    if (text.size() > kLongBlockBytes * 16)
        throw OperationError({}, "a text of " + std::to_string(text.size()) + " bytes is too long to keep");
    bool added = false;  // listed among the long texts just now
    const Text raw = internLocked(text, hashOf(text), true, added);
    if (raw.empty()) return LongText();
    const auto address = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(raw.c_str()));
    if ((address >> 32) >= LongText::kInterned) throw OperationError({}, "a text's address does not fit in a LongText");
    LongText out;
    out.m_block = static_cast<std::uint32_t>(address >> 32) | LongText::kInterned;
    out.m_offset = static_cast<std::uint32_t>(address);
    if (added) m_longInterned.push_back(out);
    return out;
}

std::string_view TextStore::LongReader::read(LongText text) {
    if (text.empty()) return {};
    if (text.interned()) return Text(text.chars()).view();
    if (m_block != text.m_block) {
        const std::lock_guard lock(m_store.m_mutex);
        if (text.m_block == m_store.m_longBlocks.size()) {
            // The open block: copied, and not remembered (it may grow).
            m_raw = m_store.m_longOpen;
            m_block.reset();
            return recordAt(m_raw, text.m_offset);
        }
        const LongBlock& block = m_store.m_longBlocks.at(text.m_block);
        m_raw.resize(block.size);
        if (LZ4_decompress_safe(block.compressed.data(), m_raw.data(), static_cast<int>(block.compressed.size()),
                                static_cast<int>(m_raw.size())) != static_cast<int>(block.size))
            throw OperationError({}, "a block of text does not decompress");
        m_block = text.m_block;
    }
    return recordAt(m_raw, text.m_offset);
}

std::string TextStore::text(LongText text) const {
    if (text.empty()) return {};
    if (text.interned()) return std::string(Text(text.chars()).view());
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
    std::vector<LongText> interned = m_longInterned;
    std::sort(interned.begin(), interned.end(), inStoreOrder);
    for (const LongText& handle : interned) f(handle, Text(handle.chars()).view());
}

TextStore::LongBlocks TextStore::longBlocks(bool withInterned) const {
    LongBlocks out;
    const std::lock_guard lock(m_mutex);
    out.sealed.reserve(m_longBlocks.size());
    for (const LongBlock& b : m_longBlocks) out.sealed.push_back({b.compressed.data(), b.compressed.size(), b.size});
    out.open = m_longOpen;
    if (withInterned) out.interned = m_longInterned;
    return out;
}

namespace {

// Block `number` of `blocks` as text, in `raw` (a sealed one decompressed, the open one copied).
template <class Blocks>
void readBlock(const Blocks& blocks, std::size_t number, std::string& raw) {
    if (number == blocks.sealed.size()) {
        raw = blocks.open;
        return;
    }
    const auto& block = blocks.sealed[number];
    raw.resize(block.size);
    if (LZ4_decompress_safe(block.compressed, raw.data(), static_cast<int>(block.compressedSize), static_cast<int>(raw.size())) !=
        static_cast<int>(block.size))
        throw OperationError({}, "a block of text does not decompress");
}

// Calls work(from, step) on `threads` threads (this one among them), from = 0 .. threads - 1, and rethrows the first
// exception any of them threw once all are done.
void onThreads(std::size_t threads, const std::function<void(std::size_t, std::size_t)>& work) {
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
    try {
        work(0, threads);
    } catch (...) {
        const std::lock_guard lock(errorMutex);
        error = std::current_exception();
    }
    for (std::thread& w : workers) w.join();
    if (error) std::rethrow_exception(error);
}

// Threads for `blocks` blocks of work: every core, but at least 16 blocks each (fewer would not pay for starting one).
std::size_t threadsFor(std::size_t blocks) {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, blocks / 16));
}

std::string loweredCopy(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void lowerInPlace(char* at, std::size_t length) {
    for (char* end = at + length; at < end; ++at)
        if (*at >= 'A' && *at <= 'Z') *at = static_cast<char>(*at - 'A' + 'a');
}

}  // namespace

std::vector<LongText> TextStore::findLong(std::string_view needle) const {
    const std::string lowered = loweredCopy(needle);
    // The sealed blocks never change: searched outside the lock; the open one is copied.
    const LongBlocks blocks = longBlocks(true);
    const std::size_t count = blocks.sealed.size() + 1;
    std::vector<std::vector<LongText>> found(count);
    const auto search = [&](std::size_t number, std::string& raw) {
        // Lower the texts, not their lengths.
        for (std::size_t at = 0; at < raw.size();) {
            std::uint32_t length;
            std::memcpy(&length, raw.data() + at, sizeof length);
            at += sizeof length;
            lowerInPlace(raw.data() + at, length);
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
    // Interned texts (not compressed) are searched as they are, in slices of the same work as a block.
    const std::size_t slices = (blocks.interned.size() + kInternedSlice - 1) / kInternedSlice;
    std::vector<std::vector<LongText>> foundInterned(slices);
    const CaselessSearch caseless{std::string(needle)};
    onThreads(threadsFor(count + slices), [&](std::size_t from, std::size_t step) {
        std::string raw;
        for (std::size_t number = from; number < count + slices; number += step) {
            if (number < count) {
                readBlock(blocks, number, raw);
                search(number, raw);
                continue;
            }
            const std::size_t slice = number - count;
            const std::size_t end = std::min(blocks.interned.size(), (slice + 1) * kInternedSlice);
            for (std::size_t k = slice * kInternedSlice; k < end; ++k)
                if (!needle.empty() && caseless.in(Text(blocks.interned[k].chars()).view()))
                    foundInterned[slice].push_back(blocks.interned[k]);
        }
    });
    std::vector<LongText> out;
    for (const auto& hits : found) out.insert(out.end(), hits.begin(), hits.end());
    const std::size_t compressed = out.size();
    for (const auto& hits : foundInterned) out.insert(out.end(), hits.begin(), hits.end());
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(compressed), out.end(), inStoreOrder);
    return out;
}

std::vector<LongText> TextStore::findLong(std::string_view needle, std::span<const LongText> among) const {
    // Each text searched as it is, with a skip table that folds case: no pass to lower it, no memmem set up again
    // for each of a few hundred thousand texts.
    const CaselessSearch search{std::string(needle)};
    const LongBlocks blocks = longBlocks();
    // The blocks that hold a text to look at, each with where its texts start in `among`; then slices of the
    // interned texts (which come last in the store's order), read as they are.
    std::vector<std::size_t> starts;
    std::size_t k = 0;
    for (; k < among.size() && !among[k].interned(); ++k) {
        if (among[k].empty() || among[k].m_block > blocks.sealed.size())
            throw OperationError({}, "a text searched for is not in this store");
        if (k == 0 || among[k].m_block != among[k - 1].m_block) starts.push_back(k);
    }
    const std::size_t blockCount = starts.size();
    for (; k < among.size(); k += kInternedSlice) starts.push_back(k);
    starts.push_back(among.size());
    std::vector<char> hit(among.size(), 0);
    onThreads(threadsFor(starts.size() - 1), [&](std::size_t from, std::size_t step) {
        std::string raw;
        for (std::size_t b = from; b + 1 < starts.size(); b += step) {
            if (b >= blockCount) {
                for (std::size_t i = starts[b]; i < starts[b + 1]; ++i) {
                    if (!among[i].interned()) throw OperationError({}, "texts searched for are not in the store's order");
                    hit[i] = search.in(Text(among[i].chars()).view());
                }
                continue;
            }
            readBlock(blocks, among[starts[b]].m_block, raw);
            for (std::size_t i = starts[b]; i < starts[b + 1]; ++i) hit[i] = search.in(recordAt(raw, among[i].m_offset));
        }
    });
    std::vector<LongText> out;
    for (std::size_t i = 0; i < among.size(); ++i)
        if (hit[i]) out.push_back(among[i]);
    return out;
}

void TextStore::forEachLong(std::span<const LongText> among, const std::function<void(std::size_t, std::string_view)>& f) const {
    const LongBlocks blocks = longBlocks();
    std::string raw;
    std::size_t current = ~std::size_t{0};
    for (std::size_t k = 0; k < among.size(); ++k) {
        if (among[k].interned()) {
            f(k, Text(among[k].chars()).view());
            continue;
        }
        if (among[k].empty() || among[k].m_block > blocks.sealed.size())
            throw OperationError({}, "a text read is not in this store");
        if (among[k].m_block != current) {
            current = among[k].m_block;
            readBlock(blocks, current, raw);
        }
        f(k, recordAt(raw, among[k].m_offset));
    }
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
