-- Roles and schemas of the helpdesk services: each service owns one schema,
-- logs in with its own role, and cannot read the others' schemas.
-- Idempotent; run as a superuser (or the database owner) on the helpdesk
-- database before the services start. Passwords are set separately, from
-- the deployment's secrets (ALTER ROLE helpdesk_ticket PASSWORD '…').
DO $$
DECLARE
  svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['identity', 'ticket', 'attachment', 'sla', 'notification'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'helpdesk_' || svc) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', 'helpdesk_' || svc);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, 'helpdesk_' || svc);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
  END LOOP;
  -- Nobody creates objects in public.
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$$;
