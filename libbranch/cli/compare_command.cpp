// compare: score one dataset for two periods and compare them branch by branch (comparison.hpp).
#include <charconv>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include <libbranch/comparison.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/csv_writer.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/rubric.hpp>

#include "commands.hpp"
#include "engine_setup.hpp"
#include "load_input.hpp"
#include "output_file.hpp"
#include "period_args.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

using json = nlohmann::ordered_json;

// As the result files write numbers (docs/reference/results.md); NaN (a side that was not scored)
// is empty.
std::string number(double v) {
  if (std::isnan(v)) return "";
  if (v == 0) v = 0;
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

json json_number(double v) { return std::isnan(v) ? json(nullptr) : json::parse(number(v)); }

std::string label(const libbranch::PeriodComparison& c, const std::optional<std::size_t>& r) {
  return r ? c.rating_labels[*r] : "";
}

// "legal_education:+2;honors:+1": the drivers of a change, strongest first.
std::string drivers_text(const libbranch::PeriodComparison& c, std::size_t b, std::size_t top) {
  std::string out;
  for (const auto& d : c.drivers(b, top)) {
    if (!out.empty()) out += ";";
    out += c.indicator_ids[d.indicator] + ":" + (d.delta > 0 ? "+" : "") + number(d.delta);
  }
  return out;
}

void write_csv(const libbranch::PeriodComparison& c, std::size_t top, std::ostream& out) {
  libbranch::CsvWriter w(out);
  for (const char* h : {"branch_id", "name", "status", "total_before", "total_after", "delta", "rating_before",
                        "rating_after", "rating_change"})
    w.field(h);
  for (const auto& s : c.standard_ids) w.field(s);
  w.field("drivers");
  w.end_row();
  for (std::size_t b = 0; b < c.branch_count(); ++b) {
    const auto r = static_cast<Eigen::Index>(b);
    w.field(c.branch_ids[b]).field(c.branch_names[b]).field(libbranch::to_string(c.presence[b]));
    w.field(number(c.total_before[r])).field(number(c.total_after[r])).field(number(c.total_after[r] - c.total_before[r]));
    w.field(label(c, c.rating_before[b])).field(label(c, c.rating_after[b]));
    w.field(c.rating_change[b] ? std::to_string(*c.rating_change[b]) : std::string());
    for (Eigen::Index s = 0; s < c.standard_delta.cols(); ++s) w.field(number(c.standard_delta(r, s)));
    w.field(drivers_text(c, b, top));
    w.end_row();
  }
}

void write_json(const libbranch::PeriodComparison& c, std::size_t top, std::ostream& out) {
  json doc = {{"before", {{"from", c.before_period.from.to_string()}, {"to", c.before_period.to.to_string()}}},
              {"after", {{"from", c.after_period.from.to_string()}, {"to", c.after_period.to.to_string()}}}};
  json branches = json::array();
  for (std::size_t b = 0; b < c.branch_count(); ++b) {
    const auto r = static_cast<Eigen::Index>(b);
    json o = {{"branch_id", c.branch_ids[b]}, {"name", c.branch_names[b]}, {"status", libbranch::to_string(c.presence[b])},
              {"total_before", json_number(c.total_before[r])}, {"total_after", json_number(c.total_after[r])},
              {"delta", json_number(c.total_after[r] - c.total_before[r])},
              {"rating_before", c.rating_before[b] ? json(label(c, c.rating_before[b])) : json(nullptr)},
              {"rating_after", c.rating_after[b] ? json(label(c, c.rating_after[b])) : json(nullptr)},
              {"rating_change", c.rating_change[b] ? json(*c.rating_change[b]) : json(nullptr)}};
    json standards = json::object();
    for (std::size_t s = 0; s < c.standard_ids.size(); ++s)
      standards[c.standard_ids[s]] = json_number(c.standard_delta(r, static_cast<Eigen::Index>(s)));
    o["standards"] = std::move(standards);
    json drivers = json::array();
    for (const auto& d : c.drivers(b, top))
      drivers.push_back({{"indicator", c.indicator_ids[d.indicator]}, {"before", json_number(d.before)},
                         {"after", json_number(d.after)}, {"delta", json_number(d.delta)}, {"share", json_number(d.share)}});
    o["drivers"] = std::move(drivers);
    branches.push_back(std::move(o));
  }
  doc["branches"] = std::move(branches);
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

void write_table(const libbranch::PeriodComparison& c, std::size_t top, std::ostream& out) {
  for (std::size_t b = 0; b < c.branch_count(); ++b) {
    const auto r = static_cast<Eigen::Index>(b);
    out << c.branch_ids[b] << " " << c.branch_names[b] << ": ";
    if (c.presence[b] != libbranch::Presence::both) {
      out << libbranch::to_string(c.presence[b]) << "\n";
      continue;
    }
    const double d = c.total_after[r] - c.total_before[r];
    out << number(c.total_before[r]) << " → " << number(c.total_after[r]) << " (" << (d > 0 ? "+" : "") << number(d)
        << "), " << label(c, c.rating_before[b]) << " → " << label(c, c.rating_after[b]);
    const std::string drivers = drivers_text(c, b, top);
    if (!drivers.empty()) out << "; " << drivers;
    out << "\n";
  }
}

}  // namespace

int run_compare(const CompareArgs& args, std::ostream& out, std::ostream& err) {
  const auto engine = make_engine(args.plugins, err);
  if (!engine) return kFailure;
  const auto result = guarded(err, [&] {
    const libbranch::Rubric rubric =
        args.rubric.empty() ? libbranch::Rubric::default_rubric() : libbranch::Rubric::load(args.rubric);
    const libbranch::Dataset ds = load_input(args.input, err);
    const libbranch::Scorecard before = engine->score(ds, rubric, *parse_period(args.before));
    const libbranch::Scorecard after = engine->score(ds, rubric, *parse_period(args.after));
    return libbranch::compare(before, after);
  });
  if (!result) return kFailure;
  const bool ok = guarded(err, [&] {
                    write_result(args.out, out, [&](std::ostream& o) {
                      if (args.format == "csv") write_csv(*result, args.top, o);
                      else if (args.format == "json") write_json(*result, args.top, o);
                      else write_table(*result, args.top, o);
                    });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

}  // namespace branchscore
