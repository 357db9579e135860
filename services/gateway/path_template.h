// Path templates of `google.api.http` rules (google/api/http.proto):
//
//   Template = "/" Segments [ Verb ] ;
//   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   Verb     = ":" LITERAL ;
//
//   auto t = PathTemplate::Parse("/v1/tickets/{id}:close");
//   auto bindings = t->Match("/v1/tickets/abc:close");  // {{"id", "abc"}}
//
// `{var}` is `{var=*}`; `*` matches one segment, `**` zero or more. Literal
// segments may hold dots ("images.zip"). A variable bound to one segment is
// fully percent-decoded; one spanning several keeps "%2F" as is, as the
// google.api.http rules say.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace helpdesk::gateway {

// A path variable's value, keyed by the dotted request field path it binds.
struct PathBinding {
  std::string field_path;
  std::string value;

  bool operator==(const PathBinding&) const = default;
};

class PathTemplate {
 public:
  enum class SegmentKind { kLiteral, kSingle, kMulti };
  struct Segment {
    SegmentKind kind;
    std::string literal;  // kLiteral only
  };
  struct Variable {
    std::string field_path;  // "a.b"
    size_t begin;            // the segments it covers: [begin, end)
    size_t end;
  };

  // INVALID_ARGUMENT naming the problem when `text` is not a template.
  static absl::StatusOr<PathTemplate> Parse(std::string_view text);

  // The variables' values when `path` (no query string) matches.
  std::optional<std::vector<PathBinding>> Match(std::string_view path) const;

  // Orders templates matching the same path: a template with a verb first,
  // then literal before `*` before `**` at the first segment that differs.
  // Smaller is more specific.
  const std::vector<int>& specificity() const { return specificity_; }

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Variable>& variables() const { return variables_; }

 private:
  class Parser;
  PathTemplate() = default;

  std::string text_;
  std::string verb_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::vector<int> specificity_;
};

// Percent-decodes `text`; with `keep_slash`, "%2F" stays encoded. Malformed
// escapes are kept as they are.
std::string PercentDecode(std::string_view text, bool keep_slash = false);

}  // namespace helpdesk::gateway
