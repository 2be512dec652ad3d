#include <libbranch/model/columns.hpp>

namespace libbranch {

void DictColumn::append(const DictColumn& other) {
  std::vector<std::uint32_t> code_of(other.dict.size());
  for (std::uint32_t c = 0; c < code_of.size(); ++c) code_of[c] = dict.intern(other.dict[c]);
  for (const std::uint32_t c : other.codes) codes.push_back(c == StringDictionary::kAbsent ? c : code_of[c]);
}

DictCodes DictCodes::permuted(const std::vector<std::uint32_t>& order) const {
  DictCodes out;
  out.is_wide_ = is_wide_;
  out.reserve(order.size());
  if (is_wide_) {
    for (const std::uint32_t i : order) out.wide_.push_back(wide_[i]);
  } else {
    for (const std::uint32_t i : order) out.narrow_.push_back(narrow_[i]);
  }
  return out;
}

void DictCodes::widen() {
  if (is_wide_) return;
  wide_.reserve(narrow_.capacity());
  for (std::size_t i = 0; i < narrow_.size(); ++i) wide_.push_back((*this)[i]);
  is_wide_ = true;
  narrow_ = {};
}

bool operator==(const DictCodes& a, const DictCodes& b) {
  if (a.is_wide_ == b.is_wide_) return a.is_wide_ ? a.wide_ == b.wide_ : a.narrow_ == b.narrow_;
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace libbranch
