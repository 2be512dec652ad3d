// online_legal: a third-party plugin that extends the rule_of_law standard with one metric,
// rule_of_law.online_legal_education — legal education (普法宣传教育) held online or in hybrid form
// (互联网+普法), which some counties score on its own.
#include <cstdint>

#include <libbranch/model/activity_kind.hpp>
#include <libbranch/plugin.hpp>

namespace {

libbranch::Metric online_legal_education() {
  libbranch::Metric m;
  m.id = "rule_of_law.online_legal_education";
  m.label_zh = "线上普法宣传教育次数";
  m.label_en = "online legal education sessions";
  m.unit = "count";
  m.direction = libbranch::Direction::benefit;
  m.summary = "Counts the branch's legal_education activities in the period held online (or hybrid, unless "
              "include_hybrid is \"no\").";
  m.params.push_back({"include_hybrid", libbranch::ParamSpec::Type::choice, 0, {"yes", "no"},
                      libbranch::ParamValue(std::string("yes")), "whether hybrid (线上线下结合) sessions count"});
  m.compute = [](const libbranch::Dataset& ds, const libbranch::Period& period, const libbranch::Params& params) {
    const bool hybrid = params.text("include_hybrid").value_or("yes") == "yes";
    const libbranch::ActivityTable& a = ds.activities();
    const libbranch::KindCode legal_education = libbranch::code(libbranch::ActivityKind::legal_education);
    return libbranch::per_branch(ds, [&](std::uint32_t branch) {
      const libbranch::RowRange rows = ds.activities_of(branch);
      double n = 0;
      for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
        if (a.kind[r] != legal_education || !period.contains(a.date[r])) continue;
        if (a.mode[r] == libbranch::Mode::online || (hybrid && a.mode[r] == libbranch::Mode::hybrid)) n += 1;
      }
      return n;
    });
  };
  return m;
}

}  // namespace

LIBBRANCH_PLUGIN(online_legal, "rule_of_law", "1.0.0")

void libbranch_plugin_online_legal_register(libbranch::PluginRegistrar& registrar) {
  registrar.add(online_legal_education());
}
