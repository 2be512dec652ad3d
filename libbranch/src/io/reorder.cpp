// Grouping loaded rows by branch (the CSR layout of Dataset), keeping file order within a branch.
#include "load_context.hpp"

namespace libbranch::detail {

std::vector<std::uint32_t> order_by_branch(const std::vector<std::uint32_t>& branch, std::size_t branches) {
  bool grouped = true;
  for (std::size_t i = 1; i < branch.size() && grouped; ++i) grouped = branch[i - 1] <= branch[i];
  if (grouped) return {};
  // Counting sort: stable, linear, one pass to count and one to place.
  std::vector<std::uint32_t> start(branches + 1, 0);
  for (std::uint32_t b : branch) ++start[b + 1];
  for (std::size_t b = 0; b < branches; ++b) start[b + 1] += start[b];
  std::vector<std::uint32_t> order(branch.size());
  for (std::uint32_t row = 0; row < branch.size(); ++row) order[start[branch[row]]++] = row;
  return order;
}

std::vector<std::uint32_t> inverse(const std::vector<std::uint32_t>& order) {
  std::vector<std::uint32_t> new_row_of(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) new_row_of[order[i]] = i;
  return new_row_of;
}

namespace {
template <class T>
void apply(std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  v = permuted(v, order);
}
void apply(DictColumn& c, const std::vector<std::uint32_t>& order) { c.codes = permuted(c.codes, order); }
void apply(StringPool& p, const std::vector<std::uint32_t>& order) { p = p.permuted(order); }
void apply(CountColumn& c, const std::vector<std::uint32_t>& order) { c = c.permuted(order); }
}  // namespace

void reorder(MemberTable& t, const std::vector<std::uint32_t>& order) {
  apply(t.id, order);
  apply(t.branch, order);
  apply(t.name, order);
  apply(t.gender, order);
  apply(t.ethnicity, order);
  apply(t.birth_date, order);
  apply(t.education, order);
  apply(t.role, order);
  apply(t.party_group, order);
  for (auto* dates : {&t.application_date, &t.activist_date, &t.candidate_date, &t.admission_date,
                      &t.conversion_date, &t.joined_branch, &t.left_branch})
    apply(*dates, order);
}

void reorder(ActivityTable& t, const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& new_row_of) {
  apply(t.id, order);
  apply(t.branch, order);
  apply(t.kind, order);
  apply(t.date, order);
  apply(t.mode, order);
  apply(t.platform, order);
  apply(t.attendees, order);
  apply(t.expected, order);
  apply(t.hours, order);
  t.lecturer = t.lecturer.remapped(new_row_of);
  t.amount_yuan = t.amount_yuan.remapped(new_row_of);
  t.cases = t.cases.remapped(new_row_of);
  t.escalated = t.escalated.remapped(new_row_of);
  apply(t.title, order);
}

void reorder(ObservationTable& t, const std::vector<std::uint32_t>& order) {
  apply(t.branch, order);
  apply(t.indicator, order);
  apply(t.date, order);
  apply(t.value, order);
}

namespace {
template <class T>
void shrink(std::vector<T>& v) {
  v.shrink_to_fit();
}
template <class C>
void shrink(C& column) {
  column.shrink_to_fit();
}
template <class... C>
void shrink_all(C&... columns) {
  (shrink(columns), ...);
}
}  // namespace

void shrink_to_fit(DatasetTables& t) {
  BranchTable& b = t.branches;
  shrink_all(b.id, b.name, b.parent_id, b.org_type, b.last_election, b.internal_units, b.units_covered,
             b.fulltime_party_workers, b.pioneer_posts, b.brands, b.facilities, b.service_station);
  MemberTable& m = t.members;
  shrink_all(m.id, m.branch, m.name, m.gender, m.ethnicity, m.birth_date, m.education, m.role, m.party_group,
             m.application_date, m.activist_date, m.candidate_date, m.admission_date, m.conversion_date,
             m.joined_branch, m.left_branch);
  ActivityTable& a = t.activities;
  shrink_all(a.id, a.branch, a.kind, a.date, a.mode, a.platform, a.attendees, a.expected, a.hours, a.lecturer,
             a.amount_yuan, a.cases, a.escalated, a.title);
  shrink_all(t.attendance.activity, t.attendance.member);
  ObservationTable& o = t.observations;
  shrink_all(o.branch, o.indicator, o.date, o.value);
}

}  // namespace libbranch::detail
