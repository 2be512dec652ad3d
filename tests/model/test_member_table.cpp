// The "party member on day d" and "formal member on day d" predicates of
// docs/reference/data-format.md §5.2.
#include <gtest/gtest.h>

#include <libbranch/model/member_table.hpp>

namespace libbranch {
namespace {

Date d(const char* text) { return *Date::parse(text); }

struct Person {
  const char* admission = nullptr;
  const char* conversion = nullptr;
  const char* joined = nullptr;
  const char* left = nullptr;
};

MemberTable table_of(std::initializer_list<Person> people) {
  MemberTable t;
  auto opt = [](const char* s) { return s ? d(s) : Date::none(); };
  for (const Person& p : people) {
    t.id.add("m");
    t.admission_date.push_back(opt(p.admission));
    t.conversion_date.push_back(opt(p.conversion));
    t.joined_branch.push_back(opt(p.joined));
    t.left_branch.push_back(opt(p.left));
  }
  return t;
}

TEST(MemberTable, MemberFromAdmissionUntilTheDayBeforeLeaving) {
  const MemberTable t = table_of({{"2020-05-01", "2021-05-01", nullptr, "2025-03-10"}});
  EXPECT_FALSE(t.is_member_on(0, d("2020-04-30")));
  EXPECT_TRUE(t.is_member_on(0, d("2020-05-01")));
  EXPECT_TRUE(t.is_member_on(0, d("2025-03-09")));
  EXPECT_FALSE(t.is_member_on(0, d("2025-03-10")));  // d < left_branch
}

TEST(MemberTable, JoinedBranchDelaysMembershipInThisBranch) {
  const MemberTable t = table_of({{"2010-01-01", "2011-01-01", "2025-07-01", nullptr}});
  EXPECT_FALSE(t.is_member_on(0, d("2025-06-30")));
  EXPECT_TRUE(t.is_member_on(0, d("2025-07-01")));
  EXPECT_EQ(t.effective_joined(0), d("2025-07-01"));
}

TEST(MemberTable, NoAdmissionMeansNotAMember) {
  // An activist or candidate who has not been admitted (docs/reference/data-format.md §7: attendance may list them).
  const MemberTable t = table_of({{nullptr, nullptr, "2020-01-01", nullptr}});
  EXPECT_FALSE(t.is_member_on(0, d("2025-01-01")));
}

TEST(MemberTable, FormalFromConversionDay) {
  const MemberTable t = table_of({{"2024-06-01", "2025-06-01", nullptr, nullptr}, {"2024-06-01", nullptr, nullptr, nullptr}});
  EXPECT_TRUE(t.is_member_on(0, d("2025-05-31")));
  EXPECT_FALSE(t.is_formal_member_on(0, d("2025-05-31")));
  EXPECT_TRUE(t.is_formal_member_on(0, d("2025-06-01")));
  EXPECT_TRUE(t.is_member_on(1, d("2025-12-31")));
  EXPECT_FALSE(t.is_formal_member_on(1, d("2025-12-31")));  // still 预备党员
}

TEST(MemberTable, EffectiveJoinedDefaultsToAdmissionThenTheStartOfTime) {
  const MemberTable t = table_of({{"2020-05-01", nullptr, nullptr, nullptr}, {nullptr, nullptr, nullptr, nullptr}});
  EXPECT_EQ(t.effective_joined(0), d("2020-05-01"));
  EXPECT_LT(t.effective_joined(1), d("0001-01-01"));
  EXPECT_FALSE(t.effective_joined(1).is_none());
}

}  // namespace
}  // namespace libbranch
