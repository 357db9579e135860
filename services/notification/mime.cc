#include "services/notification/mime.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/ids/ids.h"

namespace helpdesk::notification {
namespace {

constexpr size_t kMaxLine = 78;
constexpr size_t kMaxWord = 75;       // RFC 2047 §2
constexpr size_t kWordOverhead = 12;  // "=?UTF-8?B?" + "?="

// How many bytes of text fit in one encoded word on a line where `used`
// characters come before it: whole groups of 3 bytes (4 base64 characters).
size_t WordBytes(size_t used) {
  size_t room = std::min(kMaxWord, kMaxLine > used ? kMaxLine - used : 0);
  size_t base64 = room > kWordOverhead ? room - kWordOverhead : 0;
  return std::max<size_t>(base64 / 4 * 3, 12);
}

absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool HasLineBreak(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool IsPlainAscii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return text.find("=?") == std::string_view::npos;
}

// The length of the UTF-8 sequence starting with `lead` (1 for a stray byte).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}

absl::Status CheckHeader(std::string_view name, std::string_view value) {
  if (HasLineBreak(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(name), ": line breaks are not allowed"));
  }
  return absl::OkStatus();
}

bool IsValidMessageId(std::string_view id) {
  if (id.size() < 5 || id.front() != '<' || id.back() != '>') return false;
  std::string_view inner = id.substr(1, id.size() - 2);
  size_t at = inner.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == inner.size()) return false;
  for (char c : inner) {
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

std::string Part(const char* subtype, std::string_view body) {
  return absl::StrCat("Content-Type: text/", subtype, "; charset=UTF-8\r\n",
                      "Content-Transfer-Encoding: base64\r\n\r\n",
                      Base64Lines(CanonicalLineEnds(body)));
}

}  // namespace

bool IsValidAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = address.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : address) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("\"(),:;<>[\\]").find(c) != std::string_view::npos) return false;
  }
  return true;
}

std::string AddressDomain(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

absl::StatusOr<MailAddress> ParseMailbox(std::string_view text) {
  if (HasLineBreak(text)) return absl::InvalidArgumentError("line breaks are not allowed");
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  MailAddress mailbox;
  size_t open = text.rfind('<');
  if (open != std::string_view::npos && !text.empty() && text.back() == '>') {
    mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
    std::string_view name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    mailbox.display_name = std::string(name);
  } else {
    mailbox.address = std::string(text);
  }
  if (!IsValidAddress(mailbox.address)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", std::string(text), "\" is not an e-mail address"));
  }
  return mailbox;
}

std::string EncodeHeaderText(std::string_view text, size_t used) {
  if (IsPlainAscii(text) && used + text.size() <= kMaxLine) return std::string(text);
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t limit = WordBytes(out.empty() ? used : 1);  // later lines start with a space
    size_t end = pos;
    while (end < text.size()) {
      size_t next = end + Utf8Length(static_cast<unsigned char>(text[end]));
      if (next - pos > limit) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";
    absl::StrAppend(&out, "=?UTF-8?B?", absl::Base64Escape(Absl(text.substr(pos, end - pos))),
                    "?=");
    pos = end;
  }
  return out;
}

std::string FormatMailbox(const MailAddress& mailbox) {
  if (mailbox.display_name.empty()) return mailbox.address;
  std::string name;
  if (IsPlainAscii(mailbox.display_name)) {
    name = "\"";
    for (char c : mailbox.display_name) {
      if (c == '"' || c == '\\') name.push_back('\\');
      name.push_back(c);
    }
    name += "\"";
  } else {
    name = EncodeHeaderText(mailbox.display_name, 10);  // "Reply-To: "
  }
  return absl::StrCat(name, " <", mailbox.address, ">");
}

std::string FormatRfc5322Date(absl::Time time) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const absl::TimeZone utc = absl::UTCTimeZone();
  absl::CivilSecond c = utc.At(time).cs;
  int weekday = static_cast<int>(absl::GetWeekday(c));  // Monday = 0
  return absl::StrCat(kDays[weekday], ", ", absl::FormatTime("%d", time, utc), " ",
                      kMonths[c.month() - 1], " ", absl::FormatTime("%Y %H:%M:%S", time, utc),
                      " +0000");
}

std::string Base64Lines(std::string_view data) {
  std::string encoded = absl::Base64Escape(Absl(data));
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 38 + 2);
  for (size_t i = 0; i < encoded.size(); i += 76) {
    absl::StrAppend(&out, encoded.substr(i, 76), "\r\n");
  }
  return out;
}

std::string CanonicalLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

absl::StatusOr<std::string> BuildMime(const MimeMail& mail) {
  const std::initializer_list<std::pair<const char*, std::string_view>> headers = {
      {"From", mail.from.display_name},
      {"From", mail.from.address},
      {"Reply-To", mail.reply_to.display_name},
      {"Reply-To", mail.reply_to.address},
      {"To", mail.to},
      {"Subject", mail.subject},
      {"Message-ID", mail.message_id},
      {"References", mail.references},
      {"Content-Type", mail.boundary}};
  for (const auto& [name, value] : headers) {
    if (absl::Status s = CheckHeader(name, value); !s.ok()) return s;
  }
  if (!IsValidAddress(mail.from.address)) return absl::InvalidArgumentError("From: not an address");
  if (!mail.reply_to.address.empty() && !IsValidAddress(mail.reply_to.address)) {
    return absl::InvalidArgumentError("Reply-To: not an address");
  }
  if (!IsValidAddress(mail.to)) return absl::InvalidArgumentError("To: not an address");
  if (!IsValidMessageId(mail.message_id)) {
    return absl::InvalidArgumentError("Message-ID: not <id@domain>");
  }
  if (!mail.references.empty() && !IsValidMessageId(mail.references)) {
    return absl::InvalidArgumentError("References: not <id@domain>");
  }
  std::string boundary =
      mail.boundary.empty() ? absl::StrCat("=_helpdesk_", ids::NewUuid()) : mail.boundary;
  std::string out = absl::StrCat("Date: ", FormatRfc5322Date(mail.date), "\r\n",
                                 "From: ", FormatMailbox(mail.from), "\r\n");
  if (!mail.reply_to.address.empty()) {
    absl::StrAppend(&out, "Reply-To: ", FormatMailbox(mail.reply_to), "\r\n");
  }
  absl::StrAppend(&out, "To: ", mail.to, "\r\n", "Subject: ", EncodeHeaderText(mail.subject, 9),
                  "\r\n", "Message-ID: ", mail.message_id, "\r\n");
  if (!mail.references.empty()) {
    absl::StrAppend(&out, "References: ", mail.references, "\r\n");
  }
  absl::StrAppend(&out, "MIME-Version: 1.0\r\n", "Auto-Submitted: auto-generated\r\n",
                  "Content-Type: multipart/alternative;\r\n boundary=\"", boundary, "\"\r\n",
                  "\r\n", "This is a multi-part message in MIME format.\r\n");
  absl::StrAppend(&out, "--", boundary, "\r\n", Part("plain", mail.text));
  absl::StrAppend(&out, "--", boundary, "\r\n", Part("html", mail.html));
  absl::StrAppend(&out, "--", boundary, "--\r\n");
  return out;
}

}  // namespace helpdesk::notification
