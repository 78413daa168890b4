#pragma once
// A hint to the kernel to back a big list with 2 MB pages. A list of a million events, or of a million binned
// places, is filled once, front to back: with 4 KB pages every 4 KB costs a page fault when first written, and
// those faults were a fifth of an ACLED load and most of a cumulative binning. Only a hint: where transparent huge
// pages are off, or the list is small, nothing changes.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bordermap {

// The whole 2 MB pages inside `bytes` from `data`.
inline void adviseHugePages(const void* data, std::size_t bytes) {
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t from = (begin + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t to = (begin + bytes) & ~(kHuge - 1);
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

template <typename T>
void adviseHugePages(const std::vector<T>& list) {
    adviseHugePages(list.data(), list.capacity() * sizeof(T));
}

// Reserves room for `n` items and asks for huge pages under it.
template <typename T>
void reserveHuge(std::vector<T>& list, std::size_t n) {
    list.reserve(n);
    adviseHugePages(list);
}

}  // namespace bordermap
