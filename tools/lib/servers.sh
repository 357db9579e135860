# Shell functions to run the PostgreSQL and NATS servers that the local stack
# and the tests use, in folders of their own. Sourced by tools/run,
# tools/stop and tests/fixtures/servers.sh.
#
# PostgreSQL refuses to run as root: as root, the data folder is given to the
# `postgres` user and the server runs as that user.

PGBIN="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)"

# as_pg_user CMD...: runs CMD as the postgres user when we are root.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# free_port: prints a TCP port that is free now on 127.0.0.1.
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# port_in_use PORT
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_start DIR PORT: initialises DIR/data on first use, starts the server on
# 127.0.0.1:PORT with its socket in DIR. Returns when it accepts connections.
pg_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_user "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if as_pg_user "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then return 0; fi
  as_pg_user "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB -c fsync=${HELPDESK_PG_FSYNC:-on}" \
    start >/dev/null || { tail -20 "$dir/server.log" >&2; return 1; }
}

# pg_stop DIR
pg_stop() {
  local dir="$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_pg_user "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

# pg_psql PORT DB SQL...: runs psql as the superuser over TCP.
pg_psql() {
  local port="$1" db="$2"; shift 2
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# pg_provision PORT DB PROVISION_SQL: creates DB if missing, then the roles
# and schemas of the services.
pg_provision() {
  local port="$1" db="$2" sql="$3"
  if [ -z "$(pg_psql "$port" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    pg_psql "$port" postgres -c "CREATE DATABASE \"$db\""
  fi
  pg_psql "$port" "$db" -f "$sql"
}

# nats_start DIR PORT MONITOR_PORT: JetStream with its store in DIR/js.
# Returns when the monitoring endpoint reports healthy.
nats_start() {
  local dir="$1" port="$2" mon="$3"
  mkdir -p "$dir"
  if [ -f "$dir/nats.pid" ] && kill -0 "$(cat "$dir/nats.pid")" 2>/dev/null; then return 0; fi
  /usr/sbin/nats-server -js -a 127.0.0.1 -p "$port" -m "$mon" -sd "$dir/js" \
    -P "$dir/nats.pid" -l "$dir/nats.log" </dev/null >/dev/null 2>&1 &
  local i
  for i in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$mon/healthz" 2>/dev/null | grep -q '"ok"'; then return 0; fi
    sleep 0.1
  done
  echo "nats-server did not become healthy; see $dir/nats.log" >&2
  return 1
}

# nats_stop DIR
nats_stop() {
  local dir="$1" pid
  [ -f "$dir/nats.pid" ] || return 0
  pid="$(cat "$dir/nats.pid")"
  kill "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/nats.pid"
}
