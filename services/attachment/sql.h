// The attachment service's SQL, as named constants.
#pragma once

namespace helpdesk::attachment::sql {

inline constexpr char kInsertChunk[] = R"SQL(
INSERT INTO content_chunks (blob_id, seq, data) VALUES ($1, $2, $3))SQL";

// Returns whether this call stored the content (false: it was there).
inline constexpr char kClaimContent[] = R"SQL(
INSERT INTO contents (sha256, size, location, blob_id) VALUES ($1, $2, $3, NULLIF($4, '')::uuid)
ON CONFLICT (sha256) DO UPDATE SET last_used_at = now()
RETURNING (xmax = 0), location, coalesce(blob_id::text, ''))SQL";

inline constexpr char kDeleteChunks[] = R"SQL(
DELETE FROM content_chunks WHERE blob_id = $1)SQL";

inline constexpr char kSelectContent[] = R"SQL(
SELECT size, location, coalesce(blob_id::text, '') FROM contents WHERE sha256 = $1)SQL";

inline constexpr char kSelectChunk[] = R"SQL(
SELECT data FROM content_chunks WHERE blob_id = $1 AND seq = $2)SQL";

inline constexpr char kInsertAttachment[] = R"SQL(
INSERT INTO attachments (id, sha256, filename, content_type, kind, size, uploader_id,
                         uploader_company_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))SQL";

#define HELPDESK_ATTACHMENT_COLUMNS                                                        \
  "id, sha256, filename, content_type, kind, size, uploader_id, coalesce(ticket_id, ''), " \
  "coalesce(message_id, ''), coalesce(company_id, ''), internal, coalesce(slot, -1) "

inline constexpr char kSelectAttachment[] =
    "SELECT " HELPDESK_ATTACHMENT_COLUMNS "FROM attachments WHERE id = $1";

inline constexpr char kLockAttachment[] =
    "SELECT " HELPDESK_ATTACHMENT_COLUMNS "FROM attachments WHERE id = $1 FOR UPDATE";

inline constexpr char kSelectMessageImages[] =
    "SELECT " HELPDESK_ATTACHMENT_COLUMNS
    "FROM attachments WHERE ticket_id = $1 AND message_id = $2 AND slot BETWEEN 0 AND 2 "
    "ORDER BY slot";

inline constexpr char kLinkAttachment[] = R"SQL(
UPDATE attachments
SET ticket_id = $2, message_id = $3, company_id = $4, internal = $5, slot = $6, linked_at = now()
WHERE id = $1 AND message_id IS NULL)SQL";

// Garbage collection: uploads never linked, then content nobody names.
inline constexpr char kDeleteExpiredUploads[] = R"SQL(
DELETE FROM attachments
WHERE message_id IS NULL AND created_at < now() - $1 * interval '1 second')SQL";

inline constexpr char kOrphanContents[] = R"SQL(
SELECT sha256 FROM contents c
WHERE last_used_at < now() - interval '1 hour'
  AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = c.sha256)
LIMIT 100)SQL";

inline constexpr char kDeleteOrphanContent[] = R"SQL(
DELETE FROM contents c
WHERE sha256 = $1 AND last_used_at < now() - interval '1 hour'
  AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = c.sha256)
RETURNING location, coalesce(blob_id::text, ''))SQL";

}  // namespace helpdesk::attachment::sql
