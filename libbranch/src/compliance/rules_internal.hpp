#pragma once
// Private to the compliance checks: what every rule evaluator gets, and the evaluators by family.
#include <cstdint>
#include <string>
#include <vector>

#include <libbranch/compliance.hpp>
#include <libbranch/dataset.hpp>

namespace libbranch::compliance_detail {

/// One branch under check: the dataset, the period, and the facts several rules share, counted
/// once per branch on the period's last day.
struct BranchContext {
  const Dataset& ds;
  std::uint32_t branch;
  Period period;
  std::int64_t formal_members = 0;  ///< F(to)
  std::int64_t members = 0;         ///< N(to)
  bool has_party_groups = false;    ///< a member on `to` belongs to a 党小组
};

/// Appends the findings of `rule` (index `rule_index`) for one branch to `out`. `rule` applies
/// to the branch (org type, committee, party groups) and its effective range meets the period.
void check_meeting_frequency(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                             std::vector<ComplianceFinding>& out);
void check_meeting_timing(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                          std::vector<ComplianceFinding>& out);
void check_silence(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                   std::vector<ComplianceFinding>& out);
void check_structure(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                     std::vector<ComplianceFinding>& out);
void check_committee_term(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                          std::vector<ComplianceFinding>& out);
void check_development(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                       std::vector<ComplianceFinding>& out);

/// The period clipped to the rule's effective range; from > to when they do not meet.
[[nodiscard]] Period effective_period(const Period& p, const ComplianceRule& rule);

/// A finding with the common fields filled.
[[nodiscard]] ComplianceFinding make_finding(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index);

}  // namespace libbranch::compliance_detail
