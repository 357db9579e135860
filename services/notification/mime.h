// Building the e-mail itself: an RFC 5322 message with a multipart/alternative
// body (plain text and HTML, UTF-8, base64), an RFC 2047 encoded subject,
// Date and Message-ID.
//
//   MimeMail mail{.from = {"Helpdesk", "helpdesk@example.com"},
//                 .to = "it@cliente.it", .subject = "Risposta al Ticket #000221",
//                 .message_id = "<3f2c…@example.com>", .date = absl::Now(),
//                 .text = "Gentile cliente, …", .html = "<p>Gentile cliente, …</p>"};
//   HELPDESK_ASSIGN_OR_RETURN(std::string message, BuildMime(mail));
//
// Header injection is impossible by construction: a CR, LF or NUL in any
// header value (subject, names, addresses, ids) is refused with
// INVALID_ARGUMENT rather than cleaned, and every address is checked.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace helpdesk::notification {

struct MailAddress {
  std::string display_name;  // may be empty
  std::string address;       // local@domain
};

// "Name <local@domain>" or "local@domain". INVALID_ARGUMENT otherwise.
absl::StatusOr<MailAddress> ParseMailbox(std::string_view text);
// A plain addr-spec we are willing to send to: printable ASCII without
// spaces, quotes, brackets or commas, one '@', a dotted domain, ≤ 254 bytes.
bool IsValidAddress(std::string_view address);
// The domain of an address ("example.com"), for Message-IDs.
std::string AddressDomain(std::string_view address);

// The header's text as RFC 2047 "B" encoded words of UTF-8, folded so no line
// exceeds 78 characters; plain printable ASCII that fits is returned as is.
// `used` is how much of the first line the header's name takes ("Subject: ").
std::string EncodeHeaderText(std::string_view text, size_t used);
// The mailbox as a header value: the display name quoted or encoded.
std::string FormatMailbox(const MailAddress& mailbox);
// RFC 5322 date-time in UTC: "Tue, 17 Jun 2025 08:00:00 +0000".
std::string FormatRfc5322Date(absl::Time time);
// Base64 in lines of 76 characters, each ended by CRLF.
std::string Base64Lines(std::string_view data);
// LF, CR and CRLF line ends all as CRLF.
std::string CanonicalLineEnds(std::string_view text);

struct MimeMail {
  MailAddress from;
  MailAddress reply_to;  // none when the address is empty
  std::string to;
  std::string subject;
  std::string message_id;  // "<id@domain>"
  std::string references;  // optional "<id@domain>", so clients thread a ticket's mails
  absl::Time date;
  std::string text;
  std::string html;
  std::string boundary;  // generated when empty
};

// The whole message, CRLF line ends. INVALID_ARGUMENT naming the header at
// fault.
absl::StatusOr<std::string> BuildMime(const MimeMail& mail);

}  // namespace helpdesk::notification
