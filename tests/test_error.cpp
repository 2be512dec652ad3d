// Problems print as one line each, in the docs/reference/data-format.md §10 form.
#include <gtest/gtest.h>

#include <libbranch/error.hpp>

namespace libbranch {
namespace {

TEST(Problem, PrintsFileLineSeverityColumnMessageAndQuotedValue) {
  const Problem p{"data/members.csv", 12, "", "birth_date", Severity::error, "not a valid date", "1990-02-30"};
  EXPECT_EQ(p.to_string(), "data/members.csv:12: error: birth_date: not a valid date '1990-02-30'");
  const Problem w{"b.csv", 1, "", "colour", Severity::warning, "unknown column (ignored)", "colour"};
  EXPECT_EQ(w.to_string(), "b.csv:1: warning: colour: unknown column (ignored) 'colour'");
}

TEST(Problem, RowsFromMemoryShowTheirLabelAndFileProblemsHaveNoLine) {
  const Problem p{"members", 0, "7", "gender", Severity::error, "unknown value", "X"};
  EXPECT_EQ(p.to_string(), "members[7]: error: gender: unknown value 'X'");
  const Problem f{"d/branches.csv", 0, "", "-", Severity::error, "the file is empty", ""};
  EXPECT_EQ(f.to_string(), "d/branches.csv: error: -: the file is empty");
}

TEST(Problem, StaysOnOneLineWhateverTheValueHolds) {
  const Problem p{"a.csv", 3, "", "kind", Severity::error, "unknown", "theme\nday\r\t\x01"};
  EXPECT_EQ(p.to_string(), "a.csv:3: error: kind: unknown 'theme\\nday\\r\\t\\x01'");
  const Problem gbk{"a.csv", 3, "", "name", Severity::error, "not valid UTF-8", "\xB5\xB3x\xE6\xB3\x95"};
  EXPECT_EQ(gbk.to_string(), "a.csv:3: error: name: not valid UTF-8 '\\xb5\\xb3x\xE6\xB3\x95'");
}

TEST(DataError, CountsErrorsAndSummarisesTheFirst) {
  const DataError e({{"a.csv", 2, "", "x", Severity::warning, "w", ""}, {"a.csv", 3, "", "y", Severity::error, "bad", "v"}});
  EXPECT_EQ(e.error_count(), 1u);
  EXPECT_EQ(e.problems().size(), 2u);
  EXPECT_EQ(std::string(e.what()), "1 error in the data; first: a.csv:3: error: y: bad 'v'");
}

}  // namespace
}  // namespace libbranch
