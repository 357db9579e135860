-- What the ticket service needs to know of a company, kept from the identity
-- service's CompanyChanged events: whether it may open tickets.
ALTER TABLE companies
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD COLUMN notification_email_set boolean NOT NULL DEFAULT false;
