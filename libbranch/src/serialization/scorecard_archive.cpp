// Scorecard archives (layout: archive_common.hpp; rubric archives: rubric_archive.cpp).
//
// Scorecard payload, one Scorecard named "scorecard" (class layout version 1):
//   rubric_name (string), period (Period: from, to as int32 day numbers),
//   branch_ids, branch_names (lists of strings),
//   metrics (list of MetricColumn: metric, params_key), metric_values (matrix B × M),
//   indicators (list of ScoredIndicator: id, standard, metric, rule, max_points (double),
//     metric_column (uint64), bonus (uint8 0/1)), points (matrix B × I), flags (uint8 matrix B × I),
//   standards (list of ScoredStandard: id, name, max_points), standard_scores (matrix B × S),
//   totals, bonus (vectors of B doubles),
//   rating_labels (strings), ratings (uint16 column), veto_metrics (strings),
//   veto_offsets, fired_vetoes (uint32 columns);
//   from layout version 2: star_labels (strings; empty when the rubric has no stars), stars (uint16
//   column), star_direct (uint8 column, 0/1). A version-1 archive loads with no stars.
// A loaded scorecard must pass scorecard_problem() (the same check refuses to save a scorecard
// that could not be loaded back).
#include <libbranch/serialization.hpp>

#include <cstdint>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include <Eigen/Core>

#include <libbranch/error.hpp>
#include <libbranch/scorecard.hpp>

#include "archive_common.hpp"

namespace libbranch::detail::archive_io {

/// A dynamic Eigen matrix as `rows`, `cols` then its values column-major; a dynamic column vector
/// as `count` then its values. Loading checks each dimension and their product, and charges the
/// product to the budget before resizing.
template <class Scalar, int Cols>
class MatrixRef : public bs::wrapper_traits<const MatrixRef<Scalar, Cols>> {
 public:
  static_assert(std::is_arithmetic_v<Scalar>);
  static_assert(Cols == Eigen::Dynamic || Cols == 1);
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Cols>;
  explicit MatrixRef(Matrix* m) : m_(m) {}

  template <class Archive>
  void save(Archive& ar, unsigned /*version*/) const {
    const Matrix& m = *m_;
    const auto rows = static_cast<std::uint64_t>(m.rows());
    if constexpr (Cols == 1) {
      ar << bs::make_nvp("count", rows);
    } else {
      const auto cols = static_cast<std::uint64_t>(m.cols());
      ar << bs::make_nvp("rows", rows);
      ar << bs::make_nvp("cols", cols);
    }
    if (m.size() != 0) ar << bs::make_array(m.data(), static_cast<std::size_t>(m.size()));
  }

  template <class Archive>
  void load(Archive& ar, unsigned /*version*/) {
    constexpr auto kMaxIndex = static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max());
    std::uint64_t rows = 0;
    std::uint64_t cols = 1;
    if constexpr (Cols == 1) {
      ar >> bs::make_nvp("count", rows);
    } else {
      ar >> bs::make_nvp("rows", rows);
      ar >> bs::make_nvp("cols", cols);
    }
    const std::string dims = std::to_string(rows) + " × " + std::to_string(cols);
    if (rows > kMaxIndex || cols > kMaxIndex || (rows != 0 && cols > kMaxIndex / rows))
      throw Corrupt("matrix dimensions " + dims + " overflow");
    const std::uint64_t n = rows * cols;
    LoadBudget& b = budget(ar);
    if (n > b.remaining / element_bytes<Archive>(sizeof(Scalar)))
      throw Corrupt("a " + dims + " matrix exceeds the file size");
    b.remaining -= n * element_bytes<Archive>(sizeof(Scalar));
    Matrix& m = *m_;
    if constexpr (Cols == 1) {
      m.resize(static_cast<Eigen::Index>(rows));
    } else {
      m.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    }
    if (n != 0) ar >> bs::make_array(m.data(), static_cast<std::size_t>(n));
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()

 private:
  Matrix* m_;
};

template <class Scalar, int Cols>
const MatrixRef<Scalar, Cols> matrix_ref(Eigen::Matrix<Scalar, Eigen::Dynamic, Cols>& m) {
  return MatrixRef<Scalar, Cols>(&m);
}
template <class Scalar, int Cols>
const MatrixRef<Scalar, Cols> matrix_ref(const Eigen::Matrix<Scalar, Eigen::Dynamic, Cols>& m) {
  return MatrixRef<Scalar, Cols>(const_cast<Eigen::Matrix<Scalar, Eigen::Dynamic, Cols>*>(&m));
}

namespace {

std::string dims(Eigen::Index rows, Eigen::Index cols) { return std::to_string(rows) + " × " + std::to_string(cols); }

/// The first way the parts of `c` do not fit together, or nullopt.
std::optional<std::string> scorecard_problem(const Scorecard& c) {
  const std::size_t b = c.branch_count();
  const auto rows = static_cast<Eigen::Index>(b);
  auto count = [](std::size_t n) { return std::to_string(n); };
  if (c.branch_names.size() != b)
    return count(c.branch_names.size()) + " branch names for " + count(b) + " branch ids";
  auto matrix = [&](const auto& m, std::size_t cols, const char* name, const char* of) -> std::optional<std::string> {
    if (m.rows() != rows || m.cols() != static_cast<Eigen::Index>(cols))
      return std::string(name) + " is " + dims(m.rows(), m.cols()) + ", expected " + dims(rows, static_cast<Eigen::Index>(cols)) +
             " (branches × " + of + ")";
    return std::nullopt;
  };
  if (auto p = matrix(c.metric_values, c.metrics.size(), "metric_values", "metrics")) return p;
  if (auto p = matrix(c.points, c.indicators.size(), "points", "indicators")) return p;
  if (auto p = matrix(c.flags, c.indicators.size(), "flags", "indicators")) return p;
  if (auto p = matrix(c.standard_scores, c.standards.size(), "standard_scores", "standards")) return p;
  if (c.totals.size() != rows) return count(static_cast<std::size_t>(c.totals.size())) + " totals for " + count(b) + " branches";
  if (c.bonus.size() != rows) return count(static_cast<std::size_t>(c.bonus.size())) + " bonus values for " + count(b) + " branches";
  for (std::size_t i = 0; i < c.indicators.size(); ++i)
    if (c.indicators[i].metric_column >= c.metrics.size())
      return "indicator " + count(i) + " reads metric column " + count(c.indicators[i].metric_column) + " of " +
             count(c.metrics.size());
  for (Eigen::Index k = 0; k < c.flags.size(); ++k)
    if ((c.flags.data()[k] & ~(kFlagMissing | kFlagExcluded | kFlagBonus)) != 0)
      return "unknown indicator flag bits " + std::to_string(static_cast<unsigned>(c.flags.data()[k]));
  if (c.ratings.size() != b) return count(c.ratings.size()) + " ratings for " + count(b) + " branches";
  for (const std::uint16_t r : c.ratings)
    if (r >= c.rating_labels.size())
      return "rating " + std::to_string(r) + " of " + count(c.rating_labels.size()) + " rating labels";
  if (c.veto_offsets.size() != b + 1)
    return count(c.veto_offsets.size()) + " veto offsets for " + count(b) + " branches (expected branches + 1)";
  if (c.veto_offsets.front() != 0) return "the veto offsets do not start at 0";
  for (std::size_t k = 1; k < c.veto_offsets.size(); ++k)
    if (c.veto_offsets[k] < c.veto_offsets[k - 1]) return "the veto offsets decrease at branch " + count(k - 1);
  if (c.veto_offsets.back() != c.fired_vetoes.size())
    return "the veto offsets end at " + std::to_string(c.veto_offsets.back()) + ", not at the " +
           count(c.fired_vetoes.size()) + " fired vetoes";
  for (const std::uint32_t v : c.fired_vetoes)
    if (v >= c.veto_metrics.size())
      return "fired veto " + std::to_string(v) + " of " + count(c.veto_metrics.size()) + " vetoes";
  const std::size_t star_rows = c.star_labels.empty() ? 0 : b;
  if (c.stars.size() != star_rows || c.star_direct.size() != star_rows)
    return count(c.stars.size()) + " stars and " + count(c.star_direct.size()) + " direct flags for " +
           count(star_rows) + " branches with " + count(c.star_labels.size()) + " star labels";
  for (const std::uint16_t s : c.stars)
    if (s >= c.star_labels.size()) return "star " + std::to_string(s) + " of " + count(c.star_labels.size()) + " star labels";
  for (const std::uint8_t d : c.star_direct)
    if (d > 1) return "star_direct value " + std::to_string(d) + " (0 or 1)";
  return std::nullopt;
}

}  // namespace

// Fixed bytes of a list item in a binary archive (string contents are charged by the strings).
template <>
struct MinBinaryBytes<MetricColumn> : std::integral_constant<std::uint64_t, 2 * 8> {};
template <>
struct MinBinaryBytes<ScoredIndicator> : std::integral_constant<std::uint64_t, 4 * 8 + 8 + 8 + 1> {};
template <>
struct MinBinaryBytes<ScoredStandard> : std::integral_constant<std::uint64_t, 2 * 8 + 8> {};

}  // namespace libbranch::detail::archive_io

LIBBRANCH_ARCHIVE_CLASS(libbranch::Period, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::MetricColumn, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ScoredIndicator, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::ScoredStandard, 1)
LIBBRANCH_ARCHIVE_CLASS(libbranch::Scorecard, 2)

namespace boost::serialization {

// Period: from, to (int32 day numbers).
template <class Archive>
void save(Archive& ar, const libbranch::Period& p, const unsigned /*version*/) {
  const std::int32_t from = p.from.days();
  const std::int32_t to = p.to.days();
  ar << make_nvp("from", from);
  ar << make_nvp("to", to);
}
template <class Archive>
void load(Archive& ar, libbranch::Period& p, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::Period>(version, "the period");
  if (version >= 1) {
    std::int32_t from = 0;
    std::int32_t to = 0;
    ar >> make_nvp("from", from);
    ar >> make_nvp("to", to);
    p = libbranch::Period{libbranch::Date(from), libbranch::Date(to)};
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::Period& p, const unsigned version) {
  split_free(ar, p, version);
}

// MetricColumn: metric, params_key.
template <class Archive>
void serialize(Archive& ar, libbranch::MetricColumn& m, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::MetricColumn>(version, "a metric column");
  if (version >= 1) {
    ar & make_nvp("metric", string_ref(m.metric));
    ar & make_nvp("params_key", string_ref(m.params_key));
  }
}

// ScoredIndicator: id, standard, metric, rule, max_points, metric_column (uint64), bonus (uint8).
template <class Archive>
void save(Archive& ar, const libbranch::ScoredIndicator& i, const unsigned /*version*/) {
  using namespace libbranch::detail::archive_io;
  const std::uint64_t column = i.metric_column;
  const std::uint8_t bonus = i.bonus ? 1 : 0;
  ar << make_nvp("id", string_ref(i.id));
  ar << make_nvp("standard", string_ref(i.standard));
  ar << make_nvp("metric", string_ref(i.metric));
  ar << make_nvp("rule", string_ref(i.rule));
  ar << make_nvp("max_points", i.max_points);
  ar << make_nvp("metric_column", column);
  ar << make_nvp("bonus", bonus);
}
template <class Archive>
void load(Archive& ar, libbranch::ScoredIndicator& i, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::ScoredIndicator>(version, "an indicator");
  if (version >= 1) {
    std::uint64_t column = 0;
    std::uint8_t bonus = 0;
    ar >> make_nvp("id", string_ref(i.id));
    ar >> make_nvp("standard", string_ref(i.standard));
    ar >> make_nvp("metric", string_ref(i.metric));
    ar >> make_nvp("rule", string_ref(i.rule));
    ar >> make_nvp("max_points", i.max_points);
    ar >> make_nvp("metric_column", column);
    ar >> make_nvp("bonus", bonus);
    if (bonus > 1) throw Corrupt("an indicator's bonus flag is " + std::to_string(bonus));
    if (column > std::numeric_limits<std::size_t>::max()) throw Corrupt("an indicator's metric column is out of range");
    i.metric_column = static_cast<std::size_t>(column);
    i.bonus = bonus != 0;
  }
}
template <class Archive>
void serialize(Archive& ar, libbranch::ScoredIndicator& i, const unsigned version) {
  split_free(ar, i, version);
}

// ScoredStandard: id, name, max_points.
template <class Archive>
void serialize(Archive& ar, libbranch::ScoredStandard& s, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::ScoredStandard>(version, "a standard");
  if (version >= 1) {
    ar & make_nvp("id", string_ref(s.id));
    ar & make_nvp("name", string_ref(s.name));
    ar & make_nvp("max_points", s.max_points);
  }
}

// Scorecard: one field list, shared by saving and loading; checked as a whole after loading.
template <class Archive>
void serialize(Archive& ar, libbranch::Scorecard& c, const unsigned version) {
  using namespace libbranch::detail::archive_io;
  require_version<libbranch::Scorecard>(version, "the scorecard");
  if (version >= 1) {
    ar & make_nvp("rubric_name", string_ref(c.rubric_name));
    ar & make_nvp("period", c.period);
    ar & make_nvp("branch_ids", string_list_ref(c.branch_ids));
    ar & make_nvp("branch_names", string_list_ref(c.branch_names));
    ar & make_nvp("metrics", list_ref(c.metrics));
    ar & make_nvp("metric_values", matrix_ref(c.metric_values));
    ar & make_nvp("indicators", list_ref(c.indicators));
    ar & make_nvp("points", matrix_ref(c.points));
    ar & make_nvp("flags", matrix_ref(c.flags));
    ar & make_nvp("standards", list_ref(c.standards));
    ar & make_nvp("standard_scores", matrix_ref(c.standard_scores));
    ar & make_nvp("totals", matrix_ref(c.totals));
    ar & make_nvp("bonus", matrix_ref(c.bonus));
    ar & make_nvp("rating_labels", string_list_ref(c.rating_labels));
    ar & make_nvp("ratings", array_ref(c.ratings));
    ar & make_nvp("veto_metrics", string_list_ref(c.veto_metrics));
    ar & make_nvp("veto_offsets", array_ref(c.veto_offsets));
    ar & make_nvp("fired_vetoes", array_ref(c.fired_vetoes));
  }
  if (version >= 2) {
    ar & make_nvp("star_labels", string_list_ref(c.star_labels));
    ar & make_nvp("stars", array_ref(c.stars));
    ar & make_nvp("star_direct", array_ref(c.star_direct));
  }
  if constexpr (Archive::is_loading::value) {
    if (auto problem = scorecard_problem(c)) throw Corrupt("inconsistent scorecard: " + *problem);
  }
}

}  // namespace boost::serialization

// -------------------------------------------------------------------------------------------------
// Streams and files

namespace libbranch {

namespace io = detail::archive_io;

namespace {

void check_for_save(const Scorecard& card, const std::string& name) {
  if (auto problem = io::scorecard_problem(card))
    throw ArchiveError(name, "cannot write an inconsistent scorecard: " + *problem);
}

Scorecard read_scorecard(std::istream& in, const std::string& name, std::uint64_t size_limit, bool whole_file) {
  try {
    Scorecard card;
    io::read_payload(in, name, ArchiveKind::scorecard, size_limit, whole_file, "scorecard", card);
    return card;
  } catch (...) {
    io::rethrow_as_load_error(name);
  }
}

}  // namespace

void save_scorecard(const Scorecard& card, std::ostream& out, ArchiveFormat format) {
  const std::string name = "<stream>";
  io::require_format(format, name);
  check_for_save(card, name);
  try {
    io::write_payload(out, ArchiveKind::scorecard, format, "scorecard", card);
  } catch (...) {
    io::rethrow_as_save_error(name);
  }
}

Scorecard load_scorecard(std::istream& in, const std::string& name, std::uint64_t size_limit) {
  return read_scorecard(in, name, size_limit, false);
}

void save_scorecard(const Scorecard& card, const std::filesystem::path& path, ArchiveFormat format) {
  io::require_format(format, path.string());
  check_for_save(card, path.string());
  io::save_file(path, [&](std::ostream& out) {
    io::write_payload(out, ArchiveKind::scorecard, format, "scorecard", card);
  });
}

Scorecard load_scorecard(const std::filesystem::path& path) {
  Scorecard card;
  io::load_file(path, [&](std::istream& in, const std::string& name, std::uint64_t size) {
    card = read_scorecard(in, name, size, true);
  });
  return card;
}

}  // namespace libbranch
