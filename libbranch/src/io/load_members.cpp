// members.csv (docs/reference/data-format.md §5.3): one row per person, with the date-order rules.
#include <array>

#include "chunked_load.hpp"
#include "column_check.hpp"

namespace libbranch::detail {
namespace {

enum Col : std::size_t {
  kId, kBranch, kName, kGender, kEthnicity, kBirth, kEducation, kRole, kGroup,
  kApplication, kActivist, kCandidate, kAdmission, kConversion, kJoined, kLeft
};
constexpr std::array<ColumnSpec, 16> kColumns{{
    {"member_id", true}, {"branch_id", true}, {"name"}, {"gender"}, {"ethnicity"}, {"birth_date", true},
    {"education"}, {"role"}, {"party_group"}, {"application_date"}, {"activist_date"}, {"candidate_date"},
    {"admission_date"}, {"conversion_date"}, {"joined_branch"}, {"left_branch"},
}};
static_assert(specs_match_columns<MemberTable>(kColumns),
              "members.csv: the specs disagree with ColumnList<MemberTable>");
// The path to membership, in the order docs/reference/data-format.md §5.3 requires (application ≤ …
// ≤ conversion).
constexpr std::array<Col, 5> kPath{kApplication, kActivist, kCandidate, kAdmission, kConversion};
constexpr std::array<Col, 7> kOtherDates{kApplication, kActivist, kCandidate, kAdmission, kConversion, kJoined, kLeft};

using Dates = std::array<Date, 16>;  // indexed by Col; none when absent or invalid

void check_date_order(TableReader& r, const Dates& d) {
  const Date birth = d[kBirth];
  for (Col c : kOtherDates)
    if (!birth.is_none() && !d[c].is_none() && d[c] <= birth)
      r.error(c, std::string(kColumns[c].name) + " is not after birth_date " + birth.to_string(), r.get(c));
  for (std::size_t i = 0; i < kPath.size(); ++i)
    for (std::size_t j = i + 1; j < kPath.size(); ++j) {
      const Date a = d[kPath[i]], b = d[kPath[j]];
      if (!a.is_none() && !b.is_none() && b < a)
        r.error(kPath[j], std::string(kColumns[kPath[j]].name) + " is before " + std::string(kColumns[kPath[i]].name) +
                              " " + a.to_string(), r.get(kPath[j]));
    }
  if (!r.get(kConversion).empty() && r.get(kAdmission).empty())
    r.error(kConversion, "conversion_date requires admission_date", r.get(kConversion));
  const Date left = d[kLeft];
  // An invalid joined_branch is already reported; falling back to admission_date would add a
  // second, misleading problem.
  if (!r.get(kJoined).empty() && d[kJoined].is_none()) return;
  const bool joined_given = !d[kJoined].is_none();
  const Date joined = joined_given ? d[kJoined] : d[kAdmission];
  if (!left.is_none() && !joined.is_none() && !(joined < left))
    r.error(kLeft, std::string("left_branch is not after ") + (joined_given ? "joined_branch " : "admission_date ") +
                       joined.to_string(), r.get(kLeft));
}

struct MemberChunk : ChunkBase {
  MemberTable rows;
  ChunkIds ids;
  void clear() {
    ChunkBase::clear();
    detail::clear(rows);
    ids.clear();
    rejected.clear();
  }
  std::vector<std::string> rejected;  // ids of rows not loaded
};

void convert(const LoadContext& ctx, TableReader& r, MemberChunk& c) {
  if (!start_branch_row(ctx, r, c, kId, kBranch)) return;
  MemberTable& t = c.rows;
  Dates d;
  d.fill(Date::none());
  d[kBirth] = r.date(kBirth).value_or(Date::none());
  for (Col col : kOtherDates) d[col] = r.date(col).value_or(Date::none());
  check_date_order(r, d);
  t.name.add(r.get(kName));
  t.gender.push_back(static_cast<Gender>(r.choice(kGender, kGenderNames)));
  t.ethnicity.push_back(r.get(kEthnicity));
  t.birth_date.push_back(d[kBirth]);
  t.education.push_back(static_cast<Education>(r.choice(kEducation, kEducationNames)));
  t.role.push_back(static_cast<Role>(r.choice(kRole, kRoleNames)));
  t.party_group.push_back(r.get(kGroup));
  t.application_date.push_back(d[kApplication]);
  t.activist_date.push_back(d[kActivist]);
  t.candidate_date.push_back(d[kCandidate]);
  t.admission_date.push_back(d[kAdmission]);
  t.conversion_date.push_back(d[kConversion]);
  t.joined_branch.push_back(d[kJoined]);
  t.left_branch.push_back(d[kLeft]);
}

}  // namespace

void load_members(LoadContext& ctx, TableSource* source) {
  const TableHeader header(source, kColumns, ctx.problems);
  ctx.members_readable = header.usable() || source == nullptr;
  MemberTable& t = ctx.tables.members;
  PlaceLog places;
  load_in_chunks<MemberChunk>(ctx.options, header, [&](TableReader& r, MemberChunk& c) { convert(ctx, r, c); },
                              [&](MemberChunk& c) {
                                ctx.rejected_members.insert(c.rejected.begin(), c.rejected.end());
                                ProblemSplicer out(c.problems);
                                merge_rows(t, places, ctx.member_index, c, header.file(), kColumns[kId].name, out);
                                out.finish(ctx.problems);
                                ctx.cap_problems();
                              },
                              [&](const MemberChunk& c, double scale) {
                                reserve_like(t, c.rows, scale);
                                ctx.member_index.reserve(expected_rows(c.rows.size(), scale));
                              });
  // Rows become final here, so that activities and attendance can refer to them by row.
  const auto order = order_by_branch(t.branch, ctx.tables.branches.size());
  if (!order.empty()) {
    reorder(t, order);
    ctx.member_index = IdIndex(t.id);
  }
}

}  // namespace libbranch::detail
