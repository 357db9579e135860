#include "services/gateway/path_template.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

bool IsIdentifier(std::string_view text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) {
    return false;
  }
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool IsFieldPath(std::string_view text) {
  size_t start = 0;
  for (;;) {
    size_t dot = text.find('.', start);
    if (!IsIdentifier(text.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        char c = static_cast<char>(hi * 16 + lo);
        if (keep_slash && c == '/') {
          out.append(text.substr(i, 3));
        } else {
          out.push_back(c);
        }
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Recursive descent over the template text; `pos_` only moves forward.
class PathTemplate::Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<PathTemplate> Run() {
    PathTemplate t;
    t.text_ = std::string(text_);
    if (!Consume('/')) return Error("must start with '/'");
    if (absl::Status s = Segments(t, /*in_variable=*/false); !s.ok()) return s;
    if (Consume(':')) {
      t.verb_ = std::string(text_.substr(pos_));
      if (t.verb_.empty() || t.verb_.find_first_of("/{}*:") != std::string::npos) {
        return Error("has a malformed verb");
      }
      pos_ = text_.size();
    }
    if (pos_ != text_.size())
      return Error(absl::StrCat("has an unexpected '", Absl(text_.substr(pos_, 1)), "'"));
    for (size_t i = 0; i < t.segments_.size(); ++i) {
      if (t.segments_[i].kind == SegmentKind::kMulti && i + 1 != t.segments_.size()) {
        return Error("may have '**' only as its last segment");
      }
    }
    t.specificity_.push_back(t.verb_.empty() ? 1 : 0);
    for (const Segment& s : t.segments_) t.specificity_.push_back(static_cast<int>(s.kind));
    return t;
  }

 private:
  absl::Status Segments(PathTemplate& t, bool in_variable) {
    do {
      if (absl::Status s = OneSegment(t, in_variable); !s.ok()) return s;
    } while (Consume('/'));
    return absl::OkStatus();
  }

  absl::Status OneSegment(PathTemplate& t, bool in_variable) {
    if (Consume('*')) {
      t.segments_.push_back({Consume('*') ? SegmentKind::kMulti : SegmentKind::kSingle, ""});
      return absl::OkStatus();
    }
    if (Peek() == '{') {
      if (in_variable) return Error("nests a variable in a variable");
      ++pos_;
      size_t end = text_.find_first_of("=}", pos_);
      if (end == std::string_view::npos) return Error("has an unclosed '{'");
      std::string_view field = text_.substr(pos_, end - pos_);
      if (!IsFieldPath(field))
        return Error(absl::StrCat("has a bad field path \"", Absl(field), "\""));
      pos_ = end;
      Variable v{std::string(field), t.segments_.size(), 0};
      if (Consume('=')) {
        if (absl::Status s = Segments(t, true); !s.ok()) return s;
      } else {
        t.segments_.push_back({SegmentKind::kSingle, ""});
      }
      if (!Consume('}')) return Error("has an unclosed '{'");
      v.end = t.segments_.size();
      for (const Variable& other : t.variables_) {
        if (other.field_path == v.field_path)
          return Error(absl::StrCat("binds \"", Absl(field), "\" twice"));
      }
      t.variables_.push_back(std::move(v));
      return absl::OkStatus();
    }
    size_t end = text_.find_first_of("/{}*:", pos_);
    if (end == std::string_view::npos) end = text_.size();
    if (end == pos_) return Error("has an empty segment");
    t.segments_.push_back({SegmentKind::kLiteral, std::string(text_.substr(pos_, end - pos_))});
    pos_ = end;
    return absl::OkStatus();
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  absl::Status Error(std::string_view why) const {
    return absl::InvalidArgumentError(
        absl::StrCat("path template \"", Absl(text_), "\" ", Absl(why)));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

absl::StatusOr<PathTemplate> PathTemplate::Parse(std::string_view text) {
  return Parser(text).Run();
}

std::optional<std::vector<PathBinding>> PathTemplate::Match(std::string_view path) const {
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (!verb_.empty()) {
    if (path.size() < verb_.size() + 2 || path[path.size() - verb_.size() - 1] != ':' ||
        path.substr(path.size() - verb_.size()) != verb_) {
      return std::nullopt;
    }
    path.remove_suffix(verb_.size() + 1);
  }
  std::vector<std::string_view> parts;
  for (size_t start = 1;;) {
    size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }

  // ranges[i]: the parts segment i matched, [first, second).
  std::vector<std::pair<size_t, size_t>> ranges(segments_.size());
  size_t part = 0;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    if (s.kind == SegmentKind::kMulti) {  // always last: takes the rest
      for (size_t p = part; p < parts.size(); ++p) {
        if (parts[p].empty()) return std::nullopt;
      }
      ranges[i] = {part, parts.size()};
      part = parts.size();
      continue;
    }
    if (part >= parts.size() || parts[part].empty()) return std::nullopt;
    if (s.kind == SegmentKind::kLiteral && parts[part] != s.literal) return std::nullopt;
    ranges[i] = {part, part + 1};
    ++part;
  }
  if (part != parts.size()) return std::nullopt;

  std::vector<PathBinding> bindings;
  bindings.reserve(variables_.size());
  for (const Variable& v : variables_) {
    size_t first = ranges[v.begin].first;
    size_t last = ranges[v.end - 1].second;
    std::string raw;
    for (size_t p = first; p < last; ++p) {
      if (p != first) raw.push_back('/');
      raw.append(parts[p]);
    }
    bool single = v.end - v.begin == 1 && segments_[v.begin].kind == SegmentKind::kSingle;
    bindings.push_back({v.field_path, PercentDecode(raw, /*keep_slash=*/!single)});
  }
  return bindings;
}

}  // namespace helpdesk::gateway
