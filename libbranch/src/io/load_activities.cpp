// activities.csv (docs/reference/data-format.md, activity-kinds.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "chunked_load.hpp"
#include "column_check.hpp"

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
static_assert(specs_match_columns<ActivityTable>(kColumns),
              "activities.csv: the specs disagree with ColumnList<ActivityTable>");

struct ActivityChunk : ChunkBase {
  ActivityTable rows;  // custom kinds are 0 until merged
  ChunkIds ids;
  void clear() {
    ChunkBase::clear();
    detail::clear(rows);
    ids.clear();
    rejected.clear();
    custom_kinds.clear();
    custom_rows.clear();
  }
  std::vector<std::string> rejected;  // ids of rows not loaded
  std::vector<std::string> custom_kinds;  // this chunk's, in order of first appearance
  struct CustomRow {
    std::uint32_t row;
    std::uint32_t kind;  // in custom_kinds
    std::size_t mark;    // where a problem about its kind belongs
  };
  std::vector<CustomRow> custom_rows;
};

// Every activity row names its kind: one lookup in a dictionary of the ids instead of comparing
// with each of docs/reference/activity-kinds.md (interned in order, a kind's code is its row there).
std::optional<KindCode> builtin_kind(std::string_view id) {
  static_assert([] {
    for (std::size_t i = 0; i < kActivityKinds.size(); ++i)
      for (std::size_t j = i + 1; j < kActivityKinds.size(); ++j)
        if (kActivityKinds[i].id == kActivityKinds[j].id) return false;
    return true;
  }(), "activity kind ids must be unique: interning them must give each its row");
  static const StringDictionary kKinds = [] {
    StringDictionary kinds;
    for (const auto& kind : kActivityKinds) kinds.intern(kind.id);
    return kinds;
  }();
  const std::uint32_t code = kKinds.find(id);
  return code == IdIndex::kNotFound ? std::nullopt : std::optional<KindCode>(static_cast<KindCode>(code));
}

// Custom kinds get the dataset's codes when merged (merge_custom_kinds), in file order.
KindCode kind_code(const LoadContext& ctx, TableReader& r, ActivityChunk& c) {
  const std::string_view id = r.get(kKind);
  if (auto k = builtin_kind(id)) return *k;
  if (id.empty()) return 0;
  if (!ctx.options.allow_custom_kinds) {
    r.error(kKind, "unknown activity kind (see docs/reference/activity-kinds.md; custom kinds need --allow-custom-kinds)", id);
    return 0;
  }
  if (!is_identifier(id)) {
    r.error(kKind, "custom activity kind must match [a-z0-9_]+", id);
    return 0;
  }
  auto& custom = c.custom_kinds;
  std::size_t i = 0;
  while (i < custom.size() && custom[i] != id) ++i;
  if (i == custom.size()) custom.emplace_back(id);
  c.custom_rows.push_back({static_cast<std::uint32_t>(c.rows.size() - 1), static_cast<std::uint32_t>(i), r.problem_count()});
  return 0;
}

// `kinds` are the chunk's rows' kinds in the dataset. The problem of a row comes after its
// repeated-id problem (inserted first), as in a one-by-one read.
void merge_custom_kinds(LoadContext& ctx, const ActivityChunk& c, KindCode* kinds, const std::string& file,
                        ProblemSplicer& out) {
  auto& custom = ctx.tables.custom_kinds;
  std::vector<KindCode> code_of(c.custom_kinds.size(), 0);  // 0 = not yet resolved
  for (const ActivityChunk::CustomRow& row : c.custom_rows) {
    KindCode& code = code_of[row.kind];
    if (code == 0) {
      const std::string& id = c.custom_kinds[row.kind];
      const auto known = std::find(custom.begin(), custom.end(), id);
      if (known != custom.end()) {
        code = static_cast<KindCode>(kFirstCustomKind + (known - custom.begin()));
      } else if (custom.size() + kBuiltinKindCount >= UINT16_MAX) {
        out.insert(row.mark, row.row, problem_at(file, c.places.at(row.row), kColumns[kKind].name, Severity::error,
                                                 "too many distinct custom activity kinds", id));
        continue;
      } else {
        custom.push_back(id);
        code = static_cast<KindCode>(kFirstCustomKind + custom.size() - 1);
      }
    }
    kinds[row.row] = code;
  }
}

// The lecturer's member row; a member of another branch is only a warning.
std::optional<std::uint32_t> lecturer_row(const LoadContext& ctx, TableReader& r, std::uint32_t branch) {
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

void convert(const LoadContext& ctx, TableReader& r, ActivityChunk& c) {
  const auto branch = start_branch_row(ctx, r, c, kId, kBranch);
  if (!branch) return;
  ActivityTable& t = c.rows;
  const auto row = static_cast<std::uint32_t>(t.id.size() - 1);
  t.kind.push_back(kind_code(ctx, r, c));
  t.date.push_back(r.date(kDate).value_or(Date::none()));
  t.mode.push_back(static_cast<Mode>(r.choice(kMode, kModeNames)));
  t.platform.push_back(r.get(kPlatform));
  t.attendees.push_back(r.integer(kAttendees, true));
  t.expected.push_back(r.integer(kExpected, true));
  t.hours.push_back(r.number(kHours, true).value_or(std::nan("")));
  if (auto lecturer = lecturer_row(ctx, r, *branch)) t.lecturer.push_back(row, *lecturer);
  if (auto amount = r.number(kAmount, true)) t.amount_yuan.push_back(row, *amount);
  read_cases(r, t, row);
  t.title.push_back(r.get(kTitle));
}

}  // namespace

void load_activities(LoadContext& ctx, TableSource* source) {
  const TableHeader header(source, kColumns, ctx.problems);
  ctx.activities_readable = header.usable() || source == nullptr;
  ctx.activities_file = header.file();
  ActivityTable& t = ctx.tables.activities;
  load_in_chunks<ActivityChunk>(ctx.options, header, [&](TableReader& r, ActivityChunk& c) { convert(ctx, r, c); },
                                [&](ActivityChunk& c) {
                                  ctx.rejected_activities.insert(c.rejected.begin(), c.rejected.end());
                                  ProblemSplicer out(c.problems);
                                  const std::uint32_t first = merge_rows(t, ctx.activity_places, ctx.activity_index, c,
                                                                         header.file(), kColumns[kId].name, out);
                                  merge_custom_kinds(ctx, c, t.kind.data() + first, header.file(), out);
                                  out.finish(ctx.problems);
                                ctx.cap_problems();
                                },
                                [&](const ActivityChunk& c, double scale) {
                                  reserve_like(t, c.rows, scale);
                                  ctx.activity_index.reserve(expected_rows(c.rows.size(), scale));
                                });
  const auto order = order_by_branch(t.branch, ctx.tables.branches.size());
  if (!order.empty()) {
    reorder(t, order, inverse(order));
    ctx.activity_places.reorder(order);
    ctx.activity_index = IdIndex(t.id);
  }
}

}  // namespace libbranch::detail
