// The ticket service's SQL, as named constants with $n parameters.
#pragma once

namespace helpdesk::ticket::sql {

// $1 scope, $2 topic ('' for none) → scope name, whether the scope has active
// topics, the topic's scope and name (NULL when unknown).
inline constexpr char kCheckCatalog[] = R"SQL(
SELECT s.name,
       EXISTS (SELECT 1 FROM topics x WHERE x.scope = s.code AND x.active),
       t.scope, t.active
FROM scopes s LEFT JOIN topics t ON t.code = $2
WHERE s.code = $1 AND s.active)SQL";

inline constexpr char kNextProgressive[] = R"SQL(
INSERT INTO company_counters (company_id, last_progressive) VALUES ($1, 1)
ON CONFLICT (company_id) DO UPDATE SET last_progressive = company_counters.last_progressive + 1
RETURNING last_progressive)SQL";

// $13 created_at, $14 sla_due_at, $15 on_site_due_at (NULL unless urgent):
// µs since the epoch, so the stored instants are exactly those computed;
// $16 the calendar they were counted on.
inline constexpr char kInsertTicket[] = R"SQL(
INSERT INTO tickets (id, company_id, progressive, subject, priority, scope, topic, status, channel,
                     urgent_on_site, published_by_id, published_by_name, published_by_role,
                     created_at, sla_due_at, on_site_due_at, calendar)
VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), 'OPEN', $8, $9, $10, $11, $12,
        timestamptz 'epoch' + $13 * interval '1 microsecond',
        timestamptz 'epoch' + $14 * interval '1 microsecond',
        timestamptz 'epoch' + $15 * interval '1 microsecond', $16)
RETURNING number, (extract(epoch FROM created_at) * 1000000)::bigint)SQL";

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

// The calendar a company's new tickets are counted on.
inline constexpr char kCompanyCalendar[] = "SELECT calendar FROM companies WHERE id = $1";
inline constexpr char kTicketCalendar[] = "SELECT calendar FROM tickets WHERE id = $1";

// The sla service's calendar definitions (base64 of sla.v1.Calendar).
inline constexpr char kListCalendars[] = "SELECT definition FROM calendars ORDER BY name";
inline constexpr char kUpsertCalendar[] = R"SQL(
INSERT INTO calendars (name, definition) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now())SQL";

// The consultant's entries overlapping [$2, $3).
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
