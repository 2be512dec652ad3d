#include <libbranch/model/string_pool.hpp>

#include <functional>

namespace libbranch {
namespace {

std::size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

StringPool StringPool::permuted(const std::vector<std::uint32_t>& order) const {
  StringPool out;
  out.reserve(order.size(), chars_.size());
  for (std::uint32_t i : order) out.add((*this)[i]);
  return out;
}

bool StringPool::valid_parts(std::size_t chars_size, const std::vector<std::uint64_t>& ends) {
  std::uint64_t previous = 0;
  for (std::uint64_t e : ends) {
    if (e < previous || e > chars_size) return false;
    previous = e;
  }
  return ends.empty() ? chars_size == 0 : ends.back() == chars_size;
}

IdIndex::IdIndex(const StringPool& pool) {
  reserve(pool.size());
  for (std::uint32_t i = 0; i < pool.size(); ++i) insert(pool, i);
}

void IdIndex::reserve(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity * 7 < n * 10) capacity *= 2;  // keep the load factor under 0.7
  // Rehashing needs the pool, so reserving only takes effect on an empty index.
  if (count_ == 0 && capacity > slots_.size()) slots_.assign(capacity, kNotFound);
}

void IdIndex::grow(const StringPool& pool) {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, kNotFound);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t row : old) {
    if (row == kNotFound) continue;
    std::size_t at = hash_of(pool[row]) & mask;
    while (slots_[at] != kNotFound) at = (at + 1) & mask;
    slots_[at] = row;
  }
}

std::uint32_t IdIndex::insert(const StringPool& pool, std::uint32_t i) {
  if ((count_ + 1) * 10 > slots_.size() * 7) grow(pool);
  const std::string_view key = pool[i];
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = hash_of(key) & mask;
  for (; slots_[at] != kNotFound; at = (at + 1) & mask)
    if (pool[slots_[at]] == key) return slots_[at];
  slots_[at] = i;
  ++count_;
  return kNotFound;
}

std::uint32_t IdIndex::find(const StringPool& pool, std::string_view key) const {
  if (slots_.empty()) return kNotFound;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash_of(key) & mask; slots_[at] != kNotFound; at = (at + 1) & mask)
    if (pool[slots_[at]] == key) return slots_[at];
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
