// The Calendar message ↔ CalendarDefinition conversions: round trips,
// defaults, and validation that names the JSON field.
#include "libs/sla_policy/calendar_definition.h"

#include <gtest/gtest.h>

#include "libs/calendar/calendar.h"

namespace helpdesk::sla_policy {
namespace {

sla::v1::Calendar Milano() {
  sla::v1::Calendar proto;
  proto.set_name("milano");
  proto.set_time_zone("Europe/Rome");
  proto.set_national_holidays(true);
  for (int day = 1; day <= 5; ++day) {
    auto* w = proto.add_windows();
    w->set_weekday(day);
    w->set_start("08:30");
    w->set_end("17:30");
  }
  auto* closure = proto.add_closures();
  closure->set_date("2025-08-14");
  closure->set_name("Chiusura estiva");
  auto* patron = proto.add_local_holidays();
  patron->set_name("Sant'Ambrogio");
  patron->set_month(12);
  patron->set_day(7);
  return proto;
}

std::string ErrorOf(const sla::v1::Calendar& proto) {
  return std::string(FromProto(proto).status().message());
}

TEST(CalendarDefinition, FromProtoReadsEveryFieldAndDefaultsThePolicy) {
  absl::StatusOr<CalendarDefinition> def = FromProto(Milano());
  ASSERT_TRUE(def.ok()) << def.status();
  EXPECT_EQ(def->name, "milano");
  ASSERT_EQ(def->spec.windows.size(), 5u);
  EXPECT_EQ(def->spec.windows[0].weekday, absl::Weekday::monday);
  EXPECT_EQ(def->spec.windows[4].weekday, absl::Weekday::friday);
  EXPECT_EQ(def->spec.windows[0].start_minute, 8 * 60 + 30);
  EXPECT_EQ(def->spec.windows[0].end_minute, 17 * 60 + 30);
  ASSERT_EQ(def->spec.closures.size(), 1u);
  EXPECT_EQ(def->spec.closures[0].day, absl::CivilDay(2025, 8, 14));
  ASSERT_EQ(def->spec.local_holidays.size(), 1u);
  EXPECT_EQ(def->spec.local_holidays[0].DateIn(2025), absl::CivilDay(2025, 12, 7));
  EXPECT_EQ(def->policy, DefaultPolicy());

  absl::StatusOr<calendar::Calendar> calendar = calendar::Calendar::Create(def->spec);
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->ClosureName(absl::CivilDay(2025, 12, 8)), "Immacolata Concezione");
  EXPECT_EQ(calendar->ClosureName(absl::CivilDay(2025, 12, 7)), "Sant'Ambrogio");
  EXPECT_EQ(calendar->ClosureName(absl::CivilDay(2025, 8, 14)), "Chiusura estiva");
}

TEST(CalendarDefinition, RoundTripsThroughTheProto) {
  sla::v1::Calendar proto = Milano();
  proto.mutable_policy()->mutable_high()->set_seconds(3600);
  proto.mutable_policy()->mutable_medium()->set_seconds(3 * 3600);
  proto.mutable_policy()->mutable_low()->set_seconds(8 * 3600);
  proto.mutable_policy()->mutable_urgent_on_site()->set_seconds(4 * 3600);
  proto.mutable_policy()->set_warning_fraction(0.5);
  absl::StatusOr<CalendarDefinition> def = FromProto(proto);
  ASSERT_TRUE(def.ok()) << def.status();
  EXPECT_EQ(def->policy.medium, absl::Hours(3));
  EXPECT_EQ(def->policy.warning_fraction, 0.5);
  sla::v1::Calendar back = ToProto(*def);
  EXPECT_EQ(back.SerializeAsString(), proto.SerializeAsString()) << back.DebugString();
}

TEST(CalendarDefinition, DefaultDefinitionIsTheSpecCalendar) {
  CalendarDefinition def = DefaultDefinition();
  EXPECT_EQ(def.name, "default");
  absl::StatusOr<CalendarDefinition> back = FromProto(ToProto(def));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->spec.windows.size(), 10u);
  EXPECT_TRUE(back->spec.national_holidays);
  EXPECT_EQ(back->policy, DefaultPolicy());
}

TEST(CalendarDefinition, ValidationNamesTheField) {
  sla::v1::Calendar proto = Milano();
  proto.set_name("");
  EXPECT_EQ(ErrorOf(proto), "name: required");
  proto.set_name("Milano Centro");
  EXPECT_EQ(ErrorOf(proto),
            "name: must be 1-40 characters a-z, 0-9, '-' or '_', starting with a letter or digit");

  proto = Milano();
  proto.mutable_windows(2)->set_weekday(8);
  EXPECT_EQ(ErrorOf(proto), "windows[2].weekday: must be 1 (Monday) .. 7 (Sunday)");
  proto = Milano();
  proto.mutable_windows(1)->set_end("25:00");
  EXPECT_EQ(ErrorOf(proto), "windows[1].end: \"25:00\" is not a time of day HH:MM (00:00..24:00)");

  proto = Milano();
  proto.mutable_closures(0)->set_date("2025-02-30");
  EXPECT_EQ(ErrorOf(proto), "closures[0].date: \"2025-02-30\" is not a date YYYY-MM-DD");
  proto.mutable_closures(0)->set_date("14/08/2025");
  EXPECT_EQ(ErrorOf(proto), "closures[0].date: \"14/08/2025\" is not a date YYYY-MM-DD");
  proto = Milano();
  proto.mutable_closures(0)->clear_name();
  EXPECT_EQ(ErrorOf(proto), "closures[0].name: required");

  proto = Milano();
  proto.mutable_local_holidays(0)->set_month(13);
  EXPECT_EQ(ErrorOf(proto), "localHolidays[0]: month must be 1..12");

  proto = Milano();
  proto.mutable_policy()->mutable_high()->set_seconds(3600);
  EXPECT_EQ(ErrorOf(proto), "policy.medium: required");
  proto.mutable_policy()->mutable_medium()->set_seconds(-60);
  proto.mutable_policy()->mutable_low()->set_seconds(60);
  proto.mutable_policy()->mutable_urgent_on_site()->set_seconds(60);
  EXPECT_EQ(ErrorOf(proto), "policy.medium: must be positive");
  proto.mutable_policy()->mutable_medium()->set_seconds(60);
  proto.mutable_policy()->set_warning_fraction(1.2);
  EXPECT_EQ(ErrorOf(proto), "policy.warningFraction: must be between 0 and 1 (exclusive)");
}

}  // namespace
}  // namespace helpdesk::sla_policy
