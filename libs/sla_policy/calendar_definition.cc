#include "libs/sla_policy/calendar_definition.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/status/status_macros.h"

namespace helpdesk::sla_policy {
namespace {

constexpr size_t kMaxNameLength = 40;

// Proto weekdays are 1 = Monday … 7 = Sunday; absl's enum starts at Monday.
absl::Weekday WeekdayOf(int number) { return static_cast<absl::Weekday>(number - 1); }
int NumberOf(absl::Weekday weekday) { return static_cast<int>(weekday) + 1; }

absl::StatusOr<absl::CivilDay> ParseDate(const std::string& text, absl::string_view field) {
  int year = 0, month = 0, day = 0, consumed = 0;
  if (text.size() == 10 &&
      std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
      consumed == 10 && text[4] == '-' && text[7] == '-') {
    absl::CivilDay parsed(year, month, day);
    // CivilDay normalizes (2025-02-30 becomes 2025-03-02): refuse those.
    if (parsed.year() == year && parsed.month() == month && parsed.day() == day) return parsed;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", text, "\" is not a date YYYY-MM-DD"));
}

absl::StatusOr<absl::Duration> DurationOf(bool present, const google::protobuf::Duration& d,
                                          absl::string_view field) {
  if (!present) return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

void SetDuration(absl::Duration d, google::protobuf::Duration* out) {
  const int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &d);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(d)));
}

absl::StatusOr<Policy> PolicyOf(const sla::v1::Calendar& proto) {
  if (!proto.has_policy()) return DefaultPolicy();
  const sla::v1::SlaPolicy& p = proto.policy();
  Policy policy;
  HELPDESK_ASSIGN_OR_RETURN(policy.high, DurationOf(p.has_high(), p.high(), "policy.high"));
  HELPDESK_ASSIGN_OR_RETURN(policy.medium, DurationOf(p.has_medium(), p.medium(), "policy.medium"));
  HELPDESK_ASSIGN_OR_RETURN(policy.low, DurationOf(p.has_low(), p.low(), "policy.low"));
  HELPDESK_ASSIGN_OR_RETURN(
      policy.urgent_on_site,
      DurationOf(p.has_urgent_on_site(), p.urgent_on_site(), "policy.urgentOnSite"));
  if (p.warning_fraction() != 0.0) policy.warning_fraction = p.warning_fraction();
  if (p.has_resolution()) {
    HELPDESK_ASSIGN_OR_RETURN(policy.resolution,
                              DurationOf(true, p.resolution(), "policy.resolution"));
  }
  HELPDESK_RETURN_IF_ERROR(ValidatePolicy(policy, "policy"));
  return policy;
}

}  // namespace

CalendarDefinition DefaultDefinition() {
  return CalendarDefinition{kDefaultCalendarName, calendar::CalendarSpec{}, DefaultPolicy()};
}

absl::Status ValidateCalendarName(absl::string_view name, absl::string_view field) {
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  const bool ok =
      name.size() <= kMaxNameLength &&
      std::all_of(name.begin(), name.end(),
                  [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                  }) &&
      name[0] != '-' && name[0] != '_';
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be 1-40 characters a-z, 0-9, '-' or '_', starting with a letter or digit"));
  }
  return absl::OkStatus();
}

absl::StatusOr<CalendarDefinition> FromProto(const sla::v1::Calendar& proto) {
  CalendarDefinition def;
  HELPDESK_RETURN_IF_ERROR(ValidateCalendarName(proto.name()));
  def.name = proto.name();
  def.spec.time_zone = proto.time_zone();
  def.spec.national_holidays = proto.national_holidays();
  def.spec.windows.clear();
  for (int i = 0; i < proto.windows_size(); ++i) {
    const sla::v1::WorkingWindow& w = proto.windows(i);
    const std::string field = absl::StrCat("windows[", i, "]");
    if (w.weekday() < 1 || w.weekday() > 7) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".weekday: must be 1 (Monday) .. 7 (Sunday)"));
    }
    calendar::WorkingWindow window;
    window.weekday = WeekdayOf(w.weekday());
    HELPDESK_ASSIGN_OR_RETURN(window.start_minute,
                              calendar::ParseTimeOfDay(w.start(), absl::StrCat(field, ".start")));
    HELPDESK_ASSIGN_OR_RETURN(window.end_minute,
                              calendar::ParseTimeOfDay(w.end(), absl::StrCat(field, ".end")));
    def.spec.windows.push_back(window);
  }
  for (int i = 0; i < proto.closures_size(); ++i) {
    const sla::v1::Closure& c = proto.closures(i);
    const std::string field = absl::StrCat("closures[", i, "]");
    HELPDESK_ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate(c.date(), field + ".date"));
    if (c.name().empty()) return absl::InvalidArgumentError(field + ".name: required");
    def.spec.closures.push_back({day, c.name()});
  }
  std::sort(def.spec.closures.begin(), def.spec.closures.end(),
            [](const calendar::Closure& a, const calendar::Closure& b) { return a.day < b.day; });
  for (int i = 0; i < proto.local_holidays_size(); ++i) {
    const sla::v1::LocalHoliday& h = proto.local_holidays(i);
    const std::string field = absl::StrCat("localHolidays[", i, "]");
    if (h.name().empty()) return absl::InvalidArgumentError(field + ".name: required");
    calendar::HolidayRule rule = calendar::HolidayRule::Fixed(
        h.name(), h.month(), h.day(),
        h.first_year() != 0 ? h.first_year() : calendar::kFirstRuleYear,
        h.last_year() != 0 ? h.last_year() : calendar::kLastRuleYear);
    HELPDESK_RETURN_IF_ERROR(calendar::ValidateRule(rule, field));
    def.spec.local_holidays.push_back(std::move(rule));
  }
  HELPDESK_ASSIGN_OR_RETURN(def.policy, PolicyOf(proto));
  return def;
}

sla::v1::Calendar ToProto(const CalendarDefinition& definition) {
  sla::v1::Calendar proto;
  proto.set_name(definition.name);
  proto.set_time_zone(definition.spec.time_zone);
  proto.set_national_holidays(definition.spec.national_holidays);
  for (const calendar::WorkingWindow& w : definition.spec.windows) {
    sla::v1::WorkingWindow* out = proto.add_windows();
    out->set_weekday(NumberOf(w.weekday));
    out->set_start(calendar::FormatTimeOfDay(w.start_minute));
    out->set_end(calendar::FormatTimeOfDay(w.end_minute));
  }
  for (const calendar::Closure& c : definition.spec.closures) {
    sla::v1::Closure* out = proto.add_closures();
    out->set_date(absl::StrFormat("%04d-%02d-%02d", c.day.year(), c.day.month(), c.day.day()));
    out->set_name(c.name);
  }
  for (const calendar::HolidayRule& rule : definition.spec.local_holidays) {
    // Only fixed-date rules can be defined through the API (and stored).
    if (rule.kind != calendar::HolidayRule::Kind::kFixedDate) continue;
    sla::v1::LocalHoliday* out = proto.add_local_holidays();
    out->set_name(rule.name);
    out->set_month(rule.month);
    out->set_day(rule.day);
    out->set_first_year(rule.first_year == calendar::kFirstRuleYear ? 0 : rule.first_year);
    out->set_last_year(rule.last_year == calendar::kLastRuleYear ? 0 : rule.last_year);
  }
  sla::v1::SlaPolicy* policy = proto.mutable_policy();
  SetDuration(definition.policy.high, policy->mutable_high());
  SetDuration(definition.policy.medium, policy->mutable_medium());
  SetDuration(definition.policy.low, policy->mutable_low());
  SetDuration(definition.policy.urgent_on_site, policy->mutable_urgent_on_site());
  policy->set_warning_fraction(definition.policy.warning_fraction);
  if (definition.policy.resolution != absl::ZeroDuration()) {
    SetDuration(definition.policy.resolution, policy->mutable_resolution());
  }
  return proto;
}

}  // namespace helpdesk::sla_policy
