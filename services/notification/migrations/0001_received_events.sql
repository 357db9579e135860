-- Ticket events as the notification service received them: the input from
-- which deliveries are made (e-mail comes with the notifications issue).
CREATE TABLE received_events (
  event_id    uuid        PRIMARY KEY,
  subject     text        NOT NULL,
  ticket_id   text        NOT NULL DEFAULT '',
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX received_events_ticket ON received_events (ticket_id);
