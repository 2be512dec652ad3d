// weights ahp / entropy / critic and rank: the analytics of weights.hpp and ranking.hpp on files.
// A decision matrix is a CSV file: a header, then one row per alternative, its id in the first
// column and one number per criterion in the others (docs/analytics.md).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <libbranch/error.hpp>
#include <libbranch/io/csv_reader.hpp>
#include <libbranch/io/csv_writer.hpp>
#include <libbranch/ranking.hpp>
#include <libbranch/weights.hpp>

#include "commands.hpp"
#include "output_file.hpp"
#include "report_errors.hpp"

namespace branchscore {
namespace {

using json = nlohmann::ordered_json;

// As the result files write numbers (docs/reference/results.md): the shortest text that
// round-trips, -0 as 0.
std::string number(double v) {
  if (v == 0) v = 0;
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

struct Matrix {
  std::vector<std::string> ids;       ///< one per row
  std::vector<std::string> criteria;  ///< the header after the id column
  Eigen::MatrixXd values;
};

Matrix read_matrix(const std::string& path) {
  libbranch::CsvReader reader(path);
  libbranch::TableRow header;
  std::vector<libbranch::Problem> problems;
  if (!reader.read_header(header, problems)) throw libbranch::DataError(problems);
  if (header.cells.size() < 2)
    throw libbranch::DataError({{path, header.line, "", "-", libbranch::Severity::error,
                                 "a decision matrix needs an id column and at least one criterion column", ""}});
  Matrix m;
  m.criteria.assign(header.cells.begin() + 1, header.cells.end());
  std::vector<std::vector<double>> rows;
  libbranch::TableRow row;
  while (reader.next(row, problems)) {
    if (row.cells.size() != header.cells.size()) {
      problems.push_back({path, row.line, "", "-", libbranch::Severity::error,
                          "has " + std::to_string(row.cells.size()) + " fields, the header " +
                              std::to_string(header.cells.size()),
                          ""});
      continue;
    }
    std::vector<double> values;
    for (std::size_t j = 1; j < row.cells.size(); ++j) {
      std::string cell = row.cells[j];
      while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.back()))) cell.pop_back();
      std::size_t start = 0;
      while (start < cell.size() && std::isspace(static_cast<unsigned char>(cell[start]))) ++start;
      double v = 0;
      const auto [end, ec] = std::from_chars(cell.data() + start, cell.data() + cell.size(), v);
      if (ec != std::errc() || end != cell.data() + cell.size() || start == cell.size() || !std::isfinite(v)) {
        problems.push_back({path, row.line, "", header.cells[j], libbranch::Severity::error, "not a number", cell});
        continue;
      }
      values.push_back(v);
    }
    m.ids.push_back(row.cells[0]);
    rows.push_back(std::move(values));
  }
  if (!problems.empty()) throw libbranch::DataError(problems);
  m.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(m.criteria.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < m.criteria.size(); ++j)
      m.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

// One direction per criterion: cost for the columns named by --cost, benefit for the others.
std::vector<libbranch::Direction> directions(const Matrix& m, const std::vector<std::string>& cost) {
  std::vector<libbranch::Direction> out(m.criteria.size(), libbranch::Direction::benefit);
  for (const std::string& c : cost) {
    const auto it = std::find(m.criteria.begin(), m.criteria.end(), c);
    if (it == m.criteria.end()) throw libbranch::AnalyticsError("--cost", "no criterion column '" + c + "'");
    out[static_cast<std::size_t>(it - m.criteria.begin())] = libbranch::Direction::cost;
  }
  return out;
}

// --weights: numbers in column order ("0.2,0.3,0.5") or name=number pairs ("cost=0.2,quality=0.8").
// Absent: equal weights.
Eigen::VectorXd weights_of(const Matrix& m, const std::string& text) {
  const auto n = static_cast<Eigen::Index>(m.criteria.size());
  if (text.empty()) return Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string p; std::getline(in, p, ',');) parts.push_back(p);
  auto parse = [](const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) throw libbranch::AnalyticsError("--weights", "'" + s + "' is not a number");
    return v;
  };
  Eigen::VectorXd w = Eigen::VectorXd::Constant(n, std::nan(""));
  const bool named = !parts.empty() && parts[0].find('=') != std::string::npos;
  if (!named) {
    if (static_cast<Eigen::Index>(parts.size()) != n)
      throw libbranch::AnalyticsError("--weights", "has " + std::to_string(parts.size()) + " numbers for " +
                                                       std::to_string(n) + " criteria");
    for (Eigen::Index j = 0; j < n; ++j) w[j] = parse(parts[static_cast<std::size_t>(j)]);
    return w;
  }
  for (const std::string& p : parts) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) throw libbranch::AnalyticsError("--weights", "'" + p + "' is not name=number");
    const std::string name = p.substr(0, eq);
    const auto it = std::find(m.criteria.begin(), m.criteria.end(), name);
    if (it == m.criteria.end()) throw libbranch::AnalyticsError("--weights", "no criterion column '" + name + "'");
    w[it - m.criteria.begin()] = parse(p.substr(eq + 1));
  }
  for (Eigen::Index j = 0; j < n; ++j)
    if (std::isnan(w[j]))
      throw libbranch::AnalyticsError("--weights", "gives no weight for '" + m.criteria[static_cast<std::size_t>(j)] + "'");
  return w;
}

// A table of named columns written as CSV, JSON (an object per row under `rows_key`) or an aligned table.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // already formatted; numbers unquoted in JSON
  std::vector<bool> numeric;                   // per column
  json extra = json::object();                 // top-level JSON fields besides the rows
};

void write_table(const Table& t, const std::string& format, const std::string& rows_key, std::ostream& out) {
  if (format == "csv") {
    libbranch::CsvWriter w(out);
    for (const auto& c : t.columns) w.field(c);
    w.end_row();
    for (const auto& r : t.rows) {
      for (const auto& f : r) w.field(f);
      w.end_row();
    }
    return;
  }
  if (format == "json") {
    json doc = t.extra;
    json list = json::array();
    for (const auto& r : t.rows) {
      json o = json::object();
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.numeric[c]) o[t.columns[c]] = json::parse(r[c]);
        else o[t.columns[c]] = r[c];
      }
      list.push_back(std::move(o));
    }
    doc[rows_key] = std::move(list);
    out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = t.columns[c].size();
  for (const auto& r : t.rows)
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out << "  ";
      if (t.numeric[c]) out << std::setw(static_cast<int>(width[c])) << cells[c];
      else out << std::left << std::setw(static_cast<int>(width[c])) << cells[c] << std::right;
    }
    out << "\n";
  };
  line(t.columns);
  for (const auto& r : t.rows) line(r);
  for (const auto& [key, value] : t.extra.items())
    if (!value.is_array() && !value.is_object()) out << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
}

// The AHP input: {"labels": [...], "matrix": [[...]]} or a bare [[...]].
std::pair<std::vector<std::string>, Eigen::MatrixXd> read_ahp(const std::string& path) {
  std::error_code ec;
  // A FIFO would block the open and /dev/zero be read forever: regular files only.
  if (!std::filesystem::is_regular_file(path, ec)) throw libbranch::Error("cannot open " + path + ": not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw libbranch::Error("cannot open " + path);
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {
    throw libbranch::Error(path + ": not valid JSON: " + e.what());
  }
  const json& rows = doc.is_object() ? doc.at("matrix") : doc;
  if (!rows.is_array()) throw libbranch::AnalyticsError("matrix", "must be an array of rows");
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const json& r = rows[static_cast<std::size_t>(i)];
    if (!r.is_array() || static_cast<Eigen::Index>(r.size()) != n)
      throw libbranch::AnalyticsError("matrix[" + std::to_string(i) + "]", "must be a row of " + std::to_string(n) + " numbers");
    for (Eigen::Index j = 0; j < n; ++j) {
      const json& v = r[static_cast<std::size_t>(j)];
      if (!v.is_number())
        throw libbranch::AnalyticsError("matrix[" + std::to_string(i) + "][" + std::to_string(j) + "]", "is not a number");
      a(i, j) = v.get<double>();
    }
  }
  std::vector<std::string> labels;
  if (doc.is_object() && doc.contains("labels")) {
    for (const json& l : doc.at("labels")) labels.push_back(l.get<std::string>());
    if (static_cast<Eigen::Index>(labels.size()) != n)
      throw libbranch::AnalyticsError("labels", "has " + std::to_string(labels.size()) + " entries for " + std::to_string(n) + " rows");
  } else {
    for (Eigen::Index i = 0; i < n; ++i) labels.push_back(std::to_string(i + 1));
  }
  return {labels, a};
}

Table weight_table(const std::vector<std::string>& labels, const Eigen::VectorXd& w) {
  Table t{{"criterion", "weight"}, {}, {false, true}};
  for (std::size_t j = 0; j < labels.size(); ++j) t.rows.push_back({labels[j], number(w[static_cast<Eigen::Index>(j)])});
  return t;
}

}  // namespace

int run_weights(const WeightsArgs& args, std::ostream& out, std::ostream& err) {
  const auto table = guarded(err, [&] {
    namespace w = libbranch::weights;
    if (args.method == "ahp") {
      const auto [labels, a] = read_ahp(args.input);
      const w::AhpResult r = w::ahp(a, {.method = w::ahp_method_from_string(args.ahp_method),
                                        .ri = w::random_index_from_string(args.ri)});
      Table t = weight_table(labels, r.weights);
      t.extra["method"] = args.ahp_method;
      t.extra["ri"] = args.ri;
      t.extra["lambda_max"] = r.lambda_max;
      t.extra["ci"] = r.ci;
      t.extra["cr"] = r.cr;
      t.extra["consistent"] = r.cr <= 0.1;
      return t;
    }
    const Matrix m = read_matrix(args.input);
    if (args.method == "entropy") {
      const w::EntropyResult r = w::entropy(m.values, {.variant = w::entropy_variant_from_string(args.variant),
                                                       .directions = directions(m, args.cost),
                                                       .shift = args.shift});
      Table t = weight_table(m.criteria, r.weights);
      t.extra["variant"] = args.variant;
      return t;
    }
    const w::CriticResult r = w::critic(m.values, {.correlation = w::correlation_from_string(args.correlation),
                                                   .directions = directions(m, args.cost)});
    Table t = weight_table(m.criteria, r.weights);
    t.extra["correlation"] = args.correlation;
    return t;
  });
  if (!table) return kFailure;
  const bool ok = guarded(err, [&] {
                    write_result(args.out, out, [&](std::ostream& o) { write_table(*table, args.format, "weights", o); });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

int run_rank(const RankArgs& args, std::ostream& out, std::ostream& err) {
  const auto table = guarded(err, [&] {
    namespace r = libbranch::rank;
    const Matrix m = read_matrix(args.input);
    const Eigen::VectorXd w = weights_of(m, args.weights);
    const auto dirs = directions(m, args.cost);
    const r::Ties ties = r::ties_from_string(args.ties);
    Table t;
    t.extra["method"] = args.method;
    auto add = [&](const std::vector<std::pair<std::string, const Eigen::VectorXd*>>& cols, const Eigen::VectorXi& rank) {
      t.columns = {"id"};
      t.numeric = {false};
      for (const auto& [name, v] : cols) {
        t.columns.push_back(name);
        t.numeric.push_back(true);
      }
      t.columns.push_back("rank");
      t.numeric.push_back(true);
      for (std::size_t i = 0; i < m.ids.size(); ++i) {
        std::vector<std::string> row{m.ids[i]};
        for (const auto& [name, v] : cols) row.push_back(number((*v)[static_cast<Eigen::Index>(i)]));
        row.push_back(std::to_string(rank[static_cast<Eigen::Index>(i)]));
        t.rows.push_back(std::move(row));
      }
    };
    if (args.method == "topsis") {
      const std::string norm = args.normalization.empty() ? "vector" : args.normalization;
      const r::TopsisResult res =
          r::topsis(m.values, w, {.directions = dirs, .normalization = r::normalization_from_string(norm), .ties = ties});
      add({{"closeness", &res.closeness}, {"d_plus", &res.d_plus}, {"d_minus", &res.d_minus}}, res.rank);
      t.extra["normalization"] = norm;
    } else if (args.method == "vikor") {
      const r::VikorResult res = r::vikor(m.values, w, {.directions = dirs, .v = args.v, .ties = ties});
      add({{"S", &res.S}, {"R", &res.R}, {"Q", &res.Q}}, res.rank);
      json compromise = json::array();
      for (Eigen::Index i : res.compromise) compromise.push_back(m.ids[static_cast<std::size_t>(i)]);
      std::string text;
      for (Eigen::Index i : res.compromise) text += (text.empty() ? "" : ";") + m.ids[static_cast<std::size_t>(i)];
      t.extra["v"] = args.v;
      t.extra["compromise"] = args.format == "json" ? compromise : json(text);
      t.extra["acceptable_advantage"] = res.acceptable_advantage;
      t.extra["acceptable_stability"] = res.acceptable_stability;
    } else {
      const std::string norm = args.normalization.empty() ? "none" : args.normalization;
      const r::WeightedSumResult res = r::weighted_sum(
          m.values, w, {.directions = dirs, .normalization = r::sum_normalization_from_string(norm), .ties = ties});
      add({{"score", &res.score}}, res.rank);
      t.extra["normalization"] = norm;
    }
    return t;
  });
  if (!table) return kFailure;
  const bool ok = guarded(err, [&] {
                    write_result(args.out, out, [&](std::ostream& o) { write_table(*table, args.format, "alternatives", o); });
                    return true;
                  }).has_value();
  return ok ? kSuccess : kFailure;
}

}  // namespace branchscore
