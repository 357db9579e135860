// The gateway's path templates (services/gateway/path_template.h): the
// parser of google.api.http templates, and the matcher that binds a request
// path's segments to request fields.
//
// Invariants: a parsed template's variables cover consecutive, existing
// segments, '**' only last; a match binds every variable once, in order, to
// the percent-decoding of whole consecutive segments of the path (so a
// variable's value comes from the path, never from elsewhere); a template of
// single-segment variables, filled in with its bindings percent-encoded,
// matches again with the same bindings.
//
// Input: the template, '\n', the request path (no query string).
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/gateway/path_template.h"
#include "tests/fuzz/fuzz_support.h"

namespace helpdesk::gateway {
namespace {

using Kind = PathTemplate::SegmentKind;

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return out;
}

void CheckTemplate(const PathTemplate& t) {
  FUZZ_CHECK(!t.segments().empty());
  FUZZ_CHECK(t.specificity().size() == t.segments().size() + 1);
  for (size_t i = 0; i + 1 < t.segments().size(); ++i) {
    FUZZ_CHECK(t.segments()[i].kind != Kind::kMulti);
  }
  size_t previous_end = 0;
  for (const PathTemplate::Variable& v : t.variables()) {
    FUZZ_CHECK(v.begin < v.end && v.end <= t.segments().size());
    FUZZ_CHECK(v.begin >= previous_end);  // in order, not overlapping
    previous_end = v.end;
  }
  for (const PathTemplate::Segment& s : t.segments()) {
    FUZZ_CHECK((s.kind == Kind::kLiteral) == !s.literal.empty());
    FUZZ_CHECK(s.literal.find_first_of("/{}*:") == std::string::npos);
  }
  // Parsing is deterministic.
  absl::StatusOr<PathTemplate> again = PathTemplate::Parse(t.text());
  FUZZ_CHECK(again.ok() && again->segments().size() == t.segments().size() &&
             again->verb() == t.verb());
}

// The path's segments after the leading '/', the verb taken off.
std::vector<std::string_view> PathSegments(std::string_view path, const std::string& verb) {
  if (!verb.empty()) path.remove_suffix(verb.size() + 1);
  std::vector<std::string_view> parts;
  path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return parts;
    path.remove_prefix(slash + 1);
  }
}

void CheckMatch(const PathTemplate& t, std::string_view path,
                const std::vector<PathBinding>& bindings) {
  FUZZ_CHECK(bindings.size() == t.variables().size());
  std::vector<std::string_view> parts = PathSegments(path, t.verb());
  for (size_t i = 0; i < bindings.size(); ++i) {
    const PathTemplate::Variable& v = t.variables()[i];
    FUZZ_CHECK(bindings[i].field_path == v.field_path);
    bool single = v.end - v.begin == 1 && t.segments()[v.begin].kind == Kind::kSingle;
    // Some run of whole consecutive segments decodes to the value ('**'
    // may bind none at all).
    bool found = !single && bindings[i].value.empty();
    for (size_t first = 0; first < parts.size() && !found; ++first) {
      std::string raw;
      for (size_t last = first; last < parts.size() && !found; ++last) {
        if (last != first) {
          if (single) break;
          raw.push_back('/');
        }
        raw.append(parts[last]);
        found = PercentDecode(raw, /*keep_slash=*/!single) == bindings[i].value;
      }
    }
    FUZZ_CHECK(found);
  }
  // Literals are the path's own segments.
  size_t part = 0;
  for (const PathTemplate::Segment& s : t.segments()) {
    if (s.kind == Kind::kMulti) break;
    FUZZ_CHECK(part < parts.size());
    if (s.kind == Kind::kLiteral) FUZZ_CHECK(parts[part] == s.literal);
    ++part;
  }
}

// The path the template gives for `bindings` when every variable is one
// `*` segment; "" when it has others.
std::string Expand(const PathTemplate& t, const std::vector<PathBinding>& bindings) {
  std::string path;
  size_t next_variable = 0;
  for (size_t i = 0; i < t.segments().size(); ++i) {
    const PathTemplate::Segment& s = t.segments()[i];
    path.push_back('/');
    if (s.kind == Kind::kLiteral) {
      path += s.literal;
      continue;
    }
    if (s.kind == Kind::kMulti) return "";
    if (next_variable < t.variables().size() && t.variables()[next_variable].begin == i) {
      if (t.variables()[next_variable].end != i + 1) return "";
      path += PercentEncode(bindings[next_variable].value);
      ++next_variable;
    } else {
      path += "x";  // an unbound '*'
    }
  }
  if (!t.verb().empty()) absl::StrAppend(&path, ":", t.verb());
  return path;
}

}  // namespace
}  // namespace helpdesk::gateway

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  using namespace helpdesk::gateway;
  auto [text, path] = fuzz::SplitLine(fuzz::AsText(data, size));

  // PercentDecode never grows its input.
  FUZZ_CHECK(PercentDecode(path).size() <= path.size());
  FUZZ_CHECK(PercentDecode(path, true).size() <= path.size());

  absl::StatusOr<PathTemplate> t = PathTemplate::Parse(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  CheckTemplate(*t);
  std::optional<std::vector<PathBinding>> bindings = t->Match(path);
  if (!bindings.has_value()) return 0;
  CheckMatch(*t, path, *bindings);

  std::string expanded = Expand(*t, *bindings);
  if (!expanded.empty()) {
    std::optional<std::vector<PathBinding>> again = t->Match(expanded);
    FUZZ_CHECK(again.has_value() && *again == *bindings);
  }
  return 0;
}
