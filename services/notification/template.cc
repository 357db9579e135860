#include "services/notification/template.h"

#include "absl/strings/str_cat.h"

namespace helpdesk::notification {
namespace {

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_'; }

int LineOf(std::string_view text, size_t pos) {
  int line = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

absl::StatusOr<Template> Template::Parse(std::string_view text, Escaping escaping) {
  std::vector<Segment> segments;
  std::set<std::string> names;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      segments.push_back({false, std::string(text.substr(pos))});
      break;
    }
    if (open > pos) segments.push_back({false, std::string(text.substr(pos, open - pos))});
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", LineOf(text, open), ": \"{{\" without \"}}\""));
    }
    std::string_view inner = text.substr(open + 2, close - open - 2);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    bool valid = !inner.empty() && IsNameStart(inner.front());
    for (char c : inner) valid = valid && IsNameChar(c);
    if (!valid) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", LineOf(text, open), ": \"{{", std::string(inner),
                       "}}\" is not a placeholder (names are lower-case letters, digits and _)"));
    }
    segments.push_back({true, std::string(inner)});
    names.insert(std::string(inner));
    pos = close + 2;
  }
  return Template(std::move(segments), std::move(names), escaping);
}

absl::Status Template::CheckNames(const std::set<std::string>& allowed) const {
  for (const auto& name : names_) {
    if (!allowed.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown placeholder {{", name, "}}"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Template::Render(const TemplateValues& values) const {
  std::string out;
  for (const auto& segment : segments_) {
    if (!segment.placeholder) {
      out += segment.text;
      continue;
    }
    auto it = values.find(segment.text);
    if (it == values.end()) {
      return absl::InvalidArgumentError(absl::StrCat("no value for {{", segment.text, "}}"));
    }
    switch (escaping_) {
      case Escaping::kHtml:
        out += EscapeHtml(PlainText(it->second));
        break;
      case Escaping::kText:
        out += PlainText(it->second);
        break;
      case Escaping::kHeader:
        out += HeaderText(it->second);
        break;
    }
  }
  if (escaping_ == Escaping::kHeader) return HeaderText(out);
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string PlainText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' || !IsControl(c)) {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string HeaderText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsControl(c) || c == ' ') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(ch);
  }
  return out;
}

}  // namespace helpdesk::notification
