// The notification service's SQL, as named constants with $n parameters.
#pragma once

namespace helpdesk::notification::sql {

// --- local copies (directory.cc) --------------------------------------------

inline constexpr char kUpsertCompany[] = R"SQL(
INSERT INTO companies (id, name, vat_number, notification_email, language, active, version_us)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, vat_number = excluded.vat_number,
  notification_email = excluded.notification_email, language = excluded.language,
  active = excluded.active, version_us = excluded.version_us
WHERE companies.version_us <= excluded.version_us)SQL";

inline constexpr char kUpsertAccount[] = R"SQL(
INSERT INTO accounts (id, username, display_name, role, company_id, email, language, active,
                      version_us)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO UPDATE SET username = excluded.username,
  display_name = excluded.display_name, role = excluded.role, company_id = excluded.company_id,
  email = excluded.email, language = excluded.language, active = excluded.active,
  version_us = excluded.version_us
WHERE accounts.version_us <= excluded.version_us)SQL";

// Number, subject and company of a ticket; an empty published_by or
// assignee leaves the one known.
inline constexpr char kUpsertTicket[] = R"SQL(
INSERT INTO tickets (id, number, subject, company_id, published_by_id, assignee_id)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET
  number = CASE WHEN excluded.number > 0 THEN excluded.number ELSE tickets.number END,
  subject = CASE WHEN excluded.subject <> '' THEN excluded.subject ELSE tickets.subject END,
  company_id = CASE WHEN excluded.company_id <> '' THEN excluded.company_id
                    ELSE tickets.company_id END,
  published_by_id = CASE WHEN excluded.published_by_id <> '' THEN excluded.published_by_id
                         ELSE tickets.published_by_id END,
  assignee_id = CASE WHEN excluded.assignee_id <> '' THEN excluded.assignee_id
                     ELSE tickets.assignee_id END)SQL";

inline constexpr char kFindCompany[] = R"SQL(
SELECT id, name, vat_number, notification_email, language, active
FROM companies WHERE id = $1)SQL";

inline constexpr char kFindAccount[] = R"SQL(
SELECT id, username, display_name, role, company_id, email, language, active
FROM accounts WHERE id = $1)SQL";

inline constexpr char kFindTicket[] = R"SQL(
SELECT id, number, subject, company_id, published_by_id, assignee_id
FROM tickets WHERE id = $1)SQL";

// --- deliveries (delivery_store.cc) ------------------------------------------

// The insert and the worker's wake-up, which PostgreSQL delivers only when
// (and if) the consumer's transaction commits.
inline constexpr char kInsertDelivery[] = R"SQL(
WITH inserted AS (
  INSERT INTO deliveries (id, event_id, kind, ticket_id, recipient, language, subject,
                          body_text, body_html, message_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (event_id, kind, recipient) DO NOTHING
  RETURNING 1
)
SELECT pg_notify('helpdesk_deliveries_' || current_schema(), '') FROM inserted)SQL";

// Claims the oldest due delivery: SENDING with a lease, one more attempt.
inline constexpr char kClaimNext[] = R"SQL(
UPDATE deliveries d
SET status = 'SENDING', attempts = d.attempts + 1,
    lease_until = now() + make_interval(secs => $1)
FROM (SELECT id FROM deliveries
      WHERE status = 'QUEUED' AND next_attempt_at <= now()
      ORDER BY next_attempt_at, created_at LIMIT 1
      FOR UPDATE SKIP LOCKED) due
WHERE d.id = due.id
RETURNING d.id::text, d.kind, d.ticket_id, d.recipient, d.subject, d.body_text, d.body_html,
          d.message_id, d.attempts)SQL";

// The outcome of an attempt, written only by the worker that still holds
// the claim (same attempt number, still SENDING). Password-reset bodies hold
// a single-use link: they are dropped once the delivery is final.
inline constexpr char kMarkSent[] = R"SQL(
UPDATE deliveries
SET status = 'SENT', sent_at = now(), lease_until = NULL,
    body_text = CASE WHEN kind = 'password_reset' THEN '' ELSE body_text END,
    body_html = CASE WHEN kind = 'password_reset' THEN '' ELSE body_html END
WHERE id = $1 AND status = 'SENDING' AND attempts = $2)SQL";

inline constexpr char kMarkRetry[] = R"SQL(
UPDATE deliveries
SET status = 'QUEUED', lease_until = NULL, last_error = $3,
    next_attempt_at = now() + make_interval(secs => $4)
WHERE id = $1 AND status = 'SENDING' AND attempts = $2)SQL";

inline constexpr char kMarkFailed[] = R"SQL(
UPDATE deliveries
SET status = 'FAILED', lease_until = NULL, last_error = $3,
    body_text = CASE WHEN kind = 'password_reset' THEN '' ELSE body_text END,
    body_html = CASE WHEN kind = 'password_reset' THEN '' ELSE body_html END
WHERE id = $1 AND status = 'SENDING' AND attempts = $2)SQL";

// SENDING rows whose worker died or lost its lease. Whether the server got
// the message cannot be known: the first time, the delivery is sent again
// with the same Message-ID; the second time it is FAILED, not sent a third
// time (docs/notifications.md).
inline constexpr char kRecoverExpired[] = R"SQL(
UPDATE deliveries
SET status = CASE WHEN interruptions = 0 THEN 'QUEUED' ELSE 'FAILED' END,
    interruptions = interruptions + 1, lease_until = NULL, next_attempt_at = now(),
    last_error = CASE WHEN interruptions = 0
      THEN 'interrupted while sending (attempt ' || attempts || '); sent again with the same Message-ID'
      ELSE 'interrupted twice while sending; not sent again (it may have been delivered)' END
WHERE status = 'SENDING' AND lease_until < now()
RETURNING id::text, status, recipient, kind)SQL";

inline constexpr char kPending[] = R"SQL(
SELECT count(*) FILTER (WHERE status = 'QUEUED'),
       count(*) FILTER (WHERE status = 'SENDING'),
       extract(epoch FROM least(min(next_attempt_at) FILTER (WHERE status = 'QUEUED'),
                                min(lease_until) FILTER (WHERE status = 'SENDING')) - now())
FROM deliveries WHERE status IN ('QUEUED', 'SENDING'))SQL";

inline constexpr char kListForTicket[] = R"SQL(
SELECT id::text, ticket_id, kind, recipient, status, attempts, last_error,
       (extract(epoch FROM created_at) * 1000000)::bigint,
       (extract(epoch FROM sent_at) * 1000000)::bigint,
       message_id,
       (extract(epoch FROM next_attempt_at) * 1000000)::bigint,
       language, subject
FROM deliveries WHERE ticket_id = $1 ORDER BY created_at, id)SQL";

}  // namespace helpdesk::notification::sql
