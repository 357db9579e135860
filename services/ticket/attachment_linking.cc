// TicketServiceImpl::LinkAttachments: the uploads named by a new message,
// linked by the attachment service (which checks uploader and kinds).
#include <google/protobuf/util/json_util.h>

#include "services/ticket/ticket_service.h"

namespace helpdesk::ticket {

absl::StatusOr<std::string> TicketServiceImpl::LinkAttachments(
    grpc::ServerContext* context, const attachment::v1::LinkAttachmentsRequest& request) {
  if (attachments_ == nullptr) {
    return absl::UnavailableError("imageIds, fileId: attachments are not configured");
  }
  absl::StatusOr<attachment::v1::LinkAttachmentsResponse> linked =
      attachments_->Link(context, request);
  if (!linked.ok()) return linked.status();
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  if (!google::protobuf::util::MessageToJsonString(*linked, &json, options).ok()) {
    return absl::InternalError("attachments: cannot encode their metadata");
  }
  return json;
}

}  // namespace helpdesk::ticket
