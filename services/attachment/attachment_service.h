// The AttachmentService gRPC handlers: uploads (multipart/form-data streamed
// from the gateway, validated, stored by hash), downloads and a message's
// images as a zip, for those who may see the owning ticket; and, for the
// ticket service, the linking of uploads to a message.
#pragma once

#include "helpdesk/attachment/v1/attachment.grpc.pb.h"
#include "libs/auth/authorization.h"
#include "services/attachment/content_store.h"
#include "services/attachment/store.h"
#include "services/attachment/validation.h"

namespace helpdesk::attachment {

class AttachmentServiceImpl final : public v1::AttachmentService::Service {
 public:
  AttachmentServiceImpl(AttachmentStore& store, ContentStore& content, SizeLimits limits)
      : store_(store), content_(content), limits_(limits) {}

  grpc::Status Upload(grpc::ServerContext* context,
                      grpc::ServerReader<common::v1::HttpBody>* reader,
                      v1::Attachment* response) override;
  grpc::Status Download(grpc::ServerContext* context, const v1::DownloadRequest* request,
                        grpc::ServerWriter<common::v1::HttpBody>* writer) override;
  grpc::Status DownloadMessageImages(grpc::ServerContext* context,
                                     const v1::DownloadMessageImagesRequest* request,
                                     grpc::ServerWriter<common::v1::HttpBody>* writer) override;
  grpc::Status GetAttachments(grpc::ServerContext* context,
                              const v1::GetAttachmentsRequest* request,
                              v1::GetAttachmentsResponse* response) override;
  grpc::Status LinkAttachments(grpc::ServerContext* context,
                               const v1::LinkAttachmentsRequest* request,
                               v1::LinkAttachmentsResponse* response) override;

 private:
  absl::StatusOr<v1::Attachment> DoUpload(grpc::ServerContext* context,
                                          grpc::ServerReader<common::v1::HttpBody>* reader);
  absl::Status DoDownload(grpc::ServerContext* context, const v1::DownloadRequest& request,
                          grpc::ServerWriter<common::v1::HttpBody>* writer);
  absl::Status DoDownloadImages(grpc::ServerContext* context,
                                const v1::DownloadMessageImagesRequest& request,
                                grpc::ServerWriter<common::v1::HttpBody>* writer);

  AttachmentStore& store_;
  ContentStore& content_;
  const SizeLimits limits_;
};

// Whether `caller` may download `row`: an unlinked upload only its
// uploader; a linked one whoever may see the ticket (staff; the ticket's
// company's customers, except on internal notes).
bool MayDownload(const auth::Caller& caller, const AttachmentRow& row);

}  // namespace helpdesk::attachment
