// Meetings (三会一课, 主题党日, 组织生活会, 民主评议党员) and silence (静默支部).
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <libbranch/model/activity_kind.hpp>

#include "rules_internal.hpp"

namespace libbranch::compliance_detail {
namespace {

/// A calendar unit as one integer, so that consecutive units are consecutive numbers.
std::int64_t unit_index(Date d, CheckUnit unit) {
  const Date::Ymd v = d.ymd();
  switch (unit) {
    case CheckUnit::month: return std::int64_t{v.year} * 12 + (v.month - 1);
    case CheckUnit::quarter: return std::int64_t{v.year} * 4 + (v.month - 1) / 3;
    default: return v.year;
  }
}

/// `2025-03`, `2025-Q2` or `2025`: how an organization department names the period.
std::string unit_label(std::int64_t index, CheckUnit unit) {
  char buf[32];
  switch (unit) {
    case CheckUnit::month:
      std::snprintf(buf, sizeof buf, "%04lld-%02lld", static_cast<long long>(index / 12),
                    static_cast<long long>(index % 12 + 1));
      break;
    case CheckUnit::quarter:
      std::snprintf(buf, sizeof buf, "%04lld-Q%lld", static_cast<long long>(index / 4),
                    static_cast<long long>(index % 4 + 1));
      break;
    default: std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(index)); break;
  }
  return buf;
}

std::string kind_label(const Dataset& ds, const std::string& kind) {
  if (const auto k = find_activity_kind(kind)) {
    const ActivityKindInfo& info = kActivityKinds[code(*k)];
    return std::string(info.label_zh) + " (" + kind + ")";
  }
  (void)ds;
  return kind;
}

/// The branch's activities of `kind` dated in `p`, as (date, row), in file order.
std::vector<std::pair<Date, std::uint32_t>> activities_of_kind(const BranchContext& c, const std::string& kind,
                                                               const Period& p) {
  std::vector<std::pair<Date, std::uint32_t>> out;
  const auto code = c.ds.find_kind(kind);
  if (!code) return out;  // a kind the dataset never uses: none held
  const ActivityTable& t = c.ds.activities();
  const RowRange rows = c.ds.activities_of(c.branch);
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (t.kind[r] == *code && p.contains(t.date[r])) out.emplace_back(t.date[r], r);
  return out;
}

}  // namespace

void check_meeting_frequency(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                             std::vector<ComplianceFinding>& out) {
  const Period e = effective_period(c.period, rule);
  const auto held = activities_of_kind(c, rule.kind, e);
  const std::string label = kind_label(c.ds, rule.kind);
  const ActivityTable& t = c.ds.activities();
  for (std::int64_t u = unit_index(e.from, rule.unit); u <= unit_index(e.to, rule.unit); ++u) {
    ComplianceFinding f = make_finding(c, rule, rule_index);
    for (const auto& [d, r] : held)
      if (unit_index(d, rule.unit) == u) f.evidence.emplace_back(t.id[r]);
    const auto count = static_cast<std::int64_t>(f.evidence.size());
    if (count >= rule.min_count) continue;
    f.period = unit_label(u, rule.unit);
    f.expected = "≥ " + std::to_string(rule.min_count);
    f.actual = std::to_string(count);
    f.evidence_kind = EvidenceKind::activity;
    f.message = (count == 0 ? "no " : "only " + std::to_string(count) + " ") + label + " in " + f.period;
    out.push_back(std::move(f));
  }
}

void check_meeting_timing(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                          std::vector<ComplianceFinding>& out) {
  const Period e = effective_period(c.period, rule);
  const auto held = activities_of_kind(c, rule.kind, e);
  const ActivityTable& t = c.ds.activities();
  std::string months;
  for (const int m : rule.months) {
    if (!months.empty()) months += ",";
    months += std::to_string(m);  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "…" + s
  }
  for (std::int64_t y = unit_index(e.from, CheckUnit::year); y <= unit_index(e.to, CheckUnit::year); ++y) {
    ComplianceFinding f = make_finding(c, rule, rule_index);
    bool in_months = false;
    std::string when;
    for (const auto& [d, r] : held) {
      if (d.year() != y) continue;
      f.evidence.emplace_back(t.id[r]);
      when += (when.empty() ? "" : ", ") + d.to_string();
      if (std::find(rule.months.begin(), rule.months.end(), d.month()) != rule.months.end()) in_months = true;
    }
    // A year without the meeting at all is the frequency rule's finding, not this one's.
    if (f.evidence.empty() || in_months) continue;
    f.period = unit_label(y, CheckUnit::year);
    f.expected = "in month ";
    f.expected += months;
    f.actual = "held " + when;
    f.evidence_kind = EvidenceKind::activity;
    f.message = kind_label(c.ds, rule.kind) + " of " + f.period + " held outside months " + months;
    out.push_back(std::move(f));
  }
}

void check_silence(const BranchContext& c, const ComplianceRule& rule, std::uint32_t rule_index,
                   std::vector<ComplianceFinding>& out) {
  const Period e = effective_period(c.period, rule);
  const ActivityTable& t = c.ds.activities();
  const RowRange rows = c.ds.activities_of(c.branch);
  std::vector<std::pair<Date, std::uint32_t>> dated;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (e.contains(t.date[r])) dated.emplace_back(t.date[r], r);
  std::sort(dated.begin(), dated.end());  // by date, then file order
  // Days with no activity between `after` (exclusive) and `before` (exclusive); the ends of the
  // period count as bounds, so a quiet January or December is a gap too.
  auto gap = [&](Date first_quiet, Date last_quiet, const std::uint32_t* prev, const std::uint32_t* next) {
    const std::int64_t days = static_cast<std::int64_t>(last_quiet.days()) - first_quiet.days() + 1;
    if (days <= rule.max_days) return;
    ComplianceFinding f = make_finding(c, rule, rule_index);
    f.period = first_quiet.to_string() + ".." + last_quiet.to_string();
    f.expected = "≤ " + std::to_string(rule.max_days) + " days without activity";
    f.actual = std::to_string(days) + " days";
    f.evidence_kind = EvidenceKind::activity;
    if (prev) f.evidence.emplace_back(t.id[*prev]);
    if (next) f.evidence.emplace_back(t.id[*next]);
    f.message = "no activity for " + std::to_string(days) + " days (" + f.period + ")";
    out.push_back(std::move(f));
  };
  Date first_quiet = e.from;
  const std::uint32_t* prev = nullptr;
  for (const auto& [d, r] : dated) {
    if (first_quiet < d) gap(first_quiet, d.plus_days(-1), prev, &r);
    if (first_quiet <= d) first_quiet = d.plus_days(1);
    prev = &r;
  }
  if (first_quiet <= e.to) gap(first_quiet, e.to, prev, nullptr);
}

}  // namespace libbranch::compliance_detail
