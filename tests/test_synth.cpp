#include <libbranch/synth.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/model/activity_kind.hpp>

// The validity check here is deliberately independent of the library's loader: its own CSV split,
// its own date parser and its own reading of the docs/reference/data-format.md rules, so a bug
// shared by the generator and the loader cannot hide.

namespace {

namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"branches.csv", "members.csv", "activities.csv", "attendance.csv",
                                  "observations.csv"};

// A fresh directory per test, removed afterwards.
class Synth : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    root_ = fs::temp_directory_path() / ("libbranch_synth_" + std::string(info->name()) + "_" + std::to_string(stamp));
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  fs::path dir(const std::string& name) const { return root_ / name; }

  fs::path root_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// --- a small CSV table -------------------------------------------------------------------------

/// Splits one line; the generator never writes embedded newlines, so a line is a record.
std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, std::size_t> index;

  [[nodiscard]] const std::string& at(const std::vector<std::string>& row, const std::string& column) const {
    return row[index.at(column)];
  }
};

Table read_table(const fs::path& path, std::vector<std::string>& problems) {
  Table t;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!std::getline(in, line)) {
    problems.push_back(path.filename().string() + ": empty file");
    return t;
  }
  t.header = split_line(line);
  for (std::size_t i = 0; i < t.header.size(); ++i) t.index[t.header[i]] = i;
  std::size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    auto cells = split_line(line);
    if (cells.size() != t.header.size())
      problems.push_back(path.filename().string() + ":" + std::to_string(line_no) + ": field count");
    else
      t.rows.push_back(std::move(cells));
  }
  return t;
}

// --- value checks ------------------------------------------------------------------------------

/// Day number of a strict YYYY-MM-DD real calendar date; -1 when malformed (dates here are after 1900).
long long parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return -1;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return -1;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kLen[m - 1] + (m == 2 && leap ? 1 : 0)) return -1;
  // Days since 1900-01-01 by counting; slow but obviously right.
  long long days = 0;
  for (int yy = 1900; yy < y; ++yy) days += ((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0) ? 366 : 365;
  for (int mm = 1; mm < m; ++mm) days += kLen[mm - 1] + (mm == 2 && leap ? 1 : 0);
  return days + d - 1;
}

bool is_uint(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// `-?[0-9]+(\.[0-9]+)?` (the generator never writes exponents).
bool is_decimal(const std::string& s) {
  std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
  const std::size_t dot = s.find('.');
  if (dot == std::string::npos) return is_uint(s.substr(i));
  return is_uint(s.substr(i, dot - i)) && is_uint(s.substr(dot + 1));
}

bool is_identifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool in_set(const std::string& s, std::initializer_list<const char*> values) {
  return std::any_of(values.begin(), values.end(), [&](const char* v) { return s == v; });
}

/// `;`-separated subset of `allowed`, no repeats.
bool is_subset_list(const std::string& s, std::initializer_list<const char*> allowed) {
  if (s.empty()) return true;
  std::set<std::string> seen;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ';'))
    if (!in_set(item, allowed) || !seen.insert(item).second) return false;
  return true;
}

struct MemberInfo {
  std::string branch;
  long long admission = -1, joined = -1, left = -1;  // -1 = absent
  bool party_member_on(long long day) const {
    if (admission < 0 || admission > day) return false;
    if (joined >= 0 && joined > day) return false;
    return left < 0 || day < left;
  }
};

// --- the checker -------------------------------------------------------------------------------

class Checker {
 public:
  Checker(const fs::path& dir, int first_year, int last_year)
      : dir_(dir), first_day_(parse_date(std::to_string(first_year) + "-01-01")),
        last_day_(parse_date(std::to_string(last_year) + "-12-31")) {}

  std::vector<std::string> run() {
    check_bytes();
    check_branches();
    check_members();
    check_activities();
    check_attendance();
    check_observations();
    return problems_;
  }

 private:
  void fail(const std::string& file, std::size_t row, const std::string& what) {
    if (problems_.size() < 50) problems_.push_back(file + " row " + std::to_string(row + 1) + ": " + what);
  }
  void expect_header(const Table& t, const std::string& file, const std::vector<std::string>& columns) {
    if (t.header != columns) problems_.push_back(file + ": unexpected header");
  }

  void check_bytes() {
    for (const char* f : kFiles) {
      const std::string text = slurp(dir_ / f);
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) problems_.push_back(std::string(f) + ": BOM");
      if (text.find('\r') != std::string::npos) problems_.push_back(std::string(f) + ": CR");
      if (text.empty() || text.back() != '\n') problems_.push_back(std::string(f) + ": no final LF");
      if (text.find("\n\n") != std::string::npos) problems_.push_back(std::string(f) + ": blank line");
    }
  }

  void check_branches() {
    const std::string f = "branches.csv";
    const Table t = read_table(dir_ / f, problems_);
    expect_header(t, f, {"branch_id", "name", "parent_id", "org_type", "last_election", "internal_units",
                         "units_covered", "fulltime_party_workers", "pioneer_posts", "brands", "facilities",
                         "service_station"});
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const std::string& id = t.at(row, "branch_id");
      if (id.empty() || !branches_.insert(id).second) fail(f, r, "branch_id empty or repeated " + id);
      if (t.at(row, "name").empty()) fail(f, r, "no name");
      if (!in_set(t.at(row, "org_type"),
                  {"", "organ", "institution", "enterprise", "village", "community", "school", "social", "other"}))
        fail(f, r, "org_type");
      const std::string& election = t.at(row, "last_election");
      if (!election.empty() && parse_date(election) < 0) fail(f, r, "last_election");
      for (const char* c : {"internal_units", "units_covered", "fulltime_party_workers", "pioneer_posts", "brands"})
        if (!t.at(row, c).empty() && !is_uint(t.at(row, c))) fail(f, r, std::string(c) + " not an int >= 0");
      const std::string& units = t.at(row, "internal_units");
      const std::string& covered = t.at(row, "units_covered");
      if (!covered.empty() && (units.empty() || std::stoll(covered) > std::stoll(units)))
        fail(f, r, "units_covered without or above internal_units");
      if (!is_subset_list(t.at(row, "facilities"), {"activity_room", "library_corner", "culture_corridor",
                                                    "honor_wall", "brand_wall", "gym"}))
        fail(f, r, "facilities");
      if (!is_subset_list(t.at(row, "service_station"), {"staffed", "venue", "team", "activities", "rules"}))
        fail(f, r, "service_station");
    }
  }

  void check_members() {
    const std::string f = "members.csv";
    const Table t = read_table(dir_ / f, problems_);
    expect_header(t, f, {"member_id", "branch_id", "name", "gender", "ethnicity", "birth_date", "education", "role",
                         "party_group", "application_date", "activist_date", "candidate_date", "admission_date",
                         "conversion_date", "joined_branch", "left_branch"});
    const char* chain[] = {"application_date", "activist_date", "candidate_date", "admission_date", "conversion_date"};
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const std::string& id = t.at(row, "member_id");
      if (id.empty() || members_.count(id)) fail(f, r, "member_id empty or repeated " + id);
      MemberInfo info;
      info.branch = t.at(row, "branch_id");
      if (!branches_.count(info.branch)) fail(f, r, "unknown branch " + info.branch);
      if (!in_set(t.at(row, "gender"), {"", "M", "F"})) fail(f, r, "gender");
      if (!in_set(t.at(row, "education"), {"", "primary", "junior_high", "senior_high", "vocational", "associate",
                                           "bachelor", "master", "doctorate"}))
        fail(f, r, "education");
      if (!in_set(t.at(row, "role"), {"", "secretary", "deputy_secretary", "committee_member", "group_leader"}))
        fail(f, r, "role");
      const long long birth = parse_date(t.at(row, "birth_date"));
      if (birth < 0) fail(f, r, "birth_date missing or bad");
      // Every other date: real, after birth; the admission chain in order, pairwise over those present.
      std::vector<long long> seen;
      for (const char* c : chain) {
        const std::string& v = t.at(row, c);
        if (v.empty()) continue;
        const long long d = parse_date(v);
        if (d < 0) fail(f, r, std::string(c) + " bad");
        if (d <= birth) fail(f, r, std::string(c) + " not after birth");
        for (long long earlier : seen)
          if (earlier > d) fail(f, r, std::string("chain out of order at ") + c);
        seen.push_back(d);
      }
      const std::string& admission = t.at(row, "admission_date");
      if (!t.at(row, "conversion_date").empty() && admission.empty()) fail(f, r, "conversion without admission");
      info.admission = admission.empty() ? -1 : parse_date(admission);
      for (const char* c : {"joined_branch", "left_branch"}) {
        const std::string& v = t.at(row, c);
        if (v.empty()) continue;
        const long long d = parse_date(v);
        if (d < 0 || d <= birth) fail(f, r, std::string(c) + " bad or not after birth");
        (std::string(c) == "joined_branch" ? info.joined : info.left) = d;
      }
      const long long joined = info.joined >= 0 ? info.joined : info.admission;
      if (info.left >= 0 && joined >= 0 && !(joined < info.left)) fail(f, r, "joined not before left");
      if (info.admission > last_day_) fail(f, r, "admitted after the data's last day");
      const std::string& role = t.at(row, "role");
      if (!role.empty() && !info.party_member_on(last_day_)) fail(f, r, "role holder not a member at the end");
      members_[id] = info;
    }
  }

  void check_activities() {
    const std::string f = "activities.csv";
    const Table t = read_table(dir_ / f, problems_);
    expect_header(t, f, {"activity_id", "branch_id", "kind", "date", "mode", "platform", "attendees", "expected",
                         "hours", "lecturer_id", "amount_yuan", "cases", "escalated", "title"});
    std::set<std::string> kinds;
    for (const auto& k : libbranch::kActivityKinds) kinds.insert(std::string(k.id));
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const std::string& id = t.at(row, "activity_id");
      if (id.empty() || activities_.count(id)) fail(f, r, "activity_id empty or repeated " + id);
      const std::string& branch = t.at(row, "branch_id");
      if (!branches_.count(branch)) fail(f, r, "unknown branch " + branch);
      if (!kinds.count(t.at(row, "kind"))) fail(f, r, "kind " + t.at(row, "kind"));
      const long long date = parse_date(t.at(row, "date"));
      if (date < first_day_ || date > last_day_) fail(f, r, "date bad or outside the years");
      const std::string& mode = t.at(row, "mode");
      if (!in_set(mode, {"", "offline", "online", "hybrid"})) fail(f, r, "mode");
      if (!t.at(row, "platform").empty() && (mode.empty() || mode == "offline")) fail(f, r, "platform when offline");
      for (const char* c : {"attendees", "expected", "cases", "escalated"})
        if (!t.at(row, c).empty() && !is_uint(t.at(row, c))) fail(f, r, std::string(c) + " not an int >= 0");
      for (const char* c : {"hours", "amount_yuan"}) {
        const std::string& v = t.at(row, c);
        if (!v.empty() && (!is_decimal(v) || v[0] == '-')) fail(f, r, std::string(c) + " not a number >= 0");
      }
      const std::string& cases = t.at(row, "cases");
      const std::string& escalated = t.at(row, "escalated");
      if (!escalated.empty() && (cases.empty() || std::stoll(escalated) > std::stoll(cases)))
        fail(f, r, "escalated without or above cases");
      const std::string& lecturer = t.at(row, "lecturer_id");
      if (!lecturer.empty()) {
        const auto it = members_.find(lecturer);
        if (it == members_.end() || it->second.branch != branch || !it->second.party_member_on(date))
          fail(f, r, "lecturer not a party member of the branch that day " + lecturer);
      }
      activities_[id] = {branch, date, t.at(row, "attendees")};
      ++activities_per_branch_[branch];
    }
  }

  void check_attendance() {
    const std::string f = "attendance.csv";
    const Table t = read_table(dir_ / f, problems_);
    expect_header(t, f, {"activity_id", "member_id"});
    std::unordered_set<std::string> pairs;
    std::unordered_map<std::string, long long> rows_per_activity;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const auto a = activities_.find(row[0]);
      const auto m = members_.find(row[1]);
      if (a == activities_.end() || m == members_.end()) {
        fail(f, r, "unknown activity or member");
        continue;
      }
      if (!pairs.insert(row[0] + "," + row[1]).second) fail(f, r, "repeated pair");
      if (m->second.branch != a->second.branch || !m->second.party_member_on(a->second.date))
        fail(f, r, "attendee not a party member of the branch that day");
      ++rows_per_activity[row[0]];
    }
    for (const auto& [activity, count] : rows_per_activity) {
      const std::string& given = activities_.at(activity).attendees;
      if (!given.empty() && std::stoll(given) != count) fail(f, 0, "attendees disagree with rows of " + activity);
    }
  }

  void check_observations() {
    const std::string f = "observations.csv";
    const Table t = read_table(dir_ / f, problems_);
    expect_header(t, f, {"branch_id", "indicator", "date", "value"});
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      if (!branches_.count(row[0])) fail(f, r, "unknown branch");
      const std::string& indicator = row[1];
      if (!is_identifier(indicator)) fail(f, r, "indicator");
      if (!row[2].empty() && parse_date(row[2]) < 0) fail(f, r, "date");
      const std::string& v = row[3];
      if (!is_decimal(v)) {
        fail(f, r, "value not a number");
        continue;
      }
      if ((indicator == "serious_violations" || indicator == "honors") && !is_uint(v)) fail(f, r, "not an int >= 0");
      if (indicator == "online_filing_rate" && (v[0] == '-' || std::stod(v) > 1.0)) fail(f, r, "rate outside [0, 1]");
    }
  }

  struct ActivityInfo {
    std::string branch;
    long long date;
    std::string attendees;
  };

  fs::path dir_;
  long long first_day_, last_day_;
  std::vector<std::string> problems_;
  std::unordered_set<std::string> branches_;
  std::unordered_map<std::string, MemberInfo> members_;
  std::unordered_map<std::string, ActivityInfo> activities_;
  std::unordered_map<std::string, long long> activities_per_branch_;
};

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::uint64_t data_lines(const fs::path& file) {
  const std::string text = slurp(file);
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) - 1;  // minus the header
}

libbranch::SynthOptions options(std::uint64_t branches, std::uint64_t seed) {
  libbranch::SynthOptions o;
  o.branches = branches;
  o.seed = seed;
  return o;
}

// --- tests -------------------------------------------------------------------------------------

TEST_F(Synth, SameSeedGivesIdenticalBytes) {
  libbranch::write_synthetic_dataset(options(150, 7), dir("a"));
  libbranch::write_synthetic_dataset(options(150, 7), dir("b"));
  for (const char* f : kFiles) EXPECT_EQ(slurp(dir("a") / f), slurp(dir("b") / f)) << f;
}

TEST_F(Synth, DifferentSeedGivesDifferentData) {
  libbranch::write_synthetic_dataset(options(150, 7), dir("a"));
  libbranch::write_synthetic_dataset(options(150, 8), dir("b"));
  for (const char* f : {"branches.csv", "members.csv", "activities.csv"})
    EXPECT_NE(slurp(dir("a") / f), slurp(dir("b") / f)) << f;
}


TEST_F(Synth, EarlierBranchesDoNotDependOnLaterOnes) {
  // Branch i's rows are the same whatever the number of branches: smaller runs are prefixes.
  libbranch::write_synthetic_dataset(options(40, 3), dir("small"));
  libbranch::write_synthetic_dataset(options(90, 3), dir("large"));
  for (const char* f : kFiles) {
    const std::string small = slurp(dir("small") / f);
    const std::string large = slurp(dir("large") / f);
    EXPECT_EQ(large.compare(0, small.size(), small), 0) << f;
  }
}

TEST_F(Synth, CountsMatchSummaryAndFiles) {
  const auto s = libbranch::write_synthetic_dataset(options(300, 11), dir("a"));
  EXPECT_EQ(s.branches, 300u);
  EXPECT_EQ(data_lines(dir("a") / "branches.csv"), s.branches);
  EXPECT_EQ(data_lines(dir("a") / "members.csv"), s.members);
  EXPECT_EQ(data_lines(dir("a") / "activities.csv"), s.activities);
  EXPECT_EQ(data_lines(dir("a") / "attendance.csv"), s.attendance);
  EXPECT_EQ(data_lines(dir("a") / "observations.csv"), s.observations);
  EXPECT_GT(s.members, 0u);
  EXPECT_GT(s.attendance, 0u);
  EXPECT_GT(s.observations, 0u);
}

TEST_F(Synth, ZeroBranchesWritesHeadersOnly) {
  const auto s = libbranch::write_synthetic_dataset(options(0, 1), dir("nested") / "empty");
  EXPECT_EQ(s.branches + s.members + s.activities + s.attendance + s.observations, 0u);
  for (const char* f : kFiles) EXPECT_EQ(data_lines(dir("nested") / "empty" / f), 0u) << f;
}

TEST_F(Synth, RejectsReversedYears) {
  libbranch::SynthOptions o = options(5, 1);
  o.first_year = 2025;
  o.last_year = 2024;
  EXPECT_THROW(libbranch::write_synthetic_dataset(o, dir("a")), libbranch::Error);
}

TEST_F(Synth, ValidUnderSpecRules) {
  libbranch::write_synthetic_dataset(options(2000, 5), dir("a"));
  EXPECT_EQ(join(Checker(dir("a"), 2025, 2025).run()), "");
}

TEST_F(Synth, ValidOverSeveralYears) {
  libbranch::SynthOptions o = options(300, 9);
  o.first_year = 2022;
  o.last_year = 2025;
  libbranch::write_synthetic_dataset(o, dir("a"));
  EXPECT_EQ(join(Checker(dir("a"), 2022, 2025).run()), "");
  // Every year has activities of its own.
  std::vector<std::string> problems;
  const Table t = read_table(dir("a") / "activities.csv", problems);
  std::set<std::string> years;
  for (const auto& row : t.rows) years.insert(t.at(row, "date").substr(0, 4));
  EXPECT_EQ(years, (std::set<std::string>{"2022", "2023", "2024", "2025"}));
}

TEST_F(Synth, RealisticDistributions) {
  constexpr int kBranches = 2000;
  libbranch::write_synthetic_dataset(options(kBranches, 21), dir("a"));
  std::vector<std::string> problems;
  const Table branches = read_table(dir("a") / "branches.csv", problems);
  const Table members = read_table(dir("a") / "members.csv", problems);
  const Table activities = read_table(dir("a") / "activities.csv", problems);
  ASSERT_TRUE(problems.empty()) << join(problems);

  // Party members on the last day, per branch.
  const long long last_day = parse_date("2025-12-31");
  std::map<std::string, int> size, secretaries;
  for (const auto& row : branches.rows) size[row[0]] = 0;
  for (const auto& row : members.rows) {
    MemberInfo m;
    const auto date = [&](const char* c) { return members.at(row, c).empty() ? -1 : parse_date(members.at(row, c)); };
    m.admission = date("admission_date");
    m.joined = date("joined_branch");
    m.left = date("left_branch");
    if (!m.party_member_on(last_day)) continue;
    ++size[members.at(row, "branch_id")];
    if (members.at(row, "role") == "secretary") ++secretaries[members.at(row, "branch_id")];
  }
  std::vector<int> sizes;
  for (const auto& [id, n] : size) sizes.push_back(n);
  std::sort(sizes.begin(), sizes.end());
  double total = 0;
  for (int n : sizes) total += n;
  const double mean = total / kBranches;
  EXPECT_GE(mean, 17.0);
  EXPECT_LE(mean, 28.0);
  EXPECT_GE(sizes[kBranches / 2], 12);  // median
  EXPECT_LE(sizes[kBranches / 2], 22);
  EXPECT_GE(sizes.front(), 3);
  EXPECT_GE(sizes.back(), 80);  // a long tail

  int one_secretary = 0;
  for (const auto& [id, n] : secretaries) one_secretary += n == 1 ? 1 : 0;
  EXPECT_GT(one_secretary, kBranches * 85 / 100);
  EXPECT_LT(one_secretary, kBranches);  // some have none or two

  const double per_branch_year = static_cast<double>(activities.rows.size()) / kBranches;
  EXPECT_GE(per_branch_year, 60.0);
  EXPECT_LE(per_branch_year, 120.0);

  // Monthly targets: some branches meet them, most do not.
  std::map<std::string, std::set<std::string>> theme_months;
  for (const auto& row : activities.rows)
    if (activities.at(row, "kind") == "theme_day")
      theme_months[activities.at(row, "branch_id")].insert(activities.at(row, "date").substr(5, 2));
  int full = 0;
  for (const auto& [id, months] : theme_months) full += months.size() == 12 ? 1 : 0;
  EXPECT_GT(full, kBranches / 10);
  EXPECT_LT(full, kBranches * 6 / 10);

  std::map<std::string, int> types;
  for (const auto& row : branches.rows) ++types[branches.at(row, "org_type")];
  EXPECT_GT(types["village"], kBranches * 20 / 100);
  EXPECT_LT(types["village"], kBranches * 50 / 100);
  EXPECT_GT(types["organ"] + types["institution"], kBranches * 20 / 100);
}

}  // namespace
