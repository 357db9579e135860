// SlaService handlers in an in-process gRPC server (port 0) behind the real
// authorization interceptor, called with tokens signed by a test key pair.
#include "services/sla/sla_service.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/authorization.h"
#include "libs/auth/token.h"

namespace helpdesk::sla {
namespace {

using common::v1::Person;

absl::Time Rome(int year, int month, int day, int hour, int minute) {
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) std::abort();
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), rome);
}

google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

v1::ComputeDueRequest DueRequest(absl::Time start, v1::SlaTarget::Priority priority) {
  v1::ComputeDueRequest request;
  *request.mutable_start() = Timestamp(start);
  request.set_priority(priority);
  return request;
}

class SlaServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::KeyPair keys = auth::GenerateKeyPair();
    absl::StatusOr<auth::TokenSigner> signer = auth::TokenSigner::FromSeedHex(keys.seed_hex);
    absl::StatusOr<auth::TokenVerifier> verifier =
        auth::TokenVerifier::FromPublicKeyHex(keys.public_key_hex);
    ASSERT_TRUE(signer.ok() && verifier.ok());
    signer_ = std::make_unique<auth::TokenSigner>(*std::move(signer));

    absl::StatusOr<calendar::Calendar> calendar =
        calendar::Calendar::Create(calendar::CalendarSpec{});
    ASSERT_TRUE(calendar.ok()) << calendar.status();
    service_ = std::make_unique<SlaServiceImpl>(*std::move(calendar), DefaultPolicy());

    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            v1::SlaService::service_full_name());
    ASSERT_NE(descriptor, nullptr);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(auth::MakeAuthorizationFactory(
        std::make_shared<const auth::TokenVerifier>(*std::move(verifier)), {descriptor}));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port, 0);
    stub_ = v1::SlaService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  std::string TokenFor(Person::Role role) const {
    const absl::Time now = absl::Now();
    auth::Claims claims;
    claims.set_account_id("acc-1");
    claims.set_role(role);
    claims.set_company_id(role == Person::CUSTOMER ? "co-1" : "");
    claims.set_issued_at(absl::ToUnixSeconds(now));
    claims.set_expires_at(absl::ToUnixSeconds(now + absl::Minutes(15)));
    return signer_->Sign(claims);
  }

  grpc::Status ComputeDue(Person::Role role, const v1::ComputeDueRequest& request,
                          v1::ComputeDueResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (role != Person::ROLE_UNSPECIFIED) {
      context.AddMetadata("authorization", "Bearer " + TokenFor(role));
    }
    return stub_->ComputeDue(&context, request, response);
  }

  std::unique_ptr<auth::TokenSigner> signer_;
  std::unique_ptr<SlaServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SlaService::Stub> stub_;
};

TEST_F(SlaServiceTest, ComputeDue_ConsultantGetsTheSpecDues) {
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

TEST_F(SlaServiceTest, ComputeDue_UrgentOnSiteIsEightBusinessHoursWithoutPriority) {
  v1::ComputeDueRequest request;
  *request.mutable_start() = Timestamp(Rome(2025, 6, 19, 15, 0));
  request.set_urgent_on_site(true);
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(TimeOf(response.due()), Rome(2025, 6, 20, 15, 0));
}

TEST_F(SlaServiceTest, ComputeDue_CustomerIsPermissionDenied) {
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(
      Person::CUSTOMER, DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SlaServiceTest, ComputeDue_WithoutTokenIsUnauthenticated) {
  v1::ComputeDueResponse response;
  grpc::Status status =
      ComputeDue(Person::ROLE_UNSPECIFIED,
                 DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::HIGH), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SlaServiceTest, ComputeDue_MissingStartIsInvalidArgument) {
  v1::ComputeDueRequest request;
  request.set_priority(v1::SlaTarget::HIGH);
  v1::ComputeDueResponse response;
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "start: required");
}

TEST_F(SlaServiceTest, ComputeDue_InvalidFieldsAreNamed) {
  v1::ComputeDueResponse response;
  v1::ComputeDueRequest request =
      DueRequest(Rome(2025, 6, 17, 10, 0), v1::SlaTarget::PRIORITY_UNSPECIFIED);
  grpc::Status status = ComputeDue(Person::CONSULTANT, request, &response);
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
  request.set_calendar("milano");
  status = ComputeDue(Person::CONSULTANT, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "calendar: unknown calendar \"milano\" (only \"default\" exists)");
}

}  // namespace
}  // namespace helpdesk::sla
