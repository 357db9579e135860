#include "services/gateway/request_builder.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "helpdesk/common/v1/types.pb.h"
#include "libs/status/status_macros.h"
#include "services/gateway/json_text.h"
#include "services/gateway/route_table.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

namespace pb = google::protobuf;

// Path variables or query parameters by request field, in proto names: the
// JSON object handed to protobuf's parser.
struct FieldNode {
  const pb::FieldDescriptor* field = nullptr;
  std::map<std::string, FieldNode> children;
  std::vector<std::string> values;

  void AppendJson(std::string& out) const {
    out.push_back('{');
    bool first = true;
    for (const auto& [name, child] : children) {
      if (!first) out.push_back(',');
      first = false;
      out += JsonQuote(name);
      out.push_back(':');
      if (!child.children.empty()) {
        child.AppendJson(out);
      } else if (child.field->is_repeated()) {
        out.push_back('[');
        for (size_t i = 0; i < child.values.size(); ++i) {
          if (i > 0) out.push_back(',');
          out += JsonQuote(child.values[i]);
        }
        out.push_back(']');
      } else {
        out += JsonQuote(child.values.front());
      }
    }
    out.push_back('}');
  }
};

// Adds `value` at `proto_path` (already resolved from `type`).
absl::Status AddValue(FieldNode& root, const pb::Descriptor* type, const std::string& proto_path,
                      std::string_view shown_name, std::string value) {
  FieldNode* node = &root;
  size_t start = 0;
  for (;;) {
    size_t dot = proto_path.find('.', start);
    const pb::FieldDescriptor* field = type->FindFieldByName(proto_path.substr(start, dot - start));
    node = &node->children[field->name()];
    node->field = field;
    if (dot == std::string::npos) break;
    type = field->message_type();
    start = dot + 1;
  }
  if (!node->field->is_repeated() && !node->values.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query parameter \"", Absl(shown_name), "\" is given more than once"));
  }
  if (value.empty() && node->field->type() == pb::FieldDescriptor::TYPE_BOOL) value = "true";
  node->values.push_back(std::move(value));
  return absl::OkStatus();
}

std::string TypeUrl(const pb::Descriptor* type) {
  return absl::StrCat("type.googleapis.com/", type->full_name());
}

absl::StatusOr<std::string> JsonToBinary(pb::util::TypeResolver* resolver,
                                         const pb::Descriptor* type, std::string_view json,
                                         std::string_view what) {
  std::string out;
  pb::util::Status status = pb::util::JsonToBinaryString(
      resolver, TypeUrl(type), pb::StringPiece(json.data(), json.size()), &out);
  if (!status.ok()) {
    std::string_view message(status.message().data(), status.message().size());
    return absl::InvalidArgumentError(
        absl::StrCat(Absl(what), ": ", DescribeJsonError(type, message)));
  }
  return out;
}

void AppendVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void AppendLengthDelimited(std::string& out, int field_number, std::string_view bytes) {
  AppendVarint(out, (static_cast<uint64_t>(field_number) << 3) | 2);
  AppendVarint(out, bytes.size());
  out.append(bytes);
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool IsBoundElsewhere(const std::string& path, const Route& route) {
  auto overlaps = [&](const std::string& bound) {
    return path == bound || absl::StartsWith(path, absl::StrCat(bound, ".")) ||
           absl::StartsWith(bound, absl::StrCat(path, "."));
  };
  for (const std::string& bound : route.path_fields) {
    if (overlaps(bound)) return true;
  }
  return !route.body.empty() && overlaps(route.body);
}

absl::StatusOr<std::string> PathBytes(const Route& route, const std::vector<PathBinding>& bindings,
                                      pb::util::TypeResolver* resolver) {
  const pb::Descriptor* input = route.method->input_type();
  std::string out;
  FieldNode root;
  for (size_t i = 0; i < bindings.size() && i < route.path_fields.size(); ++i) {
    const std::string& path = route.path_fields[i];
    const pb::FieldDescriptor* top = input->FindFieldByName(path);
    // The common case, an ASCII id in a top-level string field, needs no parser.
    if (top != nullptr && top->type() == pb::FieldDescriptor::TYPE_STRING &&
        IsAscii(bindings[i].value)) {
      AppendLengthDelimited(out, top->number(), bindings[i].value);
      continue;
    }
    HELPDESK_RETURN_IF_ERROR(AddValue(root, input, path, path, bindings[i].value));
  }
  if (root.children.empty()) return out;
  std::string json;
  root.AppendJson(json);
  HELPDESK_ASSIGN_OR_RETURN(std::string parsed,
                            JsonToBinary(resolver, input, json, "invalid path"));
  return out + parsed;
}

absl::StatusOr<std::string> QueryBytes(const Route& route, std::string_view query,
                                       pb::util::TypeResolver* resolver) {
  const pb::Descriptor* input = route.method->input_type();
  FieldNode root;
  for (auto& [name, value] : ParseQuery(query)) {
    if (route.raw_request || route.body == "*") {
      return absl::InvalidArgumentError(absl::StrCat("unknown query parameter \"", name,
                                                     "\": the request body carries every field"));
    }
    std::string proto_path;
    std::string error;
    const pb::FieldDescriptor* leaf = ResolveFieldPath(input, name, &proto_path, &error);
    if (leaf == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown query parameter \"", name, "\""));
    }
    if (leaf->is_map() || (leaf->message_type() != nullptr &&
                           !IsScalarLikeMessage(leaf->message_type()->full_name()))) {
      return absl::InvalidArgumentError(absl::StrCat("query parameter \"", name,
                                                     "\" names a message: set its fields, as \"",
                                                     name, ".field\""));
    }
    if (IsBoundElsewhere(proto_path, route)) {
      return absl::InvalidArgumentError(absl::StrCat("query parameter \"", name,
                                                     "\" is bound by the ",
                                                     route.body.empty() ? "path" : "path or body"));
    }
    HELPDESK_RETURN_IF_ERROR(AddValue(root, input, proto_path, name, std::move(value)));
  }
  if (root.children.empty()) return std::string();
  std::string json;
  root.AppendJson(json);
  return JsonToBinary(resolver, input, json, "invalid query parameter");
}

absl::StatusOr<std::string> BodyBytes(const Route& route, std::string_view body,
                                      pb::util::TypeResolver* resolver) {
  if (route.body.empty() || IsBlank(body)) return std::string();
  const pb::Descriptor* input = route.method->input_type();
  if (route.body == "*") return JsonToBinary(resolver, input, body, "invalid JSON body");
  const pb::FieldDescriptor* field = input->FindFieldByName(route.body);
  HELPDESK_ASSIGN_OR_RETURN(
      std::string bytes, JsonToBinary(resolver, field->message_type(), body, "invalid JSON body"));
  std::string out;
  AppendLengthDelimited(out, field->number(), bytes);
  return out;
}

// "items[1]" → "items", "[1]".
std::pair<std::string_view, std::string_view> SplitIndex(std::string_view segment) {
  size_t bracket = segment.find('[');
  if (bracket == std::string_view::npos) return {segment, {}};
  return {segment.substr(0, bracket), segment.substr(bracket)};
}

// A proto-name path from the parser's messages, in JSON names where known.
std::string JsonPath(const pb::Descriptor* type, std::string_view path) {
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    std::string_view segment =
        path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    auto [name, index] = SplitIndex(segment);
    const pb::FieldDescriptor* field = type != nullptr ? FindFieldByAnyName(type, name) : nullptr;
    if (!out.empty()) out.push_back('.');
    out.append(field != nullptr ? field->json_name() : std::string(name));
    out.append(index);
    type = field != nullptr ? field->message_type() : nullptr;
    if (type != nullptr && field->is_map()) {
      const pb::FieldDescriptor* value = type->FindFieldByName("value");
      type = value != nullptr ? value->message_type() : nullptr;
    }
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

std::string DescribeJsonError(const pb::Descriptor* type, std::string_view message) {
  message = message.substr(0, message.find('\n'));
  std::string text(message);
  for (size_t at; (at = text.find("type.googleapis.com/")) != std::string::npos;) {
    text.erase(at, std::string_view("type.googleapis.com/").size());
  }
  std::string_view rest = text;
  std::string path;
  if (!rest.empty() && rest[0] == '(') {
    size_t close = rest.find(')');
    if (close == std::string_view::npos) return text;
    path = JsonPath(type, rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  }
  constexpr std::string_view kUnknown = ": Cannot find field.";
  if (rest.size() > kUnknown.size() && rest.substr(rest.size() - kUnknown.size()) == kUnknown) {
    std::string_view name = rest.substr(0, rest.size() - kUnknown.size());
    return absl::StrCat("unknown field \"", path, path.empty() ? "" : ".", Absl(name), "\"");
  }
  if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  if (path.empty()) return std::string(rest);
  return absl::StrCat("field \"", path, "\": ", Absl(rest));
}

std::string EncodeHttpBody(std::string_view content_type, std::string_view data) {
  helpdesk::common::v1::HttpBody body;
  body.set_content_type(std::string(content_type));
  body.set_data(std::string(data));
  return body.SerializeAsString();
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  auto decode = [](std::string_view text) {
    std::string spaced(text);
    for (char& c : spaced) {
      if (c == '+') c = ' ';
    }
    return PercentDecode(spaced);
  };
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string_view pair = query.substr(start, amp == std::string_view::npos ? amp : amp - start);
    start = amp == std::string_view::npos ? query.size() + 1 : amp + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    out.emplace_back(decode(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1)));
  }
  return out;
}

absl::StatusOr<std::string> BuildRequest(const Route& route,
                                         const std::vector<PathBinding>& bindings,
                                         std::string_view query, std::string_view body,
                                         std::string_view content_type,
                                         pb::util::TypeResolver* resolver) {
  if (route.raw_request) {
    HELPDESK_RETURN_IF_ERROR(QueryBytes(route, query, resolver).status());
    return EncodeHttpBody(content_type, body);
  }
  HELPDESK_ASSIGN_OR_RETURN(std::string out, BodyBytes(route, body, resolver));
  HELPDESK_ASSIGN_OR_RETURN(std::string path, PathBytes(route, bindings, resolver));
  HELPDESK_ASSIGN_OR_RETURN(std::string params, QueryBytes(route, query, resolver));
  out += path;
  out += params;
  return out;
}

}  // namespace helpdesk::gateway
