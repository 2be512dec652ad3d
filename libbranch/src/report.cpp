// The annual summary (SPEC §7): figures counted from the dataset, organization-life totals from the
// fortress metrics, scores from the scorecard; rendered in Chinese or English.
//
// Numbers in the text are rounded for reading (at most two decimals, trailing zeros dropped); the
// result files of SPEC §6 keep their own exact formatting (io/scorecard_writer.cpp).
#include <libbranch/report.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include <libbranch/engine.hpp>
#include <libbranch/error.hpp>
#include <libbranch/model/enums.hpp>
#include <libbranch/rubric.hpp>

namespace libbranch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxLost = 5;

Eigen::Index at(std::size_t i) { return static_cast<Eigen::Index>(i); }

// ---- the figures: labels for programs, phrases for the text --------------------------------------

// `{}` in a phrase is replaced by the number. A figure with `part_of` is written in parentheses after
// the figure it details; several such figures share one pair of parentheses.
struct FigureSpec {
  std::string_view id;
  std::string_view part_of;
  std::string_view label_zh;
  std::string_view label_en;
  std::string_view unit_zh;
  std::string_view phrase_zh;
  std::string_view phrase_en_one;   // value 1
  std::string_view phrase_en_many;  // any other value
  int decimals;                     // at most this many decimals in the text
};

constexpr std::array kFigures{
    // rule_of_law 依法治理好
    FigureSpec{"legal_education", "", "普法宣传教育", "legal education sessions", "次", "开展普法宣传教育{}次",
               "{} legal education session", "{} legal education sessions", 0},
    FigureSpec{"legal_education_online", "legal_education", "线上或线上线下结合的普法宣传教育",
               "legal education sessions online or hybrid", "次", "其中线上或线上线下结合{}次",
               "{} of them online or hybrid", "{} of them online or hybrid", 0},
    FigureSpec{"lecture_hall", "", "大讲堂", "lecture-hall sessions", "期", "举办大讲堂{}期",
               "{} lecture-hall session", "{} lecture-hall sessions", 0},
    FigureSpec{"training", "", "集中学习、政治轮训", "collective study and political training sessions", "次",
               "组织集中学习、政治轮训{}次", "{} collective study or political training session",
               "{} collective study and political training sessions", 0},
    FigureSpec{"training_person_times", "training", "集中学习、政治轮训人次", "training person-times", "人次",
               "{}人次", "{} person-time", "{} person-times", 0},
    FigureSpec{"study_hours_per_member", "", "党员人均学习学时", "study hours per member", "学时",
               "党员人均学习{}学时", "{} study hour per member", "{} study hours per member", 1},
    FigureSpec{"integrity_meetings", "", "党风廉政建设部署会", "integrity deployment meetings", "次",
               "召开党风廉政建设部署会{}次", "{} integrity deployment meeting", "{} integrity deployment meetings", 0},
    FigureSpec{"warning_education", "", "警示教育活动", "warning education activities", "次", "开展警示教育活动{}次",
               "{} warning education activity", "{} warning education activities", 0},
    FigureSpec{"warning_films", "", "观看警示教育片", "warning education film showings", "场",
               "观看警示教育片{}场", "{} warning education film showing", "{} warning education film showings", 0},
    FigureSpec{"role_model_study", "", "学习英模先进事迹", "role-model studies", "次", "学习英模先进事迹{}次",
               "{} role-model study", "{} role-model studies", 0},
    FigureSpec{"disclosure_quarters", "", "党务、财务公开季度数", "quarters with party and financial affairs disclosed",
               "个季度", "党务、财务公开覆盖{}个季度", "party and financial affairs disclosed in {} quarter",
               "party and financial affairs disclosed in {} quarters", 0},
    FigureSpec{"serious_violations", "", "严重违纪", "serious discipline violations", "起", "发生严重违纪{}起",
               "{} serious discipline violation", "{} serious discipline violations", 0},
    // cohesion 凝聚人心好
    FigureSpec{"home_visits", "", "入户走访", "home visits", "次", "入户走访{}次", "{} home visit", "{} home visits", 0},
    FigureSpec{"dispute_mediations", "", "矛盾纠纷化解活动", "dispute mediation sessions", "次",
               "开展矛盾纠纷化解{}次", "{} dispute mediation session", "{} dispute mediation sessions", 0},
    FigureSpec{"dispute_cases", "", "调处矛盾纠纷", "disputes mediated", "件", "调处矛盾纠纷{}件",
               "{} dispute mediated", "{} disputes mediated", 0},
    FigureSpec{"disputes_resolved", "dispute_cases", "化解矛盾纠纷", "disputes resolved", "件", "化解{}件",
               "{} resolved", "{} resolved", 0},
    FigureSpec{"disputes_escalated", "dispute_cases", "矛盾上交", "disputes escalated", "件", "矛盾上交{}件",
               "{} escalated", "{} escalated", 0},
    FigureSpec{"pairing_activities", "", "结对认亲、民族团结一家亲活动", "pairing activities with families", "次",
               "开展结对认亲、民族团结一家亲活动{}次", "{} pairing activity with families",
               "{} pairing activities with families", 0},
    FigureSpec{"pairing_months", "pairing_activities", "开展结对认亲活动的月数", "months with pairing activities",
               "个月", "覆盖{}个月", "in {} month", "in {} months", 0},
    FigureSpec{"publicity_talks", "", "宣讲活动", "publicity talks", "场", "开展宣讲活动{}场", "{} publicity talk",
               "{} publicity talks", 0},
    FigureSpec{"aid_amount", "", "为群众筹集、投入资金", "yuan spent or raised for people", "元",
               "为群众筹集、投入资金{}元", "{} yuan spent or raised for people", "{} yuan spent or raised for people", 2},
    // civility 文明创建好
    FigureSpec{"units_covered", "", "党小组覆盖的内设机构", "internal units covered by party groups", "个",
               "党小组覆盖内设机构{}个", "party groups cover {} internal unit", "party groups cover {} internal units", 0},
    FigureSpec{"internal_units", "units_covered", "内设机构", "internal units", "个", "共{}个", "of {}", "of {}", 0},
    FigureSpec{"brands", "", "党建品牌", "party-building brands", "个", "创建党建品牌{}个", "{} party-building brand",
               "{} party-building brands", 0},
    FigureSpec{"brand_activities", "", "党建品牌活动", "party-building brand activities", "次",
               "开展党建品牌活动{}次", "{} brand activity", "{} brand activities", 0},
    FigureSpec{"pioneer_posts", "", "党员先锋岗、示范岗", "pioneer and model posts", "个",
               "设立党员先锋岗、示范岗{}个", "{} pioneer or model post", "{} pioneer and model posts", 0},
    FigureSpec{"service_station", "", "党员服务站“五有”", "service-station requirements met (五有, of five)", "项",
               "党员服务站“五有”达到{}项", "the service station meets {} of the five requirements (五有)",
               "the service station meets {} of the five requirements (五有)", 0},
    FigureSpec{"facilities", "", "阵地设施", "kinds of facilities (of six)", "类", "建有阵地设施{}类",
               "{} kind of facilities", "{} kinds of facilities", 0},
    FigureSpec{"volunteer_services", "", "志愿服务", "volunteer service activities", "次", "开展志愿服务{}次",
               "{} volunteer service activity", "{} volunteer service activities", 0},
    FigureSpec{"volunteer_hours", "volunteer_services", "志愿服务时长", "volunteer hours", "小时", "服务时长{}小时",
               "{} volunteer hour", "{} volunteer hours", 1},
    // development 推动发展好
    FigureSpec{"identity_activities", "", "亮身份、树形象活动", "activities showing party identity", "次",
               "开展亮身份、树形象活动{}次", "{} activity showing party identity", "{} activities showing party identity", 0},
    FigureSpec{"legal_consultations", "", "义务法律咨询", "free legal consultations", "次", "开展义务法律咨询{}次",
               "{} free legal consultation", "{} free legal consultations", 0},
    FigureSpec{"community_outreach", "", "走进社区、学校、企业", "outreach visits to communities, schools and enterprises",
               "次", "走进社区、学校、企业{}次", "{} outreach visit to communities, schools or enterprises",
               "{} outreach visits to communities, schools and enterprises", 0},
    FigureSpec{"education_base_visits", "", "参观爱国主义教育基地", "patriotic education base visits", "次",
               "参观爱国主义教育基地{}次", "{} patriotic education base visit", "{} patriotic education base visits", 0},
    FigureSpec{"veteran_visits", "", "慰问走访退休老党员", "visits to retired members", "次",
               "慰问走访退休老党员{}次", "{} visit to retired members", "{} visits to retired members", 0},
    FigureSpec{"competitions", "", "演讲比赛、征文", "speech or essay competitions", "次", "举办演讲比赛、征文{}次",
               "{} speech or essay competition", "{} speech or essay competitions", 0},
    FigureSpec{"online_filing_rate", "", "网上立案率", "online filing rate", "%", "网上立案率{}%",
               "an online filing rate of {}%", "an online filing rate of {}%", 1},
    FigureSpec{"business_performance", "", "业务工作成绩", "business performance", "", "业务工作成绩{}",
               "a business performance of {}", "a business performance of {}", 2},
    // fortress 堡垒作用好
    FigureSpec{"members", "", "期末党员", "party members at the end of the period", "名", "期末有党员{}名",
               "{} party member at the end of the period", "{} party members at the end of the period", 0},
    FigureSpec{"formal_members", "members", "正式党员", "formal members", "名", "其中正式党员{}名",
               "{} of them formal", "{} of them formal", 0},
    FigureSpec{"group_meetings", "", "党小组会", "party group meetings", "次", "召开党小组会{}次",
               "{} party group meeting", "{} party group meetings", 0},
    FigureSpec{"party_lectures", "", "党课", "party lectures", "次", "讲党课{}次", "{} party lecture",
               "{} party lectures", 0},
    FigureSpec{"org_life_meetings", "", "组织生活会", "organizational life meetings", "次", "召开组织生活会{}次",
               "{} organizational life meeting", "{} organizational life meetings", 0},
    FigureSpec{"democratic_reviews", "", "民主评议党员", "democratic reviews of members", "次",
               "开展民主评议党员{}次", "{} democratic review of members", "{} democratic reviews of members", 0},
    FigureSpec{"heart_talks", "", "谈心谈话", "heart-to-heart talks", "次", "开展谈心谈话{}次",
               "{} heart-to-heart talk", "{} heart-to-heart talks", 0},
    FigureSpec{"political_birthdays", "", "党员政治生日", "political birthdays", "次", "过党员政治生日{}次",
               "{} political birthday celebrated", "{} political birthdays celebrated", 0},
    FigureSpec{"oath_renewals", "", "重温入党誓词", "oath renewals", "次", "重温入党誓词{}次", "{} oath renewal",
               "{} oath renewals", 0},
};

const FigureSpec* find_spec(std::string_view id) {
  for (const FigureSpec& s : kFigures)
    if (s.id == id) return &s;
  return nullptr;
}

// The five standards of SPEC §1, in order, with English names for the English text.
struct StandardText {
  std::string_view id;
  std::string_view name_zh;
  std::string_view name_en;
};
constexpr std::array<StandardText, 5> kStandards{{
    {"rule_of_law", "依法治理好", "Governance under the rule of law"},
    {"cohesion", "凝聚人心好", "Winning people's hearts"},
    {"civility", "文明创建好", "Building civility"},
    {"development", "推动发展好", "Promoting development"},
    {"fortress", "堡垒作用好", "The branch as a fortress"},
}};

std::string_view english_standard_name(std::string_view id) {
  for (const StandardText& s : kStandards)
    if (s.id == id) return s.name_en;
  return {};
}

// ---- numbers in text -------------------------------------------------------------------------------

// At most `decimals` decimals, trailing zeros dropped, no "-0".
std::string number_text(double v, int decimals = 2) {
  if (std::isnan(v)) return "—";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  std::string s(buffer);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string count_text(std::int64_t n) { return std::to_string(n); }

// A metric value in its unit: shares as percentages.
std::string metric_value_text(double v, std::string_view unit) {
  if (!std::isnan(v) && unit == "share") return number_text(v * 100, 1) + "%";
  return number_text(v);
}

std::string fill(std::string_view phrase, const std::string& number) {
  std::string out(phrase);
  if (const auto pos = out.find("{}"); pos != std::string::npos) out.replace(pos, 2, number);
  return out;
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fill(n == 1 ? one : many, count_text(n));
}

// ---- metric values ---------------------------------------------------------------------------------

// A metric with its default parameters for one branch: the card's column when the card holds it,
// else computed over the card's period.
class MetricSource {
 public:
  MetricSource(const Dataset& ds, const Scorecard& card, std::size_t row, const MetricRegistry& registry)
      : ds_(ds), card_(card), row_(row), registry_(registry) {}

  // Throws UnknownMetricError when the registry lacks it.
  [[nodiscard]] double required(std::string_view id) const { return value_of(registry_.get(id)); }
  // NaN when the registry lacks it.
  [[nodiscard]] double optional(std::string_view id) const {
    const Metric* m = registry_.find(id);
    return m ? value_of(*m) : kNaN;
  }

 private:
  [[nodiscard]] double value_of(const Metric& m) const {
    const std::string key = with_defaults(m, Params{}).key();
    for (std::size_t c = 0; c < card_.metrics.size(); ++c)
      if (card_.metrics[c].metric == m.id && card_.metrics[c].params_key == key)
        return card_.metric_values(at(row_), at(c));
    return compute_metric(registry_, m.id, Params{}, ds_, card_.period)[at(row_)];
  }

  const Dataset& ds_;
  const Scorecard& card_;
  std::size_t row_;
  const MetricRegistry& registry_;
};

std::int64_t as_count(double v) { return std::isnan(v) ? 0 : static_cast<std::int64_t>(std::llround(v)); }

// ---- sections ----------------------------------------------------------------------------------------

class SectionBuilder {
 public:
  explicit SectionBuilder(ReportSection& section) : section_(section) {}
  void add(std::string_view id, double value) {
    const FigureSpec* spec = find_spec(id);
    ReportFigure f;
    f.id = std::string(id);
    f.value = value;
    if (spec != nullptr) {
      f.part_of = std::string(spec->part_of);
      f.label_zh = std::string(spec->label_zh);
      f.label_en = std::string(spec->label_en);
      f.unit_zh = std::string(spec->unit_zh);
    }
    section_.figures.push_back(std::move(f));
  }
  void add(std::string_view id, std::int64_t value) { add(id, static_cast<double>(value)); }

 private:
  ReportSection& section_;
};

// Sums over the branch's activities in the period that the figures need beyond counts per kind.
struct ActivitySums {
  std::int64_t legal_online = 0;           // legal_education with mode online or hybrid
  std::int64_t training_person_times = 0;  // Σ attendees over A(training)
  std::int64_t dispute_cases = 0;          // Σ cases over A(dispute_mediation)
  std::int64_t disputes_escalated = 0;     // Σ escalated over A(dispute_mediation)
  double volunteer_hours = 0;              // Σ hours · attendees over A(volunteer_service)
  double aid_amount = 0;                   // Σ amount_yuan over all activities
  std::set<int> pairing_months;            // (year, month) of A(pairing_activity)
};

// Requirement for full points of a lost indicator, from its rule (SPEC §5.1).
void set_requirement(LostIndicator& lost, bool missing, const Indicator* indicator) {
  if (missing) {
    lost.requirement = Requirement::data;
    return;
  }
  if (indicator == nullptr) return;
  const Rule& rule = indicator->rule;
  const double p = indicator->points;
  auto at_least = [&](double v) {
    lost.requirement = Requirement::at_least;
    lost.required = v;
  };
  switch (rule.type) {
    case RuleType::target:
    case RuleType::ratio:
      at_least(rule.target);
      break;
    case RuleType::linear_cap:
      if (rule.per_unit > 0) at_least(p / rule.per_unit);
      break;
    case RuleType::bands: {
      // The lowest bound of an open-ended band that gives full points.
      std::optional<double> best;
      for (const Band& band : rule.bands)
        if (band.points >= p && band.min && !band.max && (!best || *band.min < *best)) best = band.min;
      if (best) at_least(*best);
      break;
    }
    case RuleType::boolean:
      lost.requirement = Requirement::above_zero;
      break;
    case RuleType::deduction:
      if (rule.per_unit > 0) {
        lost.requirement = Requirement::at_most;
        lost.required = 0;
      }
      break;
    case RuleType::rank:
    case RuleType::relative_to_best:
    case RuleType::minmax:
      lost.requirement = Requirement::peers;
      break;
  }
}

}  // namespace

bool AnnualReport::is_calendar_year() const {
  if (period.from.is_none() || period.to.is_none()) return false;
  const Date::Ymd a = period.from.ymd();
  const Date::Ymd b = period.to.ymd();
  return a.year == b.year && a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31;
}

const ReportFigure* AnnualReport::find_figure(std::string_view id) const {
  for (const ReportSection& s : sections)
    for (const ReportFigure& f : s.figures)
      if (f.id == id) return &f;
  return nullptr;
}

AnnualReport make_annual_report(const Dataset& ds, const Scorecard& card, std::size_t branch_row,
                                const MetricRegistry& registry, const Rubric* rubric) {
  if (branch_row >= card.branch_count())
    throw Error("annual report: branch row " + std::to_string(branch_row) + " is out of range (the scorecard has " +
                std::to_string(card.branch_count()) + " branches)");
  if (ds.branch_count() != card.branch_count() || ds.branches().id[branch_row] != card.branch_ids[branch_row])
    throw Error("annual report: the scorecard was not computed from this dataset (branch '" +
                card.branch_ids[branch_row] + "')");
  const auto b = static_cast<std::uint32_t>(branch_row);
  const Eigen::Index row = at(branch_row);
  const Period& period = card.period;
  const MetricSource metrics(ds, card, branch_row, registry);

  AnnualReport report;
  report.branch_id = card.branch_ids[branch_row];
  report.branch_name = card.branch_names[branch_row];
  report.period = period;
  report.rubric_name = card.rubric_name;

  // Activities of the period: counts per kind and the sums the figures need, in file order.
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  report.activity_counts.assign(kBuiltinKindCount + ds.custom_kinds().size(), 0);
  for (KindCode k = 0; k < report.activity_counts.size(); ++k) report.activity_kinds.emplace_back(ds.kind_id(k));
  ActivitySums sums;
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    const Date d = t.date[r];
    if (!period.contains(d)) continue;
    const KindCode k = t.kind[r];
    ++report.activity_counts[k];
    if (k == code(ActivityKind::legal_education) && (t.mode[r] == Mode::online || t.mode[r] == Mode::hybrid))
      ++sums.legal_online;
    else if (k == code(ActivityKind::training))
      sums.training_person_times += t.attendees.value_or(r, 0);
    else if (k == code(ActivityKind::dispute_mediation)) {
      sums.dispute_cases += t.cases.get(r).value_or(0);
      sums.disputes_escalated += t.escalated.get(r).value_or(0);
    } else if (k == code(ActivityKind::volunteer_service)) {
      const double hours = std::isnan(t.hours[r]) ? 0.0 : t.hours[r];
      sums.volunteer_hours += hours * static_cast<double>(t.attendees.value_or(r, 0));
    } else if (k == code(ActivityKind::pairing_activity)) {
      const Date::Ymd ymd = d.ymd();
      sums.pairing_months.insert(ymd.year * 12 + ymd.month);
    }
  }
  for (std::size_t i = t.amount_yuan.lower_bound(rows.begin); i < t.amount_yuan.entry_count(); ++i) {
    const std::uint32_t r = t.amount_yuan.entry_row(i);
    if (r >= rows.end) break;
    if (in_period(t.date, r, period)) sums.aid_amount += t.amount_yuan.entry_value(i);
  }
  auto n = [&](ActivityKind k) { return report.activity_count(k); };

  // Organization life (SPEC §7).
  OrganizationLife& life = report.organization_life;
  life.theme_days = n(ActivityKind::theme_day);
  life.branch_congresses = n(ActivityKind::branch_congress);
  life.committee_meetings = n(ActivityKind::committee_meeting);
  life.secretary_lectures = as_count(metrics.required("fortress.secretary_lectures"));
  life.new_probationary = as_count(metrics.required("fortress.new_probationary"));
  // On-time conversions: the metric gives the share among the members converted in the period, so
  // the number is that share times their count (exact: the share is a ratio of small integers).
  const MemberTable& m = ds.members();
  const RowRange member_rows = ds.members_of(b);
  for (std::uint32_t r = member_rows.begin; r < member_rows.end; ++r)
    if (period.contains(m.conversion_date[r])) ++life.conversions;
  if (life.conversions > 0) {
    const double rate = metrics.required("fortress.on_time_conversion_rate");
    life.on_time_conversions = std::isnan(rate) ? 0 : std::llround(rate * static_cast<double>(life.conversions));
  }

  // The five standards' figures.
  const BranchTable& branches = ds.branches();
  for (const StandardText& s : kStandards) {
    ReportSection section;
    section.standard = std::string(s.id);
    section.name = std::string(s.name_zh);
    for (const ScoredStandard& scored : card.standards)
      if (scored.id == s.id) section.name = scored.name;
    SectionBuilder fig(section);
    if (s.id == "rule_of_law") {
      fig.add("legal_education", n(ActivityKind::legal_education));
      fig.add("legal_education_online", sums.legal_online);
      fig.add("lecture_hall", n(ActivityKind::lecture_hall));
      fig.add("training", n(ActivityKind::training));
      fig.add("training_person_times", sums.training_person_times);
      fig.add("study_hours_per_member", metrics.optional("rule_of_law.training_hours_per_member"));
      fig.add("integrity_meetings", n(ActivityKind::integrity_meeting));
      fig.add("warning_education", n(ActivityKind::warning_education));
      fig.add("warning_films", n(ActivityKind::warning_film));
      fig.add("role_model_study", n(ActivityKind::role_model_study));
      fig.add("disclosure_quarters", metrics.optional("rule_of_law.disclosure_quarters"));
      fig.add("serious_violations", metrics.optional("rule_of_law.serious_violations"));
    } else if (s.id == "cohesion") {
      fig.add("home_visits", n(ActivityKind::home_visit));
      fig.add("dispute_mediations", n(ActivityKind::dispute_mediation));
      fig.add("dispute_cases", sums.dispute_cases);
      fig.add("disputes_resolved", sums.dispute_cases - sums.disputes_escalated);
      fig.add("disputes_escalated", sums.disputes_escalated);
      fig.add("pairing_activities", n(ActivityKind::pairing_activity));
      fig.add("pairing_months", static_cast<std::int64_t>(sums.pairing_months.size()));
      fig.add("publicity_talks", n(ActivityKind::publicity_talk));
      fig.add("aid_amount", sums.aid_amount);
    } else if (s.id == "civility") {
      if (const auto units = branches.internal_units.get(b)) {
        fig.add("units_covered", branches.units_covered.value_or(b, 0));
        fig.add("internal_units", *units);
      }
      fig.add("brands", branches.brands.value_or(b, 0));
      fig.add("brand_activities", n(ActivityKind::brand_activity));
      fig.add("pioneer_posts", branches.pioneer_posts.value_or(b, 0));
      fig.add("service_station", static_cast<std::int64_t>(popcount8(branches.service_station[b])));
      fig.add("facilities", static_cast<std::int64_t>(popcount8(branches.facilities[b])));
      fig.add("volunteer_services", n(ActivityKind::volunteer_service));
      fig.add("volunteer_hours", sums.volunteer_hours);
    } else if (s.id == "development") {
      fig.add("identity_activities", n(ActivityKind::identity_display));
      fig.add("legal_consultations", n(ActivityKind::legal_consultation));
      fig.add("community_outreach", n(ActivityKind::community_outreach));
      fig.add("education_base_visits", n(ActivityKind::education_base_visit));
      fig.add("veteran_visits", n(ActivityKind::veteran_visit));
      fig.add("competitions", n(ActivityKind::competition));
      fig.add("online_filing_rate", metrics.optional("development.online_filing_rate") * 100);
      fig.add("business_performance", metrics.optional("development.business_performance"));
    } else {  // fortress
      std::int64_t members = 0;
      std::int64_t formal = 0;
      for (std::uint32_t r = member_rows.begin; r < member_rows.end; ++r) {
        if (m.is_member_on(r, period.to)) ++members;
        if (m.is_formal_member_on(r, period.to)) ++formal;
      }
      fig.add("members", members);
      fig.add("formal_members", formal);
      fig.add("group_meetings", n(ActivityKind::group_meeting));
      fig.add("party_lectures", n(ActivityKind::party_lecture));
      fig.add("org_life_meetings", n(ActivityKind::org_life_meeting));
      fig.add("democratic_reviews", n(ActivityKind::democratic_review));
      fig.add("heart_talks", n(ActivityKind::heart_talk));
      fig.add("political_birthdays", n(ActivityKind::political_birthday));
      fig.add("oath_renewals", n(ActivityKind::oath_renewal));
    }
    report.sections.push_back(std::move(section));
  }

  // Scores.
  report.total = card.totals[row];
  report.bonus = card.bonus.size() > row ? card.bonus[row] : 0.0;
  report.rating = card.rating(branch_row);
  for (std::size_t s = 0; s < card.standards.size(); ++s) {
    report.standards.push_back({card.standards[s].id, card.standards[s].name, card.standard_scores(row, at(s)),
                                card.standards[s].max_points});
    report.max_total += card.standards[s].max_points;
  }
  for (std::uint32_t k = card.veto_offsets[branch_row]; k < card.veto_offsets[branch_row + 1]; ++k) {
    ReportVeto veto;
    veto.metric = card.veto_metrics[card.fired_vetoes[k]];
    const Metric* metric = registry.find(veto.metric);
    veto.label_zh = metric ? metric->label_zh : veto.metric;
    veto.label_en = metric ? metric->label_en : veto.metric;
    report.vetoes.push_back(std::move(veto));
  }

  // The indicators that lost most points: ties keep rubric order (stable sort on a key rounded to
  // 1e-9, so that sums differing only in the last bits count as equal).
  std::vector<std::pair<double, LostIndicator>> lost;
  for (std::size_t i = 0; i < card.indicators.size(); ++i) {
    const ScoredIndicator& ind = card.indicators[i];
    if (ind.bonus) {
      report.has_bonuses = true;
      continue;
    }
    const std::uint8_t flags = card.flags(row, at(i));
    if (flags & kFlagExcluded) continue;
    const double points = card.points(row, at(i));
    const double loss = ind.max_points - points;
    if (!(loss > 1e-9)) continue;
    LostIndicator l;
    l.id = ind.id;
    l.standard = ind.standard;
    l.metric = ind.metric;
    l.rule = ind.rule;
    const Metric* metric = registry.find(ind.metric);
    l.label_zh = metric ? metric->label_zh : ind.metric;
    l.label_en = metric ? metric->label_en : ind.metric;
    l.unit = metric ? metric->unit : std::string();
    l.value = card.indicator_value(branch_row, i);
    l.points = points;
    l.max_points = ind.max_points;
    const Indicator* rubric_indicator = rubric ? rubric->find_indicator(ind.id) : nullptr;
    if (rubric_indicator != nullptr && rubric_indicator->metric != ind.metric) rubric_indicator = nullptr;
    set_requirement(l, (flags & kFlagMissing) != 0, rubric_indicator);
    lost.emplace_back(std::round(loss * 1e9), std::move(l));
  }
  std::stable_sort(lost.begin(), lost.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < lost.size() && i < kMaxLost; ++i) report.lost.push_back(std::move(lost[i].second));
  return report;
}

// ---- rendering ---------------------------------------------------------------------------------------

std::string organization_life_sentence(const AnnualReport& report, Language language) {
  const OrganizationLife& l = report.organization_life;
  const bool year = report.is_calendar_year();
  if (language == Language::zh) {
    // 本年度以来 ("since the start of the year") only fits a calendar year; for any other period
    // (a half year, two years, a term) the sentence begins with 本考评期内 ("within this
    // evaluation period"), which is what a report over an arbitrary window says.
    std::string s = year ? "本年度以来" : "本考评期内";
    s += "，开展“主题党日”" + count_text(l.theme_days) + "次、召开党员大会" + count_text(l.branch_congresses) +
         "次、支部委员会" + count_text(l.committee_meetings) + "次，支部书记讲党课" +
         count_text(l.secretary_lectures) + "次；按期转正" + count_text(l.on_time_conversions) +
         "名党员，按程序吸收" + count_text(l.new_probationary) + "名同志为预备党员。";
    return s;
  }
  std::string s = year ? "Since the start of the year" : "During the evaluation period";
  s += ", the branch held " + plural(l.theme_days, "{} theme party day", "{} theme party days") + ", " +
       plural(l.branch_congresses, "{} branch general meeting", "{} branch general meetings") + " and " +
       plural(l.committee_meetings, "{} branch committee meeting", "{} branch committee meetings") +
       ", and the branch secretary gave " + plural(l.secretary_lectures, "{} party lecture", "{} party lectures") +
       "; " +
       plural(l.on_time_conversions, "{} probationary member was converted to full membership on time",
              "{} probationary members were converted to full membership on time") +
       ", and " +
       plural(l.new_probationary, "{} person was admitted as a probationary member through the proper procedure",
              "{} people were admitted as probationary members through the proper procedure") +
       ".";
  return s;
}

namespace {

std::string figure_phrase(const ReportFigure& f, Language language) {
  const FigureSpec* spec = find_spec(f.id);
  const int decimals = spec ? spec->decimals : 2;
  const std::string number = number_text(f.value, decimals);
  if (spec == nullptr) {
    return language == Language::zh ? f.label_zh + number + f.unit_zh : f.label_en + " " + number;
  }
  if (language == Language::zh) return fill(spec->phrase_zh, number);
  return fill(f.value == 1 ? spec->phrase_en_one : spec->phrase_en_many, number);
}

// The figures of a section as one sentence; details go in parentheses after their figure.
std::string section_text(const ReportSection& section, Language language) {
  const bool zh = language == Language::zh;
  std::string out;
  std::size_t i = 0;
  const auto& figures = section.figures;
  bool first = true;
  while (i < figures.size()) {
    const ReportFigure& main = figures[i++];
    if (std::isnan(main.value)) {
      while (i < figures.size() && !figures[i].part_of.empty()) ++i;  // details of a figure not shown
      continue;
    }
    if (!first) out += zh ? "，" : ", ";
    first = false;
    out += figure_phrase(main, language);
    std::string details;
    while (i < figures.size() && !figures[i].part_of.empty()) {
      const ReportFigure& d = figures[i++];
      if (std::isnan(d.value)) continue;
      if (!details.empty()) details += zh ? "、" : ", ";
      details += figure_phrase(d, language);
    }
    if (!details.empty()) out += zh ? "（" + details + "）" : " (" + details + ")";
  }
  return out;
}

constexpr std::array<std::string_view, 10> kChineseNumerals{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string chinese_ordinal(std::size_t i) {
  return i < kChineseNumerals.size() ? std::string(kChineseNumerals[i]) : std::to_string(i + 1);
}

std::string english_rating(const std::string& label) {
  if (label == "优秀") return label + " (excellent)";
  if (label == "良好") return label + " (good)";
  if (label == "合格") return label + " (pass)";
  if (label == "不合格") return label + " (fail)";
  return label;
}

std::string requirement_text(const LostIndicator& l, Language language) {
  const bool zh = language == Language::zh;
  switch (l.requirement) {
    case Requirement::unknown:
      return {};
    case Requirement::data:
      return {};  // said with the value
    case Requirement::at_least:
      return zh ? "满分需达到" + metric_value_text(l.required, l.unit)
                : "full points need at least " + metric_value_text(l.required, l.unit);
    case Requirement::above_zero:
      return zh ? "满分需大于0" : "full points need a value above 0";
    case Requirement::at_most:
      return zh ? "满分需不超过" + metric_value_text(l.required, l.unit)
                : "full points need at most " + metric_value_text(l.required, l.unit);
    case Requirement::peers:
      return zh ? "按同组比较计分" : "scored against the peer group";
  }
  return {};
}

std::string lost_line(std::size_t k, const LostIndicator& l, Language language) {
  const bool zh = language == Language::zh;
  const bool none = std::isnan(l.value);
  std::string out = std::to_string(k + 1) + ". ";
  if (zh) {
    out += l.label_zh + "（" + l.metric + "）：得" + number_text(l.points) + "分，满分" + number_text(l.max_points) +
           "分，失" + number_text(l.lost()) + "分；";
    out += none ? std::string("无数据") : "实际" + metric_value_text(l.value, l.unit);
    const std::string req = requirement_text(l, language);
    if (!req.empty()) out += "，" + req;
    out += "。";
  } else {
    out += l.label_en + " (" + l.metric + "): " + number_text(l.points) + " of " + number_text(l.max_points) +
           " points, " + number_text(l.lost()) + " lost; ";
    out += none ? std::string("nothing recorded") : "value " + metric_value_text(l.value, l.unit);
    const std::string req = requirement_text(l, language);
    if (!req.empty()) out += ", " + req;
    out += ".";
  }
  return out;
}

}  // namespace

std::string render_annual_report(const AnnualReport& r, Language language) {
  const bool zh = language == Language::zh;
  const bool year = r.is_calendar_year();
  const std::string from = r.period.from.to_string();
  const std::string to = r.period.to.to_string();
  std::string out;

  // Title and period.
  if (zh) {
    out += r.branch_name + (year ? std::to_string(r.period.from.year()) + "年度工作总结" : std::string("考评期工作总结")) + "\n";
    out += "考评期：" + from + "至" + to + "\n\n";
  } else {
    out += r.branch_name + " (" + r.branch_id + "): " +
           (year ? "annual work summary " + std::to_string(r.period.from.year()) : std::string("work summary")) + "\n";
    out += "Period: " + from + " to " + to + "\n\n";
  }

  // The figures, standard by standard; the organization-life sentence ends the last (fortress).
  for (std::size_t i = 0; i < r.sections.size(); ++i) {
    const ReportSection& s = r.sections[i];
    std::string text = section_text(s, language);
    if (zh) {
      out += chinese_ordinal(i) + "、" + s.name + "。" + text + (text.empty() ? "" : "。");
    } else {
      const std::string_view en = english_standard_name(s.standard);
      out += std::to_string(i + 1) + ". " + (en.empty() ? s.name : std::string(en) + " (" + s.name + ")") + ". ";
      if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        out += text + ".";
      }
    }
    if (s.standard == "fortress") out += (zh ? "" : " ") + organization_life_sentence(r, language);
    out += "\n";
  }
  if (r.sections.empty() || r.sections.back().standard != "fortress")
    out += organization_life_sentence(r, language) + "\n";

  // Results.
  out += "\n";
  if (zh) {
    out += "考评结果：总分" + number_text(r.total) + "分（满分" + number_text(r.max_total) + "分），等级：" + r.rating + "。\n";
    out += "各标准得分：";
    for (std::size_t i = 0; i < r.standards.size(); ++i) {
      const StandardResult& s = r.standards[i];
      out += (i ? "，" : "") + s.name + " " + number_text(s.score) + "/" + number_text(s.max_points);
    }
    if (r.has_bonuses) out += std::string(r.standards.empty() ? "" : "；") + "加分" + number_text(r.bonus) + "分";
    out += "。\n";
    if (!r.vetoes.empty()) {
      out += "一票否决：";
      for (std::size_t i = 0; i < r.vetoes.size(); ++i)
        out += (i ? "，" : "") + r.vetoes[i].label_zh + "（" + r.vetoes[i].metric + "）";
      out += "。\n";
    }
    out += "失分较多的指标：";
    if (r.lost.empty()) {
      out += "无，各项指标均得满分。\n";
    } else {
      out += "\n";
      for (std::size_t k = 0; k < r.lost.size(); ++k) out += lost_line(k, r.lost[k], language) + "\n";
    }
  } else {
    out += "Result: total " + number_text(r.total) + " of " + number_text(r.max_total) + " points, rating " +
           english_rating(r.rating) + ".\n";
    out += "Standards: ";
    for (std::size_t i = 0; i < r.standards.size(); ++i) {
      const StandardResult& s = r.standards[i];
      const std::string_view en = english_standard_name(s.id);
      out += (i ? ", " : "") + (en.empty() ? s.name : std::string(en) + " (" + s.name + ")") + " " +
             number_text(s.score) + "/" + number_text(s.max_points);
    }
    if (r.has_bonuses)
      out += std::string(r.standards.empty() ? "" : "; ") + "bonus " + number_text(r.bonus) +
             (r.bonus == 1 ? " point" : " points");
    out += ".\n";
    if (!r.vetoes.empty()) {
      out += "Vetoed by: ";
      for (std::size_t i = 0; i < r.vetoes.size(); ++i)
        out += (i ? ", " : "") + r.vetoes[i].label_en + " (" + r.vetoes[i].metric + ")";
      out += ".\n";
    }
    out += "Indicators that lost most points:";
    if (r.lost.empty()) {
      out += " none; every indicator earned full points.\n";
    } else {
      out += "\n";
      for (std::size_t k = 0; k < r.lost.size(); ++k) out += lost_line(k, r.lost[k], language) + "\n";
    }
  }
  return out;
}

}  // namespace libbranch
