// What the ticket service asks the attachment service: to link the caller's
// uploads to a new message, returning their metadata (kept with the message,
// so listing messages needs no call).
#pragma once

#include <grpcpp/server_context.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/attachment/v1/attachment.grpc.pb.h"

namespace helpdesk::ticket {

class AttachmentClient {
 public:
  virtual ~AttachmentClient() = default;
  // Asked with the caller's credentials: only the uploader's account may
  // link an upload. INVALID_ARGUMENT (naming imageIds/fileId) as the
  // attachment service says; UNAVAILABLE when it cannot be reached.
  virtual absl::StatusOr<attachment::v1::LinkAttachmentsResponse> Link(
      const grpc::ServerContext* incoming,
      const attachment::v1::LinkAttachmentsRequest& request) = 0;
};

std::unique_ptr<AttachmentClient> MakeGrpcAttachmentClient(const std::string& address,
                                                           absl::Duration timeout);

// The message's share of a CreateTicket/AddMessage request: at most 3
// images and 1 file (INVALID_ARGUMENT otherwise); kinds are checked by the
// attachment service.
absl::Status CheckAttachmentCounts(int images, bool has_file);

// A UUID derived from (account, idempotency key, purpose), so a retried
// request names the same ticket and message.
std::string KeyedUuid(const std::string& account_id, const std::string& key,
                      const std::string& purpose);

}  // namespace helpdesk::ticket
