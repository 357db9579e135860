// Structured logging: one JSON object per line on standard error.
//
//   helpdesk::log::Init("ticket");
//   helpdesk::log::Info("ticket created", {{"ticket_id", id}, {"number", 221}});
//   // {"ts":"2026-…Z","level":"info","service":"ticket","msg":"ticket created",
//   //  "ticket_id":"…","number":221}
//
// Thread-safe; each line is written with one call so lines never interleave.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace helpdesk::log {

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, int64_t v);
  Field(std::string_view k, int v) : Field(k, static_cast<int64_t>(v)) {}
  Field(std::string_view k, double v);
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false"), quoted(false) {}

  std::string_view key;
  std::string value;
  bool quoted;
};

enum class Level { kDebug, kInfo, kWarn, kError };

// Names the service in every line. Call once at start.
void Init(std::string_view service);
// Lines below this level are dropped (default kInfo).
void SetMinLevel(Level level);

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields);
// The line Write would print, without the trailing newline (for tests).
std::string Format(Level level, std::string_view msg, std::initializer_list<Field> fields);

// Appends `s` as a JSON string literal, quotes included: `"`, `\` and
// control characters escaped, every other byte (UTF-8 or not) passed through.
// Shared with the gateway's own JSON (services/gateway/json_text.h).
void AppendJsonString(std::string& out, std::string_view s);

inline void Debug(std::string_view msg, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, msg, f);
}
inline void Info(std::string_view msg, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, msg, f);
}
inline void Warn(std::string_view msg, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, msg, f);
}
inline void Error(std::string_view msg, std::initializer_list<Field> f = {}) {
  Write(Level::kError, msg, f);
}

}  // namespace helpdesk::log
