#!/bin/bash
# The entrypoint of the helpdesk image (/usr/local/bin/helpdesk):
#
#   helpdesk SERVICE [--flag=value...]   runs a service: identity, ticket, attachment, sla,
#                                        notification or gateway (settings: HELPDESK_* env)
#   helpdesk keygen PRIVATE PUBLIC       writes a new token key pair, unless both files exist
#   helpdesk health [HOST:]PORT [PATH]   exits 0 when http://HOST:PORT/PATH (default
#                                        127.0.0.1, /healthz) answers 200; for compose
#   helpdesk check                       checks the runtime files and exits
#
# Before a service starts, the files it reads at run time are checked; a
# missing one ends the container at once with one line naming it (exit 2, the
# services' own status for a bad setting).
set -euo pipefail

BIN=/opt/helpdesk/bin
SHARE=/opt/helpdesk/share

fail() {
  echo "helpdesk: $*" >&2
  exit 2
}

check_runtime_files() {
  [ -r /usr/share/zoneinfo/Europe/Rome ] ||
    fail "missing time-zone data /usr/share/zoneinfo/Europe/Rome (install the tzdata package)"
  # libmagic honours $MAGIC; Debian's default database is /usr/lib/file/magic.mgc.
  local magic="${MAGIC:-/usr/lib/file/magic.mgc}"
  [ -r "$magic" ] || fail "missing libmagic database $magic (install the libmagic-mgc package)"
  [ -r /etc/ssl/certs/ca-certificates.crt ] ||
    fail "missing CA bundle /etc/ssl/certs/ca-certificates.crt (install the ca-certificates package)"
}

check_gateway_files() {
  local sets="${HELPDESK_DESCRIPTOR_SETS:-$SHARE/helpdesk.pb}" set
  IFS=',' read -r -a sets_list <<<"$sets"
  for set in "${sets_list[@]}"; do
    [ -r "$set" ] || fail "missing descriptor set $set (HELPDESK_DESCRIPTOR_SETS)"
  done
  if [ -n "${HELPDESK_WEB_ROOT:-}" ] && [ ! -d "$HELPDESK_WEB_ROOT" ]; then
    fail "HELPDESK_WEB_ROOT $HELPDESK_WEB_ROOT is not a folder"
  fi
}

health() {
  local addr="${1:-}" path="${2:-/healthz}" host port status
  [ -n "$addr" ] || fail "usage: helpdesk health [HOST:]PORT [PATH]"
  host=127.0.0.1
  port="$addr"
  if [[ "$addr" == *:* ]]; then host="${addr%:*}"; port="${addr##*:}"; fi
  if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
    echo "unhealthy: cannot connect to $host:$port" >&2
    exit 1
  fi
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
  IFS= read -r -t 5 status <&3 || true
  status="${status%$'\r'}"
  case "$status" in
    "HTTP/1."?" 200"*) exit 0 ;;
  esac
  echo "unhealthy: ${status:-no answer} from $host:$port$path" >&2
  exit 1
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

command="${1:-help}"
[ "$#" -gt 0 ] && shift
case "$command" in
  identity | ticket | attachment | sla | notification)
    check_runtime_files
    exec "$BIN/$command" "$@"
    ;;
  gateway)
    check_runtime_files
    # The portal's files, when the image has them, unless set otherwise.
    if [ -z "${HELPDESK_WEB_ROOT+set}" ] && [ -e "$SHARE/web/index.html" ]; then
      export HELPDESK_WEB_ROOT="$SHARE/web"
    fi
    check_gateway_files
    exec "$BIN/gateway" "$@"
    ;;
  keygen)
    [ "$#" -eq 2 ] || fail "usage: helpdesk keygen PRIVATE_KEY_FILE PUBLIC_KEY_FILE"
    if [ -s "$1" ] && [ -s "$2" ]; then
      echo "helpdesk: token keys exist ($1, $2); keeping them"
      exit 0
    fi
    exec "$BIN/helpdesk-keygen" "$1" "$2"
    ;;
  health) health "$@" ;;
  check)
    check_runtime_files
    check_gateway_files
    echo "helpdesk: runtime files present"
    ;;
  help | -h | --help) usage ;;
  *) fail "unknown command \"$command\"; one of identity, ticket, attachment, sla, notification, gateway, keygen, health, check" ;;
esac
