#include "services/ticket/worklog_rules.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace helpdesk::ticket {
namespace {

using google::protobuf::util::TimeUtil;
using v1::WorkLogEntry;

google::protobuf::Timestamp At(const char* rfc3339) {
  google::protobuf::Timestamp t;
  EXPECT_TRUE(TimeUtil::FromString(rfc3339, &t)) << rfc3339;
  return t;
}

absl::Time Instant(const char* rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error)) << error;
  return t;
}

absl::TimeZone Rome() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone));
  return zone;
}

const absl::Time kNow = Instant("2025-07-10T12:00:00Z");

// A logged entry: SAD on site, Tue 2025-06-17 09:00–13:00 in Rome.
WorkLogEntry Current() {
  WorkLogEntry e;
  e.set_id("e-1");
  e.set_ticket_id("t-1");
  e.set_service_type(WorkLogEntry::SAD);
  *e.mutable_start() = At("2025-06-17T07:00:00Z");
  *e.mutable_end() = At("2025-06-17T11:00:00Z");
  e.set_on_site(true);
  e.set_description("Installazione");
  return e;
}

absl::StatusOr<NewWorkLogEntry> Apply(const v1::UpdateWorkLogEntryRequest& update) {
  return ValidateWorkLog(common::v1::Person(), MergeWorkLogUpdate(Current(), update), kNow);
}

TEST(WorkLogRules, Update_AnAbsentFieldKeepsTheCurrentValue) {
  v1::UpdateWorkLogEntryRequest update;
  update.set_description("Installazione e collaudo");
  absl::StatusOr<NewWorkLogEntry> next = Apply(update);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->ticket_id, "t-1");
  EXPECT_EQ(next->service_type, billing::ServiceType::kSad);
  EXPECT_EQ(next->start, Instant("2025-06-17T07:00:00Z"));
  EXPECT_EQ(next->end, Instant("2025-06-17T11:00:00Z"));
  EXPECT_TRUE(next->on_site);
  EXPECT_EQ(next->description, "Installazione e collaudo");
}

TEST(WorkLogRules, Update_ANewStartKeepsTheEndAndADurationCountsFromTheNewStart) {
  v1::UpdateWorkLogEntryRequest update;
  *update.mutable_start() = At("2025-06-17T08:00:00Z");
  absl::StatusOr<NewWorkLogEntry> next = Apply(update);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->end, Instant("2025-06-17T11:00:00Z"));

  update.set_duration_minutes(90);
  next = Apply(update);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->end, Instant("2025-06-17T09:30:00Z"));
}

TEST(WorkLogRules, Update_RefusedByTheRulesOfAdding) {
  v1::UpdateWorkLogEntryRequest update;
  *update.mutable_start() = At("2025-06-17T12:00:00Z");  // after the kept end
  EXPECT_EQ(Apply(update).status().message(), "end: must be after start");

  update = {};
  *update.mutable_start() = At("2025-07-10T11:00:00Z");
  *update.mutable_end() = At("2025-07-10T12:30:00Z");  // kNow is 12:00
  EXPECT_EQ(Apply(update).status().message(), "end: must not be in the future");
  update.clear_end();
  EXPECT_EQ(Apply(update).status().message(), "end: must be after start");  // the kept end

  update = {};
  update.set_service_type(WorkLogEntry::STA);  // still on site
  EXPECT_EQ(Apply(update).status().message(), "onSite: only S.A.D. (SAD) work is on site");
  update.set_on_site(false);
  EXPECT_TRUE(Apply(update).ok());

  update = {};
  update.set_service_type(WorkLogEntry::SERVICE_TYPE_UNSPECIFIED);
  EXPECT_EQ(Apply(update).status().message(), "serviceType: required: SAT, STA or SAD");

  update = {};
  update.set_duration_minutes(0);
  EXPECT_EQ(Apply(update).status().message(), "durationMinutes: between 1 and 1440");
  update.set_duration_minutes(1441);
  EXPECT_EQ(Apply(update).status().message(), "durationMinutes: between 1 and 1440");

  update = {};
  *update.mutable_end() = At("2025-06-17T10:00:00Z");
  update.set_duration_minutes(30);
  EXPECT_EQ(Apply(update).status().message(), "end: give either end or durationMinutes");

  update = {};
  *update.mutable_start() = At("2025-06-17T07:00:30Z");
  EXPECT_EQ(Apply(update).status().message(), "start: must be a whole minute");

  update = {};
  update.set_description(std::string(4001, 'x'));
  EXPECT_EQ(Apply(update).status().message(), "description: at most 4000 characters");
  EXPECT_EQ(Apply(update).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(WorkLogRules, Add_EntriesBeforeTheTicketOrLongAgoAreFine) {
  v1::AddWorkLogEntryRequest add;
  add.set_id("t-1");
  add.set_service_type(WorkLogEntry::SAT);
  *add.mutable_start() = At("2021-03-01T09:00:00Z");
  add.set_duration_minutes(10);
  absl::StatusOr<NewWorkLogEntry> entry = ValidateWorkLog(common::v1::Person(), add, kNow);
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->end, Instant("2021-03-01T09:10:00Z"));
}

TEST(WorkLogRules, BillingMonth_OfAnInstantInRome) {
  // 2025-06-30 23:30 in Rome is still June; 22:30 UTC.
  EXPECT_EQ(BillingMonthOf(Instant("2025-06-30T21:30:00Z"), Rome()), "2025-06");
  EXPECT_EQ(BillingMonthOf(Instant("2025-06-30T22:30:00Z"), Rome()), "2025-07");
  EXPECT_EQ(BillingMonthOf(Instant("2025-12-31T23:00:00Z"), Rome()), "2026-01");
}

TEST(WorkLogRules, BillingMonthRange_RefusesAnythingButYYYYMM) {
  auto range = BillingMonthRange("2025-06", Rome());
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->first, Instant("2025-05-31T22:00:00Z"));
  EXPECT_EQ(range->second, Instant("2025-06-30T22:00:00Z"));
  for (const char* bad : {"", "2025-6", "2025-13", "2025-00", "June", "2025/06", "1999-12",
                          "2025- 6", "2025-+6", "+025-06", "2025-06-01"}) {
    EXPECT_EQ(BillingMonthRange(bad, Rome()).status().message(), "month: must be YYYY-MM") << bad;
  }
}

TEST(WorkLogRules, OnlyAMonthThatHasEndedCanBeClosed) {
  const absl::Time now = Instant("2025-07-01T10:00:00Z");
  EXPECT_TRUE(CheckMonthHasEnded("2025-06", Rome(), now).ok());
  EXPECT_TRUE(CheckMonthHasEnded("2024-12", Rome(), now).ok());
  absl::Status current = CheckMonthHasEnded("2025-07", Rome(), now);
  EXPECT_EQ(current.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(current.message(), "month: 2025-07 has not ended yet: only a past month can be closed");
  EXPECT_EQ(CheckMonthHasEnded("2030-01", Rome(), now).code(),
            absl::StatusCode::kFailedPrecondition);
  // June ends at midnight in Rome: 22:00 UTC.
  EXPECT_FALSE(CheckMonthHasEnded("2025-06", Rome(), Instant("2025-06-30T21:59:00Z")).ok());
  EXPECT_TRUE(CheckMonthHasEnded("2025-06", Rome(), Instant("2025-06-30T22:00:00Z")).ok());
  EXPECT_EQ(CheckMonthHasEnded("2025-6", Rome(), now).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace helpdesk::ticket
