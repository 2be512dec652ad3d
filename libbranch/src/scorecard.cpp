#include <libbranch/scorecard.hpp>

namespace libbranch {

std::optional<std::size_t> Scorecard::find_branch(std::string_view branch_id) const {
  for (std::size_t b = 0; b < branch_ids.size(); ++b)
    if (branch_ids[b] == branch_id) return b;
  return std::nullopt;
}

}  // namespace libbranch
