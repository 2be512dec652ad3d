// online_legal: a third-party plugin that extends the rule_of_law standard with one metric,
// rule_of_law.online_legal_education — legal education (普法宣传教育) held online or in hybrid form
// (互联网+普法), which some counties score on its own. Written with the plugin SDK
// (<libbranch/plugin_sdk.hpp>): the metric is one Metric filled with designated initialisers, and
// A(legal_education) is the SDK's KindSet + in_a.
#include <cstdint>
#include <string>

#include <libbranch/plugin_sdk.hpp>

namespace {

using namespace libbranch;

constexpr plugins::KindSet kLegalEducation{ActivityKind::legal_education};

// |{a ∈ A(legal_education) : mode(a) = online, or hybrid unless include_hybrid is "no"}|.
Eigen::VectorXd online_legal_education(const Dataset& ds, const Period& period, const Params& params) {
  const bool hybrid = params.text("include_hybrid").value_or("yes") == "yes";
  const ActivityTable& a = ds.activities();
  return per_branch(ds, [&](std::uint32_t branch) {
    const RowRange rows = ds.activities_of(branch);
    double n = 0;
    for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
      if (!plugins::in_a(a, r, period, kLegalEducation)) continue;
      if (a.mode[r] == Mode::online || (hybrid && a.mode[r] == Mode::hybrid)) n += 1;
    }
    return n;
  });
}

}  // namespace

LIBBRANCH_PLUGIN(online_legal, "rule_of_law", "1.0.0")

void libbranch_plugin_online_legal_register(libbranch::PluginRegistrar& registrar) {
  using namespace libbranch;
  registrar.add(Metric{
      .id = "rule_of_law.online_legal_education",
      .label_zh = "线上普法宣传教育次数",
      .label_en = "online legal education sessions",
      .unit = "count",
      .direction = Direction::benefit,
      .summary = "Counts the branch's legal_education activities in the period held online (or hybrid, unless "
                 "include_hybrid is \"no\").",
      .params = {ParamSpec{.name = "include_hybrid",
                           .type = ParamSpec::Type::choice,
                           .choices = {"yes", "no"},
                           .default_value = ParamValue(std::string("yes")),
                           .description = "whether hybrid (线上线下结合) sessions count"}},
      .compute = online_legal_education});
}
