// A fixed-size pool of PostgreSQL connections (libpqxx 6.4).
//
//   HELPDESK_ASSIGN_OR_RETURN(std::unique_ptr<db::Pool> pool, db::Pool::Connect({
//       .url = database_url, .schema = "ticket", .size = 8,
//       .statements = {{"insert_ticket", sql::kInsertTicket}}}));
//   HELPDESK_ASSIGN_OR_RETURN(db::Pool::Lease lease, pool->Acquire());
//   pqxx::work tx(*lease);
//
// Each connection prepares the given named statements and sets the
// search_path to the service's schema. A connection found broken is
// reopened on its next use, so a PostgreSQL restart is survived without
// operator action.
#pragma once

#include <memory>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace helpdesk::db {

struct Statement {
  std::string name;
  std::string sql;
};

struct PoolOptions {
  std::string url;
  // The schema the service owns; empty keeps the role's search_path.
  std::string schema;
  int size = 8;
  std::vector<Statement> statements;
  absl::Duration acquire_timeout = absl::Seconds(5);
  std::string application_name = "helpdesk";
};

class Pool {
 public:
  // Opens one connection to prove the settings work. UNAVAILABLE with a
  // message naming host and port (never the password) when it cannot.
  static absl::StatusOr<std::unique_ptr<Pool>> Connect(PoolOptions options);

  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {
      other.pool_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }
    // Drops the connection instead of returning it (after a broken link).
    void Discard() { conn_.reset(); }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  // A connection, opening one when the pool has room. UNAVAILABLE when the
  // database cannot be reached, DEADLINE_EXCEEDED when all are busy too long.
  absl::StatusOr<Lease> Acquire();
  // Whether a trivial query succeeds now.
  bool Ping();

  const PoolOptions& options() const { return options_; }
  // "host:port/db" of the URL, for messages.
  std::string Describe() const;

 private:
  explicit Pool(PoolOptions options) : options_(std::move(options)) {}
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Open();
  void Release(std::unique_ptr<pqxx::connection> conn);

  const PoolOptions options_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace helpdesk::db
