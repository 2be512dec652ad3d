// activities.csv (SPEC §2, §3).
#include <array>
#include <cmath>

#include "load_context.hpp"

namespace libbranch::detail {
namespace {

enum Col : std::size_t {
  kId, kBranch, kKind, kDate, kMode, kPlatform, kAttendees, kExpected, kHours, kLecturer, kAmount, kCases,
  kEscalated, kTitle
};
constexpr std::array<ColumnSpec, 14> kColumns{{
    {"activity_id", true}, {"branch_id", true}, {"kind", true}, {"date", true}, {"mode"}, {"platform"},
    {"attendees"}, {"expected"}, {"hours"}, {"lecturer_id"}, {"amount_yuan"}, {"cases"}, {"escalated"},
    {"title"},
}};

KindCode kind_code(LoadContext& ctx, TableReader& r) {
  const std::string_view id = r.get(kKind);
  if (auto k = find_activity_kind(id)) return code(*k);
  if (id.empty()) return 0;
  if (!ctx.options.allow_custom_kinds) {
    r.error(kKind, "unknown activity kind (see SPEC §3; custom kinds need --allow-custom-kinds)", id);
    return 0;
  }
  if (!is_identifier(id)) {
    r.error(kKind, "custom activity kind must match [a-z0-9_]+", id);
    return 0;
  }
  auto& custom = ctx.tables.custom_kinds;
  for (std::size_t i = 0; i < custom.size(); ++i)
    if (custom[i] == id) return static_cast<KindCode>(kFirstCustomKind + i);
  if (custom.size() + kBuiltinKindCount >= UINT16_MAX) {
    r.error(kKind, "too many distinct custom activity kinds", id);
    return 0;
  }
  custom.emplace_back(id);
  return static_cast<KindCode>(kFirstCustomKind + custom.size() - 1);
}

// The lecturer's member row; a member of another branch is only a warning.
std::optional<std::uint32_t> lecturer_row(LoadContext& ctx, TableReader& r, std::uint32_t branch) {
  const std::string_view id = r.get(kLecturer);
  if (id.empty()) return std::nullopt;
  const MemberTable& m = ctx.tables.members;
  const std::uint32_t row = ctx.member_index.find(m.id, id);
  if (row == IdIndex::kNotFound) {
    if (ctx.members_readable && !ctx.rejected_members.contains(std::string(id)))
      r.error(kLecturer, "unknown lecturer_id (not in members.csv)", id);
    return std::nullopt;
  }
  if (m.branch[row] != branch)
    r.warning(kLecturer, "the lecturer is a member of another branch (" +
                             std::string(ctx.tables.branches.id[m.branch[row]]) + ")", id);
  return row;
}

void read_cases(TableReader& r, ActivityTable& t, std::uint32_t row) {
  const auto cases = r.integer(kCases, true);
  const auto escalated = r.integer(kEscalated, true);
  if (cases) t.cases.push_back(row, *cases);
  if (!escalated) return;
  if (!cases) {
    if (r.get(kCases).empty()) r.error(kEscalated, "escalated requires cases", r.get(kEscalated));
  } else if (*escalated > *cases) {
    r.error(kEscalated, "escalated exceeds cases (" + std::to_string(*cases) + ")", r.get(kEscalated));
  }
  t.escalated.push_back(row, *escalated);
}

}  // namespace

void load_activities(LoadContext& ctx, TableSource* source) {
  TableReader r(source, kColumns, ctx.problems);
  ctx.activities_readable = r.usable() || source == nullptr;
  ctx.activities_file = r.file();
  ActivityTable& t = ctx.tables.activities;
  while (r.next()) {
    const std::string_view id = r.get(kId);
    const auto branch = ctx.branch_of(r, kBranch);
    if (id.empty() || !branch) {
      if (!id.empty()) ctx.rejected_activities.emplace(id);
      continue;
    }
    const std::uint32_t row = t.id.add(id);
    const std::uint32_t previous = ctx.activity_index.insert(t.id, row);
    if (previous != IdIndex::kNotFound)
      r.error(kId, "repeated activity_id (first on " + ctx.activity_places.describe(previous) + ")", id);
    ctx.activity_places.add(r.place());
    t.branch.push_back(*branch);
    t.kind.push_back(kind_code(ctx, r));
    t.date.push_back(r.date(kDate).value_or(Date::none()));
    t.mode.push_back(static_cast<Mode>(r.choice(kMode, kModeNames)));
    t.platform.push_back(r.get(kPlatform));
    t.attendees.push_back(r.integer(kAttendees, true));
    t.expected.push_back(r.integer(kExpected, true));
    t.hours.push_back(r.number(kHours, true).value_or(std::nan("")));
    if (auto lecturer = lecturer_row(ctx, r, *branch)) t.lecturer.push_back(row, *lecturer);
    if (auto amount = r.number(kAmount, true)) t.amount_yuan.push_back(row, *amount);
    read_cases(r, t, row);
    t.title.add(r.get(kTitle));
  }
  const auto order = order_by_branch(t.branch, ctx.tables.branches.size());
  if (!order.empty()) {
    reorder(t, order, inverse(order));
    ctx.activity_places.reorder(order);
    ctx.activity_index = IdIndex(t.id);
  }
}

}  // namespace libbranch::detail
