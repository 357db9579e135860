// IdentityStore: sessions, password changes and resets, throttling, audit.
#include <sodium.h>

#include <pqxx/pqxx>

#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "services/identity/sql.h"
#include "services/identity/store.h"

namespace helpdesk::identity {
namespace {

pqxx::binarystring Bytes(const std::string& s) { return pqxx::binarystring(s.data(), s.size()); }

double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

}  // namespace

std::string TokenHash(const std::string& token) {
  std::string hash(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(hash.data()),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hash;
}

absl::Status IdentityStore::CreateSession(const std::string& account_id,
                                          const std::string& session_id,
                                          const std::string& refresh_token, absl::Duration ttl) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kInsertSession, session_id, account_id, Bytes(TokenHash(refresh_token)),
                   Seconds(ttl));
    return absl::OkStatus();
  });
}

absl::StatusOr<IdentityStore::Rotated> IdentityStore::RotateSession(
    const std::string& refresh_token, const std::string& new_refresh_token, absl::Duration ttl) {
  const absl::Status refused = absl::UnauthenticatedError("invalid or expired refresh token");
  Rotated rotated;
  bool reused = false;
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows = tx.exec_params(
        "SELECT id::text, account_id::text, rotated_at IS NOT NULL, "
        "revoked_at IS NULL AND expires_at > now() FROM sessions WHERE refresh_hash = $1 "
        "FOR UPDATE",
        Bytes(TokenHash(refresh_token)));
    if (rows.empty()) return refused;
    rotated.account_id = rows[0][1].as<std::string>();
    if (rows[0][2].as<bool>()) {
      // A rotated token came back: it was stolen, or the client is confused.
      // Either way no session of the account can be trusted any more.
      tx.exec_params(sql::kRevokeOtherSessions, rotated.account_id, "");
      reused = true;
      return absl::OkStatus();
    }
    if (!rows[0][3].as<bool>()) return refused;
    tx.exec_params(sql::kRotateSession, rows[0][0].as<std::string>());
    rotated.session_id = ids::NewUuid();
    tx.exec_params(sql::kInsertSession, rotated.session_id, rotated.account_id,
                   Bytes(TokenHash(new_refresh_token)), Seconds(ttl));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (reused) {
    Audit("refresh_token_reused", rotated.account_id, "", "");
    return refused;
  }
  return rotated;
}

absl::Status IdentityStore::RevokeSession(const std::string& session_id) {
  if (!ids::IsUuid(session_id)) return absl::OkStatus();
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kRevokeSession, session_id);
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<std::string>> IdentityStore::RevokeSessionByRefreshToken(
    const std::string& refresh_token) {
  return db::InTransaction<std::optional<std::string>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<std::string>> {
        pqxx::result rows =
            tx.exec_params(sql::kRevokeSessionByRefreshHash, Bytes(TokenHash(refresh_token)));
        if (rows.empty()) return std::optional<std::string>();
        return std::optional<std::string>(rows[0][0].as<std::string>());
      });
}

absl::StatusOr<bool> IdentityStore::SessionAlive(const std::string& session_id) {
  if (!ids::IsUuid(session_id)) return false;
  return db::InTransaction<bool>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<bool> {
    return !tx.exec_params(sql::kSessionAlive, session_id).empty();
  });
}

absl::Status IdentityStore::ChangePassword(const std::string& account_id,
                                           const std::string& password_hash,
                                           const std::string& keep_session_id) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kSetPassword, account_id, password_hash);
    tx.exec_params(sql::kRevokeOtherSessions, account_id, keep_session_id);
    tx.exec_params(sql::kInvalidateResets, account_id);
    return absl::OkStatus();
  });
}

absl::Status IdentityStore::CreateReset(const Account& account, const std::string& token,
                                        absl::Duration ttl,
                                        events::v1::PasswordResetRequested event) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kLockAccount, account.id);
    tx.exec_params(sql::kInvalidateResets, account.id);
    tx.exec_params(sql::kInsertReset, Bytes(TokenHash(token)), account.id, account.password_version,
                   Seconds(ttl));
    return events::Enqueue(tx, event).status();
  });
}

absl::Status IdentityStore::RecordDecoyReset(const std::string& token, absl::Duration ttl) {
  // Statement for statement what CreateReset runs, on an id no account has.
  const std::string nobody = ids::NewUuid();
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kLockAccount, nobody);
    tx.exec_params(sql::kInvalidateResets, nobody);
    tx.exec_params(sql::kInsertDecoyReset, Bytes(TokenHash(token)), Seconds(ttl));
    return absl::OkStatus();
  });
}

absl::StatusOr<std::string> IdentityStore::PeekReset(const std::string& token) {
  return db::InTransaction<std::string>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::string> {
    pqxx::result rows = tx.exec_params(
        "SELECT r.account_id::text FROM password_resets r JOIN accounts a ON a.id = r.account_id "
        "WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() "
        "AND a.password_version = r.password_version AND a.active",
        Bytes(TokenHash(token)));
    if (rows.empty()) return absl::InvalidArgumentError("token: invalid or expired");
    return rows[0][0].as<std::string>();
  });
}

absl::Status IdentityStore::CompleteReset(const std::string& token,
                                          const std::string& password_hash) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result taken = tx.exec_params(sql::kTakeReset, Bytes(TokenHash(token)));
    if (taken.empty()) return absl::InvalidArgumentError("token: invalid or expired");
    std::string account_id = taken[0][0].as<std::string>();
    tx.exec_params(sql::kSetPassword, account_id, password_hash);
    tx.exec_params(sql::kRevokeOtherSessions, account_id, "");
    tx.exec_params(sql::kInvalidateResets, account_id);
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<int64_t>> IdentityStore::CountAttempt(const std::string& key,
                                                                   const Throttle& throttle) {
  return db::InTransaction<std::optional<int64_t>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<int64_t>> {
        pqxx::row r = tx.exec_params1(sql::kCountAttempt, key, Seconds(throttle.window),
                                      throttle.max_attempts, Seconds(throttle.lock));
        if (r[1].is_null()) return std::optional<int64_t>();
        return std::optional<int64_t>(std::max<int64_t>(1, r[1].as<int64_t>()));
      });
}

absl::Status IdentityStore::ClearAttempts(const std::string& key) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kClearAttempts, key);
    return absl::OkStatus();
  });
}

void IdentityStore::Audit(const std::string& event, const std::string& account_id,
                          const std::string& username, const std::string& address,
                          const std::string& detail) {
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kInsertAudit, event, account_id, username, address, detail);
    return absl::OkStatus();
  });
  if (!status.ok())
    log::Warn("audit write failed", {{"event", event}, {"error", status.ToString()}});
}

}  // namespace helpdesk::identity
