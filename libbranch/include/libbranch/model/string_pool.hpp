#pragma once
// Compact string storage: all strings of a column in one buffer, addressed by index.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// Append-only pool of strings. One char buffer plus the low 32 bits of each string's end offset
/// (4 bytes a row); a pool of more than 4 GiB of characters also lists the strings whose end
/// passes each further 4 GiB (`wraps`, empty in practice), so the offsets stay exact.
class LIBBRANCH_API StringPool {
 public:
  std::uint32_t add(std::string_view s) {
    chars_.append(s);
    push_end(chars_.size());
    return static_cast<std::uint32_t>(ends_.size() - 1);
  }
  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : end_of(i - 1);
    return std::string_view(chars_).substr(begin, end_of(i) - begin);
  }
  [[nodiscard]] std::size_t size() const noexcept { return ends_.size(); }
  [[nodiscard]] bool empty() const noexcept { return ends_.empty(); }
  /// Appends every string of `other`, in order.
  void append(const StringPool& other);
  /// Removes every string, keeping the memory for new ones.
  void clear() noexcept {
    chars_.clear();
    ends_.clear();
    wraps_.clear();
  }
  void reserve(std::size_t strings, std::size_t chars) {
    ends_.reserve(strings);
    chars_.reserve(chars);
  }
  void shrink_to_fit() {
    chars_.shrink_to_fit();
    ends_.shrink_to_fit();
    wraps_.shrink_to_fit();
  }
  /// Reorders the strings: new string i is old string order[i].
  [[nodiscard]] StringPool permuted(const std::vector<std::uint32_t>& order) const;
  [[nodiscard]] std::size_t memory_bytes() const noexcept { return chars_.capacity() + offsets_memory_bytes(); }
  /// The memory of the offsets alone (what the pool costs beyond its characters).
  [[nodiscard]] std::size_t offsets_memory_bytes() const noexcept {
    return (ends_.capacity() + wraps_.capacity()) * sizeof(std::uint32_t);
  }
  [[nodiscard]] const std::string& chars() const noexcept { return chars_; }
  /// The end offset of string i in chars().
  [[nodiscard]] std::uint64_t end_of(std::size_t i) const {
    std::uint64_t e = ends_[i];
    if (!wraps_.empty()) e += static_cast<std::uint64_t>(std::upper_bound(wraps_.begin(), wraps_.end(), i) - wraps_.begin()) << 32;
    return e;
  }
  [[nodiscard]] const std::vector<std::uint32_t>& low_ends() const noexcept { return ends_; }
  [[nodiscard]] const std::vector<std::uint32_t>& wraps() const noexcept { return wraps_; }
  /// For deserialisation: adopts raw parts; the caller has checked them with `valid_parts`.
  void assign(std::string chars, std::vector<std::uint32_t> low_ends, std::vector<std::uint32_t> wraps) {
    chars_ = std::move(chars);
    ends_ = std::move(low_ends);
    wraps_ = std::move(wraps);
  }
  /// True when the ends (from low ends and wraps) are non-decreasing and the last is `chars_size`.
  [[nodiscard]] static bool valid_parts(std::size_t chars_size, const std::vector<std::uint32_t>& low_ends,
                                        const std::vector<std::uint32_t>& wraps);
  /// From 64-bit end offsets (the layout of version-1 archives); nullopt unless they are
  /// non-decreasing and the last is the size of `chars`.
  [[nodiscard]] static std::optional<StringPool> from_ends(std::string chars, const std::vector<std::uint64_t>& ends);

  friend bool operator==(const StringPool&, const StringPool&) = default;

 private:
  void push_end(std::uint64_t end) {
    const auto i = static_cast<std::uint32_t>(ends_.size());
    while ((end >> 32) > wraps_.size()) wraps_.push_back(i);
    ends_.push_back(static_cast<std::uint32_t>(end));
  }
  std::string chars_;
  std::vector<std::uint32_t> ends_;   // low 32 bits
  std::vector<std::uint32_t> wraps_;  // sorted, repeats allowed: string i's end has high part #(wraps ≤ i)
};

/// Open-addressing hash index from the strings of a pool to their indices. A slot holds a 32-bit
/// row number and 32 bits of the string's hash (no copy of the string): probes compare hashes
/// before touching the pool, and growing needs no pool at all. The pool is passed to each call,
/// which keeps the index valid when the owner is moved or copied.
class LIBBRANCH_API IdIndex {
 public:
  static constexpr std::uint32_t kNotFound = UINT32_MAX;

  IdIndex() = default;
  /// Indexes every string of `pool`. Duplicates keep the first index.
  explicit IdIndex(const StringPool& pool);

  /// Inserts string `i` of `pool`; returns the index already there for an equal string, or
  /// kNotFound when `i` was new.
  std::uint32_t insert(const StringPool& pool, std::uint32_t i) { return insert(pool, i, hash(pool[i])); }
  /// The same with `h` = hash(pool[i]), computed beforehand (for example on another thread).
  std::uint32_t insert(const StringPool& pool, std::uint32_t i, std::uint32_t h);
  [[nodiscard]] static std::uint32_t hash(std::string_view key);
  /// Starts loading the slot where a key of hash `h` goes: inserting many known hashes, each a
  /// cache miss in a large index, overlaps the misses when done a few keys ahead.
  void prefetch(std::uint32_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  [[nodiscard]] std::uint32_t find(const StringPool& pool, std::string_view key) const;
  [[nodiscard]] std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(std::uint64_t); }
  void reserve(std::size_t n);
  /// Forgets every string, keeping the table's size.
  void clear() noexcept;

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  void grow();
  std::vector<std::uint64_t> slots_;  // (hash << 32) | row; kEmpty = empty
  std::size_t count_ = 0;
};

/// Interned strings (a dictionary column): each distinct value stored once, rows hold a 32-bit code.
class LIBBRANCH_API StringDictionary {
 public:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  /// The code of `s`, adding it when new. The empty string is not interned: it returns kAbsent.
  std::uint32_t intern(std::string_view s);
  [[nodiscard]] std::uint32_t find(std::string_view s) const { return index_.find(values_, s); }
  [[nodiscard]] std::string_view operator[](std::uint32_t code) const {
    return code == kAbsent ? std::string_view() : values_[code];
  }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  [[nodiscard]] const StringPool& values() const noexcept { return values_; }
  /// For deserialisation: rebuilds the index over `values`.
  void assign(StringPool values);
  void clear() noexcept {
    values_.clear();
    index_.clear();
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept { return values_.memory_bytes() + index_.memory_bytes(); }

  friend bool operator==(const StringDictionary& a, const StringDictionary& b) { return a.values_ == b.values_; }

 private:
  StringPool values_;
  IdIndex index_;
};

}  // namespace libbranch
