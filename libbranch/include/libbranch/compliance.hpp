#pragma once
// Compliance checks (合规检查): every branch against the branch work regulations
// (《中国共产党支部工作条例（试行）》, 《中国共产党发展党员工作细则》, …) before it is scored.
//
// A rule set is data (JSON, compliance/default.json is built in): each rule has an id, the
// instrument and article it comes from, effective dates, a severity and the thresholds of its
// type, so a province can ship its own rule set. Checking yields findings: one per branch, rule
// and offending period (a month, a quarter, a year, a gap) or member, with expected vs actual and
// the rows that prove it. The library never prints; callers render the findings.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/error.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/date.hpp>
#include <libbranch/model/enums.hpp>

namespace libbranch {

/// How serious a finding is: `violation` (违反规定) or `warning` (提醒: allowed with approval, or
/// probably a data gap).
enum class ComplianceSeverity : std::uint8_t { warning, violation };
[[nodiscard]] LIBBRANCH_API std::string_view to_string(ComplianceSeverity s);

/// The calendar unit a frequency is counted in (每月, 每季度, 每年).
enum class CheckUnit : std::uint8_t { month, quarter, year };

/// What a rule checks. Each type reads only its own fields of ComplianceRule (documented there and
/// in docs/compliance.md).
enum class ComplianceRuleType : std::uint8_t {
  meeting_frequency,      ///< ≥ min_count activities of `kind` in every unit (三会一课, 主题党日, …)
  meeting_timing,         ///< in a year with the meeting, at least one falls in `months` (组织生活会 in Q4)
  silence,                ///< no gap of more than max_days days without any activity (静默支部)
  formal_members_min,     ///< F(to) ≥ min (正式党员3人以上成立党支部)
  members_max,            ///< N(to) ≤ max (一般不超过50人)
  committee_size,         ///< committee members in [min, max], warning above normal_max (支委会3至5人, 最多7人)
  role_count,             ///< members with `role` in [min, max] (书记1人, 副书记至多1人)
  secretary_standing,     ///< the secretary's 党龄 ≥ min_years at the reference date
  committee_term,         ///< the committee was elected within its term (+ postponement grace) (按期换届)
  activist_to_candidate,  ///< candidate_date ≥ activist_date + min_years (培养考察一年以上)
  probation_length,       ///< conversion_date ≥ admission_date + years (预备期一年)
  conversion_late,        ///< conversion within grace_days of the probation's end, or a valid extension
  extension_length,       ///< an extended probation ends within max_months (延长预备期不超过一年)
  conversion_overdue,     ///< probation over, no conversion recorded (未按期讨论转正)
  preceding_stages,       ///< an admission has every earlier stage dated (申请 → 积极分子 → 发展对象)
};
[[nodiscard]] LIBBRANCH_API std::string_view to_string(ComplianceRuleType t);

/// One length of the committee term, for committees elected in [elected_from, elected_to]
/// (either open): the rules changed in 2018 (2 or 3 years before, 3 and 5 for village and
/// community branches since).
struct TermVersion {
  Date elected_from = Date::none();  ///< none = open
  Date elected_to = Date::none();    ///< none = open
  std::int64_t years = 3;
  std::map<OrgType, std::int64_t> years_by_org_type;  ///< overrides `years` for these org types
  std::string instrument;  ///< where this length comes from, when it differs from the rule's
  std::string article;
};

/// One rule of a rule set. The common fields come first; the parameters below are read by the
/// types named in their comments (defaults are the national rules).
struct ComplianceRule {
  std::string id;  ///< unique in the rule set, e.g. `meeting.branch_congress`
  ComplianceRuleType type = ComplianceRuleType::meeting_frequency;
  std::string title_zh;
  std::string title_en;
  std::string instrument;  ///< e.g. 《中国共产党支部工作条例（试行）》
  std::string article;     ///< e.g. 第十九条
  ComplianceSeverity severity = ComplianceSeverity::violation;
  /// The rule applies on days in [effective_from, effective_to] (none = open): a unit or a date
  /// outside is not checked. For committee_term the terms' own dates select the length.
  Date effective_from = Date::none();
  Date effective_to = Date::none();

  // Applicability, evaluated on the last day of the period.
  std::vector<OrgType> org_types;                 ///< empty: every org_type
  std::optional<std::int64_t> min_formal_members;  ///< applies only when F(to) ≥ this (a committee exists)
  bool requires_party_groups = false;              ///< applies only when a member on `to` has a party_group

  // meeting_frequency, meeting_timing
  std::string kind;  ///< activity kind id (docs/reference/activity-kinds.md)
  CheckUnit unit = CheckUnit::month;
  std::int64_t min_count = 1;
  std::vector<int> months;  ///< meeting_timing: the months (1–12) the meeting normally falls in

  // silence: max_days; formal_members_min, committee_size, role_count: min; members_max,
  // committee_size, role_count: max; committee_size: normal_max
  std::int64_t max_days = 30;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::optional<std::int64_t> normal_max;
  Role role = Role::secretary;  ///< role_count

  // secretary_standing, activist_to_candidate: min_years; probation_length: years
  std::int64_t min_years = 1;
  std::int64_t years = 1;
  // conversion_late, extension_length, conversion_overdue: the probation ends `years` after
  // admission; a conversion within grace_days of that is on time; an extension lasts
  // min_months to max_months
  std::int64_t grace_days = 30;
  std::int64_t min_months = 6;
  std::int64_t max_months = 12;
  // preceding_stages: stage columns that must be dated: application, activist, candidate
  std::vector<std::string> stages{"application", "activist", "candidate"};

  // committee_term
  std::vector<TermVersion> terms;
  std::int64_t grace_years = 1;  ///< postponement allowed with approval (延期一般不超过1年)
};

/// A malformed rule set: names the file, the place (line and column for JSON syntax, the JSON
/// path otherwise, e.g. `rules[3].unit`) and the offending value. A RubricError, so callers that
/// handle rubric errors handle this too.
class LIBBRANCH_API RuleSetError : public RubricError {
 public:
  RuleSetError(std::string file, std::string json_path, std::int64_t line, std::int64_t column,
               std::string value, const std::string& message);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] std::int64_t line() const noexcept { return line_; }      ///< 0 = not a syntax error
  [[nodiscard]] std::int64_t column() const noexcept { return column_; }  ///< 0 = not a syntax error
  [[nodiscard]] const std::string& value() const noexcept { return value_; }

 private:
  std::string file_;
  std::int64_t line_ = 0;
  std::int64_t column_ = 0;
  std::string value_;
};

/// A list of rules (a 检查细则). `default_rules()` is compliance/default.json, built in.
struct LIBBRANCH_API ComplianceRuleSet {
  std::string name;
  std::vector<ComplianceRule> rules;

  /// Parses a rule set. `source` names it in errors (a file path, or "<text>").
  [[nodiscard]] static ComplianceRuleSet parse(std::string_view json_text, const std::string& source = "<text>");
  [[nodiscard]] static ComplianceRuleSet load(const std::filesystem::path& path);
  [[nodiscard]] static ComplianceRuleSet default_rules();
  /// The rule with this id, if any.
  [[nodiscard]] const ComplianceRule* find(std::string_view id) const;
};

/// What the evidence ids of a finding are.
enum class EvidenceKind : std::uint8_t { none, activity, member };
[[nodiscard]] LIBBRANCH_API std::string_view to_string(EvidenceKind k);

/// One breach of one rule by one branch.
struct ComplianceFinding {
  std::uint32_t branch = 0;  ///< branch row
  std::uint32_t rule = 0;    ///< index into the rule set's rules
  ComplianceSeverity severity = ComplianceSeverity::violation;
  /// The offending period: `2025-03` (a month), `2025-Q2`, `2025`, a day `2025-12-31`, or a gap
  /// `2025-03-02..2025-04-15` (both days without activity).
  std::string period;
  std::string expected;
  std::string actual;
  EvidenceKind evidence_kind = EvidenceKind::none;
  std::vector<std::string> evidence;  ///< activity_ids or member_ids, in file order
  std::string message;                ///< one English sentence
};

/// The findings of one check, in branch order, then rule order, then date order.
struct LIBBRANCH_API ComplianceReport {
  Period period;
  ComplianceRuleSet rules;
  std::vector<std::string> branch_ids;    ///< every branch checked, in branches.csv order
  std::vector<std::string> branch_names;
  std::vector<ComplianceFinding> findings;
  [[nodiscard]] const ComplianceRule& rule_of(const ComplianceFinding& f) const { return rules.rules[f.rule]; }
  /// Findings of severity `violation`.
  [[nodiscard]] std::size_t violation_count() const;
};

/// Checks every branch of `ds` against `rules` over `period`. Branches are checked in parallel;
/// the result does not depend on the thread count.
[[nodiscard]] LIBBRANCH_API ComplianceReport check_compliance(const Dataset& ds, const ComplianceRuleSet& rules,
                                                              const Period& period);

}  // namespace libbranch
