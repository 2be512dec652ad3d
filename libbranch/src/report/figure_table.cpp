#include "figure_table.hpp"

namespace libbranch::report_detail {
namespace {

using enum FigureSource;

constexpr FigureSpec count(std::string_view standard, std::string_view id, ActivityKind kind, std::string_view label_zh,
                           std::string_view label_en, std::string_view unit_zh) {
  return {.standard = standard, .id = id, .source = kind_count, .kind = kind, .label_zh = label_zh,
          .label_en = label_en, .unit_zh = unit_zh};
}

constexpr FigureSpec metric_figure(std::string_view standard, std::string_view id, std::string_view metric,
                                   std::string_view label_zh, std::string_view label_en, std::string_view unit_zh,
                                   int decimals = 0, std::string_view part_of = {}) {
  return {.standard = standard, .id = id, .part_of = part_of, .source = FigureSource::metric, .metric = metric,
          .label_zh = label_zh, .label_en = label_en, .unit_zh = unit_zh, .decimals = decimals};
}

constexpr FigureSpec sum_figure(std::string_view standard, std::string_view id, std::string_view part_of,
                                ActivitySum sum, std::string_view label_zh, std::string_view label_en,
                                std::string_view unit_zh, int decimals = 0) {
  return {.standard = standard, .id = id, .part_of = part_of, .source = activity_sum, .sum = sum,
          .label_zh = label_zh, .label_en = label_en, .unit_zh = unit_zh, .decimals = decimals};
}

constexpr std::string_view R = "rule_of_law";
constexpr std::string_view C = "cohesion";
constexpr std::string_view V = "civility";
constexpr std::string_view D = "development";
constexpr std::string_view F = "fortress";

using K = ActivityKind;
using S = ActivitySum;

constexpr auto kFigures = std::to_array<FigureSpec>({
    // rule_of_law 依法治理好
    count(R, "legal_education", K::legal_education, "普法宣传教育", "legal education sessions", "次"),
    sum_figure(R, "legal_education_online", "legal_education", S::legal_online, "线上或线上线下结合的普法宣传教育",
               "legal education sessions online or hybrid", "次"),
    count(R, "lecture_hall", K::lecture_hall, "大讲堂", "lecture-hall sessions", "期"),
    count(R, "training", K::training, "集中学习、政治轮训", "collective study and political training sessions", "次"),
    sum_figure(R, "training_person_times", "training", S::training_person_times, "集中学习、政治轮训人次",
               "training person-times", "人次"),
    metric_figure(R, "study_hours_per_member", "rule_of_law.training_hours_per_member", "党员人均学习学时",
                  "study hours per member", "学时", 1),
    count(R, "integrity_meetings", K::integrity_meeting, "党风廉政建设部署会", "integrity deployment meetings", "次"),
    count(R, "warning_education", K::warning_education, "警示教育活动", "warning education activities", "次"),
    count(R, "warning_films", K::warning_film, "观看警示教育片", "warning education film showings", "场"),
    count(R, "role_model_study", K::role_model_study, "学习英模先进事迹", "role-model studies", "次"),
    metric_figure(R, "disclosure_quarters", "rule_of_law.disclosure_quarters", "党务、财务公开季度数",
                  "quarters with party and financial affairs disclosed", "个季度"),
    metric_figure(R, "serious_violations", "rule_of_law.serious_violations", "严重违纪",
                  "serious discipline violations", "起"),
    // cohesion 凝聚人心好
    count(C, "home_visits", K::home_visit, "入户走访", "home visits", "次"),
    count(C, "dispute_mediations", K::dispute_mediation, "矛盾纠纷化解活动", "dispute mediation sessions", "次"),
    sum_figure(C, "dispute_cases", "", S::dispute_cases, "调处矛盾纠纷", "disputes mediated", "件"),
    metric_figure(C, "disputes_resolved", "cohesion.disputes_resolved", "化解矛盾纠纷", "disputes resolved", "件", 0,
                  "dispute_cases"),
    sum_figure(C, "disputes_escalated", "dispute_cases", S::disputes_escalated, "矛盾上交", "disputes escalated", "件"),
    count(C, "pairing_activities", K::pairing_activity, "结对认亲、民族团结一家亲活动",
          "pairing activities with families", "次"),
    metric_figure(C, "pairing_months", "cohesion.pairing_months", "开展结对认亲活动的月数",
                  "months with pairing activities", "个月", 0, "pairing_activities"),
    count(C, "publicity_talks", K::publicity_talk, "宣讲活动", "publicity talks", "场"),
    sum_figure(C, "aid_amount", "", S::aid_amount, "为群众筹集、投入资金", "yuan spent or raised for people", "元", 2),
    // civility 文明创建好
    {.standard = V, .id = "units_covered", .source = branch_field, .field = BranchField::units_covered,
     .label_zh = "党小组覆盖的内设机构", .label_en = "internal units covered by party groups", .unit_zh = "个"},
    {.standard = V, .id = "internal_units", .part_of = "units_covered", .source = branch_field,
     .field = BranchField::internal_units, .label_zh = "内设机构", .label_en = "internal units", .unit_zh = "个"},
    metric_figure(V, "brands", "civility.brands", "党建品牌", "party-building brands", "个"),
    count(V, "brand_activities", K::brand_activity, "党建品牌活动", "party-building brand activities", "次"),
    {.standard = V, .id = "pioneer_posts", .source = branch_field, .field = BranchField::pioneer_posts,
     .label_zh = "党员先锋岗、示范岗", .label_en = "pioneer and model posts", .unit_zh = "个"},
    metric_figure(V, "service_station", "civility.service_station", "党员服务站“五有”",
                  "service-station requirements met (五有, of five)", "项"),
    metric_figure(V, "facilities", "civility.facilities", "阵地设施", "kinds of facilities (of six)", "类"),
    count(V, "volunteer_services", K::volunteer_service, "志愿服务", "volunteer service activities", "次"),
    sum_figure(V, "volunteer_hours", "volunteer_services", S::volunteer_hours, "志愿服务时长", "volunteer hours",
               "小时", 1),
    // development 推动发展好
    count(D, "identity_activities", K::identity_display, "亮身份、树形象活动", "activities showing party identity",
          "次"),
    count(D, "legal_consultations", K::legal_consultation, "义务法律咨询", "free legal consultations", "次"),
    count(D, "community_outreach", K::community_outreach, "走进社区、学校、企业",
          "outreach visits to communities, schools and enterprises", "次"),
    count(D, "education_base_visits", K::education_base_visit, "参观爱国主义教育基地",
          "patriotic education base visits", "次"),
    count(D, "veteran_visits", K::veteran_visit, "慰问走访退休老党员", "visits to retired members", "次"),
    count(D, "competitions", K::competition, "演讲比赛、征文", "speech or essay competitions", "次"),
    {.standard = D, .id = "online_filing_rate", .source = metric_percent, .metric = "development.online_filing_rate",
     .label_zh = "网上立案率", .label_en = "online filing rate", .unit_zh = "%", .decimals = 1},
    metric_figure(D, "business_performance", "development.business_performance", "业务工作成绩",
                  "business performance", "", 2),
    // fortress 堡垒作用好
    {.standard = F, .id = "members", .source = member_count, .members = MemberCount::members, .label_zh = "期末党员",
     .label_en = "party members at the end of the period", .unit_zh = "名"},
    {.standard = F, .id = "formal_members", .part_of = "members", .source = member_count,
     .members = MemberCount::formal_members, .label_zh = "正式党员", .label_en = "formal members", .unit_zh = "名"},
    count(F, "group_meetings", K::group_meeting, "党小组会", "party group meetings", "次"),
    count(F, "party_lectures", K::party_lecture, "党课", "party lectures", "次"),
    count(F, "org_life_meetings", K::org_life_meeting, "组织生活会", "organizational life meetings", "次"),
    count(F, "democratic_reviews", K::democratic_review, "民主评议党员", "democratic reviews of members", "次"),
    count(F, "heart_talks", K::heart_talk, "谈心谈话", "heart-to-heart talks", "次"),
    count(F, "political_birthdays", K::political_birthday, "党员政治生日", "political birthdays", "次"),
    count(F, "oath_renewals", K::oath_renewal, "重温入党誓词", "oath renewals", "次"),
});

constexpr std::array<StandardText, 5> kStandards{{
    {"rule_of_law", "依法治理好", "Governance under the rule of law"},
    {"cohesion", "凝聚人心好", "Winning people's hearts"},
    {"civility", "文明创建好", "Building civility"},
    {"development", "推动发展好", "Promoting development"},
    {"fortress", "堡垒作用好", "The branch as a fortress"},
}};

}  // namespace

std::span<const FigureSpec> figure_table() { return kFigures; }

const FigureSpec* find_figure_spec(std::string_view id) {
  for (const FigureSpec& s : kFigures)
    if (s.id == id) return &s;
  return nullptr;
}

std::span<const StandardText, 5> standard_texts() { return kStandards; }

std::string_view english_standard_name(std::string_view id) {
  for (const StandardText& s : kStandards)
    if (s.id == id) return s.name_en;
  return {};
}

}  // namespace libbranch::report_detail
