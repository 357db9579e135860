-- The optional resolution target (issue 6): business time from creation to
-- closing, paused while the ticket waits for the customer. NULL: none.
ALTER TABLE sla_policies
  ADD COLUMN resolution interval CHECK (resolution IS NULL OR resolution > interval '0');

-- The intervals a ticket's resolution clock does not run, from the ticket
-- service's TicketStatusChanged events: WAITING_CUSTOMER, and CLOSED until a
-- reopening. ended_at is NULL while it lasts.
CREATE TABLE ticket_pauses (
  ticket_id  text        NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL,
  status     text        NOT NULL CHECK (status IN ('WAITING_CUSTOMER', 'CLOSED')),
  ended_at   timestamptz,
  PRIMARY KEY (ticket_id, started_at, status)
);
