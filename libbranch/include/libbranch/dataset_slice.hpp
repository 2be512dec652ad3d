#pragma once
// A contiguous range of branches cut out of a dataset: the unit of out-of-core scoring and of
// partitioned archives.
#include <libbranch/dataset.hpp>

namespace libbranch {

/// The dataset of branches [range.begin, range.end) of `ds`: those branch rows, with their members,
/// activities, observations and attendance, in the same order; rows are renumbered from 0.
///
/// Links that leave the range are dropped: a lecturer or an attendance row naming a member of a
/// branch outside the range (SPEC allows both, with a warning). No built-in metric reads such a
/// link — the secretary-lecture count only counts the branch's own members and attendee counts
/// were fixed at load — so every built-in metric of a branch is the same on a slice as on the
/// whole dataset. Throws libbranch::Error when the range is not within the dataset.
[[nodiscard]] Dataset slice_branches(const Dataset& ds, RowRange range);

}  // namespace libbranch
