// Content storage, addressed by SHA-256 and stored once. The bytes live in
// PostgreSQL (table content_chunks, 256 KiB rows) or, for a mounted volume,
// in files named by their hash; the `contents` table records which, so
// content stored before a change of backend stays readable.
//
//   HELPDESK_ASSIGN_OR_RETURN(std::unique_ptr<ContentWriter> w, store.NewWriter());
//   HELPDESK_RETURN_IF_ERROR(w->Append(bytes));   // as they arrive
//   HELPDESK_RETURN_IF_ERROR(w->Commit(sha256_hex, size));
//   // a writer destroyed before Commit leaves nothing behind
//
//   HELPDESK_ASSIGN_OR_RETURN(std::unique_ptr<ContentReader> r, store.Open(sha256_hex));
//   while (true) { HELPDESK_ASSIGN_OR_RETURN(std::string chunk, r->Next()); if (chunk.empty())
//   break; }
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/db/pool.h"

namespace helpdesk::attachment {

class ContentWriter {
 public:
  virtual ~ContentWriter() = default;
  virtual absl::Status Append(std::string_view data) = 0;
  // Makes the content durable under `sha256` (hex), unless it is stored
  // already, in which case what was written is dropped.
  virtual absl::Status Commit(const std::string& sha256, int64_t size) = 0;
};

class ContentReader {
 public:
  virtual ~ContentReader() = default;
  // The next piece of the content; empty at the end.
  virtual absl::StatusOr<std::string> Next() = 0;
};

struct ContentStoreOptions {
  enum class Backend { kPostgres, kFilesystem };
  Backend backend = Backend::kPostgres;
  std::string directory;  // for kFilesystem (and to read content stored there)
  size_t chunk_bytes = 256 * 1024;
};

class ContentStore {
 public:
  ContentStore(db::Pool& pool, ContentStoreOptions options)
      : pool_(pool), options_(std::move(options)) {}

  // A writer for a new upload. The PostgreSQL backend writes on a
  // connection of its own, in one transaction, so an upload never holds a
  // pooled connection and an abandoned one rolls back completely.
  absl::StatusOr<std::unique_ptr<ContentWriter>> NewWriter();
  // NOT_FOUND when no such content is stored.
  absl::StatusOr<std::unique_ptr<ContentReader>> Open(const std::string& sha256);

  // Deletes uploads not linked to a message within `unlinked_ttl`, then the
  // content no upload names (and not used in the last hour). Returns how many
  // contents were deleted.
  absl::StatusOr<int> CollectGarbage(absl::Duration unlinked_ttl);

  const ContentStoreOptions& options() const { return options_; }

 private:
  std::string FilePath(const std::string& sha256) const;

  db::Pool& pool_;
  const ContentStoreOptions options_;
};

}  // namespace helpdesk::attachment
