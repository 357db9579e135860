-- What the sla service knows of each ticket (from the ticket service's
-- events), kept after it is closed for GetTicketSla and the reports. Instants
-- are NULL when they never come (a calendar that never works again).
CREATE TABLE tickets (
  ticket_id           text        PRIMARY KEY,
  company_id          text        NOT NULL,
  number              bigint      NOT NULL DEFAULT 0,
  calendar            text        NOT NULL,
  priority            text        NOT NULL,
  urgent_on_site      boolean     NOT NULL,
  created_at          timestamptz NOT NULL,
  target              interval    NOT NULL,  -- the priority's take-in-charge target
  warn_at             timestamptz,
  sla_due_at          timestamptz,
  on_site_due_at      timestamptz,           -- urgent on-site only
  assignee_id         text        NOT NULL DEFAULT '',
  taken_at            timestamptz,
  taken_business      interval,              -- business time from creation to taken_at
  taken_late          boolean,
  closed_at           timestamptz,
  -- When the scheduler sent each event (NULL: not sent).
  warned_at           timestamptz,
  breached_at         timestamptz,
  on_site_breached_at timestamptz
);
CREATE INDEX tickets_created_company ON tickets (created_at, company_id);

-- One row per open ticket: the instants still to fire and whether each has
-- fired. Taking in charge clears warn_at and due_at (the clock stops);
-- closing deletes the row. next_fire_at is the earliest instant not fired
-- yet; the scheduler claims rows by it (FOR UPDATE SKIP LOCKED) through the
-- partial index, so finished timers cost nothing.
CREATE TABLE timers (
  ticket_id      text        PRIMARY KEY REFERENCES tickets (ticket_id) ON DELETE CASCADE,
  warn_at        timestamptz,
  due_at         timestamptz,
  on_site_due_at timestamptz,
  warn_fired     boolean     NOT NULL DEFAULT false,
  due_fired      boolean     NOT NULL DEFAULT false,
  on_site_fired  boolean     NOT NULL DEFAULT false,
  next_fire_at   timestamptz GENERATED ALWAYS AS (
    LEAST(CASE WHEN NOT warn_fired THEN warn_at END,
          CASE WHEN NOT due_fired THEN due_at END,
          CASE WHEN NOT on_site_fired THEN on_site_due_at END)) STORED
);
CREATE INDEX timers_next_fire ON timers (next_fire_at) WHERE next_fire_at IS NOT NULL;
