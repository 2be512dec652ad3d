// branches.csv (docs/reference/data-format.md §4).
#include <array>

#include "chunked_load.hpp"
#include "column_check.hpp"

namespace libbranch::detail {
namespace {

enum Col : std::size_t {
  kId, kName, kParent, kOrgType, kLastElection, kInternalUnits, kUnitsCovered, kFulltime, kPioneer, kBrands,
  kFacilities, kStation
};
constexpr std::array<ColumnSpec, 12> kColumns{{
    {"branch_id", true}, {"name", true}, {"parent_id"}, {"org_type"}, {"last_election"}, {"internal_units"},
    {"units_covered"}, {"fulltime_party_workers"}, {"pioneer_posts"}, {"brands"}, {"facilities"},
    {"service_station"},
}};
static_assert(specs_match_columns<BranchTable>(kColumns),
              "branches.csv: the specs disagree with ColumnList<BranchTable>");

void check_coverage(TableReader& r, const std::optional<std::int64_t>& internal, const std::optional<std::int64_t>& covered) {
  if (!covered) return;
  if (!internal) {
    if (r.get(kInternalUnits).empty()) r.error(kUnitsCovered, "units_covered requires internal_units", r.get(kUnitsCovered));
  } else if (*covered > *internal) {
    r.error(kUnitsCovered, "units_covered exceeds internal_units (" + std::to_string(*internal) + ")",
            r.get(kUnitsCovered));
  }
}

struct BranchChunk : ChunkBase {
  BranchTable rows;
  ChunkIds ids;
  void clear() {
    ChunkBase::clear();
    detail::clear(rows);
    ids.clear();
  }
};

void convert(TableReader& r, BranchChunk& c) {
  const std::string_view id = r.get(kId);
  if (id.empty()) return;
  BranchTable& t = c.rows;
  t.id.add(id);
  c.ids.add(id, r.problem_count());
  c.places.add(r.line(), r.label());
  t.name.add(r.get(kName));
  t.parent_id.push_back(r.get(kParent));
  t.org_type.push_back(static_cast<OrgType>(r.choice(kOrgType, kOrgTypeNames)));
  t.last_election.push_back(r.date(kLastElection).value_or(Date::none()));
  const auto internal = r.integer(kInternalUnits, true);
  const auto covered = r.integer(kUnitsCovered, true);
  check_coverage(r, internal, covered);
  t.internal_units.push_back(internal);
  t.units_covered.push_back(covered);
  t.fulltime_party_workers.push_back(r.integer(kFulltime, true));
  t.pioneer_posts.push_back(r.integer(kPioneer, true));
  t.brands.push_back(r.integer(kBrands, true));
  t.facilities.push_back(r.set(kFacilities, kFacilityNames));
  t.service_station.push_back(r.set(kStation, kServiceStationNames));
}

}  // namespace

void load_branches(LoadContext& ctx, TableSource* source) {
  const TableHeader header(source, kColumns, ctx.problems);
  ctx.branches_readable = header.usable();
  BranchTable& t = ctx.tables.branches;
  PlaceLog places;
  load_in_chunks<BranchChunk>(ctx.options, header, [](TableReader& r, BranchChunk& c) { convert(r, c); },
                              [&](BranchChunk& c) {
                                ProblemSplicer out(c.problems);
                                merge_rows(t, places, ctx.branch_index, c, header.file(), kColumns[kId].name, out);
                                out.finish(ctx.problems);
                                ctx.cap_problems();
                              },
                              [&](const BranchChunk& c, double scale) {
                                reserve_like(t, c.rows, scale);
                                ctx.branch_index.reserve(expected_rows(c.rows.size(), scale));
                              });
}

std::optional<std::uint32_t> LoadContext::branch_of(TableReader& reader, std::size_t col, LastLookup& last) const {
  const std::string_view id = reader.get(col);
  if (id.empty()) return std::nullopt;
  if (last.hit(id)) return last.row;
  const std::uint32_t row = branch_index.find(tables.branches.id, id);
  if (row != IdIndex::kNotFound) {
    last = {id, row};
    return row;
  }
  if (branches_readable) reader.error(col, "unknown branch_id (not in branches.csv)", id);
  return std::nullopt;
}

bool LoadContext::has_errors() const {
  for (const Problem& p : problems)
    if (p.severity == Severity::error) return true;
  return false;
}

}  // namespace libbranch::detail
