// The sla service's SQL, as named constants with $n parameters. Instants
// and durations cross the boundary as microseconds (bigint, NULL for
// "never"), converted by the macros below.
#pragma once

#define HELPDESK_SLA_US(expr) "(extract(epoch FROM " expr ") * 1000000)::bigint"
#define HELPDESK_SLA_TS(param) \
  "(timestamptz 'epoch' + " param "::bigint * interval '1 microsecond')"
#define HELPDESK_SLA_IV(param) "(" param "::bigint * interval '1 microsecond')"

namespace helpdesk::sla::sql {

// ---- calendars (calendar_rows.cc) ----
inline constexpr char kSelectCalendars[] =
    "SELECT c.name, c.time_zone, c.national_holidays, c.revision, "
    HELPDESK_SLA_US("p.high") ", " HELPDESK_SLA_US("p.medium") ", " HELPDESK_SLA_US("p.low") ", "
    HELPDESK_SLA_US("p.urgent_on_site") ", p.warning_fraction, " HELPDESK_SLA_US("p.resolution") " "
    "FROM calendars c LEFT JOIN sla_policies p ON p.calendar = c.name ORDER BY c.name";
inline constexpr char kSelectWindows[] =
    "SELECT calendar, weekday, start_minute, end_minute FROM calendar_windows "
    "ORDER BY calendar, position";
inline constexpr char kSelectClosures[] =
    "SELECT calendar, extract(year FROM day)::int, extract(month FROM day)::int, "
    "extract(day FROM day)::int, name FROM calendar_closures ORDER BY calendar, position";
inline constexpr char kSelectLocalHolidays[] =
    "SELECT calendar, name, month, day, first_year, last_year FROM calendar_local_holidays "
    "ORDER BY calendar, position";
inline constexpr char kSelectCalendarRevisions[] = "SELECT name, revision FROM calendars";

inline constexpr char kUpsertCalendar[] = R"SQL(
INSERT INTO calendars (name, time_zone, national_holidays) VALUES ($1, $2, $3)
ON CONFLICT (name) DO UPDATE
  SET time_zone = EXCLUDED.time_zone, national_holidays = EXCLUDED.national_holidays,
      revision = calendars.revision + 1, updated_at = now()
RETURNING revision)SQL";
inline constexpr char kDeleteWindows[] = "DELETE FROM calendar_windows WHERE calendar = $1";
inline constexpr char kDeleteClosures[] = "DELETE FROM calendar_closures WHERE calendar = $1";
inline constexpr char kDeleteLocalHolidays[] =
    "DELETE FROM calendar_local_holidays WHERE calendar = $1";
inline constexpr char kInsertWindow[] =
    "INSERT INTO calendar_windows (calendar, position, weekday, start_minute, end_minute) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr char kInsertClosure[] =
    "INSERT INTO calendar_closures (calendar, position, day, name) "
    "VALUES ($1, $2, make_date($3, $4, $5), $6)";
inline constexpr char kInsertLocalHoliday[] =
    "INSERT INTO calendar_local_holidays (calendar, position, name, month, day, first_year, "
    "last_year) VALUES ($1, $2, $3, $4, $5, $6, $7)";
inline constexpr char kUpsertPolicy[] =
    "INSERT INTO sla_policies (calendar, high, medium, low, urgent_on_site, warning_fraction, "
    "resolution) "
    "VALUES ($1, " HELPDESK_SLA_IV("$2") ", " HELPDESK_SLA_IV("$3") ", " HELPDESK_SLA_IV("$4") ", "
    HELPDESK_SLA_IV("$5") ", $6, " HELPDESK_SLA_IV("$7") ") "
    "ON CONFLICT (calendar) DO UPDATE SET high = EXCLUDED.high, medium = EXCLUDED.medium, "
    "low = EXCLUDED.low, urgent_on_site = EXCLUDED.urgent_on_site, "
    "warning_fraction = EXCLUDED.warning_fraction, resolution = EXCLUDED.resolution";

// ---- the resolution clock's pauses (TicketStatusChanged) ----
inline constexpr char kTicketExists[] = "SELECT 1 FROM tickets WHERE ticket_id = $1 FOR UPDATE";
// $2 the instant, $3 the status the ticket left.
inline constexpr char kEndPause[] =
    "UPDATE ticket_pauses SET ended_at = " HELPDESK_SLA_TS("$2") " "
    "WHERE ticket_id = $1 AND status = $3 AND ended_at IS NULL";
inline constexpr char kStartPause[] =
    "INSERT INTO ticket_pauses (ticket_id, started_at, status) "
    "VALUES ($1, " HELPDESK_SLA_TS("$2") ", $3) ON CONFLICT DO NOTHING";
inline constexpr char kSelectPauses[] =
    "SELECT " HELPDESK_SLA_US("started_at") ", " HELPDESK_SLA_US("ended_at") ", status "
    "FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at, ended_at NULLS LAST";

// ---- events applied by the consumer (ticket_events.cc) ----
inline constexpr char kUpsertCompany[] =
    "INSERT INTO companies (company_id, calendar) VALUES ($1, $2) "
    "ON CONFLICT (company_id) DO UPDATE SET calendar = EXCLUDED.calendar";
inline constexpr char kSelectCompanyCalendar[] =
    "SELECT calendar FROM companies WHERE company_id = $1";

// RETURNING gives no row when the ticket was known already.
inline constexpr char kInsertTicket[] =
    "INSERT INTO tickets (ticket_id, company_id, number, calendar, priority, urgent_on_site, "
    "created_at, target, warn_at, sla_due_at, on_site_due_at) VALUES ($1, $2, $3, $4, $5, $6, "
    HELPDESK_SLA_TS("$7") ", " HELPDESK_SLA_IV("$8") ", " HELPDESK_SLA_TS("$9") ", "
    HELPDESK_SLA_TS("$10") ", " HELPDESK_SLA_TS("$11") ") "
    "ON CONFLICT (ticket_id) DO NOTHING RETURNING 1";
inline constexpr char kInsertTimer[] =
    "INSERT INTO timers (ticket_id, warn_at, due_at, on_site_due_at) VALUES ($1, "
    HELPDESK_SLA_TS("$2") ", " HELPDESK_SLA_TS("$3") ", " HELPDESK_SLA_TS("$4") ") "
    "ON CONFLICT (ticket_id) DO NOTHING";
inline constexpr char kLockTicket[] =
    "SELECT calendar, urgent_on_site, " HELPDESK_SLA_US("created_at") ", "
    HELPDESK_SLA_US("taken_at") ", " HELPDESK_SLA_US("sla_due_at")
    " FROM tickets WHERE ticket_id = $1 FOR UPDATE";

// A new priority: new target and dues; the outcome of an earlier take
// follows the new due. A due that moves forgets the events sent for the old.
inline constexpr char kSetTicketPriority[] =
    "UPDATE tickets SET priority = $2, target = " HELPDESK_SLA_IV("$3") ", "
    "warn_at = " HELPDESK_SLA_TS("$4") ", sla_due_at = " HELPDESK_SLA_TS("$5") ", "
    "taken_late = CASE WHEN taken_at IS NULL THEN NULL ELSE $6::boolean END, "
    "warned_at = CASE WHEN sla_due_at IS NOT DISTINCT FROM " HELPDESK_SLA_TS("$5")
    " THEN warned_at END, "
    "breached_at = CASE WHEN sla_due_at IS NOT DISTINCT FROM " HELPDESK_SLA_TS("$5")
    " THEN breached_at END "
    "WHERE ticket_id = $1";
inline constexpr char kMoveTimerDue[] =
    "UPDATE timers SET warn_at = " HELPDESK_SLA_TS("$2") ", due_at = " HELPDESK_SLA_TS("$3") ", "
    "warn_fired = warn_fired AND due_at IS NOT DISTINCT FROM " HELPDESK_SLA_TS("$3") ", "
    "due_fired = due_fired AND due_at IS NOT DISTINCT FROM " HELPDESK_SLA_TS("$3") " "
    "WHERE ticket_id = $1";
inline constexpr char kTakeTicket[] =
    "UPDATE tickets SET taken_at = " HELPDESK_SLA_TS("$2") ", "
    "taken_business = " HELPDESK_SLA_IV("$3") ", taken_late = $4, assignee_id = $5 "
    "WHERE ticket_id = $1";
inline constexpr char kSetAssignee[] = "UPDATE tickets SET assignee_id = $2 WHERE ticket_id = $1";
inline constexpr char kStopTakeClock[] =
    "UPDATE timers SET warn_at = NULL, due_at = NULL WHERE ticket_id = $1";
inline constexpr char kCloseTicket[] =
    "UPDATE tickets SET closed_at = " HELPDESK_SLA_TS("$2") " WHERE ticket_id = $1";
inline constexpr char kDeleteTimer[] = "DELETE FROM timers WHERE ticket_id = $1";
inline constexpr char kReopenTicket[] = "UPDATE tickets SET closed_at = NULL WHERE ticket_id = $1";
// The clock restarts only for a ticket never taken in charge, with what
// already fired remembered (a warning counts as done once its breach went).
inline constexpr char kRestartTimer[] = R"SQL(
INSERT INTO timers (ticket_id, warn_at, due_at, on_site_due_at, warn_fired, due_fired,
                    on_site_fired)
SELECT ticket_id, warn_at, sla_due_at, on_site_due_at,
       warned_at IS NOT NULL OR breached_at IS NOT NULL, breached_at IS NOT NULL,
       on_site_breached_at IS NOT NULL
FROM tickets WHERE ticket_id = $1 AND taken_at IS NULL
ON CONFLICT (ticket_id) DO NOTHING)SQL";

// ---- the scheduler (timer_scheduler.cc) ----
// Locks the timer and its ticket; rows another replica (or the consumer)
// holds are skipped, so the scheduler never waits and never fires twice.
inline constexpr char kClaimDueTimers[] =
    "SELECT t.ticket_id, " HELPDESK_SLA_US("t.warn_at") ", " HELPDESK_SLA_US("t.due_at") ", "
    HELPDESK_SLA_US("t.on_site_due_at") ", t.warn_fired, t.due_fired, t.on_site_fired, "
    "k.company_id, k.number, k.assignee_id "
    "FROM timers t JOIN tickets k ON k.ticket_id = t.ticket_id "
    "WHERE t.next_fire_at <= " HELPDESK_SLA_TS("$1") " "
    "ORDER BY t.next_fire_at LIMIT $2 "
    "FOR UPDATE OF t, k SKIP LOCKED";
inline constexpr char kMarkTimerFired[] =
    "UPDATE timers SET warn_fired = warn_fired OR $2, due_fired = due_fired OR $3, "
    "on_site_fired = on_site_fired OR $4 WHERE ticket_id = $1";
inline constexpr char kRecordTicketFired[] =
    "UPDATE tickets SET "
    "warned_at = CASE WHEN $2 THEN " HELPDESK_SLA_TS("$5") " ELSE warned_at END, "
    "breached_at = CASE WHEN $3 THEN " HELPDESK_SLA_TS("$5") " ELSE breached_at END, "
    "on_site_breached_at = CASE WHEN $4 THEN " HELPDESK_SLA_TS("$5")
    " ELSE on_site_breached_at END WHERE ticket_id = $1";
inline constexpr char kNextFireAt[] =
    "SELECT " HELPDESK_SLA_US("min(next_fire_at)") " FROM timers WHERE next_fire_at IS NOT NULL";

// ---- queries (sla_store.cc) ----
inline constexpr char kSelectTicketSla[] =
    "SELECT ticket_id, company_id, calendar, priority, urgent_on_site, "
    HELPDESK_SLA_US("created_at") ", " HELPDESK_SLA_US("target") ", " HELPDESK_SLA_US("warn_at")
    ", " HELPDESK_SLA_US("sla_due_at") ", " HELPDESK_SLA_US("on_site_due_at") ", "
    HELPDESK_SLA_US("taken_at") ", " HELPDESK_SLA_US("taken_business") ", "
    "coalesce(taken_late, false), " HELPDESK_SLA_US("closed_at") ", assignee_id "
    "FROM tickets WHERE ticket_id = $1";

// Per company, the tickets created in [$1, $2): taken on time / late, not
// taken and past due as of $4, and the take-in-charge business time's
// median and 90th percentile (linear interpolation), in hours.
inline constexpr char kSlaReport[] =
    "SELECT company_id, "
    "count(*) FILTER (WHERE taken_at IS NOT NULL AND NOT taken_late), "
    "count(*) FILTER (WHERE taken_at IS NOT NULL AND taken_late), "
    "count(*) FILTER (WHERE taken_at IS NULL AND closed_at IS NULL AND sla_due_at <= "
    HELPDESK_SLA_TS("$4") "), "
    "coalesce(percentile_cont(0.5) WITHIN GROUP "
    "(ORDER BY extract(epoch FROM taken_business)::double precision), 0) / 3600, "
    "coalesce(percentile_cont(0.9) WITHIN GROUP "
    "(ORDER BY extract(epoch FROM taken_business)::double precision), 0) / 3600 "
    "FROM tickets WHERE created_at >= " HELPDESK_SLA_TS("$1") " AND created_at < "
    HELPDESK_SLA_TS("$2") " AND ($3 = '' OR company_id = $3) "
    "GROUP BY company_id ORDER BY company_id";

}  // namespace helpdesk::sla::sql
