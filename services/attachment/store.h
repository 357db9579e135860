// The attachments' metadata in the service's schema: who uploaded what,
// and the message it was linked to (which decides who may download it).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "helpdesk/attachment/v1/attachment.pb.h"
#include "libs/db/pool.h"

namespace helpdesk::attachment {

struct AttachmentRow {
  std::string id;
  std::string sha256;
  std::string filename;
  std::string content_type;
  v1::Attachment::Kind kind = v1::Attachment::KIND_UNSPECIFIED;
  int64_t size = 0;
  std::string uploader_id;
  std::string uploader_company_id;
  // Empty until linked.
  std::string ticket_id;
  std::string message_id;
  std::string company_id;
  bool internal = false;

  bool linked() const { return !message_id.empty(); }
  v1::Attachment ToProto() const;
};

class AttachmentStore {
 public:
  explicit AttachmentStore(db::Pool& pool) : pool_(pool) {}

  absl::Status Insert(const AttachmentRow& row);
  // NOT_FOUND when there is no such attachment.
  absl::StatusOr<AttachmentRow> Find(const std::string& id);
  // The images of a message, in their order.
  absl::StatusOr<std::vector<AttachmentRow>> MessageImages(const std::string& ticket_id,
                                                           const std::string& message_id);
  // Links `account_id`'s own uploads to the message, in one transaction;
  // INVALID_ARGUMENT naming imageIds/fileId when one may not be. Linking
  // again to the same message is a no-op (a retried call).
  absl::StatusOr<v1::LinkAttachmentsResponse> Link(const std::string& account_id,
                                                   const v1::LinkAttachmentsRequest& request);

 private:
  db::Pool& pool_;
};

// The request's shape alone: at most 3 images and 1 file, no id twice.
absl::Status CheckLinkShape(const v1::LinkAttachmentsRequest& request);

}  // namespace helpdesk::attachment
