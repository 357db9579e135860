#include "libs/config/config.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

extern char** environ;

namespace helpdesk::config {
namespace {

constexpr std::string_view kPrefix = "HELPDESK_";

absl::Status Invalid(std::string_view name, std::string_view why) {
  return absl::InvalidArgumentError(Config::EnvName(name) + " " + std::string(why));
}

}  // namespace

std::string Config::EnvName(std::string_view name) {
  return std::string(kPrefix) + std::string(name);
}

Config Config::FromProcess(int argc, char** argv) {
  Config config;
  for (char** env = environ; env != nullptr && *env != nullptr; ++env) {
    std::string_view entry(*env);
    if (entry.substr(0, kPrefix.size()) != kPrefix) continue;
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    config.values_[std::string(entry.substr(kPrefix.size(), eq - kPrefix.size()))] =
        std::string(entry.substr(eq + 1));
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    size_t eq = arg.find('=');
    if (arg.substr(0, 2) != "--" || eq == std::string_view::npos || eq == 2) {
      if (config.bad_argument_.empty()) config.bad_argument_ = std::string(arg);
      continue;
    }
    std::string name = absl::AsciiStrToUpper(
        absl::StrReplaceAll(std::string(arg.substr(2, eq - 2)), {{"-", "_"}}));
    config.values_[name] = std::string(arg.substr(eq + 1));
  }
  return config;
}

Config Config::FromMap(std::map<std::string, std::string> values) {
  Config config;
  for (auto& [k, v] : values) config.values_[k] = v;
  return config;
}

absl::Status Config::Validate() const {
  if (bad_argument_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("unexpected argument \"", bad_argument_, "\": flags are --name=value"));
}

const std::string* Config::Find(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return nullptr;
  return &it->second;
}

absl::StatusOr<std::string> Config::Required(std::string_view name) const {
  const std::string* value = Find(name);
  if (value == nullptr) return Invalid(name, "is not set");
  return *value;
}

std::string Config::Get(std::string_view name, std::string_view fallback) const {
  const std::string* value = Find(name);
  return value == nullptr ? std::string(fallback) : *value;
}

absl::StatusOr<int> Config::Int(std::string_view name, int fallback) const {
  const std::string* value = Find(name);
  if (value == nullptr) return fallback;
  int parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed)) {
    return Invalid(name, absl::StrCat("is not an integer: \"", *value, "\""));
  }
  return parsed;
}

absl::StatusOr<int> Config::Port(std::string_view name, int fallback) const {
  absl::StatusOr<int> port = Int(name, fallback);
  if (port.ok() && (*port < 0 || *port > 65535)) {
    return Invalid(name, absl::StrCat("is not a TCP port: ", *port));
  }
  return port;
}

absl::StatusOr<bool> Config::Bool(std::string_view name, bool fallback) const {
  const std::string* value = Find(name);
  if (value == nullptr) return fallback;
  std::string lower = absl::AsciiStrToLower(*value);
  if (lower == "1" || lower == "true" || lower == "yes") return true;
  if (lower == "0" || lower == "false" || lower == "no") return false;
  return Invalid(name, absl::StrCat("is not a boolean: \"", *value, "\""));
}

absl::StatusOr<absl::Duration> Config::Duration(std::string_view name,
                                                absl::Duration fallback) const {
  const std::string* value = Find(name);
  if (value == nullptr) return fallback;
  absl::Duration parsed;
  if (!absl::ParseDuration(*value, &parsed) || parsed < absl::ZeroDuration()) {
    return Invalid(name, absl::StrCat("is not a duration such as 30s: \"", *value, "\""));
  }
  return parsed;
}

}  // namespace helpdesk::config
