#include "tools/helpdeskctl/output.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace helpdesk::helpdeskctl {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Pad(const std::string& cell, size_t width) {
  const size_t w = DisplayWidth(cell);
  return w >= width ? cell : cell + std::string(width - w, ' ');
}

std::string RenderRows(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "  ";
      line += i + 1 == row.size() ? row[i] : Pad(row[i], widths[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) cell = OneLine(cell);
  rows_.push_back(std::move(cells));
}

std::string Table::Render() const {
  std::vector<std::vector<std::string>> all;
  all.reserve(rows_.size() + 1);
  all.push_back(headers_);
  all.insert(all.end(), rows_.begin(), rows_.end());
  return RenderRows(all);
}

std::string KeyValues(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& [key, value] : rows) {
    if (!value.empty()) cells.push_back({key + ":", OneLine(value)});
  }
  return RenderRows(cells);
}

size_t DisplayWidth(absl::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
}

std::string OneLine(absl::string_view text, size_t max_chars) {
  std::string line;
  line.reserve(text.size());
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsContinuationByte(c)) {
      if (max_chars > 0 && chars == max_chars - 1 && DisplayWidth(text.substr(i)) > 1) {
        line += "…";
        return line;
      }
      ++chars;
    }
    line += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  }
  return line;
}

std::string FormatInstant(absl::Time t, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M", t, zone);
}

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* ts) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts->set_seconds(seconds);
  ts->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

std::string FormatTimestamp(const google::protobuf::Timestamp& ts, bool has,
                            const absl::TimeZone& zone) {
  return has ? FormatInstant(TimeOf(ts), zone) : "";
}

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) {
    return absl::InternalError("cannot print the answer as JSON");
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

absl::StatusOr<google::protobuf::Value> ToJsonValue(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  google::protobuf::Value value;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok() ||
      !google::protobuf::util::JsonStringToMessage(json, &value).ok()) {
    return absl::InternalError("cannot print the answer as JSON");
  }
  return value;
}

}  // namespace helpdesk::helpdeskctl
