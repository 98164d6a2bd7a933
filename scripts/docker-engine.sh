#!/usr/bin/env bash
# A real Docker engine for the tests, on a Debian machine as root (no image registry needed):
# Debian's dockerd with its own socket, data root and bridge; no host firewall or sysctl changes;
# published ports go through docker-proxy (the userland proxy), as on a developer's laptop.
# The image local/busybox is made from Debian's busybox-static. Adapted from the project's shared
# tools so that a clone runs its tests alone.
#
#   scripts/docker-engine.sh start    # installs dockerd when missing, prints DOCKER_HOST=unix://...
#   scripts/docker-engine.sh env      # prints DOCKER_HOST and ROOT without starting anything
#   scripts/docker-engine.sh stop     # removes its containers, stops dockerd, cleans up
#
# Each checkout gets its own engine (ROOT, BRIDGE and BRIDGE_CIDR derive from this script's path),
# so that several checkouts on one machine never stop each other's. The runtime `portguard-slow`
# (runc that waits PORTGUARD_SLOW_START seconds, default 3, before creating the container) holds a
# container in the "starting" state, with its published ports already listening, for the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
hash=$(printf %s "$here" | sha256sum | cut -c1-6)
ROOT=${ROOT:-/tmp/portguard-engine-$hash}
SOCK=$ROOT/docker.sock
BRIDGE=${BRIDGE:-pg$hash}
BRIDGE_CIDR=${BRIDGE_CIDR:-172.31.$((16#${hash:0:2} % 200 + 20)).1/24}
export DOCKER_HOST=unix://$SOCK
running() { [ -S "$SOCK" ] && docker version >/dev/null 2>&1; }
case "${1:-start}" in
env)
  echo "DOCKER_HOST=$DOCKER_HOST"
  echo "ROOT=$ROOT"
  ;;
start)
  if running; then echo "DOCKER_HOST=$DOCKER_HOST"; exit 0; fi
  if [ "$(id -u)" != 0 ]; then echo "docker-engine.sh: needs root (dockerd, a bridge)" >&2; exit 3; fi
  if ! command -v dockerd >/dev/null || ! [ -x /bin/busybox ]; then
    command -v apt-get >/dev/null || { echo "docker-engine.sh: no dockerd and no apt-get to install it" >&2; exit 3; }
    apt-get -qq update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends docker.io busybox-static >/dev/null
  fi
  mkdir -p "$ROOT"/{data,exec,rootfs/bin,rootfs/www,rootfs/etc}
  cat >"$ROOT/slow-runc" <<'RUNC'
#!/bin/sh
for a in "$@"; do [ "$a" = create ] && sleep "${PORTGUARD_SLOW_START:-3}" && break; done
exec runc "$@"
RUNC
  chmod +x "$ROOT/slow-runc"
  ip link add "$BRIDGE" type bridge 2>/dev/null || true
  ip addr replace "$BRIDGE_CIDR" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  setsid dockerd --host "unix://$SOCK" --data-root "$ROOT/data" --exec-root "$ROOT/exec" \
    --pidfile "$ROOT/dockerd.pid" --bridge="$BRIDGE" --iptables=false --ip6tables=false --ip-forward=false \
    --storage-driver="${STORAGE_DRIVER:-overlay2}" --userland-proxy=true \
    --add-runtime "portguard-slow=$ROOT/slow-runc" >"$ROOT/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do running && break; sleep 0.5; done
  running || { echo "docker-engine.sh: dockerd did not start (see $ROOT/dockerd.log)" >&2; exit 1; }
  docker version --format 'engine {{.Server.Version}} API {{.Server.APIVersion}}' >&2
  cp /bin/busybox "$ROOT/rootfs/bin/"
  for a in sh httpd nc sleep; do ln -sf busybox "$ROOT/rootfs/bin/$a"; done
  echo 'root:x:0:0:root:/:/bin/sh' >"$ROOT/rootfs/etc/passwd"
  echo hello >"$ROOT/rootfs/www/index.html"
  tar -C "$ROOT/rootfs" -cf "$ROOT/rootfs.tar" .
  docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' "$ROOT/rootfs.tar" local/busybox:latest >/dev/null
  echo "DOCKER_HOST=$DOCKER_HOST"
  ;;
stop)
  if running; then
    ids=$(docker ps -aq 2>/dev/null || true)
    [ -n "$ids" ] && docker rm -f $ids >/dev/null
  fi
  if [ -f "$ROOT/dockerd.pid" ]; then
    pid=$(cat "$ROOT/dockerd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  umount "$ROOT/exec/netns/default" 2>/dev/null || true
  ip link delete "$BRIDGE" 2>/dev/null || true
  rm -rf "$ROOT"
  ;;
*) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
