// The part metrics archive: a PartMetrics (phase 1 of one part) between processes, e.g. from a
// worker of a Dask cluster to the client that finishes the scorecard (python/libbranch/dask.py
// pickles it through these bytes). Layout, inside the common framing of archive_common.hpp:
//
//   PartMetrics (version 1): metric names, metric params keys (two string lists: the metric
//   columns, kept as plain strings so that this file does not share MetricColumn's serialisation
//   code with scorecard_archive.cpp), branch_ids, branch_names, parent_ids (string lists),
//   org_types (uint8 column), values (rows, cols, then rows × cols doubles, column-major).
#include <libbranch/part_metrics_archive.hpp>

#include <cstdint>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <libbranch/error.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/scorecard.hpp>

#include "archive_common.hpp"

LIBBRANCH_ARCHIVE_CLASS(libbranch::PartMetrics, 1)

namespace libbranch::detail::archive_io {
namespace {

/// The first way the fields of `p` do not fit together, or nullopt.
std::optional<std::string> part_problem(const PartMetrics& p) {
  const auto rows = static_cast<std::size_t>(p.values.rows());
  const auto cols = static_cast<std::size_t>(p.values.cols());
  auto n = [](std::size_t k) { return std::to_string(k); };
  if (cols != p.metrics.size()) return "values have " + n(cols) + " columns for " + n(p.metrics.size()) + " metric columns";
  if (p.branch_ids.size() != rows) return n(p.branch_ids.size()) + " branch ids for " + n(rows) + " rows of values";
  if (p.branch_names.size() != rows) return n(p.branch_names.size()) + " branch names for " + n(rows) + " branches";
  if (p.parent_ids.size() != rows) return n(p.parent_ids.size()) + " parent ids for " + n(rows) + " branches";
  if (p.org_types.size() != rows) return n(p.org_types.size()) + " org types for " + n(rows) + " branches";
  for (const OrgType t : p.org_types)
    if (static_cast<std::size_t>(t) >= kOrgTypeNames.size())
      return "unknown org type " + std::to_string(static_cast<unsigned>(t));
  return std::nullopt;
}

}  // namespace
}  // namespace libbranch::detail::archive_io

namespace boost::serialization {

template <class Archive>
void save(Archive& ar, const libbranch::PartMetrics& p, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  std::vector<std::string> names;
  std::vector<std::string> keys;
  for (const libbranch::MetricColumn& m : p.metrics) {
    names.push_back(m.metric);
    keys.push_back(m.params_key);
  }
  ar << make_nvp("metric_names", string_list_ref(names));
  ar << make_nvp("metric_params", string_list_ref(keys));
  ar << make_nvp("branch_ids", string_list_ref(p.branch_ids));
  ar << make_nvp("branch_names", string_list_ref(p.branch_names));
  ar << make_nvp("parent_ids", string_list_ref(p.parent_ids));
  ar << make_nvp("org_types", array_ref(p.org_types));
  const std::uint64_t rows = static_cast<std::uint64_t>(p.values.rows());
  const std::uint64_t cols = static_cast<std::uint64_t>(p.values.cols());
  ar << make_nvp("rows", rows);
  ar << make_nvp("cols", cols);
  if (p.values.size() != 0) ar << make_array(p.values.data(), static_cast<std::size_t>(p.values.size()));
}

template <class Archive>
void load(Archive& ar, libbranch::PartMetrics& p, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::PartMetrics>(version, "the part metrics");
  if (version >= 1) {
    std::vector<std::string> names;
    std::vector<std::string> keys;
    ar >> make_nvp("metric_names", string_list_ref(names));
    ar >> make_nvp("metric_params", string_list_ref(keys));
    if (names.size() != keys.size())
      throw Corrupt(std::to_string(names.size()) + " metric names for " + std::to_string(keys.size()) + " params keys");
    p.metrics.clear();
    for (std::size_t i = 0; i < names.size(); ++i) p.metrics.push_back(libbranch::MetricColumn{names[i], keys[i]});
    ar >> make_nvp("branch_ids", string_list_ref(p.branch_ids));
    ar >> make_nvp("branch_names", string_list_ref(p.branch_names));
    ar >> make_nvp("parent_ids", string_list_ref(p.parent_ids));
    ar >> make_nvp("org_types", array_ref(p.org_types));
    std::uint64_t rows = 0;
    std::uint64_t cols = 0;
    ar >> make_nvp("rows", rows);
    ar >> make_nvp("cols", cols);
    constexpr auto kMaxIndex = static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max());
    if (rows > kMaxIndex || cols > kMaxIndex || (rows != 0 && cols > kMaxIndex / rows))
      throw Corrupt("matrix dimensions " + std::to_string(rows) + " × " + std::to_string(cols) + " overflow");
    take(ar, rows * cols, element_bytes<Archive>(sizeof(double)));  // before allocating
    p.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    if (p.values.size() != 0) ar >> make_array(p.values.data(), static_cast<std::size_t>(p.values.size()));
  }
  if (auto problem = part_problem(p)) throw Corrupt("inconsistent part metrics: " + *problem);
}

template <class Archive>
void serialize(Archive& ar, libbranch::PartMetrics& p, const unsigned version) {
  split_free(ar, p, version);
}

}  // namespace boost::serialization

namespace libbranch {

namespace io = detail::archive_io;

void save_part_metrics(const PartMetrics& part, std::ostream& out, ArchiveFormat format) {
  const std::string name = "<stream>";
  io::require_format(format, name);
  if (auto problem = io::part_problem(part))
    throw ArchiveError(name, "cannot write inconsistent part metrics: " + *problem);
  try {
    io::write_payload(out, ArchiveKind::part_metrics, format, "part_metrics", part);
  } catch (...) {
    io::rethrow_as_save_error(name);
  }
}

PartMetrics load_part_metrics(std::istream& in, const std::string& name, std::uint64_t size_limit) {
  try {
    PartMetrics part;
    io::read_payload(in, name, ArchiveKind::part_metrics, size_limit, false, "part_metrics", part);
    return part;
  } catch (...) {
    io::rethrow_as_load_error(name);
  }
}

}  // namespace libbranch
