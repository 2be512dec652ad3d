// Compliance checks (libbranch/compliance.hpp) for Engine.check(dataset, …): the findings as
// columns (a dict of lists, which pandas turns into a DataFrame without a row loop in Python) and
// the rules they refer to.
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include <libbranch/compliance.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

std::string date_or_empty(Date d) { return d.is_none() ? std::string() : d.to_string(); }

ComplianceRuleSet rules_from(const std::optional<std::string>& text, const std::optional<std::string>& path) {
  if (text) return ComplianceRuleSet::parse(*text, "<rules>");
  if (path) return ComplianceRuleSet::load(*path);
  return ComplianceRuleSet::default_rules();
}

py::dict rule_columns(const ComplianceRuleSet& rules) {
  py::list id, type, title_zh, title_en, instrument, article, severity, from, to;
  for (const ComplianceRule& r : rules.rules) {
    id.append(utf8(r.id));
    type.append(utf8(to_string(r.type)));
    title_zh.append(utf8(r.title_zh));
    title_en.append(utf8(r.title_en));
    instrument.append(utf8(r.instrument));
    article.append(utf8(r.article));
    severity.append(utf8(to_string(r.severity)));
    from.append(utf8(date_or_empty(r.effective_from)));
    to.append(utf8(date_or_empty(r.effective_to)));
  }
  py::dict d;
  d["rule_id"] = id;
  d["type"] = type;
  d["title_zh"] = title_zh;
  d["title_en"] = title_en;
  d["instrument"] = instrument;
  d["article"] = article;
  d["severity"] = severity;
  d["effective_from"] = from;
  d["effective_to"] = to;
  return d;
}

}  // namespace

void bind_compliance(py::module_& m) {
  m.def(
      "compliance_rules",
      [](const std::optional<std::string>& text, const std::optional<std::string>& path) {
        return rule_columns(rules_from(text, path));
      },
      py::arg("text") = py::none(), py::arg("path") = py::none(),
      "The rules of a rule set (JSON text, a file, or the built-in one) as columns.");
  m.def(
      "check_compliance",
      [](const Dataset& ds, const std::optional<std::string>& text, const std::optional<std::string>& path,
         const std::optional<std::string>& from, const std::optional<std::string>& to) {
        const ComplianceRuleSet rules = rules_from(text, path);
        const Period period = make_period(ds, from, to);
        ComplianceReport report;
        {
          py::gil_scoped_release release;
          report = check_compliance(ds, rules, period);
        }
        py::list branch_id, name, rule_id, severity, period_col, expected, actual, evidence_kind, evidence,
            instrument, article, message;
        for (const ComplianceFinding& f : report.findings) {
          const ComplianceRule& r = report.rule_of(f);
          branch_id.append(utf8(report.branch_ids[f.branch]));
          name.append(utf8(report.branch_names[f.branch]));
          rule_id.append(utf8(r.id));
          severity.append(utf8(to_string(f.severity)));
          period_col.append(utf8(f.period));
          expected.append(utf8(f.expected));
          actual.append(utf8(f.actual));
          evidence_kind.append(utf8(to_string(f.evidence_kind)));
          py::list ids;
          for (const std::string& e : f.evidence) ids.append(utf8(e));
          evidence.append(ids);
          instrument.append(utf8(r.instrument));
          article.append(utf8(r.article));
          message.append(utf8(f.message));
        }
        py::dict d;
        d["branch_id"] = branch_id;
        d["name"] = name;
        d["rule_id"] = rule_id;
        d["severity"] = severity;
        d["period"] = period_col;
        d["expected"] = expected;
        d["actual"] = actual;
        d["evidence_kind"] = evidence_kind;
        d["evidence"] = evidence;
        d["instrument"] = instrument;
        d["article"] = article;
        d["message"] = message;
        py::dict result;
        result["findings"] = d;
        result["from"] = report.period.from.to_string();
        result["to"] = report.period.to.to_string();
        result["rule_set"] = utf8(report.rules.name);
        return result;
      },
      py::arg("dataset"), py::arg("text") = py::none(), py::arg("path") = py::none(), py::arg("from_") = py::none(),
      py::arg("to") = py::none(), "Checks every branch; the findings as columns.");
}

}  // namespace libbranch::python
