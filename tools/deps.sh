#!/usr/bin/env bash
# Installs the Debian packages the build, the local stack and the tests need.
# Idempotent: asks apt only for what is missing, and runs `apt-get update` once.
set -euo pipefail

HELPDESK_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates tzdata
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  golang-github-gogo-googleapis-dev grpc-proto
  libpqxx-dev libpq-dev postgresql
  libnats-dev nats-server
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libcli11-dev nlohmann-json3-dev
  libargon2-dev libsodium-dev libcurl4-openssl-dev libmagic-dev libzip-dev libarchive-dev libpng-dev libjpeg-dev
  python3-aiosmtpd
  docker-compose
  chromium
)
# The web portal's build (services/gateway/web) needs Node.js >= 20.19 and
# npm; a machine that has them from elsewhere (NodeSource) keeps its own,
# otherwise Debian's are installed. Debian 12's Node.js 18 is too old for
# Vite: the build then fetches a pinned Node.js from the npm registry with
# Debian's npm (tools/lib/node.sh), so no manual step is needed.
command -v node >/dev/null && command -v npm >/dev/null || HELPDESK_PACKAGES+=(nodejs npm)

missing=()
for p in "${HELPDESK_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "helpdesk: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
