#pragma once
// The closed vocabularies of docs/reference/data-format.md, as small integers. Parsing is exact and
// case-sensitive.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace libbranch {

/// 组织类型 of a branch. `none` = absent in the data.
enum class OrgType : std::uint8_t { none, organ, institution, enterprise, village, community, school, social, other };
inline constexpr std::array<std::string_view, 9> kOrgTypeNames{
    "", "organ", "institution", "enterprise", "village", "community", "school", "social", "other"};

/// 学历, ordinal 1–8 as docs/reference/data-format.md §5.1; `none` (0) = absent.
enum class Education : std::uint8_t { none, primary, junior_high, senior_high, vocational, associate, bachelor, master, doctorate };
inline constexpr std::array<std::string_view, 9> kEducationNames{
    "", "primary", "junior_high", "senior_high", "vocational", "associate", "bachelor", "master", "doctorate"};
[[nodiscard]] constexpr int education_ordinal(Education e) { return static_cast<int>(e); }

/// 职务 in the branch; `none` = an ordinary member.
enum class Role : std::uint8_t { none, secretary, deputy_secretary, committee_member, group_leader };
inline constexpr std::array<std::string_view, 5> kRoleNames{
    "", "secretary", "deputy_secretary", "committee_member", "group_leader"};

enum class Gender : std::uint8_t { none, male, female };
inline constexpr std::array<std::string_view, 3> kGenderNames{"", "M", "F"};

/// 活动方式. Absent means offline (docs/reference/data-format.md §6); `none` keeps the absence visible
/// for round trips.
enum class Mode : std::uint8_t { none, offline, online, hybrid };
inline constexpr std::array<std::string_view, 4> kModeNames{"", "offline", "online", "hybrid"};

/// Bits of the `facilities` set (阵地设施).
inline constexpr std::array<std::string_view, 6> kFacilityNames{
    "activity_room", "library_corner", "culture_corridor", "honor_wall", "brand_wall", "gym"};
/// Bits of the `service_station` set (五有).
inline constexpr std::array<std::string_view, 5> kServiceStationNames{
    "staffed", "venue", "team", "activities", "rules"};

/// Index of `text` in `names`, skipping index 0 when `skip_empty` (the "absent" slot).
template <std::size_t N>
[[nodiscard]] constexpr std::optional<std::uint8_t> find_name(const std::array<std::string_view, N>& names,
                                                              std::string_view text, bool skip_empty = true) {
  for (std::size_t i = skip_empty ? 1 : 0; i < N; ++i)
    if (names[i] == text) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

[[nodiscard]] constexpr int popcount8(std::uint8_t bits) {
  int n = 0;
  for (; bits; bits &= static_cast<std::uint8_t>(bits - 1)) ++n;
  return n;
}

}  // namespace libbranch
