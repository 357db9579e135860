#include "services/attachment/multipart.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/attachment/text.h"

namespace helpdesk::attachment {
namespace {

absl::Status Bad(std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("file: ", Absl(why)));
}

bool IsTokenChar(char c) {
  return absl::ascii_isalnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Splits "a; b=c; d=\"e;f\"" into the leading value and its parameters,
// calling `param(name, value)` (name lower-cased, quotes and escapes removed).
template <typename F>
absl::Status ForEachParameter(std::string_view text, std::string* leading, F param) {
  size_t i = text.find(';');
  *leading = absl::AsciiStrToLower(absl::StripAsciiWhitespace(Absl(text.substr(0, i))));
  while (i != std::string_view::npos && i < text.size()) {
    ++i;  // past ';'
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == text.size()) break;
    size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) return Bad("malformed part header parameter");
    std::string name =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(Absl(text.substr(i, eq - i))));
    i = eq + 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        // No backslash escapes: browsers send a filename's backslashes as
        // they are (and a quote as %22), so "C:\\x\\a.png" is a path.
        if (c == '"') {
          closed = true;
          break;
        } else {
          value.push_back(c);
        }
      }
      if (!closed) return Bad("unterminated quoted string in a part header");
      while (i < text.size() && text[i] != ';') {
        if (!absl::ascii_isspace(text[i])) return Bad("malformed part header parameter");
        ++i;
      }
    } else {
      size_t end = text.find(';', i);
      value = std::string(absl::StripAsciiWhitespace(Absl(text.substr(i, end - i))));
      i = end;
    }
    param(name, value);
  }
  return absl::OkStatus();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 5987 ext-value: UTF-8'lang'percent-encoded.
absl::StatusOr<std::string> DecodeExtValue(std::string_view value) {
  size_t q1 = value.find('\'');
  size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return Bad("malformed filename*");
  if (!absl::EqualsIgnoreCase(Absl(value.substr(0, q1)), "utf-8")) {
    return Bad("filename* must be UTF-8");
  }
  std::string out;
  for (size_t i = q2 + 1; i < value.size(); ++i) {
    if (value[i] != '%') {
      out.push_back(value[i]);
      continue;
    }
    int hi = i + 1 < value.size() ? HexValue(value[i + 1]) : -1;
    int lo = i + 2 < value.size() ? HexValue(value[i + 2]) : -1;
    if (hi < 0 || lo < 0) return Bad("malformed filename*");
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

}  // namespace

absl::StatusOr<PartHeaders> ParseContentDisposition(std::string_view value) {
  PartHeaders part;
  std::string disposition;
  std::string ext_filename;
  bool has_ext = false;
  absl::Status status =
      ForEachParameter(value, &disposition, [&](const std::string& name, const std::string& v) {
        if (name == "name") part.name = v;
        if (name == "filename") {
          part.filename = v;
          part.has_filename = true;
        }
        if (name == "filename*") {
          ext_filename = v;
          has_ext = true;
        }
      });
  if (!status.ok()) return status;
  if (disposition != "form-data") return Bad("a part is not form-data");
  if (has_ext) {
    absl::StatusOr<std::string> decoded = DecodeExtValue(ext_filename);
    if (!decoded.ok()) return decoded.status();
    part.filename = *decoded;
    part.has_filename = true;
  }
  return part;
}

absl::StatusOr<MultipartParser> MultipartParser::Create(std::string_view content_type,
                                                        PartHandler* handler) {
  std::string media_type;
  std::string boundary;
  absl::Status status = ForEachParameter(content_type, &media_type,
                                         [&](const std::string& name, const std::string& v) {
                                           if (name == "boundary") boundary = v;
                                         });
  if (!status.ok() || media_type != "multipart/form-data") {
    return Bad("the request body must be multipart/form-data");
  }
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') {
    return Bad("the multipart boundary is missing or invalid");
  }
  for (char c : boundary) {
    if (!IsTokenChar(c) && std::string_view("()+_,-./:=? ").find(c) == std::string_view::npos) {
      return Bad("the multipart boundary is missing or invalid");
    }
  }
  return MultipartParser(boundary, handler);
}

absl::Status MultipartParser::Feed(std::string_view data) {
  if (state_ == State::kEpilogue) return absl::OkStatus();
  buffer_.append(data);
  return Run();
}

absl::Status MultipartParser::Run() {
  while (true) {
    switch (state_) {
      case State::kPreamble: {
        size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) {
          // Keep what could be the start of a delimiter; a preamble is noise.
          if (buffer_.size() > delimiter_.size()) {
            buffer_.erase(0, buffer_.size() - delimiter_.size());
          }
          return absl::OkStatus();
        }
        buffer_.erase(0, at + delimiter_.size());
        state_ = State::kAfterDelimiter;
        break;
      }
      case State::kAfterDelimiter: {
        if (buffer_.size() < 2) return absl::OkStatus();
        if (buffer_.compare(0, 2, "--") == 0) {
          state_ = State::kEpilogue;
          buffer_.clear();
          return absl::OkStatus();
        }
        // Transport padding (spaces, tabs) may precede the CRLF. Its limit is
        // checked on what has arrived so far, so that the verdict does not
        // depend on how the body was cut into pieces.
        size_t i = 0;
        while (i < buffer_.size() && (buffer_[i] == ' ' || buffer_[i] == '\t')) ++i;
        if (i > kMaxTransportPadding) return Bad("malformed multipart delimiter");
        if (i + 2 > buffer_.size()) return absl::OkStatus();
        if (buffer_.compare(i, 2, "\r\n") != 0) return Bad("malformed multipart delimiter");
        buffer_.erase(0, i + 2);
        state_ = State::kHeaders;
        break;
      }
      case State::kHeaders: {
        size_t end = buffer_.find("\r\n\r\n");
        if (buffer_.compare(0, 2, "\r\n") == 0) end = 0;  // no headers at all
        if (end == std::string::npos) {
          // The blank line may still start at kMaxHeaderBytes: only when it
          // cannot (its 4 bytes would have arrived) are the headers too large.
          if (buffer_.size() >= kMaxHeaderBytes + 4) return Bad("a part's headers are too large");
          return absl::OkStatus();
        }
        if (end > kMaxHeaderBytes) return Bad("a part's headers are too large");
        absl::Status status = ParseHeaders(std::string_view(buffer_).substr(0, end));
        if (!status.ok()) return status;
        buffer_.erase(0, end == 0 ? 2 : end + 4);
        state_ = State::kBody;
        break;
      }
      case State::kBody: {
        size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) {
          // Everything but a possible delimiter prefix at the end is content.
          size_t safe =
              buffer_.size() >= delimiter_.size() ? buffer_.size() - (delimiter_.size() - 1) : 0;
          if (safe > 0) {
            absl::Status status = handler_->OnPartData(std::string_view(buffer_).substr(0, safe));
            if (!status.ok()) return status;
            buffer_.erase(0, safe);
          }
          return absl::OkStatus();
        }
        if (at > 0) {
          absl::Status status = handler_->OnPartData(std::string_view(buffer_).substr(0, at));
          if (!status.ok()) return status;
        }
        absl::Status status = handler_->OnPartEnd();
        if (!status.ok()) return status;
        buffer_.erase(0, at + delimiter_.size());
        state_ = State::kAfterDelimiter;
        break;
      }
      case State::kEpilogue:
        buffer_.clear();
        return absl::OkStatus();
    }
  }
}

absl::Status MultipartParser::ParseHeaders(std::string_view block) {
  PartHeaders part;
  bool has_disposition = false;
  while (!block.empty()) {
    size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Bad("malformed part header");
    std::string name =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(Absl(line.substr(0, colon))));
    std::string_view value = Std(absl::StripAsciiWhitespace(Absl(line.substr(colon + 1))));
    if (name == "content-disposition") {
      if (has_disposition) return Bad("a part has two Content-Disposition headers");
      absl::StatusOr<PartHeaders> parsed = ParseContentDisposition(value);
      if (!parsed.ok()) return parsed.status();
      std::string content_type = part.content_type;
      part = *std::move(parsed);
      part.content_type = content_type;
      has_disposition = true;
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return Bad("a part has no Content-Disposition header");
  return handler_->OnPartBegin(part);
}

absl::Status MultipartParser::Finish() {
  if (state_ != State::kEpilogue)
    return Bad("the multipart body ended before its closing boundary");
  return absl::OkStatus();
}

}  // namespace helpdesk::attachment
