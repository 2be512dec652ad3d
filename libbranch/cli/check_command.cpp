// check: every branch against the compliance rule set (compliance.hpp): findings as a table,
// CSV or JSON. Findings are results, not failures: the exit code is 0 whatever was found.
#include <map>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include <libbranch/compliance.hpp>
#include <libbranch/engine.hpp>
#include <libbranch/io/csv_writer.hpp>
#include <libbranch/io/load.hpp>

#include "commands.hpp"
#include "load_input.hpp"
#include "output_file.hpp"
#include "period_args.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

using json = nlohmann::ordered_json;

std::string joined(const std::vector<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ";") + id;
  return s;
}

std::string date_or_empty(libbranch::Date d) { return d.is_none() ? std::string() : d.to_string(); }

void write_csv(const libbranch::ComplianceReport& r, std::ostream& out) {
  libbranch::CsvWriter w(out);
  for (const char* h : {"branch_id", "name", "rule_id", "severity", "period", "expected", "actual", "evidence_kind",
                        "evidence", "instrument", "article", "message"})
    w.field(h);
  w.end_row();
  for (const auto& f : r.findings) {
    const auto& rule = r.rule_of(f);
    w.field(r.branch_ids[f.branch]).field(r.branch_names[f.branch]).field(rule.id).field(libbranch::to_string(f.severity));
    w.field(f.period).field(f.expected).field(f.actual).field(libbranch::to_string(f.evidence_kind));
    w.field(joined(f.evidence)).field(rule.instrument).field(rule.article).field(f.message);
    w.end_row();
  }
}

void write_json(const libbranch::ComplianceReport& r, std::ostream& out) {
  json rules = json::array();
  for (const auto& rule : r.rules.rules)
    rules.push_back({{"id", rule.id}, {"type", libbranch::to_string(rule.type)}, {"title_zh", rule.title_zh},
                     {"title_en", rule.title_en}, {"instrument", rule.instrument}, {"article", rule.article},
                     {"severity", libbranch::to_string(rule.severity)},
                     {"effective_from", date_or_empty(rule.effective_from)},
                     {"effective_to", date_or_empty(rule.effective_to)}});
  json findings = json::array();
  for (const auto& f : r.findings) {
    const auto& rule = r.rule_of(f);
    findings.push_back({{"branch_id", r.branch_ids[f.branch]}, {"name", r.branch_names[f.branch]},
                        {"rule_id", rule.id}, {"severity", libbranch::to_string(f.severity)}, {"period", f.period},
                        {"expected", f.expected}, {"actual", f.actual},
                        {"evidence_kind", libbranch::to_string(f.evidence_kind)}, {"evidence", f.evidence},
                        {"instrument", rule.instrument}, {"article", rule.article}, {"message", f.message}});
  }
  const json doc = {{"rule_set", r.rules.name}, {"from", r.period.from.to_string()}, {"to", r.period.to.to_string()},
                    {"rules", std::move(rules)}, {"findings", std::move(findings)}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

void write_table(const libbranch::ComplianceReport& r, std::ostream& out) {
  std::size_t branches_with = 0;
  std::uint32_t last = UINT32_MAX;
  for (const auto& f : r.findings) {
    if (f.branch != last) {
      out << r.branch_ids[f.branch] << " " << r.branch_names[f.branch] << "\n";
      last = f.branch;
      ++branches_with;
    }
    const auto& rule = r.rule_of(f);
    out << "  " << libbranch::to_string(f.severity) << "  " << rule.id << "  " << f.period << ": expected "
        << f.expected << ", actual " << f.actual;
    if (!f.evidence.empty()) out << " [" << joined(f.evidence) << "]";
    out << "  " << rule.instrument << rule.article << "\n";
  }
  const std::size_t violations = r.violation_count();
  out << r.findings.size() << " findings (" << violations << " violations, " << r.findings.size() - violations
      << " warnings) in " << branches_with << " of " << r.branch_ids.size() << " branches, " << r.period.from.to_string()
      << " to " << r.period.to.to_string() << "\n";
}

}  // namespace

int run_check(const CheckArgs& args, std::ostream& out, std::ostream& err) {
  // The rule set is read before the data, so a broken rule file fails fast.
  const auto rules = guarded(err, [&] {
    return args.rules.empty() ? libbranch::ComplianceRuleSet::default_rules()
                              : libbranch::ComplianceRuleSet::load(args.rules);
  });
  if (!rules) return kFailure;
  const auto report = guarded(err, [&] {
    const libbranch::Dataset ds = load_input(args.input, err);
    return libbranch::check_compliance(ds, *rules, period_or_default(args.period, ds));
  });
  if (!report) return kFailure;
  const bool ok = guarded(err, [&] {
                    write_result(args.out, out, [&](std::ostream& o) {
                      if (args.format == "csv") write_csv(*report, o);
                      else if (args.format == "json") write_json(*report, o);
                      else write_table(*report, o);
                    });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

}  // namespace branchscore
