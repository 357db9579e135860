-- Sessions (opaque rotating refresh tokens, stored as SHA-256 hashes),
-- password resets, sign-in throttling and the security audit trail.
CREATE TABLE sessions (
  id           uuid        PRIMARY KEY,
  account_id   uuid        NOT NULL REFERENCES accounts (id),
  refresh_hash bytea       NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  rotated_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL;

CREATE TABLE password_resets (
  token_hash       bytea       PRIMARY KEY,
  account_id       uuid        NOT NULL REFERENCES accounts (id),
  password_version integer     NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz
);
CREATE INDEX password_resets_account ON password_resets (account_id) WHERE used_at IS NULL;

-- Sign-in attempts per key ("user:<lower username>" or "addr:<address>"),
-- counted before the password is checked, so parallel guesses cannot slip
-- past the limit. Unknown usernames are counted like known ones.
CREATE TABLE login_throttle (
  key               text        PRIMARY KEY,
  attempts          integer     NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);

CREATE TABLE audit_events (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  event      text        NOT NULL,
  account_id text        NOT NULL DEFAULT '',
  username   text        NOT NULL DEFAULT '',
  address    text        NOT NULL DEFAULT '',
  detail     text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_account ON audit_events (account_id, at);
