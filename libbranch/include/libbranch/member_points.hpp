#pragma once
// Member points (党员积分制): every member of a branch earns points for attending the branch's
// activities, loses points for missing required meetings and gains bonuses, from a points rubric
// (JSON, rubrics/member_points.json is built in). The result has one row per member, ranked within
// the branch, and a ledger: one entry per point movement with the activity that caused it.
// docs/member-points.md documents the rubric and every rule of the computation.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/error.hpp>
#include <libbranch/export.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/date.hpp>

namespace libbranch {

/// A malformed points rubric: names the file, the JSON path (e.g. `attendance.theme_day.points`)
/// and the offending value. A RubricError, so callers that handle rubric errors handle this too.
class LIBBRANCH_API PointsRubricError : public RubricError {
 public:
  PointsRubricError(std::string file, std::string json_path, std::string value, const std::string& message);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& value() const noexcept { return value_; }

 private:
  std::string file_;
  std::string value_;
};

/// Points for attending one activity kind.
struct AttendancePoints {
  std::int64_t points = 0;
  std::int64_t per_month = -1;  ///< cap of this kind's points in a calendar month; -1 = none
};

/// A points rubric (积分细则). Points are whole numbers.
struct LIBBRANCH_API PointsRubric {
  std::string name;
  std::int64_t base = 0;                              ///< every member starts with this (基础分)
  std::map<KindCode, AttendancePoints> attendance;    ///< built-in kinds only
  std::int64_t cap_per_month = -1;                    ///< attendance points in a calendar month; -1 = none
  std::int64_t cap_per_year = -1;                     ///< attendance points in a calendar year; -1 = none
  std::vector<KindCode> required_kinds;               ///< absence from these is deducted
  std::int64_t absence_points = 0;                    ///< deducted per absence (≥ 0)
  std::int64_t lecturer_points = 0;                   ///< bonus per activity the member lectured
  std::vector<KindCode> lecturer_kinds{code(ActivityKind::party_lecture)};
  std::int64_t full_attendance_points = 0;            ///< bonus per quarter with no absence
  std::int64_t min = INT64_MIN;                       ///< the total is clamped to [min, max]
  std::int64_t max = INT64_MAX;

  /// Parses a points rubric. `source` names it in errors (a file path, or "<text>").
  [[nodiscard]] static PointsRubric parse(std::string_view json_text, const std::string& source = "<text>");
  [[nodiscard]] static PointsRubric load(const std::filesystem::path& path);
  /// rubrics/member_points.json, built in.
  [[nodiscard]] static PointsRubric default_rubric();
};

/// One member's points over the period.
struct MemberPoints {
  std::string branch_id;
  std::string member_id;
  std::string name;
  std::int64_t base = 0;
  std::int64_t earned = 0;      ///< attendance points before caps
  std::int64_t capped = 0;      ///< attendance points removed by caps (≥ 0)
  std::int64_t deductions = 0;  ///< absence points removed (≥ 0)
  std::int64_t bonuses = 0;
  std::int64_t clamped = 0;     ///< what the [min, max] clamp added (negative: removed)
  std::int64_t total = 0;       ///< base + earned − capped − deductions + bonuses + clamped
  std::int64_t rank = 0;        ///< 1 = highest total in the branch; ties share the lowest rank (1, 2, 2, 4)
};

/// One point movement. `reason` is `attendance`, `cap_kind_month`, `cap_month`, `cap_year`,
/// `absence`, `bonus:lecturer`, `bonus:full_attendance` or `clamp`; activity_id and kind are empty
/// for full attendance and the clamp (the date is then the last day the movement refers to).
struct PointsLedgerEntry {
  std::size_t member = 0;  ///< index into MemberPointsResult::members
  std::string activity_id;
  std::string kind;
  Date date;
  std::int64_t points = 0;
  std::string reason;
};

struct MemberPointsResult {
  Period period;
  std::vector<MemberPoints> members;     ///< by branch (file order), then by rank, then file order
  std::vector<PointsLedgerEntry> ledger; ///< by member, then date
};

/// Points of every member who was a party member of their branch on at least one day of the
/// period. Only attendance at the member's own branch's activities on days they were a member counts.
[[nodiscard]] LIBBRANCH_API MemberPointsResult compute_member_points(const Dataset& ds, const PointsRubric& rubric,
                                                                     Period period);

/// Share of each branch's members (as in compute_member_points) whose total is ≥ threshold; NaN
/// for a branch without any member in the period. One entry per branch row.
[[nodiscard]] LIBBRANCH_API std::vector<double> members_points_share(const MemberPointsResult& result,
                                                                     const Dataset& ds,
                                                                     std::int64_t threshold);

}  // namespace libbranch
