// Local files attached to a message (`tickets create|reply --attach PATH`):
// each is uploaded through AttachmentService.Upload, streamed as the
// multipart/form-data body a browser would send to POST /v1/attachments, and
// the ids go into the request by kind, as SPEC §2 allows per message: up to
// 3 images (png, jpeg) in imageIds and 1 file in fileId (an image too, once
// the images are full). The server checks the content and the size limits;
// its refusal is reported with the file's path. An upload that is never
// linked to a message (the message was refused) is collected by the
// attachment service.
//
//   HELPDESK_ASSIGN_OR_RETURN(MessageAttachments attached, UploadAttachments(ctx, paths));
//   for (const auto& id : attached.image_ids) request.add_image_ids(id);
//   request.set_file_id(attached.file_id);
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/helpdeskctl/context.h"

namespace CLI {
class App;
}

namespace helpdesk::helpdeskctl {

struct MessageAttachments {
  std::vector<std::string> image_ids;
  std::string file_id;
};

// Whether the paths fit one message, judged by their extensions before
// anything is uploaded: a usage error "--attach: at most 3 images (png,
// jpeg) and 1 other file per message" otherwise.
absl::Status CheckAttachmentCount(const std::vector<std::string>& paths);

// The multipart body around a file's content: the part's head (the form
// field `file` with the file's base name; `"`, CR and LF sent as %22, %0D,
// %0A as browsers do) and the closing boundary.
std::string MultipartHead(const std::string& boundary, const std::string& path);
std::string MultipartTail(const std::string& boundary);

// The repeatable --attach PATH option of a command that adds a message.
void AddAttachOption(CLI::App* command, std::vector<std::string>& paths);

// Uploads every file (each must be readable: a usage error naming it
// otherwise) and sorts the ids by kind.
absl::StatusOr<MessageAttachments> UploadAttachments(Context& ctx,
                                                     const std::vector<std::string>& paths);

}  // namespace helpdesk::helpdeskctl
