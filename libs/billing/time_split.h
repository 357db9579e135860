// Splits an interval of time into the three surcharge classes of SPEC §5
// rule 4, by a business calendar:
//   - normal: working time (inside the calendar's windows) of a working day;
//   - out of hours (+50%): the rest of a working day (before 09:00,
//     13:00–14:30, after 18:30 in the default calendar);
//   - weekend and holiday (+100%): Saturday, Sunday, and a day the calendar
//     closes (a national or local holiday, a company closure) when
//     `holidays_like_sunday`; otherwise such a day counts as a working day
//     without working hours, all of it out of hours.
// Days are civil days of the calendar's time zone, so an interval crossing
// midnight or a daylight-saving change is split at the real instants.
//
//   MinuteSplit split = SplitInterval(rome, start, start + absl::Hours(1), true);
#pragma once

#include "absl/time/time.h"
#include "libs/billing/money.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::billing {

// The whole minutes of [start, end) by class; start <= end, both finite.
// Seconds (only possible with zones whose offsets are not whole minutes)
// are rounded to the nearest minute per class, out of hours taking the rest
// so the classes add up to the interval's minutes.
MinuteSplit SplitInterval(const calendar::Calendar& calendar, absl::Time start, absl::Time end,
                          bool holidays_like_sunday);

// The first instant of `day` in `zone` (its midnight, or the end of a
// daylight-saving gap that swallowed midnight).
absl::Time StartOfDay(absl::CivilDay day, const absl::TimeZone& zone);

}  // namespace helpdesk::billing
