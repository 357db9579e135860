#include "services/attachment/content_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <pqxx/pqxx>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "services/attachment/sql.h"
#include "services/attachment/text.h"

namespace helpdesk::attachment {
namespace {

constexpr char kLockContent[] = "SELECT pg_advisory_xact_lock(hashtext($1))";

absl::Status Errno(std::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(Absl(what), " ", path, ": ", std::strerror(errno)));
}

pqxx::binarystring Bytes(std::string_view data) {
  return pqxx::binarystring(data.data(), data.size());
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> OwnConnection(const db::PoolOptions& options) {
  try {
    auto conn = std::make_unique<pqxx::connection>(options.url);
    pqxx::nontransaction setup(*conn);
    setup.exec(absl::StrCat("SET application_name = ", setup.quote(options.application_name)));
    if (!options.schema.empty()) {
      setup.exec(absl::StrCat("SET search_path = ", setup.quote_name(options.schema)));
    }
    setup.commit();
    return conn;
  } catch (const pqxx::broken_connection&) {
    return absl::UnavailableError("the attachment database is unavailable, try again");
  } catch (const std::exception& e) {
    return db::MapException(e);
  }
}

class PostgresWriter final : public ContentWriter {
 public:
  PostgresWriter(std::unique_ptr<pqxx::connection> conn, size_t chunk_bytes)
      : conn_(std::move(conn)),
        tx_(std::make_unique<pqxx::work>(*conn_)),
        blob_id_(ids::NewUuid()),
        chunk_bytes_(chunk_bytes) {}

  absl::Status Append(std::string_view data) override {
    buffer_.append(data);
    while (buffer_.size() >= chunk_bytes_) {
      absl::Status status = Flush(chunk_bytes_);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status Commit(const std::string& sha256, int64_t size) override {
    try {
      if (!buffer_.empty()) {
        absl::Status status = Flush(buffer_.size());
        if (!status.ok()) return status;
      }
      pqxx::row claim = tx_->exec_params1(sql::kClaimContent, sha256, size, "postgres", blob_id_);
      if (!claim[0].as<bool>()) tx_->exec_params(sql::kDeleteChunks, blob_id_);
      tx_->commit();
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return db::MapException(e);
    }
  }

 private:
  absl::Status Flush(size_t n) {
    try {
      tx_->exec_params(sql::kInsertChunk, blob_id_, seq_++,
                       Bytes(std::string_view(buffer_).substr(0, n)));
      buffer_.erase(0, n);
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return db::MapException(e);
    }
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;  // rolled back when destroyed uncommitted
  const std::string blob_id_;
  const size_t chunk_bytes_;
  std::string buffer_;
  int seq_ = 0;
};

class FileWriter final : public ContentWriter {
 public:
  FileWriter(db::Pool& pool, std::string temp_path, int fd,
             std::function<std::string(const std::string&)> final_path)
      : pool_(pool), temp_path_(std::move(temp_path)), fd_(fd), final_path_(final_path) {}

  ~FileWriter() override {
    if (fd_ >= 0) close(fd_);
    if (!committed_) unlink(temp_path_.c_str());
  }

  absl::Status Append(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Errno("cannot write", temp_path_);
      data.remove_prefix(static_cast<size_t>(n));
    }
    return absl::OkStatus();
  }

  absl::Status Commit(const std::string& sha256, int64_t size) override {
    if (fsync(fd_) != 0) return Errno("cannot sync", temp_path_);
    close(fd_);
    fd_ = -1;
    std::string path = final_path_(sha256);
    std::string folder = path.substr(0, path.rfind('/'));
    if (mkdir(folder.c_str(), 0750) != 0 && errno != EEXIST) return Errno("cannot create", folder);
    // The hash's lock orders this against the garbage collector deleting the
    // same content.
    return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
      tx.exec_params(kLockContent, sha256);
      pqxx::row claim = tx.exec_params1(sql::kClaimContent, sha256, size, "filesystem", "");
      if (claim[0].as<bool>() || claim[1].as<std::string>() == "filesystem") {
        // Same hash, same bytes: replacing an existing file changes nothing.
        if (rename(temp_path_.c_str(), path.c_str()) != 0) return Errno("cannot rename", path);
        int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY);
        if (dir >= 0) {
          fsync(dir);
          close(dir);
        }
        committed_ = true;
      }
      return absl::OkStatus();
    });
  }

 private:
  db::Pool& pool_;
  const std::string temp_path_;
  int fd_;
  std::function<std::string(const std::string&)> final_path_;
  bool committed_ = false;
};

class PostgresReader final : public ContentReader {
 public:
  PostgresReader(db::Pool& pool, std::string blob_id) : pool_(pool), blob_id_(std::move(blob_id)) {}

  absl::StatusOr<std::string> Next() override {
    return db::ReadOnce<std::string>(
        pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<std::string> {
          pqxx::result r = tx.exec_params(sql::kSelectChunk, blob_id_, seq_);
          if (r.empty()) return std::string();
          ++seq_;
          pqxx::binarystring data(r[0][0]);
          return data.str();
        });
  }

 private:
  db::Pool& pool_;
  const std::string blob_id_;
  int seq_ = 0;
};

class FileReader final : public ContentReader {
 public:
  FileReader(int fd, size_t chunk_bytes) : fd_(fd), chunk_bytes_(chunk_bytes) {}
  ~FileReader() override { close(fd_); }

  absl::StatusOr<std::string> Next() override {
    std::string chunk(chunk_bytes_, '\0');
    ssize_t n;
    do {
      n = read(fd_, chunk.data(), chunk.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0)
      return absl::InternalError(absl::StrCat("cannot read content: ", std::strerror(errno)));
    chunk.resize(static_cast<size_t>(n));
    return chunk;
  }

 private:
  int fd_;
  const size_t chunk_bytes_;
};

}  // namespace

std::string ContentStore::FilePath(const std::string& sha256) const {
  return absl::StrCat(options_.directory, "/", sha256.substr(0, 2), "/", sha256);
}

absl::StatusOr<std::unique_ptr<ContentWriter>> ContentStore::NewWriter() {
  if (options_.backend == ContentStoreOptions::Backend::kPostgres) {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = OwnConnection(pool_.options());
    if (!conn.ok()) return conn.status();
    try {
      return std::unique_ptr<ContentWriter>(
          std::make_unique<PostgresWriter>(*std::move(conn), options_.chunk_bytes));
    } catch (const std::exception& e) {
      return db::MapException(e);
    }
  }
  std::string temp_dir = absl::StrCat(options_.directory, "/tmp");
  if (mkdir(temp_dir.c_str(), 0750) != 0 && errno != EEXIST)
    return Errno("cannot create", temp_dir);
  std::string temp_path = absl::StrCat(temp_dir, "/", ids::NewUuid());
  int fd = open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Errno("cannot create", temp_path);
  return std::unique_ptr<ContentWriter>(std::make_unique<FileWriter>(
      pool_, temp_path, fd, [this](const std::string& sha) { return FilePath(sha); }));
}

absl::StatusOr<std::unique_ptr<ContentReader>> ContentStore::Open(const std::string& sha256) {
  struct Content {
    std::string location;
    std::string blob_id;
  };
  absl::StatusOr<Content> content =
      db::ReadOnce<Content>(pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<Content> {
        pqxx::result r = tx.exec_params(sql::kSelectContent, sha256);
        if (r.empty()) return absl::NotFoundError("attachment not found");
        return Content{r[0][1].as<std::string>(), r[0][2].as<std::string>()};
      });
  if (!content.ok()) return content.status();
  if (content->location == "postgres") {
    return std::unique_ptr<ContentReader>(
        std::make_unique<PostgresReader>(pool_, content->blob_id));
  }
  if (options_.directory.empty()) {
    return absl::FailedPreconditionError(
        "content is stored on the filesystem but HELPDESK_STORAGE_DIR is not set");
  }
  std::string path = FilePath(sha256);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::DataLossError(absl::StrCat("content file missing: ", sha256));
  return std::unique_ptr<ContentReader>(std::make_unique<FileReader>(fd, options_.chunk_bytes));
}

absl::StatusOr<int> ContentStore::CollectGarbage(absl::Duration unlinked_ttl) {
  absl::Status expired = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = tx.exec_params(sql::kDeleteExpiredUploads, absl::ToInt64Seconds(unlinked_ttl));
    if (r.affected_rows() > 0) {
      log::Info("deleted unlinked uploads", {{"count", static_cast<int64_t>(r.affected_rows())}});
    }
    return absl::OkStatus();
  });
  if (!expired.ok()) return expired;
  int deleted = 0;
  while (true) {
    absl::StatusOr<std::vector<std::string>> orphans = db::ReadOnce<std::vector<std::string>>(
        pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<std::vector<std::string>> {
          std::vector<std::string> out;
          for (const auto& row : tx.exec(sql::kOrphanContents)) out.push_back(row[0].c_str());
          return out;
        });
    if (!orphans.ok()) return orphans.status();
    if (orphans->empty()) break;
    int before = deleted;
    for (const std::string& sha : *orphans) {
      absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
        tx.exec_params(kLockContent, sha);
        pqxx::result r = tx.exec_params(sql::kDeleteOrphanContent, sha);
        if (r.empty()) return absl::OkStatus();
        if (r[0][0].as<std::string>() == "postgres") {
          tx.exec_params(sql::kDeleteChunks, r[0][1].as<std::string>());
        } else if (!options_.directory.empty()) {
          std::string path = FilePath(sha);
          if (unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("cannot delete", path);
        }
        ++deleted;
        return absl::OkStatus();
      });
      if (!status.ok()) return status;
    }
    if (deleted == before) break;  // all skipped: in use again
  }
  return deleted;
}

}  // namespace helpdesk::attachment
