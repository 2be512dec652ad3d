// Compact columns: string pools, id indexes, dictionaries, optional counts, dates, hundredths,
// sparse columns.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <libbranch/model/branch_column.hpp>
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
  EXPECT_TRUE(StringPool::valid_parts(5, {2, 2, 5}, {}));
  EXPECT_TRUE(StringPool::valid_parts(0, {}, {}));
  EXPECT_FALSE(StringPool::valid_parts(5, {3, 2, 5}, {}));
  EXPECT_FALSE(StringPool::valid_parts(5, {2, 6}, {}));
  EXPECT_FALSE(StringPool::valid_parts(5, {2, 4}, {}));  // trailing characters belong to no string
  EXPECT_FALSE(StringPool::valid_parts(3, {}, {}));
}

TEST(StringPool, OffsetsPastFourGibibytesCountTheirWraps) {
  // Ends are kept as their low 32 bits; `wraps` lists the strings whose end passed another 4 GiB.
  // Only the arithmetic is checked here (no pool of 4 GiB is built): string 0 ends at 5, string 1
  // at 2^32 + 3, string 2 at 2^33 + 1 (it spans a whole 4 GiB, so it wraps twice).
  const std::uint64_t four_gib = std::uint64_t{1} << 32;
  EXPECT_TRUE(StringPool::valid_parts(four_gib + 3, {5, 3}, {1}));
  EXPECT_TRUE(StringPool::valid_parts(2 * four_gib + 1, {5, 3, 1}, {1, 2}));
  EXPECT_FALSE(StringPool::valid_parts(four_gib + 3, {5, 3}, {}));      // without the wrap, 3 < 5
  EXPECT_FALSE(StringPool::valid_parts(four_gib + 3, {5, 3}, {2}));     // wraps past the last string
  EXPECT_FALSE(StringPool::valid_parts(2 * four_gib + 1, {5, 3, 1}, {2, 1}));  // not sorted
  EXPECT_FALSE(StringPool::from_ends("abc", {2, 1, 3}).has_value());
  const std::optional<StringPool> p = StringPool::from_ends("abcd", {1, 1, 4});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ((*p)[0], "a");
  EXPECT_EQ((*p)[1], "");
  EXPECT_EQ((*p)[2], "bcd");
  EXPECT_EQ(p->offsets_memory_bytes(), 3 * sizeof(std::uint32_t));
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
  c.push_back(65533);  // the largest value stored in its 16-bit cell (2^16 - 3)
  c.push_back(65534);  // the first value in the side table
  c.push_back(9223372036854775807);
  c.push_back(-1);  // loading refuses negative counts, but the column keeps what it is given
  EXPECT_FALSE(c.get(0).has_value());
  EXPECT_EQ(c.value_or(0, 7), 7);
  EXPECT_EQ(c.get(1), 0);
  EXPECT_EQ(c.get(2), 65533);
  EXPECT_EQ(c.get(3), 65534);
  EXPECT_EQ(c.value_or(4, 0), 9223372036854775807);
  EXPECT_EQ(c.value_or(5, 0), -1);
  EXPECT_EQ(c.wide().size(), 3u);
  EXPECT_TRUE(CountColumn::valid_parts(c.cells(), c.wide()));
  c.set(3, 12);
  c.set(0, 5000000000);
  EXPECT_EQ(c.get(3), 12);
  EXPECT_EQ(c.get(0), 5000000000);
  EXPECT_EQ(c.wide().size(), 3u);
  EXPECT_TRUE(CountColumn::valid_parts(c.cells(), c.wide()));
  const CountColumn p = c.permuted({4, 0, 1});
  EXPECT_EQ(p.get(0), 9223372036854775807);
  EXPECT_EQ(p.get(1), 5000000000);
  EXPECT_EQ(p.get(2), 0);
  CountColumn q;
  q.append(c);
  q.append(p);
  EXPECT_EQ(q.get(6 + 1), 5000000000);
  EXPECT_EQ(q.get(5), -1);
  EXPECT_TRUE(CountColumn::valid_parts(q.cells(), q.wide()));
}

TEST(CountColumn, ValidPartsRefusesSideTablesThatDisagreeWithTheCells) {
  using Wide = std::vector<CountColumn::WideEntry>;
  const std::uint16_t w = CountColumn::kWide;
  EXPECT_TRUE(CountColumn::valid_parts({1, w}, Wide{{1, 70000}}));
  EXPECT_FALSE(CountColumn::valid_parts({1, w}, Wide{}));            // a wide cell not listed
  EXPECT_FALSE(CountColumn::valid_parts({1, 2}, Wide{{1, 70000}}));  // listed, but not marked
  EXPECT_FALSE(CountColumn::valid_parts({1, w}, Wide{{1, 12}}));     // 12 belongs in its cell
  EXPECT_FALSE(CountColumn::valid_parts({w, w}, Wide{{1, 70000}, {0, 80000}}));  // rows out of order
}

TEST(DateColumn, StoresTwoCenturiesInTwoBytesAndOtherDatesExactly) {
  const Date first = Date::from_ymd(1900, 1, 1);
  const Date last = Date::from_ymd(2079, 6, 4);  // 1900-01-01 + 65,533 days
  const std::vector<Date> dates{first, last, last.plus_days(1), first.plus_days(-1), Date::none(),
                                Date::from_ymd(2025, 7, 1), Date::from_ymd(1, 1, 1), Date::from_ymd(9999, 12, 31)};
  DateColumn c;
  for (const Date d : dates) c.push_back(d);
  ASSERT_EQ(c.size(), dates.size());
  for (std::size_t i = 0; i < dates.size(); ++i) EXPECT_EQ(c[i], dates[i]) << i;
  EXPECT_EQ(c.wide().size(), 4u);  // the day after `last`, the day before `first`, years 1 and 9999
  EXPECT_FALSE(c.has(4));
  EXPECT_EQ(std::vector<Date>(c.begin(), c.end()), dates);
  c.set(2, Date::from_ymd(2000, 2, 29));
  c.set(5, Date::from_ymd(1850, 3, 1));
  EXPECT_EQ(c[2], Date::from_ymd(2000, 2, 29));
  EXPECT_EQ(c[5], Date::from_ymd(1850, 3, 1));
  EXPECT_TRUE(DateColumn::valid_parts(c.cells(), c.wide()));
  const DateColumn p = c.permuted({7, 4, 0});
  EXPECT_EQ(p, (DateColumn{Date::from_ymd(9999, 12, 31), Date::none(), first}));
  EXPECT_EQ(p.memory_bytes(), 3 * sizeof(std::uint16_t) + sizeof(DateColumn::WideEntry));
}

TEST(HundredthsColumn, KeepsEveryDoubleBitForBit) {
  const double nan = std::nan("");
  const std::vector<double> values{1.5, 0.29, 2.0, 0.0, 655.33, 655.34, 0.125, 1e9, -1.0, -0.0, nan,
                                   std::numeric_limits<double>::infinity(), 1.0 / 3.0};
  HundredthsColumn c;
  for (const double v : values) c.push_back(v);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      EXPECT_TRUE(std::isnan(c[i])) << i;
      EXPECT_FALSE(c.has(i));
    } else {
      const double got = c[i];
      EXPECT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(values[i])) << i << ": " << got;
    }
  }
  // In their cells: 1.5, 0.29, 2, 0, 655.33; the rest exactly in the side table.
  EXPECT_EQ(c.wide().size(), 7u);
  EXPECT_TRUE(HundredthsColumn::valid_parts(c.cells(), c.wide()));
}

TEST(DictCodes, WidenOnceTheDictionaryOutgrowsSixteenBits) {
  DictColumn c;
  c.push_back("");
  for (int i = 0; i < 70000; ++i) c.push_back("v" + std::to_string(i));
  c.push_back("v7");
  c.push_back("");
  EXPECT_TRUE(c.codes.is_wide());
  EXPECT_EQ(c.size(), 70003u);
  EXPECT_EQ(c[0], "");
  EXPECT_EQ(c.codes[0], DictCodes::kAbsent);
  EXPECT_EQ(c[65535], "v65534");
  EXPECT_EQ(c[70000], "v69999");
  EXPECT_EQ(c[70001], "v7");
  EXPECT_EQ(c.codes[70002], DictCodes::kAbsent);
  // The same codes, narrow and wide, are equal columns.
  DictCodes narrow;
  DictCodes wide;
  for (const std::uint32_t code : {3u, DictCodes::kAbsent, 0u}) narrow.push_back(code);
  wide.push_back(70000);
  wide = wide.permuted({});
  for (const std::uint32_t code : {3u, DictCodes::kAbsent, 0u}) wide.push_back(code);
  EXPECT_FALSE(narrow.is_wide());
  EXPECT_TRUE(wide.is_wide());
  EXPECT_EQ(narrow, wide);
  narrow.shrink_to_fit();
  EXPECT_EQ(narrow.memory_bytes(), 3 * sizeof(std::uint16_t));
}

TEST(BranchColumn, GroupedRowsBecomeOffsetsAndReadTheSame) {
  BranchColumn c{0, 0, 2, 2, 2, 4};  // branches 1 and 3 have no rows
  EXPECT_FALSE(c.is_grouped());
  ASSERT_TRUE(c.group(6));  // branch 5, the last, has none either
  EXPECT_TRUE(c.is_grouped());
  EXPECT_EQ(c.offsets(), (std::vector<std::uint32_t>{0, 2, 2, 5, 5, 6, 6}));
  EXPECT_EQ(c.size(), 6u);
  EXPECT_EQ(c.memory_bytes(), 7 * sizeof(std::uint32_t));
  const std::vector<std::uint32_t> rows{0, 0, 2, 2, 2, 4};
  for (std::size_t r = 0; r < rows.size(); ++r) EXPECT_EQ(c[r], rows[r]) << r;
  EXPECT_EQ(c.expanded(), rows);
  EXPECT_EQ(c, BranchColumn(rows));  // equal whatever the representation
  c.push_back(5);                    // a grouped column takes rows again as rows
  EXPECT_FALSE(c.is_grouped());
  EXPECT_EQ(c[6], 5u);
}

TEST(BranchColumn, RowsNotGroupedOrPastTheBranchesStayAsTheyAre) {
  BranchColumn unordered{1, 0};
  EXPECT_FALSE(unordered.group(2));
  EXPECT_EQ(unordered.rows(), (std::vector<std::uint32_t>{1, 0}));
  BranchColumn past{0, 3};
  EXPECT_FALSE(past.group(3));
  BranchColumn grouped{0};
  ASSERT_TRUE(grouped.group(2));
  EXPECT_FALSE(grouped.group(3));  // grouped for 2 branches, not 3
  EXPECT_FALSE(BranchColumn::from_offsets({}).has_value());
  EXPECT_FALSE(BranchColumn::from_offsets({1, 2}).has_value());
  EXPECT_FALSE(BranchColumn::from_offsets({0, 3, 2}).has_value());
  EXPECT_EQ(BranchColumn::from_offsets({0, 0, 2})->expanded(), (std::vector<std::uint32_t>{1, 1}));
}

TEST(BranchColumn, SlicesAndAppendsKeepOffsetsGrouped) {
  BranchColumn c{0, 1, 1, 3, 3, 3};
  ASSERT_TRUE(c.group(4));
  // Branches 1..3 hold rows 1..5; rebased, branch 1 becomes 0.
  const BranchColumn s = c.slice(1, 6, 1, 4);
  EXPECT_TRUE(s.is_grouped());
  EXPECT_EQ(s.offsets(), (std::vector<std::uint32_t>{0, 2, 2, 5}));
  const BranchColumn u = BranchColumn{0, 1, 1, 3, 3, 3}.slice(1, 6, 1, 4);
  EXPECT_EQ(u, s);
  BranchColumn joined;
  joined.append(c.slice(0, 1, 0, 1), 0);  // branch 0
  joined.append(s, 1);                    // branches 1..3 after it
  EXPECT_TRUE(joined.is_grouped());
  EXPECT_EQ(joined, c);
  BranchColumn mixed{0};
  mixed.append(s, 1);
  EXPECT_EQ(mixed.expanded(), c.expanded());
  EXPECT_EQ(BranchColumn({2, 0, 1}).permuted({1, 2, 0}).rows(), (std::vector<std::uint32_t>{0, 1, 2}));
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
