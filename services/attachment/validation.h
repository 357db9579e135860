// What an upload may be (SPEC §2 Attachments): the allowed extensions, the
// stored name, the size limits, and the content check by magic bytes.
//
//   HELPDESK_ASSIGN_OR_RETURN(FileType type, TypeForName(raw_name));
//   HELPDESK_ASSIGN_OR_RETURN(std::string name, SanitizeFilename(raw_name));
//   ContentSniffer sniffer;
//   sniffer.Append(chunk);  // as the bytes arrive; keeps a bounded head and tail
//   HELPDESK_RETURN_IF_ERROR(sniffer.Check(type));
//
// Every refusal is INVALID_ARGUMENT with a message naming the `file` field and
// saying why ("file: content is HTML, not png").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "helpdesk/attachment/v1/attachment.pb.h"

namespace helpdesk::attachment {

struct FileType {
  std::string extension;     // lower case, without the dot: "png", "docx"
  std::string content_type;  // what downloads are served as
  v1::Attachment::Kind kind = v1::Attachment::KIND_UNSPECIFIED;
};

struct SizeLimits {
  int64_t image_bytes = 10 * 1024 * 1024;
  int64_t file_bytes = 25 * 1024 * 1024;
  int64_t For(const FileType& type) const {
    return type.kind == v1::Attachment::IMAGE ? image_bytes : file_bytes;
  }
};

// The allowed type of a file name by its extension (case-insensitive), or
// INVALID_ARGUMENT listing the allowed ones.
absl::StatusOr<FileType> TypeForName(std::string_view filename);

// The name to store: refused (INVALID_ARGUMENT) when empty, not UTF-8, or
// holding a path separator or a control character; otherwise trimmed, with
// characters that are unsafe in file names on common systems (<>:"|?*)
// replaced by "_", a leading dot dropped, and cut to at most 200 bytes on a
// character boundary, keeping the extension. Unicode letters are kept.
absl::StatusOr<std::string> SanitizeFilename(std::string_view raw);

// The name for a Content-Disposition header (RFC 6266): the ASCII fallback
// `filename="..."` and `filename*=UTF-8''...`.
std::string ContentDisposition(std::string_view filename, bool inline_display);

// Watches the bytes of an upload as they stream by, keeping only its first
// kHeadBytes (for libmagic) and last kTailBytes (for the end-of-file
// markers that expose appended content), then judges the whole.
class ContentSniffer {
 public:
  static constexpr size_t kHeadBytes = 256 * 1024;
  static constexpr size_t kTailBytes = 1024;

  void Append(std::string_view data);
  int64_t size() const { return size_; }

  // OK when the content is what `type` says: not empty, libmagic's type
  // allowed for the extension, no HTML/script markup in images, PDFs and CSV,
  // and nothing after the format's end marker (png IEND, jpeg EOI, pdf
  // %%EOF), which is how polyglots (an image or PDF with a zip or script
  // appended) are caught.
  absl::Status Check(const FileType& type) const;

  // libmagic's MIME type of the head ("image/png"); application/octet-stream
  // when libmagic fails on it; "" only when libmagic cannot be loaded.
  std::string MimeType() const;

 private:
  std::string head_;
  std::string tail_;
  int64_t size_ = 0;
};

}  // namespace helpdesk::attachment
