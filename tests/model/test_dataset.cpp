// Dataset: offsets by branch, lookups, and the consistency checks archives rely on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <libbranch/dataset.hpp>
#include <libbranch/error.hpp>

#include "support/bare_branch.hpp"

namespace libbranch {
namespace {

void add_branch(DatasetTables& t, const char* id) { testing::add_bare_branch(t.branches, id, id); }

void add_activity(DatasetTables& t, const char* id, std::uint32_t branch, KindCode kind) {
  ActivityTable& a = t.activities;
  a.id.add(id);
  a.branch.push_back(branch);
  a.kind.push_back(kind);
  a.date.push_back(*Date::parse("2025-01-01"));
  a.mode.push_back(Mode::none);
  a.platform.push_back("");
  a.attendees.push_back(std::nullopt);
  a.expected.push_back(std::nullopt);
  a.hours.push_back(1.0);
  a.title.push_back("");
}

DatasetTables three_branches() {
  DatasetTables t;
  add_branch(t, "b1");
  add_branch(t, "b2");
  add_branch(t, "b3");
  add_activity(t, "a1", 0, code(ActivityKind::theme_day));
  add_activity(t, "a2", 0, code(ActivityKind::home_visit));
  add_activity(t, "a3", 2, code(ActivityKind::training));
  return t;
}

TEST(Dataset, OffsetsGroupRowsByBranch) {
  const Dataset ds(three_branches());
  EXPECT_EQ(ds.branch_count(), 3u);
  EXPECT_EQ(ds.activities_of(0).begin, 0u);
  EXPECT_EQ(ds.activities_of(0).end, 2u);
  EXPECT_TRUE(ds.activities_of(1).empty());
  EXPECT_EQ(ds.activities_of(2).begin, 2u);
  EXPECT_EQ(ds.activities_of(2).size(), 1u);
  EXPECT_EQ(ds.activity_offsets(), (std::vector<std::uint32_t>{0, 2, 2, 3}));
  EXPECT_EQ(ds.member_offsets(), (std::vector<std::uint32_t>{0, 0, 0, 0}));
  EXPECT_EQ(ds.find_branch("b3"), 2u);
  EXPECT_FALSE(ds.find_branch("b4"));
}

TEST(Dataset, KindIdsCoverBuiltInAndCustomKinds) {
  DatasetTables t = three_branches();
  t.custom_kinds = {"tree_planting"};
  add_activity(t, "a4", 2, kFirstCustomKind);
  const Dataset ds(std::move(t));
  EXPECT_EQ(ds.kind_id(code(ActivityKind::theme_day)), "theme_day");
  EXPECT_EQ(ds.kind_id(kFirstCustomKind), "tree_planting");
  EXPECT_EQ(ds.find_kind("tree_planting"), kFirstCustomKind);
  EXPECT_EQ(ds.find_kind("legal_education"), code(ActivityKind::legal_education));
  EXPECT_FALSE(ds.find_kind("nothing"));
}

TEST(Dataset, RejectsRowsNotGroupedByBranch) {
  DatasetTables t = three_branches();
  t.activities.branch = {2, 0, 0};
  EXPECT_THROW(Dataset{std::move(t)}, Error);
}

TEST(Dataset, RejectsReferencesOutOfRange) {
  DatasetTables t = three_branches();
  t.activities.branch.set(2, 3);
  EXPECT_THROW(Dataset{std::move(t)}, Error);
  DatasetTables u = three_branches();
  u.activities.kind[0] = 30;  // no custom kinds declared
  EXPECT_THROW(Dataset{std::move(u)}, Error);
  DatasetTables v = three_branches();
  v.activities.lecturer.push_back(0, 0);  // there are no members
  EXPECT_THROW(Dataset{std::move(v)}, Error);
  DatasetTables w = three_branches();
  w.attendance.activity.push_back(7);
  w.attendance.member.push_back(0);
  EXPECT_THROW(Dataset{std::move(w)}, Error);
}

TEST(Dataset, RejectsColumnsOfUnequalLength) {
  DatasetTables t = three_branches();
  t.activities.hours.pop_back();
  try {
    Dataset ds(std::move(t));
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("activities.hours"));
  }
}

TEST(Dataset, RejectsRepeatedBranchIds) {
  DatasetTables t;
  add_branch(t, "b1");
  add_branch(t, "b1");
  EXPECT_THROW(Dataset{std::move(t)}, Error);
}

TEST(Dataset, EmptyDatasetIsValid) {
  const Dataset ds;
  EXPECT_EQ(ds.branch_count(), 0u);
  EXPECT_EQ(ds.activity_offsets().size(), 1u);
}

}  // namespace
}  // namespace libbranch
