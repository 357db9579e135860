// The HTTP routes of the gRPC API, built from descriptor sets: every method
// with a `google.api.http` rule (and its additional_bindings) becomes a route,
// so an RPC added to a proto with an HTTP rule is reachable without gateway
// code.
//
//   HELPDESK_ASSIGN_OR_RETURN(auto table, RouteTable::Load({"/path/helpdesk.pb"}));
//   RouteTable::Match m = table->Find("POST", "/v1/tickets/7:close", "*/*");
//   // m.route->grpc_method == "/helpdesk.ticket.v1.TicketService/CloseTicket"
//   // m.bindings == {{"id", "7"}}
//
// Several RPCs may share one rule when they differ by
// `(helpdesk.common.v1.http_variant).produces`: Find picks the one whose media
// type the Accept header names, else the one without `produces`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/path_template.h"

namespace google::protobuf {
class Descriptor;
class DescriptorPool;
class FieldDescriptor;
class MethodDescriptor;
namespace util {
class TypeResolver;
}  // namespace util
}  // namespace google::protobuf

namespace helpdesk::gateway {

struct Route {
  std::string http_method;  // "GET", "POST", ... or a custom rule's kind
  PathTemplate path;
  std::string body;           // "", "*" or a request field name
  std::string response_body;  // "" or a response field name
  std::string produces;       // the http_variant media type, "" for the default
  std::string service;        // "helpdesk.ticket.v1.TicketService"
  std::string grpc_method;    // "/helpdesk.ticket.v1.TicketService/CloseTicket"
  const google::protobuf::MethodDescriptor* method = nullptr;
  // Path variables as request field paths in proto names ("ticket_id").
  std::vector<std::string> path_fields;
  bool raw_request = false;   // the request is HttpBody: the HTTP body as is
  bool raw_response = false;  // the response is HttpBody: bytes, not JSON
  bool client_streaming = false;
  bool server_streaming = false;

  // "POST /v1/tickets/{id}:close": the metrics label.
  std::string Label() const { return http_method + " " + path.text(); }
};

class RouteTable {
 public:
  // Reads FileDescriptorSet files (protoc --include_imports). A file named in
  // several sets is loaded once. INVALID_ARGUMENT naming the file, or the
  // method whose rule is malformed (a bad template, a field it names that the
  // request does not have, two RPCs bound to the same route).
  static absl::StatusOr<std::unique_ptr<RouteTable>> Load(const std::vector<std::string>& files);
  // The same from serialized FileDescriptorSets; `names` label them in errors.
  static absl::StatusOr<std::unique_ptr<RouteTable>> FromSerialized(
      const std::vector<std::string>& sets, const std::vector<std::string>& names);
  ~RouteTable();

  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;
    std::vector<PathBinding> bindings;
    std::vector<std::string> allowed_methods;  // kMethodNotAllowed: for Allow
  };
  Match Find(std::string_view http_method, std::string_view path, std::string_view accept) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  // The full names of the services with at least one route.
  std::vector<std::string> Services() const;
  const google::protobuf::DescriptorPool& pool() const { return *pool_; }
  // Resolves "type.googleapis.com/<full name>" in pool(), for protobuf's JSON.
  google::protobuf::util::TypeResolver* type_resolver() const { return resolver_.get(); }

 private:
  struct PathEntry;  // routes sharing one template text
  RouteTable();
  absl::Status AddMethod(const google::protobuf::MethodDescriptor* method);

  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<PathEntry> entries_;
};

// Whether an Accept header value asks for `media_type` (exact type, case
// insensitive, parameters ignored, q=0 excluded).
bool AcceptsMediaType(std::string_view accept, std::string_view media_type);

// The field of `type` named `name` in proto or JSON (lowerCamelCase) form.
const google::protobuf::FieldDescriptor* FindFieldByAnyName(
    const google::protobuf::Descriptor* type, std::string_view name);

// Whether `full_name` is a raw HTTP body message (helpdesk.common.v1.HttpBody
// or google.api.HttpBody: content_type = 1, data = 2).
bool IsHttpBody(std::string_view full_name);

// Whether a message field takes one string in a path or query parameter, as
// its JSON form does (Timestamp, Duration, FieldMask, the wrappers).
bool IsScalarLikeMessage(std::string_view full_name);

// Resolves the dotted `path` ("filter.text", JSON or proto names) from `type`:
// every field but the last must be a singular message. On success returns the
// leaf and sets `proto_path` to the path in proto names; otherwise nullptr and
// `error` says why.
const google::protobuf::FieldDescriptor* ResolveFieldPath(const google::protobuf::Descriptor* type,
                                                          std::string_view path,
                                                          std::string* proto_path,
                                                          std::string* error);

}  // namespace helpdesk::gateway
