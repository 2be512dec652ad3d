#pragma once
// Datasets in parts: a contiguous range of branches cut out of a dataset (the unit of out-of-core
// scoring and of partitioned archives), and parts put back together.
#include <memory>

#include <libbranch/dataset.hpp>
#include <libbranch/export.hpp>

namespace libbranch {

/// The dataset of branches [range.begin, range.end) of `ds`: those branch rows, with their members,
/// activities, observations and attendance, in the same order; rows are renumbered from 0.
///
/// Links that leave the range are dropped: a lecturer or an attendance row naming a member of a
/// branch outside the range (the data format allows both, with a warning). No built-in metric reads such a
/// link — the secretary-lecture count only counts the branch's own members and attendee counts
/// were fixed at load — so every built-in metric of a branch is the same on a slice as on the
/// whole dataset. Throws libbranch::Error when the range is not within the dataset.
[[nodiscard]] LIBBRANCH_API Dataset slice_branches(const Dataset& ds, RowRange range);

/// Puts parts back together into one dataset: the branches of each part follow those of the parts
/// appended before it, with their rows; dictionaries and custom activity kinds are merged by value.
/// Concatenating the slices of a dataset gives it back, except the links slice_branches() drops.
class LIBBRANCH_API DatasetConcatenator {
 public:
  DatasetConcatenator();
  DatasetConcatenator(DatasetConcatenator&&) noexcept;
  DatasetConcatenator& operator=(DatasetConcatenator&&) noexcept;
  ~DatasetConcatenator();

  /// Appends a part (copied: the part may be released afterwards). Throws libbranch::Error when
  /// the result would have more rows than a Dataset can number.
  void append(const Dataset& part);
  /// The dataset (checked and indexed as every Dataset is); the concatenator is empty afterwards.
  [[nodiscard]] Dataset finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace libbranch
