#pragma once
// Comparing two scorecards field by field, every number bit for bit (archives, out-of-core scoring).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include <libbranch/scorecard.hpp>

namespace libbranch::testing {

inline std::uint64_t bits(double d) { return std::bit_cast<std::uint64_t>(d); }

/// Bit for bit; with `nan_payloads` false (text and XML), a NaN only needs to be a NaN of the same sign.
inline bool same_double(double a, double b, bool nan_payloads) {
  if (!nan_payloads && std::isnan(a) && std::isnan(b)) return std::signbit(a) == std::signbit(b);
  return bits(a) == bits(b);
}

template <class M>
inline void expect_same_matrix(const M& loaded, const M& original, bool nan_payloads, const char* what) {
  ASSERT_EQ(loaded.rows(), original.rows()) << what;
  ASSERT_EQ(loaded.cols(), original.cols()) << what;
  for (Eigen::Index k = 0; k < original.size(); ++k) {
    if constexpr (std::is_same_v<typename M::Scalar, double>) {
      EXPECT_TRUE(same_double(loaded.data()[k], original.data()[k], nan_payloads))
          << what << "[" << k << "]: " << std::hex << bits(loaded.data()[k]) << " != " << bits(original.data()[k]);
    } else {
      EXPECT_EQ(loaded.data()[k], original.data()[k]) << what << "[" << k << "]";
    }
  }
}

/// Every field of two scorecards, numbers bit for bit (see same_double).
inline void expect_same(const Scorecard& loaded, const Scorecard& original, bool nan_payloads = true) {
  EXPECT_EQ(loaded.rubric_name, original.rubric_name);
  EXPECT_EQ(loaded.period.from, original.period.from);
  EXPECT_EQ(loaded.period.to, original.period.to);
  EXPECT_EQ(loaded.branch_ids, original.branch_ids);
  EXPECT_EQ(loaded.branch_names, original.branch_names);
  ASSERT_EQ(loaded.metrics.size(), original.metrics.size());
  for (std::size_t i = 0; i < original.metrics.size(); ++i) {
    EXPECT_EQ(loaded.metrics[i].metric, original.metrics[i].metric);
    EXPECT_EQ(loaded.metrics[i].params_key, original.metrics[i].params_key);
  }
  ASSERT_EQ(loaded.indicators.size(), original.indicators.size());
  for (std::size_t i = 0; i < original.indicators.size(); ++i) {
    const auto& a = loaded.indicators[i];
    const auto& b = original.indicators[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.standard, b.standard);
    EXPECT_EQ(a.metric, b.metric);
    EXPECT_EQ(a.rule, b.rule);
    EXPECT_EQ(bits(a.max_points), bits(b.max_points));
    EXPECT_EQ(a.metric_column, b.metric_column);
    EXPECT_EQ(a.bonus, b.bonus);
  }
  ASSERT_EQ(loaded.standards.size(), original.standards.size());
  for (std::size_t i = 0; i < original.standards.size(); ++i) {
    EXPECT_EQ(loaded.standards[i].id, original.standards[i].id);
    EXPECT_EQ(loaded.standards[i].name, original.standards[i].name);
    EXPECT_EQ(bits(loaded.standards[i].max_points), bits(original.standards[i].max_points));
  }
  expect_same_matrix(loaded.metric_values, original.metric_values, nan_payloads, "metric_values");
  expect_same_matrix(loaded.points, original.points, nan_payloads, "points");
  expect_same_matrix(loaded.flags, original.flags, nan_payloads, "flags");
  expect_same_matrix(loaded.standard_scores, original.standard_scores, nan_payloads, "standard_scores");
  expect_same_matrix(loaded.totals, original.totals, nan_payloads, "totals");
  expect_same_matrix(loaded.bonus, original.bonus, nan_payloads, "bonus");
  EXPECT_EQ(loaded.rating_labels, original.rating_labels);
  EXPECT_EQ(loaded.ratings, original.ratings);
  EXPECT_EQ(loaded.veto_metrics, original.veto_metrics);
  EXPECT_EQ(loaded.veto_offsets, original.veto_offsets);
  EXPECT_EQ(loaded.fired_vetoes, original.fired_vetoes);
  EXPECT_EQ(loaded.star_labels, original.star_labels);
  EXPECT_EQ(loaded.stars, original.stars);
  EXPECT_EQ(loaded.star_direct, original.star_direct);
}

}  // namespace libbranch::testing
