#include "services/ticket/attachment_client.h"

#include <grpcpp/create_channel.h>
#include <sodium.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/server/grpc_status.h"
#include "libs/server/outgoing.h"

namespace helpdesk::ticket {
namespace {

class GrpcAttachmentClient final : public AttachmentClient {
 public:
  GrpcAttachmentClient(const std::string& address, absl::Duration timeout)
      : stub_(attachment::v1::AttachmentService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
        timeout_(timeout) {}

  absl::StatusOr<attachment::v1::LinkAttachmentsResponse> Link(
      const grpc::ServerContext* incoming,
      const attachment::v1::LinkAttachmentsRequest& request) override {
    auto context = server::OutgoingContext(incoming, timeout_);
    attachment::v1::LinkAttachmentsResponse response;
    grpc::Status status = stub_->LinkAttachments(context.get(), request, &response);
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
        status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
      return absl::UnavailableError("the attachment service is unavailable, try again");
    }
    if (!status.ok()) return server::FromGrpc(status);
    return response;
  }

 private:
  std::unique_ptr<attachment::v1::AttachmentService::Stub> stub_;
  const absl::Duration timeout_;
};

}  // namespace

std::unique_ptr<AttachmentClient> MakeGrpcAttachmentClient(const std::string& address,
                                                           absl::Duration timeout) {
  return std::make_unique<GrpcAttachmentClient>(address, timeout);
}

absl::Status CheckAttachmentCounts(int images, bool has_file) {
  (void)has_file;  // a single string field: at most one by construction
  if (images > 3) return absl::InvalidArgumentError("imageIds: at most 3 images per message");
  return absl::OkStatus();
}

std::string KeyedUuid(const std::string& account_id, const std::string& key,
                      const std::string& purpose) {
  std::string input = absl::StrCat(purpose, "\n", account_id, "\n", key);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  digest[6] = (digest[6] & 0x0f) | 0x50;  // version 5 layout (name-based)
  digest[8] = (digest[8] & 0x3f) | 0x80;
  std::string hex =
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), 16));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20, 12));
}

}  // namespace helpdesk::ticket
