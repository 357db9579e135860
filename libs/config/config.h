// Service configuration from environment variables and command-line flags.
//
// Every setting has one name, spelled `HELPDESK_DATABASE_URL` in the
// environment and `--database-url=...` as a flag; a flag wins over the
// environment. Accessors validate and return INVALID_ARGUMENT with a message
// that names the setting, so `main` can print one clear line and exit:
//
//   auto config = helpdesk::config::Config::FromProcess(argc, argv);
//   HELPDESK_ASSIGN_OR_RETURN(std::string url, config.Required("DATABASE_URL"));
//   HELPDESK_ASSIGN_OR_RETURN(int port, config.Port("GRPC_PORT", 9000));
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace helpdesk::config {

class Config {
 public:
  // Reads HELPDESK_* variables from the environment and `--name=value` flags.
  // An argument that is not of that form is reported by Validate().
  static Config FromProcess(int argc, char** argv);
  // For tests: settings given explicitly, keyed by their environment name
  // without the HELPDESK_ prefix ("DATABASE_URL").
  static Config FromMap(std::map<std::string, std::string> values);

  // INVALID_ARGUMENT naming the first malformed command-line argument.
  absl::Status Validate() const;

  // INVALID_ARGUMENT "HELPDESK_X is not set" when missing or empty.
  absl::StatusOr<std::string> Required(std::string_view name) const;
  std::string Get(std::string_view name, std::string_view fallback) const;
  absl::StatusOr<int> Int(std::string_view name, int fallback) const;
  // A TCP port, 0..65535.
  absl::StatusOr<int> Port(std::string_view name, int fallback) const;
  // "true/false/1/0/yes/no".
  absl::StatusOr<bool> Bool(std::string_view name, bool fallback) const;
  // Abseil duration syntax: "30s", "1m30s", "250ms".
  absl::StatusOr<absl::Duration> Duration(std::string_view name, absl::Duration fallback) const;

  // "HELPDESK_DATABASE_URL" for "DATABASE_URL".
  static std::string EnvName(std::string_view name);

 private:
  const std::string* Find(std::string_view name) const;

  std::map<std::string, std::string, std::less<>> values_;
  std::string bad_argument_;
};

}  // namespace helpdesk::config
