#pragma once
// A hint to the kernel to back a big list with 2 MB pages. A list of a million events, or of a million binned
// places, is filled once, front to back: with 4 KB pages every 4 KB costs a page fault when first written, and
// those faults were a fifth of an ACLED load and most of a cumulative binning. Only a hint: where transparent huge
// pages are off, or the list is small, nothing changes.

#include <sys/mman.h>

#include <cstdint>
#include <vector>

namespace bordermap {

template <typename T>
void adviseHugePages(const std::vector<T>& list) {
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(list.data());
    const std::uintptr_t from = (begin + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t to = (begin + list.capacity() * sizeof(T)) & ~(kHuge - 1);
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

// Reserves room for `n` items and asks for huge pages under it.
template <typename T>
void reserveHuge(std::vector<T>& list, std::size_t n) {
    list.reserve(n);
    adviseHugePages(list);
}

}  // namespace bordermap
