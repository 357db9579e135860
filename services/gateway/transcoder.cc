#include "services/gateway/transcoder.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/wire_format_lite.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "helpdesk/common/v1/types.pb.h"
#include "services/gateway/json_text.h"
#include "services/gateway/route_table.h"

namespace helpdesk::gateway {
namespace {

namespace pb = google::protobuf;
using pb::internal::WireFormatLite;

// Calls `visit(field_number, bytes)` for each length-delimited field of a
// serialized message. False when the bytes do not parse.
template <typename Visit>
bool ForEachLengthDelimited(std::string_view bytes, Visit visit) {
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                              static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    if (WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      uint32_t length = 0;
      std::string value;
      if (!in.ReadVarint32(&length) || !in.ReadString(&value, static_cast<int>(length)))
        return false;
      visit(WireFormatLite::GetTagFieldNumber(tag), value);
    } else if (!WireFormatLite::SkipField(&in, tag)) {
      return false;
    }
  }
  return in.ConsumedEntireMessage();
}

bool HasHeader(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const HttpHeader& h : headers) {
    if (absl::EqualsIgnoreCase(h.name, absl::string_view(name.data(), name.size()))) return true;
  }
  return false;
}

}  // namespace

int HttpStatusFromGrpc(int grpc_code) {
  switch (grpc_code) {
    case 0:
      return 200;  // OK
    case 1:
      return 499;  // CANCELLED
    case 3:
      return 400;  // INVALID_ARGUMENT
    case 4:
      return 504;  // DEADLINE_EXCEEDED
    case 5:
      return 404;  // NOT_FOUND
    case 6:
      return 409;  // ALREADY_EXISTS
    case 7:
      return 403;  // PERMISSION_DENIED
    case 8:
      return 429;  // RESOURCE_EXHAUSTED
    case 9:
      return 400;  // FAILED_PRECONDITION
    case 10:
      return 409;  // ABORTED
    case 11:
      return 400;  // OUT_OF_RANGE
    case 12:
      return 501;  // UNIMPLEMENTED
    case 14:
      return 503;  // UNAVAILABLE
    case 16:
      return 401;  // UNAUTHENTICATED
    default:
      return 500;  // UNKNOWN, INTERNAL, DATA_LOSS and anything else
  }
}

absl::StatusOr<std::string> MessageJson(const pb::Descriptor* type, std::string_view bytes,
                                        pb::util::TypeResolver* resolver) {
  // The JSON printer is lenient with malformed bytes: check their framing.
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                              static_cast<int>(bytes.size()));
  if (!WireFormatLite::SkipMessage(&in) || !in.ConsumedEntireMessage()) {
    return absl::InternalError(absl::StrCat("cannot parse ", type->full_name()));
  }
  pb::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  pb::util::Status status = pb::util::BinaryToJsonString(
      resolver, absl::StrCat("type.googleapis.com/", type->full_name()), std::string(bytes), &json,
      options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print ", type->full_name(),
                                            " as JSON: ", status.message().ToString()));
  }
  return json;
}

absl::StatusOr<std::string> ResponseJson(const Route& route, std::string_view bytes,
                                         pb::util::TypeResolver* resolver) {
  const pb::Descriptor* type = route.method->output_type();
  if (route.response_body.empty()) return MessageJson(type, bytes, resolver);
  const pb::FieldDescriptor* field = type->FindFieldByName(route.response_body);
  std::string part;
  if (!ForEachLengthDelimited(bytes, [&](int number, const std::string& value) {
        if (number == field->number()) part += value;  // repeated occurrences merge
      })) {
    return absl::InternalError(absl::StrCat("cannot parse ", type->full_name()));
  }
  return MessageJson(field->message_type(), part, resolver);
}

std::string DetailsJson(std::string_view status_details_bin, pb::util::TypeResolver* resolver) {
  std::string out = "[";
  bool parsed = ForEachLengthDelimited(status_details_bin, [&](int number, const std::string& any) {
    if (number != 3) return;  // google.rpc.Status.details
    std::string type_url;
    std::string value;
    ForEachLengthDelimited(any, [&](int n, const std::string& v) {
      if (n == 1) type_url = v;
      if (n == 2) value = v;
    });
    std::string json;
    size_t slash = type_url.rfind('/');
    std::string name = slash == std::string::npos ? type_url : type_url.substr(slash + 1);
    pb::util::JsonPrintOptions options;
    options.always_print_primitive_fields = true;
    if (!pb::util::BinaryToJsonString(resolver, "type.googleapis.com/" + name, value, &json,
                                      options)
             .ok() ||
        json.empty() || json[0] != '{') {
      json = "{}";
    }
    if (out.size() > 1) out.push_back(',');
    out += "{\"@type\":" + JsonQuote(type_url) + (json == "{}" ? "}" : "," + json.substr(1));
  });
  if (!parsed) return "[]";
  out.push_back(']');
  return out;
}

bool DecodeHttpBody(std::string_view bytes, std::string* content_type, std::string* data) {
  helpdesk::common::v1::HttpBody body;
  if (!body.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
  *content_type = std::move(*body.mutable_content_type());
  *data = std::move(*body.mutable_data());
  return true;
}

void AddApiHeaders(std::vector<HttpHeader>& headers, std::string_view request_id) {
  if (!HasHeader(headers, "x-content-type-options")) {
    headers.push_back({"X-Content-Type-Options", "nosniff"});
  }
  if (!HasHeader(headers, "cache-control")) headers.push_back({"Cache-Control", "no-store"});
  if (!request_id.empty()) headers.push_back({"X-Request-Id", std::string(request_id)});
}

HttpResponse ErrorResponse(int http_status, int grpc_code, std::string_view message,
                           std::string_view request_id, std::string_view details_json) {
  HttpResponse response;
  response.status = http_status;
  response.headers.push_back({"Content-Type", std::string(kJsonContentType)});
  AddApiHeaders(response.headers, request_id);
  response.body = ErrorBody(grpc_code, message, details_json);
  return response;
}

absl::StatusOr<HttpResponse> SuccessResponse(const Route& route, std::string_view bytes,
                                             const Metadata& initial, const Metadata& trailing,
                                             std::string_view request_id,
                                             pb::util::TypeResolver* resolver) {
  HttpResponse response;
  response.headers = ResponseHeaders(initial, trailing);
  if (route.raw_response) {
    std::string content_type;
    if (!DecodeHttpBody(bytes, &content_type, &response.body)) {
      return absl::InternalError("cannot parse an HttpBody response");
    }
    response.headers.push_back(
        {"Content-Type", content_type.empty() ? "application/octet-stream" : content_type});
  } else {
    absl::StatusOr<std::string> json = ResponseJson(route, bytes, resolver);
    if (!json.ok()) return json.status();
    response.body = *std::move(json);
    response.headers.push_back({"Content-Type", std::string(kJsonContentType)});
  }
  AddApiHeaders(response.headers, request_id);
  return response;
}

HttpResponse GrpcErrorResponse(int grpc_code, std::string_view message,
                               std::string_view status_details_bin, const Metadata& initial,
                               const Metadata& trailing, std::string_view request_id,
                               pb::util::TypeResolver* resolver) {
  HttpResponse response;
  response.status = HttpStatusFromGrpc(grpc_code);
  response.headers = ResponseHeaders(initial, trailing);
  response.headers.push_back({"Content-Type", std::string(kJsonContentType)});
  AddApiHeaders(response.headers, request_id);
  response.body =
      ErrorBody(grpc_code, message,
                status_details_bin.empty() ? "[]" : DetailsJson(status_details_bin, resolver));
  return response;
}

}  // namespace helpdesk::gateway
