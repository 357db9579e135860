#include "libs/db/pool.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"

namespace helpdesk::db {
namespace {

// "postgresql://user:secret@host:5432/db?x" → "host:5432/db".
std::string Redact(const std::string& url) {
  std::string rest = url;
  size_t scheme = rest.find("://");
  if (scheme != std::string::npos) rest = rest.substr(scheme + 3);
  size_t at = rest.rfind('@');
  if (at != std::string::npos) rest = rest.substr(at + 1);
  size_t query = rest.find('?');
  if (query != std::string::npos) rest = rest.substr(0, query);
  return rest;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Pool>> Pool::Connect(PoolOptions options) {
  if (options.size < 1) return absl::InvalidArgumentError("database pool size must be at least 1");
  std::unique_ptr<Pool> pool(new Pool(std::move(options)));
  absl::StatusOr<std::unique_ptr<pqxx::connection>> first = pool->Open();
  if (!first.ok()) return first.status();
  {
    absl::MutexLock lock(&pool->mu_);
    pool->open_ = 1;
  }
  pool->Release(*std::move(first));
  return pool;
}

std::string Pool::Describe() const { return Redact(options_.url); }

absl::StatusOr<std::unique_ptr<pqxx::connection>> Pool::Open() {
  try {
    auto conn = std::make_unique<pqxx::connection>(options_.url);
    pqxx::nontransaction setup(*conn);
    setup.exec(absl::StrCat("SET application_name = ", setup.quote(options_.application_name)));
    if (!options_.schema.empty()) {
      setup.exec(absl::StrCat("SET search_path = ", setup.quote_name(options_.schema)));
    }
    setup.commit();
    for (const Statement& statement : options_.statements) {
      conn->prepare(statement.name, statement.sql);
    }
    return conn;
  } catch (const pqxx::broken_connection& e) {
    std::string why = e.what();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    size_t nl = why.rfind('\n');
    if (nl != std::string::npos) why = why.substr(nl + 1);
    return absl::UnavailableError(
        absl::StrCat("cannot connect to the database at ", Describe(), ": ", why));
  } catch (const std::exception& e) {
    return MapException(e);
  }
}

absl::StatusOr<Pool::Lease> Pool::Acquire() {
  absl::Time deadline = absl::Now() + options_.acquire_timeout;
  bool may_open = false;
  {
    absl::MutexLock lock(&mu_);
    auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.size;
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&ready), deadline)) {
      return absl::DeadlineExceededError("all database connections are busy");
    }
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;
    may_open = true;
  }
  if (may_open) {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Open();
    if (!conn.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      return conn.status();
    }
    return Lease(this, *std::move(conn));
  }
  return absl::InternalError("unreachable");
}

void Pool::Release(std::unique_ptr<pqxx::connection> conn) {
  absl::MutexLock lock(&mu_);
  if (conn && conn->is_open()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
}

Pool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(std::move(conn_));
}

bool Pool::Ping() {
  absl::StatusOr<Lease> lease = Acquire();
  if (!lease.ok()) return false;
  try {
    pqxx::nontransaction tx(**lease);
    tx.exec("SELECT 1");
    return true;
  } catch (const std::exception&) {
    lease->Discard();
    return false;
  }
}

}  // namespace helpdesk::db
