// Where helpdeskctl finds the services, and how it talks to them.
//
// Each setting is taken from the first place that has it: a command-line
// flag, an environment variable, the config file, the default:
//
//   key            flag             environment              default
//   identity       --identity       HELPDESKCTL_IDENTITY     127.0.0.1:17111
//   ticket         --ticket         HELPDESKCTL_TICKET       127.0.0.1:17112
//   attachment     --attachment     HELPDESKCTL_ATTACHMENT   127.0.0.1:17113
//   sla            --sla            HELPDESKCTL_SLA          127.0.0.1:17114
//   notification   --notification   HELPDESKCTL_NOTIFICATION 127.0.0.1:17115
//   server         --server         HELPDESKCTL_SERVER       (none)
//   timeout        --timeout        HELPDESKCTL_TIMEOUT      10s
//   tls            --tls            HELPDESKCTL_TLS          false
//   ca_file        --ca-file        HELPDESKCTL_CA_FILE      (system roots)
//
// `server` is one address for every service (the Kubernetes gRPC ingress
// routes by service); a service's own key wins over `server` from the same
// place. The defaults are the local stack's ports (tools/run), from
// HELPDESK_BASE_PORT (17100) + 11..15. The config file is
// $XDG_CONFIG_HOME/helpdeskctl/config.toml (~/.config/… without
// XDG_CONFIG_HOME), or --config / HELPDESKCTL_CONFIG: `key = value` lines,
// values optionally in double quotes, `#` comments (a subset of TOML).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace helpdesk::helpdeskctl {

// Reads an environment variable (injected, so tests need not touch the
// process's environment).
using Environment = std::function<std::optional<std::string>(const std::string&)>;
Environment ProcessEnvironment();

// identity, ticket, attachment, sla, notification.
const std::vector<std::string>& ServiceKeys();

struct Settings {
  std::map<std::string, std::string> addresses;  // service key → host:port
  absl::Duration timeout = absl::Seconds(10);
  bool tls = false;
  std::string ca_file;
  // Each key's value and where it came from ("flag", "env HELPDESKCTL_…",
  // "config <path>", "default"), for `helpdeskctl config`.
  std::map<std::string, std::pair<std::string, std::string>> origins;
};

// The folder of config.toml and credentials.json.
std::string ConfigDir(const Environment& env);

// `key = value` lines → map. INVALID_ARGUMENT naming `path` and the line
// for a line that is not one, an unknown key or a key given twice.
absl::StatusOr<std::map<std::string, std::string>> ParseConfigFile(absl::string_view text,
                                                                   absl::string_view path);

// The settings from `flags` (key → value, only those given), the
// environment and `file` (parsed config file, from `file_path`).
// INVALID_ARGUMENT for a bad timeout or tls value, naming its origin.
absl::StatusOr<Settings> ResolveSettings(const std::map<std::string, std::string>& flags,
                                         const Environment& env,
                                         const std::map<std::string, std::string>& file,
                                         const std::string& file_path);

// Reads the config file (`config_path`, else HELPDESKCTL_CONFIG, else the
// default; only an explicitly named file must exist) and resolves.
absl::StatusOr<Settings> LoadSettings(const std::map<std::string, std::string>& flags,
                                      const std::string& config_path, const Environment& env);

}  // namespace helpdesk::helpdeskctl
