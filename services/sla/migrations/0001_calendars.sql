-- Business calendars and their SLA policies, as data that administrators
-- edit (SPEC §4, UpsertCalendar). The service loads them into immutable
-- calendar::Calendar objects at start, and again when a calendar's revision
-- changes. Windows are minutes after local midnight, [start, end).
CREATE TABLE calendars (
  name              text        PRIMARY KEY,
  time_zone         text        NOT NULL,
  national_holidays boolean     NOT NULL,
  revision          bigint      NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_windows (
  calendar     text     NOT NULL REFERENCES calendars (name) ON DELETE CASCADE,
  position     integer  NOT NULL,
  weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- 1 = Monday
  start_minute integer  NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   integer  NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  PRIMARY KEY (calendar, position)
);

-- One-off company closures.
CREATE TABLE calendar_closures (
  calendar text    NOT NULL REFERENCES calendars (name) ON DELETE CASCADE,
  position integer NOT NULL,
  day      date    NOT NULL,
  name     text    NOT NULL,
  PRIMARY KEY (calendar, position)
);

-- Yearly local holidays (a patron saint's day), for their years.
CREATE TABLE calendar_local_holidays (
  calendar   text    NOT NULL REFERENCES calendars (name) ON DELETE CASCADE,
  position   integer NOT NULL,
  name       text    NOT NULL,
  month      integer NOT NULL,
  day        integer NOT NULL,
  first_year integer NOT NULL,
  last_year  integer NOT NULL,
  PRIMARY KEY (calendar, position)
);

-- The take-in-charge targets counted on each calendar.
CREATE TABLE sla_policies (
  calendar         text             PRIMARY KEY REFERENCES calendars (name) ON DELETE CASCADE,
  high             interval         NOT NULL CHECK (high > interval '0'),
  medium           interval         NOT NULL CHECK (medium > interval '0'),
  low              interval         NOT NULL CHECK (low > interval '0'),
  urgent_on_site   interval         NOT NULL CHECK (urgent_on_site > interval '0'),
  warning_fraction double precision NOT NULL CHECK (warning_fraction > 0 AND warning_fraction < 1)
);

-- The default calendar of SPEC §4: Monday–Friday 09:00–13:00 and
-- 14:30–18:30 Europe/Rome, Italian national holidays; high 2 h, medium 4 h,
-- low 16 h, urgent on-site 8 h, warning at 75%. The same as
-- sla_policy::DefaultDefinition(), which services computing dues locally
-- use until they hear otherwise.
INSERT INTO calendars (name, time_zone, national_holidays) VALUES ('default', 'Europe/Rome', true);
INSERT INTO calendar_windows (calendar, position, weekday, start_minute, end_minute)
SELECT 'default', (d - 1) * 2 + w.half, d, w.start_minute, w.end_minute
FROM generate_series(1, 5) AS d,
     (VALUES (0, 540, 780), (1, 870, 1110)) AS w (half, start_minute, end_minute);
INSERT INTO sla_policies (calendar, high, medium, low, urgent_on_site, warning_fraction)
VALUES ('default', interval '2 hours', interval '4 hours', interval '16 hours',
        interval '8 hours', 0.75);

-- Which calendar each company uses, kept from the identity service's
-- CompanyChanged events.
CREATE TABLE companies (
  company_id text PRIMARY KEY,
  calendar   text NOT NULL
);
