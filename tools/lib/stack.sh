# The local stack of ./tools/run and ./tools/stop: settings, build, start,
# health, stop. Sourced after tools/lib/servers.sh; expects $root.

HELPDESK_SERVICES=(identity ticket attachment sla notification)

DATA="${HELPDESK_DATA_DIR:-$root/.data}"
BASE="${HELPDESK_BASE_PORT:-17100}"
HTTP_PORT="${HELPDESK_HTTP_PORT:-8080}"
BUILD="${HELPDESK_BUILD_DIR:-$root/build}"
PG_PORT=$((BASE + 0))
NATS_PORT=$((BASE + 1))
NATS_MONITOR_PORT=$((BASE + 2))
GATEWAY_METRICS_PORT=$((BASE + 20))
SMTP_SINK_PORT=$((BASE + 3))

# service_index NAME → 1..5
service_index() {
  local i
  for i in "${!HELPDESK_SERVICES[@]}"; do
    [ "${HELPDESK_SERVICES[$i]}" = "$1" ] && { echo $((i + 1)); return; }
  done
}
grpc_port() { echo $((BASE + 10 + $(service_index "$1"))); }
metrics_port() { echo $((BASE + 20 + $(service_index "$1"))); }
grpc_service_name() {
  case "$1" in
    identity) echo helpdesk.identity.v1.IdentityService ;;
    ticket) echo helpdesk.ticket.v1.TicketService ;;
    attachment) echo helpdesk.attachment.v1.AttachmentService ;;
    sla) echo helpdesk.sla.v1.SlaService ;;
    notification) echo helpdesk.notification.v1.NotificationService ;;
  esac
}

# PostgreSQL's data must be reachable by the postgres user; a checkout under
# a private home folder is not, so its data goes to /var/tmp instead.
pg_dir() {
  local dir="$DATA/postgres"
  mkdir -p "$DATA"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$DATA" 2>/dev/null; then
    dir="/var/tmp/helpdesk-pg-$(echo -n "$DATA" | sha1sum | cut -c1-12)"
  fi
  echo "$dir"
}

stack_build() {
  echo "Building (log: $BUILD/build.log)…"
  mkdir -p "$BUILD"
  {
    cmake -S "$root" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
      ninja -C "$BUILD" "${HELPDESK_SERVICES[@]}" gateway helpdesk-keygen helpdesk_descriptor_set &&
      # The web portal (services/gateway/web): npm ci when its lock file changed, vite build.
      { ! ninja -C "$BUILD" -t query portal >/dev/null 2>&1 || ninja -C "$BUILD" portal; }
  } >"$BUILD/build.log" 2>&1 || { tail -40 "$BUILD/build.log" >&2; echo "build failed" >&2; exit 1; }
}

# wait_healthy NAME URL: polls URL until it answers 200.
wait_healthy() {
  local name="$1" url="$2" i
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$DATA/run/$name.pid" 2>/dev/null)" 2>/dev/null; then
      echo "$name exited; the end of its log ($DATA/logs/$name.log):" >&2
      tail -20 "$DATA/logs/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name did not become healthy in 30 s; see $DATA/logs/$name.log" >&2
  return 1
}

# start_process NAME ENV... : starts the service binary NAME in the
# background unless it runs already.
start_process() {
  local name="$1"; shift
  local pidfile="$DATA/run/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  env "$@" nohup "$BUILD/services/$name/$name" >>"$DATA/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
}

# smtp_sink_start: the local SMTP sink that keeps every mail in $DATA/mail.
smtp_sink_start() {
  local pidfile="$DATA/run/smtp-sink.pid" i
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  rm -f "$DATA/run/smtp-sink.ready"
  nohup /usr/bin/python3 "$root/tools/smtp_sink.py" --host 127.0.0.1 --port "$SMTP_SINK_PORT" \
    --dir "$DATA/mail" --ready-file "$DATA/run/smtp-sink.ready" >>"$DATA/logs/smtp-sink.log" 2>&1 &
  echo $! >"$pidfile"
  for i in $(seq 1 100); do [ -f "$DATA/run/smtp-sink.ready" ] && return 0; sleep 0.1; done
  echo "the local SMTP sink did not start; see $DATA/logs/smtp-sink.log" >&2
  return 1
}

stack_start() {
  mkdir -p "$DATA/run" "$DATA/logs" "$DATA/keys"
  local pgdir; pgdir="$(pg_dir)"
  echo "$pgdir" >"$DATA/run/postgres.dir"

  echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT and NATS on 127.0.0.1:$NATS_PORT…"
  pg_start "$pgdir" "$PG_PORT"
  pg_provision "$PG_PORT" helpdesk "$root/deploy/postgres/provision.sql"
  nats_start "$DATA/nats" "$NATS_PORT" "$NATS_MONITOR_PORT"
  SMTP_URL="${HELPDESK_SMTP_URL:-smtp://127.0.0.1:$SMTP_SINK_PORT}"
  [ -n "${HELPDESK_SMTP_URL:-}" ] || smtp_sink_start

  if [ ! -f "$DATA/keys/token.key" ]; then
    "$BUILD/libs/auth/helpdesk-keygen" "$DATA/keys/token.key" "$DATA/keys/token.pub"
  fi
  if [ -n "${HELPDESK_ADMIN_PASSWORD:-}" ]; then
    ADMIN_PASSWORD="$HELPDESK_ADMIN_PASSWORD"
  elif [ -f "$DATA/keys/admin-password" ]; then
    ADMIN_PASSWORD="$(cat "$DATA/keys/admin-password")"
  else
    ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)"
    (umask 077; echo "$ADMIN_PASSWORD" >"$DATA/keys/admin-password")
  fi
  local demo=true
  [ "${HELPDESK_DEMO:-1}" = "0" ] && demo=false

  local name backends=""
  for name in "${HELPDESK_SERVICES[@]}"; do
    local extra=()
    case "$name" in
      identity)
        extra=(HELPDESK_TOKEN_PRIVATE_KEY_FILE="$DATA/keys/token.key"
               HELPDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" HELPDESK_DEMO="$demo"
               HELPDESK_PUBLIC_URL="http://127.0.0.1:$HTTP_PORT") ;;
      ticket)
        extra=(HELPDESK_IDENTITY_ADDRESS="127.0.0.1:$(grpc_port identity)"
               HELPDESK_ATTACHMENT_ADDRESS="127.0.0.1:$(grpc_port attachment)") ;;
      notification)
        extra=(HELPDESK_SMTP_URL="$SMTP_URL" HELPDESK_PUBLIC_URL="http://127.0.0.1:$HTTP_PORT"
               HELPDESK_QUEUE_EMAIL="${HELPDESK_QUEUE_EMAIL:-consulenti@helpdesk.local}") ;;
    esac
    start_process "$name" \
      HELPDESK_GRPC_LISTEN="127.0.0.1:$(grpc_port "$name")" \
      HELPDESK_METRICS_LISTEN="127.0.0.1:$(metrics_port "$name")" \
      HELPDESK_DATABASE_URL="postgresql://helpdesk_$name@127.0.0.1:$PG_PORT/helpdesk" \
      HELPDESK_NATS_URL="nats://127.0.0.1:$NATS_PORT" \
      HELPDESK_TOKEN_PUBLIC_KEY_FILE="$DATA/keys/token.pub" \
      "${extra[@]}"
    backends="$backends${backends:+,}$(grpc_service_name "$name")=127.0.0.1:$(grpc_port "$name")"
  done
  for name in "${HELPDESK_SERVICES[@]}"; do
    wait_healthy "$name" "http://127.0.0.1:$(metrics_port "$name")/healthz"
  done
  local web_root=() web_dir="${HELPDESK_WEB_ROOT:-$BUILD/web}"
  [ -f "$web_dir/index.html" ] && web_root=(HELPDESK_WEB_ROOT="$web_dir")
  start_process gateway \
    HELPDESK_HTTP_LISTEN="127.0.0.1:$HTTP_PORT" \
    HELPDESK_METRICS_LISTEN="127.0.0.1:$GATEWAY_METRICS_PORT" \
    HELPDESK_BACKENDS="$backends" \
    HELPDESK_DESCRIPTOR_SETS="$BUILD/protos/helpdesk.pb" \
    "${web_root[@]}"
  wait_healthy gateway "http://127.0.0.1:$HTTP_PORT/healthz"
}

stack_print_summary() {
  cat <<SUMMARY

helpdesk is running.
  Portal:          http://127.0.0.1:$HTTP_PORT
  Administrator:   admin / $ADMIN_PASSWORD
SUMMARY
  if [ "${HELPDESK_DEMO:-1}" != "0" ]; then
    echo "  Demo company:    Demo S.r.l. — username 12345678903, first password 12345678903"
  fi
  if [ -z "${HELPDESK_SMTP_URL:-}" ]; then
    echo "  E-mail:          kept by a local SMTP sink in $DATA/mail/ (one .eml + .json per message)"
  else
    echo "  E-mail:          sent to $(echo "$HELPDESK_SMTP_URL" | sed -E 's#//[^@/]*@#//***@#')"
  fi
  cat <<SUMMARY
  Logs:            $DATA/logs/
  gRPC services:   identity $(grpc_port identity), ticket $(grpc_port ticket), attachment $(grpc_port attachment), sla $(grpc_port sla), notification $(grpc_port notification)
  PostgreSQL:      postgresql://postgres@127.0.0.1:$PG_PORT/helpdesk
  NATS:            nats://127.0.0.1:$NATS_PORT
SUMMARY
}

# stop_process NAME: SIGTERM, then SIGKILL after 15 s.
stop_process() {
  local pidfile="$DATA/run/$1.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stack_stop() {
  echo "Stopping helpdesk…"
  stop_process gateway
  local name
  for name in "${HELPDESK_SERVICES[@]}"; do stop_process "$name"; done
  stop_process smtp-sink
  nats_stop "$DATA/nats"
  [ -f "$DATA/run/postgres.dir" ] && pg_stop "$(cat "$DATA/run/postgres.dir")"
  echo "Stopped."
}
