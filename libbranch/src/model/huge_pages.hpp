#pragma once
// Asking the kernel for huge pages under a large allocation. Internal.
#include <cstddef>

namespace libbranch::detail {

/// Advises that [data, data + bytes), allocated but not yet touched, be backed by transparent huge
/// pages where the system allows it (MADV_HUGEPAGE; a no-op elsewhere or below 4 MiB). A hash
/// index of millions of ids is probed at random: with 4 KiB pages nearly every probe also misses
/// the TLB, and filling it takes a page fault every 4 KiB. Where THP is "always" but its defrag
/// setting is "madvise" (Debian's default), only advised memory gets huge pages.
void prefer_huge_pages(void* data, std::size_t bytes) noexcept;

}  // namespace libbranch::detail
