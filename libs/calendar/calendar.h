// A business calendar: which instants are working time, and how much working
// time lies between two instants (SPEC §4). Built from data (CalendarSpec:
// working windows per weekday in local civil time, a time zone, national and
// local holidays, closures); pure, no I/O after construction.
//
//   HELPDESK_ASSIGN_OR_RETURN(calendar::Calendar rome,
//                             calendar::Calendar::Create(calendar::CalendarSpec{}));
//   absl::Time due = rome.AddBusinessTime(ticket.created_at, absl::Hours(4));
//   absl::Duration left = rome.BusinessTimeBetween(absl::Now(), due);  // < 0: late
//   calendar::DueExplanation why = rome.ExplainDue(ticket.created_at, absl::Hours(4));
//
// Exact across daylight-saving changes: windows are civil times of the
// calendar's zone, converted to absolute instants day by day (see schedule.h
// for boundaries inside a gap or a repeated hour). Fast: the windows of
// `table_first_year..table_last_year` are precomputed with prefix sums, so
// AddBusinessTime and BusinessTimeBetween cost a few index lookups there;
// elsewhere they walk day by day. Immutable and cheap to copy (the table is
// shared); every method is const and safe to call from any number of threads
// without locking.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/calendar_spec.h"

namespace helpdesk::calendar {

class Schedule;
class WindowTable;

struct DueExplanation {
  absl::Time due;
  // The business windows counted, clipped to [first working instant, due),
  // in order; their lengths add up to the target.
  std::vector<BusinessWindow> windows;
};

class Calendar {
 public:
  // INVALID_ARGUMENT naming the field (timeZone, windows[i], localHolidays[i],
  // tableYears): a zone that fails to load (never a fallback to UTC), a
  // window that is reversed (13:00–09:00), out of the day or overlapping
  // another of the same weekday, no window at all, a bad holiday rule.
  static absl::StatusOr<Calendar> Create(const CalendarSpec& spec);

  // The earliest instant at which `d` of business time has elapsed since
  // `start`; counting starts at the next working instant when `start` is
  // outside working hours. A due landing on a window's end is that end
  // (11:00 + 2 h = 13:00, not 14:30). d <= 0 gives NextWorkingInstant(start):
  // the instant the clock would start, so "due = start" only when start is
  // working time. InfiniteFuture() if the calendar never works again.
  absl::Time AddBusinessTime(absl::Time start, absl::Duration d) const;

  // Business time in [a, b); negative (the opposite) when b < a, so the
  // remaining time to an overdue instant is negative.
  absl::Duration BusinessTimeBetween(absl::Time a, absl::Time b) const;

  // Whether t lies in a working window (windows are [start, end): 13:00 is
  // not working time, 09:00 is).
  bool IsWorkingTime(absl::Time t) const;

  // t when it is working time, else the start of the next working window;
  // InfiniteFuture() if the calendar never works again.
  absl::Time NextWorkingInstant(absl::Time t) const;

  // AddBusinessTime with the windows it counted, so that a disputed due can
  // be checked by hand. Walks window by window (not for hot paths).
  DueExplanation ExplainDue(absl::Time start, absl::Duration d) const;

  // The holiday or closure that closes `day`, or nullopt when it is not
  // closed (it may still have no working hours, like a Sunday).
  std::optional<std::string> ClosureName(absl::CivilDay day) const;

  const absl::TimeZone& time_zone() const;

 private:
  struct Data;
  explicit Calendar(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

  // The window-by-window path: from start, count d (collecting the windows
  // in `counted` when not null).
  absl::Time Walk(absl::Time start, absl::Duration d, std::vector<BusinessWindow>* counted) const;
  absl::Duration WalkBetween(absl::Time a, absl::Time b) const;

  std::shared_ptr<const Data> data_;
};

}  // namespace helpdesk::calendar
