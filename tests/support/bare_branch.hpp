#pragma once
// A branch row with only an id, a name and a parent (every optional column empty), for tests that
// build tables by hand.
#include <optional>
#include <string>
#include <string_view>

#include <libbranch/dataset.hpp>

namespace libbranch::testing {

inline void add_bare_branch(BranchTable& b, std::string_view id, std::string_view name, std::string_view parent_id = "") {
  b.id.add(id);
  b.name.add(name);
  b.parent_id.push_back(std::string(parent_id));
  b.org_type.push_back(OrgType::organ);
  b.last_election.push_back(Date::none());
  for (CountColumn* c : {&b.internal_units, &b.units_covered, &b.fulltime_party_workers, &b.pioneer_posts, &b.brands})
    c->push_back(std::nullopt);
  b.facilities.push_back(0);
  b.service_station.push_back(0);
}

}  // namespace libbranch::testing
