-- Tickets, their conversation and history. Companies are a local copy of the
-- identity service's (kept by events), so reading a ticket needs no call.
CREATE TABLE companies (
  id   text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE scopes (
  code   text    PRIMARY KEY,
  name   text    NOT NULL,
  active boolean NOT NULL DEFAULT true,
  sort   integer NOT NULL DEFAULT 0
);

CREATE TABLE topics (
  code   text    PRIMARY KEY,
  scope  text    NOT NULL REFERENCES scopes (code),
  name   text    NOT NULL,
  active boolean NOT NULL DEFAULT true,
  sort   integer NOT NULL DEFAULT 0
);
CREATE INDEX topics_scope ON topics (scope);

-- The per-company gapless progressive: one row per company, incremented in
-- the transaction that creates the ticket (its row lock orders creators).
CREATE TABLE company_counters (
  company_id       text    PRIMARY KEY,
  last_progressive integer NOT NULL
);

CREATE SEQUENCE ticket_numbers;

CREATE TABLE tickets (
  id                uuid        PRIMARY KEY,
  number            bigint      NOT NULL UNIQUE DEFAULT nextval('ticket_numbers'),
  company_id        text        NOT NULL,
  progressive       integer     NOT NULL,
  subject           text        NOT NULL,
  priority          text        NOT NULL,
  scope             text        NOT NULL REFERENCES scopes (code),
  topic             text        REFERENCES topics (code),
  status            text        NOT NULL,
  channel           text        NOT NULL,
  urgent_on_site    boolean     NOT NULL DEFAULT false,
  published_by_id   text        NOT NULL,
  published_by_name text        NOT NULL,
  published_by_role text        NOT NULL,
  assignee_id       text,
  assignee_name     text,
  assignee_role     text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  taken_at          timestamptz,
  closed_at         timestamptz,
  sla_due_at        timestamptz,
  on_site_due_at    timestamptz,
  UNIQUE (company_id, progressive)
);
-- A company's newest tickets first (the portal's list).
CREATE INDEX tickets_company_newest ON tickets (company_id, created_at DESC, id DESC);
CREATE INDEX tickets_newest ON tickets (created_at DESC, id DESC);

CREATE TABLE messages (
  id          uuid        PRIMARY KEY,
  ticket_id   uuid        NOT NULL REFERENCES tickets (id),
  author_id   text        NOT NULL,
  author_name text        NOT NULL,
  author_role text        NOT NULL,
  internal    boolean     NOT NULL DEFAULT false,
  note        text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_ticket ON messages (ticket_id, created_at, id);

CREATE TABLE ticket_history (
  id         bigserial   PRIMARY KEY,
  ticket_id  uuid        NOT NULL REFERENCES tickets (id),
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   text        NOT NULL,
  actor_name text        NOT NULL,
  actor_role text        NOT NULL,
  what       text        NOT NULL,
  from_value text        NOT NULL DEFAULT '',
  to_value   text        NOT NULL DEFAULT '',
  internal   boolean     NOT NULL DEFAULT false
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);
