// rule_of_law: legal education and training (普法宣传教育、大讲堂、集中学习、学习英模).
#include <cstdint>

#include <libbranch/plugin_sdk.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::rule_of_law {
namespace {

constexpr KindSet kTraining{ActivityKind::training, ActivityKind::legal_education, ActivityKind::lecture_hall};

// Σ attendees over A(training ∪ legal_education ∪ lecture_hall) / N̄; NaN if N̄ = 0.
Eigen::VectorXd training_per_member(const Dataset& ds, const Period& period, const Params&) {
  return per_branch(ds, [&](std::uint32_t b) {
    return per_mean_member(sum_attendees(ds, b, period, kTraining), mean_members(ds, b, period));
  });
}

// Σ hours · attendees over A(training ∪ legal_education ∪ lecture_hall) / N̄; NaN if N̄ = 0.
Eigen::VectorXd training_hours_per_member(const Dataset& ds, const Period& period, const Params&) {
  return per_branch(ds, [&](std::uint32_t b) {
    return per_mean_member(sum_hours_attendees(ds, b, period, kTraining), mean_members(ds, b, period));
  });
}

}  // namespace

void register_education_metrics(PluginRegistrar& r) {
  r.add(Metric{.id = "rule_of_law.legal_education",
               .label_zh = "普法宣传教育次数",
               .label_en = "legal education sessions",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's legal education activities (普法宣传教育) in the period.",
               .compute = count_function({ActivityKind::legal_education})});
  r.add(Metric{.id = "rule_of_law.lecture_hall",
               .label_zh = "大讲堂次数",
               .label_en = "lecture hall sessions",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's lecture hall sessions (大讲堂) in the period.",
               .compute = count_function({ActivityKind::lecture_hall})});
  r.add(Metric{.id = "rule_of_law.training_per_member",
               .label_zh = "人均参加学习培训人次",
               .label_en = "training attendances per member",
               .unit = "attendances/member",
               .direction = Direction::benefit,
               .summary = "Divides the attendees of training, legal education and lecture hall activities in the "
                          "period by the mean number of party members (N̄); NaN when N̄ is 0.",
               .compute = training_per_member});
  r.add(Metric{.id = "rule_of_law.training_hours_per_member",
               .label_zh = "人均学习培训学时",
               .label_en = "training hours per member",
               .unit = "hours/member",
               .direction = Direction::benefit,
               .summary = "Divides the person-hours (hours × attendees) of training, legal education and lecture hall "
                          "activities in the period by the mean number of party members (N̄); NaN when N̄ is 0 "
                          "(the national norm is 32 学时 a year).",
               .compute = training_hours_per_member});
  r.add(Metric{.id = "rule_of_law.role_model_study",
               .label_zh = "学习英模先进事迹次数",
               .label_en = "role-model study sessions",
               .unit = "count",
               .direction = Direction::benefit,
               .summary = "Counts the branch's role-model study activities (学习英模先进事迹) in the period.",
               .compute = count_function({ActivityKind::role_model_study})});
}

}  // namespace libbranch::plugins::rule_of_law
