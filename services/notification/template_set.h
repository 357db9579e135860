// The e-mail templates: one subject, plain-text and HTML file per kind of
// notification and language, embedded in the binary from templates/ at build
// time (helpdesk_embed_files), validated once at start-up.
//
//   HELPDESK_ASSIGN_OR_RETURN(TemplateSet templates, TemplateSet::LoadEmbedded());
//   HELPDESK_ASSIGN_OR_RETURN(RenderedMail mail, templates.Render(
//       MailKind::kTicketReply, "it", values));
//
// Files are named `<kind>.<language>.<part>`: kind as KindName() spells it,
// language "it" (the default) or "en", part "subject", "txt" or "html". A
// missing file, a file of no known kind, or a placeholder a kind does not
// provide (KindVariables) is an error at load, never at send time.
#pragma once

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/notification/template.h"

namespace helpdesk::notification {

enum class MailKind {
  kTicketReply,      // a consultant's reply → the customer ("Risposta al Ticket")
  kTicketCreated,    // a new ticket → the consultants' queue
  kCustomerMessage,  // the customer wrote on the ticket → the assignee
  kTicketClosed,     // the customer closed it → the assignee
  kPasswordReset,    // the single-use link → the account
  kSlaWarning,       // take-in-charge due soon → the assignee or the queue
  kSlaBreached,      // take-in-charge overdue → the assignee or the queue, the manager
};
inline constexpr std::array<MailKind, 7> kAllMailKinds = {
    MailKind::kTicketReply,  MailKind::kTicketCreated, MailKind::kCustomerMessage,
    MailKind::kTicketClosed, MailKind::kPasswordReset, MailKind::kSlaWarning,
    MailKind::kSlaBreached};
inline constexpr std::array<const char*, 2> kLanguages = {"it", "en"};

// "ticket_reply", "ticket_created", … (also the `kind` of a delivery).
std::string KindName(MailKind kind);
// The placeholders every mail of the kind is rendered with.
const std::set<std::string>& KindVariables(MailKind kind);
// "en" for English ("en", "en-GB", "EN"), "it" for anything else.
std::string NormalizeLanguage(std::string_view language);

struct RenderedMail {
  std::string subject;  // one line
  std::string text;     // LF line ends
  std::string html;
};

class TemplateSet {
 public:
  // `files` maps file names to contents. INVALID_ARGUMENT naming the file.
  static absl::StatusOr<TemplateSet> Load(const std::map<std::string, std::string>& files);
  // The files of services/notification/templates compiled into the binary.
  static absl::StatusOr<TemplateSet> LoadEmbedded();
  static std::map<std::string, std::string> EmbeddedFiles();

  // INVALID_ARGUMENT when a placeholder has no value (a bug: tests render
  // every kind with the values the planner gives).
  absl::StatusOr<RenderedMail> Render(MailKind kind, std::string_view language,
                                      const TemplateValues& values) const;

 private:
  struct Parts {
    Template subject;
    Template text;
    Template html;
  };
  explicit TemplateSet(std::map<std::string, Parts> parts) : parts_(std::move(parts)) {}

  std::map<std::string, Parts> parts_;  // key "<kind>.<language>"
};

}  // namespace helpdesk::notification
