// A small blocking HTTP client for tests (libcurl).
//
//   HttpResponse r = Http("POST", base + "/v1/tickets", R"({"subject":"x"})",
//                         {{"Authorization", "Bearer " + token}});
//   EXPECT_EQ(r.status, 200);
#pragma once

#include <map>
#include <string>

#include "absl/time/time.h"

namespace helpdesk::testing {

struct HttpResponse {
  long status = 0;  // 0 when no response arrived
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string error;                                // libcurl's, when status is 0

  std::string Header(const std::string& lower_name) const;
};

// `timeout` bounds the whole exchange (status 0 and an error past it).
HttpResponse Http(const std::string& method, const std::string& url, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {},
                  absl::Duration timeout = absl::Seconds(60));

}  // namespace helpdesk::testing
