// Size and structure (组织设置): formal members, size, committee, secretary, term (换届).
// Counted over the party members on the period's last day, as the fortress metrics count them
// (docs/reference/metrics.md §6.1 fortress.committee_complete); roles are current roles
// (docs/reference/data-format.md §5.4).
#include <string>
#include <utility>
#include <vector>

#include "rules_internal.hpp"

namespace libbranch::compliance_detail {
namespace {

bool on_committee(Role r) { return r == Role::secretary || r == Role::deputy_secretary || r == Role::committee_member; }

/// Member ids on `to` that satisfy `pred(row)`, in file order.
template <class Pred>
std::vector<std::string> members_where(const BranchContext& c, Pred pred) {
  const MemberTable& m = c.ds.members();
  const RowRange rows = c.ds.members_of(c.branch);
  std::vector<std::string> ids;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (m.is_member_on(r, c.period.to) && pred(r)) ids.emplace_back(m.id[r]);
  return ids;
}

ComplianceFinding on_last_day(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index) {
  ComplianceFinding f = make_finding(c, rule, rule_index);
  f.period = c.period.to.to_string();
  f.evidence_kind = EvidenceKind::member;
  return f;
}

std::string role_name(Role r) { return std::string(kRoleNames[static_cast<std::size_t>(r)]); }

/// The day the secretary's 党龄 is judged on: when they took office, as near as the data tells it
/// (the last election, or joining the branch after it), else the period's last day.
Date secretary_reference_day(const BranchContext& c, std::uint32_t row) {
  const Date to = c.period.to;
  Date ref = to;
  const Date election = c.ds.branches().last_election[c.branch];
  if (!election.is_none() && election <= to) ref = election;
  const Date joined = c.ds.members().joined_branch[row];
  if (!joined.is_none() && ref < joined && joined <= to) ref = joined;
  return ref;
}

}  // namespace

void check_structure(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                     std::vector<ComplianceFinding>& out) {
  const MemberTable& m = c.ds.members();
  const Date to = c.period.to;
  switch (rule.type) {
    case ComplianceRuleType::formal_members_min: {
      if (c.formal_members >= rule.min) return;
      ComplianceFinding f = on_last_day(c, rule, rule_index);
      f.expected = "≥ " + std::to_string(rule.min) + " formal members";
      f.actual = std::to_string(c.formal_members);
      f.evidence = members_where(c, [&](std::uint32_t r) { return m.is_formal_member_on(r, to); });
      f.message = "only " + f.actual + " formal members on " + f.period;
      out.push_back(std::move(f));
      return;
    }
    case ComplianceRuleType::members_max: {
      if (c.members <= rule.max) return;
      ComplianceFinding f = on_last_day(c, rule, rule_index);
      f.expected = "≤ " + std::to_string(rule.max) + " members";
      f.actual = std::to_string(c.members);
      f.evidence_kind = EvidenceKind::none;  // every member: the count says it
      f.message = f.actual + " members on " + f.period + " (consider dividing the branch)";
      out.push_back(std::move(f));
      return;
    }
    case ComplianceRuleType::committee_size: {
      std::vector<std::string> ids = members_where(c, [&](std::uint32_t r) { return on_committee(m.role[r]); });
      const auto size = static_cast<std::int64_t>(ids.size());
      ComplianceFinding f = on_last_day(c, rule, rule_index);
      if (size < rule.min || size > rule.max) {
        f.expected = std::to_string(rule.min) + "–" + std::to_string(rule.normal_max.value_or(rule.max)) +
                     " committee members (at most " + std::to_string(rule.max) + ")";
      } else if (rule.normal_max && size > *rule.normal_max) {
        f.severity = ComplianceSeverity::warning;  // allowed up to max, but above the usual size
        f.expected = std::to_string(rule.min) + "–" + std::to_string(*rule.normal_max) + " committee members";
      } else {
        return;
      }
      f.actual = std::to_string(size);
      f.evidence = std::move(ids);
      f.message = "a committee of " + f.actual + " with " + std::to_string(c.formal_members) + " formal members";
      out.push_back(std::move(f));
      return;
    }
    case ComplianceRuleType::role_count: {
      std::vector<std::string> ids = members_where(c, [&](std::uint32_t r) { return m.role[r] == rule.role; });
      const auto n = static_cast<std::int64_t>(ids.size());
      if (n >= rule.min && n <= rule.max) return;
      ComplianceFinding f = on_last_day(c, rule, rule_index);
      f.expected = rule.min == rule.max ? std::to_string(rule.min) + " " + role_name(rule.role)
                                        : std::to_string(rule.min) + "–" + std::to_string(rule.max) + " " +
                                              role_name(rule.role);
      f.actual = std::to_string(n);
      f.evidence = std::move(ids);
      f.message = f.actual + " members with role " + role_name(rule.role) + " on " + f.period;
      out.push_back(std::move(f));
      return;
    }
    case ComplianceRuleType::secretary_standing: {
      const RowRange rows = c.ds.members_of(c.branch);
      for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
        if (!m.is_member_on(r, to) || m.role[r] != Role::secretary) continue;
        const Date ref = secretary_reference_day(c, r);
        const Date conversion = m.conversion_date[r];
        const int years = static_cast<int>(rule.min_years);
        if (!conversion.is_none() && conversion.plus_years(years) <= ref) continue;
        ComplianceFinding f = make_finding(c, rule, rule_index);
        f.period = ref.to_string();
        f.expected = "converted on or before " + ref.plus_years(-years).to_string();
        f.actual = conversion.is_none() ? "not converted" : "converted " + conversion.to_string();
        f.evidence_kind = EvidenceKind::member;
        f.evidence.emplace_back(m.id[r]);
        f.message = "secretary " + std::string(m.id[r]) + " has less than " + std::to_string(years) +
                    " year(s) of full membership on " + f.period;
        out.push_back(std::move(f));
      }
      return;
    }
    default: return;
  }
}

void check_committee_term(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                          std::vector<ComplianceFinding>& out) {
  const BranchTable& branches = c.ds.branches();
  const Date election = branches.last_election[c.branch];
  const Date to = c.period.to;
  ComplianceFinding f = make_finding(c, rule, rule_index);
  if (election.is_none()) {
    f.severity = ComplianceSeverity::warning;  // maybe a data gap: say so, do not call it a breach
    f.period = to.to_string();
    f.expected = "a last_election date";
    f.actual = "absent";
    f.message = "no last election recorded";
    out.push_back(std::move(f));
    return;
  }
  if (to < election) return;
  // The term in force when the committee was elected decides its length (the 2018 change does not
  // shorten or lengthen terms already running).
  const TermVersion* version = nullptr;
  for (const TermVersion& v : rule.terms)
    if ((v.elected_from.is_none() || v.elected_from <= election) && (v.elected_to.is_none() || election <= v.elected_to)) {
      version = &v;
      break;
    }
  if (version == nullptr) return;
  std::int64_t years = version->years;
  if (const auto it = version->years_by_org_type.find(branches.org_type[c.branch]); it != version->years_by_org_type.end())
    years = it->second;
  const Date term_end = election.plus_years(static_cast<int>(years));
  if (to < term_end) return;
  const Date grace_end = term_end.plus_years(static_cast<int>(rule.grace_years));
  if (to < grace_end) f.severity = ComplianceSeverity::warning;  // a postponement may have been approved
  f.period = term_end.to_string();
  f.expected = "re-election by " + term_end.to_string() + " (" + std::to_string(years) + "-year term" +
               (rule.grace_years > 0 ? ", postponed at most until " + grace_end.to_string() : std::string()) + ")";
  f.actual = "last election " + election.to_string();
  f.message = "the " + std::to_string(years) + "-year term elected on " + election.to_string() + " ended on " +
              term_end.to_string() + (version->instrument.empty() ? "" : " (" + version->instrument + ")");
  out.push_back(std::move(f));
}

}  // namespace libbranch::compliance_detail
