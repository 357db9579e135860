#include "services/attachment/zip_writer.h"

#include <archive_entry.h>

#include <ctime>

#include "absl/strings/str_cat.h"
#include "services/attachment/text.h"

namespace helpdesk::attachment {

ZipStreamWriter::ZipStreamWriter(std::function<bool(std::string_view)> sink)
    : sink_(std::move(sink)), archive_(archive_write_new()) {}

ZipStreamWriter::~ZipStreamWriter() {
  if (archive_ != nullptr) archive_write_free(archive_);
}

la_ssize_t ZipStreamWriter::OnWrite(struct archive*, void* self, const void* data, size_t size) {
  auto* writer = static_cast<ZipStreamWriter*>(self);
  if (!writer->sink_(std::string_view(static_cast<const char*>(data), size))) {
    writer->sink_failed_ = true;
    return -1;
  }
  return static_cast<la_ssize_t>(size);
}

absl::Status ZipStreamWriter::Error(std::string_view what) {
  if (sink_failed_) return absl::CancelledError("the download was abandoned");
  const char* message = archive_ != nullptr ? archive_error_string(archive_) : nullptr;
  return absl::InternalError(
      absl::StrCat("zip: ", Absl(what), ": ", message == nullptr ? "unknown error" : message));
}

absl::Status ZipStreamWriter::Open() {
  if (archive_ == nullptr) return absl::InternalError("zip: out of memory");
  if (archive_write_set_format_zip(archive_) != ARCHIVE_OK ||
      archive_write_zip_set_compression_store(archive_) != ARCHIVE_OK ||
      archive_write_set_options(archive_, "zip:hdrcharset=UTF-8") != ARCHIVE_OK ||
      // Unblocked: every write goes straight to the sink, and no padding
      // follows the end of the archive.
      archive_write_set_bytes_per_block(archive_, 0) != ARCHIVE_OK) {
    return Error("setting up");
  }
  if (archive_write_open(archive_, this, nullptr, &ZipStreamWriter::OnWrite, nullptr) !=
      ARCHIVE_OK) {
    return Error("opening");
  }
  return absl::OkStatus();
}

absl::Status ZipStreamWriter::BeginEntry(const std::string& name, int64_t size) {
  struct archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname_utf8(entry, name.c_str());
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, 0644);
  archive_entry_set_size(entry, size);
  archive_entry_set_mtime(entry, std::time(nullptr), 0);
  int rc = archive_write_header(archive_, entry);
  archive_entry_free(entry);
  if (rc != ARCHIVE_OK) return Error("writing an entry header");
  return absl::OkStatus();
}

absl::Status ZipStreamWriter::Write(std::string_view data) {
  while (!data.empty()) {
    la_ssize_t n = archive_write_data(archive_, data.data(), data.size());
    if (n <= 0) return Error("writing entry data");
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status ZipStreamWriter::Finish() {
  if (archive_write_close(archive_) != ARCHIVE_OK) return Error("finishing");
  return absl::OkStatus();
}

std::string UniqueEntryName(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  size_t dot = name.rfind('.');
  std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  std::string ext = dot == std::string::npos || dot == 0 ? "" : name.substr(dot);
  for (int n = 2; taken.count(candidate) > 0; ++n) {
    candidate = absl::StrCat(stem, " (", n, ")", ext);
  }
  taken.insert(candidate);
  return candidate;
}

}  // namespace helpdesk::attachment
