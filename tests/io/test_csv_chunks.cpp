// CsvReader in chunks (next_batch + parse_batch): wherever a chunk is cut, the records, their
// lines and the problems are those of parsing the whole text at once. The texts are random and
// often malformed (quotes inside unquoted fields, text after closing quotes, lone CRs, an
// unterminated quote), because the cutter scans for record ends with its own, faster rules.
#include <libbranch/io/csv_reader.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "../../libbranch/src/io/csv_records.hpp"
#include "support/temp_dir.hpp"

namespace libbranch {
namespace {

const std::string kName = "data.csv";

struct Records {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::int64_t> lines;
  std::vector<std::string> problems;

  void add(const RowBatch& batch) {
    for (std::size_t r = 0; r < batch.size(); ++r) {
      const auto record = batch.record(r);
      cells.emplace_back(record.begin(), record.end());
      lines.push_back(batch.lines[r]);
    }
    for (const Problem& p : batch.problems) problems.push_back(p.to_string());
  }
};

// The data rows after a one-line header, parsed as one piece of text.
Records parse_whole(const std::string& text) {
  RowBatch batch;
  const std::size_t body = text.find('\n') + 1;
  batch.text = text.substr(body);
  batch.first_line = 2;
  detail::parse_records(batch, kName);
  Records out;
  out.add(batch);
  return out;
}

Records read_in_chunks(TableSource& reader, std::size_t target) {
  TableRow header;
  std::vector<Problem> problems;
  EXPECT_TRUE(reader.read_header(header, problems));
  EXPECT_TRUE(problems.empty());
  Records out;
  RowBatch batch;
  while (reader.next_batch(batch, target)) {
    reader.parse_batch(batch);
    out.add(batch);
  }
  return out;
}

void expect_same(const Records& a, const Records& b) {
  ASSERT_EQ(a.cells.size(), b.cells.size());
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    ASSERT_EQ(a.cells[i], b.cells[i]) << "record " << i;
    ASSERT_EQ(a.lines[i], b.lines[i]) << "record " << i;
  }
  EXPECT_EQ(a.problems, b.problems);
}

// A random CSV text: mostly well-formed records with every construct, and some malformed ones.
std::string random_csv(std::uint32_t seed, std::size_t records, bool unterminated_at_end) {
  std::mt19937 rng(seed);
  const std::vector<std::string> plain = {"a", "bc", " ", "\t", "\xE4\xB8\xAD", "\xC2\xA0", "\xE3\x80\x80", "0123", "x y"};
  const std::vector<std::string> special = {",", "\"\"", "\n", "\r\n", "\r"};
  const std::vector<std::string> line_ends = {"\n", "\r\n", "\r"};
  auto pick = [&](const std::vector<std::string>& from) { return from[rng() % from.size()]; };
  std::string text = "c0,c1,c2\n";
  for (std::size_t r = 0; r < records; ++r) {
    if (rng() % 9 == 0) text += rng() % 2 ? "" : " \t";  // a blank line
    const int fields = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += ',';
      const unsigned kind = rng() % 8;
      if (kind < 3) {  // quoted, with white space around and every special inside
        text += rng() % 3 == 0 ? " \"" : "\"";
        for (int k = static_cast<int>(rng() % 5); k > 0; --k) text += rng() % 3 == 0 ? pick(special) : pick(plain);
        text += '"';
        if (rng() % 25 == 0) text += "junk\"more";  // text after the closing quote
        if (rng() % 4 == 0) text += "\xE3\x80\x80";
      } else if (kind == 3) {  // a quote inside unquoted text is data
        text += pick(plain) + "x\"" + pick(plain);
      } else {
        for (int k = static_cast<int>(rng() % 3); k > 0; --k) text += pick(plain);
      }
    }
    text += pick(line_ends);
  }
  if (unterminated_at_end) text += "1,\"never closed,\n2,3\n";
  return text;
}

TEST(CsvChunks, EveryChunkSizeReadsWhatOnePassReads) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const std::string text = random_csv(seed, 400, seed % 3 == 0);
    const Records whole = parse_whole(text);
    ASSERT_GT(whole.cells.size(), 300u);
    for (const std::size_t target : {1, 2, 3, 5, 8, 13, 64, 1000, 1 << 20}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", chunks of " + std::to_string(target) + " bytes");
      const auto reader = CsvReader::from_string(text, kName);
      expect_same(whole, read_in_chunks(*reader, target));
    }
  }
}

TEST(CsvChunks, FilesLargerThanOneReadAreCutAlike) {
  // Large enough for several reads of the file, so chunks also straddle what was read.
  const std::string text = random_csv(99, 25000, true);
  ASSERT_GT(text.size(), std::size_t{300000});
  const Records whole = parse_whole(text);
  testing::TempDir dir;
  const auto path = dir.write("data.csv", text);
  for (const std::size_t target : {1, 7, 4096, 65536, 200000}) {
    SCOPED_TRACE("chunks of " + std::to_string(target) + " bytes");
    CsvReader reader(path, kName);
    expect_same(whole, read_in_chunks(reader, target));
  }
}

TEST(CsvChunks, AnyTargetSizeIsAccepted) {
  const std::string text = random_csv(5, 50, false);
  for (const std::size_t target : {std::size_t{0}, SIZE_MAX}) {
    const auto reader = CsvReader::from_string(text, kName);
    expect_same(parse_whole(text), read_in_chunks(*reader, target));
  }
}

TEST(CsvChunks, ChunksEndAtRecordEndsOnly) {
  // A quoted newline is no place to cut, however small the chunks.
  const auto reader = CsvReader::from_string("h\n\"a\nb\",\"c\r\nd\"\ne\n", kName);
  TableRow header;
  std::vector<Problem> problems;
  ASSERT_TRUE(reader->read_header(header, problems));
  RowBatch batch;
  std::vector<std::string> chunks;
  while (reader->next_batch(batch, 1)) chunks.push_back(batch.text);
  EXPECT_EQ(chunks, (std::vector<std::string>{"\"a\nb\",\"c\r\nd\"\n", "e\n"}));
}

TEST(CsvChunks, BatchesStartOnTheLineTheyStartOn) {
  const auto reader = CsvReader::from_string("h\r\n1\r\n\"x\ry\"\r\n\n2\r3\n", kName);
  TableRow header;
  std::vector<Problem> problems;
  ASSERT_TRUE(reader->read_header(header, problems));
  RowBatch batch;
  std::vector<std::int64_t> lines;
  while (reader->next_batch(batch, 1)) {
    reader->parse_batch(batch);
    lines.insert(lines.end(), batch.lines.begin(), batch.lines.end());
  }
  EXPECT_EQ(lines, (std::vector<std::int64_t>{2, 3, 6, 7}));
}

}  // namespace
}  // namespace libbranch
