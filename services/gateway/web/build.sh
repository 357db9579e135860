#!/usr/bin/env bash
# services/gateway/web/build.sh OUT_DIR
# Builds the web portal into OUT_DIR (the gateway's HELPDESK_WEB_ROOT):
# installs the locked npm packages when package-lock.json changed (npm ci),
# type-checks, and runs the Vite build. Called by CMake (target `portal`),
# so ./tools/run and ./tools/test build the portal with no manual step.
set -euo pipefail
web="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "portal: node and npm are needed (tools/deps.sh installs them)" >&2
  exit 1
fi
# Vite 8 needs Node.js ^20.19 or >= 22.12.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit((a===20&&b>=19)||(a===22&&b>=12)||a>22?0:1)'; then
  echo "portal: Node.js $(node --version) is too old: Vite needs ^20.19 or >= 22.12" >&2
  exit 1
fi

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
