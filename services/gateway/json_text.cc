#include "services/gateway/json_text.h"

#include "libs/log/log.h"

namespace helpdesk::gateway {

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  log::AppendJsonString(out, text);
  return out;
}

std::string ErrorBody(int grpc_code, std::string_view message, std::string_view details_json) {
  std::string out = "{\"code\":";
  out += std::to_string(grpc_code);
  out += ",\"message\":";
  out += JsonQuote(message);
  out += ",\"details\":";
  out += details_json;
  out += "}";
  return out;
}

}  // namespace helpdesk::gateway
