#pragma once
// Text held once for many records. A catalogue of a million events repeats a few thousand strings (sources,
// admin names, kinds of event, file names) and holds a few long ones (summaries) each once: a std::string per
// field would cost 32 bytes before any text. A Text is one pointer (8 bytes) into a TextStore that keeps its
// characters in large append-only blocks, so a Text stays valid as long as its store lives, whatever is added.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <optional>
#include <type_traits>
#include <vector>

namespace bordermap {

// A view of text kept by a TextStore (or of the empty text). Its length is stored in the four bytes before the
// characters, which are followed by a NUL, so c_str() works. Compares by content.
class Text {
public:
    Text() = default;

    std::string_view view() const {
        std::uint32_t length;
        std::memcpy(&length, m_chars - sizeof length, sizeof length);
        return {m_chars, length};
    }
    operator std::string_view() const { return view(); }  // NOLINT: a Text is read as text everywhere
    std::string str() const { return std::string(view()); }
    const char* c_str() const { return m_chars; }
    bool empty() const { return view().empty(); }
    std::size_t size() const { return view().size(); }

    friend bool operator==(Text a, Text b) { return a.m_chars == b.m_chars || a.view() == b.view(); }
    friend bool operator==(Text a, std::string_view b) { return a.view() == b; }
    friend bool operator==(Text a, const char* b) { return a.view() == b; }
    friend std::string operator+(const std::string& a, Text b) { return a + std::string(b.view()); }
    friend std::string operator+(Text a, const std::string& b) { return std::string(a.view()) + b; }
    friend std::string operator+(const char* a, Text b) { return a + std::string(b.view()); }
    friend std::string operator+(Text a, const char* b) { return std::string(a.view()) + b; }
    friend std::ostream& operator<<(std::ostream& out, Text t) { return out << t.view(); }

private:
    friend class TextStore;
    explicit Text(const char* chars) : m_chars(chars) {}

    static const char* emptyChars();
    const char* m_chars = emptyChars();
};

// A list kept by a TextStore (an event's sources, its places): one pointer, the count stored before the items.
template <class T>
class StoredList {
public:
    StoredList() = default;
    std::span<const T> items() const {
        if (m_items == nullptr) return {};
        std::uint32_t count;
        std::memcpy(&count, reinterpret_cast<const char*>(m_items) - sizeof count, sizeof count);
        return {m_items, count};
    }
    operator std::span<const T>() const { return items(); }  // NOLINT: read as a span
    const T* begin() const { return m_items; }
    const T* end() const { return m_items == nullptr ? nullptr : m_items + size(); }
    std::size_t size() const { return items().size(); }
    bool empty() const { return m_items == nullptr; }
    const T& operator[](std::size_t i) const { return m_items[i]; }
    const T& front() const { return m_items[0]; }

private:
    friend class TextStore;
    explicit StoredList(const T* items) : m_items(items) {}
    const T* m_items = nullptr;
};

using TextList = StoredList<Text>;

// A long text (an event's summary) kept by a TextStore: compressed, which block and where in it; or interned, the
// address of its characters, the top bit of m_block set. Read it with TextStore::text().
class LongText {
public:
    LongText() = default;
    bool empty() const { return m_block == kNone; }
    // Texts in the store's order: compressed ones as kept, then interned ones (a key for sorting and searching).
    std::uint64_t order() const { return (std::uint64_t{m_block} << 32) | m_offset; }

private:
    friend class TextStore;
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    static constexpr std::uint32_t kInterned = std::uint32_t{1} << 31;
    bool interned() const { return m_block != kNone && (m_block & kInterned) != 0; }
    // An interned one's characters (a Text's).
    const char* chars() const {
        return reinterpret_cast<const char*>(static_cast<std::uintptr_t>((std::uint64_t{m_block & ~kInterned} << 32) | m_offset));
    }
    std::uint32_t m_block = kNone;
    std::uint32_t m_offset = 0;
};

// Keeps text in blocks that never move. `intern` gives one copy of each distinct text (for what repeats);
// `keep` copies without looking (for text that is unique anyway, such as ids and summaries). Thread-safe.
class TextStore {
public:
    TextStore() = default;
    TextStore(const TextStore&) = delete;
    TextStore& operator=(const TextStore&) = delete;

    Text intern(std::string_view text);
    Text keep(std::string_view text);
    // A copy of `items` (trivially copyable: Texts, coordinates); an empty list for none.
    template <class T>
    StoredList<T> list(std::span<const T> items) {
        const std::lock_guard lock(m_mutex);
        return listLocked(items);
    }

    // A copy of `value` (trivially copyable: a record of Texts), where it stays as long as the store.
    template <class T>
    const T* record(const T& value) {
        const std::lock_guard lock(m_mutex);
        return recordLocked(value);
    }

    // Long text (summaries: the most of a million events' text, read only when one event is shown or a filter
    // searches them all) goes into blocks of about 64 KiB compressed with LZ4, about a third of their size.
    LongText keepLong(std::string_view text);
    // One copy of each distinct long text, for long text that repeats (ACLED's notes and lists of outlets: a few
    // hundred thousand at most for a million rows): interned as it is, not compressed, so that it is found again
    // and searched without decompressing. Not for text that is unique anyway.
    LongText internLong(std::string_view text);
    std::string text(LongText text) const;
    // Calls f(handle, text) for every long text kept, in the store's order, each block decompressed once: a search
    // through them all. f must not call the store: the walk holds its lock.
    void forEachLong(const std::function<void(LongText, std::string_view)>& f) const;
    // The long texts that contain `needle` ignoring ASCII case, in the store's order, on every core: each block
    // decompressed and lowered once and searched whole with memmem; the interned texts searched as they are.
    std::vector<LongText> findLong(std::string_view needle) const;
    // The same among `among` alone (handles in the store's order, as order() sorts them): only their blocks are
    // decompressed and only their texts searched. What a word index's candidates are checked with.
    std::vector<LongText> findLong(std::string_view needle, std::span<const LongText> among) const;
    // Calls f(k, text) for each among[k] (handles in the store's order), each block needed decompressed once.
    void forEachLong(std::span<const LongText> among, const std::function<void(std::size_t, std::string_view)>& f) const;

    // Reads long texts one at a time, keeping the block it decompressed last: texts read in about the order they
    // were kept (an event's note after its summary) cost one decompression a block, not one a text. The view read
    // stays valid until the next read. For one thread; the store must outlive it.
    class LongReader {
    public:
        explicit LongReader(const TextStore& store) : m_store(store) {}
        std::string_view read(LongText text);

    private:
        const TextStore& m_store;
        std::optional<std::uint32_t> m_block;  // the block in m_raw
        std::string m_raw;
    };

    // The hash an interned text is found by (its top bit is clear: the store's table uses it).
    static std::size_t hashOf(std::string_view text);

    // Holds the store's lock while one thread adds many texts: a reader that adds a dozen a row (an ACLED row) takes
    // the lock once a row, not once a text (a tenth of a million rows' import went to locking). The same calls as
    // the store's; the store itself must not be called on this thread while a Writer lives.
    class Writer {
    public:
        explicit Writer(TextStore& store) : m_store(store), m_lock(store.m_mutex) {}
        Text intern(std::string_view text) { return intern(text, hashOf(text)); }
        // The same, `hash` being hashOf(text), computed already.
        Text intern(std::string_view text, std::size_t hash) {
            bool listed = false;
            return m_store.internLocked(text, hash, false, listed);
        }
        Text keep(std::string_view text) { return m_store.keepLocked(text); }
        LongText keepLong(std::string_view text) { return m_store.keepLongLocked(text); }
        LongText internLong(std::string_view text) { return m_store.internLongLocked(text); }
        template <class T>
        StoredList<T> list(std::span<const T> items) {
            return m_store.listLocked(items);
        }
        template <class T>
        const T* record(const T& value) {
            return m_store.recordLocked(value);
        }

    private:
        TextStore& m_store;
        std::lock_guard<std::mutex> m_lock;
    };

    // Bytes held in blocks (what the store costs, less its index of interned text).
    std::size_t bytes() const;

private:
    char* allocate(std::size_t size, std::size_t alignment);
    Text copy(std::string_view text);
    // What the calls above do once they hold the lock.
    template <class T>
    StoredList<T> listLocked(std::span<const T> items) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (items.empty()) return StoredList<T>();
        const auto count = static_cast<std::uint32_t>(items.size());
        // The count sits just before the first item, which is aligned as the items must be.
        constexpr std::size_t head = alignof(T) > sizeof count ? alignof(T) : sizeof count;
        char* at = allocate(head + items.size() * sizeof(T), alignof(T) > sizeof count ? alignof(T) : sizeof count);
        std::memcpy(at + head - sizeof count, &count, sizeof count);
        T* first = reinterpret_cast<T*>(at + head);
        std::memcpy(static_cast<void*>(first), items.data(), items.size() * sizeof(T));
        return StoredList<T>(first);
    }
    template <class T>
    const T* recordLocked(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        char* at = allocate(sizeof(T), alignof(T));
        std::memcpy(at, &value, sizeof(T));
        return reinterpret_cast<const T*>(at);
    }
    Text keepLocked(std::string_view text);
    LongText keepLongLocked(std::string_view text);
    LongText internLongLocked(std::string_view text);

    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::size_t> m_blockSizes;
    char* m_free = nullptr;
    std::size_t m_left = 0;
    // The interned texts, found by hash: open addressing with linear probing over a power of two of slots, at most
    // half of them used. A slot keeps its text's hash, so a probe reads a text only when it is almost surely the
    // one looked for: a million ACLED rows intern a dozen texts each, and a set of nodes spent three cache misses on
    // each look-up.
    struct InternSlot {
        std::size_t hash = 0;
        const char* chars = nullptr;  // a Text's; nullptr: free
    };
    void growInterned();
    // Interns `text` (whose hashOf is `hash`); with `asLong`, lists it among the long texts too, `listed` saying
    // whether it was just now.
    Text internLocked(std::string_view text, std::size_t hash, bool asLong, bool& listed);
    static constexpr std::size_t kListedAsLong = ~(~std::size_t{0} >> 1);
    std::vector<InternSlot> m_interned;
    std::size_t m_internedCount = 0;
    struct LongBlock {
        std::vector<char> compressed;
        std::uint32_t size = 0;  // decompressed
    };
    void sealLongBlock();
    // What a search needs of the blocks, taken under the lock: where each sealed block's compressed bytes are (they
    // stay where they are when m_longBlocks grows), a copy of the open block, and with `withInterned` a copy of the
    // list of interned long texts (for a search of them all).
    struct LongBlocks {
        struct Sealed {
            const char* compressed;
            std::size_t compressedSize;
            std::uint32_t size;
        };
        std::vector<Sealed> sealed;
        std::string open;  // number sealed.size()
        std::vector<LongText> interned;  // in the order interned; empty unless asked for
    };
    LongBlocks longBlocks(bool withInterned = false) const;
    std::vector<LongBlock> m_longBlocks;
    std::string m_longOpen;  // the block being filled, m_longBlocks.size() by number: records of length + bytes
    std::vector<char> m_compressing;  // sealLongBlock's room
    std::vector<LongText> m_longInterned;  // in the order interned
};

}  // namespace bordermap
