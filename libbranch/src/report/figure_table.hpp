#pragma once
// Where each figure of the annual summary comes from (docs/reference/results.md §7), as data: one
// row per figure, in the order the report lists them, standard by standard. The phrases that render
// a figure live in the per-language phrase tables (phrases.hpp), so adding a figure is one row here
// and one phrase per language there.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include <libbranch/model/activity_kind.hpp>

namespace libbranch::report_detail {

/// What a figure counts.
enum class FigureSource : std::uint8_t {
  kind_count,      ///< |A(kind)|: activities of one kind in the period
  metric,          ///< a metric of docs/reference/metrics.md with its default parameters (a plugin's definition)
  metric_percent,  ///< the same, a share shown as a percentage (× 100)
  activity_sum,    ///< a sum over the branch's activities that no metric gives (totals, not per member)
  branch_field,    ///< a column of branches.csv
  member_count,    ///< members of the branch on the period's last day
};

/// The sums over activities the figures need (accumulated in file order, absent cells as 0).
enum class ActivitySum : std::uint8_t {
  legal_online,           ///< legal_education with mode online or hybrid
  training_person_times,  ///< Σ attendees over A(training)
  dispute_cases,          ///< Σ cases over A(dispute_mediation)
  disputes_escalated,     ///< Σ escalated over A(dispute_mediation)
  volunteer_hours,        ///< Σ hours · attendees over A(volunteer_service)
  aid_amount,             ///< Σ amount_yuan over all activities
};
inline constexpr std::size_t kActivitySumCount = 6;

/// Columns of branches.csv shown as figures. units_covered and internal_units are shown only when
/// internal_units is given (a coverage "3 of 4" means nothing without its denominator).
enum class BranchField : std::uint8_t { units_covered, internal_units, pioneer_posts };

enum class MemberCount : std::uint8_t { members, formal_members };

struct FigureSpec {
  std::string_view standard{};  ///< docs/reference/README.md §2 id of the section the figure belongs to
  std::string_view id{};
  std::string_view part_of{};   ///< the figure this one details (其中…), empty for a main figure
  FigureSource source = FigureSource::kind_count;
  ActivityKind kind = ActivityKind::theme_day;  ///< kind_count
  std::string_view metric{};                      ///< metric, metric_percent
  ActivitySum sum = ActivitySum::legal_online;  ///< activity_sum
  BranchField field = BranchField::pioneer_posts;
  MemberCount members = MemberCount::members;
  std::string_view label_zh{};
  std::string_view label_en{};
  std::string_view unit_zh{};
  int decimals = 0;  ///< at most this many decimals in the text
};

/// Every figure, standard by standard in docs/reference/README.md §2 order.
[[nodiscard]] std::span<const FigureSpec> figure_table();
/// The row of figure `id`, or nullptr.
[[nodiscard]] const FigureSpec* find_figure_spec(std::string_view id);

/// The five standards of docs/reference/README.md §2, in order.
struct StandardText {
  std::string_view id{};
  std::string_view name_zh{};
  std::string_view name_en{};
};
[[nodiscard]] std::span<const StandardText, 5> standard_texts();
/// The English name of standard `id`, empty for a standard the reference does not list.
[[nodiscard]] std::string_view english_standard_name(std::string_view id);

}  // namespace libbranch::report_detail
