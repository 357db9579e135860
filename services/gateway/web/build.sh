#!/usr/bin/env bash
# services/gateway/web/build.sh OUT_DIR
# Builds the web portal into OUT_DIR (the gateway's HELPDESK_WEB_ROOT):
# installs the locked npm packages when package-lock.json changed (npm ci),
# type-checks, and runs the Vite build. Called by CMake (target `portal`),
# so ./tools/run and ./tools/test build the portal with no manual step, on
# Debian 12 too (tools/lib/node.sh brings a newer Node.js when needed).
set -euo pipefail
web="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"

if ! command -v npm >/dev/null; then
  echo "portal: node and npm are needed (tools/deps.sh installs them)" >&2
  exit 1
fi
# Vite 8 needs Node.js ^20.19 or >= 22.12: an older system node (Debian 12's
# 18.19) is replaced on PATH by a pinned one from the npm registry.
source "$web/../../../tools/lib/node.sh"
helpdesk_use_node || exit 1

# One npm ci at a time for this folder, whichever build tree asks.
lock="/tmp/helpdesk-portal-npm-$(echo -n "$web" | sha1sum | cut -c1-12).lock"
(
  flock 9
  if [ ! -f "$web/node_modules/.package-lock.json" ] ||
     [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "portal: npm ci" >&2
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  cd "$web"
  ./node_modules/.bin/tsc --noEmit
  ./node_modules/.bin/vite build --outDir "$out" --emptyOutDir --logLevel warn
) 9>"$lock"
