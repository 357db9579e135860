#!/usr/bin/env bash
# deploy_files_test.sh [REPO_ROOT]: checks deploy/ without a container engine:
#   compose.yaml     validated by `docker compose config` or `docker-compose
#                    config` when one is installed; its structure (non-root,
#                    read-only, healthchecks, start order) with python3-yaml;
#                    every ${VARIABLE} it uses documented in helpdesk.env.example
#                    and the other way round; the alert rules parse
#   Dockerfile       the promised shape (Debian 12 build, 12-slim runtime, the
#                    runtime packages, uid 10001, the entrypoint)
#   *.sh             shellcheck, when installed
# Each tool that is missing is named in the output as not exercised; the
# image itself is not built here (docs/deploy.md).
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
deploy="$root/deploy"
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
note() { echo "not exercised: $*"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# helpdesk.env.example with every required value filled in.
sed 's/^\([A-Z_]*PASSWORD\)=$/\1=test0password/' "$deploy/helpdesk.env.example" >"$work/test.env"

# --- compose: a real parser when there is one -------------------------------------
if docker compose version >/dev/null 2>&1; then
  if docker compose -f "$deploy/compose.yaml" --env-file "$work/test.env" config -q 2>"$work/err"; then
    pass "docker compose config accepts deploy/compose.yaml"
  else
    fail "docker compose config: $(cat "$work/err")"
  fi
elif command -v docker-compose >/dev/null 2>&1; then
  # Compose v1 predates the top-level `name:`; everything else it checks.
  grep -v '^name:' "$deploy/compose.yaml" >"$work/compose-v1.yaml"
  if docker-compose --project-directory "$deploy" -f "$work/compose-v1.yaml" --env-file "$work/test.env" \
    config -q 2>"$work/err"; then
    pass "docker-compose (v1) config accepts deploy/compose.yaml"
  else
    fail "docker-compose config: $(cat "$work/err")"
  fi
else
  note "compose config (neither \`docker compose\` nor docker-compose installed)"
fi

# --- compose: structure ---------------------------------------------------------
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    py="$candidate"
    break
  fi
done
if [ -n "$py" ]; then
  if "$py" - "$deploy" >"$work/py.out" <<'PYEOF'; then
import re, sys, yaml
deploy = sys.argv[1]
text = open(f'{deploy}/compose.yaml').read()
c = yaml.safe_load(text)
svcs = c['services']
problems = []
ours = ['identity', 'ticket', 'attachment', 'sla', 'notification', 'gateway']
for name in ours + ['keygen']:
    s = svcs.get(name)
    if s is None:
        problems.append(f'no service {name}'); continue
    if s.get('user') != '10001:10001': problems.append(f'{name} does not run as 10001:10001')
    if s.get('read_only') is not True: problems.append(f'{name} has no read-only root filesystem')
    if 'ALL' not in s.get('cap_drop', []): problems.append(f'{name} does not drop ALL capabilities')
for name in ours + ['postgres', 'nats']:
    if 'healthcheck' not in svcs.get(name, {}): problems.append(f'{name} has no healthcheck')
for name in ours[:-1]:
    dep = svcs[name].get('depends_on', {})
    if dep.get('provision', {}).get('condition') != 'service_completed_successfully':
        problems.append(f'{name} does not wait for provision')
    if dep.get('nats', {}).get('condition') != 'service_healthy':
        problems.append(f'{name} does not wait for a healthy nats')
    url = svcs[name].get('environment', {}).get('HELPDESK_DATABASE_URL', '')
    if f'helpdesk_{name}:' not in url: problems.append(f'{name} does not connect as helpdesk_{name}')
gw = svcs['gateway'].get('depends_on', {})
for name in ours[:-1]:
    if gw.get(name, {}).get('condition') != 'service_healthy':
        problems.append(f'gateway does not wait for a healthy {name}')
used = set(re.findall(r'\$\{([A-Z_][A-Z0-9_]*)', text))
documented = set(re.findall(r'^([A-Z_][A-Z0-9_]*)=', open(f'{deploy}/helpdesk.env.example').read(), re.M))
for v in sorted(used - documented): problems.append(f'{v} is used by compose.yaml but not in helpdesk.env.example')
for v in sorted(documented - used): problems.append(f'{v} is in helpdesk.env.example but not used by compose.yaml')
rules = yaml.safe_load(open(f'{deploy}/prometheus/helpdesk-rules.yaml'))
for r in rules['groups'][0]['rules']:
    if not r.get('alert') or not r.get('expr'): problems.append(f'alert rule without alert/expr: {r}')
for p in problems: print(p)
sys.exit(1 if problems else 0)
PYEOF
    pass "compose.yaml structure, helpdesk.env.example and the alert rules agree"
  else
    while IFS= read -r line; do fail "compose: $line"; done <"$work/py.out"
  fi
else
  note "compose structure (python3 with the yaml module not installed)"
fi

# --- Dockerfile -----------------------------------------------------------------
df="$deploy/Dockerfile"
expect() { # expect DESCRIPTION REGEX
  if grep -Eq -- "$2" "$df"; then pass "Dockerfile: $1"; else fail "Dockerfile: $1 (no match for /$2/)"; fi
}
expect "builds on debian:12" '^FROM debian:12 AS build'
expect "runs on debian:12-slim" '^FROM debian:12-slim AS runtime'
expect "reuses tools/deps.sh" 'tools/deps\.sh'
expect "builds RelWithDebInfo with Ninja" 'CMAKE_BUILD_TYPE=RelWithDebInfo'
expect "strips the binaries" 'strip '
expect "runs as uid 10001" '^USER 10001'
expect "has the entrypoint" '^ENTRYPOINT \["/usr/local/bin/helpdesk"\]'
missing=""
for pkg in libgrpc++1.51 libprotobuf32 libabsl20220623 libpqxx-6.4 libpq5 libnats3.4 libsodium23 \
  libargon2-1 libcurl4 libmagic1 libmagic-mgc libarchive13 tzdata ca-certificates; do
  grep -q -- "$pkg" "$df" || missing="$missing $pkg"
done
if [ -z "$missing" ]; then pass "Dockerfile: runtime packages listed"; else fail "Dockerfile: runtime packages missing:$missing"; fi
if grep -Eq '^FROM [^ ]*:latest' "$df"; then fail "Dockerfile: a :latest base image"; fi

# --- shell scripts --------------------------------------------------------------
if command -v shellcheck >/dev/null 2>&1; then
  for f in "$deploy/docker-entrypoint.sh" "$deploy/postgres/provision.sh"; do
    if shellcheck "$f" >"$work/sc" 2>&1; then pass "shellcheck ${f#"$root"/}"; else fail "shellcheck ${f#"$root"/}: $(cat "$work/sc")"; fi
  done
else
  note "shellcheck (not installed)"
fi
bash -n "$deploy/docker-entrypoint.sh" && bash -n "$deploy/postgres/provision.sh" && pass "scripts parse"

if docker info >/dev/null 2>&1; then
  note "docker build (an engine is available; the full C++ build is too slow for this suite: docker build -f deploy/Dockerfile .)"
else
  note "docker build (no container engine here)"
fi

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
