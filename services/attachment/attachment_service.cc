#include "services/attachment/attachment_service.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/ids/ids.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/attachment/multipart.h"
#include "services/attachment/text.h"
#include "services/attachment/zip_writer.h"

namespace helpdesk::attachment {
namespace {

constexpr size_t kMessageBytes = 64 * 1024;     // per HttpBody sent
constexpr size_t kOtherFieldBytes = 64 * 1024;  // form fields besides `file`

std::string Megabytes(int64_t bytes) {
  if (bytes % (1024 * 1024) == 0) return absl::StrCat(bytes / (1024 * 1024), " MiB");
  return absl::StrCat(bytes, " bytes");
}

// Receives the parts of an upload; only the `file` part is kept.
class UploadSink final : public PartHandler {
 public:
  UploadSink(ContentStore& content, const SizeLimits& limits) : content_(content), limits_(limits) {
    crypto_hash_sha256_init(&sha_);
  }

  absl::Status OnPartBegin(const PartHeaders& part) override {
    in_file_ = part.name == "file";
    if (!in_file_) return absl::OkStatus();
    if (writer_ != nullptr) return absl::InvalidArgumentError("file: only one file per upload");
    if (!part.has_filename) return absl::InvalidArgumentError("file: the part has no filename");
    HELPDESK_ASSIGN_OR_RETURN(filename_, SanitizeFilename(part.filename));
    HELPDESK_ASSIGN_OR_RETURN(type_, TypeForName(filename_));
    HELPDESK_ASSIGN_OR_RETURN(writer_, content_.NewWriter());
    return absl::OkStatus();
  }

  absl::Status OnPartData(std::string_view data) override {
    if (!in_file_) {
      other_bytes_ += data.size();
      if (other_bytes_ > kOtherFieldBytes) {
        return absl::InvalidArgumentError("file: the other form fields are too large");
      }
      return absl::OkStatus();
    }
    int64_t limit = limits_.For(type_);
    if (sniffer_.size() + static_cast<int64_t>(data.size()) > limit) {
      return absl::InvalidArgumentError(
          absl::StrCat("file: larger than the limit of ", Megabytes(limit), " for ",
                       type_.kind == v1::Attachment::IMAGE ? "images" : "files"));
    }
    sniffer_.Append(data);
    crypto_hash_sha256_update(&sha_, reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
    return writer_->Append(data);
  }

  absl::Status OnPartEnd() override {
    in_file_ = false;
    return absl::OkStatus();
  }

  // After the whole body: the content judged, then stored.
  absl::StatusOr<AttachmentRow> Finish() {
    if (writer_ == nullptr) {
      return absl::InvalidArgumentError("file: is required (a form field named file)");
    }
    HELPDESK_RETURN_IF_ERROR(sniffer_.Check(type_));
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&sha_, digest);
    AttachmentRow row;
    row.sha256 = absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
    row.size = sniffer_.size();
    row.filename = filename_;
    row.content_type = type_.content_type;
    row.kind = type_.kind;
    return row;
  }

  ContentWriter* writer() { return writer_.get(); }

 private:
  ContentStore& content_;
  const SizeLimits& limits_;
  bool in_file_ = false;
  size_t other_bytes_ = 0;
  std::string filename_;
  FileType type_;
  std::unique_ptr<ContentWriter> writer_;
  ContentSniffer sniffer_;
  crypto_hash_sha256_state sha_;
};

absl::Status NotFound() { return absl::NotFoundError("attachment not found"); }

}  // namespace

bool MayDownload(const auth::Caller& caller, const AttachmentRow& row) {
  if (!row.linked()) return caller.account_id == row.uploader_id;
  if (caller.IsStaff()) return true;
  return !row.internal && !row.company_id.empty() && row.company_id == caller.company_id;
}

grpc::Status AttachmentServiceImpl::Upload(grpc::ServerContext* context,
                                           grpc::ServerReader<common::v1::HttpBody>* reader,
                                           v1::Attachment* response) {
  absl::StatusOr<v1::Attachment> uploaded = DoUpload(context, reader);
  if (!uploaded.ok()) return server::ToGrpc(uploaded.status());
  *response = *std::move(uploaded);
  return grpc::Status::OK;
}

absl::StatusOr<v1::Attachment> AttachmentServiceImpl::DoUpload(
    grpc::ServerContext* context, grpc::ServerReader<common::v1::HttpBody>* reader) {
  HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
  common::v1::HttpBody body;
  if (!reader->Read(&body)) return absl::InvalidArgumentError("file: the request has no body");
  UploadSink sink(content_, limits_);
  HELPDESK_ASSIGN_OR_RETURN(MultipartParser parser,
                            MultipartParser::Create(body.content_type(), &sink));
  do {
    HELPDESK_RETURN_IF_ERROR(parser.Feed(body.data()));
  } while (reader->Read(&body));
  if (context->IsCancelled()) return absl::CancelledError("the upload was abandoned");
  HELPDESK_RETURN_IF_ERROR(parser.Finish());
  HELPDESK_ASSIGN_OR_RETURN(AttachmentRow row, sink.Finish());
  if (context->IsCancelled()) return absl::CancelledError("the upload was abandoned");
  HELPDESK_RETURN_IF_ERROR(sink.writer()->Commit(row.sha256, row.size));
  row.id = ids::RandomToken(16);  // 128 random bits
  row.uploader_id = caller.account_id;
  row.uploader_company_id = caller.company_id;
  HELPDESK_RETURN_IF_ERROR(store_.Insert(row));
  return row.ToProto();
}

grpc::Status AttachmentServiceImpl::Download(grpc::ServerContext* context,
                                             const v1::DownloadRequest* request,
                                             grpc::ServerWriter<common::v1::HttpBody>* writer) {
  return server::ToGrpc(DoDownload(context, *request, writer));
}

absl::Status AttachmentServiceImpl::DoDownload(grpc::ServerContext* context,
                                               const v1::DownloadRequest& request,
                                               grpc::ServerWriter<common::v1::HttpBody>* writer) {
  HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
  if (request.id().empty() || request.id().size() > 64) return NotFound();
  absl::StatusOr<AttachmentRow> row = store_.Find(request.id());
  if (absl::IsNotFound(row.status()) || (row.ok() && !MayDownload(caller, *row))) {
    return NotFound();
  }
  if (!row.ok()) return row.status();
  HELPDESK_ASSIGN_OR_RETURN(std::unique_ptr<ContentReader> content, content_.Open(row->sha256));
  bool inline_display = request.inline_() && row->kind == v1::Attachment::IMAGE;
  context->AddInitialMetadata("content-disposition",
                              ContentDisposition(row->filename, inline_display));
  context->AddInitialMetadata("etag", absl::StrCat("\"", row->sha256, "\""));
  context->AddInitialMetadata("x-content-type-options", "nosniff");
  context->AddInitialMetadata("cache-control", "private, no-cache");
  bool first = true;
  while (true) {
    HELPDESK_ASSIGN_OR_RETURN(std::string chunk, content->Next());
    if (chunk.empty()) break;
    for (size_t at = 0; at < chunk.size(); at += kMessageBytes) {
      common::v1::HttpBody body;
      if (first) body.set_content_type(row->content_type);
      first = false;
      body.set_data(chunk.substr(at, kMessageBytes));
      if (!writer->Write(body)) return absl::CancelledError("the download was abandoned");
    }
  }
  return absl::OkStatus();
}

grpc::Status AttachmentServiceImpl::DownloadMessageImages(
    grpc::ServerContext* context, const v1::DownloadMessageImagesRequest* request,
    grpc::ServerWriter<common::v1::HttpBody>* writer) {
  return server::ToGrpc(DoDownloadImages(context, *request, writer));
}

absl::Status AttachmentServiceImpl::DoDownloadImages(
    grpc::ServerContext* context, const v1::DownloadMessageImagesRequest& request,
    grpc::ServerWriter<common::v1::HttpBody>* writer) {
  HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
  HELPDESK_ASSIGN_OR_RETURN(std::vector<AttachmentRow> images,
                            store_.MessageImages(request.ticket_id(), request.message_id()));
  if (images.empty() || !MayDownload(caller, images.front())) {
    return absl::NotFoundError("the message has no images");
  }
  context->AddInitialMetadata("content-disposition", ContentDisposition("images.zip", false));
  context->AddInitialMetadata("x-content-type-options", "nosniff");
  context->AddInitialMetadata("cache-control", "private, no-cache");
  std::string pending;
  bool first = true;
  auto send = [&](bool all) {
    while (pending.size() >= kMessageBytes || (all && !pending.empty())) {
      size_t n = std::min(pending.size(), kMessageBytes);
      common::v1::HttpBody body;
      if (first) body.set_content_type("application/zip");
      first = false;
      body.set_data(pending.substr(0, n));
      pending.erase(0, n);
      if (!writer->Write(body)) return false;
    }
    return true;
  };
  ZipStreamWriter zip([&](std::string_view bytes) {
    pending.append(bytes);
    return send(false);
  });
  HELPDESK_RETURN_IF_ERROR(zip.Open());
  std::set<std::string> names;
  for (const AttachmentRow& image : images) {
    HELPDESK_ASSIGN_OR_RETURN(std::unique_ptr<ContentReader> content, content_.Open(image.sha256));
    HELPDESK_RETURN_IF_ERROR(zip.BeginEntry(UniqueEntryName(image.filename, names), image.size));
    while (true) {
      HELPDESK_ASSIGN_OR_RETURN(std::string chunk, content->Next());
      if (chunk.empty()) break;
      HELPDESK_RETURN_IF_ERROR(zip.Write(chunk));
    }
  }
  HELPDESK_RETURN_IF_ERROR(zip.Finish());
  if (!send(true)) return absl::CancelledError("the download was abandoned");
  return absl::OkStatus();
}

grpc::Status AttachmentServiceImpl::GetAttachments(grpc::ServerContext* context,
                                                   const v1::GetAttachmentsRequest* request,
                                                   v1::GetAttachmentsResponse* response) {
  absl::StatusOr<auth::Caller> caller = auth::CallerOf(context);
  if (!caller.ok()) return server::ToGrpc(caller.status());
  for (const std::string& id : request->ids()) {
    absl::StatusOr<AttachmentRow> row = store_.Find(id);
    if (absl::IsNotFound(row.status()) || (row.ok() && !MayDownload(*caller, *row))) {
      return server::ToGrpc(NotFound());
    }
    if (!row.ok()) return server::ToGrpc(row.status());
    *response->add_attachments() = row->ToProto();
  }
  return grpc::Status::OK;
}

grpc::Status AttachmentServiceImpl::LinkAttachments(grpc::ServerContext* context,
                                                    const v1::LinkAttachmentsRequest* request,
                                                    v1::LinkAttachmentsResponse* response) {
  absl::StatusOr<auth::Caller> caller = auth::CallerOf(context);
  if (!caller.ok()) return server::ToGrpc(caller.status());
  if (request->ticket_id().empty() || request->message_id().empty()) {
    return server::ToGrpc(absl::InvalidArgumentError("ticketId, messageId: required"));
  }
  absl::StatusOr<v1::LinkAttachmentsResponse> linked = store_.Link(caller->account_id, *request);
  if (!linked.ok()) return server::ToGrpc(linked.status());
  *response = *std::move(linked);
  return grpc::Status::OK;
}

}  // namespace helpdesk::attachment
