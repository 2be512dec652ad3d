// Running a rule set over every branch: applicability, dispatch by rule type, ordering.
#include <algorithm>
#include <array>

#include <tbb/parallel_for.h>

#include <libbranch/compliance.hpp>

#include "rules_internal.hpp"

namespace libbranch {

std::string_view to_string(ComplianceSeverity s) { return s == ComplianceSeverity::violation ? "violation" : "warning"; }

std::string_view to_string(ComplianceRuleType t) {
  static constexpr std::array<std::string_view, 15> kNames{
      "meeting_frequency", "meeting_timing", "silence", "formal_members_min", "members_max",
      "committee_size", "role_count", "secretary_standing", "committee_term", "activist_to_candidate",
      "probation_length", "conversion_late", "extension_length", "conversion_overdue", "preceding_stages"};
  return kNames[static_cast<std::size_t>(t)];
}

std::string_view to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::activity: return "activity";
    case EvidenceKind::member: return "member";
    default: return "";
  }
}

std::size_t ComplianceReport::violation_count() const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](const ComplianceFinding& f) {
    return f.severity == ComplianceSeverity::violation;
  }));
}

namespace compliance_detail {

Period effective_period(const Period& p, const ComplianceRule& rule) {
  Period e = p;
  if (!rule.effective_from.is_none() && e.from < rule.effective_from) e.from = rule.effective_from;
  if (!rule.effective_to.is_none() && rule.effective_to < e.to) e.to = rule.effective_to;
  return e;
}

ComplianceFinding make_finding(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index) {
  ComplianceFinding f;
  f.branch = c.branch;
  f.rule = rule_index;
  f.severity = rule.severity;
  return f;
}

namespace {

BranchContext context_of(const Dataset& ds, std::uint32_t b, const Period& period) {
  BranchContext c{ds, b, period};
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (!m.is_member_on(r, period.to)) continue;
    ++c.members;
    if (m.is_formal_member_on(r, period.to)) ++c.formal_members;
    if (!m.party_group[r].empty()) c.has_party_groups = true;
  }
  return c;
}

bool applies(const BranchContext& c, const ComplianceRule& rule) {
  const Period e = effective_period(c.period, rule);
  if (e.to < e.from) return false;
  if (!rule.org_types.empty() &&
      std::find(rule.org_types.begin(), rule.org_types.end(), c.ds.branches().org_type[c.branch]) == rule.org_types.end())
    return false;
  if (rule.min_formal_members && c.formal_members < *rule.min_formal_members) return false;
  if (rule.requires_party_groups && !c.has_party_groups) return false;
  return true;
}

void check_branch(const BranchContext& c, const ComplianceRuleSet& rules, std::vector<ComplianceFinding>& out) {
  using T = ComplianceRuleType;
  for (std::uint32_t i = 0; i < rules.rules.size(); ++i) {
    const ComplianceRule& rule = rules.rules[i];
    if (!applies(c, rule)) continue;
    switch (rule.type) {
      case T::meeting_frequency: check_meeting_frequency(c, rule, i, out); break;
      case T::meeting_timing: check_meeting_timing(c, rule, i, out); break;
      case T::silence: check_silence(c, rule, i, out); break;
      case T::formal_members_min:
      case T::members_max:
      case T::committee_size:
      case T::role_count:
      case T::secretary_standing: check_structure(c, rule, i, out); break;
      case T::committee_term: check_committee_term(c, rule, i, out); break;
      default: check_development(c, rule, i, out); break;
    }
  }
}

}  // namespace
}  // namespace compliance_detail

ComplianceReport check_compliance(const Dataset& ds, const ComplianceRuleSet& rules, const Period& period) {
  if (period.from.is_none() || period.to.is_none() || period.to < period.from)
    throw Error("check_compliance: the period must have both ends and not end before it starts");
  ComplianceReport report;
  report.period = period;
  report.rules = rules;
  const std::size_t n = ds.branch_count();
  report.branch_ids.reserve(n);
  report.branch_names.reserve(n);
  for (std::size_t b = 0; b < n; ++b) {
    report.branch_ids.emplace_back(ds.branches().id[b]);
    report.branch_names.emplace_back(ds.branches().name[b]);
  }
  // Each branch's findings are collected on their own, then concatenated in branch order, so the
  // result is the same for any thread count.
  std::vector<std::vector<ComplianceFinding>> per_branch(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t b) {
    const auto c = compliance_detail::context_of(ds, static_cast<std::uint32_t>(b), period);
    compliance_detail::check_branch(c, rules, per_branch[b]);
  });
  std::size_t total = 0;
  for (const auto& v : per_branch) total += v.size();
  report.findings.reserve(total);
  for (auto& v : per_branch)
    for (auto& f : v) report.findings.push_back(std::move(f));
  return report;
}

}  // namespace libbranch
