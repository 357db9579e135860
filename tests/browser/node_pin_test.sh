#!/usr/bin/env bash
# tests/browser/node_pin_test.sh — tools/lib/node.sh without the network:
# stand-ins for node and npm on PATH play Debian 12's Node.js 18, a recent
# Node.js, and an npm whose tarball has the wrong checksum. The real fetch
# from the npm registry is the manual check in docs/build.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/helpdesk-node-pin.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then echo "  ok   $name"; else echo "  FAIL $name"; failures=$((failures + 1)); fi
}

# A `node` that answers --version and passes or fails the version check (-e).
fake_node() { # fake_node DIR VERSION RECENT(0|1)
  mkdir -p "$1"
  printf '#!/bin/sh\ncase "$1" in --version) echo v%s ;; -e) exit %s ;; *) exit 0 ;; esac\n' "$2" "$3" >"$1/node"
  chmod +x "$1/node"
}
fake_node "$work/old" 18.19.1 1
fake_node "$work/new" 22.14.0 0
# An npm that logs its calls and packs a tarball that is not the pinned one.
mkdir -p "$work/npm"
cat >"$work/npm/npm" <<'EOF'
#!/bin/sh
echo "$*" >>"$NPM_LOG"
[ "$1" = pack ] || exit 1
mkdir -p package/bin && echo tampered >package/bin/node
tar -czf "$(echo "$2" | sed 's/@/-/').tgz" package && rm -rf package
EOF
chmod +x "$work/npm/npm"
export NPM_LOG="$work/npm.log"
: >"$NPM_LOG"
arch=x64
case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; esac
base_path="$work/npm:/usr/bin:/bin"

run() { # run PATH_PREFIX CACHE: sources node.sh in a clean shell, prints the node it leaves on PATH
  env -i HOME="$work/home" XDG_CACHE_HOME="$2" NPM_LOG="$NPM_LOG" PATH="$1:$base_path" \
    bash -c 'source "$0/tools/lib/node.sh"; helpdesk_use_node || exit 3; command -v node' "$root" 2>"$work/stderr"
}

# 1. A recent node on PATH is kept, and npm is not asked.
out="$(run "$work/new" "$work/cache1")"
check "a recent node is kept" test "$out" = "$work/new/node"
check "nothing is fetched for a recent node" test ! -s "$NPM_LOG"

# 2. Node 18 with the pinned Node.js in the cache: the cached one goes first on PATH.
version="$(sed -n 's/^HELPDESK_NODE_VERSION=//p' "$root/tools/lib/node.sh")"
cached="$work/cache2/helpdesk/node-v$version-linux-$arch/bin"
fake_node "$cached" "$version" 0
out="$(run "$work/old" "$work/cache2")"
check "node 18 is replaced by the cached pinned node" test "$out" = "$cached/node"
check "it says which node it uses" grep -q "using Node.js $version" "$work/stderr"
check "nothing is fetched when the pinned node is cached" test ! -s "$NPM_LOG"

# 3. Node 18, nothing cached, and the registry's tarball is not the pinned one: refused.
status=0
run "$work/old" "$work/cache3" >/dev/null || status=$?
check "a tarball with another checksum is refused" test "$status" -eq 3
check "the refusal names the checksum" grep -q "not the pinned" "$work/stderr"
check "npm pack was asked for the arch's package" grep -q "^pack node-linux-$arch@$version" "$NPM_LOG"
check "nothing is installed from a bad tarball" test ! -e "$work/cache3/helpdesk/node-v$version-linux-$arch"

if [ "$failures" -ne 0 ]; then
  cat "$work/stderr" >&2
  echo "node_pin_test: $failures failed"
  exit 1
fi
echo "node_pin_test: all passed"
