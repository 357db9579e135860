#include "services/ticket/identity_client.h"

#include <grpcpp/create_channel.h>

#include "absl/strings/str_cat.h"
#include "libs/server/grpc_status.h"
#include "libs/server/outgoing.h"

namespace helpdesk::ticket {
namespace {

absl::Status Unreachable(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::UnavailableError("the identity service is unavailable, try again");
  }
  return server::FromGrpc(status);
}

class GrpcIdentityClient final : public IdentityClient {
 public:
  GrpcIdentityClient(const std::string& address, absl::Duration timeout)
      : stub_(identity::v1::IdentityService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
        timeout_(timeout) {}

  absl::StatusOr<identity::v1::Me> GetMe(const grpc::ServerContext* incoming) override {
    auto context = server::OutgoingContext(incoming, timeout_);
    identity::v1::Me me;
    grpc::Status status = stub_->GetMe(context.get(), identity::v1::GetMeRequest(), &me);
    if (!status.ok()) return Unreachable(status);
    return me;
  }

  absl::StatusOr<identity::v1::Company> GetCompany(const grpc::ServerContext* incoming,
                                                   const std::string& id) override {
    auto context = server::OutgoingContext(incoming, timeout_);
    identity::v1::GetCompanyRequest request;
    request.set_id(id);
    identity::v1::Company company;
    grpc::Status status = stub_->GetCompany(context.get(), request, &company);
    if (!status.ok()) return Unreachable(status);
    return company;
  }

  absl::StatusOr<identity::v1::Account> GetAccount(const grpc::ServerContext* incoming,
                                                   const std::string& id) override {
    auto context = server::OutgoingContext(incoming, timeout_);
    identity::v1::GetAccountRequest request;
    request.set_id(id);
    identity::v1::Account account;
    grpc::Status status = stub_->GetAccount(context.get(), request, &account);
    if (!status.ok()) return Unreachable(status);
    return account;
  }

 private:
  std::unique_ptr<identity::v1::IdentityService::Stub> stub_;
  const absl::Duration timeout_;
};

}  // namespace

std::unique_ptr<IdentityClient> MakeGrpcIdentityClient(const std::string& address,
                                                       absl::Duration timeout) {
  return std::make_unique<GrpcIdentityClient>(address, timeout);
}

}  // namespace helpdesk::ticket
