#!/bin/bash
# Creates the helpdesk roles and schemas (provision.sql, beside this file) and
# sets each role's password from the environment. Idempotent: run it before
# the services start, and again after any password change. Used by the
# `provision` service of deploy/compose.yaml and the `helpdesk-provision`
# Job of k8s/; needs psql 15 or later (postgres:15 image).
#
# Environment:
#   PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE
#       libpq's own: a superuser (or the database owner with CREATEROLE) on
#       the helpdesk database
#   IDENTITY_DB_PASSWORD TICKET_DB_PASSWORD ATTACHMENT_DB_PASSWORD
#   SLA_DB_PASSWORD NOTIFICATION_DB_PASSWORD
#       the passwords of helpdesk_identity … helpdesk_notification (required)
#   PROVISION_WAIT_SECONDS  how long to wait for the server (default 120)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
services=(identity ticket attachment sla notification)

for svc in "${services[@]}"; do
  var="${svc^^}_DB_PASSWORD"
  [ -n "${!var:-}" ] || { echo "provision: $var is not set" >&2; exit 2; }
done

wait="${PROVISION_WAIT_SECONDS:-120}"
for ((i = 0; ; i++)); do
  pg_isready -q && break
  if [ "$i" -ge "$wait" ]; then
    echo "provision: PostgreSQL at ${PGHOST:-localhost}:${PGPORT:-5432} did not answer in ${wait}s" >&2
    exit 1
  fi
  sleep 1
done

psql -X -q -v ON_ERROR_STOP=1 -f "$here/provision.sql"
for svc in "${services[@]}"; do
  # The password travels in the environment, never on a command line, and
  # psql quotes it (:'password').
  psql -X -q -v ON_ERROR_STOP=1 -v role="helpdesk_$svc" <<SQL
\\getenv password ${svc^^}_DB_PASSWORD
ALTER ROLE :"role" PASSWORD :'password';
SQL
done
echo "provision: roles and schemas of ${services[*]} ready on ${PGHOST:-localhost}/${PGDATABASE:-}"
