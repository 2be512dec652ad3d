#include <libbranch/synth.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <libbranch/error.hpp>
#include <libbranch/io/atomic_file.hpp>
#include <libbranch/io/csv_reader.hpp>
#include <libbranch/io/csv_writer.hpp>
#include <libbranch/io/load.hpp>
#include <libbranch/partitioned_archive.hpp>
#include <libbranch/model/activity_kind.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/model/table_columns.hpp>

// Everything here uses integer arithmetic only: no <random> distributions, no libm, no floating
// point. Standard-library distributions differ between implementations, libm may differ in the
// last bit, and compilers may contract floating-point expressions differently; integers give the
// same bytes everywhere.

namespace libbranch {
namespace {

namespace fs = std::filesystem;
using Day = std::int32_t;  // days since 1970-01-01
constexpr Day kNoDate = INT32_MIN;

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64 to derive seeds, xoshiro256** for the streams.

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A seed for one independent stream: (seed, stream tag, a, b). Streams are keyed by branch index
// (and year), so a branch's content never depends on the order branches are generated in.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t tag, std::uint64_t a, std::uint64_t b = 0) {
  std::uint64_t s = seed;
  std::uint64_t h = splitmix64(s) ^ tag;
  s = h;
  h = splitmix64(s) ^ a;
  s = h;
  h = splitmix64(s) ^ b;
  s = h;
  return splitmix64(s);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, n); 0 when n is 0. The modulo bias is below 2^-40 for our n.
  std::uint32_t below(std::uint64_t n) { return n == 0 ? 0 : static_cast<std::uint32_t>(next() % n); }
  /// Uniform in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
  /// True with probability p/1000.
  bool per_mille(int p) { return static_cast<int>(below(1000)) < p; }
  /// Rounds value/1000 up or down at random so that the expectation is exactly value/1000.
  int round_milli(long long value) {
    if (value <= 0) return 0;
    return static_cast<int>(value / 1000) + (static_cast<long long>(below(1000)) < value % 1000 ? 1 : 0);
  }
  /// Index drawn from relative integer weights.
  template <std::size_t N>
  std::size_t weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(below(static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, H. Hinnant's algorithms).

Day days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

/// docs/reference/metrics.md §9 "+ n years": same month and day; 29 February becomes 28 February
/// when needed.
Day plus_years(Day day, int years) {
  Ymd t = civil_from_days(day);
  t.y += years;
  if (t.m == 2 && t.d == 29 && !is_leap(t.y)) t.d = 28;
  return days_from_civil(t.y, t.m, t.d);
}

/// Uniform day in [lo, hi] (inclusive); lo when the range is empty.
Day day_between(Rng& rng, Day lo, Day hi) {
  return hi <= lo ? lo : lo + static_cast<Day>(rng.below(static_cast<std::uint64_t>(hi - lo) + 1));
}

// ---------------------------------------------------------------------------------------------
// Output: one large buffer per file, flushed in big writes (no iostream per field).

class OutFile {
 public:
  static constexpr std::size_t kFlushAt = std::size_t{2} << 20;

  /// In memory: the text stays in buf() until take().
  OutFile() = default;
  /// A file written atomically: it appears when close() succeeds (a temporary until then).
  explicit OutFile(const fs::path& path) : path_(path), file_(std::make_unique<AtomicFile>(path)) {
    buf_.reserve(kFlushAt + (std::size_t{64} << 10));
  }

  std::string& buf() { return buf_; }
  /// Called at the end of every row, so flushes happen at row boundaries.
  void row_done() {
    if (buf_.size() >= kFlushAt && file_) flush();
  }
  void close() {
    if (!file_) return;
    flush();
    file_->commit();
    file_.reset();
  }
  /// The text written since the last take() (in memory only).
  std::string take() { return std::exchange(buf_, std::string()); }

 private:
  void flush() {
    file_->stream().write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    if (!file_->stream()) throw Error("cannot write " + path_.string());
    buf_.clear();
  }

  fs::path path_;
  std::unique_ptr<AtomicFile> file_;
  std::string buf_;
};

void put(std::string& o, std::string_view s) { o.append(s); }
void sep(std::string& o) { o.push_back(','); }

// The CSV header of a table: its column list's CSV names. The rows below write the columns in
// this order, each by hand (what the generator puts in a column is particular to it).
template <class Table>
void put_header(std::string& o) {
  for (std::size_t i = 0; i < csv_columns_v<Table>.size(); ++i) {
    if (i > 0) sep(o);
    put(o, csv_columns_v<Table>[i]);
  }
  o.push_back('\n');
}

void put_int(std::string& o, long long v) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  o.append(digits, r.ptr);
}

/// `prefix` then `v` zero-padded to `width` digits (more digits when v needs them, so ids stay unique).
void put_id(std::string& o, char prefix, std::uint64_t v, int width) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  const int n = static_cast<int>(r.ptr - digits);
  o.push_back(prefix);
  if (n < width) o.append(static_cast<std::size_t>(width - n), '0');
  o.append(digits, r.ptr);
}

void put_two(std::string& o, int v) {
  o.push_back(static_cast<char>('0' + v / 10));
  o.push_back(static_cast<char>('0' + v % 10));
}

/// YYYY-MM-DD, nothing for kNoDate. Years are 1000–9999 (checked in write_synthetic_dataset).
void put_date(std::string& o, Day day) {
  if (day == kNoDate) return;
  const Ymd t = civil_from_days(day);
  put_two(o, t.y / 100);
  put_two(o, t.y % 100);
  o.push_back('-');
  put_two(o, t.m);
  o.push_back('-');
  put_two(o, t.d);
}

/// A fixed-point number given in units of 10^-decimals, without trailing zeros ("1.5", "2", "0.87").
void put_fixed(std::string& o, long long units, int decimals) {
  long long scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (units < 0) {
    o.push_back('-');
    units = -units;
  }
  put_int(o, units / scale);
  long long frac = units % scale;
  if (frac == 0) return;
  o.push_back('.');
  for (long long div = scale / 10; div > 0 && frac > 0; div /= 10) {
    o.push_back(static_cast<char>('0' + frac / div));
    frac %= div;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary tables.

constexpr std::array<std::string_view, 50> kSurnames{
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
    "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈"};
constexpr std::array<std::string_view, 34> kMaleGiven{
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "国", "建", "文", "志"};
constexpr std::array<std::string_view, 30> kFemaleGiven{
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "玲", "桂", "兰", "萍", "红",
    "燕", "梅", "琳", "雪", "慧", "婷", "倩", "颖", "洁", "佳", "晶", "莉", "丹", "雯", "欣"};
constexpr std::array<std::string_view, 8> kUyghurMale{"买买提·艾力", "艾尔肯·吐尔逊", "阿不都拉", "吐尔洪",
                                                     "艾合买提", "热合曼", "努尔兰", "亚森"};
constexpr std::array<std::string_view, 8> kUyghurFemale{"阿依古丽", "古丽娜尔", "热依拉", "帕提古丽",
                                                       "迪丽拜尔", "阿米娜", "再努尔", "祖丽皮亚"};
constexpr std::array<std::string_view, 40> kPlaces{
    "红星", "光明", "新华", "东风", "胜利", "和平", "团结", "幸福", "长青", "永安", "兴隆", "太平", "前进", "向阳",
    "金山", "青山", "白杨", "柳林", "河东", "河西", "南关", "北街", "东城", "西湖", "新村", "石桥", "桃园", "杏花",
    "龙泉", "凤凰", "朝阳", "建设", "文化", "富民", "丰收", "友谊", "春晖", "翠竹", "松林", "天山"};
constexpr std::array<std::string_view, 12> kBureaus{"财政局", "教育局", "民政局", "司法局", "农业农村局", "住建局",
                                                  "卫健委", "人社局", "统计局", "审计局", "交通局", "水利局"};
constexpr std::array<std::string_view, 8> kInstitutions{"人民医院", "疾控中心", "文化馆", "图书馆",
                                                       "农技站", "广播电视台", "档案馆", "中心卫生院"};
constexpr std::array<std::string_view, 3> kPlatforms{"学习强国", "微信", "钉钉"};
constexpr std::array<std::string_view, 10> kDigitsZh{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
constexpr std::array<std::string_view, 13> kMonthZh{"",    "1月", "2月", "3月",  "4月",  "5月", "6月",
                                                   "7月", "8月", "9月", "10月", "11月", "12月"};

enum Ethnic : std::uint8_t { kHan, kUyghur, kKazakh, kHui, kZhuang, kManchu, kMiao, kTujia, kYi, kMongol, kTibetan, kNoEthnicity };
constexpr std::array<std::string_view, 12> kEthnicNames{"汉族", "维吾尔族", "哈萨克族", "回族", "壮族", "满族",
                                                        "苗族", "土家族", "彝族", "蒙古族", "藏族", ""};

// Org types, in OrgType order from organ; shares per mille (docs/reference/data-format.md §4
// org_type, national-style mix).
constexpr std::array<int, 8> kOrgTypeShares{150, 200, 120, 350, 80, 50, 30, 20};
// Branch size multiplier (percent) per org type, same order: villages and schools are larger.
// Scaled so that, with admissions, transfers and leaves, party members average ~22.
constexpr std::array<int, 8> kSizePercent{86, 90, 90, 99, 90, 104, 54, 72};

// Education weights (primary … doctorate) by kind of workplace.
constexpr std::array<int, 8> kEduCadre{0, 10, 30, 20, 140, 600, 170, 30};
constexpr std::array<int, 8> kEduEnterprise{0, 40, 120, 140, 280, 350, 60, 10};
constexpr std::array<int, 8> kEduRural{180, 420, 200, 80, 80, 40, 0, 0};
constexpr std::array<int, 8> kEduUrban{40, 150, 220, 100, 220, 240, 30, 0};

// Core branch size: quantiles of a lognormal (median 17, sigma 0.72) in hundredths, at
// probabilities in parts per million; sampled by linear interpolation (integer-only, mean ≈ 22).
struct Quantile {
  int ppm;
  int hundredths;
};
constexpr std::array<Quantile, 32> kSizeQuantiles{{
    {0, 214},         {10000, 318},     {20000, 387},     {50000, 520},     {100000, 676},    {150000, 806},
    {200000, 927},    {250000, 1046},   {300000, 1165},   {350000, 1288},   {400000, 1417},   {450000, 1553},
    {500000, 1700},   {550000, 1861},   {600000, 2040},   {650000, 2244},   {700000, 2480},   {750000, 2763},
    {800000, 3116},   {850000, 3585},   {900000, 4277},   {930000, 4919},   {950000, 5556},   {970000, 6585},
    {980000, 7458},   {990000, 9076},   {995000, 10862},  {998000, 13503},  {999000, 15730},  {999500, 18171},
    {999900, 24737},  {1000000, 42000},
}};

int sample_core_size(Rng& rng, OrgType type) {
  const int u = static_cast<int>(rng.below(1000000));
  std::size_t k = 0;
  while (k + 2 < kSizeQuantiles.size() && kSizeQuantiles[k + 1].ppm <= u) ++k;
  const Quantile lo = kSizeQuantiles[k];
  const Quantile hi = kSizeQuantiles[k + 1];
  const long long v = lo.hundredths + static_cast<long long>(hi.hundredths - lo.hundredths) * (u - lo.ppm) /
                                          (hi.ppm - lo.ppm);
  const long long scaled = v * kSizePercent[static_cast<std::size_t>(type) - 1] / 100;
  return std::clamp(static_cast<int>((scaled + 50) / 100), 3, 600);
}

// ---------------------------------------------------------------------------------------------
// The model of one branch.

struct Member {
  std::uint64_t id = 0;
  Day birth = kNoDate, application = kNoDate, activist = kNoDate, candidate = kNoDate;
  Day admission = kNoDate, conversion = kNoDate, joined = kNoDate, left = kNoDate;
  std::int16_t group = -1;  // index of the party group; -1 = none listed
  Role role = Role::none;
  Gender gender = Gender::male;
  Education education = Education::none;
  std::uint8_t ethnicity = kHan;
  // Long-standing formal member already in the branch before the data's first day: may hold a
  // role and may leave; roles go only to members who stay, so role holders are always present.
  bool core = false;
};

bool is_party_member(const Member& m, Day d) {
  if (m.admission == kNoDate || m.admission > d) return false;
  if (m.joined != kNoDate && m.joined > d) return false;
  return m.left == kNoDate || d < m.left;
}

struct Span {
  int first_year = 0, last_year = 0;
  Day first_day = 0, last_day = 0;  // first_year-01-01, last_year-12-31
};

struct Branch {
  std::uint64_t index = 0;
  std::uint64_t parent = 0;
  OrgType type = OrgType::other;
  int core_size = 0;
  int tier = 1;             // diligence: 0 low, 1 middling, 2 high
  int online_pm = 0;        // share of online-capable activities held online/hybrid, per mille
  int platform = 0;         // preferred platform
  int attendance_pm = 900;  // chance a member attends a meeting, per mille
  int groups = 0;           // number of party groups
  int brands = 0;
  bool mixed_ethnic = false;
  // Per kind, how much the branch favours it (per mille): profiles differ, so some branches far
  // exceed a count target that others miss.
  std::array<int, kBuiltinKindCount> emphasis_pm{};
  std::string id;
};

// Parent organisations group 10–50 consecutive branches; a parent mostly holds one org type
// (a township's villages, a bureau's offices), which keeps the overall shares unchanged.
class ParentPlanner {
 public:
  explicit ParentPlanner(std::uint64_t seed) : rng_(stream_seed(seed, 3, 0)) {}
  void next_branch() {
    if (remaining_ == 0) {
      ++parent_;
      remaining_ = rng_.range(10, 50);
      primary_ = static_cast<OrgType>(1 + rng_.weighted(kOrgTypeShares));
    }
    --remaining_;
  }
  [[nodiscard]] std::uint64_t parent() const { return parent_; }
  [[nodiscard]] OrgType primary() const { return primary_; }

 private:
  Rng rng_;
  std::uint64_t parent_ = 0;
  int remaining_ = 0;
  OrgType primary_ = OrgType::village;
};

bool is_cadre_type(OrgType t) { return t == OrgType::organ || t == OrgType::institution || t == OrgType::school; }
bool is_unit_type(OrgType t) { return is_cadre_type(t) || t == OrgType::enterprise; }
bool is_grassroots(OrgType t) { return t == OrgType::village || t == OrgType::community; }

std::string_view type_name(OrgType t) { return kOrgTypeNames[static_cast<std::size_t>(t)]; }

/// 第一党小组 … 第三十党小组.
std::string group_name(int index) {
  const int n = index + 1;
  std::string s = "第";
  if (n < 10) {
    s += kDigitsZh[static_cast<std::size_t>(n)];
  } else {
    if (n >= 20) s += kDigitsZh[static_cast<std::size_t>(n / 10)];
    s += "十";
    s += kDigitsZh[static_cast<std::size_t>(n % 10)];
  }
  s += "党小组";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Writer: the whole dataset, branch by branch.

struct Files {
  Files() = default;  // in memory
  explicit Files(const fs::path& dir)
      : branches(dir / "branches.csv"),
        members(dir / "members.csv"),
        activities(dir / "activities.csv"),
        attendance(dir / "attendance.csv"),
        observations(dir / "observations.csv") {}
  OutFile branches, members, activities, attendance, observations;
};

// Who an activity is for: the public (none), all party members, one party group, the committee,
// a small team of members, or volunteers among the members.
enum class Audience : std::uint8_t { none, branch, group, committee, team, volunteers };

struct KindPolicy {
  Audience audience;
  bool online_ok;
  int min_half_hours, max_half_hours;  // 0,0 = no hours
  int amount_pm;                       // chance of an amount_yuan
  int amount_lo, amount_hi;            // yuan
};

// One entry per ActivityKind, in docs/reference/activity-kinds.md order. "team" = a few members go
// (visits, mediation); "volunteers" = a share of the members take part; public activities reach
// non-members too.
constexpr std::array<KindPolicy, kBuiltinKindCount> kPolicies{{
    {Audience::branch, true, 4, 8, 0, 0, 0},          // branch_congress
    {Audience::committee, true, 3, 6, 0, 0, 0},       // committee_meeting
    {Audience::group, true, 2, 5, 0, 0, 0},           // group_meeting
    {Audience::branch, true, 3, 6, 0, 0, 0},          // party_lecture
    {Audience::branch, true, 4, 10, 0, 0, 0},         // theme_day
    {Audience::branch, false, 4, 10, 0, 0, 0},        // org_life_meeting
    {Audience::branch, false, 3, 8, 0, 0, 0},         // democratic_review
    {Audience::team, false, 1, 3, 0, 0, 0},           // heart_talk
    {Audience::volunteers, false, 2, 4, 0, 0, 0},     // political_birthday
    {Audience::branch, false, 1, 3, 0, 0, 0},         // oath_renewal
    {Audience::none, true, 2, 6, 0, 0, 0},            // legal_education (public)
    {Audience::none, true, 3, 6, 0, 0, 0},            // lecture_hall (public)
    {Audience::branch, true, 6, 16, 0, 0, 0},         // training
    {Audience::branch, false, 2, 4, 0, 0, 0},         // integrity_meeting
    {Audience::branch, false, 2, 5, 0, 0, 0},         // warning_education
    {Audience::branch, true, 2, 4, 0, 0, 0},          // warning_film
    {Audience::branch, true, 2, 4, 0, 0, 0},          // role_model_study
    {Audience::none, false, 0, 0, 0, 0, 0},           // disclosure
    {Audience::team, false, 2, 6, 100, 200, 1000},    // home_visit
    {Audience::team, false, 2, 6, 0, 0, 0},           // dispute_mediation
    {Audience::volunteers, false, 3, 10, 400, 200, 3000},  // pairing_activity
    {Audience::none, true, 2, 4, 0, 0, 0},            // publicity_talk (public)
    {Audience::volunteers, false, 4, 12, 100, 100, 2000},  // volunteer_service
    {Audience::volunteers, true, 3, 6, 0, 0, 0},      // brand_activity
    {Audience::volunteers, false, 2, 6, 0, 0, 0},     // identity_display
    {Audience::team, false, 3, 8, 0, 0, 0},           // legal_consultation
    {Audience::volunteers, false, 3, 8, 50, 200, 1500},    // community_outreach
    {Audience::branch, false, 6, 12, 0, 0, 0},        // education_base_visit
    {Audience::team, false, 2, 5, 600, 200, 1000},    // veteran_visit
    {Audience::volunteers, true, 3, 6, 0, 0, 0},      // competition
}};

struct Planned {
  Day date;
  std::uint16_t kind;
  std::int16_t group;
  std::uint32_t seq;
};

class Synthesizer {
 public:
  /// Writes files into `dir`; without one, keeps the text in memory for next_part().
  Synthesizer(const SynthOptions& options, const fs::path& dir) : Synthesizer(options) { files_.emplace(dir); }
  explicit Synthesizer(const SynthOptions& options) : options_(options), parents_(options.seed) {
    span_.first_year = options.first_year;
    span_.last_year = options.last_year;
    span_.first_day = days_from_civil(options.first_year, 1, 1);
    span_.last_day = days_from_civil(options.last_year, 12, 31);
    for (int g = 0; g < 30; ++g) group_names_.push_back(group_name(g));
  }

  SynthSummary run() {
    write_headers();
    for (std::uint64_t i = 0; i < options_.branches; ++i) write_branch(i);
    files_->branches.close();
    files_->members.close();
    files_->activities.close();
    files_->attendance.close();
    files_->observations.close();
    return summary_;
  }

  /// The CSV texts of the next `count` branches (in memory), each with its header; the branches
  /// continue where the previous part ended, so the parts together are the files run() writes.
  std::array<std::string, 5> next_part(std::uint64_t count) {
    if (!files_) files_.emplace();
    write_headers();
    for (std::uint64_t end = next_index_ + count; next_index_ < end; ++next_index_) write_branch(next_index_);
    return {files_->branches.take(), files_->members.take(), files_->activities.take(), files_->attendance.take(),
            files_->observations.take()};
  }

  [[nodiscard]] const SynthSummary& summary() const { return summary_; }

 private:
  void write_headers();
  void write_branch(std::uint64_t index);
  void make_profile(Rng& rng, std::uint64_t index);
  void write_branch_row(Rng& rng);
  void write_branch_name(Rng& rng);
  // Members.
  void make_members(Rng& rng);
  void add_person(Rng& rng, Member& m, Day birth_lo, Day birth_hi);
  void add_core(Rng& rng);
  void add_probationary(Rng& rng, int year);
  void add_transfer_in(Rng& rng, int year);
  void add_applicant(Rng& rng);
  void add_chain(Rng& rng, Member& m, int full_pm);
  void assign_roles(Rng& rng);
  void assign_leaves(Rng& rng);
  void write_members(Rng& rng);
  void write_name(Rng& rng, const Member& m);
  // Activities.
  void plan_year(Rng& rng, int year);
  void plan_monthly(Rng& rng, int year, ActivityKind kind, int p_pm, int extra_pm);
  void plan_quarterly(Rng& rng, int year, ActivityKind kind, int p_pm, int extra_pm);
  void plan_count(Rng& rng, int year, ActivityKind kind, long long mean_milli);
  void plan_once(Rng& rng, int year, ActivityKind kind, int p_pm);
  void add_plan(Rng& rng, Day date, ActivityKind kind);
  void write_activities(Rng& rng);
  void write_activity(Rng& rng, const Planned& p);
  void collect_audience(const Planned& p, Audience audience);
  void write_mode(Rng& rng, const KindPolicy& policy);
  void write_people(Rng& rng, const Planned& p, const KindPolicy& policy, std::uint64_t activity_id);
  void write_lecturer(Rng& rng, const Planned& p);
  void write_observations(Rng& rng);

  const SynthOptions& options_;
  std::optional<Files> files_;
  std::uint64_t next_index_ = 0;  // next_part(): the next branch to write
  ParentPlanner parents_;
  Span span_;
  SynthSummary summary_;
  std::vector<std::string> group_names_;
  std::uint64_t next_member_ = 1;
  std::uint64_t next_activity_ = 1;

  // Per-branch state, reused from branch to branch (memory stays flat).
  Branch b_;
  std::vector<Member> members_;
  std::vector<Planned> plan_;
  std::vector<std::uint32_t> audience_;  // indices into members_
  std::vector<std::uint32_t> scratch_;
};

void Synthesizer::write_headers() {
  put_header<BranchTable>(files_->branches.buf());
  put_header<MemberTable>(files_->members.buf());
  put_header<ActivityTable>(files_->activities.buf());
  put_header<AttendanceTable>(files_->attendance.buf());
  put_header<ObservationTable>(files_->observations.buf());
}

void Synthesizer::write_branch(std::uint64_t index) {
  parents_.next_branch();
  Rng rng(stream_seed(options_.seed, 1, index));
  make_profile(rng, index);
  write_branch_row(rng);
  make_members(rng);
  write_members(rng);
  for (int year = span_.first_year; year <= span_.last_year; ++year) {
    // Each year has its own stream: adding a year leaves the other years' activities unchanged.
    Rng year_rng(stream_seed(options_.seed, 2, index, static_cast<std::uint64_t>(year)));
    plan_year(year_rng, year);
    write_activities(year_rng);
  }
  write_observations(rng);
  ++summary_.branches;
}

void Synthesizer::make_profile(Rng& rng, std::uint64_t index) {
  b_.index = index;
  b_.parent = parents_.parent();
  b_.type = rng.per_mille(700) ? parents_.primary() : static_cast<OrgType>(1 + rng.weighted(kOrgTypeShares));
  b_.core_size = sample_core_size(rng, b_.type);
  b_.tier = static_cast<int>(rng.weighted(std::array<int, 3>{20, 50, 30}));
  b_.online_pm = rng.range(30, 600);
  b_.platform = static_cast<int>(rng.weighted(std::array<int, 3>{60, 30, 10}));
  b_.attendance_pm = rng.range(720, 990);
  b_.groups = b_.core_size < 10 ? 0 : std::min(30, std::max(2, (b_.core_size + 5) / 10));
  b_.mixed_ethnic = rng.per_mille(200);
  static constexpr std::array<int, 4> kEmphasis{500, 1000, 1600, 2500};
  for (int& e : b_.emphasis_pm) e = kEmphasis[rng.weighted(std::array<int, 4>{25, 50, 20, 5})];
  b_.id.clear();
  put_id(b_.id, 'B', index + 1, 7);
}

/// A name of the kind the branch's org type suggests (红星村党支部, 财政局机关党支部, …).
void Synthesizer::write_branch_name(Rng& rng) {
  std::string& o = files_->branches.buf();
  const std::string_view place = kPlaces[rng.below(kPlaces.size())];
  if (b_.type != OrgType::organ) put(o, place);
  switch (b_.type) {
    case OrgType::village: put(o, "村党支部"); break;
    case OrgType::community: put(o, "社区党支部"); break;
    case OrgType::organ: put(o, kBureaus[rng.below(kBureaus.size())]); put(o, "机关党支部"); break;
    case OrgType::institution: put(o, kInstitutions[rng.below(kInstitutions.size())]); put(o, "党支部"); break;
    case OrgType::enterprise: put(o, "有限公司党支部"); break;
    case OrgType::school: put(o, rng.per_mille(500) ? "中学党支部" : "小学党支部"); break;
    case OrgType::social: put(o, "协会党支部"); break;
    default: put(o, "党支部"); break;
  }
}

void Synthesizer::write_branch_row(Rng& rng) {
  std::string& o = files_->branches.buf();
  put(o, b_.id);
  sep(o);
  write_branch_name(rng);
  sep(o);
  put_id(o, 'P', b_.parent, 6);
  sep(o);
  if (!rng.per_mille(15)) put(o, type_name(b_.type));  // a few branches lack org_type
  sep(o);
  // Terms: 5 years for villages and communities, else 3. ~85% current at the data's end, ~12%
  // expired (overdue 换届), ~3% unknown.
  const int term_days = (is_grassroots(b_.type) ? 5 : 3) * 365;
  const int r = rng.range(0, 999);
  if (r < 850) {
    put_date(o, day_between(rng, span_.last_day - term_days + 30, span_.last_day - 30));
  } else if (r < 970) {
    put_date(o, day_between(rng, span_.last_day - term_days - 730, span_.last_day - term_days - 1));
  }
  sep(o);
  // internal_units only where a branch sits in a unit with departments; sometimes not reported.
  if (is_unit_type(b_.type) && rng.per_mille(850)) {
    const int units = rng.range(1, 4 + b_.core_size / 8);
    put_int(o, units);
    sep(o);
    if (rng.per_mille(850)) put_int(o, rng.per_mille(550) ? units : rng.range(0, units));
  } else {
    sep(o);
  }
  sep(o);
  if (rng.per_mille(700)) put_int(o, rng.range(0, 1 + b_.core_size / 40));
  sep(o);
  if (rng.per_mille(750)) put_int(o, rng.range(0, 1 + b_.core_size / 3));
  sep(o);
  b_.brands = rng.per_mille(650) ? static_cast<int>(rng.weighted(std::array<int, 4>{45, 40, 12, 3})) : 0;
  if (b_.brands > 0 || rng.per_mille(500)) put_int(o, b_.brands);
  sep(o);
  static constexpr std::array<int, 6> kFacilityPm{850, 600, 400, 500, 300, 100};
  if (rng.per_mille(880)) {
    bool first = true;
    for (std::size_t f = 0; f < kFacilityNames.size(); ++f) {
      if (!rng.per_mille(kFacilityPm[f])) continue;
      if (!first) o.push_back(';');
      put(o, kFacilityNames[f]);
      first = false;
    }
  }
  sep(o);
  if (rng.per_mille(is_grassroots(b_.type) ? 920 : 400)) {
    const int each_pm = rng.range(550, 980);
    bool first = true;
    for (std::string_view item : kServiceStationNames) {
      if (!rng.per_mille(each_pm)) continue;
      if (!first) o.push_back(';');
      put(o, item);
      first = false;
    }
  }
  o.push_back('\n');
  files_->branches.row_done();
}

// --- members -----------------------------------------------------------------------------------

void Synthesizer::make_members(Rng& rng) {
  members_.clear();
  // Core members: in the branch before the first day. Some transferred in earlier (joined given).
  for (int i = 0; i < b_.core_size; ++i) add_core(rng);
  // Admissions from the year before the data on, so conversions fall inside the data's years.
  for (int year = span_.first_year - 1; year <= span_.last_year; ++year) {
    const int n = rng.round_milli(static_cast<long long>(b_.core_size) * rng.range(20, 80));
    for (int i = 0; i < n; ++i) add_probationary(rng, year);
  }
  for (int year = span_.first_year; year <= span_.last_year; ++year) {
    const int n = rng.round_milli(static_cast<long long>(b_.core_size) * rng.range(10, 50));
    for (int i = 0; i < n; ++i) add_transfer_in(rng, year);
  }
  const int applicants = rng.round_milli(static_cast<long long>(b_.core_size) * rng.range(30, 140));
  for (int i = 0; i < applicants; ++i) add_applicant(rng);
  assign_roles(rng);
  assign_leaves(rng);
  for (std::size_t i = 0; i < members_.size(); ++i) members_[i].id = next_member_ + i;
  next_member_ += members_.size();
}

/// Demographics; birth uniform in [birth_lo, birth_hi], older people in rural branches skew less educated.
void Synthesizer::add_person(Rng& rng, Member& m, Day birth_lo, Day birth_hi) {
  m.birth = day_between(rng, birth_lo, birth_hi);
  const int male_pm = b_.type == OrgType::village ? 700 : b_.type == OrgType::school ? 430 : 560;
  m.gender = rng.per_mille(male_pm) ? Gender::male : Gender::female;
  if (b_.mixed_ethnic) {
    m.ethnicity = static_cast<std::uint8_t>(rng.weighted(std::array<int, 4>{55, 35, 5, 5}));
  } else {
    m.ethnicity = static_cast<std::uint8_t>(
        rng.weighted(std::array<int, 11>{930, 0, 0, 12, 15, 12, 8, 8, 7, 5, 3}));
  }
  if (rng.per_mille(20)) m.ethnicity = kNoEthnicity;
  const bool old = span_.last_day - m.birth > 65 * 365;
  const bool young = span_.last_day - m.birth < 38 * 365;
  std::size_t edu = 0;
  if (is_cadre_type(b_.type)) {
    edu = rng.weighted(kEduCadre);
  } else if (b_.type == OrgType::enterprise) {
    edu = rng.weighted(old ? kEduUrban : kEduEnterprise);
  } else if (b_.type == OrgType::village) {
    edu = rng.weighted(young ? kEduUrban : kEduRural);
  } else {
    edu = rng.weighted(old ? kEduRural : kEduUrban);
  }
  m.education = rng.per_mille(40) ? Education::none : static_cast<Education>(edu + 1);
}

/// application ≤ activist ≤ candidate ≤ admission, built backwards from the admission date; with
/// probability 1 - full_pm/1000 the record keeps only the admission (old paper files).
void Synthesizer::add_chain(Rng& rng, Member& m, int full_pm) {
  if (!rng.per_mille(full_pm)) return;
  m.candidate = m.admission - rng.range(60, 365);
  m.activist = m.candidate - rng.range(365, 540);
  m.application = m.activist - rng.range(14, 365);
  if (rng.per_mille(80)) m.application = kNoDate;  // incomplete records
}

void Synthesizer::add_core(Rng& rng) {
  Member m;
  m.core = true;
  const int lo_age = 24, hi_age = is_grassroots(b_.type) || b_.type == OrgType::other ? 86 : 62;
  // Triangular ages: the mean of two uniforms.
  const int age_days = (rng.range(lo_age * 365, hi_age * 365) + rng.range(lo_age * 365, hi_age * 365)) / 2;
  const Day ref = span_.first_day;
  add_person(rng, m, ref - age_days - 364, ref - age_days);
  // Admitted at 21 or later and at least 400 days before the first day, early in life more often.
  const Day earliest = m.birth + 21 * 365 + 6;
  const Day latest = std::max(earliest, ref - 400);
  const long long spread = static_cast<long long>(latest - earliest) * rng.range(0, 1000) / 1000 * rng.range(0, 1000) / 1000;
  m.admission = earliest + static_cast<Day>(spread);
  const Day due = plus_years(m.admission, 1);
  m.conversion = rng.per_mille(900) ? due + rng.range(0, 25) : due + rng.range(40, 200);
  add_chain(rng, m, 600);
  // Joined: either the admission (absent) or a later transfer in, strictly before the first day.
  if (rng.per_mille(450)) m.joined = day_between(rng, m.admission + 1, ref - 1);
  members_.push_back(m);
}

void Synthesizer::add_probationary(Rng& rng, int year) {
  Member m;
  const Day first = days_from_civil(year, 1, 1);
  m.admission = day_between(rng, first, std::min(span_.last_day, days_from_civil(year, 12, 31)));
  const int age_days = rng.range(20 * 365 + 400, 42 * 365);
  add_person(rng, m, m.admission - age_days - 364, m.admission - age_days);
  add_chain(rng, m, 1000);
  // Conversion after one year: most on time, some late (beyond the 30-day grace), none in the future.
  const Day due = plus_years(m.admission, 1);
  const int r = rng.range(0, 999);
  const Day conversion = r < 780 ? due + rng.range(0, 25) : r < 930 ? due + rng.range(40, 160) : due + 400;
  if (conversion <= span_.last_day) m.conversion = conversion;
  members_.push_back(m);
}

void Synthesizer::add_transfer_in(Rng& rng, int year) {
  add_core(rng);
  Member& m = members_.back();
  m.core = false;  // arrives during the data: neither a role holder nor a leaver
  m.joined = day_between(rng, days_from_civil(year, 1, 1), days_from_civil(year, 12, 31));
}

/// 入党申请人 / 积极分子 / 发展对象 not yet admitted: listed, never party members.
void Synthesizer::add_applicant(Rng& rng) {
  Member m;
  const Day application = day_between(rng, span_.last_day - 3 * 365, span_.last_day - 30);
  const int age_days = rng.range(18 * 365 + 1, 35 * 365);
  add_person(rng, m, application - age_days - 364, application - age_days);
  m.application = application;
  if (rng.per_mille(800)) {
    m.activist = std::min(span_.last_day, application + rng.range(30, 365));
    const Day candidate = m.activist + rng.range(365, 450);
    if (candidate <= span_.last_day && rng.per_mille(600)) m.candidate = candidate;
  }
  members_.push_back(m);
}

void Synthesizer::assign_roles(Rng& rng) {
  // Role holders come from the core members (present the whole time); a random order of them.
  scratch_.clear();
  for (std::uint32_t i = 0; i < members_.size(); ++i)
    if (members_[i].core) scratch_.push_back(i);
  for (std::size_t i = scratch_.size(); i > 1; --i) std::swap(scratch_[i - 1], scratch_[rng.below(i)]);
  std::size_t next = 0;
  auto give = [&](Role role, int count) {
    for (int k = 0; k < count && next < scratch_.size(); ++k) members_[scratch_[next++]].role = role;
  };
  const int secretaries = static_cast<int>(rng.weighted(std::array<int, 3>{40, 920, 40}));
  give(Role::secretary, secretaries);
  const bool committee = b_.core_size >= 7;
  const int deputies = committee ? static_cast<int>(rng.weighted(std::array<int, 3>{400, 550, 50}))
                                 : (rng.per_mille(150) ? 1 : 0);
  give(Role::deputy_secretary, deputies);
  if (committee) {
    // Committees of 3, 5 or 7; some branches have an incomplete or oversized one.
    int size = b_.core_size >= 50 ? 7 : b_.core_size >= 15 ? 5 : 3;
    if (rng.per_mille(150)) size = rng.per_mille(500) ? 2 : 9;
    give(Role::committee_member, std::max(0, size - secretaries - deputies));
  }
  // Party groups: every present member may belong to one; one leader per group most of the time.
  for (Member& m : members_) {
    if (m.admission == kNoDate || b_.groups == 0 || rng.per_mille(50)) continue;
    m.group = static_cast<std::int16_t>(rng.below(static_cast<std::uint64_t>(b_.groups)));
  }
  for (std::size_t k = next; k < scratch_.size(); ++k) {
    Member& m = members_[scratch_[k]];
    if (m.group < 0 || rng.per_mille(150)) continue;
    bool taken = false;
    for (const Member& other : members_) taken = taken || (other.role == Role::group_leader && other.group == m.group);
    if (!taken) m.role = Role::group_leader;
  }
}

void Synthesizer::assign_leaves(Rng& rng) {
  // Transfers out and deaths during the data's years, among core members without a role; at least
  // three core members always stay, so every day has party members.
  scratch_.clear();
  for (std::uint32_t i = 0; i < members_.size(); ++i)
    if (members_[i].core && members_[i].role == Role::none) scratch_.push_back(i);
  int stay_needed = 3;
  for (const Member& m : members_) stay_needed -= (m.core && m.role != Role::none) ? 1 : 0;
  std::size_t available = scratch_.size() - static_cast<std::size_t>(std::clamp(stay_needed, 0, static_cast<int>(scratch_.size())));
  for (int year = span_.first_year; year <= span_.last_year && available > 0; ++year) {
    int n = rng.round_milli(static_cast<long long>(b_.core_size) * rng.range(15, 70));
    for (; n > 0 && available > 0; --n, --available) {
      const std::size_t pick = rng.below(available);
      Member& m = members_[scratch_[pick]];
      m.left = day_between(rng, days_from_civil(year, 1, 1), days_from_civil(year, 12, 31));
      std::swap(scratch_[pick], scratch_[available - 1]);
    }
  }
}

void Synthesizer::write_name(Rng& rng, const Member& m) {
  std::string& o = files_->members.buf();
  const bool male = m.gender == Gender::male;
  if (m.ethnicity == kUyghur || m.ethnicity == kKazakh) {
    put(o, male ? kUyghurMale[rng.below(kUyghurMale.size())] : kUyghurFemale[rng.below(kUyghurFemale.size())]);
    return;
  }
  put(o, kSurnames[rng.below(kSurnames.size())]);
  const int parts = rng.per_mille(600) ? 2 : 1;
  for (int k = 0; k < parts; ++k)
    put(o, male ? kMaleGiven[rng.below(kMaleGiven.size())] : kFemaleGiven[rng.below(kFemaleGiven.size())]);
}

void Synthesizer::write_members(Rng& rng) {
  for (const Member& m : members_) {
    std::string& o = files_->members.buf();
    put_id(o, 'M', m.id, 8);
    sep(o);
    put(o, b_.id);
    sep(o);
    if (!rng.per_mille(5)) write_name(rng, m);
    sep(o);
    if (!rng.per_mille(10)) put(o, kGenderNames[static_cast<std::size_t>(m.gender)]);
    sep(o);
    put(o, kEthnicNames[m.ethnicity]);
    sep(o);
    put_date(o, m.birth);
    sep(o);
    put(o, kEducationNames[static_cast<std::size_t>(m.education)]);
    sep(o);
    put(o, kRoleNames[static_cast<std::size_t>(m.role)]);
    sep(o);
    if (m.group >= 0) put(o, group_names_[static_cast<std::size_t>(m.group)]);
    for (Day d : {m.application, m.activist, m.candidate, m.admission, m.conversion, m.joined, m.left}) {
      sep(o);
      put_date(o, d);
    }
    o.push_back('\n');
    files_->members.row_done();
  }
  summary_.members += members_.size();
}

// --- activities --------------------------------------------------------------------------------

// Chance (per mille) a diligent (2), middling (1) or lax (0) branch holds a monthly/quarterly
// activity in a given month/quarter, and of holding a second one; count multipliers per mille.
constexpr std::array<int, 3> kMonthlyPm{560, 840, 975};
constexpr std::array<int, 3> kMonthlyExtraPm{20, 50, 130};
constexpr std::array<int, 3> kQuarterlyPm{580, 860, 985};
constexpr std::array<int, 3> kQuarterlyExtraPm{20, 60, 200};
constexpr std::array<int, 3> kCountScalePm{480, 850, 1200};

void Synthesizer::add_plan(Rng& rng, Day date, ActivityKind kind) {
  std::int16_t group = -1;
  if (kind == ActivityKind::group_meeting && b_.groups > 0)
    group = static_cast<std::int16_t>(rng.below(static_cast<std::uint64_t>(b_.groups)));
  plan_.push_back({date, code(kind), group, static_cast<std::uint32_t>(plan_.size())});
}

void Synthesizer::plan_monthly(Rng& rng, int year, ActivityKind kind, int p_pm, int extra_pm) {
  for (int month = 1; month <= 12; ++month) {
    const int len = month_length(year, month);
    if (rng.per_mille(p_pm)) add_plan(rng, days_from_civil(year, month, rng.range(1, len)), kind);
    if (rng.per_mille(extra_pm)) add_plan(rng, days_from_civil(year, month, rng.range(1, len)), kind);
  }
}

void Synthesizer::plan_quarterly(Rng& rng, int year, ActivityKind kind, int p_pm, int extra_pm) {
  for (int q = 0; q < 4; ++q) {
    const Day lo = days_from_civil(year, 3 * q + 1, 1);
    const Day hi = days_from_civil(year, 3 * q + 3, month_length(year, 3 * q + 3));
    if (rng.per_mille(p_pm)) add_plan(rng, day_between(rng, lo, hi), kind);
    if (rng.per_mille(extra_pm)) add_plan(rng, day_between(rng, lo, hi), kind);
  }
}

/// A count around mean_milli/1000 (uniform ±40%, scaled by the branch's diligence), spread over the year.
void Synthesizer::plan_count(Rng& rng, int year, ActivityKind kind, long long mean_milli) {
  const long long scaled = mean_milli * kCountScalePm[static_cast<std::size_t>(b_.tier)] / 1000 *
                          b_.emphasis_pm[code(kind)] / 1000;
  const int n = rng.round_milli(scaled * rng.range(600, 1400) / 1000);
  const Day lo = days_from_civil(year, 1, 1), hi = days_from_civil(year, 12, 31);
  for (int i = 0; i < n; ++i) add_plan(rng, day_between(rng, lo, hi), kind);
}

/// Annual meetings (组织生活会, 民主评议) fall early in the year or in December.
void Synthesizer::plan_once(Rng& rng, int year, ActivityKind kind, int p_pm) {
  static constexpr std::array<int, 3> kMonths{1, 2, 12};
  const int times = rng.per_mille(p_pm) ? (rng.per_mille(50) ? 2 : 1) : 0;
  for (int i = 0; i < times; ++i) {
    const int month = kMonths[rng.below(kMonths.size())];
    add_plan(rng, days_from_civil(year, month, rng.range(1, month_length(year, month))), kind);
  }
}

void Synthesizer::plan_year(Rng& rng, int year) {
  plan_.clear();
  const auto t = static_cast<std::size_t>(b_.tier);
  const long long size = b_.core_size;
  using K = ActivityKind;
  // 三会一课 and the other regular activities with monthly or quarterly targets
  // (docs/reference/metrics.md).
  const int committee_pm = b_.core_size >= 7 ? kMonthlyPm[t] : kMonthlyPm[t] * 7 / 10;
  plan_monthly(rng, year, K::committee_meeting, committee_pm, kMonthlyExtraPm[t]);
  plan_monthly(rng, year, K::theme_day, kMonthlyPm[t], kMonthlyExtraPm[t]);
  plan_monthly(rng, year, K::group_meeting, b_.groups > 0 ? kMonthlyPm[t] : kMonthlyPm[t] * 3 / 10,
               b_.groups > 2 ? kMonthlyExtraPm[t] * 2 : 0);
  plan_monthly(rng, year, K::pairing_activity, b_.mixed_ethnic ? kMonthlyPm[t] : kMonthlyPm[t] / 2, kMonthlyExtraPm[t]);
  plan_quarterly(rng, year, K::branch_congress, kQuarterlyPm[t], kQuarterlyExtraPm[t]);
  plan_quarterly(rng, year, K::party_lecture, kQuarterlyPm[t], kQuarterlyExtraPm[t]);
  plan_quarterly(rng, year, K::disclosure, kQuarterlyPm[t], kQuarterlyExtraPm[t] / 2);
  plan_once(rng, year, K::org_life_meeting, 700 + 140 * b_.tier);
  plan_once(rng, year, K::democratic_review, 650 + 160 * b_.tier);
  // Activities counted per year; some grow with the branch.
  plan_count(rng, year, K::legal_education, 8000);
  plan_count(rng, year, K::lecture_hall, 1800);
  plan_count(rng, year, K::training, 2500);
  plan_count(rng, year, K::integrity_meeting, 3000);
  plan_count(rng, year, K::warning_education, 1700);
  plan_count(rng, year, K::warning_film, 1800);
  plan_count(rng, year, K::role_model_study, 1500);
  plan_count(rng, year, K::home_visit, 4000 + size * 100);
  plan_count(rng, year, K::dispute_mediation, is_grassroots(b_.type) ? 4000 : 500);
  plan_count(rng, year, K::publicity_talk, (is_grassroots(b_.type) ? 5000 : 2500) + size * 40);
  plan_count(rng, year, K::volunteer_service, 2000 + size * 60);
  plan_count(rng, year, K::brand_activity, b_.brands > 0 ? 3000 : 150);
  plan_count(rng, year, K::identity_display, 2300);
  plan_count(rng, year, K::legal_consultation, 1300);
  plan_count(rng, year, K::community_outreach, 2000);
  plan_count(rng, year, K::education_base_visit, 1600);
  plan_count(rng, year, K::veteran_visit, 1800);
  plan_count(rng, year, K::competition, 900);
  plan_count(rng, year, K::heart_talk, 1200 + size * 50);
  plan_count(rng, year, K::political_birthday, 1800);
  plan_count(rng, year, K::oath_renewal, 1000);
  // Rows in date order; seq breaks ties so the order is a total one (same bytes with any sort).
  std::sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.seq < b.seq;
  });
}

void Synthesizer::write_activities(Rng& rng) {
  for (const Planned& p : plan_) write_activity(rng, p);
}

/// Members of the branch who are party members on the day and belong to the audience.
void Synthesizer::collect_audience(const Planned& p, Audience audience) {
  audience_.clear();
  for (std::uint32_t i = 0; i < members_.size(); ++i) {
    const Member& m = members_[i];
    if (!is_party_member(m, p.date)) continue;
    if (audience == Audience::group && m.group != p.group) continue;
    if (audience == Audience::committee && (m.role == Role::none || m.role == Role::group_leader)) continue;
    audience_.push_back(i);
  }
}

void Synthesizer::write_mode(Rng& rng, const KindPolicy& policy) {
  std::string& o = files_->activities.buf();
  int mode = 1;  // offline
  if (policy.online_ok && rng.per_mille(b_.online_pm)) mode = rng.per_mille(600) ? 2 : 3;
  if (mode != 1 || !rng.per_mille(100)) put(o, kModeNames[static_cast<std::size_t>(mode)]);  // absent = offline
  sep(o);
  if (mode != 1 && !rng.per_mille(100))
    put(o, kPlatforms[rng.per_mille(700) ? static_cast<std::size_t>(b_.platform) : rng.below(kPlatforms.size())]);
  sep(o);
}

/// attendees, expected (and attendance rows for ~10% of the meetings of members).
void Synthesizer::write_people(Rng& rng, const Planned& p, const KindPolicy& policy, std::uint64_t activity_id) {
  std::string& o = files_->activities.buf();
  const bool meeting = policy.audience == Audience::branch || policy.audience == Audience::group ||
                       policy.audience == Audience::committee;
  if (policy.audience == Audience::none) {
    // Public activities reach residents too: attendees are people reached, no expected.
    if (p.kind != code(ActivityKind::disclosure) && !rng.per_mille(50)) put_int(o, rng.range(10, 40 + 3 * b_.core_size));
    sep(o);
    sep(o);
    return;
  }
  collect_audience(p, policy.audience);
  // A branch without party groups or without a committee meets as a whole.
  if (audience_.empty() && (policy.audience == Audience::group || policy.audience == Audience::committee))
    collect_audience(p, Audience::branch);
  const int eligible = static_cast<int>(audience_.size());
  if (meeting && eligible > 0 && rng.per_mille(100)) {
    // Attendance rows: each present member once; attendees left empty or equal to the row count.
    std::string& a = files_->attendance.buf();
    int rows = 0;
    for (std::uint32_t i : audience_) {
      if (!rng.per_mille(b_.attendance_pm)) continue;
      put_id(a, 'A', activity_id, 9);
      sep(a);
      put_id(a, 'M', members_[i].id, 8);
      a.push_back('\n');
      files_->attendance.row_done();
      ++rows;
    }
    summary_.attendance += static_cast<std::uint64_t>(rows);
    if (rows > 0 && rng.per_mille(500)) put_int(o, rows);
    sep(o);
    put_int(o, eligible);
    sep(o);
    return;
  }
  int attendees = 0;
  if (meeting) {
    for (int k = 0; k < eligible; ++k) attendees += rng.per_mille(b_.attendance_pm) ? 1 : 0;
  } else if (policy.audience == Audience::team) {
    attendees = std::min(eligible, rng.range(1, 4));
  } else {  // volunteers
    attendees = eligible * rng.range(300, 900) / 1000;
  }
  if (!rng.per_mille(40)) put_int(o, attendees);
  sep(o);
  if (meeting && !rng.per_mille(150)) put_int(o, eligible);
  sep(o);
}

/// 党课 lecturer: usually the secretary, otherwise another party member of the branch that day.
void Synthesizer::write_lecturer(Rng& rng, const Planned& p) {
  if (rng.per_mille(100)) return;
  const Member* secretary = nullptr;
  for (const Member& m : members_)
    if (m.role == Role::secretary && is_party_member(m, p.date)) secretary = &m;
  if (secretary != nullptr && rng.per_mille(650)) {
    put_id(files_->activities.buf(), 'M', secretary->id, 8);
    return;
  }
  collect_audience(p, Audience::branch);
  if (audience_.empty()) return;
  put_id(files_->activities.buf(), 'M', members_[audience_[rng.below(audience_.size())]].id, 8);
}

void Synthesizer::write_activity(Rng& rng, const Planned& p) {
  const KindPolicy& policy = kPolicies[p.kind];
  const std::uint64_t id = next_activity_++;
  std::string& o = files_->activities.buf();
  put_id(o, 'A', id, 9);
  sep(o);
  put(o, b_.id);
  sep(o);
  put(o, kActivityKinds[p.kind].id);
  sep(o);
  put_date(o, p.date);
  sep(o);
  write_mode(rng, policy);
  write_people(rng, p, policy, id);
  if (policy.max_half_hours > 0 && !rng.per_mille(120))
    put_fixed(o, rng.range(policy.min_half_hours, policy.max_half_hours) * 5, 1);
  sep(o);
  if (p.kind == code(ActivityKind::party_lecture)) write_lecturer(rng, p);
  sep(o);
  if (policy.amount_pm > 0 && rng.per_mille(policy.amount_pm)) put_int(o, rng.range(policy.amount_lo, policy.amount_hi));
  sep(o);
  if (p.kind == code(ActivityKind::dispute_mediation)) {
    const int cases = static_cast<int>(rng.weighted(std::array<int, 5>{0, 50, 25, 15, 10}));
    put_int(o, cases);
    sep(o);
    put_int(o, rng.per_mille(900) ? 0 : rng.range(1, cases));
  } else {
    sep(o);
  }
  sep(o);
  if (!rng.per_mille(150)) {
    put(o, kMonthZh[static_cast<std::size_t>(civil_from_days(p.date).m)]);
    append_csv_field(o, kActivityKinds[p.kind].label_zh);
  }
  o.push_back('\n');
  files_->activities.row_done();
  ++summary_.activities;
}

// --- observations ------------------------------------------------------------------------------

void Synthesizer::write_observations(Rng& rng) {
  std::string& o = files_->observations.buf();
  auto row = [&](std::string_view indicator, Day date, auto&& write_value) {
    put(o, b_.id);
    sep(o);
    put(o, indicator);
    sep(o);
    put_date(o, date);
    sep(o);
    write_value();
    o.push_back('\n');
    files_->observations.row_done();
    ++summary_.observations;
  };
  const bool reports_discipline = rng.per_mille(500);
  const bool reports_filing = (b_.type == OrgType::organ || b_.type == OrgType::institution) && rng.per_mille(700);
  const bool reports_business = b_.type == OrgType::enterprise && rng.per_mille(800);
  const int filing_base = rng.range(550, 990);
  const int business_base = rng.range(450, 950);
  for (int year = span_.first_year; year <= span_.last_year; ++year) {
    const Day year_end = days_from_civil(year, 12, 31);
    if (reports_discipline) row("serious_violations", year_end, [&] { put_int(o, rng.per_mille(6) ? 1 : 0); });
    if (reports_filing) {
      // Undated now and then (a standing figure), otherwise at the year's end; hundredths in [0, 1].
      const Day date = rng.per_mille(100) ? kNoDate : year_end;
      row("online_filing_rate", date, [&] { put_fixed(o, std::min(100, filing_base / 10 + rng.range(-5, 8)), 2); });
    }
    if (reports_business)
      row("business_performance", year_end, [&] { put_fixed(o, business_base + rng.range(-80, 80), 1); });
    if (rng.per_mille(200)) {
      const Day date = day_between(rng, days_from_civil(year, 1, 1), year_end);
      row("honors", date, [&] { put_int(o, static_cast<int>(1 + rng.weighted(std::array<int, 3>{70, 22, 8}))); });
    }
  }
}

}  // namespace

namespace {

void check_options(const SynthOptions& options) {
  // Members are born up to ~90 years before first_year; dates must stay four-digit years.
  if (options.first_year > options.last_year)
    throw Error("synth: first_year " + std::to_string(options.first_year) + " is after last_year " +
                std::to_string(options.last_year));
  if (options.first_year < 1200 || options.last_year > 9990)
    throw Error("synth: years must lie in 1200–9990, got " + std::to_string(options.first_year) + "–" +
                std::to_string(options.last_year));
}

// One part's CSV texts through the real loader, as if they were a dataset directory.
Dataset load_part(std::array<std::string, 5> texts, std::uint64_t part) {
  static constexpr std::array<const char*, 5> kFiles{"branches.csv", "members.csv", "activities.csv",
                                                     "attendance.csv", "observations.csv"};
  auto source = [&](std::size_t i) {
    return CsvReader::from_string(std::move(texts[i]), "synth part " + std::to_string(part) + "/" + kFiles[i]);
  };
  TableSources sources;
  sources.branches = source(0);
  sources.members = source(1);
  sources.activities = source(2);
  sources.attendance = source(3);
  sources.observations = source(4);
  return load_tables(std::move(sources));
}

}  // namespace

SynthSummary write_synthetic_dataset(const SynthOptions& options, const std::filesystem::path& out_dir) {
  check_options(options);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw Error("synth: cannot create directory " + out_dir.string() + ": " + ec.message());
  Synthesizer synth(options, out_dir);
  return synth.run();
}

SynthSummary write_synthetic_archive(const SynthOptions& options, const std::filesystem::path& archive,
                                     std::uint64_t branches_per_part) {
  check_options(options);
  if (branches_per_part == 0) throw Error("synth: a part must hold at least one branch");
  Synthesizer synth(options);
  std::uint64_t written = 0;
  std::uint64_t parts = 0;
  auto generate = [&]() -> std::optional<std::array<std::string, 5>> {
    if (parts > 0 && written >= options.branches) return std::nullopt;
    const std::uint64_t count = std::min(branches_per_part, options.branches - written);
    written += count;
    ++parts;
    return synth.next_part(count);
  };
  // Two threads: the loader reads part k while the synthesizer writes part k + 1.
  std::optional<std::array<std::string, 5>> ahead = generate();
  std::uint64_t part = 0;
  save_partitioned_archive(archive, [&]() -> std::optional<Dataset> {
    if (!ahead) return std::nullopt;
    auto loading = std::async(std::launch::async, load_part, std::move(*ahead), part++);
    ahead = generate();
    return loading.get();
  });
  return synth.summary();
}

}  // namespace libbranch
