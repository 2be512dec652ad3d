#pragma once
// The activity vocabulary of docs/reference/activity-kinds.md (活动类型), with labels and the standard
// each mainly serves.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include <libbranch/export.hpp>

namespace libbranch {

/// Built-in activity kinds, in docs/reference/activity-kinds.md order. Codes from
/// `kFirstCustomKind` on are custom kinds (allowed with `allow_custom_kinds`), named by the
/// dataset's `custom_kinds` list.
enum class ActivityKind : std::uint16_t {
  branch_congress, committee_meeting, group_meeting, party_lecture, theme_day, org_life_meeting,
  democratic_review, heart_talk, political_birthday, oath_renewal,
  legal_education, lecture_hall, training, integrity_meeting, warning_education, warning_film,
  role_model_study, disclosure,
  home_visit, dispute_mediation, pairing_activity, publicity_talk,
  volunteer_service, brand_activity,
  identity_display, legal_consultation, community_outreach, education_base_visit, veteran_visit,
  competition,
};

using KindCode = std::uint16_t;
inline constexpr std::size_t kBuiltinKindCount = 30;
inline constexpr KindCode kFirstCustomKind = static_cast<KindCode>(kBuiltinKindCount);

[[nodiscard]] constexpr KindCode code(ActivityKind k) { return static_cast<KindCode>(k); }

struct ActivityKindInfo {
  std::string_view id;        ///< as written in activities.csv
  std::string_view label_zh;
  std::string_view label_en;
  std::string_view standard;  ///< the standard it mainly serves
};

inline constexpr std::array<ActivityKindInfo, kBuiltinKindCount> kActivityKinds{{
    {"branch_congress", "支部党员大会", "branch general meeting", "fortress"},
    {"committee_meeting", "支部委员会会议", "branch committee meeting", "fortress"},
    {"group_meeting", "党小组会", "party group meeting", "fortress"},
    {"party_lecture", "党课", "party lecture", "fortress"},
    {"theme_day", "主题党日", "theme party day", "fortress"},
    {"org_life_meeting", "组织生活会", "organizational life meeting", "fortress"},
    {"democratic_review", "民主评议党员", "democratic review of members", "fortress"},
    {"heart_talk", "谈心谈话", "heart-to-heart talk", "fortress"},
    {"political_birthday", "党员政治生日", "political birthday", "fortress"},
    {"oath_renewal", "重温入党誓词", "oath renewal", "fortress"},
    {"legal_education", "普法宣传教育", "legal education", "rule_of_law"},
    {"lecture_hall", "大讲堂", "lecture hall", "rule_of_law"},
    {"training", "集中学习、政治轮训", "collective study and political training", "rule_of_law"},
    {"integrity_meeting", "党风廉政建设部署会", "integrity deployment meeting", "rule_of_law"},
    {"warning_education", "警示教育活动", "warning education", "rule_of_law"},
    {"warning_film", "观看警示教育片", "warning education film", "rule_of_law"},
    {"role_model_study", "学习英模先进事迹", "role-model study", "rule_of_law"},
    {"disclosure", "党务、财务公开", "party and financial affairs disclosure", "rule_of_law"},
    {"home_visit", "入户走访", "home visit", "cohesion"},
    {"dispute_mediation", "矛盾纠纷化解", "dispute mediation", "cohesion"},
    {"pairing_activity", "结对认亲、民族团结一家亲活动", "pairing with families", "cohesion"},
    {"publicity_talk", "宣讲活动", "publicity talk", "cohesion"},
    {"volunteer_service", "志愿服务", "volunteer service", "civility"},
    {"brand_activity", "党建品牌活动", "party-building brand activity", "civility"},
    {"identity_display", "亮身份、树形象", "showing party identity", "development"},
    {"legal_consultation", "义务法律咨询", "free legal consultation", "development"},
    {"community_outreach", "走进社区、学校、企业", "community outreach", "development"},
    {"education_base_visit", "参观爱国主义教育基地", "patriotic education base visit", "development"},
    {"veteran_visit", "慰问走访退休老党员", "visit to retired members", "development"},
    {"competition", "演讲比赛、征文", "speech or essay competition", "development"},
}};

/// The built-in kind named `id`, if any.
[[nodiscard]] LIBBRANCH_API std::optional<ActivityKind> find_activity_kind(std::string_view id);
/// True when `id` matches `[a-z0-9_]+` (custom kinds, observation indicators).
[[nodiscard]] LIBBRANCH_API bool is_identifier(std::string_view id);

}  // namespace libbranch
