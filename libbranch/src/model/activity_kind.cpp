#include <libbranch/model/activity_kind.hpp>

namespace libbranch {

std::optional<ActivityKind> find_activity_kind(std::string_view id) {
  for (std::size_t i = 0; i < kActivityKinds.size(); ++i)
    if (kActivityKinds[i].id == id) return static_cast<ActivityKind>(i);
  return std::nullopt;
}

bool is_identifier(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace libbranch
