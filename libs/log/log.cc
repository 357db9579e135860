#include "libs/log/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace helpdesk::log {
namespace {

std::string& ServiceName() {
  static std::string* name = new std::string("helpdesk");
  return *name;
}
std::atomic<int> min_level{static_cast<int>(Level::kInfo)};

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
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
}

Field::Field(std::string_view k, int64_t v) : key(k), value(absl::StrCat(v)), quoted(false) {}
Field::Field(std::string_view k, double v) : key(k), value(absl::StrCat(v)), quoted(false) {}

void Init(std::string_view service) { ServiceName() = std::string(service); }

void SetMinLevel(Level level) { min_level = static_cast<int>(level); }

std::string Format(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  std::string line = "{\"ts\":\"";
  line += absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"service\":";
  AppendJsonString(line, ServiceName());
  line += ",\"msg\":";
  AppendJsonString(line, msg);
  for (const Field& field : fields) {
    line.push_back(',');
    AppendJsonString(line, field.key);
    line.push_back(':');
    if (field.quoted) {
      AppendJsonString(line, field.value);
    } else {
      line += field.value;
    }
  }
  line.push_back('}');
  return line;
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < min_level.load(std::memory_order_relaxed)) return;
  std::string line = Format(level, msg, fields);
  line.push_back('\n');
  // One write(2) per line keeps concurrent lines whole.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace helpdesk::log
