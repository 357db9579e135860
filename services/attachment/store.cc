#include "services/attachment/store.h"

#include <pqxx/pqxx>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "services/attachment/sql.h"
#include "services/attachment/text.h"

namespace helpdesk::attachment {
namespace {

AttachmentRow RowFrom(const pqxx::row& r) {
  AttachmentRow row;
  row.id = r[0].as<std::string>();
  row.sha256 = r[1].as<std::string>();
  row.filename = r[2].as<std::string>();
  row.content_type = r[3].as<std::string>();
  v1::Attachment::Kind_Parse(r[4].as<std::string>(), &row.kind);
  row.size = r[5].as<int64_t>();
  row.uploader_id = r[6].as<std::string>();
  row.ticket_id = r[7].as<std::string>();
  row.message_id = r[8].as<std::string>();
  row.company_id = r[9].as<std::string>();
  row.internal = r[10].as<bool>();
  return row;
}

}  // namespace

v1::Attachment AttachmentRow::ToProto() const {
  v1::Attachment a;
  a.set_id(id);
  a.set_filename(filename);
  a.set_content_type(content_type);
  a.set_size(static_cast<int32_t>(size));
  a.set_sha256(sha256);
  a.set_kind(kind);
  return a;
}

absl::Status AttachmentStore::Insert(const AttachmentRow& row) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kInsertAttachment, row.id, row.sha256, row.filename, row.content_type,
                   v1::Attachment::Kind_Name(row.kind), row.size, row.uploader_id,
                   row.uploader_company_id);
    return absl::OkStatus();
  });
}

absl::StatusOr<AttachmentRow> AttachmentStore::Find(const std::string& id) {
  return db::ReadOnce<AttachmentRow>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<AttachmentRow> {
        pqxx::result r = tx.exec_params(sql::kSelectAttachment, id);
        if (r.empty()) return absl::NotFoundError("attachment not found");
        return RowFrom(r[0]);
      });
}

absl::StatusOr<std::vector<AttachmentRow>> AttachmentStore::MessageImages(
    const std::string& ticket_id, const std::string& message_id) {
  return db::ReadOnce<std::vector<AttachmentRow>>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<std::vector<AttachmentRow>> {
        std::vector<AttachmentRow> rows;
        for (const auto& r : tx.exec_params(sql::kSelectMessageImages, ticket_id, message_id)) {
          rows.push_back(RowFrom(r));
        }
        return rows;
      });
}

absl::Status CheckLinkShape(const v1::LinkAttachmentsRequest& request) {
  if (request.image_ids_size() > 3) {
    return absl::InvalidArgumentError("imageIds: at most 3 images per message");
  }
  std::set<std::string> seen;
  for (const std::string& id : request.image_ids()) {
    if (id.empty()) return absl::InvalidArgumentError("imageIds: an id is empty");
    if (!seen.insert(id).second) {
      return absl::InvalidArgumentError("imageIds: the same image is given twice");
    }
  }
  if (seen.count(request.file_id()) > 0) {
    return absl::InvalidArgumentError("fileId: the file is also given in imageIds");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::LinkAttachmentsResponse> AttachmentStore::Link(
    const std::string& account_id, const v1::LinkAttachmentsRequest& request) {
  absl::Status shape = CheckLinkShape(request);
  if (!shape.ok()) return shape;
  return db::InTransaction<v1::LinkAttachmentsResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::LinkAttachmentsResponse> {
        v1::LinkAttachmentsResponse response;
        auto link = [&](const std::string& id, int slot,
                        std::string_view field) -> absl::StatusOr<v1::Attachment> {
          pqxx::result r = tx.exec_params(sql::kLockAttachment, id);
          // Another account's upload is as unknown as a missing one.
          if (r.empty() || RowFrom(r[0]).uploader_id != account_id) {
            return absl::InvalidArgumentError(
                absl::StrCat(Absl(field), ": no such upload of yours (upload the file first)"));
          }
          AttachmentRow row = RowFrom(r[0]);
          if (field == "imageIds" && row.kind != v1::Attachment::IMAGE) {
            return absl::InvalidArgumentError(
                "imageIds: an attachment is not an image (png or jpeg); send it as fileId");
          }
          if (row.linked()) {
            if (row.ticket_id == request.ticket_id() && row.message_id == request.message_id()) {
              return row.ToProto();
            }
            return absl::InvalidArgumentError(
                absl::StrCat(Absl(field), ": an attachment already belongs to another message"));
          }
          tx.exec_params(sql::kLinkAttachment, id, request.ticket_id(), request.message_id(),
                         request.company_id(), request.internal(), slot);
          return row.ToProto();
        };
        for (int i = 0; i < request.image_ids_size(); ++i) {
          absl::StatusOr<v1::Attachment> a = link(request.image_ids(i), i, "imageIds");
          if (!a.ok()) return a.status();
          *response.add_images() = *std::move(a);
        }
        if (!request.file_id().empty()) {
          absl::StatusOr<v1::Attachment> a = link(request.file_id(), 3, "fileId");
          if (!a.ok()) return a.status();
          *response.mutable_file() = *std::move(a);
        }
        return response;
      });
}

}  // namespace helpdesk::attachment
