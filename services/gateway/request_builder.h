// Turns an HTTP request into the bytes of its route's gRPC request message,
// following google.api.http: first the body (`body: "*"` is the whole
// request, `body: "field"` that field, no body: the body is ignored), then
// the path variables, then query parameters for the fields neither binds.
//
//   absl::StatusOr<std::string> bytes = BuildRequest(
//       *match.route, match.bindings, "status=OPEN&pageSize=50", "", "", resolver);
//
// A route whose request is HttpBody gets the body as is, with its Content-Type.
// JSON is read by protobuf's parser (lowerCamelCase or proto names; unknown
// fields are refused). Query parameters name fields in either form, nested
// with dots (`filter.text=x`); a repeated field repeats (`tags=a&tags=b`);
// values use their JSON text form (enums by name, RFC 3339 Timestamps,
// base64 bytes); a bare `flag` sets a bool to true. Every error is
// INVALID_ARGUMENT with a message naming the field or parameter. The bytes
// are the parts' encodings concatenated, which protobuf reads as a merge.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/path_template.h"

namespace google::protobuf {
class Descriptor;
namespace util {
class TypeResolver;
}  // namespace util
}  // namespace google::protobuf

namespace helpdesk::gateway {

struct Route;

absl::StatusOr<std::string> BuildRequest(const Route& route,
                                         const std::vector<PathBinding>& bindings,
                                         std::string_view query, std::string_view body,
                                         std::string_view content_type,
                                         google::protobuf::util::TypeResolver* resolver);

// The HttpBody message of a raw body (content_type = 1, data = 2).
std::string EncodeHttpBody(std::string_view content_type, std::string_view data);

// `a=1&b=x%20y&c` → {{"a","1"},{"b","x y"},{"c",""}} ('+' is a space).
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

// Rewrites an error of protobuf's JSON parser about a `type` message so that
// it names fields by their JSON names: `field "pageSize": invalid value ...`,
// `unknown field "filter.txt"`; only its first line is kept.
std::string DescribeJsonError(const google::protobuf::Descriptor* type, std::string_view message);

}  // namespace helpdesk::gateway
