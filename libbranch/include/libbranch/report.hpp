#pragma once
// The annual summary of one branch (年度工作总结, docs/reference/results.md §7): the figures an annual
// work report needs, in the order of the five standards (docs/reference/README.md §2), ending with
// the organization-life totals in the customary sentence; then the total, the rating, each
// standard's score and the indicators that lost most points.
//
// Output layer (DESIGN §5): it reads a Scorecard and the Dataset the scorecard was computed from;
// it knows nothing of command lines or files. This header builds the report's content; rendering
// it as text, Markdown or HTML is report_render.hpp's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/registry.hpp>
#include <libbranch/scorecard.hpp>

namespace libbranch {

struct Rubric;
struct ComplianceReport;

/// Language of a rendered report.
enum class Language : std::uint8_t { zh, en };

/// One figure of the report: a number with its labels. The rendered phrase (开展普法宣传教育12次 /
/// 12 legal education sessions) is the renderer's business; these fields are for programs.
struct ReportFigure {
  std::string id;        ///< stable key, e.g. `legal_education`, `training_person_times`
  std::string part_of;   ///< id of the figure this one details (其中…), empty for a main figure
  double value = 0;      ///< NaN = not available (no statistic supplied, no members, …): not rendered
  std::string label_zh;  ///< e.g. 普法宣传教育
  std::string label_en;  ///< e.g. legal education sessions
  std::string unit_zh;   ///< e.g. 次, 人次, 元, %
};

/// The figures of one of the five standards of docs/reference/README.md §2.
struct ReportSection {
  std::string standard;  ///< rule_of_law, cohesion, civility, development, fortress (docs/reference/README.md §2 order)
  std::string name;      ///< the rubric's name for the standard, else docs/reference/README.md §2's (依法治理好, …)
  std::vector<ReportFigure> figures;
};

/// The organization-life totals of the customary sentence (docs/reference/results.md §7).
struct OrganizationLife {
  std::int64_t theme_days = 0;          ///< |A(theme_day)| (主题党日)
  std::int64_t branch_congresses = 0;   ///< |A(branch_congress)| (党员大会)
  std::int64_t committee_meetings = 0;  ///< |A(committee_meeting)| (支部委员会)
  std::int64_t secretary_lectures = 0;  ///< fortress.secretary_lectures (支部书记讲党课)
  /// Members converted on time with the default grace of 30 days (按期转正): among `conversions`,
  /// those with conversion_date ≤ (admission_date + 1 year) + 30 days; the number, not the rate.
  std::int64_t on_time_conversions = 0;
  std::int64_t conversions = 0;        ///< members of the branch whose conversion_date is in the period
  std::int64_t new_probationary = 0;   ///< fortress.new_probationary (吸收预备党员)
};

/// A standard's score as scored by the rubric.
struct StandardResult {
  std::string id;
  std::string name;  ///< the rubric's name (依法治理好)
  double score = 0;
  double max_points = 0;
};

/// What an indicator needed for full points, when the rubric is known (see make_annual_report).
enum class Requirement : std::uint8_t {
  unknown,     ///< the rubric was not given, or the rule has no single threshold
  data,        ///< the metric had no value (flag `missing`): nothing recorded
  at_least,    ///< full points from `required` on (target, ratio, linear_cap, bands)
  above_zero,  ///< full points for any value > 0 (boolean)
  at_most,     ///< full points up to `required` (deduction: 0)
  peers,       ///< points depend on the peer group (rank, relative_to_best, minmax)
};

/// An indicator that lost points.
struct LostIndicator {
  std::string id;        ///< indicator id in the rubric
  std::string standard;  ///< standard id
  std::string metric;    ///< metric id
  std::string rule;      ///< rule type, e.g. `target`
  std::string label_zh;  ///< the metric's labels (the metric id when the registry lacks it)
  std::string label_en;
  std::string unit;      ///< the metric's unit (`count`, `share`, …)
  double value = 0;      ///< the metric value the indicator saw (NaN = none)
  double points = 0;
  double max_points = 0;
  Requirement requirement = Requirement::unknown;
  double required = 0;   ///< threshold for at_least / at_most

  [[nodiscard]] double lost() const noexcept { return max_points - points; }
};

/// A veto that fired.
struct ReportVeto {
  std::string metric;
  std::string label_zh;
  std::string label_en;
};

/// A compliance finding shown in the report (compliance.hpp's ComplianceFinding with its rule's
/// texts, so a report stands alone).
struct ReportFinding {
  std::string rule_id;
  std::string title_zh;
  std::string title_en;
  std::string instrument;  ///< e.g. 《中国共产党支部工作条例（试行）》
  std::string article;     ///< e.g. 第十九条
  bool violation = true;   ///< else a warning
  std::string period;
  std::string expected;
  std::string actual;
  std::vector<std::string> evidence;  ///< activity or member ids
  std::string message;                ///< one English sentence
};

/// Everything the annual summary says about one branch and period.
struct LIBBRANCH_API AnnualReport {
  std::string branch_id;
  std::string branch_name;
  Period period;
  std::string rubric_name;

  /// Activities of the branch dated in the period, per kind code: the built-in kinds of
  /// docs/reference/activity-kinds.md (index = code(ActivityKind)), then the dataset's custom
  /// kinds.
  std::vector<std::int64_t> activity_counts;
  std::vector<std::string> activity_kinds;  ///< kind id of each entry of activity_counts

  OrganizationLife organization_life;
  std::vector<ReportSection> sections;  ///< the five standards of docs/reference/README.md §2, in that order

  double total = 0;
  double max_total = 0;  ///< Σ of the standards' maxima (bonuses not included)
  double bonus = 0;
  bool has_bonuses = false;  ///< the rubric has bonus indicators
  std::string rating;
  std::vector<ReportVeto> vetoes;
  std::vector<StandardResult> standards;  ///< rubric order
  /// The indicators that lost most points: at most 5, by max_points − points descending, ties in
  /// rubric order. Bonuses and excluded indicators (their standard is rescaled) are not listed;
  /// an indicator that lost nothing is not listed, so the list may be empty.
  std::vector<LostIndicator> lost;

  /// Whether the branch was checked against a compliance rule set (add_findings); `findings` is
  /// then its findings, possibly none. Unchecked reports say nothing of compliance.
  bool compliance_checked = false;
  std::string compliance_rules;  ///< the rule set's name
  std::vector<ReportFinding> findings;

  /// Whether the period is exactly one calendar year [Y-01-01, Y-12-31].
  [[nodiscard]] bool is_calendar_year() const;
  /// Count of activities of a built-in kind.
  [[nodiscard]] std::int64_t activity_count(ActivityKind kind) const {
    return activity_counts[static_cast<std::size_t>(code(kind))];
  }
  /// The figure `id` in any section, or nullptr.
  [[nodiscard]] const ReportFigure* find_figure(std::string_view id) const;
};

/// Builds the annual summary of the branch in row `branch_row` of `card`, which must have been
/// scored from `ds` (same branches in the same order; the period is the card's). Figures are
/// counted from the dataset; secretary lectures, new probationary members, on-time conversions and
/// the observation figures use the metrics of docs/reference/metrics.md §7 (the card's column when
/// it holds the metric with default parameters, else computed with `registry`). With `rubric` (the
/// one `card` was scored with), each lost indicator also says what full points needed. Throws
/// libbranch::Error when the row is out of range or the card does not match the dataset, and
/// UnknownMetricError when the registry lacks a fortress metric the summary needs.
[[nodiscard]] LIBBRANCH_API AnnualReport make_annual_report(const Dataset& ds, const Scorecard& card,
                                                            std::size_t branch_row,
                                                            const MetricRegistry& registry, const Rubric* rubric = nullptr);

/// The annual summaries of every branch of `card`, in its order: the same as make_annual_report
/// for each row, but every metric column the figures need is read or computed once, not once per
/// branch.
[[nodiscard]] LIBBRANCH_API std::vector<AnnualReport> make_annual_reports(const Dataset& ds, const Scorecard& card,
                                                                          const MetricRegistry& registry,
                                                                          const Rubric* rubric = nullptr);

/// Attaches the findings of `compliance` for the report's branch (matched by branch id; a branch
/// the check did not see gets none) and marks the report checked. `compliance` must cover the
/// report's period: a report and a check of different periods are an Error.
LIBBRANCH_API void add_findings(AnnualReport& report, const ComplianceReport& compliance);
/// The same for many reports (one pass over the findings).
LIBBRANCH_API void add_findings(std::vector<AnnualReport>& reports, const ComplianceReport& compliance);

}  // namespace libbranch
