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

inline constexpr char kInsertTicket[] = R"SQL(
INSERT INTO tickets (id, company_id, progressive, subject, priority, scope, topic, status, channel,
                     urgent_on_site, published_by_id, published_by_name, published_by_role)
VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), 'OPEN', $8, $9, $10, $11, $12)
RETURNING number, (extract(epoch FROM created_at) * 1000000)::bigint)SQL";

inline constexpr char kInsertMessage[] = R"SQL(
INSERT INTO messages (id, ticket_id, author_id, author_name, author_role, internal, note)
VALUES ($1, $2, $3, $4, $5, $6, $7))SQL";

inline constexpr char kInsertHistory[] = R"SQL(
INSERT INTO ticket_history (ticket_id, actor_id, actor_name, actor_role, what, from_value, to_value, internal)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))SQL";

// The columns TicketFromRow reads, in order.
inline constexpr char kSelectTicket[] = R"SQL(
SELECT t.id::text, t.number, t.progressive, t.subject, t.company_id, coalesce(c.name, ''),
       t.priority, t.scope, s.name, coalesce(t.topic, ''), coalesce(tp.name, ''), t.status,
       t.channel, t.urgent_on_site, t.published_by_id, t.published_by_name, t.published_by_role,
       coalesce(t.assignee_id, ''), coalesce(t.assignee_name, ''), coalesce(t.assignee_role, ''),
       (extract(epoch FROM t.created_at) * 1000000)::bigint,
       (extract(epoch FROM t.taken_at) * 1000000)::bigint,
       (extract(epoch FROM t.sla_due_at) * 1000000)::bigint,
       (extract(epoch FROM t.on_site_due_at) * 1000000)::bigint,
       (extract(epoch FROM t.closed_at) * 1000000)::bigint
FROM tickets t
JOIN scopes s ON s.code = t.scope
LEFT JOIN topics tp ON tp.code = t.topic
LEFT JOIN companies c ON c.id = t.company_id
WHERE t.id = $1)SQL";

inline constexpr char kSelectCompany[] =
    "SELECT name, active, notification_email_set FROM companies WHERE id = $1";

// Also used by the CompanyChanged handler; an event never moves the
// notification e-mail flag back once a synchronous check has seen it set.
inline constexpr char kUpsertCompany[] = R"SQL(
INSERT INTO companies (id, name, active, notification_email_set) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE
SET name = EXCLUDED.name, active = EXCLUDED.active,
    notification_email_set = companies.notification_email_set OR EXCLUDED.notification_email_set)SQL";

}  // namespace helpdesk::ticket::sql
