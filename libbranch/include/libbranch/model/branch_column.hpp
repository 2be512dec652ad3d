#pragma once
// The branch of each row of a table grouped by branch (members, activities, observations).
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <vector>

#include <libbranch/export.hpp>

namespace libbranch {

/// The branch row of every row of a table. While a table is being built (loading, tests) it holds
/// one branch row per row, in any order; once the rows are grouped by branch, `group` turns it
/// into offsets (CSR: the rows of branch b are [offsets[b], offsets[b + 1])), which cost 4 bytes a
/// branch instead of 4 bytes a row. A Dataset keeps its tables grouped. Reading `[row]` works in
/// both states (a binary search over the offsets when grouped).
class LIBBRANCH_API BranchColumn {
 public:
  BranchColumn() = default;
  BranchColumn(std::initializer_list<std::uint32_t> rows) : rows_(rows) {}
  explicit BranchColumn(std::vector<std::uint32_t> rows) : rows_(std::move(rows)) {}
  /// A grouped column from offsets (non-decreasing, starting at 0); nullopt otherwise.
  [[nodiscard]] static std::optional<BranchColumn> from_offsets(std::vector<std::uint32_t> offsets);

  /// Appends a row of branch `b`; a grouped column becomes one branch row per row again.
  void push_back(std::uint32_t b) {
    ungroup();
    rows_.push_back(b);
  }
  void set(std::size_t row, std::uint32_t b) {
    ungroup();
    rows_[row] = b;
  }
  [[nodiscard]] std::uint32_t operator[](std::size_t row) const;
  [[nodiscard]] std::size_t size() const noexcept {
    if (!grouped_) return rows_.size();
    return offsets_.empty() ? 0 : offsets_.back();
  }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] bool is_grouped() const noexcept { return grouped_; }

  /// Groups the column for `branches` branches: the rows must be grouped by branch (non-decreasing)
  /// and below `branches`. Returns false, leaving the column as it was, when they are not.
  [[nodiscard]] bool group(std::size_t branches);
  /// The offsets of a grouped column (branch count + 1 entries).
  [[nodiscard]] const std::vector<std::uint32_t>& offsets() const noexcept { return offsets_; }
  /// The rows of an ungrouped column.
  [[nodiscard]] const std::vector<std::uint32_t>& rows() const noexcept { return rows_; }
  /// One branch row per row, in either state.
  [[nodiscard]] std::vector<std::uint32_t> expanded() const;

  /// Rows `[begin, end)` with their branch rows less `first_branch`; a grouped column's slice
  /// covers branches [first_branch, end_branch).
  [[nodiscard]] BranchColumn slice(std::uint32_t begin, std::uint32_t end, std::uint32_t first_branch,
                                   std::uint32_t end_branch) const;
  /// Appends the rows of `other` with `branch_offset` added to their branch rows. Two grouped
  /// columns stay grouped when `other`'s branches follow this column's (branch_offset = branches).
  void append(const BranchColumn& other, std::uint32_t branch_offset = 0);
  /// Row i of the result is row order[i] (ungrouped columns).
  [[nodiscard]] BranchColumn permuted(const std::vector<std::uint32_t>& order) const;

  void clear() noexcept {
    rows_.clear();
    offsets_.clear();
    grouped_ = false;
  }
  void reserve(std::size_t n) {
    if (!grouped_) rows_.reserve(n);
  }
  void shrink_to_fit() {
    rows_.shrink_to_fit();
    offsets_.shrink_to_fit();
  }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (rows_.capacity() + offsets_.capacity()) * sizeof(std::uint32_t);
  }
  /// The same branch for every row (the representation does not matter).
  friend LIBBRANCH_API bool operator==(const BranchColumn& a, const BranchColumn& b);

 private:
  void ungroup();
  std::vector<std::uint32_t> rows_;     // ungrouped
  std::vector<std::uint32_t> offsets_;  // grouped
  bool grouped_ = false;
};

}  // namespace libbranch
