-- Months closed for billing, per company (docs/billing.md): once a row is
-- here, the company's work-log entries starting in that month (Europe/Rome)
-- can no longer be added, changed or deleted. Closing takes the company's
-- row FOR UPDATE; work-log writes take it FOR KEY SHARE, so a write and a
-- closing of the same company never overlap.
CREATE TABLE billing_closed_months (
  company_id     text        NOT NULL,
  month          text        NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_at      timestamptz NOT NULL DEFAULT now(),
  closed_by_id   text        NOT NULL,
  closed_by_name text        NOT NULL,
  closed_by_role text        NOT NULL,
  PRIMARY KEY (company_id, month)
);
