// The file name of an upload (the multipart part's filename or filename*):
// TypeForName, SanitizeFilename and the Content-Disposition the download is
// served with (services/attachment/validation.h), and the part header parser
// that reads it (ParseContentDisposition, services/attachment/multipart.h).
//
// Invariants: a sanitized name is valid UTF-8 of at most 200 bytes, with no
// control character, path separator or <>:"|?*, not empty and not starting
// with '.', and sanitizing it again changes nothing; the Content-Disposition
// written for it is printable ASCII (no header injection) and reading its
// filename* back gives the name.
//
// Input: the raw file name.
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "services/attachment/multipart.h"
#include "services/attachment/validation.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void CheckSanitized(std::string_view raw) {
  absl::StatusOr<std::string> name = helpdesk::attachment::SanitizeFilename(raw);
  if (!name.ok()) {
    FUZZ_CHECK(name.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  FUZZ_CHECK(!name->empty() && name->size() <= 200);
  FUZZ_CHECK(name->front() != '.');
  FUZZ_CHECK(IsValidUtf8(*name));
  for (unsigned char c : *name) {
    FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    FUZZ_CHECK(std::string_view("/\\<>:\"|?*").find(static_cast<char>(c)) ==
               std::string_view::npos);
  }
  absl::StatusOr<std::string> again = helpdesk::attachment::SanitizeFilename(*name);
  FUZZ_CHECK(again.ok() && *again == *name);

  // The download's header: printable ASCII, and its filename* reads back.
  for (bool inline_display : {false, true}) {
    std::string header = helpdesk::attachment::ContentDisposition(*name, inline_display);
    for (unsigned char c : header) FUZZ_CHECK(c >= 0x20 && c < 0x7f);
    std::string as_form_data = "form-data" + header.substr(header.find(';'));
    absl::StatusOr<helpdesk::attachment::PartHeaders> part =
        helpdesk::attachment::ParseContentDisposition(as_form_data);
    FUZZ_CHECK(part.ok() && part->has_filename && part->filename == *name);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  std::string_view raw = fuzz::AsText(data, size);

  absl::StatusOr<attachment::FileType> type = attachment::TypeForName(raw);
  if (type.ok()) {
    FUZZ_CHECK(!type->extension.empty() && !type->content_type.empty());
    FUZZ_CHECK(
        absl::EndsWithIgnoreCase(absl::string_view(raw.data(), raw.size()), "." + type->extension));
  } else {
    FUZZ_CHECK(type.status().code() == absl::StatusCode::kInvalidArgument);
  }
  CheckSanitized(raw);

  // As the browser sends it in a part header: the parameter parser must not
  // crash on anything, and a filename it reads is the quoted text.
  absl::StatusOr<attachment::PartHeaders> part = attachment::ParseContentDisposition(raw);
  if (part.ok()) FUZZ_CHECK(part->has_filename || part->filename.empty());
  return 0;
}
