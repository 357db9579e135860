#include "services/gateway/json_text.h"

#include <cstdio>

namespace helpdesk::gateway {

std::string JsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
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
