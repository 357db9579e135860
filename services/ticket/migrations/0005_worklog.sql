-- Work log entries (SPEC §5) and each company's contract, kept from the
-- identity service's CompanyChanged events, for the billing report.
ALTER TABLE companies
  ADD COLUMN hourly_rate_cents bigint NOT NULL DEFAULT 6000,
  ADD COLUMN urgent_call_fee_cents bigint NOT NULL DEFAULT 0;

CREATE TABLE worklog_entries (
  id              uuid        PRIMARY KEY,
  ticket_id       uuid        NOT NULL REFERENCES tickets (id),
  consultant_id   text        NOT NULL,
  consultant_name text        NOT NULL,
  consultant_role text        NOT NULL,
  service_type    text        NOT NULL CHECK (service_type IN ('SAT', 'STA', 'SAD')),
  start_at        timestamptz NOT NULL,
  end_at          timestamptz NOT NULL CHECK (end_at > start_at),
  on_site         boolean     NOT NULL DEFAULT false CHECK (NOT on_site OR service_type = 'SAD'),
  description     text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worklog_ticket ON worklog_entries (ticket_id, start_at);
CREATE INDEX worklog_consultant ON worklog_entries (consultant_id, start_at);
