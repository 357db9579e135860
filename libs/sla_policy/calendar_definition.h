// A named business calendar with its SLA policy, as administrators define it
// (helpdesk.sla.v1.Calendar, the sla service's rows, the CalendarChanged
// event), and the conversions between the proto and the library types.
//
//   HELPDESK_ASSIGN_OR_RETURN(sla_policy::CalendarDefinition def,
//                             sla_policy::FromProto(request));   // names the bad field
//   HELPDESK_ASSIGN_OR_RETURN(calendar::Calendar calendar,
//                             calendar::Calendar::Create(def.spec));
//   sla_policy::TicketDue due = sla_policy::ComputeTicketDue(calendar, def.policy, ...);
//
// A service that computes dues locally (the ticket service) keeps the
// definitions it receives in CalendarChanged events and falls back to
// DefaultDefinition() for "default" until one arrives: the sla service seeds
// exactly that definition. Pure functions, no I/O.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "libs/calendar/calendar_spec.h"
#include "libs/sla_policy/policy.h"

namespace helpdesk::sla_policy {

inline constexpr char kDefaultCalendarName[] = "default";

struct CalendarDefinition {
  std::string name;
  calendar::CalendarSpec spec;
  Policy policy;
};

// "default": Mon–Fri 09:00–13:00 and 14:30–18:30 Europe/Rome with the
// Italian national holidays, and the default policy (SPEC §4).
CalendarDefinition DefaultDefinition();

// A calendar name: 1–40 characters of a–z, 0–9, '-' and '_', starting with a
// letter or digit. INVALID_ARGUMENT naming `field` otherwise.
absl::Status ValidateCalendarName(absl::string_view name, absl::string_view field = "name");

// The definition of a Calendar message, checked field by field with errors
// naming the JSON field ("windows[2].weekday: must be 1 (Monday) .. 7
// (Sunday)", "closures[0].date: \"2025-13-01\" is not a date YYYY-MM-DD",
// "policy.high: must be positive"). An omitted policy is the default one.
// The spec's own consistency (time zone, overlapping windows, holiday rules)
// is checked by calendar::Calendar::Create, whose errors name fields the
// same way.
absl::StatusOr<CalendarDefinition> FromProto(const sla::v1::Calendar& proto);

// The message of a definition; FromProto(ToProto(d)) gives d back (closures
// sorted by date, windows in the given order).
sla::v1::Calendar ToProto(const CalendarDefinition& definition);

}  // namespace helpdesk::sla_policy
