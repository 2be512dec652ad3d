// Membership development and structure (发展党员, 一降一增一升) (docs/reference/metrics.md §6.4, fortress).
// Member-based counts use the branch's rows of members.csv, current members or not.
#include <algorithm>
#include <cstdint>
#include <limits>

#include <libbranch/model/enums.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::fortress {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kDefaultGraceDays = 30;
/// Dates have four-digit years (about 3.65 million days apart at most), so a grace this long makes
/// every deadline later than any date; capping keeps Date::plus_days inside 32 bits.
constexpr std::int64_t kMaxGraceDays = 10'000'000;

/// Among the branch's members whose conversion_date is in the period, the share converted by
/// (admission_date + 1 year) + grace_days days, the year added first; NaN if none.
double on_time_conversion_rate(const Dataset& ds, std::uint32_t b, const Period& period, std::int32_t grace_days) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t converted = 0;
  std::int64_t on_time = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    const Date conversion = m.conversion_date[r];
    if (!period.contains(conversion)) continue;
    ++converted;
    // Loading guarantees admission_date whenever conversion_date is given; a row without one
    // (tables built by hand) has no deadline and is not on time.
    const Date admission = m.admission_date[r];
    if (!admission.is_none() && conversion <= admission.plus_years(1).plus_days(grace_days)) ++on_time;
  }
  return converted == 0 ? kNaN : static_cast<double>(on_time) / static_cast<double>(converted);
}

/// The branch's members whose admission_date (接收为预备党员) is in the period.
double new_probationary(const Dataset& ds, std::uint32_t b, const Period& period) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  std::int64_t n = 0;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r)
    if (period.contains(m.admission_date[r])) ++n;
  return static_cast<double>(n);
}

/// Integer sums over the party members of a branch on one day d.
struct StructureSide {
  std::int64_t members = 0;   ///< N(d)
  std::int64_t aged = 0;      ///< members with a birth_date (every loaded member has one)
  std::int64_t age_days = 0;  ///< Σ (d − birth_date) in days
  std::int64_t educated = 0;  ///< members with an education
  std::int64_t education = 0; ///< Σ education ordinal

  void add(const MemberTable& m, std::uint32_t r, Date d) {
    ++members;
    if (const Date birth = m.birth_date[r]; !birth.is_none()) {
      ++aged;
      age_days += static_cast<std::int64_t>(d.days()) - birth.days();
    }
    if (const Education e = m.education[r]; e != Education::none) {
      ++educated;
      education += education_ordinal(e);
    }
  }
};

/// sum_a / count_a < sum_b / count_b, exactly, for positive counts (no rounding: cross-multiplied
/// in 128 bits, so no overflow for any count that fits in memory).
__extension__ typedef __int128 Wide;  // GCC and Clang; silences -Wpedantic
bool mean_less(std::int64_t sum_a, std::int64_t count_a, std::int64_t sum_b, std::int64_t count_b) {
  return static_cast<Wide>(sum_a) * count_b < static_cast<Wide>(sum_b) * count_a;
}

/// 0–3: +1 if the mean age on `to` of the members on `to` is below the mean age on `from` of the
/// members on `from` (一降); +1 if N(to) > N(from) (一增); +1 if the mean education ordinal (members
/// with an education only) is higher on `to` than on `from` (一升). An age or education comparison
/// with an empty side adds 0. Ages in years are day differences / 365.2425; the divisor is the
/// same on both sides, so comparing mean day differences is exact.
double structure_improvements(const Dataset& ds, std::uint32_t b, const Period& period) {
  const MemberTable& m = ds.members();
  const RowRange rows = ds.members_of(b);
  StructureSide from;
  StructureSide to;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    if (m.is_member_on(r, period.from)) from.add(m, r, period.from);
    if (m.is_member_on(r, period.to)) to.add(m, r, period.to);
  }
  int score = 0;
  if (from.aged > 0 && to.aged > 0 && mean_less(to.age_days, to.aged, from.age_days, from.aged)) ++score;
  if (to.members > from.members) ++score;
  if (from.educated > 0 && to.educated > 0 && mean_less(from.education, from.educated, to.education, to.educated))
    ++score;
  return static_cast<double>(score);
}

}  // namespace

void register_membership_metrics(PluginRegistrar& registrar) {
  const ParamSpec grace_days{
      .name = "grace_days",
      .type = ParamSpec::Type::integer,
      .min_value = 0,
      .default_value = ParamValue(std::int64_t{kDefaultGraceDays}),
      .description = "days allowed after the one-year probation before a conversion counts as late"};
  registrar.add(Metric{.id = "fortress.on_time_conversion_rate",
                       .label_zh = "按期转正率",
                       .label_en = "on-time conversion rate",
                       .unit = "share",
                       .direction = Direction::benefit,
                       .summary = "Computes the share of the branch's members converted to full membership in the "
                                  "period whose conversion came within one year of admission plus grace_days days.",
                       .params = {grace_days},
                       .compute = [](const Dataset& ds, const Period& period, const Params& params) {
                         const auto grace = static_cast<std::int32_t>(std::clamp<std::int64_t>(
                             params.integer("grace_days").value_or(kDefaultGraceDays), 0, kMaxGraceDays));
                         return per_branch(
                             ds, [&](std::uint32_t b) { return on_time_conversion_rate(ds, b, period, grace); });
                       }});
  registrar.add(Metric{.id = "fortress.new_probationary",
                       .label_zh = "吸收预备党员人数",
                       .label_en = "new probationary members",
                       .unit = "members",
                       .direction = Direction::benefit,
                       .summary = "Counts the branch's members admitted as probationary party members in the period.",
                       .compute = [](const Dataset& ds, const Period& period, const Params&) {
                         return per_branch(ds, [&](std::uint32_t b) { return new_probationary(ds, b, period); });
                       }});
  registrar.add(Metric{.id = "fortress.structure_improvements",
                       .label_zh = "党员队伍结构优化（一降一增一升）",
                       .label_en = "membership structure improvements",
                       .unit = "improvements (0-3)",
                       .direction = Direction::benefit,
                       .summary = "Scores 0 to 3 whether, from the first to the last day of the period, the party "
                                  "members' mean age fell, their number grew and their mean education rose.",
                       .compute = [](const Dataset& ds, const Period& period, const Params&) {
                         return per_branch(ds, [&](std::uint32_t b) { return structure_improvements(ds, b, period); });
                       }});
}

}  // namespace libbranch::plugins::fortress
