// The fused pass over activities: counts and month masks per branch and kind, and the scope in
// which scoring shares one tally among its metrics.
#include <libbranch/activity_tally.hpp>

#include <algorithm>
#include <bit>
#include <mutex>

#include <libbranch/metric.hpp>

namespace libbranch {
namespace {

std::int64_t month_index(Date d) {
  const Date::Ymd v = d.ymd();
  return std::int64_t{v.year} * 12 + (v.month - 1);
}

// For each day of the period, its month relative to the first month: a lookup instead of a
// calendar conversion per activity.
std::vector<std::uint8_t> months_of_days(const Period& p, std::int64_t first_month) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(p.to.days() - p.from.days()) + 1);
  for (std::int32_t d = p.from.days(); d <= p.to.days(); ++d)
    out[static_cast<std::size_t>(d - p.from.days())] = static_cast<std::uint8_t>(month_index(Date(d)) - first_month);
  return out;
}

// Scoring registers one slot per (dataset, period) it is computing; metrics find it there.
struct Slot {
  const Dataset* ds;
  Period period;
  std::once_flag built;
  std::shared_ptr<const ActivityTally> tally;
};

std::mutex g_slots_mutex;
std::vector<std::shared_ptr<Slot>> g_slots;

bool same_period(const Period& a, const Period& b) { return a.from == b.from && a.to == b.to; }

std::shared_ptr<Slot> find_slot(const Dataset& ds, const Period& period) {
  const std::lock_guard lock(g_slots_mutex);
  for (const auto& s : g_slots)
    if (s->ds == &ds && same_period(s->period, period)) return s;
  return nullptr;
}

}  // namespace

ActivityTally::ActivityTally(const Dataset& ds, const Period& period) : period_(period) {
  const bool valid = !period.from.is_none() && !period.to.is_none() && period.from <= period.to;
  std::vector<std::uint8_t> month_of_day;
  if (valid) {
    first_month_ = month_index(period.from);
    const std::int64_t span = month_index(period.to) - first_month_ + 1;
    if (span <= kMaxMonths) {
      month_span_ = static_cast<int>(span);
      month_of_day = months_of_days(period, first_month_);
    }
  }
  const std::size_t cells = ds.branch_count() * kBuiltinKindCount;
  counts_.assign(cells, 0);
  if (has_months()) masks_.assign(cells, 0);
  if (!valid) return;
  parallel_for_branches(ds.branch_count(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) tally_branch(ds, static_cast<std::uint32_t>(b), month_of_day);
  });
}

void ActivityTally::tally_branch(const Dataset& ds, std::uint32_t b, const std::vector<std::uint8_t>& month_of_day) {
  const ActivityTable& t = ds.activities();
  const RowRange rows = ds.activities_of(b);
  std::uint32_t* counts = counts_.data() + std::size_t{b} * kBuiltinKindCount;
  std::uint64_t* masks = has_months() ? masks_.data() + std::size_t{b} * kBuiltinKindCount : nullptr;
  const std::int32_t from = period_.from.days();
  const std::optional<DateCellWindow> window = DateCellWindow::of(period_);
  const std::uint16_t* cells = t.date.cells().data();
  for (std::uint32_t r = rows.begin; r < rows.end; ++r) {
    const KindCode k = t.kind[r];
    if (k >= kBuiltinKindCount) continue;
    std::int64_t day = 0;
    if (window) {
      day = window->day(cells[r]);
      if (day < 0) continue;
    } else {
      const Date d = t.date[r];
      if (!period_.contains(d)) continue;
      day = d.days() - from;
    }
    ++counts[k];
    if (masks) masks[k] |= std::uint64_t{1} << month_of_day[static_cast<std::size_t>(day)];
  }
}

std::int64_t ActivityTally::count(std::uint32_t b, std::uint64_t kinds) const {
  const std::uint32_t* counts = counts_.data() + std::size_t{b} * kBuiltinKindCount;
  std::int64_t n = 0;
  for (std::uint64_t rest = kinds; rest != 0; rest &= rest - 1) n += counts[std::countr_zero(rest)];
  return n;
}

std::uint64_t ActivityTally::months(std::uint32_t b, std::uint64_t kinds) const {
  const std::uint64_t* masks = masks_.data() + std::size_t{b} * kBuiltinKindCount;
  std::uint64_t covered = 0;
  for (std::uint64_t rest = kinds; rest != 0; rest &= rest - 1) covered |= masks[std::countr_zero(rest)];
  return covered;
}

std::int64_t ActivityTally::months_covered(std::uint32_t b, std::uint64_t kinds) const {
  return std::popcount(months(b, kinds));
}

std::int64_t ActivityTally::quarters_covered(std::uint32_t b, std::uint64_t kinds) const {
  std::int64_t quarters = 0;
  std::int64_t last = -1;
  for (std::uint64_t rest = months(b, kinds); rest != 0; rest &= rest - 1) {
    const std::int64_t quarter = (first_month_ + std::countr_zero(rest)) / 3;  // year * 4 + quarter
    if (quarter != last) ++quarters;
    last = quarter;
  }
  return quarters;
}

std::shared_ptr<const ActivityTally> activity_tally(const Dataset& ds, const Period& period) {
  const std::shared_ptr<Slot> slot = find_slot(ds, period);
  if (!slot) return std::make_shared<const ActivityTally>(ds, period);
  std::call_once(slot->built, [&] { slot->tally = std::make_shared<const ActivityTally>(ds, period); });
  return slot->tally;
}

SharedTallyScope::SharedTallyScope(const Dataset& ds, const Period& period) : ds_(&ds), period_(period) {
  auto slot = std::make_shared<Slot>();
  slot->ds = &ds;
  slot->period = period;
  const std::lock_guard lock(g_slots_mutex);
  g_slots.push_back(std::move(slot));
}

SharedTallyScope::~SharedTallyScope() {
  const std::lock_guard lock(g_slots_mutex);
  // The latest matching slot is this scope's (scopes on one dataset and period nest).
  for (auto it = g_slots.rbegin(); it != g_slots.rend(); ++it) {
    if ((*it)->ds == ds_ && same_period((*it)->period, period_)) {
      g_slots.erase(std::next(it).base());
      return;
    }
  }
}

}  // namespace libbranch
