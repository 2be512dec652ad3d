#include <libbranch/model/columns.hpp>

namespace libbranch {

void CountColumn::push_back(std::optional<std::int64_t> v) {
  if (!v) {
    cells_.push_back(kAbsent);
  } else if (*v >= 0 && *v < static_cast<std::int64_t>(kWide)) {
    cells_.push_back(static_cast<std::uint32_t>(*v));
  } else {
    wide_.emplace_back(static_cast<std::uint32_t>(cells_.size()), *v);
    cells_.push_back(kWide);
  }
}

void CountColumn::append(const CountColumn& other) {
  const auto offset = static_cast<std::uint32_t>(cells_.size());
  cells_.insert(cells_.end(), other.cells_.begin(), other.cells_.end());
  for (const auto& [row, value] : other.wide_) wide_.emplace_back(offset + row, value);
}

void DictColumn::append(const DictColumn& other) {
  std::vector<std::uint32_t> code_of(other.dict.size());
  for (std::uint32_t c = 0; c < code_of.size(); ++c) code_of[c] = dict.intern(other.dict[c]);
  for (const std::uint32_t c : other.codes) codes.push_back(c == StringDictionary::kAbsent ? c : code_of[c]);
}

std::optional<std::int64_t> CountColumn::get(std::size_t row) const {
  const std::uint32_t c = cells_[row];
  if (c == kAbsent) return std::nullopt;
  if (c == kWide) return wide_value(row);
  return c;
}

std::int64_t CountColumn::wide_value(std::size_t row) const {
  auto it = std::lower_bound(wide_.begin(), wide_.end(), row,
                             [](const auto& entry, std::size_t r) { return entry.first < r; });
  return it->second;
}

void CountColumn::set(std::size_t row, std::optional<std::int64_t> v) {
  auto it = std::lower_bound(wide_.begin(), wide_.end(), row,
                             [](const auto& entry, std::size_t r) { return entry.first < r; });
  const bool was_wide = it != wide_.end() && it->first == row;
  if (v && (*v < 0 || *v >= static_cast<std::int64_t>(kWide))) {
    if (was_wide) {
      it->second = *v;
    } else {
      wide_.insert(it, {static_cast<std::uint32_t>(row), *v});
    }
    cells_[row] = kWide;
    return;
  }
  if (was_wide) wide_.erase(it);
  cells_[row] = v ? static_cast<std::uint32_t>(*v) : kAbsent;
}

CountColumn CountColumn::permuted(const std::vector<std::uint32_t>& order) const {
  CountColumn out;
  out.reserve(order.size());
  for (std::uint32_t i : order) out.push_back(get(i));
  return out;
}

bool CountColumn::valid_parts(const std::vector<std::uint32_t>& cells,
                              const std::vector<std::pair<std::uint32_t, std::int64_t>>& wide) {
  std::size_t wide_cells = 0;
  for (std::uint32_t c : cells) wide_cells += c == kWide;
  if (wide_cells != wide.size()) return false;
  for (std::size_t i = 0; i < wide.size(); ++i) {
    const auto [row, value] = wide[i];
    if (row >= cells.size() || cells[row] != kWide || (i > 0 && row <= wide[i - 1].first)) return false;
    if (value >= 0 && value < static_cast<std::int64_t>(kWide)) return false;
  }
  return true;
}

}  // namespace libbranch
