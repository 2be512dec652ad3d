// Member points as a branch indicator (党员积分达标率): the share of the branch's members whose
// points (member_points.hpp) reach a threshold, so a branch rubric can reward a branch whose
// members take part, not only one that holds the meetings.
#include <cstdint>
#include <string>

#include <libbranch/member_points.hpp>

#include "metrics.hpp"

namespace libbranch::plugins::fortress {

void register_points_metrics(PluginRegistrar& registrar) {
  const ParamSpec threshold{.name = "threshold",
                            .type = ParamSpec::Type::integer,
                            .min_value = 0,
                            .default_value = ParamValue(std::int64_t{70}),
                            .description = "the points total a member must reach (≥)"};
  const ParamSpec rubric{.name = "points_rubric",
                         .type = ParamSpec::Type::text,
                         .default_value = ParamValue(std::string()),
                         .description = "points rubric JSON file (relative to the working directory); empty: the "
                                        "built-in rubrics/member_points.json"};
  registrar.add(Metric{.id = "fortress.members_points_share",
                       .label_zh = "党员积分达标率",
                       .label_en = "share of members reaching the points threshold",
                       .unit = "share",
                       .direction = Direction::benefit,
                       .summary = "Share of the branch's members (party members on at least one day of the period) "
                                  "whose member points over the period are at least `threshold`; NaN for a branch "
                                  "without members (docs/member-points.md).",
                       .params = {threshold, rubric},
                       .compute = [](const Dataset& ds, const Period& period, const Params& params) {
                         const std::string file = params.text("points_rubric").value_or("");
                         const PointsRubric points =
                             file.empty() ? PointsRubric::default_rubric() : PointsRubric::load(file);
                         const auto share = members_points_share(compute_member_points(ds, points, period), ds,
                                                                 params.integer("threshold").value_or(70));
                         Eigen::VectorXd out(static_cast<Eigen::Index>(share.size()));
                         for (std::size_t b = 0; b < share.size(); ++b) out[static_cast<Eigen::Index>(b)] = share[b];
                         return out;
                       }});
}

}  // namespace libbranch::plugins::fortress
