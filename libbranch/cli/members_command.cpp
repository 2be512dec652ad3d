// members: member points (党员积分制, member_points.hpp) of every member, ranked within the branch,
// as a table, CSV or JSON; --ledger adds the point movements with the rows that caused them.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include <libbranch/engine.hpp>
#include <libbranch/io/csv_writer.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/member_points.hpp>

#include "commands.hpp"
#include "load_input.hpp"
#include "output_file.hpp"
#include "period_args.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

using json = nlohmann::ordered_json;
using libbranch::MemberPointsResult;

bool selected(const MemberPointsResult& r, std::size_t m, const std::string& branch) {
  return branch.empty() || r.members[m].branch_id == branch;
}

void write_csv(const MemberPointsResult& r, const MembersArgs& args, std::ostream& out) {
  libbranch::CsvWriter w(out);
  if (args.ledger) {
    // One row per point movement: the ledger is what a CSV reader wants when asking for it.
    for (const char* h : {"branch_id", "member_id", "name", "date", "activity_id", "kind", "reason", "points"}) w.field(h);
    w.end_row();
    for (const auto& e : r.ledger) {
      if (!selected(r, e.member, args.branch)) continue;
      const auto& m = r.members[e.member];
      w.field(m.branch_id).field(m.member_id).field(m.name).field(e.date.to_string()).field(e.activity_id);
      w.field(e.kind).field(e.reason).field(std::to_string(e.points));
      w.end_row();
    }
    return;
  }
  for (const char* h : {"branch_id", "member_id", "name", "rank", "total", "base", "earned", "capped", "deductions",
                        "bonuses", "clamped"})
    w.field(h);
  w.end_row();
  for (std::size_t i = 0; i < r.members.size(); ++i) {
    if (!selected(r, i, args.branch)) continue;
    const auto& m = r.members[i];
    w.field(m.branch_id).field(m.member_id).field(m.name).field(std::to_string(m.rank)).field(std::to_string(m.total));
    for (std::int64_t v : {m.base, m.earned, m.capped, m.deductions, m.bonuses, m.clamped}) w.field(std::to_string(v));
    w.end_row();
  }
}

void write_json(const MemberPointsResult& r, const libbranch::PointsRubric& rubric, const MembersArgs& args,
                std::ostream& out) {
  json members = json::array();
  for (std::size_t i = 0; i < r.members.size(); ++i) {
    if (!selected(r, i, args.branch)) continue;
    const auto& m = r.members[i];
    members.push_back({{"branch_id", m.branch_id}, {"member_id", m.member_id}, {"name", m.name}, {"rank", m.rank},
                       {"total", m.total}, {"base", m.base}, {"earned", m.earned}, {"capped", m.capped},
                       {"deductions", m.deductions}, {"bonuses", m.bonuses}, {"clamped", m.clamped}});
  }
  json doc = {{"rubric", rubric.name}, {"from", r.period.from.to_string()}, {"to", r.period.to.to_string()},
              {"members", std::move(members)}};
  if (args.ledger) {
    json ledger = json::array();
    for (const auto& e : r.ledger) {
      if (!selected(r, e.member, args.branch)) continue;
      const auto& m = r.members[e.member];
      ledger.push_back({{"branch_id", m.branch_id}, {"member_id", m.member_id}, {"date", e.date.to_string()},
                        {"activity_id", e.activity_id}, {"kind", e.kind}, {"reason", e.reason}, {"points", e.points}});
    }
    doc["ledger"] = std::move(ledger);
  }
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

void write_table(const MemberPointsResult& r, const MembersArgs& args, std::ostream& out) {
  std::string last_branch;
  std::size_t e = 0, shown = 0;
  for (std::size_t i = 0; i < r.members.size(); ++i) {
    const auto& m = r.members[i];
    const bool show = selected(r, i, args.branch);
    if (show && m.branch_id != last_branch) {
      out << m.branch_id << "\n";
      last_branch = m.branch_id;
    }
    if (show) {
      ++shown;
      out << "  " << m.rank << ". " << m.member_id << " " << m.name << "  " << m.total << "  (base " << m.base
          << ", earned " << m.earned << ", capped " << m.capped << ", deductions " << m.deductions << ", bonuses "
          << m.bonuses;
      if (m.clamped != 0) out << ", clamp " << m.clamped;
      out << ")\n";
    }
    // The ledger is grouped by member in member order: walk it alongside.
    for (; e < r.ledger.size() && r.ledger[e].member == i; ++e) {
      if (!show || !args.ledger) continue;
      const auto& l = r.ledger[e];
      out << "      " << l.date.to_string() << "  " << (l.points > 0 ? "+" : "") << l.points << "  " << l.reason;
      if (!l.activity_id.empty()) out << "  " << l.activity_id << " (" << l.kind << ")";
      out << "\n";
    }
  }
  out << shown << " members, " << r.period.from.to_string() << " to " << r.period.to.to_string() << "\n";
}

}  // namespace

int run_members(const MembersArgs& args, std::ostream& out, std::ostream& err) {
  // The points rubric is read before the data, so a broken file fails fast.
  const auto rubric = guarded(err, [&] {
    return args.rubric.empty() ? libbranch::PointsRubric::default_rubric() : libbranch::PointsRubric::load(args.rubric);
  });
  if (!rubric) return kFailure;
  const auto result = guarded(err, [&] {
    const libbranch::Dataset ds = load_input(args.input, err);
    if (!args.branch.empty() && !ds.find_branch(args.branch))
      throw libbranch::Error("--branch: no branch '" + args.branch + "' in " + args.input.data);
    return libbranch::compute_member_points(ds, *rubric, period_or_default(args.period, ds));
  });
  if (!result) return kFailure;
  const bool ok = guarded(err, [&] {
                    write_result(args.out, out, [&](std::ostream& o) {
                      if (args.format == "csv") write_csv(*result, args, o);
                      else if (args.format == "json") write_json(*result, *rubric, args, o);
                      else write_table(*result, args, o);
                    });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

}  // namespace branchscore
