#include <libbranch/io/csv_writer.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <libbranch/error.hpp>

namespace {

std::string quoted(std::string_view field) {
  std::string out;
  libbranch::append_csv_field(out, field);
  return out;
}

TEST(CsvWriter, PlainFieldsAreNotQuoted) {
  EXPECT_EQ(quoted("abc"), "abc");
  EXPECT_EQ(quoted(""), "");
  EXPECT_EQ(quoted("a b"), "a b");  // inner space survives trimming
  EXPECT_EQ(quoted("红星村党支部"), "红星村党支部");
  EXPECT_EQ(quoted("a;b;c"), "a;b;c");
  EXPECT_EQ(quoted("2025-01-31"), "2025-01-31");
  EXPECT_EQ(quoted("买买提·艾力"), "买买提·艾力");
}

TEST(CsvWriter, SeparatorsQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(quoted("a,b"), "\"a,b\"");
  EXPECT_EQ(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quoted("\""), "\"\"\"\"");
  EXPECT_EQ(quoted("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(quoted("a\rb"), "\"a\rb\"");
  EXPECT_EQ(quoted(","), "\",\"");
}

TEST(CsvWriter, LeadingOrTrailingWhiteSpaceIsQuoted) {
  EXPECT_EQ(quoted(" a"), "\" a\"");
  EXPECT_EQ(quoted("a "), "\"a \"");
  EXPECT_EQ(quoted("\ta"), "\"\ta\"");
  EXPECT_EQ(quoted("a\t"), "\"a\t\"");
  EXPECT_EQ(quoted(" "), "\" \"");
  EXPECT_EQ(quoted("\xC2\xA0x"), "\"\xC2\xA0x\"");              // U+00A0 first
  EXPECT_EQ(quoted("x\xC2\xA0"), "\"x\xC2\xA0\"");              // U+00A0 last
  EXPECT_EQ(quoted("\xE3\x80\x80党员"), "\"\xE3\x80\x80党员\"");  // U+3000 first
  EXPECT_EQ(quoted("党员\xE3\x80\x80"), "\"党员\xE3\x80\x80\"");  // U+3000 last
}

TEST(CsvWriter, CharactersThatOnlyLookLikeSpaceAreNotQuoted) {
  // 一 is E4 B8 80 and ends in the same byte as U+3000; 、is E3 80 81 and starts like it.
  EXPECT_EQ(quoted("一"), "一");
  EXPECT_EQ(quoted("、"), "、");
  EXPECT_EQ(quoted("a\xC2\xA0" "b"), "a\xC2\xA0" "b");  // inner no-break space
}

TEST(CsvWriter, AppendsToExistingText) {
  std::string out = "x,";
  libbranch::append_csv_field(out, "a,b");
  EXPECT_EQ(out, "x,\"a,b\"");
}

TEST(CsvWriter, WritesRowsWithCommasAndLf) {
  std::ostringstream os;
  libbranch::CsvWriter w(os);
  w.field("branch_id").field("total").end_row();
  w.field("B1").field(42LL).end_row();
  w.field("a,b").field(-7LL).field("").end_row();
  EXPECT_EQ(os.str(), "branch_id,total\nB1,42\n\"a,b\",-7,\n");
}

TEST(CsvWriter, IntegersUseAllDigits) {
  std::ostringstream os;
  libbranch::CsvWriter w(os);
  w.field(0LL).field(9223372036854775807LL).field(-9223372036854775807LL - 1).end_row();
  EXPECT_EQ(os.str(), "0,9223372036854775807,-9223372036854775808\n");
}

TEST(CsvWriter, NoBomAndNoCarriageReturn) {
  std::ostringstream os;
  libbranch::CsvWriter w(os);
  w.field("名称").end_row();
  const std::string text = os.str();
  EXPECT_EQ(text, "名称\n");
  EXPECT_NE(text.substr(0, 3), "\xEF\xBB\xBF");
}

TEST(CsvWriter, SingleEmptyFieldIsNotABlankLine) {
  // A blank line would be skipped by readers, losing the row.
  std::ostringstream os;
  libbranch::CsvWriter w(os);
  w.field("only").end_row();
  w.field("").end_row();
  EXPECT_EQ(os.str(), "only\n\"\"\n");
}

TEST(CsvWriter, FailingStreamThrows) {
  std::ostringstream os;
  os.setstate(std::ios::badbit);
  libbranch::CsvWriter w(os);
  w.field("x");
  EXPECT_THROW(w.end_row(), libbranch::Error);
}

}  // namespace
