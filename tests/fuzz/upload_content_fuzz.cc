// The content checks of uploads (services/attachment/validation.h): what
// ContentSniffer keeps of a stream and its verdict (libmagic's type, markup
// in images/PDF/CSV, content after the PNG/JPEG/PDF end marker) must not
// depend on how the upload is cut into pieces, and a refusal is always
// INVALID_ARGUMENT.
//
// Input: one byte choosing the declared type (the allowed extensions, in
// turn), one byte choosing the cutting (fuzz::Chunks), then the content.
#include <string>
#include <string_view>

#include "services/attachment/validation.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr const char* kNames[] = {"a.png", "a.jpg", "a.jpeg", "a.pdf",  "a.csv",
                                  "a.doc", "a.xls", "a.docx", "a.xlsx", "a.zip"};

struct Verdict {
  int64_t size;
  std::string mime;
  std::string status;
  bool operator==(const Verdict&) const = default;
};

Verdict Judge(const helpdesk::attachment::FileType& type,
              const std::vector<std::string_view>& pieces) {
  helpdesk::attachment::ContentSniffer sniffer;
  for (std::string_view piece : pieces) sniffer.Append(piece);
  absl::Status status = sniffer.Check(type);
  if (!status.ok() && status.code() != absl::StatusCode::kInvalidArgument) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
  }
  FUZZ_CHECK(status.ok() || status.code() == absl::StatusCode::kInvalidArgument);
  return {sniffer.size(), sniffer.MimeType(), status.ToString()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  std::string_view input = fuzz::AsText(data, size);
  const char* name = kNames[fuzz::TakeByte(input) % std::size(kNames)];
  uint8_t seed = fuzz::TakeByte(input);
  absl::StatusOr<attachment::FileType> type = attachment::TypeForName(name);
  FUZZ_CHECK(type.ok());

  Verdict whole = Judge(*type, {input});
  FUZZ_CHECK(whole.size == static_cast<int64_t>(input.size()));
  FUZZ_CHECK(whole == Judge(*type, fuzz::Chunks(input, seed)));
  return 0;
}
