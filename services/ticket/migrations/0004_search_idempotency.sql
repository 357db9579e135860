-- Full-text search in Italian over subjects and messages, and idempotent
-- ticket creation.
ALTER TABLE tickets
  ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('italian', subject)) STORED;
CREATE INDEX tickets_search ON tickets USING gin (search);
ALTER TABLE messages
  ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('italian', note)) STORED;
CREATE INDEX messages_search ON messages USING gin (search);

-- Staff queues: unassigned or by assignee, newest first.
CREATE INDEX tickets_assignee_newest ON tickets (assignee_id, created_at DESC, id DESC);

-- A retried creation with the same Idempotency-Key returns the first ticket.
CREATE TABLE idempotency_keys (
  account_id text        NOT NULL,
  key        text        NOT NULL,
  -- Claimed before the ticket is inserted, in the same transaction.
  ticket_id  uuid        NOT NULL REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, key)
);
