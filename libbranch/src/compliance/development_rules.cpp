// Membership development (发展党员): the stages and their minimum lengths, probation and conversion.
// Checked over the branch's rows of members.csv whose deciding date falls in the period, current
// members or not (as the fortress membership metrics count them). The data has no column for a
// decision to extend a probation (延长预备期), so an extension is read from the conversion date:
// a conversion 6–12 months after the probation's end is taken as the end of an extension.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "rules_internal.hpp"

namespace libbranch::compliance_detail {
namespace {

/// `months` calendar months after `d`, the day clamped to the target month's length.
Date plus_months(Date d, std::int64_t months) {
  const Date::Ymd v = d.ymd();
  const std::int64_t index = std::int64_t{v.year} * 12 + (v.month - 1) + months;
  const int year = static_cast<int>(index / 12);
  const int month = static_cast<int>(index % 12) + 1;
  return Date::from_ymd(year, month, std::min(v.day, days_in_month(year, month)));
}

ComplianceFinding member_finding(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                                 std::uint32_t row, Date day) {
  ComplianceFinding f = make_finding(c, rule, rule_index);
  f.period = day.to_string();
  f.evidence_kind = EvidenceKind::member;
  f.evidence.emplace_back(c.ds.members().id[row]);
  return f;
}

}  // namespace

void check_development(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                       std::vector<ComplianceFinding>& out) {
  const Period e = effective_period(c.period, rule);
  const MemberTable& m = c.ds.members();
  const RowRange rows = c.ds.members_of(c.branch);
  const int years = static_cast<int>(rule.years);
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    const std::string id(m.id[r]);
    const Date activist = m.activist_date[r];
    const Date candidate = m.candidate_date[r];
    const Date admission = m.admission_date[r];
    const Date conversion = m.conversion_date[r];
    switch (rule.type) {
      case ComplianceRuleType::activist_to_candidate: {
        if (!e.contains(candidate) || activist.is_none()) break;  // a missing stage is preceding_stages'
        const Date earliest = activist.plus_years(static_cast<int>(rule.min_years));
        if (earliest <= candidate) break;
        ComplianceFinding f = member_finding(c, rule, rule_index, r, candidate);
        f.expected = "candidate on or after " + earliest.to_string();
        f.actual = "candidate " + candidate.to_string() + " (activist " + activist.to_string() + ")";
        f.message = id + " became a candidate " + std::to_string(candidate.days() - activist.days()) +
                    " days after becoming an activist";
        out.push_back(std::move(f));
        break;
      }
      case ComplianceRuleType::probation_length: {
        if (!e.contains(conversion) || admission.is_none()) break;
        const Date end = admission.plus_years(years);
        if (end <= conversion) break;
        ComplianceFinding f = member_finding(c, rule, rule_index, r, conversion);
        f.expected = "conversion on or after " + end.to_string();
        f.actual = "converted " + conversion.to_string() + " (admitted " + admission.to_string() + ")";
        f.message = id + " was converted before the end of the probation";
        out.push_back(std::move(f));
        break;
      }
      case ComplianceRuleType::conversion_late: {
        if (!e.contains(conversion) || admission.is_none()) break;
        const Date end = admission.plus_years(years);
        const Date deadline = end.plus_days(static_cast<std::int32_t>(rule.grace_days));
        const Date shortest_extension = plus_months(end, rule.min_months);
        if (conversion <= deadline || shortest_extension <= conversion) break;
        ComplianceFinding f = member_finding(c, rule, rule_index, r, conversion);
        f.expected = "conversion by " + deadline.to_string() + ", or after an extension of ≥ " +
                     std::to_string(rule.min_months) + " months (from " + shortest_extension.to_string() + ")";
        f.actual = "converted " + conversion.to_string();
        f.message = id + "'s conversion was not discussed when the probation ended on " + end.to_string();
        out.push_back(std::move(f));
        break;
      }
      case ComplianceRuleType::extension_length: {
        if (!e.contains(conversion) || admission.is_none()) break;
        const Date end = admission.plus_years(years);
        const Date latest = plus_months(end, rule.max_months).plus_days(static_cast<std::int32_t>(rule.grace_days));
        if (conversion <= latest) break;
        ComplianceFinding f = member_finding(c, rule, rule_index, r, conversion);
        f.expected = "conversion by " + latest.to_string() + " (extension ≤ " + std::to_string(rule.max_months) +
                     " months)";
        f.actual = "converted " + conversion.to_string();
        f.message = id + "'s probation was extended beyond " + std::to_string(rule.max_months) + " months";
        out.push_back(std::move(f));
        break;
      }
      case ComplianceRuleType::conversion_overdue: {
        if (admission.is_none() || !m.is_member_on(r, e.to)) break;
        if (!conversion.is_none() && conversion <= e.to) break;
        const Date end = admission.plus_years(years);
        const Date deadline = end.plus_days(static_cast<std::int32_t>(rule.grace_days));
        if (e.to <= deadline) break;
        const Date latest = plus_months(end, rule.max_months).plus_days(static_cast<std::int32_t>(rule.grace_days));
        ComplianceFinding f = member_finding(c, rule, rule_index, r, end);
        // Within the longest extension the probation may have been extended: a warning to look.
        if (e.to <= latest) f.severity = ComplianceSeverity::warning;
        f.expected = "conversion discussed by " + deadline.to_string() +
                     (e.to <= latest ? " (or an extension until at most " + latest.to_string() + ")" : "");
        f.actual = "not converted on " + e.to.to_string();
        f.message = id + "'s probation ended on " + end.to_string() + " and no conversion is recorded";
        out.push_back(std::move(f));
        break;
      }
      case ComplianceRuleType::preceding_stages: {
        if (!e.contains(admission)) break;
        std::string missing;
        for (const std::string& s : rule.stages) {
          const Date d = s == "application" ? m.application_date[r] : s == "activist" ? activist : candidate;
          if (d.is_none()) missing += (missing.empty() ? "" : ", ") + s;
        }
        if (missing.empty()) break;
        ComplianceFinding f = member_finding(c, rule, rule_index, r, admission);
        std::string all;
        for (const std::string& s : rule.stages) all += (all.empty() ? "" : ", ") + s;
        f.expected = "dated stages: " + all;
        f.actual = "missing: " + missing;
        f.message = id + " was admitted without a recorded " + missing + " stage";
        out.push_back(std::move(f));
        break;
      }
      default: return;
    }
  }
}

}  // namespace libbranch::compliance_detail
