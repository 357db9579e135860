-- Companies (customers) and the accounts that sign in: a company's portal
-- account and contacts (role CUSTOMER, with a company), and staff.
CREATE TABLE companies (
  id                     uuid        PRIMARY KEY,
  name                   text        NOT NULL,
  vat_number             text        NOT NULL UNIQUE,
  notification_email     text        NOT NULL DEFAULT '',
  -- The manual's rule: the customer replaces the default e-mail before its
  -- first ticket.
  notification_email_set boolean     NOT NULL DEFAULT false,
  language               text        NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
  hourly_rate_cents      bigint      NOT NULL DEFAULT 6000 CHECK (hourly_rate_cents >= 0),
  urgent_call_fee_cents  bigint      NOT NULL DEFAULT 0 CHECK (urgent_call_fee_cents >= 0),
  calendar               text        NOT NULL DEFAULT 'default',
  active                 boolean     NOT NULL DEFAULT true,
  created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id               uuid        PRIMARY KEY,
  username         text        NOT NULL,
  display_name     text        NOT NULL,
  role             text        NOT NULL CHECK (role IN ('CUSTOMER', 'CONSULTANT', 'ADMINISTRATOR')),
  company_id       uuid        REFERENCES companies (id),
  email            text        NOT NULL DEFAULT '',
  language         text        NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
  password_hash    text        NOT NULL,
  password_expired boolean     NOT NULL DEFAULT false,
  password_version integer     NOT NULL DEFAULT 1,
  active           boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'CUSTOMER') = (company_id IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_username ON accounts (lower(username));
CREATE INDEX accounts_company ON accounts (company_id);
