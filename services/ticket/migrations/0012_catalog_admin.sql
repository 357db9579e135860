-- Administrators add, rename and retire scopes and topics (CreateScope,
-- UpdateScope, CreateTopic, UpdateTopic); every change is recorded here.
CREATE TABLE catalog_history (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   text        NOT NULL,
  actor_name text        NOT NULL,
  actor_role text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('SCOPE', 'TOPIC')),
  code       text        NOT NULL,
  what       text        NOT NULL,  -- created, renamed, retired, restored
  from_value text        NOT NULL DEFAULT '',
  to_value   text        NOT NULL DEFAULT ''
);
CREATE INDEX catalog_history_code ON catalog_history (code, id);
