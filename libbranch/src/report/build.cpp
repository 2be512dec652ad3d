// Building the annual summary (docs/reference/results.md §7): figures counted from the dataset as
// figure_table.hpp says, organization-life totals from the fortress metrics, scores from the
// scorecard.
#include <libbranch/report.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

#include <libbranch/compliance.hpp>
#include <libbranch/error.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/rubric.hpp>

#include "figure_table.hpp"
#include "report_metrics.hpp"

namespace libbranch {
namespace {

using report_detail::ActivitySum;
using report_detail::FigureSpec;
using report_detail::ReportMetrics;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxLost = 5;

Eigen::Index at(std::size_t i) { return static_cast<Eigen::Index>(i); }

std::int64_t as_count(double v) { return std::isnan(v) ? 0 : static_cast<std::int64_t>(std::llround(v)); }

using Sums = std::array<double, report_detail::kActivitySumCount>;

double& sum_of(Sums& sums, ActivitySum s) { return sums[static_cast<std::size_t>(s)]; }

// Activities of the period: counts per kind into the report, and the sums of figure_table.hpp.
Sums count_activities(const Dataset& ds, std::uint32_t b, const Period& period, AnnualReport& report) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  report.activity_counts.assign(kBuiltinKindCount + ds.custom_kinds().size(), 0);
  for (KindCode k = 0; k < report.activity_counts.size(); ++k) report.activity_kinds.emplace_back(ds.kind_id(k));
  Sums sums{};
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (!period.contains(t.date[r])) continue;
    const KindCode k = t.kind[r];
    ++report.activity_counts[k];
    if (k == code(ActivityKind::legal_education) && (t.mode[r] == Mode::online || t.mode[r] == Mode::hybrid)) {
      sum_of(sums, ActivitySum::legal_online) += 1;
    } else if (k == code(ActivityKind::training)) {
      sum_of(sums, ActivitySum::training_person_times) += static_cast<double>(t.attendees.value_or(r, 0));
    } else if (k == code(ActivityKind::dispute_mediation)) {
      sum_of(sums, ActivitySum::dispute_cases) += static_cast<double>(t.cases.get(r).value_or(0));
      sum_of(sums, ActivitySum::disputes_escalated) += static_cast<double>(t.escalated.get(r).value_or(0));
    } else if (k == code(ActivityKind::volunteer_service)) {
      const double hours = std::isnan(t.hours[r]) ? 0.0 : t.hours[r];
      sum_of(sums, ActivitySum::volunteer_hours) += hours * static_cast<double>(t.attendees.value_or(r, 0));
    }
  }
  for (std::size_t i = t.amount_yuan.lower_bound(rows.begin); i < t.amount_yuan.entry_count(); ++i) {
    const std::uint32_t r = t.amount_yuan.entry_row(i);
    if (r >= rows.end) break;
    if (in_period(t.date, r, period)) sum_of(sums, ActivitySum::aid_amount) += t.amount_yuan.entry_value(i);
  }
  return sums;
}

struct MemberCounts {
  std::int64_t members = 0;  // N(to)
  std::int64_t formal = 0;   // F(to)
  std::int64_t conversions = 0;
};

MemberCounts count_members(const Dataset& ds, std::uint32_t b, const Period& period) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  MemberCounts c;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (m.is_member_on(r, period.to)) ++c.members;
    if (m.is_formal_member_on(r, period.to)) ++c.formal;
    if (period.contains(m.conversion_date[r])) ++c.conversions;
  }
  return c;
}

struct FigureInputs {
  const Dataset& ds;
  std::uint32_t branch;
  const AnnualReport& report;
  Sums& sums;
  const MemberCounts& members;
  ReportMetrics& metrics;
};

double branch_field(const Dataset& ds, std::uint32_t b, report_detail::BranchField field) {
  const BranchTable& t = ds.branches();
  const auto units = t.internal_units.get(b);
  switch (field) {
    case report_detail::BranchField::units_covered:
      return units ? static_cast<double>(t.units_covered.value_or(b, 0)) : kNaN;
    case report_detail::BranchField::internal_units:
      return units ? static_cast<double>(*units) : kNaN;
    case report_detail::BranchField::pioneer_posts:
      return static_cast<double>(t.pioneer_posts.value_or(b, 0));
  }
  return kNaN;
}

double figure_value(const FigureSpec& spec, FigureInputs& in) {
  using enum report_detail::FigureSource;
  switch (spec.source) {
    case kind_count:
      return static_cast<double>(in.report.activity_count(spec.kind));
    case metric:
      return in.metrics.optional(spec.metric, in.branch);
    case metric_percent:
      return in.metrics.optional(spec.metric, in.branch) * 100;
    case activity_sum:
      return sum_of(in.sums, spec.sum);
    case branch_field:
      return libbranch::branch_field(in.ds, in.branch, spec.field);
    case member_count:
      return static_cast<double>(spec.members == report_detail::MemberCount::members ? in.members.members
                                                                                      : in.members.formal);
  }
  return kNaN;
}

void add_sections(const Scorecard& card, FigureInputs& in, AnnualReport& report) {
  for (const report_detail::StandardText& s : report_detail::standard_texts()) {
    ReportSection section;
    section.standard = std::string(s.id);
    section.name = std::string(s.name_zh);
    for (const ScoredStandard& scored : card.standards)
      if (scored.id == s.id) section.name = scored.name;
    for (const FigureSpec& spec : report_detail::figure_table()) {
      if (spec.standard != s.id) continue;
      section.figures.push_back({std::string(spec.id), std::string(spec.part_of), figure_value(spec, in),
                                 std::string(spec.label_zh), std::string(spec.label_en), std::string(spec.unit_zh)});
    }
    report.sections.push_back(std::move(section));
  }
}

void add_organization_life(const MemberCounts& members, std::uint32_t b, ReportMetrics& metrics, AnnualReport& report) {
  OrganizationLife& life = report.organization_life;
  life.theme_days = report.activity_count(ActivityKind::theme_day);
  life.branch_congresses = report.activity_count(ActivityKind::branch_congress);
  life.committee_meetings = report.activity_count(ActivityKind::committee_meeting);
  life.secretary_lectures = as_count(metrics.required("fortress.secretary_lectures", b));
  life.new_probationary = as_count(metrics.required("fortress.new_probationary", b));
  // On-time conversions: the metric gives the share among the members converted in the period, so
  // the number is that share times their count (exact: the share is a ratio of small integers).
  life.conversions = members.conversions;
  if (life.conversions > 0) {
    const double rate = metrics.required("fortress.on_time_conversion_rate", b);
    life.on_time_conversions = std::isnan(rate) ? 0 : std::llround(rate * static_cast<double>(life.conversions));
  }
}

// Requirement for full points of a lost indicator, from its rule (docs/reference/rubrics.md §4).
void set_requirement(LostIndicator& lost, bool missing, const Indicator* indicator) {
  if (missing) {
    lost.requirement = Requirement::data;
    return;
  }
  if (indicator == nullptr) return;
  const Rule& rule = indicator->rule;
  const double p = indicator->points;
  auto at_least = [&](double v) {
    lost.requirement = Requirement::at_least;
    lost.required = v;
  };
  switch (rule.type) {
    case RuleType::target:
    case RuleType::ratio:
      at_least(rule.target);
      break;
    case RuleType::linear_cap:
      if (rule.per_unit > 0) at_least(p / rule.per_unit);
      break;
    case RuleType::bands: {
      // The lowest bound of an open-ended band that gives full points.
      std::optional<double> best;
      for (const Band& band : rule.bands)
        if (band.points >= p && band.min && !band.max && (!best || *band.min < *best)) best = band.min;
      if (best) at_least(*best);
      break;
    }
    case RuleType::boolean:
      lost.requirement = Requirement::above_zero;
      break;
    case RuleType::deduction:
      if (rule.per_unit > 0) {
        lost.requirement = Requirement::at_most;
        lost.required = 0;
      }
      break;
    case RuleType::rank:
    case RuleType::relative_to_best:
    case RuleType::minmax:
      lost.requirement = Requirement::peers;
      break;
  }
}

void add_scores(const Scorecard& card, std::size_t branch_row, const MetricRegistry& registry, AnnualReport& report) {
  const Eigen::Index row = at(branch_row);
  report.total = card.totals[row];
  report.bonus = card.bonus.size() > row ? card.bonus[row] : 0.0;
  report.rating = card.rating(branch_row);
  for (std::size_t s = 0; s < card.standards.size(); ++s) {
    report.standards.push_back({card.standards[s].id, card.standards[s].name, card.standard_scores(row, at(s)),
                                card.standards[s].max_points});
    report.max_total += card.standards[s].max_points;
  }
  for (std::uint32_t k = card.veto_offsets[branch_row]; k < card.veto_offsets[branch_row + 1]; ++k) {
    ReportVeto veto;
    veto.metric = card.veto_metrics[card.fired_vetoes[k]];
    const Metric* metric = registry.find(veto.metric);
    veto.label_zh = metric ? metric->label_zh : veto.metric;
    veto.label_en = metric ? metric->label_en : veto.metric;
    report.vetoes.push_back(std::move(veto));
  }
}

// The indicators that lost most points: ties keep rubric order (stable sort on a key rounded to
// 1e-9, so that sums differing only in the last bits count as equal).
void add_lost_indicators(const Scorecard& card, std::size_t branch_row, const MetricRegistry& registry,
                         const Rubric* rubric, AnnualReport& report) {
  const Eigen::Index row = at(branch_row);
  std::vector<std::pair<double, LostIndicator>> lost;
  for (std::size_t i = 0; i < card.indicators.size(); ++i) {
    const ScoredIndicator& ind = card.indicators[i];
    if (ind.bonus) {
      report.has_bonuses = true;
      continue;
    }
    const std::uint8_t flags = card.flags(row, at(i));
    if (flags & kFlagExcluded) continue;
    const double points = card.points(row, at(i));
    const double loss = ind.max_points - points;
    if (!(loss > 1e-9)) continue;
    LostIndicator l;
    l.id = ind.id;
    l.standard = ind.standard;
    l.metric = ind.metric;
    l.rule = ind.rule;
    const Metric* metric = registry.find(ind.metric);
    l.label_zh = metric ? metric->label_zh : ind.metric;
    l.label_en = metric ? metric->label_en : ind.metric;
    l.unit = metric ? metric->unit : std::string();
    l.value = card.indicator_value(branch_row, i);
    l.points = points;
    l.max_points = ind.max_points;
    const Indicator* rubric_indicator = rubric ? rubric->find_indicator(ind.id) : nullptr;
    if (rubric_indicator != nullptr && rubric_indicator->metric != ind.metric) rubric_indicator = nullptr;
    set_requirement(l, (flags & kFlagMissing) != 0, rubric_indicator);
    lost.emplace_back(std::round(loss * 1e9), std::move(l));
  }
  std::stable_sort(lost.begin(), lost.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < lost.size() && i < kMaxLost; ++i) report.lost.push_back(std::move(lost[i].second));
}

void check_card_matches(const Dataset& ds, const Scorecard& card, std::size_t branch_row) {
  if (branch_row >= card.branch_count())
    throw Error("annual report: branch row " + std::to_string(branch_row) + " is out of range (the scorecard has " +
                std::to_string(card.branch_count()) + " branches)");
  if (ds.branch_count() != card.branch_count() || ds.branches().id[branch_row] != card.branch_ids[branch_row])
    throw Error("annual report: the scorecard was not computed from this dataset (branch '" +
                card.branch_ids[branch_row] + "')");
}

AnnualReport build_report(const Dataset& ds, const Scorecard& card, std::size_t branch_row,
                          const MetricRegistry& registry, const Rubric* rubric, ReportMetrics& metrics) {
  const auto b = static_cast<std::uint32_t>(branch_row);
  AnnualReport report;
  report.branch_id = card.branch_ids[branch_row];
  report.branch_name = card.branch_names[branch_row];
  report.period = card.period;
  report.rubric_name = card.rubric_name;
  Sums sums = count_activities(ds, b, card.period, report);
  const MemberCounts members = count_members(ds, b, card.period);
  add_organization_life(members, b, metrics, report);
  FigureInputs inputs{ds, b, report, sums, members, metrics};
  add_sections(card, inputs, report);
  add_scores(card, branch_row, registry, report);
  add_lost_indicators(card, branch_row, registry, rubric, report);
  return report;
}

ReportFinding report_finding(const ComplianceReport& compliance, const ComplianceFinding& f) {
  const ComplianceRule& rule = compliance.rule_of(f);
  return {rule.id,      rule.title_zh,
          rule.title_en, rule.instrument,
          rule.article, f.severity == ComplianceSeverity::violation,
          f.period,     f.expected,
          f.actual,     f.evidence,
          f.message};
}

void check_same_period(const AnnualReport& report, const ComplianceReport& compliance) {
  if (!(report.period.from == compliance.period.from) || !(report.period.to == compliance.period.to))
    throw Error("annual report: the compliance check covers " + compliance.period.from.to_string() + " to " +
                compliance.period.to.to_string() + ", the report of branch '" + report.branch_id + "' " +
                report.period.from.to_string() + " to " + report.period.to.to_string());
}

void start_findings(AnnualReport& report, const ComplianceReport& compliance) {
  check_same_period(report, compliance);
  report.compliance_checked = true;
  report.compliance_rules = compliance.rules.name;
  report.findings.clear();
}

}  // namespace

bool AnnualReport::is_calendar_year() const {
  if (period.from.is_none() || period.to.is_none()) return false;
  const Date::Ymd a = period.from.ymd();
  const Date::Ymd b = period.to.ymd();
  return a.year == b.year && a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31;
}

const ReportFigure* AnnualReport::find_figure(std::string_view id) const {
  for (const ReportSection& s : sections)
    for (const ReportFigure& f : s.figures)
      if (f.id == id) return &f;
  return nullptr;
}

AnnualReport make_annual_report(const Dataset& ds, const Scorecard& card, std::size_t branch_row,
                                const MetricRegistry& registry, const Rubric* rubric) {
  check_card_matches(ds, card, branch_row);
  ReportMetrics metrics(ds, card, registry);
  return build_report(ds, card, branch_row, registry, rubric, metrics);
}

std::vector<AnnualReport> make_annual_reports(const Dataset& ds, const Scorecard& card, const MetricRegistry& registry,
                                              const Rubric* rubric) {
  std::vector<AnnualReport> reports;
  if (card.branch_count() == 0) return reports;
  check_card_matches(ds, card, 0);
  check_card_matches(ds, card, card.branch_count() - 1);
  ReportMetrics metrics(ds, card, registry);
  reports.reserve(card.branch_count());
  for (std::size_t b = 0; b < card.branch_count(); ++b) {
    if (ds.branches().id[b] != card.branch_ids[b]) check_card_matches(ds, card, b);  // throws
    reports.push_back(build_report(ds, card, b, registry, rubric, metrics));
  }
  return reports;
}

void add_findings(std::vector<AnnualReport>& reports, const ComplianceReport& compliance) {
  std::unordered_map<std::string_view, AnnualReport*> by_id;
  for (AnnualReport& r : reports) {
    start_findings(r, compliance);
    by_id.emplace(r.branch_id, &r);
  }
  for (const ComplianceFinding& f : compliance.findings) {
    const auto it = by_id.find(compliance.branch_ids[f.branch]);
    if (it != by_id.end()) it->second->findings.push_back(report_finding(compliance, f));
  }
}

void add_findings(AnnualReport& report, const ComplianceReport& compliance) {
  start_findings(report, compliance);
  for (const ComplianceFinding& f : compliance.findings)
    if (compliance.branch_ids[f.branch] == report.branch_id) report.findings.push_back(report_finding(compliance, f));
}

}  // namespace libbranch
