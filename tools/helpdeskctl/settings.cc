#include "tools/helpdeskctl/settings.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/status/status_macros.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr int kDefaultBasePort = 17100;
const char* const kOtherKeys[] = {"server", "timeout", "tls", "ca_file"};

bool IsKnownKey(const std::string& key) {
  for (const std::string& k : ServiceKeys()) {
    if (k == key) return true;
  }
  for (const char* k : kOtherKeys) {
    if (key == k) return true;
  }
  return false;
}

std::string EnvName(const std::string& key) {
  return absl::StrCat("HELPDESKCTL_", absl::AsciiStrToUpper(key));
}

struct Found {
  std::string value;
  std::string origin;
};

// The first of flag, env, file that has `key`.
std::optional<Found> Lookup(const std::string& key, const std::map<std::string, std::string>& flags,
                            const Environment& env, const std::map<std::string, std::string>& file,
                            const std::string& file_path) {
  if (auto it = flags.find(key); it != flags.end() && !it->second.empty()) {
    return Found{it->second, "flag"};
  }
  if (std::optional<std::string> v = env(EnvName(key)); v.has_value() && !v->empty()) {
    return Found{*v, "env " + EnvName(key)};
  }
  if (auto it = file.find(key); it != file.end() && !it->second.empty()) {
    return Found{it->second, "config " + file_path};
  }
  return std::nullopt;
}

// Per place, a service's own key before `server`.
std::optional<Found> LookupAddress(const std::string& key,
                                   const std::map<std::string, std::string>& flags,
                                   const Environment& env,
                                   const std::map<std::string, std::string>& file,
                                   const std::string& file_path) {
  const std::map<std::string, std::string> none;
  const Environment no_env = [](const std::string&) { return std::nullopt; };
  for (int place = 0; place < 3; ++place) {
    const auto& f = place == 0 ? flags : none;
    const Environment& e = place == 1 ? env : no_env;
    const auto& c = place == 2 ? file : none;
    if (auto found = Lookup(key, f, e, c, file_path)) return found;
    if (auto found = Lookup("server", f, e, c, file_path)) return found;
  }
  return std::nullopt;
}

absl::StatusOr<bool> ParseBool(const Found& found, absl::string_view key) {
  const std::string v = absl::AsciiStrToLower(found.value);
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return absl::InvalidArgumentError(absl::StrCat(
      key, " (", found.origin, "): expected true or false, got \"", found.value, "\""));
}

absl::StatusOr<absl::Duration> ParseTimeout(const Found& found) {
  absl::Duration d;
  int seconds = 0;
  if (absl::SimpleAtoi(found.value, &seconds)) {
    d = absl::Seconds(seconds);
  } else if (!absl::ParseDuration(found.value, &d)) {
    d = absl::ZeroDuration();
  }
  if (d <= absl::ZeroDuration() || d > absl::Hours(1)) {
    return absl::InvalidArgumentError(absl::StrCat("timeout (", found.origin,
                                                   "): expected a duration like 10s or 500ms, "
                                                   "up to 1h, got \"",
                                                   found.value, "\""));
  }
  return d;
}

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

const std::vector<std::string>& ServiceKeys() {
  static const std::vector<std::string>* keys =
      new std::vector<std::string>{"identity", "ticket", "attachment", "sla", "notification"};
  return *keys;
}

std::string ConfigDir(const Environment& env) {
  if (std::optional<std::string> xdg = env("XDG_CONFIG_HOME"); xdg.has_value() && !xdg->empty()) {
    return *xdg + "/helpdeskctl";
  }
  return env("HOME").value_or(".") + "/.config/helpdeskctl";
}

absl::StatusOr<std::map<std::string, std::string>> ParseConfigFile(absl::string_view text,
                                                                   absl::string_view path) {
  std::map<std::string, std::string> values;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    const auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": ", why));
    };
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) return bad("expected key = value");
    std::string key(absl::StripAsciiWhitespace(line.substr(0, eq)));
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(eq + 1));
    if (!IsKnownKey(key)) {
      return bad(absl::StrCat("unknown key \"", key,
                              "\" (known: identity, ticket, attachment, sla, notification, "
                              "server, timeout, tls, ca_file)"));
    }
    if (values.count(key)) return bad(absl::StrCat("\"", key, "\" given twice"));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    } else if (const size_t hash = value.find(" #"); hash != absl::string_view::npos) {
      value = absl::StripAsciiWhitespace(value.substr(0, hash));  // a trailing comment
    }
    values[key] = std::string(value);
  }
  return values;
}

absl::StatusOr<Settings> ResolveSettings(const std::map<std::string, std::string>& flags,
                                         const Environment& env,
                                         const std::map<std::string, std::string>& file,
                                         const std::string& file_path) {
  Settings settings;
  int base = kDefaultBasePort;
  if (std::optional<std::string> b = env("HELPDESK_BASE_PORT")) {
    if (!absl::SimpleAtoi(*b, &base) || base < 1 || base > 65500) base = kDefaultBasePort;
  }
  for (size_t i = 0; i < ServiceKeys().size(); ++i) {
    const std::string& key = ServiceKeys()[i];
    Found found{absl::StrCat("127.0.0.1:", base + 11 + static_cast<int>(i)), "default"};
    if (auto f = LookupAddress(key, flags, env, file, file_path)) found = *f;
    settings.addresses[key] = found.value;
    settings.origins[key] = {found.value, found.origin};
  }
  if (auto f = Lookup("timeout", flags, env, file, file_path)) {
    HELPDESK_ASSIGN_OR_RETURN(settings.timeout, ParseTimeout(*f));
    settings.origins["timeout"] = {f->value, f->origin};
  } else {
    settings.origins["timeout"] = {"10s", "default"};
  }
  if (auto f = Lookup("tls", flags, env, file, file_path)) {
    HELPDESK_ASSIGN_OR_RETURN(settings.tls, ParseBool(*f, "tls"));
    settings.origins["tls"] = {f->value, f->origin};
  } else {
    settings.origins["tls"] = {"false", "default"};
  }
  if (auto f = Lookup("ca_file", flags, env, file, file_path)) {
    settings.ca_file = f->value;
    settings.origins["ca_file"] = {f->value, f->origin};
  }
  return settings;
}

absl::StatusOr<Settings> LoadSettings(const std::map<std::string, std::string>& flags,
                                      const std::string& config_path, const Environment& env) {
  std::string path = config_path;
  bool must_exist = !path.empty();
  if (path.empty()) {
    if (std::optional<std::string> p = env("HELPDESKCTL_CONFIG"); p.has_value() && !p->empty()) {
      path = *p;
      must_exist = true;
    } else {
      path = ConfigDir(env) + "/config.toml";
    }
  }
  std::map<std::string, std::string> file;
  std::ifstream in(path);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    HELPDESK_ASSIGN_OR_RETURN(file, ParseConfigFile(text.str(), path));
  } else if (must_exist) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read the config file ", path));
  }
  return ResolveSettings(flags, env, file, path);
}

}  // namespace helpdesk::helpdeskctl
