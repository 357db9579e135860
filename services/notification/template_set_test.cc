#include "services/notification/template_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::notification {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TemplateValues AllValues(MailKind kind) {
  TemplateValues values;
  for (const auto& name : KindVariables(kind)) values[name] = "<" + name + ">";
  values["ticket_number"] = "#000221";
  values["ticket_subject"] = "Errore stampa fattura";
  return values;
}

TEST(TemplateSet, EmbeddedTemplatesAreCompleteAndValid) {
  EXPECT_EQ(TemplateSet::EmbeddedFiles().size(), kAllMailKinds.size() * kLanguages.size() * 3);
  absl::StatusOr<TemplateSet> set = TemplateSet::LoadEmbedded();
  ASSERT_TRUE(set.ok()) << set.status();
  for (MailKind kind : kAllMailKinds) {
    for (const char* language : kLanguages) {
      absl::StatusOr<RenderedMail> mail = set->Render(kind, language, AllValues(kind));
      ASSERT_TRUE(mail.ok()) << KindName(kind) << "." << language << ": " << mail.status();
      EXPECT_FALSE(mail->subject.empty());
      EXPECT_EQ(mail->subject.find('\n'), std::string::npos);
      EXPECT_THAT(mail->html, HasSubstr("<html lang=\"" + std::string(language) + "\">"));
      // Nothing remote: no images, scripts or style sheets to fetch.
      EXPECT_THAT(mail->html, Not(HasSubstr("<img")));
      EXPECT_THAT(mail->html, Not(HasSubstr("<script")));
      EXPECT_THAT(mail->html, Not(HasSubstr("<link")));
    }
  }
}

TEST(TemplateSet, ReplyIsTheManualsRispostaAlTicket) {
  absl::StatusOr<TemplateSet> set = TemplateSet::LoadEmbedded();
  ASSERT_TRUE(set.ok());
  TemplateValues values = AllValues(MailKind::kTicketReply);
  values["note"] = "Provate ora.\n<script>alert(1)</script>";
  values["ticket_url"] = "http://portal.test/#/tickets/t-1";
  absl::StatusOr<RenderedMail> it = set->Render(MailKind::kTicketReply, "it", values);
  ASSERT_TRUE(it.ok());
  EXPECT_EQ(it->subject, "Risposta al Ticket #000221 - Errore stampa fattura");
  EXPECT_THAT(it->text, HasSubstr("Gentile cliente,"));
  EXPECT_THAT(it->text, HasSubstr("Provate ora.\n<script>alert(1)</script>"));
  EXPECT_THAT(it->html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(it->html, Not(HasSubstr("<script>")));
  EXPECT_THAT(it->html, HasSubstr("href=\"http://portal.test/#/tickets/t-1\""));
  absl::StatusOr<RenderedMail> en = set->Render(MailKind::kTicketReply, "en", values);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->subject, "Reply to ticket #000221 - Errore stampa fattura");
}

TEST(TemplateSet, UnknownLanguagesAreItalianAndEnglishVariantsEnglish) {
  EXPECT_EQ(NormalizeLanguage("de"), "it");
  EXPECT_EQ(NormalizeLanguage(""), "it");
  EXPECT_EQ(NormalizeLanguage("EN"), "en");
  EXPECT_EQ(NormalizeLanguage("en-GB"), "en");
}

TEST(TemplateSet, UnknownPlaceholderFailsAtLoadNamingTheFile) {
  auto files = TemplateSet::EmbeddedFiles();
  files["ticket_closed.en.html"] += "{{smtp_password}}";
  absl::StatusOr<TemplateSet> set = TemplateSet::Load(files);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(),
            "template ticket_closed.en.html: unknown placeholder {{smtp_password}}");
}

TEST(TemplateSet, MissingOrStrayFilesFailAtLoad) {
  auto files = TemplateSet::EmbeddedFiles();
  files.erase("sla_breached.it.txt");
  EXPECT_EQ(TemplateSet::Load(files).status().message(), "template sla_breached.it.txt is missing");
  files = TemplateSet::EmbeddedFiles();
  files["ticket_reply.de.txt"] = "Hallo";
  EXPECT_EQ(TemplateSet::Load(files).status().message(),
            "template ticket_reply.de.txt is of no known kind, language and part");
}

TEST(TemplateSet, MalformedPlaceholderFailsAtLoad) {
  auto files = TemplateSet::EmbeddedFiles();
  files["password_reset.it.subject"] = "Reset {{reset_url";
  EXPECT_EQ(TemplateSet::Load(files).status().message(),
            "template password_reset.it.subject: line 1: \"{{\" without \"}}\"");
}

}  // namespace
}  // namespace helpdesk::notification
