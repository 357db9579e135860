// Small helpers for the JSON the gateway writes itself (error bodies and the
// objects it hands to protobuf's JSON parser). The gateway never parses JSON
// by hand: reading is protobuf's job.
//
//   std::string body = ErrorBody(5, "no route for GET /v1/nope");
//   // {"code":5,"message":"no route for GET /v1/nope","details":[]}
#pragma once

#include <string>
#include <string_view>

namespace helpdesk::gateway {

// `text` as a JSON string literal, quotes included. Bytes that are not valid
// UTF-8 are passed through; control characters are escaped.
std::string JsonQuote(std::string_view text);

// The error body of the public API: {"code": <gRPC code>, "message": ...,
// "details": <details_json>}. `details_json` must be a JSON array.
std::string ErrorBody(int grpc_code, std::string_view message,
                      std::string_view details_json = "[]");

}  // namespace helpdesk::gateway
