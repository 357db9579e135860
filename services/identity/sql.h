// The identity service's SQL, as named constants with $n parameters.
#pragma once

namespace helpdesk::identity::sql {

// The columns AccountFromRow reads, in order.
#define HELPDESK_ACCOUNT_COLUMNS                                                       \
  "a.id::text, a.username, a.display_name, a.role, coalesce(a.company_id::text, ''), " \
  "a.password_hash, a.password_expired, a.active AND coalesce(c.active, true), "       \
  "a.password_version, a.email, a.language, coalesce(c.name, ''), "                    \
  "coalesce(c.notification_email, ''), coalesce(c.notification_email_set, false), "    \
  "coalesce(c.vat_number, '')"

inline constexpr char kFindAccountByUsername[] =
    "SELECT " HELPDESK_ACCOUNT_COLUMNS
    " FROM accounts a LEFT JOIN companies c ON c.id = a.company_id"
    " WHERE lower(a.username) = lower($1)";

inline constexpr char kFindAccountById[] =
    "SELECT " HELPDESK_ACCOUNT_COLUMNS
    " FROM accounts a LEFT JOIN companies c ON c.id = a.company_id WHERE a.id = $1";

// Accounts of one company and/or role ('' = any), by lower-case username then
// id, after the page token's ($3, $4); $5 rows. The last column is the
// lower-case username for the next page token.
inline constexpr char kListAccounts[] =
    "SELECT " HELPDESK_ACCOUNT_COLUMNS
    ", lower(a.username)"
    " FROM accounts a LEFT JOIN companies c ON c.id = a.company_id"
    " WHERE ($1 = '' OR a.company_id::text = $1) AND ($2 = '' OR a.role = $2)"
    "   AND (lower(a.username), a.id::text) > ($3, $4)"
    " ORDER BY lower(a.username), a.id::text LIMIT $5";

inline constexpr char kUsernameTaken[] = "SELECT 1 FROM accounts WHERE lower(username) = lower($1)";

inline constexpr char kCompanyExists[] = "SELECT 1 FROM companies WHERE id = $1";

// A staff account ($5 NULL) or a company's contact.
inline constexpr char kInsertAccount[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, company_id, email, language,
                      password_hash, password_expired)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))SQL";

inline constexpr char kDisableAccount[] = "UPDATE accounts SET active = false WHERE id = $1";

inline constexpr char kExpirePassword[] =
    "UPDATE accounts SET password_expired = true WHERE id = $1";

inline constexpr char kLockAccount[] = "SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE";

inline constexpr char kUpsertStaff[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, email, password_hash)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (lower(username)) DO UPDATE
SET password_hash = EXCLUDED.password_hash, password_expired = false, active = true,
    password_version = accounts.password_version + 1
RETURNING id::text)SQL";

// What AccountChanged carries.
inline constexpr char kAccountForEvent[] = R"SQL(
SELECT username, display_name, role, coalesce(company_id::text, ''), email, language, active
FROM accounts WHERE id = $1)SQL";

inline constexpr char kSetPassword[] = R"SQL(
UPDATE accounts SET password_hash = $2, password_expired = false,
                    password_version = password_version + 1
WHERE id = $1)SQL";

inline constexpr char kCompanyByVat[] = "SELECT id::text FROM companies WHERE vat_number = $1";

inline constexpr char kInsertCompany[] = R"SQL(
INSERT INTO companies (id, name, vat_number, notification_email, language, hourly_rate_cents,
                       urgent_call_fee_cents, calendar)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))SQL";

inline constexpr char kInsertCompanyAccount[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, company_id, email, language,
                      password_hash, password_expired)
VALUES ($1, $2, $3, 'CUSTOMER', $4, $5, $6, $7, true))SQL";

// The columns CompanyFromRow reads, in order.
#define HELPDESK_COMPANY_COLUMNS                                                       \
  "id::text, name, vat_number, notification_email, notification_email_set, language, " \
  "hourly_rate_cents, urgent_call_fee_cents, calendar, active, "                       \
  "(extract(epoch FROM created_at) * 1000000)::bigint"

inline constexpr char kSelectCompany[] =
    "SELECT " HELPDESK_COMPANY_COLUMNS " FROM companies WHERE id = $1";

inline constexpr char kListCompanies[] =
    "SELECT " HELPDESK_COMPANY_COLUMNS
    " FROM companies"
    " WHERE ($1 = '' OR name ILIKE '%' || $1 || '%' OR vat_number = $1)"
    "   AND (name, id::text) > ($2, $3)"
    " ORDER BY name, id LIMIT $4";

inline constexpr char kUpdateCompany[] = R"SQL(
UPDATE companies SET
  name = coalesce($2, name),
  notification_email = coalesce($3, notification_email),
  active = coalesce($4, active),
  hourly_rate_cents = coalesce($5, hourly_rate_cents),
  urgent_call_fee_cents = coalesce($6, urgent_call_fee_cents),
  calendar = coalesce($7, calendar)
WHERE id = $1)SQL";

inline constexpr char kSetNotificationEmail[] = R"SQL(
UPDATE companies SET notification_email = $2, notification_email_set = true WHERE id = $1)SQL";

inline constexpr char kInsertSession[] = R"SQL(
INSERT INTO sessions (id, account_id, refresh_hash, expires_at)
VALUES ($1, $2, $3, now() + make_interval(secs => $4)))SQL";

inline constexpr char kRotateSession[] = R"SQL(
UPDATE sessions SET rotated_at = now(), revoked_at = now() WHERE id = $1)SQL";

inline constexpr char kRevokeSession[] =
    "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

inline constexpr char kRevokeOtherSessions[] = R"SQL(
UPDATE sessions SET revoked_at = now()
WHERE account_id = $1 AND revoked_at IS NULL AND id::text <> $2)SQL";

// The account of a live session with this refresh token hash, now revoked.
inline constexpr char kRevokeSessionByRefreshHash[] = R"SQL(
UPDATE sessions SET revoked_at = now()
WHERE refresh_hash = $1 AND revoked_at IS NULL AND expires_at > now()
RETURNING account_id::text)SQL";

inline constexpr char kSessionAlive[] = R"SQL(
SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now())SQL";

// Counts one attempt for a key; $2 window and $4 lock in seconds, $3 the
// attempts allowed per window. Returns the attempts in the window and the
// lock's end, if locked.
inline constexpr char kCountAttempt[] = R"SQL(
INSERT INTO login_throttle AS t (key, attempts, window_started_at) VALUES ($1, 1, now())
ON CONFLICT (key) DO UPDATE SET
  attempts = CASE WHEN t.window_started_at < now() - make_interval(secs => $2)
                  THEN 1 ELSE t.attempts + 1 END,
  window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $2)
                           THEN now() ELSE t.window_started_at END,
  locked_until = CASE
    WHEN t.locked_until > now() THEN t.locked_until
    WHEN t.window_started_at >= now() - make_interval(secs => $2) AND t.attempts + 1 > $3
      THEN now() + make_interval(secs => $4)
    ELSE NULL END
RETURNING attempts, ceil(extract(epoch FROM (locked_until - now())))::bigint)SQL";

inline constexpr char kClearAttempts[] = "DELETE FROM login_throttle WHERE key = $1";

inline constexpr char kInsertAudit[] = R"SQL(
INSERT INTO audit_events (event, account_id, username, address, detail)
VALUES ($1, $2, $3, $4, $5))SQL";

inline constexpr char kInvalidateResets[] = R"SQL(
UPDATE password_resets SET used_at = now() WHERE account_id = $1 AND used_at IS NULL)SQL";

inline constexpr char kInsertReset[] = R"SQL(
INSERT INTO password_resets (token_hash, account_id, password_version, expires_at)
VALUES ($1, $2, $3, now() + make_interval(secs => $4)))SQL";

// What ForgotPassword writes for an unknown username, so that both answers
// cost the same (store.h, RecordDecoyReset): a row like a reset's, for no
// account and already used, so it can never be taken.
inline constexpr char kInsertDecoyReset[] = R"SQL(
INSERT INTO password_resets (token_hash, account_id, password_version, expires_at, used_at)
VALUES ($1, NULL, 0, now() + make_interval(secs => $2), now()))SQL";

inline constexpr char kTakeReset[] = R"SQL(
UPDATE password_resets r SET used_at = now()
FROM accounts a
WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
  AND a.id = r.account_id AND a.password_version = r.password_version AND a.active
RETURNING r.account_id::text)SQL";

}  // namespace helpdesk::identity::sql
