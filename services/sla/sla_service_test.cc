// ComputeDue in an in-process gRPC server behind the real authorization
// interceptor: the SPEC's dues, urgent on-site, named calendars with their
// own policy, and the refusals.
#include <gtest/gtest.h>

#include "services/sla/service_test_fixture.h"

namespace helpdesk::sla {
namespace {

using common::v1::Person;

v1::ComputeDueRequest DueRequest(absl::Time start, v1::SlaTarget::Priority priority) {
  v1::ComputeDueRequest request;
  *request.mutable_start() = Timestamp(start);
  request.set_priority(priority);
  return request;
}

class ComputeDueTest : public SlaServiceFixture {
 protected:
  grpc::Status ComputeDue(Person::Role role, const v1::ComputeDueRequest& request,
                          v1::ComputeDueResponse* response) {
    return stub_->ComputeDue(Context(role).get(), request, response);
  }
};

TEST_F(ComputeDueTest, ConsultantGetsTheSpecDues) {
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(
      Person::CONSULTANT, DueRequest(Rome(2025, 6, 20, 17, 0), v1::SlaTarget::MEDIUM), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 23, 11, 30));

  status = ComputeDue(Person::CONSULTANT,
                      DueRequest(Rome(2025, 12, 24, 17, 30), v1::SlaTarget::MEDIUM), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 12, 29, 12, 0));

  status = ComputeDue(Person::ADMINISTRATOR,
                      DueRequest(Rome(2025, 6, 17, 12, 30), v1::SlaTarget::HIGH), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 17, 16, 0));
}

TEST_F(ComputeDueTest, UrgentOnSiteIsEightBusinessHoursWithoutPriority) {
  v1::ComputeDueRequest request;
  *request.mutable_start() = Timestamp(Rome(2025, 6, 19, 15, 0));
  request.set_urgent_on_site(true);
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 20, 15, 0));
}

TEST_F(ComputeDueTest, NamedCalendarCountsItsOwnWindowsAndPolicy) {
  // Milano: Monday–Friday 08:00–17:00 straight, high = 3 h.
  sla_policy::CalendarDefinition milano = sla_policy::DefaultDefinition();
  milano.name = "milano";
  milano.spec.windows.clear();
  for (int d = 0; d < 5; ++d) {
    milano.spec.windows.push_back({static_cast<absl::Weekday>(d), 8 * 60, 17 * 60});
  }
  milano.policy.high = absl::Hours(3);
  store_.calendars["milano"] = {milano, 1};
  ASSERT_TRUE(calendars_.Refresh(store_).ok());

  v1::ComputeDueRequest request = DueRequest(Rome(2025, 6, 17, 15, 0), v1::SlaTarget::HIGH);
  request.set_calendar("milano");
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 18, 9, 0));  // 2 h Tuesday, 1 h Wednesday

  request.set_calendar("default");
  ASSERT_TRUE(ComputeDue(Person::CONSULTANT, request, &response).ok());
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 17, 17, 0));
}

TEST_F(ComputeDueTest, CustomerIsPermissionDenied) {
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(
      Person::CUSTOMER, DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ComputeDueTest, WithoutTokenIsUnauthenticated) {
  v1::ComputeDueResponse response;
  grpc::Status status =
      ComputeDue(Person::ROLE_UNSPECIFIED,
                 DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ComputeDueTest, InvalidFieldsAreNamed) {
  v1::ComputeDueResponse response;
  v1::ComputeDueRequest request;
  request.set_priority(v1::SlaTarget::HIGH);
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "start: required");

  request = DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::PRIORITY_UNSPECIFIED);
  status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "priority: required unless urgentOnSite");

  request.set_priority(static_cast<v1::SlaTarget::Priority>(9));
  status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_message(), "priority: must be HIGH, MEDIUM or LOW");

  request = DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH);
  request.mutable_start()->set_nanos(-1);
  status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "start: not a valid timestamp");

  request = DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH);
  request.set_calendar("torino");
  status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "calendar: unknown calendar \"torino\"");
}

}  // namespace
}  // namespace helpdesk::sla
