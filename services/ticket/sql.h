// The ticket service's SQL, as named constants with $n parameters.
#pragma once

#include "libs/events/outbox.h"

namespace helpdesk::ticket::sql {

// Creation, first statement: the company's gapless progressive (its counter
// row stays locked until the commit), the service's copy of the company ($1;
// NULLs when it has none), the catalog entries named ($2 scope, $3 topic, ''
// for none; NULLs when unknown or retired), and the ticket's number — taken
// from the sequence only when the creation is going to go on ($4: the
// caller is staff, who need an active company; customers need their
// notification e-mail set), so refused requests use up no number.
// TicketStore::Create checks the same rules to name what is wrong.
inline constexpr char kCreationFacts[] = R"SQL(
WITH counter AS (
  INSERT INTO company_counters (company_id, last_progressive) VALUES ($1, 1)
  ON CONFLICT (company_id) DO UPDATE SET last_progressive = company_counters.last_progressive + 1
  RETURNING last_progressive),
facts AS (
  SELECT c.name AS company_name, c.active, c.notification_email_set, c.calendar,
         s.name AS scope_name,
         EXISTS (SELECT 1 FROM topics x WHERE x.scope = s.code AND x.active) AS scope_has_topics,
         tp.scope AS topic_scope, tp.active AS topic_active, tp.name AS topic_name
  FROM (SELECT 1) one
  LEFT JOIN companies c ON c.id = $1
  LEFT JOIN scopes s ON s.code = $2 AND s.active
  LEFT JOIN topics tp ON tp.code = $3)
SELECT counter.last_progressive,
       CASE WHEN company_name IS NOT NULL
             AND CASE WHEN $4 THEN active ELSE notification_email_set END
             AND scope_name IS NOT NULL
             AND CASE WHEN $3 = '' THEN NOT scope_has_topics
                      ELSE topic_scope IS NOT DISTINCT FROM $2 AND topic_active END
            THEN nextval('ticket_numbers') END,
       company_name, active, notification_email_set, calendar,
       scope_name, scope_has_topics, topic_scope, topic_active, topic_name
FROM counter, facts)SQL";

// Creation, second statement: the ticket, its opening message (with its
// attachments, $19 '' for none), its history entry and its TicketCreated
// event. $14 created_at, $15 sla_due_at, $16 on_site_due_at (NULL unless
// urgent): µs since the epoch, so the stored instants are exactly those
// computed; $17 the calendar they were counted on.
inline constexpr char kInsertCreated[] = R"SQL(
WITH ticket AS (
  INSERT INTO tickets (id, number, company_id, progressive, subject, priority, scope, topic, status,
                       channel, urgent_on_site, published_by_id, published_by_name,
                       published_by_role, created_at, sla_due_at, on_site_due_at, calendar)
  VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), 'OPEN', $9, $10, $11, $12, $13,
          timestamptz 'epoch' + $14 * interval '1 microsecond',
          timestamptz 'epoch' + $15 * interval '1 microsecond',
          timestamptz 'epoch' + $16 * interval '1 microsecond', $17)
  RETURNING id),
message AS (
  INSERT INTO messages (id, ticket_id, author_id, author_name, author_role, internal, note,
                        attachments)
  SELECT CAST($18 AS uuid), id, $11, $12, $13, false, $20, CAST(NULLIF($19, '') AS jsonb)
  FROM ticket),
history AS (
  INSERT INTO ticket_history (ticket_id, actor_id, actor_name, actor_role, what, from_value,
                              to_value, internal)
  SELECT id, $11, $12, $13, 'created', '', 'OPEN', false FROM ticket),
)SQL" HELPDESK_OUTBOX_CTE("$21", "$22", "$23", "ticket");

inline constexpr char kInsertMessage[] = R"SQL(
INSERT INTO messages (id, ticket_id, author_id, author_name, author_role, internal, note)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING (extract(epoch FROM created_at) * 1000000)::bigint)SQL";

inline constexpr char kInsertHistory[] = R"SQL(
INSERT INTO ticket_history (ticket_id, actor_id, actor_name, actor_role, what, from_value, to_value, internal)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))SQL";

// The columns TicketFromRow reads, in order.
#define HELPDESK_TICKET_SELECT                                                                    \
  "SELECT t.id::text, t.number, t.progressive, t.subject, t.company_id, coalesce(c.name, ''), "   \
  "       t.priority, t.scope, s.name, coalesce(t.topic, ''), coalesce(tp.name, ''), t.status, "  \
  "       t.channel, t.urgent_on_site, t.published_by_id, t.published_by_name, "                  \
  "t.published_by_role, "                                                                         \
  "       coalesce(t.assignee_id, ''), coalesce(t.assignee_name, ''), coalesce(t.assignee_role, " \
  "''), "                                                                                         \
  "       (extract(epoch FROM t.created_at) * 1000000)::bigint, "                                 \
  "       (extract(epoch FROM t.taken_at) * 1000000)::bigint, "                                   \
  "       (extract(epoch FROM t.sla_due_at) * 1000000)::bigint, "                                 \
  "       (extract(epoch FROM t.on_site_due_at) * 1000000)::bigint, "                             \
  "       (extract(epoch FROM t.closed_at) * 1000000)::bigint, "                                  \
  "       t.calendar AS sla_calendar "                                                            \
  "FROM tickets t "                                                                               \
  "JOIN scopes s ON s.code = t.scope "                                                            \
  "LEFT JOIN topics tp ON tp.code = t.topic "                                                     \
  "LEFT JOIN companies c ON c.id = t.company_id "

inline constexpr char kSelectTicket[] = HELPDESK_TICKET_SELECT " WHERE t.id = $1";
inline constexpr char kLockTicket[] = HELPDESK_TICKET_SELECT " WHERE t.id = $1 FOR UPDATE OF t";

// Newest first, with keyset pagination after ($9 µs since the epoch, $10 id).
// Empty filters match everything; $11 is whether internal notes count for
// the search (staff).
inline constexpr char kListTickets[] = HELPDESK_TICKET_SELECT R"SQL(
WHERE ($1 = '' OR t.company_id = $1)
  AND ($2 = '' OR t.status = $2)
  AND ($3 = '' OR t.scope = $3)
  AND ($4 = '' OR t.priority = $4)
  AND ($5 = '' OR t.assignee_id = $5)
  AND (NOT $6 OR t.assignee_id IS NULL)
  AND ($7 = '' OR t.search @@ plainto_tsquery('italian', $7)
       OR EXISTS (SELECT 1 FROM messages m
                  WHERE m.ticket_id = t.id AND (NOT m.internal OR $11)
                    AND m.search @@ plainto_tsquery('italian', $7)))
  AND ($8 = '' OR (t.created_at, t.id) <
                  (timestamptz 'epoch' + $9 * interval '1 microsecond', $10::uuid))
ORDER BY t.created_at DESC, t.id DESC
LIMIT $12)SQL";

// The take-in-charge queue (orderBy=slaDue): OPEN tickets, the soonest due
// first (a due that never comes last), keyset after ($7 due as a timestamptz
// literal or 'infinity', $8 id) when $9 is not empty; filters as above, $10
// staff, $11 limit. Served by the partial index tickets_open_sla_due.
inline constexpr char kListBySlaDue[] = HELPDESK_TICKET_SELECT R"SQL(
WHERE t.status = 'OPEN'
  AND ($1 = '' OR t.company_id = $1)
  AND ($2 = '' OR t.scope = $2)
  AND ($3 = '' OR t.priority = $3)
  AND ($4 = '' OR t.assignee_id = $4)
  AND (NOT $5 OR t.assignee_id IS NULL)
  AND ($6 = '' OR t.search @@ plainto_tsquery('italian', $6)
       OR EXISTS (SELECT 1 FROM messages m
                  WHERE m.ticket_id = t.id AND (NOT m.internal OR $10)
                    AND m.search @@ plainto_tsquery('italian', $6)))
  AND ($9 = '' OR (coalesce(t.sla_due_at, 'infinity'::timestamptz), t.id) >
                  ($7::timestamptz, $8::uuid))
ORDER BY coalesce(t.sla_due_at, 'infinity'::timestamptz), t.id
LIMIT $11)SQL";

// Prepared on every connection (PreparedStatements()): a company's newest
// tickets, first page and after a keyset position.
inline constexpr char kListCompanyNewestName[] = "list_company_newest";
inline constexpr char kListCompanyNewest[] = HELPDESK_TICKET_SELECT
    " WHERE t.company_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT $2";
inline constexpr char kListCompanyAfterName[] = "list_company_after";
inline constexpr char kListCompanyAfter[] = HELPDESK_TICKET_SELECT
    " WHERE t.company_id = $1 AND (t.created_at, t.id) <"
    " (timestamptz 'epoch' + $2 * interval '1 microsecond', $3::uuid)"
    " ORDER BY t.created_at DESC, t.id DESC LIMIT $4";

inline constexpr char kSetStatus[] = R"SQL(
UPDATE tickets SET status = $2,
                   closed_at = CASE WHEN $2 = 'CLOSED' THEN now() ELSE NULL END
WHERE id = $1)SQL";

inline constexpr char kTake[] = R"SQL(
UPDATE tickets SET status = 'IN_PROGRESS', taken_at = coalesce(taken_at, now()),
                   assignee_id = $2, assignee_name = $3, assignee_role = $4
WHERE id = $1
RETURNING (extract(epoch FROM taken_at) * 1000000)::bigint)SQL";

inline constexpr char kAssign[] = R"SQL(
UPDATE tickets SET assignee_id = $2, assignee_name = $3, assignee_role = $4 WHERE id = $1)SQL";

inline constexpr char kSetPriority[] = R"SQL(
UPDATE tickets SET priority = $2, sla_due_at = timestamptz 'epoch' + $3 * interval '1 microsecond'
WHERE id = $1)SQL";

inline constexpr char kSetMessageAttachments[] = R"SQL(
UPDATE messages SET attachments = $2::jsonb WHERE id = $1)SQL";

inline constexpr char kListMessages[] = R"SQL(
SELECT id::text, author_id, author_name, author_role, internal, note,
       (extract(epoch FROM created_at) * 1000000)::bigint, coalesce(attachments::text, '')
FROM messages WHERE ticket_id = $1 AND (NOT internal OR $2)
ORDER BY created_at, id)SQL";

inline constexpr char kListHistory[] = R"SQL(
SELECT (extract(epoch FROM at) * 1000000)::bigint, actor_id, actor_name, actor_role, what,
       from_value, to_value
FROM ticket_history WHERE ticket_id = $1 AND (NOT internal OR $2) ORDER BY id)SQL";

inline constexpr char kClaimIdempotencyKey[] = R"SQL(
INSERT INTO idempotency_keys (account_id, key, ticket_id) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING)SQL";

inline constexpr char kFindIdempotencyKey[] =
    "SELECT ticket_id::text FROM idempotency_keys WHERE account_id = $1 AND key = $2";

inline constexpr char kSelectCompany[] =
    "SELECT name, active, notification_email_set FROM companies WHERE id = $1";

// Also used by the CompanyChanged handler; an event never moves the
// notification e-mail flag back once a synchronous check has seen it set.
// $5 the company's calendar ('' keeps the one known).
inline constexpr char kUpsertCompany[] = R"SQL(
INSERT INTO companies (id, name, active, notification_email_set, calendar)
VALUES ($1, $2, $3, $4, coalesce(NULLIF($5, ''), 'default'))
ON CONFLICT (id) DO UPDATE
SET name = EXCLUDED.name, active = EXCLUDED.active,
    notification_email_set = companies.notification_email_set OR EXCLUDED.notification_email_set,
    calendar = CASE WHEN $5 = '' THEN companies.calendar ELSE EXCLUDED.calendar END)SQL";

// $1: retired scopes and topics too.
inline constexpr char kListCatalog[] = R"SQL(
SELECT s.code, s.name, s.active, t.code, t.name, t.active
FROM scopes s LEFT JOIN topics t ON t.scope = s.code AND ($1 OR t.active)
WHERE $1 OR s.active
ORDER BY s.sort, s.code, t.sort, t.code)SQL";

// From CompanyChanged: the contract too ($7 its calendar, '' for the
// default one).
inline constexpr char kUpsertCompanyFromEvent[] = R"SQL(
INSERT INTO companies (id, name, active, notification_email_set, hourly_rate_cents,
                       urgent_call_fee_cents, calendar)
VALUES ($1, $2, $3, $4, $5, $6, coalesce(NULLIF($7, ''), 'default'))
ON CONFLICT (id) DO UPDATE
SET name = EXCLUDED.name, active = EXCLUDED.active,
    notification_email_set = companies.notification_email_set OR EXCLUDED.notification_email_set,
    hourly_rate_cents = EXCLUDED.hourly_rate_cents,
    urgent_call_fee_cents = EXCLUDED.urgent_call_fee_cents,
    calendar = EXCLUDED.calendar)SQL";

inline constexpr char kTicketCalendar[] = "SELECT calendar FROM tickets WHERE id = $1";

// The sla service's calendar definitions (base64 of sla.v1.Calendar).
inline constexpr char kListCalendars[] = "SELECT definition FROM calendars ORDER BY name";
inline constexpr char kUpsertCalendar[] = R"SQL(
INSERT INTO calendars (name, definition) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now())SQL";

// The consultant's entries overlapping [$2, $3).
// Serialises one consultant's work-log writes (their entries never overlap).
inline constexpr char kLockConsultantWorkLog[] = "SELECT pg_advisory_xact_lock(hashtext($1))";

inline constexpr char kWorkLogOverlap[] = R"SQL(
SELECT 1 FROM worklog_entries
WHERE consultant_id = $1 AND start_at < $3::timestamptz AND end_at > $2::timestamptz LIMIT 1)SQL";

inline constexpr char kInsertWorkLog[] = R"SQL(
INSERT INTO worklog_entries (id, ticket_id, consultant_id, consultant_name, consultant_role,
                             service_type, start_at, end_at, on_site, description)
VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9, $10))SQL";

// The columns WorkLogFromRow reads.
#define HELPDESK_WORKLOG_SELECT                                                  \
  "SELECT w.id::text, w.ticket_id::text, w.service_type, "                       \
  "(extract(epoch FROM w.start_at) * 1000000)::bigint, "                         \
  "(extract(epoch FROM w.end_at) * 1000000)::bigint, w.on_site, w.description, " \
  "w.consultant_id, w.consultant_name, w.consultant_role FROM worklog_entries w "

// The entry, locked, if it is on the ticket $2.
inline constexpr char kLockWorkLogEntry[] =
    HELPDESK_WORKLOG_SELECT "WHERE w.id = $1 AND w.ticket_id = $2 FOR UPDATE OF w";

// Another entry ($4) of the consultant in the interval.
inline constexpr char kWorkLogOverlapOther[] = R"SQL(
SELECT 1 FROM worklog_entries
WHERE consultant_id = $1 AND start_at < $3::timestamptz AND end_at > $2::timestamptz
  AND id <> $4::uuid LIMIT 1)SQL";

inline constexpr char kUpdateWorkLog[] = R"SQL(
UPDATE worklog_entries SET service_type = $2, start_at = $3::timestamptz, end_at = $4::timestamptz,
                           on_site = $5, description = $6
WHERE id = $1)SQL";

inline constexpr char kDeleteWorkLog[] = "DELETE FROM worklog_entries WHERE id = $1";

// Months closed for billing (0021_billing_months.sql). A work-log write
// holds its company's row FOR KEY SHARE while it checks the months; closing
// takes it FOR UPDATE, so the two never overlap (and the company's contract
// may still change meanwhile: an upsert takes FOR NO KEY UPDATE).
inline constexpr char kLockCompanyForWorkLog[] =
    "SELECT 1 FROM companies WHERE id = $1 FOR KEY SHARE";
inline constexpr char kLockCompanyForClosing[] = "SELECT 1 FROM companies WHERE id = $1 FOR UPDATE";
inline constexpr char kBillingMonthClosed[] =
    "SELECT 1 FROM billing_closed_months WHERE company_id = $1 AND month = $2";
// Idempotent: closing again keeps the first closing.
inline constexpr char kCloseBillingMonth[] = R"SQL(
INSERT INTO billing_closed_months (company_id, month, closed_by_id, closed_by_name, closed_by_role)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (company_id, month) DO NOTHING)SQL";
inline constexpr char kBillingMonthClosure[] = R"SQL(
SELECT (extract(epoch FROM closed_at) * 1000000)::bigint, closed_by_id, closed_by_name,
       closed_by_role
FROM billing_closed_months WHERE company_id = $1 AND month = $2)SQL";

inline constexpr char kListWorkLog[] =
    HELPDESK_WORKLOG_SELECT "WHERE w.ticket_id = $1 ORDER BY w.start_at, w.id";

// A company's entries starting in [$2, $3), with their ticket's number and
// urgency, by ticket then start.
inline constexpr char kBillingEntries[] = HELPDESK_WORKLOG_SELECT R"SQL(
JOIN tickets t ON t.id = w.ticket_id
WHERE t.company_id = $1 AND w.start_at >= $2::timestamptz AND w.start_at < $3::timestamptz
ORDER BY t.number, w.start_at, w.id)SQL";

// A company's urgent on-site tickets created in [$2, $3): each carries the
// urgent-call fee in its creation month.
inline constexpr char kUrgentTickets[] = R"SQL(
SELECT id::text, number FROM tickets
WHERE company_id = $1 AND urgent_on_site AND created_at >= $2::timestamptz
  AND created_at < $3::timestamptz)SQL";

inline constexpr char kTicketNumber[] = "SELECT number FROM tickets WHERE id = $1";

inline constexpr char kCompanyContract[] =
    "SELECT hourly_rate_cents, urgent_call_fee_cents FROM companies WHERE id = $1";

// The catalog, for administrators (catalog.cc). A code is unique across
// scopes and topics together.
inline constexpr char kCatalogCodeTaken[] = R"SQL(
SELECT EXISTS (SELECT 1 FROM scopes WHERE code = $1)
    OR EXISTS (SELECT 1 FROM topics WHERE code = $1))SQL";

inline constexpr char kInsertScope[] = R"SQL(
INSERT INTO scopes (code, name, sort)
VALUES ($1, $2, (SELECT coalesce(max(sort), 0) + 1 FROM scopes)))SQL";

inline constexpr char kLockScope[] = "SELECT name, active FROM scopes WHERE code = $1 FOR UPDATE";

inline constexpr char kUpdateScope[] = "UPDATE scopes SET name = $2, active = $3 WHERE code = $1";

// A scope with all its topics, retired ones too.
inline constexpr char kSelectScope[] = R"SQL(
SELECT s.code, s.name, s.active, t.code, t.name, t.active
FROM scopes s LEFT JOIN topics t ON t.scope = s.code
WHERE s.code = $1
ORDER BY t.sort, t.code)SQL";

inline constexpr char kInsertTopic[] = R"SQL(
INSERT INTO topics (code, scope, name, sort)
VALUES ($1, $2, $3, (SELECT coalesce(max(sort), 0) + 1 FROM topics WHERE scope = $2)))SQL";

inline constexpr char kLockTopic[] =
    "SELECT scope, name, active FROM topics WHERE code = $1 FOR UPDATE";

inline constexpr char kUpdateTopic[] = "UPDATE topics SET name = $2, active = $3 WHERE code = $1";

inline constexpr char kInsertCatalogHistory[] = R"SQL(
INSERT INTO catalog_history (actor_id, actor_name, actor_role, kind, code, what, from_value,
                             to_value)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))SQL";

}  // namespace helpdesk::ticket::sql
