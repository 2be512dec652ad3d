#include "load_context.hpp"

namespace libbranch::detail {

void PlaceLog::add(const RowPlace& place) {
  if (!place.label.empty() || !labels_.empty()) {
    labels_.push_back(place.label);
    return;
  }
  lines_.push_back(place.line > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(place.line));
}

RowPlace PlaceLog::at(std::size_t row) const {
  if (!labels_.empty()) return {0, labels_[row]};
  return {row < lines_.size() ? lines_[row] : 0, {}};
}

std::string PlaceLog::describe(std::size_t row) const {
  const RowPlace p = at(row);
  return p.label.empty() ? "line " + std::to_string(p.line) : "row '" + p.label + "'";
}

void PlaceLog::reorder(const std::vector<std::uint32_t>& order) {
  if (!labels_.empty()) {
    labels_ = permuted(labels_, order);
  } else {
    lines_ = permuted(lines_, order);
  }
}

void PlaceLog::append(const ChunkPlaces& places) {
  if (places.labelled() || !labels_.empty()) {
    for (std::size_t i = 0; i < places.size(); ++i) add(places.at(i));
    return;
  }
  for (const std::int64_t line : places.lines()) lines_.push_back(line > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(line));
}

void PlaceLog::clear() {
  lines_ = {};
  labels_ = {};
}

}  // namespace libbranch::detail
