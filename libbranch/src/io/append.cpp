// Appending the rows of a chunk to a table (chunked loading merges chunks in file order), and
// emptying a chunk's table for the next chunk without giving its memory back.
#include "load_context.hpp"

namespace libbranch::detail {
namespace {

template <class T>
void add(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
void add(StringPool& to, const StringPool& from) { to.append(from); }
void add(DictColumn& to, const DictColumn& from) { to.append(from); }
void add(CountColumn& to, const CountColumn& from) { to.append(from); }

template <class... C>
void add_all(const C&... pairs) {
  (add(*pairs.first, *pairs.second), ...);
}

template <class T>
std::pair<T*, const T*> col(T& to, const T& from) {
  return {&to, &from};
}

template <class... C>
void clear_all(C&... columns) {
  (columns.clear(), ...);
}

}  // namespace

void append(BranchTable& to, const BranchTable& from) {
  add_all(col(to.id, from.id), col(to.name, from.name), col(to.parent_id, from.parent_id),
          col(to.org_type, from.org_type), col(to.last_election, from.last_election),
          col(to.internal_units, from.internal_units), col(to.units_covered, from.units_covered),
          col(to.fulltime_party_workers, from.fulltime_party_workers), col(to.pioneer_posts, from.pioneer_posts),
          col(to.brands, from.brands), col(to.facilities, from.facilities),
          col(to.service_station, from.service_station));
}

void append(MemberTable& to, const MemberTable& from) {
  add_all(col(to.id, from.id), col(to.branch, from.branch), col(to.name, from.name), col(to.gender, from.gender),
          col(to.ethnicity, from.ethnicity), col(to.birth_date, from.birth_date), col(to.education, from.education),
          col(to.role, from.role), col(to.party_group, from.party_group),
          col(to.application_date, from.application_date), col(to.activist_date, from.activist_date),
          col(to.candidate_date, from.candidate_date), col(to.admission_date, from.admission_date),
          col(to.conversion_date, from.conversion_date), col(to.joined_branch, from.joined_branch),
          col(to.left_branch, from.left_branch));
}

void append(ActivityTable& to, const ActivityTable& from) {
  // Sparse columns name rows: the chunk's rows follow the table's.
  const auto offset = static_cast<std::uint32_t>(to.size());
  to.lecturer.append(from.lecturer, offset);
  to.amount_yuan.append(from.amount_yuan, offset);
  to.cases.append(from.cases, offset);
  to.escalated.append(from.escalated, offset);
  add_all(col(to.id, from.id), col(to.branch, from.branch), col(to.kind, from.kind), col(to.date, from.date),
          col(to.mode, from.mode), col(to.platform, from.platform), col(to.attendees, from.attendees),
          col(to.expected, from.expected), col(to.hours, from.hours), col(to.title, from.title));
}

void append(ObservationTable& to, const ObservationTable& from) {
  add_all(col(to.branch, from.branch), col(to.indicator, from.indicator), col(to.date, from.date),
          col(to.value, from.value));
}

void clear(BranchTable& t) {
  clear_all(t.id, t.name, t.parent_id, t.org_type, t.last_election, t.internal_units, t.units_covered,
            t.fulltime_party_workers, t.pioneer_posts, t.brands, t.facilities, t.service_station);
}

void clear(MemberTable& t) {
  clear_all(t.id, t.branch, t.name, t.gender, t.ethnicity, t.birth_date, t.education, t.role, t.party_group,
            t.application_date, t.activist_date, t.candidate_date, t.admission_date, t.conversion_date,
            t.joined_branch, t.left_branch);
}

void clear(ActivityTable& t) {
  clear_all(t.id, t.branch, t.kind, t.date, t.mode, t.platform, t.attendees, t.expected, t.hours, t.lecturer,
            t.amount_yuan, t.cases, t.escalated, t.title);
}

void clear(ObservationTable& t) { clear_all(t.branch, t.indicator, t.date, t.value); }

}  // namespace libbranch::detail
