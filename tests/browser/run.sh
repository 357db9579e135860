#!/usr/bin/env bash
# tests/browser/run.sh BUILD_DIR
# The portal's end-to-end test in a real browser: starts a whole local stack
# of its own (tools/lib/stack.sh, in a temporary data folder, on ports that
# no developer stack uses), then drives Debian's headless Chromium through
# playwright-core (portal.test.mjs). Screenshots land in
# BUILD_DIR/browser-artifacts/. HELPDESK_UPDATE_GUIDE=1 also copies the
# guide's screenshots into services/gateway/web/public/guide/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)"

fail() { echo "browser test: $*" >&2; exit 1; }
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: run tools/deps.sh (Debian package chromium)"
# The same Node.js as the portal's build (a pinned one when the system's is too old).
source "$root/tools/lib/node.sh"
helpdesk_use_node || fail "no usable Node.js (tools/lib/node.sh said why)"
[ -f "$build/web/index.html" ] || fail "the portal is not built in $build/web (ninja -C $build portal)"
for b in services/identity/identity services/ticket/ticket services/attachment/attachment \
         services/sla/sla services/notification/notification services/gateway/gateway \
         libs/auth/helpdesk-keygen protos/helpdesk.pb; do
  [ -e "$build/$b" ] || fail "$build/$b is missing: build the services first (ninja -C $build)"
done

# playwright-core, pinned by package-lock.json, once per lock change.
(
  flock 9
  if [ ! -f "$here/node_modules/.package-lock.json" ] ||
     [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  fi
) 9>"/tmp/helpdesk-browser-npm-$(echo -n "$here" | sha1sum | cut -c1-12).lock"

source "$root/tools/lib/servers.sh"

# A block of 30 ports nobody listens on (the stack uses BASE..BASE+25, and
# the gateway's HTTP port is BASE+29 here), below Linux's ephemeral range
# (32768 up), where connections and port-0 servers of other tests would take
# them away between this check and the servers' start.
pick_base() {
  local tries base p busy
  for tries in $(seq 1 50); do
    base=$(( 21000 + (RANDOM % 110) * 100 ))
    busy=0
    for p in $(seq "$base" $((base + 29))); do
      if port_in_use "$p"; then busy=1; break; fi
    done
    [ "$busy" -eq 0 ] && { echo "$base"; return 0; }
  done
  return 1
}
base="$(pick_base)" || fail "no free block of ports"

data="$(mktemp -d /tmp/helpdesk-browser.XXXXXX)"
chmod 755 "$data"
export HELPDESK_DATA_DIR="$data" HELPDESK_BASE_PORT="$base" HELPDESK_HTTP_PORT=$((base + 29))
export HELPDESK_BUILD_DIR="$build" HELPDESK_WEB_ROOT="$build/web"
export HELPDESK_ADMIN_PASSWORD="Browser-Admin-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
export HELPDESK_DEMO=1
unset HELPDESK_SMTP_URL

source "$root/tools/lib/stack.sh"
cleanup() {
  local status=$? stopping
  stopping=$(date +%s)
  stack_stop >"$data/stack-stop.log" 2>&1 || true
  echo "browser test: stack stopped in $(( $(date +%s) - stopping )) s"
  if [ "$status" -ne 0 ]; then
    mkdir -p "$build/browser-artifacts/logs"
    cp "$data"/logs/*.log "$build/browser-artifacts/logs/" 2>/dev/null || true
    echo "browser test: service logs copied to $build/browser-artifacts/logs/" >&2
  fi
  rm -rf "$data" "/var/tmp/helpdesk-pg-$(echo -n "$data" | sha1sum | cut -c1-12)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
stack_start >"$data/stack-start.log" 2>&1 || { cat "$data/stack-start.log" >&2; fail "the stack did not start"; }
echo "browser test: stack up on http://127.0.0.1:$HELPDESK_HTTP_PORT in $(( $(date +%s) - started )) s"

export PORTAL_URL="http://127.0.0.1:$HELPDESK_HTTP_PORT"
export ARTIFACTS="$build/browser-artifacts"
export MAIL_DIR="$data/mail"
export GUIDE_DIR="$root/services/gateway/web/public/guide"
node "$here/portal.test.mjs"
