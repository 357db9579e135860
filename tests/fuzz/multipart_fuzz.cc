// The upload path's streaming multipart/form-data parser
// (services/attachment/multipart.h), fed as a network would: the parts it
// reports (headers, content, ends) and its verdict must not depend on how
// the body is cut into pieces.
//
// Input: the Content-Type header value, '\n', one byte choosing the cutting
// (fuzz::Chunks), then the body.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/attachment/multipart.h"
#include "tests/fuzz/fuzz_support.h"

namespace helpdesk::attachment {
namespace {

// What the parser reported, with each part's content joined whatever the
// number of OnPartData calls.
class Recorder : public PartHandler {
 public:
  absl::Status OnPartBegin(const PartHeaders& part) override {
    FUZZ_CHECK(!in_part_);
    FUZZ_CHECK(part.has_filename || part.filename.empty());
    in_part_ = true;
    events_.push_back(absl::StrCat("begin name=", part.name, " filename=", part.filename,
                                   " has_filename=", part.has_filename,
                                   " type=", part.content_type));
    events_.push_back("data ");
    return absl::OkStatus();
  }
  absl::Status OnPartData(std::string_view data) override {
    FUZZ_CHECK(in_part_);
    FUZZ_CHECK(!data.empty());
    events_.back().append(data);
    return absl::OkStatus();
  }
  absl::Status OnPartEnd() override {
    FUZZ_CHECK(in_part_);
    in_part_ = false;
    events_.push_back("end");
    return absl::OkStatus();
  }

  const std::vector<std::string>& events() const { return events_; }

 private:
  bool in_part_ = false;
  std::vector<std::string> events_;
};

struct Outcome {
  std::vector<std::string> events;
  std::string status;  // "OK" or the error
  bool operator==(const Outcome&) const = default;
};

Outcome Parse(std::string_view content_type, const std::vector<std::string_view>& pieces) {
  Recorder recorder;
  absl::StatusOr<MultipartParser> parser = MultipartParser::Create(content_type, &recorder);
  if (!parser.ok()) return {{}, parser.status().ToString()};
  absl::Status status;
  for (std::string_view piece : pieces) {
    status = parser->Feed(piece);
    if (!status.ok()) break;
  }
  if (status.ok()) status = parser->Finish();
  if (!status.ok()) FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  return {recorder.events(), status.ToString()};
}

// The boundary of a plain "multipart/form-data; boundary=X", or "".
std::string SimpleBoundary(std::string_view content_type) {
  constexpr std::string_view kPrefix = "multipart/form-data; boundary=";
  if (content_type.substr(0, kPrefix.size()) != kPrefix) return "";
  std::string_view boundary = content_type.substr(kPrefix.size());
  for (char c : boundary) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') return "";
  }
  return std::string(boundary);
}

}  // namespace
}  // namespace helpdesk::attachment

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  auto [content_type, rest] = fuzz::SplitLine(fuzz::AsText(data, size));
  uint8_t seed = fuzz::TakeByte(rest);
  std::string_view body = rest;

  attachment::Outcome whole = attachment::Parse(content_type, {body});
  attachment::Outcome cut = attachment::Parse(content_type, fuzz::Chunks(body, seed));
  if (!(whole == cut)) {
    std::fprintf(stderr, "one piece: %zu events, %s\ncut: %zu events, %s\n", whole.events.size(),
                 whole.status.c_str(), cut.events.size(), cut.status.c_str());
  }
  FUZZ_CHECK(whole == cut);
  if (body.size() <= 2048) {
    FUZZ_CHECK(whole == attachment::Parse(content_type, fuzz::Chunks(body, 1)));
  }

  // No part's content holds the delimiter that ends it.
  std::string boundary = attachment::SimpleBoundary(content_type);
  if (!boundary.empty()) {
    for (const std::string& event : whole.events) {
      if (event.rfind("data ", 0) == 0) {
        FUZZ_CHECK(!absl::StrContains(event, absl::StrCat("\r\n--", boundary)));
      }
    }
  }
  return 0;
}
