// Member points (libbranch/member_points.hpp) for Engine.member_points(dataset, …): the members
// and the ledger as columns (dicts of lists, which pandas turns into DataFrames without a row loop
// in Python).
#include <optional>
#include <string>

#include <pybind11/stl.h>

#include <libbranch/member_points.hpp>

#include "bindings.hpp"

namespace libbranch::python {
namespace {

PointsRubric points_rubric_from(const std::optional<std::string>& text, const std::optional<std::string>& path) {
  if (text) return PointsRubric::parse(*text, "<points rubric>");
  if (path) return PointsRubric::load(*path);
  return PointsRubric::default_rubric();
}

py::dict member_columns(const MemberPointsResult& r) {
  py::list branch_id, member_id, name, rank, total, base, earned, capped, deductions, bonuses, clamped;
  for (const MemberPoints& m : r.members) {
    branch_id.append(utf8(m.branch_id));
    member_id.append(utf8(m.member_id));
    name.append(utf8(m.name));
    rank.append(m.rank);
    total.append(m.total);
    base.append(m.base);
    earned.append(m.earned);
    capped.append(m.capped);
    deductions.append(m.deductions);
    bonuses.append(m.bonuses);
    clamped.append(m.clamped);
  }
  py::dict d;
  d["branch_id"] = branch_id;
  d["member_id"] = member_id;
  d["name"] = name;
  d["rank"] = rank;
  d["total"] = total;
  d["base"] = base;
  d["earned"] = earned;
  d["capped"] = capped;
  d["deductions"] = deductions;
  d["bonuses"] = bonuses;
  d["clamped"] = clamped;
  return d;
}

py::dict ledger_columns(const MemberPointsResult& r) {
  py::list branch_id, member_id, date, activity_id, kind, reason, points;
  for (const PointsLedgerEntry& e : r.ledger) {
    const MemberPoints& m = r.members[e.member];
    branch_id.append(utf8(m.branch_id));
    member_id.append(utf8(m.member_id));
    date.append(e.date.to_string());
    activity_id.append(utf8(e.activity_id));
    kind.append(utf8(e.kind));
    reason.append(utf8(e.reason));
    points.append(e.points);
  }
  py::dict d;
  d["branch_id"] = branch_id;
  d["member_id"] = member_id;
  d["date"] = date;
  d["activity_id"] = activity_id;
  d["kind"] = kind;
  d["reason"] = reason;
  d["points"] = points;
  return d;
}

}  // namespace

void bind_member_points(py::module_& m) {
  m.def(
      "member_points",
      [](const Dataset& ds, const std::optional<std::string>& text, const std::optional<std::string>& path,
         const std::optional<std::string>& from, const std::optional<std::string>& to) {
        const PointsRubric rubric = points_rubric_from(text, path);
        const Period period = make_period(ds, from, to);
        MemberPointsResult result;
        {
          py::gil_scoped_release release;
          result = compute_member_points(ds, rubric, period);
        }
        py::dict out;
        out["members"] = member_columns(result);
        out["ledger"] = ledger_columns(result);
        out["from"] = period.from.to_string();
        out["to"] = period.to.to_string();
        out["rubric"] = utf8(rubric.name);
        return out;
      },
      py::arg("dataset"), py::arg("text") = py::none(), py::arg("path") = py::none(), py::arg("from_") = py::none(),
      py::arg("to") = py::none(), "Member points of every member, and the ledger, as columns.");
}

}  // namespace libbranch::python
