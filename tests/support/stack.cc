#include "tests/support/stack.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/auth/token.h"
#include "tests/support/http_client.h"
#include "tests/support/postgres.h"
#include "tests/support/wait.h"

namespace helpdesk::testing {

std::string GrpcServiceName(const std::string& name) {
  static const std::map<std::string, std::string> kNames = {
      {"identity", "helpdesk.identity.v1.IdentityService"},
      {"ticket", "helpdesk.ticket.v1.TicketService"},
      {"attachment", "helpdesk.attachment.v1.AttachmentService"},
      {"sla", "helpdesk.sla.v1.SlaService"},
      {"notification", "helpdesk.notification.v1.NotificationService"}};
  auto it = kNames.find(name);
  return it == kNames.end() ? "" : it->second;
}

std::string TestStack::BinaryPath(const std::string& name) {
  return absl::StrCat(HELPDESK_BUILD_DIR, "/services/", name, "/", name);
}

TestStack::TestStack() : TestStack(&TestPostgres::Shared()) {}

TestStack::TestStack(TestPostgres* postgres)
    : postgres_(postgres), dir_(MakeTempDir("helpdesk-test-stack")) {
  database_ = postgres_->CreateDatabase();
  auth::KeyPair pair = auth::GenerateKeyPair();
  private_key_hex_ = pair.seed_hex;
  public_key_file_ = dir_ + "/token.pub";
  private_key_file_ = dir_ + "/token.key";
  std::ofstream(public_key_file_) << pair.public_key_hex << "\n";
  std::ofstream(private_key_file_) << pair.seed_hex << "\n";
}

TestStack::~TestStack() {
  // The gateway first, then the backends in reverse order of start.
  for (auto it = backends_.rbegin(); it != backends_.rend(); ++it) {
    if (processes_.count("gateway")) Stop("gateway");
    Stop(*it);
  }
  processes_.clear();
  nats_.Stop();
  if (!::testing::Test::HasFailure()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  } else {
    std::fprintf(stderr, "service logs kept in %s\n", dir_.c_str());
  }
}

std::string TestStack::DatabaseUrl(const std::string& role) const {
  return postgres_->Url(database_, role);
}

std::string TestStack::http_base() const {
  auto it = ports_.find("gateway");
  return it == ports_.end() ? "" : absl::StrCat("http://127.0.0.1:", it->second);
}

std::string TestStack::grpc_address(const std::string& name) const {
  auto it = ports_.find(name);
  return it == ports_.end() ? "" : absl::StrCat("127.0.0.1:", it->second);
}

Subprocess* TestStack::process(const std::string& name) {
  auto it = processes_.find(name);
  return it == processes_.end() ? nullptr : it->second.get();
}

std::map<std::string, std::string> TestStack::ServiceEnv(const std::string& name) {
  if (!ports_.count(name)) ports_[name] = FreePort();
  std::map<std::string, std::string> env = {
      {"HELPDESK_METRICS_LISTEN", absl::StrCat("127.0.0.1:", FreePort())},
      {"HELPDESK_DRAIN_TIMEOUT", "3s"},
      {"HELPDESK_TOKEN_PUBLIC_KEY_FILE", public_key_file_},
  };
  if (name == "gateway") {
    std::vector<std::string> backends;
    for (const auto& b : backends_) {
      backends.push_back(absl::StrCat(GrpcServiceName(b), "=", grpc_address(b)));
    }
    env["HELPDESK_HTTP_LISTEN"] = absl::StrCat("127.0.0.1:", ports_[name]);
    env["HELPDESK_BACKENDS"] = absl::StrJoin(backends, ",");
    env["HELPDESK_DESCRIPTOR_SETS"] = absl::StrCat(HELPDESK_BUILD_DIR, "/protos/helpdesk.pb");
  } else {
    env["HELPDESK_GRPC_LISTEN"] = absl::StrCat("127.0.0.1:", ports_[name]);
    env["HELPDESK_DATABASE_URL"] = DatabaseUrl("helpdesk_" + name);
    env["HELPDESK_NATS_URL"] = nats_.url();
    if (name == "identity") env["HELPDESK_TOKEN_PRIVATE_KEY_FILE"] = private_key_file_;
    // Where the services it calls are (not started yet: their ports are
    // reserved now and used when they start).
    if (name == "ticket") {
      if (!ports_.count("identity")) ports_["identity"] = FreePort();
      env["HELPDESK_IDENTITY_ADDRESS"] = grpc_address("identity");
      if (!ports_.count("attachment")) ports_["attachment"] = FreePort();
      env["HELPDESK_ATTACHMENT_ADDRESS"] = grpc_address("attachment");
    }
  }
  return env;
}

absl::Status TestStack::Start(const std::vector<std::string>& services,
                              const std::map<std::string, std::string>& env) {
  for (const auto& name : services) {
    if (name != "gateway" && !nats_started_) {
      absl::Status started = nats_.Start();
      if (!started.ok()) return started;
      nats_started_ = true;
    }
    absl::Status status = StartService(name, env);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status TestStack::StartService(const std::string& name,
                                     const std::map<std::string, std::string>& extra_env) {
  std::map<std::string, std::string> env = ServiceEnv(name);
  for (const auto& [k, v] : extra_env) env[k] = v;
  auto process = std::make_unique<Subprocess>(std::vector<std::string>{BinaryPath(name)}, env,
                                              absl::StrCat(dir_, "/", name, ".log"));
  Subprocess* p = process.get();
  processes_[name] = std::move(process);
  if (name != "gateway" && std::find(backends_.begin(), backends_.end(), name) == backends_.end()) {
    backends_.push_back(name);
  }
  bool healthy = WaitUntil(
      [&] {
        if (!p->Running()) return true;  // reported below
        if (name == "gateway") return Http("GET", http_base() + "/healthz").status == 200;
        return Serving(name);
      },
      absl::Seconds(30));
  if (!p->Running() || !healthy) {
    return absl::UnavailableError(
        absl::StrCat(name, " did not become healthy; its log:\n", p->ReadLog()));
  }
  return absl::OkStatus();
}

bool TestStack::Serving(const std::string& name) {
  auto channel = grpc::CreateChannel(grpc_address(name), grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(GrpcServiceName(name));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  return status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

void TestStack::Stop(const std::string& name) {
  Subprocess* p = process(name);
  if (p == nullptr) return;
  p->Signal(SIGTERM);
  if (!p->Wait(absl::Seconds(15)).has_value()) {
    p->Signal(SIGKILL);
    p->Wait(absl::Seconds(5));
  }
  processes_.erase(name);
}

void TestStack::Kill(const std::string& name) {
  Subprocess* p = process(name);
  if (p == nullptr) return;
  p->Signal(SIGKILL);
  p->Wait(absl::Seconds(5));
  processes_.erase(name);
}

std::string TestStack::MintToken(common::v1::Person::Role role, const std::string& account_id,
                                 const std::string& company_id, const std::string& display_name,
                                 bool password_expired, absl::Duration ttl) const {
  auth::Claims claims;
  claims.set_account_id(account_id);
  claims.set_role(role);
  claims.set_company_id(company_id);
  claims.set_display_name(display_name);
  claims.set_password_expired(password_expired);
  absl::Time now = absl::Now();
  claims.set_issued_at(absl::ToUnixSeconds(now));
  claims.set_expires_at(absl::ToUnixSeconds(now + ttl));
  return auth::TokenSigner::FromSeedHex(private_key_hex_)->Sign(claims);
}

}  // namespace helpdesk::testing
