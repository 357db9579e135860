#include "services/gateway/route_table.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/util/type_resolver.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/api/annotations.pb.h"
#include "helpdesk/common/v1/options.pb.h"
#include "libs/status/status_macros.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

namespace pb = google::protobuf;

class FirstError : public pb::DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name, const pb::Message*,
                ErrorLocation, const std::string& message) override {
    if (error.empty()) error = absl::StrCat(filename, ": ", element_name, ": ", message);
  }
  std::string error;
};

// Builds `name` after its dependencies.
absl::Status BuildFile(const std::string& name,
                       const std::map<std::string, pb::FileDescriptorProto>& files,
                       std::set<std::string>& visiting, pb::DescriptorPool& pool) {
  if (pool.FindFileByName(name) != nullptr) return absl::OkStatus();
  auto it = files.find(name);
  if (it == files.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", name, "\" is imported but missing: build the set with --include_imports"));
  }
  if (!visiting.insert(name).second) {
    return absl::InvalidArgumentError(absl::StrCat("\"", name, "\" imports itself"));
  }
  for (const std::string& dep : it->second.dependency()) {
    HELPDESK_RETURN_IF_ERROR(BuildFile(dep, files, visiting, pool));
  }
  FirstError errors;
  if (pool.BuildFileCollectingErrors(it->second, &errors) == nullptr) {
    return absl::InvalidArgumentError(errors.error);
  }
  return absl::OkStatus();
}

std::string_view PatternOf(const google::api::HttpRule& rule, std::string* method) {
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      *method = "GET";
      return rule.get();
    case google::api::HttpRule::kPut:
      *method = "PUT";
      return rule.put();
    case google::api::HttpRule::kPost:
      *method = "POST";
      return rule.post();
    case google::api::HttpRule::kDelete:
      *method = "DELETE";
      return rule.delete_();
    case google::api::HttpRule::kPatch:
      *method = "PATCH";
      return rule.patch();
    case google::api::HttpRule::kCustom:
      *method = absl::AsciiStrToUpper(rule.custom().kind());
      return rule.custom().path();
    default:
      return {};
  }
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return absl::ascii_tolower(static_cast<unsigned char>(x)) ==
                  absl::ascii_tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

struct RouteTable::PathEntry {
  PathTemplate path;
  std::vector<const Route*> routes;
};

bool IsHttpBody(std::string_view full_name) {
  return full_name == "helpdesk.common.v1.HttpBody" || full_name == "google.api.HttpBody";
}

bool IsScalarLikeMessage(std::string_view full_name) {
  static const std::set<std::string_view> kNames = {
      "google.protobuf.Timestamp",   "google.protobuf.Duration",    "google.protobuf.FieldMask",
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue",  "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value",  "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue",   "google.protobuf.StringValue", "google.protobuf.BytesValue"};
  return kNames.count(full_name) > 0;
}

const pb::FieldDescriptor* FindFieldByAnyName(const pb::Descriptor* type, std::string_view name) {
  const pb::FieldDescriptor* field = type->FindFieldByName(std::string(name));
  if (field != nullptr) return field;
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

const pb::FieldDescriptor* ResolveFieldPath(const pb::Descriptor* type, std::string_view path,
                                            std::string* proto_path, std::string* error) {
  proto_path->clear();
  const pb::FieldDescriptor* field = nullptr;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    std::string_view name = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (field != nullptr) {
      if (field->is_repeated() || field->message_type() == nullptr ||
          IsScalarLikeMessage(field->message_type()->full_name())) {
        *error = absl::StrCat("\"", Absl(path.substr(0, start - 1)), "\" is not a message");
        return nullptr;
      }
      type = field->message_type();
      proto_path->push_back('.');
    }
    field = FindFieldByAnyName(type, name);
    if (field == nullptr) {
      *error =
          absl::StrCat("\"", Absl(path.substr(0, dot)), "\" is not a field of ", type->full_name());
      return nullptr;
    }
    proto_path->append(field->name());
    if (dot == std::string_view::npos) return field;
    start = dot + 1;
  }
}

bool AcceptsMediaType(std::string_view accept, std::string_view media_type) {
  size_t start = 0;
  while (start <= accept.size()) {
    size_t comma = accept.find(',', start);
    std::string_view range =
        accept.substr(start, comma == std::string_view::npos ? comma : comma - start);
    start = comma == std::string_view::npos ? accept.size() + 1 : comma + 1;
    size_t semi = range.find(';');
    std::string_view type = Trim(range.substr(0, semi));
    bool refused = false;
    while (semi != std::string_view::npos) {
      size_t next = range.find(';', semi + 1);
      std::string_view param =
          Trim(range.substr(semi + 1, next == std::string_view::npos ? next : next - semi - 1));
      if (param.substr(0, 2) == "q=" &&
          param.find_first_not_of("0.", 2) == std::string_view::npos) {
        refused = true;
      }
      semi = next;
    }
    if (!refused && EqualsIgnoreCase(type, media_type)) return true;
  }
  return false;
}

RouteTable::RouteTable() : pool_(std::make_unique<pb::DescriptorPool>()) {}
RouteTable::~RouteTable() = default;

absl::StatusOr<std::unique_ptr<RouteTable>> RouteTable::Load(
    const std::vector<std::string>& files) {
  std::vector<std::string> sets;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      return absl::InvalidArgumentError(
          absl::StrCat("descriptor set \"", file, "\" cannot be read"));
    }
    sets.push_back(bytes.str());
  }
  return FromSerialized(sets, files);
}

absl::StatusOr<std::unique_ptr<RouteTable>> RouteTable::FromSerialized(
    const std::vector<std::string>& sets, const std::vector<std::string>& names) {
  std::unique_ptr<RouteTable> table(new RouteTable());
  std::map<std::string, pb::FileDescriptorProto> files;
  std::vector<std::string> order;
  for (size_t i = 0; i < sets.size(); ++i) {
    pb::FileDescriptorSet set;
    if (!set.ParseFromString(sets[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("descriptor set \"", names[i], "\" is not a FileDescriptorSet"));
    }
    for (pb::FileDescriptorProto& file : *set.mutable_file()) {
      if (files.count(file.name()) > 0) continue;  // the first copy wins
      order.push_back(file.name());
      files.emplace(file.name(), std::move(file));
    }
  }
  for (const std::string& name : order) {
    std::set<std::string> visiting;
    absl::Status built = BuildFile(name, files, visiting, *table->pool_);
    if (!built.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("descriptor sets: ", built.message()));
    }
  }
  for (const std::string& name : order) {
    const pb::FileDescriptor* file = table->pool_->FindFileByName(name);
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        HELPDESK_RETURN_IF_ERROR(table->AddMethod(file->service(s)->method(m)));
      }
    }
  }
  table->resolver_.reset(
      pb::util::NewTypeResolverForDescriptorPool("type.googleapis.com", table->pool_.get()));
  return table;
}

absl::Status RouteTable::AddMethod(const pb::MethodDescriptor* method) {
  // The pool was built from parsed descriptors, so custom options may sit in
  // unknown fields: re-parse them against the generated extensions.
  pb::MethodOptions options;
  if (!options.ParseFromString(method->options().SerializeAsString()) ||
      !options.HasExtension(google::api::http)) {
    return absl::OkStatus();
  }
  std::string produces = options.GetExtension(helpdesk::common::v1::http_variant).produces();
  const google::api::HttpRule& top = options.GetExtension(google::api::http);
  std::vector<const google::api::HttpRule*> rules = {&top};
  for (const google::api::HttpRule& extra : top.additional_bindings()) rules.push_back(&extra);

  auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("HTTP rule of ", method->full_name(), ": ", why));
  };
  const pb::Descriptor* input = method->input_type();
  const pb::Descriptor* output = method->output_type();
  for (const google::api::HttpRule* rule : rules) {
    std::string http_method;
    std::string_view pattern = PatternOf(*rule, &http_method);
    if (pattern.empty() || http_method.empty()) return fail("has no method and path");
    absl::StatusOr<PathTemplate> path = PathTemplate::Parse(pattern);
    if (!path.ok()) return fail(path.status().message());
    auto route = std::make_unique<Route>(
        Route{.http_method = http_method,
              .path = *std::move(path),
              .body = rule->body(),
              .response_body = rule->response_body(),
              .produces = produces,
              .service = method->service()->full_name(),
              .grpc_method = absl::StrCat("/", method->service()->full_name(), "/", method->name()),
              .method = method,
              .raw_request = IsHttpBody(input->full_name()),
              .raw_response = IsHttpBody(output->full_name()),
              .client_streaming = method->client_streaming(),
              .server_streaming = method->server_streaming()});
    std::string error;
    for (const PathTemplate::Variable& v : route->path.variables()) {
      std::string proto_path;
      const pb::FieldDescriptor* leaf = ResolveFieldPath(input, v.field_path, &proto_path, &error);
      if (leaf == nullptr) return fail(absl::StrCat("path variable: ", error));
      if (leaf->is_repeated() || (leaf->message_type() != nullptr &&
                                  !IsScalarLikeMessage(leaf->message_type()->full_name()))) {
        return fail(
            absl::StrCat("path variable \"", v.field_path, "\" must name a singular scalar field"));
      }
      route->path_fields.push_back(std::move(proto_path));
    }
    if (!route->body.empty() && route->body != "*") {
      const pb::FieldDescriptor* field = input->FindFieldByName(route->body);
      if (field == nullptr || field->is_repeated() || field->message_type() == nullptr) {
        return fail(absl::StrCat("body \"", route->body, "\" must name a singular message field"));
      }
    }
    if (!route->response_body.empty()) {
      const pb::FieldDescriptor* field = output->FindFieldByName(route->response_body);
      if (field == nullptr || field->is_repeated() || field->message_type() == nullptr) {
        return fail(absl::StrCat("response_body \"", route->response_body,
                                 "\" must name a singular message field"));
      }
    }

    auto entry = std::find_if(entries_.begin(), entries_.end(), [&](const PathEntry& e) {
      return e.path.text() == route->path.text();
    });
    if (entry == entries_.end()) {
      entries_.push_back(PathEntry{route->path, {}});
      entry = entries_.end() - 1;
    }
    for (const Route* other : entry->routes) {
      if (other->http_method == route->http_method && other->produces == route->produces) {
        return fail(absl::StrCat(route->Label(), " is already bound to ",
                                 other->method->full_name(),
                                 produces.empty() ? "" : " for the same media type"));
      }
    }
    entry->routes.push_back(route.get());
    routes_.push_back(std::move(route));
  }
  return absl::OkStatus();
}

RouteTable::Match RouteTable::Find(std::string_view http_method, std::string_view path,
                                   std::string_view accept) const {
  Match result;
  const PathEntry* best = nullptr;
  std::set<std::string> allowed;
  for (const PathEntry& entry : entries_) {
    std::optional<std::vector<PathBinding>> bindings = entry.path.Match(path);
    if (!bindings) continue;
    bool has_method = false;
    for (const Route* r : entry.routes) {
      allowed.insert(r->http_method);
      has_method = has_method || r->http_method == http_method;
    }
    if (has_method && (best == nullptr || entry.path.specificity() < best->path.specificity())) {
      best = &entry;
      result.bindings = *std::move(bindings);
    }
  }
  if (best == nullptr) {
    result.outcome = allowed.empty() ? Outcome::kNotFound : Outcome::kMethodNotAllowed;
    result.allowed_methods.assign(allowed.begin(), allowed.end());
    return result;
  }
  const Route* fallback = nullptr;
  for (const Route* r : best->routes) {
    if (r->http_method != http_method) continue;
    if (!r->produces.empty() && AcceptsMediaType(accept, r->produces)) {
      result.route = r;
      break;
    }
    if (r->produces.empty() || fallback == nullptr) fallback = r;
  }
  if (result.route == nullptr) result.route = fallback;
  result.outcome = Outcome::kFound;
  return result;
}

std::vector<std::string> RouteTable::Services() const {
  std::set<std::string> names;
  for (const auto& r : routes_) names.insert(r->service);
  return {names.begin(), names.end()};
}

}  // namespace helpdesk::gateway
