#include "tools/helpdeskctl/attachments.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "helpdesk/attachment/v1/attachment.pb.h"
#include "helpdesk/common/v1/types.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/exit_codes.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kUpload[] = "helpdesk.attachment.v1.AttachmentService.Upload";
constexpr int kMaxImages = 3;
constexpr size_t kChunkBytes = 64 * 1024;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool LooksLikeImage(const std::string& path) {
  const std::string name = absl::AsciiStrToLower(BaseName(path));
  return absl::EndsWith(name, ".png") || absl::EndsWith(name, ".jpg") ||
         absl::EndsWith(name, ".jpeg");
}

// A boundary that the content will not contain: 128 random bits.
std::string NewBoundary() {
  std::random_device random;
  std::string boundary = "helpdeskctl-";
  for (int i = 0; i < 4; ++i) absl::StrAppend(&boundary, absl::Hex(random(), absl::kZeroPad8));
  return boundary;
}

absl::Status Unreadable(const std::string& path, int error) {
  return UsageError(absl::StrCat("--attach: cannot read \"", path, "\": ", std::strerror(error)));
}

// Uploads one file, streamed in chunks.
absl::StatusOr<attachment::v1::Attachment> Upload(Context& ctx, const std::string& path) {
  const std::string boundary = NewBoundary();
  attachment::v1::Attachment uploaded;
  absl::Status status = ctx.CallStreaming(
      kUpload,
      [&](const std::function<bool(const google::protobuf::Message&)>& write) -> absl::Status {
        std::ifstream file(path, std::ios::binary);
        if (!file) return Unreadable(path, errno);
        common::v1::HttpBody body;
        body.set_content_type("multipart/form-data; boundary=" + boundary);
        body.set_data(MultipartHead(boundary, path));
        if (!write(body)) return absl::OkStatus();  // the server's answer says why
        body.clear_content_type();
        std::string chunk(kChunkBytes, '\0');
        while (file) {
          file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
          if (file.gcount() == 0) break;
          body.set_data(chunk.data(), static_cast<size_t>(file.gcount()));
          if (!write(body)) return absl::OkStatus();
        }
        if (file.bad()) return Unreadable(path, errno);
        body.set_data(MultipartTail(boundary));
        write(body);
        return absl::OkStatus();
      },
      &uploaded);
  if (!status.ok()) {
    if (ExitCodeOf(status) != ExitCode::kFailed) return status;
    return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  }
  return uploaded;
}

}  // namespace

absl::Status CheckAttachmentCount(const std::vector<std::string>& paths) {
  int images = 0, others = 0;
  for (const std::string& path : paths) (LooksLikeImage(path) ? images : others)++;
  // One file slot: another kind of file, or a fourth image.
  if (others > 1 || images + others > kMaxImages + 1) {
    return UsageError("--attach: at most 3 images (png, jpeg) and 1 other file per message");
  }
  return absl::OkStatus();
}

std::string MultipartHead(const std::string& boundary, const std::string& path) {
  const std::string name =
      absl::StrReplaceAll(BaseName(path), {{"\"", "%22"}, {"\r", "%0D"}, {"\n", "%0A"}});
  return absl::StrCat("--", boundary, "\r\nContent-Disposition: form-data; name=\"file\"; ",
                      "filename=\"", name, "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
}

std::string MultipartTail(const std::string& boundary) {
  return absl::StrCat("\r\n--", boundary, "--\r\n");
}

void AddAttachOption(CLI::App* command, std::vector<std::string>& paths) {
  command->add_option("--attach", paths,
                      "A local file to attach (repeat: up to 3 images png/jpeg and 1 file "
                      "doc, docx, xls, xlsx, csv, zip, pdf or an image)");
}

absl::StatusOr<MessageAttachments> UploadAttachments(Context& ctx,
                                                     const std::vector<std::string>& paths) {
  HELPDESK_RETURN_IF_ERROR(CheckAttachmentCount(paths));
  for (const std::string& path : paths) {  // every one readable before the first upload
    std::ifstream file(path, std::ios::binary);
    if (!file) return Unreadable(path, errno);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) return Unreadable(path, EISDIR);
  }
  MessageAttachments attached;
  for (const std::string& path : paths) {
    HELPDESK_ASSIGN_OR_RETURN(attachment::v1::Attachment uploaded, Upload(ctx, path));
    if (uploaded.kind() == attachment::v1::Attachment::IMAGE &&
        static_cast<int>(attached.image_ids.size()) < kMaxImages) {
      attached.image_ids.push_back(uploaded.id());
    } else if (attached.file_id.empty()) {
      attached.file_id = uploaded.id();
    } else {
      return UsageError("--attach: at most 3 images (png, jpeg) and 1 other file per message");
    }
  }
  return attached;
}

}  // namespace helpdesk::helpdeskctl
