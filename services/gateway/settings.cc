#include "services/gateway/settings.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/status/status_macros.h"
#include "services/gateway/backend.h"

#ifndef HELPDESK_DEFAULT_DESCRIPTOR_SET
#define HELPDESK_DEFAULT_DESCRIPTOR_SET ""
#endif

namespace helpdesk::gateway {
namespace {

absl::Status HostPort(const config::Config& config, std::string_view name,
                      std::string_view fallback, std::string* host, int* port) {
  std::string value = config.Get(name, fallback);
  size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(value.substr(colon + 1), port) || *port < 0 || *port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), " must be host:port, not \"", value, "\""));
  }
  *host = value.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> Bytes(const config::Config& config, std::string_view name, size_t fallback) {
  std::string value = config.Get(name, "");
  if (value.empty()) return fallback;
  uint64_t parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed) || parsed == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        config::Config::EnvName(name), " must be a positive number of bytes, not \"", value, "\""));
  }
  return static_cast<size_t>(parsed);
}

absl::StatusOr<absl::Duration> Positive(const config::Config& config, std::string_view name,
                                        absl::Duration fallback) {
  HELPDESK_ASSIGN_OR_RETURN(absl::Duration d, config.Duration(name, fallback));
  if (d <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), " must be positive"));
  }
  return d;
}

}  // namespace

std::string DefaultDescriptorSet() { return HELPDESK_DEFAULT_DESCRIPTOR_SET; }

absl::StatusOr<GatewayOptions> OptionsFromConfig(const config::Config& config) {
  HELPDESK_RETURN_IF_ERROR(config.Validate());
  GatewayOptions o;
  HELPDESK_RETURN_IF_ERROR(
      HostPort(config, "HTTP_LISTEN", "0.0.0.0:8080", &o.http_host, &o.http_port));
  HELPDESK_RETURN_IF_ERROR(
      HostPort(config, "METRICS_LISTEN", "0.0.0.0:9190", &o.metrics_host, &o.metrics_port));
  HELPDESK_ASSIGN_OR_RETURN(o.http_threads, config.Int("HTTP_THREADS", 2));
  if (o.http_threads < 1 || o.http_threads > 64) {
    return absl::InvalidArgumentError("HELPDESK_HTTP_THREADS must be between 1 and 64");
  }
  for (absl::string_view file :
       absl::StrSplit(config.Get("DESCRIPTOR_SETS", DefaultDescriptorSet()), ',')) {
    file = absl::StripAsciiWhitespace(file);
    if (!file.empty()) o.descriptor_sets.emplace_back(file);
  }
  if (o.descriptor_sets.empty()) {
    return absl::InvalidArgumentError("HELPDESK_DESCRIPTOR_SETS is not set");
  }
  HELPDESK_ASSIGN_OR_RETURN(o.backends, ParseBackendList(config.Get("BACKENDS", "")));
  o.trusted_proxies = config.Get("TRUSTED_PROXIES", "");
  HELPDESK_ASSIGN_OR_RETURN(o.max_body_bytes, Bytes(config, "MAX_BODY_BYTES", o.max_body_bytes));
  HELPDESK_ASSIGN_OR_RETURN(o.max_upload_bytes,
                            Bytes(config, "MAX_UPLOAD_BYTES", o.max_upload_bytes));
  HELPDESK_ASSIGN_OR_RETURN(o.read_timeout, Positive(config, "HTTP_READ_TIMEOUT", o.read_timeout));
  HELPDESK_ASSIGN_OR_RETURN(o.idle_timeout, Positive(config, "HTTP_IDLE_TIMEOUT", o.idle_timeout));
  HELPDESK_ASSIGN_OR_RETURN(o.upstream_timeout,
                            Positive(config, "UPSTREAM_TIMEOUT", o.upstream_timeout));
  HELPDESK_ASSIGN_OR_RETURN(o.stream_timeout, Positive(config, "STREAM_TIMEOUT", o.stream_timeout));
  HELPDESK_ASSIGN_OR_RETURN(o.drain_timeout, config.Duration("DRAIN_TIMEOUT", o.drain_timeout));
  o.web_root = config.Get("WEB_ROOT", "");
  std::string level = config.Get("LOG_LEVEL", "info");
  if (level == "debug") {
    o.log_level = log::Level::kDebug;
  } else if (level == "info") {
    o.log_level = log::Level::kInfo;
  } else if (level == "warn") {
    o.log_level = log::Level::kWarn;
  } else if (level == "error") {
    o.log_level = log::Level::kError;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("HELPDESK_LOG_LEVEL must be debug, info, warn or error, not \"", level, "\""));
  }
  return o;
}

}  // namespace helpdesk::gateway
