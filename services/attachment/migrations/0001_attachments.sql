-- Content, stored once per SHA-256, and the uploads that name it.
CREATE TABLE contents (
  sha256       text        PRIMARY KEY,
  size         bigint      NOT NULL,
  -- 'postgres': in content_chunks under blob_id; 'filesystem': a file named
  -- by the hash under the storage folder.
  location     text        NOT NULL CHECK (location IN ('postgres', 'filesystem')),
  blob_id      uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Refreshed when an upload finds the content already stored, so the
  -- garbage collector leaves it alone while that upload is recorded.
  last_used_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE content_chunks (
  blob_id uuid    NOT NULL,
  seq     integer NOT NULL,
  data    bytea   NOT NULL,
  PRIMARY KEY (blob_id, seq)
);
-- Uploads are mostly compressed already (images, zip, OOXML).
ALTER TABLE content_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE attachments (
  id                  text        PRIMARY KEY,
  sha256              text        NOT NULL REFERENCES contents (sha256),
  filename            text        NOT NULL,
  content_type        text        NOT NULL,
  kind                text        NOT NULL CHECK (kind IN ('IMAGE', 'FILE')),
  size                bigint      NOT NULL,
  uploader_id         text        NOT NULL,
  uploader_company_id text        NOT NULL DEFAULT '',
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Set once, when the uploader's message is created.
  ticket_id           text,
  message_id          text,
  company_id          text,
  internal            boolean     NOT NULL DEFAULT false,
  -- 0..2: the message's images in order; 3: its file.
  slot                smallint,
  linked_at           timestamptz
);
CREATE INDEX attachments_message ON attachments (ticket_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE message_id IS NULL;
CREATE INDEX attachments_sha256 ON attachments (sha256);
