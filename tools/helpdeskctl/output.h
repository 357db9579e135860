// How helpdeskctl prints: aligned tables and key/value blocks for people,
// the protobuf JSON mapping for scripts (lowerCamelCase names, enum names,
// every primitive field printed even when zero, int64 as strings), and
// instants in the local time zone.
//
//   Table table({"NUMBER", "SUBJECT"});
//   table.AddRow({"#000221", "Stampa bloccata"});
//   out << table.Render();          // NUMBER   SUBJECT\n#000221  Stampa bloccata\n
//   HELPDESK_ASSIGN_OR_RETURN(std::string json, ToJson(ticket));
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace google::protobuf {
class Message;
class Timestamp;
class Value;
}  // namespace google::protobuf

namespace helpdesk::helpdeskctl {

// Columns left-aligned to the widest cell (counted in characters, not
// bytes), two spaces apart, the last column unpadded; cells are made one
// line (see OneLine).
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// "Label:   value" lines, values aligned; empty values are left out.
std::string KeyValues(const std::vector<std::pair<std::string, std::string>>& rows);

// Control characters (newlines, tabs) become spaces; longer than
// `max_chars` characters → cut with "…" (0: no limit).
std::string OneLine(absl::string_view text, size_t max_chars = 0);

// Characters of UTF-8 text (code points).
size_t DisplayWidth(absl::string_view text);

// "2025-06-17 10:00" in `zone`.
std::string FormatInstant(absl::Time t, const absl::TimeZone& zone);
// The same for a protobuf Timestamp; "" when `has` is false.
std::string FormatTimestamp(const google::protobuf::Timestamp& ts, bool has,
                            const absl::TimeZone& zone);
absl::Time TimeOf(const google::protobuf::Timestamp& ts);
void SetTimestamp(absl::Time t, google::protobuf::Timestamp* ts);

// Pretty JSON of `message`, ending with a newline.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);
// The message as a JSON value, to compose several answers into one document.
absl::StatusOr<google::protobuf::Value> ToJsonValue(const google::protobuf::Message& message);

}  // namespace helpdesk::helpdeskctl
