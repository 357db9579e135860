#include "services/notification/mime.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"

namespace helpdesk::notification {
namespace {

using ::testing::HasSubstr;

// Decodes a header of RFC 2047 "B" words separated by folding whitespace.
std::string DecodeWords(const std::string& header) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(header, "\r\n ")) {
    EXPECT_TRUE(absl::StartsWith(word, "=?UTF-8?B?") && absl::EndsWith(word, "?="));
    EXPECT_LE(word.size(), 75u);
    std::string decoded;
    EXPECT_TRUE(absl::Base64Unescape(word.substr(10, word.size() - 12), &decoded));
    out += decoded;
  }
  return out;
}

MimeMail Sample() {
  return MimeMail{
      .from = {"Assistenza Helinext", "helpdesk@helinext.test"},
      .reply_to = {"", "assistenza@helinext.test"},
      .to = "it@cliente.test",
      .subject = "Risposta al Ticket #000221 - Perché non stampa?",
      .message_id = "<d-1@helinext.test>",
      .references = "<ticket-t-1@helinext.test>",
      .date = absl::FromCivil(absl::CivilSecond(2025, 6, 17, 8, 0, 0), absl::UTCTimeZone()),
      .text = "Gentile cliente,\nriga due",
      .html = "<p>Gentile cliente,</p>",
      .boundary = "=_b"};
}

TEST(Mime, PlainAsciiSubjectStaysReadable) {
  EXPECT_EQ(EncodeHeaderText("Nuovo Ticket #000221", 9), "Nuovo Ticket #000221");
}

TEST(Mime, NonAsciiSubjectIsRfc2047EncodedUtf8) {
  std::string encoded = EncodeHeaderText("Risposta al Ticket #000221 - Perché", 9);
  EXPECT_TRUE(absl::StartsWith(encoded, "=?UTF-8?B?")) << encoded;
  EXPECT_EQ(DecodeWords(encoded), "Risposta al Ticket #000221 - Perché");
}

TEST(Mime, LongSubjectIsFoldedWithoutSplittingACharacter) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "àè€𝄞x";  // 2-, 3- and 4-byte characters
  std::string encoded = EncodeHeaderText(subject, 9);
  bool first = true;
  for (absl::string_view line : absl::StrSplit(encoded, "\r\n")) {
    EXPECT_LE(line.size() + (first ? 9 : 0), 78u);
    first = false;
  }
  for (absl::string_view word : absl::StrSplit(encoded, "\r\n ")) {
    std::string decoded;
    ASSERT_TRUE(absl::Base64Unescape(word.substr(10, word.size() - 12), &decoded));
    // Each word ends on a character boundary: its last lead byte is complete.
    unsigned char last = decoded.back();
    EXPECT_TRUE(last < 0x80 || (last & 0xc0) == 0x80) << "word ends inside a character";
  }
  EXPECT_EQ(DecodeWords(encoded), subject);
}

TEST(Mime, AsciiThatLooksEncodedIsEncoded) {
  EXPECT_TRUE(absl::StartsWith(EncodeHeaderText("=?UTF-8?B?x?=", 9), "=?UTF-8?B?"));
}

TEST(Mime, BuildsMultipartAlternativeWithBase64Parts) {
  absl::StatusOr<std::string> message = BuildMime(Sample());
  ASSERT_TRUE(message.ok()) << message.status();
  EXPECT_THAT(*message, HasSubstr("Date: Tue, 17 Jun 2025 08:00:00 +0000\r\n"));
  EXPECT_THAT(*message, HasSubstr("From: \"Assistenza Helinext\" <helpdesk@helinext.test>\r\n"));
  EXPECT_THAT(*message, HasSubstr("Reply-To: assistenza@helinext.test\r\n"));
  EXPECT_THAT(*message, HasSubstr("To: it@cliente.test\r\n"));
  EXPECT_THAT(*message, HasSubstr("Message-ID: <d-1@helinext.test>\r\n"));
  EXPECT_THAT(*message, HasSubstr("References: <ticket-t-1@helinext.test>\r\n"));
  EXPECT_THAT(*message, HasSubstr("MIME-Version: 1.0\r\n"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: multipart/alternative;\r\n boundary=\"=_b\"\r\n"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n" +
                                  absl::Base64Escape("Gentile cliente,\r\nriga due") + "\r\n"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: text/html; charset=UTF-8\r\n"));
  EXPECT_TRUE(absl::EndsWith(*message, "\r\n--=_b--\r\n"));
  // Every line ends in CRLF and stays short.
  for (absl::string_view line : absl::StrSplit(*message, "\r\n")) {
    EXPECT_EQ(line.find('\n'), absl::string_view::npos);
    EXPECT_EQ(line.find('\r'), absl::string_view::npos);
    EXPECT_LE(line.size(), 78u) << line;
  }
}

TEST(Mime, LineBreakInAnyHeaderValueIsRefused) {
  auto refused = [](MimeMail mail) {
    absl::StatusOr<std::string> message = BuildMime(mail);
    return message.status().code() == absl::StatusCode::kInvalidArgument;
  };
  MimeMail m = Sample();
  m.subject = "Ciao\r\nBcc: victim@example.com";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.subject = "Ciao\nBcc: victim@example.com";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.to = "it@cliente.test\r\nBcc: victim@example.com";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.from.display_name = "Helpdesk\r\nBcc: victim@example.com";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.reply_to.address = "a@b.test\nX: y";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.message_id = "<d-1@helinext.test>\r\nBcc: victim@example.com";
  EXPECT_TRUE(refused(m));
  m = Sample();
  m.subject = std::string("Ciao\0Bcc", 8);
  EXPECT_TRUE(refused(m));
  EXPECT_EQ(BuildMime([] {
              auto s = Sample();
              s.subject = "a\rb";
              return s;
            }())
                .status()
                .message(),
            "Subject: line breaks are not allowed");
}

TEST(Mime, AddressesAreChecked) {
  for (const char* good : {"it@cliente.test", "mario.rossi+ticket@helinext.it", "a@b"}) {
    EXPECT_TRUE(IsValidAddress(good)) << good;
  }
  for (const char* bad : {"", "mario", "@b.it", "a@", "a@@b.it", "a b@c.it", "a@b.it>", "<a@b.it>",
                          "a@b..it", "a@.b.it", "a,b@c.it", "a@b.it\r\n", "è@b.it"}) {
    EXPECT_FALSE(IsValidAddress(bad)) << bad;
  }
  MimeMail m = Sample();
  m.to = "not-an-address";
  EXPECT_EQ(BuildMime(m).status().message(), "To: not an address");
}

TEST(Mime, MailboxesParseAndFormat) {
  absl::StatusOr<MailAddress> a = ParseMailbox("Helpdesk <helpdesk@example.com>");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->display_name, "Helpdesk");
  EXPECT_EQ(a->address, "helpdesk@example.com");
  a = ParseMailbox("\"Assistenza, Helinext\" <a@b.it>");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->display_name, "Assistenza, Helinext");
  a = ParseMailbox("a@b.it");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->display_name, "");
  EXPECT_FALSE(ParseMailbox("Helpdesk <nobody>").ok());
  EXPECT_FALSE(ParseMailbox("Helpdesk\r\n <a@b.it>").ok());
  EXPECT_EQ(FormatMailbox({"Assistenza \"Helinext\"", "a@b.it"}),
            "\"Assistenza \\\"Helinext\\\"\" <a@b.it>");
  EXPECT_TRUE(absl::StartsWith(FormatMailbox({"Assistenza Società", "a@b.it"}), "=?UTF-8?B?"));
  EXPECT_EQ(AddressDomain("helpdesk@helinext.it"), "helinext.it");
}

TEST(Mime, DateIsRfc5322InUtc) {
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 1, 4, 23, 5, 9), absl::UTCTimeZone());
  EXPECT_EQ(FormatRfc5322Date(t), "Sun, 04 Jan 2026 23:05:09 +0000");
}

TEST(Mime, LineEndsBecomeCrlf) {
  EXPECT_EQ(CanonicalLineEnds("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd");
  EXPECT_EQ(Base64Lines(std::string(100, 'x')).find("\r\n"), 76u);
}

}  // namespace
}  // namespace helpdesk::notification
