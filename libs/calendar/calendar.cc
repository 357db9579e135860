#include "libs/calendar/calendar.h"

#include <algorithm>

#include "libs/calendar/schedule.h"
#include "libs/calendar/window_cursor.h"
#include "libs/calendar/window_table.h"
#include "libs/status/status_macros.h"

namespace helpdesk::calendar {
namespace {

bool IsFinite(absl::Time t) { return t != absl::InfiniteFuture() && t != absl::InfinitePast(); }

}  // namespace

struct Calendar::Data {
  explicit Data(Schedule s) : schedule(std::move(s)), table(schedule) {}

  const Schedule schedule;
  const WindowTable table;
};

absl::StatusOr<Calendar> Calendar::Create(const CalendarSpec& spec) {
  HELPDESK_ASSIGN_OR_RETURN(Schedule schedule, Schedule::Compile(spec));
  return Calendar(std::make_shared<const Data>(std::move(schedule)));
}

const absl::TimeZone& Calendar::time_zone() const { return data_->schedule.zone(); }

std::optional<std::string> Calendar::ClosureName(absl::CivilDay day) const {
  const std::string* name = data_->schedule.ClosureName(day);
  if (name == nullptr) return std::nullopt;
  return *name;
}

absl::Time Calendar::AddBusinessTime(absl::Time start, absl::Duration d) const {
  if (!IsFinite(start)) return start;
  if (d <= absl::ZeroDuration()) return NextWorkingInstant(start);
  if (d == absl::InfiniteDuration()) return absl::InfiniteFuture();
  if (data_->table.Covers(start)) {
    if (std::optional<absl::Time> due = data_->table.Add(start, d)) return *due;
  }
  return Walk(start, d, nullptr);
}

absl::Time Calendar::Walk(absl::Time start, absl::Duration d,
                          std::vector<BusinessWindow>* counted) const {
  WindowCursor cursor(data_->schedule, data_->table, start);
  absl::Duration remaining = d;
  while (std::optional<BusinessWindow> w = cursor.Next()) {
    const absl::Time from = std::max(w->start, start);
    const absl::Duration available = w->end - from;
    if (remaining <= available) {
      if (counted != nullptr) counted->push_back({from, from + remaining});
      return from + remaining;
    }
    if (counted != nullptr) counted->push_back({from, w->end});
    remaining -= available;
  }
  return absl::InfiniteFuture();
}

absl::Duration Calendar::BusinessTimeBetween(absl::Time a, absl::Time b) const {
  if (a == b) return absl::ZeroDuration();
  if (b < a) return -BusinessTimeBetween(b, a);
  if (!IsFinite(a) || !IsFinite(b)) return absl::InfiniteDuration();
  const WindowTable& table = data_->table;
  absl::Duration total;
  if (a < table.begin()) total += WalkBetween(a, std::min(b, table.begin()));
  const absl::Time lo = std::max(a, table.begin());
  const absl::Time hi = std::min(b, table.end());
  if (lo < hi) total += table.Position(hi) - table.Position(lo);
  if (b > table.end()) total += WalkBetween(std::max(a, table.end()), b);
  return total;
}

absl::Duration Calendar::WalkBetween(absl::Time a, absl::Time b) const {
  absl::Duration total;
  WindowCursor cursor(data_->schedule, data_->table, a);
  while (std::optional<BusinessWindow> w = cursor.Next()) {
    if (w->start >= b) break;
    total += std::min(w->end, b) - std::max(w->start, a);
  }
  return total;
}

bool Calendar::IsWorkingTime(absl::Time t) const {
  if (!IsFinite(t)) return false;
  std::optional<BusinessWindow> w = WindowCursor(data_->schedule, data_->table, t).Next();
  return w.has_value() && w->start <= t;
}

absl::Time Calendar::NextWorkingInstant(absl::Time t) const {
  if (!IsFinite(t)) return t;
  std::optional<BusinessWindow> w = WindowCursor(data_->schedule, data_->table, t).Next();
  return w.has_value() ? std::max(w->start, t) : absl::InfiniteFuture();
}

DueExplanation Calendar::ExplainDue(absl::Time start, absl::Duration d) const {
  DueExplanation explanation;
  if (!IsFinite(start) || d <= absl::ZeroDuration() || d == absl::InfiniteDuration()) {
    explanation.due = AddBusinessTime(start, d);
    return explanation;
  }
  explanation.due = Walk(start, d, &explanation.windows);
  return explanation;
}

}  // namespace helpdesk::calendar
