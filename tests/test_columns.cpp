// Compact columns: string pools, id indexes, dictionaries, optional counts, sparse columns.
#include <gtest/gtest.h>

#include <string>

#include <libbranch/model/columns.hpp>
#include <libbranch/model/string_pool.hpp>

namespace libbranch {
namespace {

TEST(StringPool, StoresStringsBackToBackIncludingEmptyOnes) {
  StringPool p;
  EXPECT_EQ(p.add("党支部"), 0u);
  EXPECT_EQ(p.add(""), 1u);
  EXPECT_EQ(p.add("b2"), 2u);
  EXPECT_EQ(p[0], "党支部");
  EXPECT_EQ(p[1], "");
  EXPECT_EQ(p[2], "b2");
  EXPECT_EQ(p.chars(), "党支部b2");
  const StringPool q = p.permuted({2, 0, 1});
  EXPECT_EQ(q[0], "b2");
  EXPECT_EQ(q[1], "党支部");
  EXPECT_EQ(q[2], "");
}

TEST(StringPool, ValidPartsRejectsOffsetsThatDecreaseOrOverrun) {
  EXPECT_TRUE(StringPool::valid_parts(5, {2, 2, 5}));
  EXPECT_TRUE(StringPool::valid_parts(0, {}));
  EXPECT_FALSE(StringPool::valid_parts(5, {3, 2, 5}));
  EXPECT_FALSE(StringPool::valid_parts(5, {2, 6}));
  EXPECT_FALSE(StringPool::valid_parts(5, {2, 4}));  // trailing characters belong to no string
  EXPECT_FALSE(StringPool::valid_parts(3, {}));
}

TEST(IdIndex, FindsEveryIdAndReportsRepeats) {
  StringPool ids;
  IdIndex index;
  for (int i = 0; i < 100000; ++i) {
    const std::uint32_t row = ids.add("M" + std::to_string(i));
    EXPECT_EQ(index.insert(ids, row), IdIndex::kNotFound);
  }
  for (int i = 0; i < 100000; i += 997) EXPECT_EQ(index.find(ids, "M" + std::to_string(i)), static_cast<std::uint32_t>(i));
  EXPECT_EQ(index.find(ids, "M100000"), IdIndex::kNotFound);
  const std::uint32_t again = ids.add("M42");
  EXPECT_EQ(index.insert(ids, again), 42u);
  EXPECT_EQ(IdIndex().find(ids, "M1"), IdIndex::kNotFound);
}

TEST(StringDictionary, InternsOnceAndLeavesEmptyAbsent) {
  StringDictionary dict;
  EXPECT_EQ(dict.intern("学习强国"), 0u);
  EXPECT_EQ(dict.intern("微信"), 1u);
  EXPECT_EQ(dict.intern("学习强国"), 0u);
  EXPECT_EQ(dict.intern(""), StringDictionary::kAbsent);
  EXPECT_EQ(dict.size(), 2u);
  EXPECT_EQ(dict[1], "微信");
  EXPECT_EQ(dict[StringDictionary::kAbsent], "");
  EXPECT_EQ(dict.find("钉钉"), IdIndex::kNotFound);
}

TEST(CountColumn, KeepsAbsentSmallAndWideValuesExactly) {
  CountColumn c;
  c.push_back(std::nullopt);
  c.push_back(0);
  c.push_back(4294967293);  // the largest value stored inline (2^32 - 3)
  c.push_back(4294967294);  // the first value in the side table
  c.push_back(9223372036854775807);
  EXPECT_FALSE(c.get(0).has_value());
  EXPECT_EQ(c.value_or(0, 7), 7);
  EXPECT_EQ(c.get(1), 0);
  EXPECT_EQ(c.get(2), 4294967293);
  EXPECT_EQ(c.get(3), 4294967294);
  EXPECT_EQ(c.value_or(4, 0), 9223372036854775807);
  EXPECT_EQ(c.wide().size(), 2u);
  EXPECT_TRUE(CountColumn::valid_parts(c.cells(), c.wide()));
  c.set(3, 12);
  c.set(0, 5000000000);
  EXPECT_EQ(c.get(3), 12);
  EXPECT_EQ(c.get(0), 5000000000);
  EXPECT_TRUE(CountColumn::valid_parts(c.cells(), c.wide()));
  const CountColumn p = c.permuted({4, 0, 1});
  EXPECT_EQ(p.get(0), 9223372036854775807);
  EXPECT_EQ(p.get(1), 5000000000);
  EXPECT_EQ(p.get(2), 0);
}

TEST(SparseColumn, FindsPresentRowsAndFollowsAReordering) {
  SparseColumn<double> s;
  s.push_back(1, 10.5);
  s.push_back(4, 20.0);
  EXPECT_EQ(s.get(1), 10.5);
  EXPECT_FALSE(s.get(2).has_value());
  EXPECT_EQ(s.lower_bound(2), 1u);
  // Rows 0..4 move to 4,3,2,1,0.
  const SparseColumn<double> r = s.remapped({4, 3, 2, 1, 0});
  EXPECT_EQ(r.get(3), 10.5);
  EXPECT_EQ(r.get(0), 20.0);
  EXPECT_EQ(r.rows(), (std::vector<std::uint32_t>{0, 3}));
  EXPECT_TRUE((SparseColumn<double>::valid_parts(r.rows(), r.values(), 5)));
  EXPECT_FALSE((SparseColumn<double>::valid_parts({3, 0}, {1.0, 2.0}, 5)));
  EXPECT_FALSE((SparseColumn<double>::valid_parts({0, 5}, {1.0, 2.0}, 5)));
}

}  // namespace
}  // namespace libbranch
