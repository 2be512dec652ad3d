#pragma once
// The small dataset of the golden archives (tests/serialization/test_serialization.cpp): two branches, one member,
// every column filled, strings that need escaping in text and XML. Frozen: the goldens of every
// layout were written from it (the fuzz target's archive seeds use it too).
#include <optional>

#include <libbranch/dataset.hpp>

namespace libbranch::testing {

inline DatasetTables golden_tables() {
  DatasetTables t;
  for (const char* id : {"B1", "B2"}) t.branches.id.add(id);
  t.branches.name.add("第一支部 <&>");
  t.branches.name.add("x\n\"y\"");
  t.branches.parent_id.push_back("上级");
  t.branches.parent_id.push_back("");
  t.branches.org_type = {OrgType::organ, OrgType::none};
  t.branches.last_election = {Date::from_ymd(2024, 1, 2), Date::none()};
  for (CountColumn* c : {&t.branches.internal_units, &t.branches.units_covered, &t.branches.fulltime_party_workers,
                         &t.branches.pioneer_posts, &t.branches.brands}) {
    c->push_back(1);
    c->push_back(std::nullopt);
  }
  t.branches.units_covered.set(0, 5'000'000'000);
  t.branches.facilities = {1, 0};
  t.branches.service_station = {3, 0};
  t.members.id.add("M1");
  t.members.branch = {1};
  t.members.name.add("张三");
  t.members.gender = {Gender::male};
  t.members.ethnicity.push_back("汉族");
  t.members.birth_date = {Date::from_ymd(1990, 1, 1)};
  t.members.education = {Education::master};
  t.members.role = {Role::secretary};
  t.members.party_group.push_back("");
  for (auto* c : {&t.members.application_date, &t.members.activist_date, &t.members.candidate_date,
                  &t.members.admission_date, &t.members.conversion_date, &t.members.joined_branch,
                  &t.members.left_branch})
    c->push_back(Date::none());
  t.members.admission_date.set(0, Date::from_ymd(2015, 7, 1));
  t.activities.id.add("A1");
  t.activities.branch = {1};
  t.activities.kind = {kFirstCustomKind};
  t.activities.date = {Date::from_ymd(2025, 3, 1)};
  t.activities.mode = {Mode::online};
  t.activities.platform.push_back("腾讯会议");
  t.activities.attendees.push_back(1);
  t.activities.expected.push_back(std::nullopt);
  t.activities.hours = {std::nan("")};
  t.activities.lecturer.push_back(0, 0);
  t.activities.amount_yuan.push_back(0, 12.5);
  t.activities.cases.push_back(0, 2);
  t.activities.escalated.push_back(0, 1);
  t.activities.title.push_back("党课");
  t.attendance.activity = {0};
  t.attendance.member = {0};
  t.observations.branch = {0};
  t.observations.indicator.push_back("honors");
  t.observations.date = {Date::none()};
  t.observations.value = {2.0};
  t.custom_kinds = {"river_patrol"};
  return t;
}

}  // namespace libbranch::testing
