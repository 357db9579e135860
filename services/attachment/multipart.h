// A streaming multipart/form-data parser (RFC 7578 / RFC 2046 §5.1): the
// body is fed in pieces of any size as it arrives, and each part's content
// reaches the handler without being held whole. Memory is bounded by the
// largest piece fed plus the header block (at most 16 KiB per part).
//
// Written here because Debian 12 has no C/C++ library that parses
// multipart/form-data as a stream (gmime and mimetic build the whole entity).
//
//   HELPDESK_ASSIGN_OR_RETURN(MultipartParser parser,
//                             MultipartParser::Create(content_type, &handler));
//   while (more) HELPDESK_RETURN_IF_ERROR(parser.Feed(piece));
//   HELPDESK_RETURN_IF_ERROR(parser.Finish());
//
// Errors are INVALID_ARGUMENT naming the `file` field; a handler's own error
// stops the parse and is returned as it is.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace helpdesk::attachment {

struct PartHeaders {
  std::string name;      // the form field
  std::string filename;  // from filename*= (UTF-8) or filename=
  bool has_filename = false;
  std::string content_type;
};

class PartHandler {
 public:
  virtual ~PartHandler() = default;
  virtual absl::Status OnPartBegin(const PartHeaders& part) = 0;
  virtual absl::Status OnPartData(std::string_view data) = 0;
  virtual absl::Status OnPartEnd() = 0;
};

class MultipartParser {
 public:
  // INVALID_ARGUMENT when `content_type` is not multipart/form-data with a
  // valid boundary.
  static absl::StatusOr<MultipartParser> Create(std::string_view content_type,
                                                PartHandler* handler);

  absl::Status Feed(std::string_view data);
  // INVALID_ARGUMENT when the body ended before its closing delimiter.
  absl::Status Finish();

  static constexpr size_t kMaxHeaderBytes = 16 * 1024;
  // Blanks allowed between a delimiter and its CRLF (RFC 2046 transport padding).
  static constexpr size_t kMaxTransportPadding = 256;

 private:
  enum class State { kPreamble, kAfterDelimiter, kHeaders, kBody, kEpilogue };

  MultipartParser(std::string boundary, PartHandler* handler)
      : delimiter_("\r\n--" + boundary), handler_(handler) {}
  absl::Status Run();
  absl::Status ParseHeaders(std::string_view block);

  std::string delimiter_;
  PartHandler* handler_;
  State state_ = State::kPreamble;
  // The body as if preceded by CRLF, so the first delimiter matches too.
  std::string buffer_ = "\r\n";
};

// Parses one Content-Disposition value ("form-data; name=\"file\";
// filename=\"a.png\""), for tests and the parser.
absl::StatusOr<PartHeaders> ParseContentDisposition(std::string_view value);

}  // namespace helpdesk::attachment
