// The gateway's settings, read once at start from the environment
// (HELPDESK_X) or flags (--x=...), each checked so that a bad one stops the
// process with one line naming it.
//
//   HELPDESK_ASSIGN_OR_RETURN(GatewayOptions options,
//                             OptionsFromConfig(config::Config::FromProcess(argc, argv)));
//
// | setting                | default                         |
// |------------------------|---------------------------------|
// | HTTP_LISTEN            | 0.0.0.0:8080 (port 0: any free) |
// | METRICS_LISTEN         | 0.0.0.0:9190                    |
// | HTTP_THREADS           | 2                               |
// | DESCRIPTOR_SETS        | the build tree's helpdesk.pb    |
// | BACKENDS               | none: <service>=<host:port>,... |
// | TRUSTED_PROXIES        | none: CIDRs, comma separated    |
// | MAX_BODY_BYTES         | 1048576 (JSON bodies)           |
// | MAX_UPLOAD_BYTES       | 31457280 (raw-body uploads)     |
// | HTTP_READ_TIMEOUT      | 30s                             |
// | HTTP_IDLE_TIMEOUT      | 60s                             |
// | UPSTREAM_TIMEOUT       | 15s                             |
// | STREAM_TIMEOUT         | 10m                             |
// | DRAIN_TIMEOUT          | 10s                             |
// | WEB_ROOT               | none                            |
// | LOG_LEVEL              | info                            |
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/config/config.h"
#include "libs/log/log.h"

namespace helpdesk::gateway {

struct GatewayOptions {
  std::string http_host = "0.0.0.0";
  int http_port = 8080;
  std::string metrics_host = "0.0.0.0";
  int metrics_port = 9190;  // -1 (tests): no metrics endpoint
  int http_threads = 2;
  std::vector<std::string> descriptor_sets;
  std::map<std::string, std::string> backends;  // service → host:port
  std::string trusted_proxies;
  size_t max_body_bytes = 1 << 20;
  size_t max_upload_bytes = 30 << 20;
  size_t max_header_bytes = 16 << 10;
  size_t upload_chunk_bytes = 64 << 10;
  absl::Duration read_timeout = absl::Seconds(30);
  absl::Duration idle_timeout = absl::Seconds(60);
  absl::Duration upstream_timeout = absl::Seconds(15);
  absl::Duration stream_timeout = absl::Minutes(10);
  absl::Duration drain_timeout = absl::Seconds(10);
  std::string web_root;
  log::Level log_level = log::Level::kInfo;
};

// The descriptor set built with the gateway, used when DESCRIPTOR_SETS is unset.
std::string DefaultDescriptorSet();

// INVALID_ARGUMENT naming the setting (HELPDESK_X) that is malformed.
absl::StatusOr<GatewayOptions> OptionsFromConfig(const config::Config& config);

}  // namespace helpdesk::gateway
