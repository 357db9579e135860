-- The consultants' queue by take-in-charge due (ListTickets orderBy=slaDue),
-- and the business calendars the dues are counted on (docs/sla.md).

-- Tickets waiting to be taken in charge, the soonest due first. Partial: the
-- queue is the OPEN tickets, a small part of the table. A due that never
-- comes (NULL) sorts last.
CREATE INDEX tickets_open_sla_due
  ON tickets ((coalesce(sla_due_at, 'infinity'::timestamptz)), id)
  WHERE status = 'OPEN';
-- The same for one company (companyId=).
CREATE INDEX tickets_open_company_sla_due
  ON tickets (company_id, (coalesce(sla_due_at, 'infinity'::timestamptz)), id)
  WHERE status = 'OPEN';

-- The calendar a ticket's dues were computed on (the company's at creation),
-- so a priority change and the SLA state count on the same one.
ALTER TABLE tickets ADD COLUMN calendar text NOT NULL DEFAULT 'default';

-- Each company's calendar, kept from identity's CompanyChanged events.
ALTER TABLE companies ADD COLUMN calendar text NOT NULL DEFAULT 'default';

-- The sla service's calendar definitions, kept from its CalendarChanged
-- events: base64 of the serialized helpdesk.sla.v1.Calendar (policy included).
CREATE TABLE calendars (
  name       text        PRIMARY KEY,
  definition text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
