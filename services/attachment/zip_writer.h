// A zip archive written as a stream (libarchive): the bytes go to a sink as
// they are produced, with no seeking back, so a download can send them while
// the next entry is still being read. Entries are stored, not compressed:
// images are compressed already.
//
//   ZipStreamWriter zip([&](std::string_view bytes) { return Send(bytes); });
//   HELPDESK_RETURN_IF_ERROR(zip.Open());
//   HELPDESK_RETURN_IF_ERROR(zip.BeginEntry("a.png", size));
//   HELPDESK_RETURN_IF_ERROR(zip.Write(chunk));  // until `size` bytes
//   HELPDESK_RETURN_IF_ERROR(zip.Finish());
#pragma once

#include <archive.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace helpdesk::attachment {

class ZipStreamWriter {
 public:
  // `sink` returns false when the receiver is gone; the writer then fails
  // with CANCELLED.
  explicit ZipStreamWriter(std::function<bool(std::string_view)> sink);
  ~ZipStreamWriter();
  ZipStreamWriter(const ZipStreamWriter&) = delete;
  ZipStreamWriter& operator=(const ZipStreamWriter&) = delete;

  absl::Status Open();
  absl::Status BeginEntry(const std::string& name, int64_t size);
  absl::Status Write(std::string_view data);
  absl::Status Finish();

 private:
  static la_ssize_t OnWrite(struct archive*, void* self, const void* data, size_t size);
  absl::Status Error(std::string_view what);

  std::function<bool(std::string_view)> sink_;
  struct archive* archive_;
  bool sink_failed_ = false;
};

// `name` made unique among `taken` ("a.png", "a (2).png", …), then added.
std::string UniqueEntryName(const std::string& name, std::set<std::string>& taken);

}  // namespace helpdesk::attachment
