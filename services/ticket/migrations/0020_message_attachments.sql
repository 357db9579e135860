-- A message's images and file, as the attachment service described them
-- when they were linked (LinkAttachmentsResponse in its JSON form), so a
-- message list needs no call to that service.
ALTER TABLE messages ADD COLUMN attachments jsonb;
