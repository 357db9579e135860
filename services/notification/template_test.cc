#include "services/notification/template.h"

#include <gtest/gtest.h>

namespace helpdesk::notification {
namespace {

std::string Render(std::string_view text, Escaping escaping, const TemplateValues& values) {
  absl::StatusOr<Template> t = Template::Parse(text, escaping);
  EXPECT_TRUE(t.ok()) << t.status();
  absl::StatusOr<std::string> out = t->Render(values);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

TEST(Template, SubstitutesPlaceholdersWithOrWithoutSpaces) {
  EXPECT_EQ(Render("Ticket {{ticket_number}} - {{ ticket_subject }}!", Escaping::kText,
                   {{"ticket_number", "#000221"}, {"ticket_subject", "Stampa"}}),
            "Ticket #000221 - Stampa!");
}

TEST(Template, HtmlEscapesValuesButNotTheTemplatesOwnMarkup) {
  EXPECT_EQ(
      Render("<p class=\"n\">{{note}}</p>", Escaping::kHtml,
             {{"note", "<script>alert('x')</script> & \"q\""}}),
      "<p class=\"n\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST(Template, TextKeepsLineBreaksButNoBareCarriageReturn) {
  EXPECT_EQ(Render("{{note}}", Escaping::kText, {{"note", "uno\r\ndue\rtre\nquattro\x07"}}),
            "uno\ndue\ntre\nquattro");
}

TEST(Template, HeaderValuesCannotStartANewLine) {
  EXPECT_EQ(Render("Risposta: {{subject}}\n", Escaping::kHeader,
                   {{"subject", "Ciao\r\nBcc: victim@example.com\n\tx"}}),
            "Risposta: Ciao Bcc: victim@example.com x");
}

TEST(Template, UnclosedPlaceholderIsAnErrorNamingTheLine) {
  absl::StatusOr<Template> t = Template::Parse("one\ntwo {{note\n", Escaping::kText);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "line 2: \"{{\" without \"}}\"");
}

TEST(Template, OnlySimpleNamesArePlaceholders) {
  for (const char* text : {"{{}}", "{{Note}}", "{{a-b}}", "{{#if x}}", "{{a b}}", "{{1a}}"}) {
    EXPECT_FALSE(Template::Parse(text, Escaping::kHtml).ok()) << text;
  }
  EXPECT_TRUE(Template::Parse("{ single } braces } and }} are text", Escaping::kHtml).ok());
}

TEST(Template, UnknownPlaceholderIsFoundByCheckNames) {
  absl::StatusOr<Template> t = Template::Parse("{{note}} {{password}}", Escaping::kText);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->names(), (std::set<std::string>{"note", "password"}));
  absl::Status status = t->CheckNames({"note"});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "unknown placeholder {{password}}");
  EXPECT_TRUE(t->CheckNames({"note", "password"}).ok());
}

TEST(Template, MissingValueIsAnError) {
  absl::StatusOr<Template> t = Template::Parse("{{note}}", Escaping::kText);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Render({}).status().message(), "no value for {{note}}");
}

TEST(Template, HeaderTextCollapsesWhitespaceAndTrims) {
  EXPECT_EQ(HeaderText("  a \t\r\n b  "), "a b");
  EXPECT_EQ(PlainText("a\tb\x01"), "a\tb");
  EXPECT_EQ(EscapeHtml("è<>"), "è&lt;&gt;");
}

}  // namespace
}  // namespace helpdesk::notification
