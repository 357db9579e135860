#include "services/attachment/validation.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/attachment/text.h"

namespace helpdesk::attachment {
namespace {

using Kind = v1::Attachment::Kind;

struct AllowedType {
  const char* extension;
  const char* content_type;
  Kind kind;
  // libmagic MIME types accepted for the extension.
  std::vector<const char*> detected;
};

const std::vector<AllowedType>& AllowedTypes() {
  static const auto* types = new std::vector<AllowedType>{
      {"png", "image/png", v1::Attachment::IMAGE, {"image/png"}},
      {"jpg", "image/jpeg", v1::Attachment::IMAGE, {"image/jpeg"}},
      {"jpeg", "image/jpeg", v1::Attachment::IMAGE, {"image/jpeg"}},
      {"pdf", "application/pdf", v1::Attachment::FILE, {"application/pdf"}},
      // Word and Excel 97-2003 are OLE compound files; libmagic names the
      // application when it can, the container otherwise.
      {"doc",
       "application/msword",
       v1::Attachment::FILE,
       {"application/msword", "application/vnd.ms-office", "application/CDFV2",
        "application/x-ole-storage"}},
      {"xls",
       "application/vnd.ms-excel",
       v1::Attachment::FILE,
       {"application/vnd.ms-excel", "application/vnd.ms-office", "application/CDFV2",
        "application/x-ole-storage"}},
      // OOXML files are zip archives; libmagic recognises them when the
      // archive starts with [Content_Types].xml, as Office writes them, and
      // says application/zip otherwise.
      {"docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       v1::Attachment::FILE,
       {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip"}},
      {"xlsx",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       v1::Attachment::FILE,
       {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}},
      {"csv", "text/csv", v1::Attachment::FILE, {"text/csv", "text/plain", "application/csv"}},
      {"zip",
       "application/zip",
       v1::Attachment::FILE,
       {"application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}},
  };
  return *types;
}

const AllowedType* Find(std::string_view extension) {
  for (const AllowedType& t : AllowedTypes()) {
    if (extension == t.extension) return &t;
  }
  return nullptr;
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = s[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3f);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

// Whether the code point starting at s[i] (of length n) is a control
// character: C0, DEL, C1, or a bidirectional override that disguises names.
bool IsControl(std::string_view s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (n == 1) return c < 0x20 || c == 0x7f;
  if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) return true;
  if (n == 3) {
    std::string_view seq = s.substr(i, 3);
    // U+202A..U+202E, U+2066..U+2069 (bidi controls), U+200B..U+200F.
    if (seq >= "\xe2\x80\xaa" && seq <= "\xe2\x80\xae") return true;
    if (seq >= "\xe2\x81\xa6" && seq <= "\xe2\x81\xa9") return true;
    if (seq >= "\xe2\x80\x8b" && seq <= "\xe2\x80\x8f") return true;
  }
  return false;
}

std::string Describe(const std::string& mime) {
  if (mime == "text/html") return "HTML";
  if (mime == "image/svg+xml") return "SVG";
  if (mime == "text/xml" || mime == "application/xml") return "XML";
  if (absl::StrContains(mime, "executable") || mime == "application/x-dosexec" ||
      mime == "application/x-sharedlib" || mime == "application/x-mach-binary" ||
      mime == "application/x-elf") {
    return "an executable";
  }
  if (mime == "application/zip") return "a zip archive";
  if (mime == "image/png") return "png";
  if (mime == "image/jpeg") return "jpeg";
  if (mime == "application/pdf") return "pdf";
  if (mime == "text/plain") return "plain text";
  if (mime == "application/x-empty") return "empty";
  return mime;
}

absl::Status Refuse(std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("file: ", Absl(why)));
}

// Markup a browser would run if it ever sniffed the file as HTML.
bool HasMarkup(std::string_view head) {
  std::string lower = absl::AsciiStrToLower(Absl(head));
  for (const char* marker :
       {"<script", "<html", "<svg", "<!doctype html", "<iframe", "<body", "<?php", "javascript:"}) {
    if (absl::StrContains(lower, marker)) return true;
  }
  return false;
}

absl::Status CheckEnd(const FileType& type, std::string_view tail) {
  if (type.content_type == "image/png") {
    static constexpr std::string_view kIend("\0\0\0\0IEND\xae\x42\x60\x82", 12);
    if (!absl::EndsWith(Absl(tail), Absl(kIend)))
      return Refuse("content continues after the png image ends");
  } else if (type.content_type == "image/jpeg") {
    if (!absl::EndsWith(Absl(tail), "\xff\xd9")) {
      return Refuse("content continues after the jpeg image ends");
    }
  } else if (type.content_type == "application/pdf") {
    size_t eof = tail.rfind("%%EOF");
    if (eof == std::string_view::npos) return Refuse("the pdf has no end marker (%%EOF)");
    std::string_view rest = tail.substr(eof + 5);
    if (!std::all_of(rest.begin(), rest.end(), [](char c) { return absl::ascii_isspace(c); })) {
      return Refuse("content continues after the pdf ends");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FileType> TypeForName(std::string_view filename) {
  size_t dot = filename.rfind('.');
  std::string extension =
      dot == std::string_view::npos ? "" : absl::AsciiStrToLower(Absl(filename.substr(dot + 1)));
  const AllowedType* t = Find(extension);
  if (t == nullptr) {
    std::vector<std::string> names;
    for (const AllowedType& a : AllowedTypes()) names.push_back(a.extension);
    return Refuse(absl::StrCat(extension.empty() ? "the name has no extension"
                                                 : absl::StrCat(".", extension, " is not allowed"),
                               "; allowed: ", absl::StrJoin(names, ", ")));
  }
  return FileType{t->extension, t->content_type, t->kind};
}

absl::StatusOr<std::string> SanitizeFilename(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size();) {
    size_t n = Utf8SequenceLength(raw, i);
    if (n == 0) return Refuse("the name is not valid UTF-8");
    if (IsControl(raw, i, n)) return Refuse("the name holds a control character");
    char c = raw[i];
    if (n == 1 && (c == '/' || c == '\\')) return Refuse("the name holds a path separator");
    if (n == 1 && std::string_view("<>:\"|?*").find(c) != std::string_view::npos) {
      out.push_back('_');
    } else {
      out.append(raw.substr(i, n));
    }
    i += n;
  }
  // Trimmed, without leading dots (a hidden file): dropping the dots may
  // uncover blanks (". .png"), which go too, so that the name is a fixed
  // point of this function.
  std::string_view name = Std(absl::StripTrailingAsciiWhitespace(out));
  while (!name.empty() && (name.front() == '.' || absl::ascii_isspace(name.front()))) {
    name.remove_prefix(1);
  }
  if (name.empty()) return Refuse("the name is empty");
  if (name == "." || name == "..") return Refuse("the name is not a file name");
  static constexpr size_t kMaxBytes = 200;
  if (name.size() <= kMaxBytes) return std::string(name);
  size_t dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot);
  if (ext.size() > 16) ext = "";
  std::string_view stem = name.substr(0, name.size() - ext.size());
  size_t keep = 0;
  for (size_t i = 0; i < stem.size();) {
    size_t n = Utf8SequenceLength(stem, i);
    if (i + n + ext.size() > kMaxBytes) break;
    i += n;
    keep = i;
  }
  std::string_view kept = stem.substr(0, keep);
  // Cut before the extension or, without one, at the end: no trailing blank.
  if (ext.empty()) kept = Std(absl::StripTrailingAsciiWhitespace(Absl(kept)));
  return absl::StrCat(Absl(kept), Absl(ext));
}

std::string ContentDisposition(std::string_view filename, bool inline_display) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    bool plain = absl::ascii_isalnum(c) ||
                 std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (plain) {
      encoded.push_back(c);
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 0xf]);
    }
    // The fallback keeps printable ASCII other than quote and backslash.
    ascii.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
  }
  return absl::StrCat(inline_display ? "inline" : "attachment", "; filename=\"", ascii,
                      "\"; filename*=UTF-8''", encoded);
}

void ContentSniffer::Append(std::string_view data) {
  size_ += data.size();
  if (head_.size() < kHeadBytes) {
    head_.append(data.substr(0, kHeadBytes - head_.size()));
  }
  if (data.size() >= kTailBytes) {
    tail_.assign(data.substr(data.size() - kTailBytes));
  } else {
    tail_.append(data);
    if (tail_.size() > kTailBytes) tail_.erase(0, tail_.size() - kTailBytes);
  }
}

std::string ContentSniffer::MimeType() const {
  // A magic cookie is not thread-safe; each thread keeps its own.
  thread_local struct Cookie {
    magic_t magic = nullptr;
    Cookie() {
      magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
      if (magic != nullptr && magic_load(magic, nullptr) != 0) {
        magic_close(magic);
        magic = nullptr;
      }
    }
    ~Cookie() {
      if (magic != nullptr) magic_close(magic);
    }
  } cookie;
  if (cookie.magic == nullptr) return "";
  const char* mime = magic_buffer(cookie.magic, head_.data(), head_.size());
  // With MAGIC_ERROR, content libmagic cannot make sense of (a corrupt
  // compound document, say) is an error: it is the uploader's, not ours.
  return mime == nullptr ? "application/octet-stream" : mime;
}

absl::Status ContentSniffer::Check(const FileType& type) const {
  if (size_ == 0) return Refuse("is empty");
  std::string mime = MimeType();
  if (mime.empty()) return absl::InternalError("libmagic could not be loaded");
  const AllowedType* allowed = Find(type.extension);
  if (allowed == nullptr || std::find(allowed->detected.begin(), allowed->detected.end(), mime) ==
                                allowed->detected.end()) {
    return Refuse(absl::StrCat("content is ", Describe(mime), ", not ", type.extension));
  }
  bool text_checked =
      type.kind == v1::Attachment::IMAGE || type.extension == "pdf" || type.extension == "csv";
  if (text_checked && HasMarkup(head_)) return Refuse("content holds HTML or script markup");
  return CheckEnd(type, tail_);
}

}  // namespace helpdesk::attachment
