// Instants and durations to and from the microsecond integers of sql.h.
// libpqxx 6.4 has no std::optional parameters: a nullable value goes in as a
// `const char*` that is null for SQL NULL.
//
//   tx.exec_params(sql::kInsertTimer, id, Micros(due.warning_at).param(), …);
//   std::optional<absl::Time> taken = OptionalTime(row[3]);
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/field>
#include <string>

#include "absl/time/time.h"

namespace helpdesk::sla {

class Micros {
 public:
  // An infinite instant ("never": a calendar that never works again) and
  // nullopt are NULL.
  explicit Micros(std::optional<absl::Time> t) {
    if (t.has_value() && *t != absl::InfiniteFuture() && *t != absl::InfinitePast()) {
      text_ = std::to_string(absl::ToUnixMicros(*t));
      null_ = false;
    }
  }
  explicit Micros(absl::Duration d) : text_(std::to_string(absl::ToInt64Microseconds(d))) {
    null_ = false;
  }
  const char* param() const { return null_ ? nullptr : text_.c_str(); }

 private:
  std::string text_;
  bool null_ = true;
};

inline absl::Time TimeOf(const pqxx::field& f) { return absl::FromUnixMicros(f.as<int64_t>()); }

inline std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return TimeOf(f);
}

inline absl::Duration DurationOf(const pqxx::field& f) {
  return absl::Microseconds(f.as<int64_t>());
}

}  // namespace helpdesk::sla
