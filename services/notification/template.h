// A small, safe template mechanism for e-mail: text with `{{name}}`
// placeholders and nothing else (no conditions, loops, includes or
// expressions), so what a mail says lives in the template files, not in C++.
//
//   HELPDESK_ASSIGN_OR_RETURN(Template t, Template::Parse(
//       "<p>Gentile cliente, {{note}}</p>", Escaping::kHtml));
//   HELPDESK_RETURN_IF_ERROR(t.CheckNames({"note"}));        // at start-up
//   HELPDESK_ASSIGN_OR_RETURN(std::string html, t.Render({{"note", "<b>"}}));
//   // "<p>Gentile cliente, &lt;b&gt;</p>"
//
// Values are escaped by default for where they land: kHtml escapes markup,
// kText normalises line ends (a value cannot smuggle a bare CR), and kHeader
// folds every line break and control character into a space, so a rendered
// subject can never start a new header line. The template's own text is
// trusted (it is ours) and copied as it is.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace helpdesk::notification {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

enum class Escaping { kHtml, kText, kHeader };

class Template {
 public:
  // INVALID_ARGUMENT naming the line of a malformed placeholder ("{{" not
  // closed, or a name that is not [a-z][a-z0-9_]*).
  static absl::StatusOr<Template> Parse(std::string_view text, Escaping escaping);

  // The placeholder names used.
  const std::set<std::string>& names() const { return names_; }
  // INVALID_ARGUMENT naming the first placeholder not in `allowed`.
  absl::Status CheckNames(const std::set<std::string>& allowed) const;
  // INVALID_ARGUMENT naming a placeholder without a value.
  absl::StatusOr<std::string> Render(const TemplateValues& values) const;

 private:
  struct Segment {
    bool placeholder;
    std::string text;  // literal text, or the placeholder's name
  };
  Template(std::vector<Segment> segments, std::set<std::string> names, Escaping escaping)
      : segments_(std::move(segments)), names_(std::move(names)), escaping_(escaping) {}

  std::vector<Segment> segments_;
  std::set<std::string> names_;
  Escaping escaping_;
};

// & < > " ' as character references.
std::string EscapeHtml(std::string_view text);
// CRLF and lone CR become LF; other control characters except tab are dropped.
std::string PlainText(std::string_view text);
// One line: every run of spaces, line breaks, tabs and control characters
// becomes one space; leading and trailing spaces are trimmed.
std::string HeaderText(std::string_view text);

}  // namespace helpdesk::notification
