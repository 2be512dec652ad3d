#include "chunked_load.hpp"

#include <algorithm>

namespace libbranch::detail {

void index_ids(IdIndex& index, const StringPool& ids, std::uint32_t first, const PlaceLog& places,
               const ChunkIds& chunk, const std::string& file, std::string_view column,
               const ChunkPlaces& chunk_places, ProblemSplicer& out) {
  index.reserve(first + chunk.marks.size());
  constexpr std::uint32_t kAhead = 16;
  const auto count = static_cast<std::uint32_t>(chunk.marks.size());
  for (std::uint32_t i = 0; i < std::min(kAhead, count); ++i) index.prefetch(chunk.hashes[i]);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (i + kAhead < count) index.prefetch(chunk.hashes[i + kAhead]);
    const std::uint32_t previous = index.insert(ids, first + i, chunk.hashes[i]);
    if (previous == IdIndex::kNotFound) continue;
    out.insert(chunk.marks[i], i, problem_at(file, chunk_places.at(i), column, Severity::error,
                                    "repeated " + std::string(column) + " (first on " + places.describe(previous) + ")",
                                    ids[first + i]));
  }
}

}  // namespace libbranch::detail
