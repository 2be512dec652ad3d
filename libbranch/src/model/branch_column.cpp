#include <libbranch/model/branch_column.hpp>

#include <algorithm>

namespace libbranch {

std::optional<BranchColumn> BranchColumn::from_offsets(std::vector<std::uint32_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || !std::is_sorted(offsets.begin(), offsets.end())) return std::nullopt;
  BranchColumn c;
  c.offsets_ = std::move(offsets);
  c.grouped_ = true;
  return c;
}

std::uint32_t BranchColumn::operator[](std::size_t row) const {
  if (!grouped_) return rows_[row];
  // The last branch whose first row is at or before `row` (empty branches share offsets).
  const auto it = std::upper_bound(offsets_.begin(), offsets_.end(), static_cast<std::uint32_t>(row));
  return static_cast<std::uint32_t>(it - offsets_.begin() - 1);
}

bool BranchColumn::group(std::size_t branches) {
  if (grouped_) return offsets_.size() == branches + 1;
  std::vector<std::uint32_t> offsets(branches + 1, 0);
  std::uint32_t previous = 0;
  for (const std::uint32_t b : rows_) {
    if (b >= branches || b < previous) return false;
    previous = b;
    ++offsets[b + 1];
  }
  for (std::size_t b = 0; b < branches; ++b) offsets[b + 1] += offsets[b];
  offsets_ = std::move(offsets);
  std::vector<std::uint32_t>().swap(rows_);  // `rows_ = {}` would keep the memory
  grouped_ = true;
  return true;
}

std::vector<std::uint32_t> BranchColumn::expanded() const {
  if (!grouped_) return rows_;
  std::vector<std::uint32_t> rows;
  rows.reserve(size());
  for (std::size_t b = 0; b + 1 < offsets_.size(); ++b) rows.insert(rows.end(), offsets_[b + 1] - offsets_[b], static_cast<std::uint32_t>(b));
  return rows;
}

void BranchColumn::ungroup() {
  if (!grouped_) return;
  rows_ = expanded();
  std::vector<std::uint32_t>().swap(offsets_);
  grouped_ = false;
}

BranchColumn BranchColumn::slice(std::uint32_t begin, std::uint32_t end, std::uint32_t first_branch,
                                 std::uint32_t end_branch) const {
  BranchColumn out;
  if (grouped_) {
    out.grouped_ = true;
    out.offsets_.reserve(end_branch - first_branch + 1);
    for (std::uint32_t b = first_branch; b <= end_branch; ++b)
      out.offsets_.push_back(std::clamp(offsets_[b], begin, end) - begin);
    return out;
  }
  out.rows_.reserve(end - begin);
  for (std::uint32_t r = begin; r < end; ++r) out.rows_.push_back(rows_[r] - first_branch);
  return out;
}

void BranchColumn::append(const BranchColumn& other, std::uint32_t branch_offset) {
  const bool stays_grouped = grouped_ && other.grouped_ && !offsets_.empty() && branch_offset + 1 == offsets_.size();
  if (stays_grouped) {
    const std::uint32_t row_offset = offsets_.back();
    for (std::size_t b = 1; b < other.offsets_.size(); ++b) offsets_.push_back(row_offset + other.offsets_[b]);
    return;
  }
  if (offsets_.empty() && rows_.empty() && other.grouped_ && branch_offset == 0) {
    *this = other;
    return;
  }
  ungroup();
  if (other.grouped_) {
    for (const std::uint32_t b : other.expanded()) rows_.push_back(b + branch_offset);
  } else {
    for (const std::uint32_t b : other.rows_) rows_.push_back(b + branch_offset);
  }
}

BranchColumn BranchColumn::permuted(const std::vector<std::uint32_t>& order) const {
  BranchColumn out;
  out.rows_.reserve(order.size());
  for (const std::uint32_t i : order) out.rows_.push_back((*this)[i]);
  return out;
}

bool operator==(const BranchColumn& a, const BranchColumn& b) {
  if (a.grouped_ && b.grouped_ && a.offsets_.size() == b.offsets_.size()) return a.offsets_ == b.offsets_;
  if (!a.grouped_ && !b.grouped_) return a.rows_ == b.rows_;
  return a.size() == b.size() && a.expanded() == b.expanded();
}

}  // namespace libbranch
