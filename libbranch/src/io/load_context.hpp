#pragma once
// State shared by the per-table loaders while one dataset is validated and built. Internal.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <libbranch/dataset.hpp>
#include <libbranch/io/load.hpp>

#include "../model/same_text.hpp"
#include "table_reader.hpp"

namespace libbranch::detail {

/// The places of a chunk's rows exactly as read (a PlaceLog keeps lines or labels, not both).
class ChunkPlaces {
 public:
  void add(std::int64_t line, std::string_view label) {
    if (!label.empty() && labels_.size() < lines_.size()) labels_.resize(lines_.size());
    lines_.push_back(line);
    if (!labels_.empty() || !label.empty()) labels_.emplace_back(label);
  }
  [[nodiscard]] RowPlace at(std::size_t row) const {
    return {lines_[row], labels_.empty() ? std::string() : labels_[row]};
  }
  [[nodiscard]] std::size_t size() const noexcept { return lines_.size(); }
  [[nodiscard]] bool labelled() const noexcept { return !labels_.empty(); }
  [[nodiscard]] const std::vector<std::int64_t>& lines() const noexcept { return lines_; }
  void clear() {
    lines_.clear();
    labels_.clear();
  }

 private:
  std::vector<std::int64_t> lines_;
  std::vector<std::string> labels_;  // empty while no row has a label
};

/// The places of a table's rows, by row: lines for files, labels for tables from memory.
class PlaceLog {
 public:
  void add(const RowPlace& place);
  [[nodiscard]] RowPlace at(std::size_t row) const;
  /// "line 12" or "row 'x'", for messages that point at another row.
  [[nodiscard]] std::string describe(std::size_t row) const;
  /// Reorders like the table: entry i becomes old entry order[i].
  void reorder(const std::vector<std::uint32_t>& order);
  void append(const ChunkPlaces& places);
  void clear();

 private:
  std::vector<std::uint32_t> lines_;
  std::vector<std::string> labels_;
};

/// The last id found and its row. Rows come grouped by branch (attendance by activity), so most
/// lookups repeat the one before; the id points into the batch being converted.
struct LastLookup {
  std::string_view id;
  std::uint32_t row = 0;
  [[nodiscard]] bool hit(std::string_view key) const { return !id.empty() && same_text(id, key); }
};

struct LoadContext {
  explicit LoadContext(const LoadOptions& opts) : options(opts) {}

  const LoadOptions& options;
  std::vector<Problem> problems;
  DatasetTables tables;

  // Id indexes over the tables' id pools; rows are final (sorted by branch) once a table is done.
  IdIndex member_index;
  IdIndex activity_index;
  IdIndex branch_index;

  // A table whose header is unusable cannot be referred to; its references are not reported
  // again and again (the header problem already says what to fix).
  bool branches_readable = true;
  bool members_readable = true;
  bool activities_readable = true;
  // Ids of rows that were reported and not loaded, so that references to them are not reported twice.
  std::unordered_set<std::string> rejected_members;
  std::unordered_set<std::string> rejected_activities;

  // Where each activity row came from, for problems found after the table was read
  // (attendance that disagrees with `attendees`).
  std::string activities_file;
  PlaceLog activity_places;
  std::vector<std::uint32_t> attendance_count;

  /// The branch row of the reader's `col` cell; reports an unknown id. nullopt when not found.
  /// Reads only the finished branches, so chunks of later tables may call it at once.
  std::optional<std::uint32_t> branch_of(TableReader& reader, std::size_t col, LastLookup& last) const;
  [[nodiscard]] bool has_errors() const;

  /// Keeps at most options.max_problems problems of each file, the first to arrive, and counts
  /// the rest. Called as problems arrive (each chunk merged) so that memory stays bounded.
  void cap_problems();
  /// After the problems are sorted: one entry per capped file, after its last problem, saying how
  /// many were left out. Returns the errors among them.
  std::size_t add_omitted_entries();

 private:
  struct Omitted {
    std::string file;
    std::size_t kept = 0;
    std::uint64_t problems = 0;  // left out
    std::uint64_t errors = 0;    // of those
  };
  std::vector<Omitted> per_file_;  // few files: a linear search beats a map
  std::size_t capped_ = 0;         // problems[0, capped_) are already counted
};

void load_branches(LoadContext& ctx, TableSource* source);
void load_members(LoadContext& ctx, TableSource* source);
void load_activities(LoadContext& ctx, TableSource* source);
void load_attendance(LoadContext& ctx, TableSource* source);
void load_observations(LoadContext& ctx, TableSource* source);

/// Stable order that groups rows by branch: result[i] is the old row that becomes row i.
/// Empty when the rows are already grouped.
[[nodiscard]] std::vector<std::uint32_t> order_by_branch(const BranchColumn& column, std::size_t branches);
/// new_row_of[old] for a stable order.
[[nodiscard]] std::vector<std::uint32_t> inverse(const std::vector<std::uint32_t>& order);
void reorder(MemberTable& t, const std::vector<std::uint32_t>& order);
void reorder(ActivityTable& t, const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& new_row_of);
void reorder(ObservationTable& t, const std::vector<std::uint32_t>& order);
void append(BranchTable& to, const BranchTable& from);
void append(MemberTable& to, const MemberTable& from);
void append(ActivityTable& to, const ActivityTable& from);
void append(ObservationTable& to, const ObservationTable& from);
/// Sizes `to` for `scale` times the rows of its first chunk `chunk`.
void reserve_like(BranchTable& to, const BranchTable& chunk, double scale);
void reserve_like(MemberTable& to, const MemberTable& chunk, double scale);
void reserve_like(ActivityTable& to, const ActivityTable& chunk, double scale);
void reserve_like(ObservationTable& to, const ObservationTable& chunk, double scale);
/// Removes every row, keeping the memory for the next chunk.
void clear(BranchTable& t);
void clear(MemberTable& t);
void clear(ActivityTable& t);
void clear(ObservationTable& t);
/// Releases the spare capacity that appending left in every column.
void shrink_to_fit(DatasetTables& t);

}  // namespace libbranch::detail
