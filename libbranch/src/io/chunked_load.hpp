#pragma once
// Loading a table in chunks: batches of rows are converted on several threads at once and merged
// into the dataset one at a time in file order, so that the dataset and its problems are exactly
// those of reading the rows one by one. Internal to loading.
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "load_context.hpp"

namespace libbranch::detail {

/// Bytes of text per batch unless LoadOptions::chunk_bytes says otherwise: large enough that
/// per-batch costs vanish, small enough that a few batches in flight stay in cache.
inline constexpr std::size_t kDefaultChunkBytes = std::size_t{1} << 20;

/// What every chunk holds besides its rows: the problems its rows reported, in order.
struct ChunkBase {
  std::vector<Problem> problems;
  ChunkPlaces places;            ///< of the rows kept, as read
  LastLookup branch;             ///< for LoadContext::branch_of
  void clear() {
    problems.clear();
    places.clear();
    branch = {};
  }
};

/// The ids of a chunk's rows, to be indexed when merged (index_ids).
struct ChunkIds {
  std::vector<std::size_t> marks;     ///< per row: where its repeated-id problem belongs
  std::vector<std::uint32_t> hashes;  ///< IdIndex::hash of each id, computed with the chunk
  void add(std::string_view id, std::size_t mark) {
    marks.push_back(mark);
    hashes.push_back(IdIndex::hash(id));
  }
  void clear() {
    marks.clear();
    hashes.clear();
  }
};

/// Appends a chunk's problems to the load's, with the problems found while merging (which need
/// the rows of earlier chunks) put back where reading the rows one by one would report them.
class ProblemSplicer {
 public:
  explicit ProblemSplicer(std::vector<Problem>& chunk) : chunk_(chunk) {}
  /// `p`, of the chunk's row `row`, goes after the chunk's first `mark` problems; problems of one
  /// row at one mark keep the order they were inserted in.
  void insert(std::size_t mark, std::uint32_t row, Problem p) { inserted_.push_back({mark, row, std::move(p)}); }
  void finish(std::vector<Problem>& out) {
    std::stable_sort(inserted_.begin(), inserted_.end(), [](const Inserted& a, const Inserted& b) {
      return a.mark != b.mark ? a.mark < b.mark : a.row < b.row;
    });
    std::size_t next = 0;
    for (Inserted& i : inserted_) {
      for (; next < i.mark; ++next) out.push_back(std::move(chunk_[next]));
      out.push_back(std::move(i.problem));
    }
    for (; next < chunk_.size(); ++next) out.push_back(std::move(chunk_[next]));
    inserted_.clear();
  }

 private:
  struct Inserted {
    std::size_t mark;
    std::uint32_t row;
    Problem problem;
  };
  std::vector<Problem>& chunk_;
  std::vector<Inserted> inserted_;
};

/// Indexes the ids of a chunk's rows, which are rows [first, ...) of `ids` and already in
/// `places`. A repeated id is an error in column `column` (named like the id), inserted after
/// `chunk.marks[i]` of the chunk's problems: where a one-by-one read checks the id.
void index_ids(IdIndex& index, const StringPool& ids, std::uint32_t first, const PlaceLog& places,
               const ChunkIds& chunk, const std::string& file, std::string_view column,
               const ChunkPlaces& chunk_places, ProblemSplicer& out);

/// The start of converting a row that belongs to a branch (a member, an activity): its id added to
/// the chunk's table and ids, its place recorded, its branch row appended and returned. A row
/// without an id or a known branch is not loaded (nullopt); its id goes to `rejected`, so that
/// rows referring to it are not reported as unknown.
template <class Chunk>
[[nodiscard]] std::optional<std::uint32_t> start_branch_row(const LoadContext& ctx, TableReader& r, Chunk& c,
                                                            std::size_t id_column, std::size_t branch_column) {
  const std::string_view id = r.get(id_column);
  const auto branch = ctx.branch_of(r, branch_column, c.branch);
  if (id.empty() || !branch) {
    if (!id.empty()) c.rejected.emplace_back(id);
    return std::nullopt;
  }
  c.rows.id.add(id);
  c.ids.add(id, r.problem_count());
  c.places.add(r.line(), r.label());
  c.rows.branch.push_back(*branch);
  return branch;
}

/// The merge step every table shares: the chunk's rows appended to `t`, their places to `places`,
/// their ids indexed (a repeat reported through `out`). Returns the first row of the chunk in `t`.
template <class Table, class Chunk>
std::uint32_t merge_rows(Table& t, PlaceLog& places, IdIndex& index, Chunk& c, const std::string& file,
                         std::string_view id_column, ProblemSplicer& out) {
  const auto first = static_cast<std::uint32_t>(t.size());
  append(t, c.rows);
  places.append(c.places);
  index_ids(index, t.id, first, places, c.ids, file, id_column, c.places, out);
  return first;
}

/// Rows expected in a table whose first chunk had `chunk_rows`, for `scale` times its text.
[[nodiscard]] inline std::size_t expected_rows(std::size_t chunk_rows, double scale) {
  return static_cast<std::size_t>(static_cast<double>(chunk_rows) * scale * 1.03) + 16;
}

[[nodiscard]] inline unsigned load_threads(const LoadOptions& options) {
  return options.threads == 0 ? static_cast<unsigned>(tbb::info::default_concurrency()) : options.threads;
}

/// Reads the rows of a usable table in batches. `convert(TableReader&, Chunk&)` handles one row;
/// it runs on several batches at once, so it may only read what earlier tables loaded.
/// `merge(Chunk&)` adds a chunk to the dataset; chunks arrive one at a time, in file order.
/// Before the first merge, `reserve(const Chunk&, double scale)` may size the dataset's columns
/// for `scale` times the first chunk, when the source knows its size.
template <class Chunk, class Convert, class Merge, class Reserve>
void load_in_chunks(const LoadOptions& options, const TableHeader& header, Convert&& convert, Merge&& merge,
                    Reserve&& reserve) {
  if (!header.usable()) return;
  struct Work {
    RowBatch batch;
    Chunk chunk;
    std::size_t bytes = 0;  // of the batch's text
  };
  // Work items are reused, their memory kept (Chunk::clear): fresh buffers for every chunk cost
  // more in page faults than the parsing.
  std::mutex mutex;
  std::vector<std::unique_ptr<Work>> owned;
  std::vector<Work*> free;
  auto take = [&] {
    const std::lock_guard lock(mutex);
    if (free.empty()) return owned.emplace_back(std::make_unique<Work>()).get();
    Work* work = free.back();
    free.pop_back();
    return work;
  };
  auto give_back = [&](Work* work) {
    work->chunk.clear();
    const std::lock_guard lock(mutex);
    free.push_back(work);
  };
  TableSource& source = *header.source();
  const std::size_t target = options.chunk_bytes == 0 ? kDefaultChunkBytes : options.chunk_bytes;
  const unsigned threads = std::max(1u, load_threads(options));
  auto read = [&](tbb::flow_control& control) -> Work* {
    Work* work = take();
    if (source.next_batch(work->batch, target)) return work;
    give_back(work);
    control.stop();
    return nullptr;
  };
  auto convert_batch = [&](Work* work) -> Work* {
    work->bytes = work->batch.text.size();
    source.parse_batch(work->batch);
    work->chunk.problems = std::move(work->batch.problems);  // unreadable records come first
    TableReader reader(header, work->batch, work->chunk.problems);
    while (reader.next()) convert(reader, work->chunk);
    return work;
  };
  bool first = true;
  auto merge_chunk = [&](Work* work) {
    if (first && work->bytes > 0 && source.size_hint() > work->bytes)
      reserve(work->chunk, static_cast<double>(source.size_hint()) / static_cast<double>(work->bytes));
    first = false;
    merge(work->chunk);
    give_back(work);
  };
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_pipeline(2 * threads,
                           tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order, read) &
                               tbb::make_filter<Work*, Work*>(tbb::filter_mode::parallel, convert_batch) &
                               tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, merge_chunk));
  });
}

}  // namespace libbranch::detail
