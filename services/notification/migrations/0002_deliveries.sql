-- Local copies kept from identity's and ticket's events, so deciding who gets
-- an e-mail needs no call to another service. `version_us` is the event's
-- occurred_at: an older event arriving late does not overwrite a newer one.
CREATE TABLE companies (
  id                 text    PRIMARY KEY,
  name               text    NOT NULL DEFAULT '',
  vat_number         text    NOT NULL DEFAULT '',
  notification_email text    NOT NULL DEFAULT '',
  language           text    NOT NULL DEFAULT 'it',
  active             boolean NOT NULL DEFAULT true,
  version_us         bigint  NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
  id           text    PRIMARY KEY,
  username     text    NOT NULL DEFAULT '',
  display_name text    NOT NULL DEFAULT '',
  role         text    NOT NULL DEFAULT '',
  company_id   text    NOT NULL DEFAULT '',
  email        text    NOT NULL DEFAULT '',
  language     text    NOT NULL DEFAULT 'it',
  active       boolean NOT NULL DEFAULT true,
  version_us   bigint  NOT NULL DEFAULT 0
);

-- What the SLA events do not carry (number, subject) and who works the
-- ticket now.
CREATE TABLE tickets (
  id              text   PRIMARY KEY,
  number          bigint NOT NULL DEFAULT 0,
  subject         text   NOT NULL DEFAULT '',
  company_id      text   NOT NULL DEFAULT '',
  published_by_id text   NOT NULL DEFAULT '',
  assignee_id     text   NOT NULL DEFAULT ''
);

-- One e-mail to one recipient, created in the transaction that consumed the
-- event (docs/notifications.md). The rendered parts are kept so every
-- attempt sends the same message with the same Message-ID.
CREATE TABLE deliveries (
  id              uuid        PRIMARY KEY,
  event_id        uuid        NOT NULL,
  kind            text        NOT NULL,
  ticket_id       text        NOT NULL DEFAULT '',
  recipient       text        NOT NULL,
  language        text        NOT NULL,
  subject         text        NOT NULL,
  body_text       text        NOT NULL,
  body_html       text        NOT NULL,
  message_id      text        NOT NULL UNIQUE,
  status          text        NOT NULL DEFAULT 'QUEUED'
                  CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
  attempts        integer     NOT NULL DEFAULT 0,
  -- Times a worker died (or lost its lease) in the middle of sending it.
  interruptions   integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  UNIQUE (event_id, kind, recipient)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'SENDING';
CREATE INDEX deliveries_ticket ON deliveries (ticket_id, created_at);
