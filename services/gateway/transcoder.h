// The response side of the transcoding: gRPC response bytes to JSON (every
// field printed, zero values and empty lists included, lowerCamelCase names),
// HttpBody responses to raw bytes, and gRPC statuses to the API's HTTP
// statuses and error bodies.
//
//   absl::StatusOr<std::string> json = ResponseJson(route, bytes, resolver);
//   int http = HttpStatusFromGrpc(5);  // 404
//   std::string body = ErrorBody(5, "ticket not found",
//                                DetailsJson(details_bin, resolver));
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/headers.h"
#include "services/gateway/http_message.h"

namespace google::protobuf {
class Descriptor;
namespace util {
class TypeResolver;
}  // namespace util
}  // namespace google::protobuf

namespace helpdesk::gateway {

struct Route;

// Envoy's table: OK 200, INVALID_ARGUMENT/FAILED_PRECONDITION/OUT_OF_RANGE
// 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404,
// ALREADY_EXISTS/ABORTED 409, RESOURCE_EXHAUSTED 429, CANCELLED 499,
// UNIMPLEMENTED 501, UNAVAILABLE 503, DEADLINE_EXCEEDED 504, others 500.
int HttpStatusFromGrpc(int grpc_code);

// JSON of one response message of `route` (its response_body field when the
// rule names one). INTERNAL when the bytes do not parse.
absl::StatusOr<std::string> ResponseJson(const Route& route, std::string_view bytes,
                                         google::protobuf::util::TypeResolver* resolver);
// JSON of a message of `type`.
absl::StatusOr<std::string> MessageJson(const google::protobuf::Descriptor* type,
                                        std::string_view bytes,
                                        google::protobuf::util::TypeResolver* resolver);

// The `details` array of a `grpc-status-details-bin` google.rpc.Status: each
// Any printed with its "@type", and its fields when the type is known to the
// gateway. "[]" when there are none or the bytes do not parse.
std::string DetailsJson(std::string_view status_details_bin,
                        google::protobuf::util::TypeResolver* resolver);

// content_type and data of an HttpBody message (false if it does not parse).
bool DecodeHttpBody(std::string_view bytes, std::string* content_type, std::string* data);

// Response headers every API answer carries unless the backend set them:
// X-Content-Type-Options: nosniff, Cache-Control: no-store; and X-Request-Id.
void AddApiHeaders(std::vector<HttpHeader>& headers, std::string_view request_id);

// The answer to a successful call: JSON, or the raw bytes of an HttpBody;
// headers from the allow-listed metadata. INTERNAL when the bytes cannot be
// printed.
absl::StatusOr<HttpResponse> SuccessResponse(const Route& route, std::string_view bytes,
                                             const Metadata& initial, const Metadata& trailing,
                                             std::string_view request_id,
                                             google::protobuf::util::TypeResolver* resolver);

// The answer to a failed call: the mapped HTTP status and the error body,
// with headers (Retry-After …) from the allow-listed metadata.
HttpResponse GrpcErrorResponse(int grpc_code, std::string_view message,
                               std::string_view status_details_bin, const Metadata& initial,
                               const Metadata& trailing, std::string_view request_id,
                               google::protobuf::util::TypeResolver* resolver);

// An error the gateway itself answers: `http_status`, the API error body.
HttpResponse ErrorResponse(int http_status, int grpc_code, std::string_view message,
                           std::string_view request_id, std::string_view details_json = "[]");

}  // namespace helpdesk::gateway
