// An SlaServiceImpl in an in-process gRPC server (port 0) behind the real
// authorization interceptor, over an in-memory store and a fake clock, with
// tokens signed by a generated key pair. For the handlers' unit tests.
#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/authorization.h"
#include "libs/auth/token.h"
#include "services/sla/sla_service.h"

namespace helpdesk::sla {

inline absl::Time Rome(int year, int month, int day, int hour, int minute) {
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) std::abort();
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), rome);
}

inline google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

inline absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// Tickets and calendars in maps; the report returns what the test set.
class FakeSlaStore final : public SlaStore {
 public:
  absl::StatusOr<std::vector<StoredCalendar>> LoadCalendars() override {
    std::vector<StoredCalendar> all;
    for (const auto& [name, c] : calendars) all.push_back(c);
    return all;
  }
  absl::StatusOr<std::map<std::string, int64_t>> CalendarRevisions() override {
    std::map<std::string, int64_t> revisions;
    for (const auto& [name, c] : calendars) revisions[name] = c.revision;
    return revisions;
  }
  absl::StatusOr<int64_t> SaveCalendar(const sla_policy::CalendarDefinition& def) override {
    StoredCalendar& stored = calendars[def.name];
    stored.definition = def;
    return ++stored.revision;
  }
  absl::StatusOr<TicketSlaRecord> FindTicket(const std::string& ticket_id) override {
    auto it = tickets.find(ticket_id);
    if (it == tickets.end()) return absl::NotFoundError("ticket not found");
    return it->second;
  }
  absl::StatusOr<std::vector<CompanySlaStats>> Report(const ReportQuery& query) override {
    last_report = query;
    return report;
  }

  std::map<std::string, StoredCalendar> calendars;
  std::map<std::string, TicketSlaRecord> tickets;
  std::vector<CompanySlaStats> report;
  ReportQuery last_report;
};

class SlaServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::KeyPair keys = auth::GenerateKeyPair();
    absl::StatusOr<auth::TokenSigner> signer = auth::TokenSigner::FromSeedHex(keys.seed_hex);
    absl::StatusOr<auth::TokenVerifier> verifier =
        auth::TokenVerifier::FromPublicKeyHex(keys.public_key_hex);
    ASSERT_TRUE(signer.ok() && verifier.ok());
    signer_ = std::make_unique<auth::TokenSigner>(*std::move(signer));

    store_.calendars["default"] = {sla_policy::DefaultDefinition(), 1};
    ASSERT_TRUE(calendars_.Load(store_).ok());
    service_ = std::make_unique<SlaServiceImpl>(calendars_, store_, clock_);

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
    stub_ = v1::SlaService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  // A context for `role` (ROLE_UNSPECIFIED: no token); customers belong to
  // `company`.
  std::unique_ptr<grpc::ClientContext> Context(common::v1::Person::Role role,
                                               const std::string& company = "co-1") const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (role == common::v1::Person::ROLE_UNSPECIFIED) return context;
    const absl::Time now = absl::Now();
    auth::Claims claims;
    claims.set_account_id("acc-1");
    claims.set_role(role);
    claims.set_company_id(role == common::v1::Person::CUSTOMER ? company : "");
    claims.set_issued_at(absl::ToUnixSeconds(now));
    claims.set_expires_at(absl::ToUnixSeconds(now + absl::Minutes(15)));
    context->AddMetadata("authorization", "Bearer " + signer_->Sign(claims));
    return context;
  }

  FakeSlaStore store_;
  CalendarRegistry calendars_;
  FakeClock clock_{Rome(2025, 6, 30, 12, 0)};
  std::unique_ptr<auth::TokenSigner> signer_;
  std::unique_ptr<SlaServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::SlaService::Stub> stub_;
};

}  // namespace helpdesk::sla
