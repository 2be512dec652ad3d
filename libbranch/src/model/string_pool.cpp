#include <libbranch/model/string_pool.hpp>

#include <algorithm>

#include "huge_pages.hpp"
#include "same_text.hpp"

// XXH3 compiled into this file: ids, kinds and dictionary values are short, and inlined into
// find and insert its 64-bit mix of a few words costs less than a call into libstdc++'s hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace libbranch {
// Positions come from the same 32 bits that are stored, so the table can grow without the pool.
// Never written to archives: an index is rebuilt on load, so the function may change.
std::uint32_t IdIndex::hash(std::string_view key) {
  const XXH64_hash_t h = XXH3_64bits(key.data(), key.size());
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void StringPool::append(const StringPool& other) {
  const std::uint64_t offset = chars_.size();
  chars_.append(other.chars_);
  for (std::size_t i = 0; i < other.size(); ++i) push_end(offset + other.end_of(i));
}

StringPool StringPool::permuted(const std::vector<std::uint32_t>& order) const {
  StringPool out;
  out.reserve(order.size(), chars_.size());
  for (std::uint32_t i : order) out.add((*this)[i]);
  return out;
}

bool StringPool::valid_parts(std::size_t chars_size, const std::vector<std::uint32_t>& low_ends,
                             const std::vector<std::uint32_t>& wraps) {
  for (std::size_t i = 1; i < wraps.size(); ++i)
    if (wraps[i] < wraps[i - 1]) return false;
  if (!wraps.empty() && wraps.back() >= low_ends.size()) return false;
  std::uint64_t previous = 0;
  std::size_t high = 0;  // wraps at or before string i
  for (std::size_t i = 0; i < low_ends.size(); ++i) {
    while (high < wraps.size() && wraps[high] <= i) ++high;
    const std::uint64_t e = (static_cast<std::uint64_t>(high) << 32) + low_ends[i];
    if (e < previous || e > chars_size) return false;
    previous = e;
  }
  return previous == chars_size;
}

std::optional<StringPool> StringPool::from_ends(std::string chars, const std::vector<std::uint64_t>& ends) {
  std::uint64_t previous = 0;
  for (const std::uint64_t e : ends) {
    if (e < previous || e > chars.size()) return std::nullopt;
    previous = e;
  }
  if (previous != chars.size()) return std::nullopt;
  StringPool p;
  p.chars_ = std::move(chars);
  p.ends_.reserve(ends.size());
  for (const std::uint64_t e : ends) p.push_end(e);
  return p;
}

IdIndex::IdIndex(const StringPool& pool) {
  reserve(pool.size());
  for (std::uint32_t i = 0; i < pool.size(); ++i) insert(pool, i);
}

void IdIndex::reserve(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity * 7 < n * 10) capacity *= 2;  // keep the load factor under 0.7
  if (capacity <= slots_.size()) return;
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.reserve(capacity);
  detail::prefer_huge_pages(slots_.data(), capacity * sizeof(std::uint64_t));
  slots_.assign(capacity, kEmpty);
  const std::size_t mask = capacity - 1;
  for (std::uint64_t slot : old) {
    if (slot == kEmpty) continue;
    std::size_t at = (slot >> 32) & mask;
    while (slots_[at] != kEmpty) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

void IdIndex::clear() noexcept {
  std::fill(slots_.begin(), slots_.end(), kEmpty);
  count_ = 0;
}

void IdIndex::grow() { reserve(slots_.empty() ? 16 : slots_.size()); }

std::uint32_t IdIndex::insert(const StringPool& pool, std::uint32_t i, std::uint32_t h) {
  if ((count_ + 1) * 10 > slots_.size() * 7) grow();
  const std::string_view key = pool[i];
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = h & mask;
  for (; slots_[at] != kEmpty; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (static_cast<std::uint32_t>(slot >> 32) == h && detail::same_text(pool[static_cast<std::uint32_t>(slot)], key))
      return static_cast<std::uint32_t>(slot);
  }
  slots_[at] = (std::uint64_t{h} << 32) | i;
  ++count_;
  return kNotFound;
}

std::uint32_t IdIndex::find(const StringPool& pool, std::string_view key) const {
  if (slots_.empty()) return kNotFound;
  const std::uint32_t h = hash(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = h & mask; slots_[at] != kEmpty; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (static_cast<std::uint32_t>(slot >> 32) == h && detail::same_text(pool[static_cast<std::uint32_t>(slot)], key))
      return static_cast<std::uint32_t>(slot);
  }
  return kNotFound;
}

std::uint32_t StringDictionary::intern(std::string_view s) {
  if (s.empty()) return kAbsent;
  const std::uint32_t found = index_.find(values_, s);
  if (found != IdIndex::kNotFound) return found;
  const std::uint32_t code = values_.add(s);
  index_.insert(values_, code);
  return code;
}

void StringDictionary::assign(StringPool values) {
  values_ = std::move(values);
  index_ = IdIndex(values_);
}

}  // namespace libbranch
