#!/usr/bin/env bash
# `npm run test:compose`: the Docker Compose deployment, started for real.
#
#   1. starts a private Docker engine (dockerd with its own --data-root, --exec-root, --pidfile,
#      unix socket and bridge; never the system service), after recording the host's network
#      state (iptables rules, ip_forward and bridge sysctls, network links);
#   2. builds the base images locally when they are not cached yet (no image registry is
#      needed): Debian 12 minbase by debootstrap + `docker import`, Node.js from the host on it,
#      PostgreSQL and Redis from Debian's packages (test/compose/*/Dockerfile);
#   3. builds the project's images from its Dockerfile on those bases and runs
#      `docker-compose up` with docker-compose.yml as a user runs it plus
#      test/compose/docker-compose.test.yml (local images, ADMIN_TOKEN, a free port): PostgreSQL,
#      Redis (AOF), a gateway and two judge replicas;
#   4. runs test/compose/*.compose-spec.ts (jest project `compose`) against it;
#   5. tears everything down (`docker-compose down -v`), stops dockerd and puts the host back as
#      it was found, also on failure, Ctrl-C or timeout (a trap), and checks that it did.
#
# Options: --json FILE   jest's JSON results (scripts/test.sh adds them to its counts)
# Environment:
#   OJ_DOCKER_CACHE      where images and the debootstrap tarball are kept between runs
#                        (default /var/cache/oj-docker; outside the repository)
#   OJ_DEBIAN_MIRROR     debootstrap's mirror (default: the deb.debian.org URI apt uses)
#   OJ_COMPOSE_TIMEOUT   seconds before the whole run is stopped and cleaned up (default 2700)
#   OJ_COMPOSE_OVERRIDE  one more Compose file applied last (e.g. to try other judge options)
#   OJ_COMPOSE_INSPECT   a shell command run once the stack is up, before the specs (debugging)
#   CI=true              Docker not runnable here is a failure (else: said plainly, skipped)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

JSON_OUT=
while [ $# -gt 0 ]; do
  case "$1" in
    --json) JSON_OUT=$2; shift 2 ;;
    *) echo "test:compose: unknown argument $1" >&2; exit 2 ;;
  esac
done

CACHE=${OJ_DOCKER_CACHE:-/var/cache/oj-docker}
RUN=/run/oj-docker            # exec-root, pidfile, socket: short paths (unix socket length limit)
BRIDGE=oj-docker0
BRIDGE_CIDR=${OJ_DOCKER_BRIDGE_CIDR:-172.31.254.1/24}
# docker-compose reads these two (so do the specs' docker-compose calls).
export COMPOSE_PROJECT_NAME=ojcomposetest
export COMPOSE_FILE=docker-compose.yml:test/compose/docker-compose.test.yml${OJ_COMPOSE_OVERRIDE:+:$OJ_COMPOSE_OVERRIDE}
TIMEOUT=${OJ_COMPOSE_TIMEOUT:-2700}
T0=$(date +%s)

say() { echo "[test:compose $(( $(date +%s) - T0 ))s] $*" >&2; }

write_json() { # passed failed skipped
  [ -n "$JSON_OUT" ] || return 0
  printf '{"numPassedTests":%s,"numFailedTests":%s,"numRuntimeErrorTestSuites":0,"numPendingTests":%s}\n' "$1" "$2" "$3" > "$JSON_OUT"
}

# Docker cannot run here: said plainly; a failure on CI, where the path must be proven.
unavailable() {
  say "NOT RUN: Docker cannot run on this machine: $*"
  if [ "${CI:-}" = true ]; then
    say "CI=true: the Docker Compose path is required on CI, failing"
    write_json 0 1 0
    exit 1
  fi
  write_json 0 0 1
  exit 0
}

# --- prerequisites (installed from Debian when missing, as root) -----------------------------
[ "$(id -u)" = 0 ] || unavailable "dockerd needs root (this runs as uid $(id -u))"
need_pkgs=()
command -v dockerd >/dev/null || need_pkgs+=(docker.io)
[ -x /usr/bin/docker ] || command -v docker >/dev/null || need_pkgs+=(docker.io)
command -v docker-compose >/dev/null || need_pkgs+=(docker-compose)
command -v debootstrap >/dev/null || need_pkgs+=(debootstrap)
command -v iptables-save >/dev/null || need_pkgs+=(iptables)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  say "installing ${need_pkgs[*]} from Debian"
  if ! apt-get -o DPkg::Lock::Timeout=1200 install -y --no-install-recommends "${need_pkgs[@]}" >&2; then
    unavailable "could not install ${need_pkgs[*]} with apt-get"
  fi
fi
# The CLI that came with the engine (docker.io: /usr/bin/docker) builds with BuildKit by itself;
# a newer CLI without the buildx plugin would refuse DOCKER_BUILDKIT=1.
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI=$(command -v docker)

mkdir -p "$CACHE" "$RUN"
# One engine of ours at a time on this host (its iptables chains and bridge are host-wide).
exec 8>"$RUN.lock"
if ! flock -w 1800 8; then say "another test:compose holds $RUN.lock for 30 min"; exit 1; fi

# --- the host as found ---------------------------------------------------------------------
SNAP=$(mktemp -d)
SYSCTLS=(net/ipv4/ip_forward net/ipv6/conf/all/forwarding net/ipv6/conf/default/forwarding
  net/bridge/bridge-nf-call-iptables net/bridge/bridge-nf-call-ip6tables)
# dockerd writes its rules with `iptables`: through nf_tables (Debian's default) the whole nft
# ruleset is saved and put back; with the legacy backend, iptables-save / ip6tables-save.
if iptables --version | grep -q nf_tables && command -v nft >/dev/null; then FW=nft; else FW=legacy; fi
save_fw() { # dir: firewall.raw (to restore) and firewall (to compare: without counters)
  if [ "$FW" = nft ]; then
    nft list ruleset > "$1/firewall.raw"
  else
    { iptables-save; echo "COMMIT6"; ip6tables-save 2>/dev/null || :; } > "$1/firewall.raw"
  fi
  # A table with no rules, no chains of its own and every policy ACCEPT filters nothing: the same
  # as no table (iptables-save lists a table once its module is loaded, as dockerd's first start does).
  { grep -v '^#' "$1/firewall.raw" || :; } | sed -E 's/ \[[0-9]+:[0-9]+\]$//; s/counter packets [0-9]+ bytes [0-9]+/counter/' \
    | awk '/^\*/ { block = $0 "\n"; open = 1; empty = 1; next }
           open && /^COMMIT$/ { if (!empty) printf "%s%s\n", block, $0; open = 0; next }
           open { block = block $0 "\n"; if ($0 !~ /^:[A-Z]+ ACCEPT$/) empty = 0; next }
           { print }' > "$1/firewall"
}
restore_fw() { # dir
  if [ "$FW" = nft ]; then
    nft flush ruleset
    [ ! -s "$1/firewall.raw" ] || nft -f "$1/firewall.raw"
  else
    local t
    for t in $(iptables-save | sed -n 's/^\*//p'); do
      grep -qx "\*$t" "$1/firewall.raw" && continue
      iptables -t "$t" -F; iptables -t "$t" -X
      for c in $(iptables -t "$t" -S | sed -n 's/^-P \([A-Z]*\) .*/\1/p'); do iptables -t "$t" -P "$c" ACCEPT; done
    done
    sed '/^COMMIT6$/,$d' "$1/firewall.raw" | iptables-restore
    sed '1,/^COMMIT6$/d' "$1/firewall.raw" | { ip6tables-restore 2>/dev/null || :; }
  fi
}
snapshot() { # dir
  save_fw "$1"
  ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort > "$1/links"
  for s in "${SYSCTLS[@]}"; do
    if [ -e "/proc/sys/$s" ]; then echo "$s $(cat "/proc/sys/$s")"; else echo "$s absent"; fi
  done > "$1/sysctls"
}
snapshot "$SNAP"
if grep -qx "$BRIDGE" "$SNAP/links"; then
  say "the bridge $BRIDGE already exists: an engine of another run is still up? (remove it first)"
  exit 1
fi

export DOCKER_HOST=unix://$RUN/docker.sock
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
SHIM=$(mktemp -d)
ln -s "$DOCKER_CLI" "$SHIM/docker"
export PATH="$SHIM:$PATH"
docker() { "$DOCKER_CLI" "$@"; }
compose() { docker-compose "$@"; }

STACK_UP=
RESTORED=
DOCKERD_PID=
WATCHDOG=

# Undo everything, whatever state the run reached; then check the host is as it was found.
restore() {
  [ -z "$RESTORED" ] || return 0
  RESTORED=1
  set +e
  if [ -n "$WATCHDOG" ]; then
    local sleeper; sleeper=$(pgrep -P "$WATCHDOG")
    kill "$WATCHDOG" 2>/dev/null; [ -z "$sleeper" ] || kill $sleeper 2>/dev/null
  fi
  if [ -n "$STACK_UP" ] && [ -S "$RUN/docker.sock" ]; then
    say "tearing the stack down (containers, networks, volumes)"
    compose down -v --remove-orphans --timeout 20 2>&1 | tail -n 3 >&2
    docker image prune -f >/dev/null 2>&1
  fi
  local pid=$DOCKERD_PID
  [ -n "$pid" ] || pid=$(cat "$RUN/dockerd.pid" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    say "stopping dockerd ($pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  # Its containerd and shims normally leave with it; any left (a crash) are ours by pidfile.
  for f in "$RUN"/exec/containerd/containerd.pid; do
    [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null
  done
  # Mounts of ours left behind (overlays, netns, shm) would pin the data root.
  grep -E " ($RUN|$CACHE/engine)[/ ]" /proc/mounts | awk '{ print $2 }' | sort -r | while read -r m; do umount -l "$m"; done
  # Links the engine made (its bridge, Compose network bridges, veth pairs).
  snapshot_links=$(mktemp)
  ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort > "$snapshot_links"
  comm -13 "$SNAP/links" "$snapshot_links" | while read -r l; do ip link delete "$l" 2>/dev/null; done
  rm -f "$snapshot_links"
  # Firewall rules exactly as saved.
  restore_fw "$SNAP"
  while read -r s v; do
    [ "$v" = absent ] || [ ! -w "/proc/sys/$s" ] || echo "$v" > "/proc/sys/$s"
  done < "$SNAP/sysctls"
  rm -rf "$SHIM" "$RUN/exec" "$RUN/docker.sock" "$RUN/dockerd.pid"
  local after; after=$(mktemp -d)
  snapshot "$after"
  local ok=1
  for f in firewall links; do
    if ! diff -u "$SNAP/$f" "$after/$f" > "$after/$f.diff"; then
      ok=; say "host NOT as found: $f differs:"; cat "$after/$f.diff" >&2
    fi
  done
  # Sysctls that existed must have their old values; the bridge ones appear when dockerd makes
  # the kernel load br_netfilter (modules are not unloaded here): only noted.
  while read -r s v; do
    now=$(grep "^$s " "$after/sysctls" | cut -d' ' -f2)
    if [ "$v" != absent ] && [ "$v" != "$now" ]; then ok=; say "host NOT as found: $s is $now, was $v"; fi
    if [ "$v" = absent ] && [ "$now" != absent ]; then say "note: /proc/sys/$s appeared (kernel module loaded by dockerd), now $now"; fi
  done < "$SNAP/sysctls"
  [ -z "$ok" ] || say "host restored: iptables rules, network links and sysctls as found"
  rm -rf "$SNAP" "$after"
  [ -n "$ok" ]
}
on_exit() {
  local rc=$?
  restore || rc=1
  exit $rc
}
trap on_exit EXIT
trap 'say "failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
trap 'say "interrupted"; exit 130' INT
trap 'say "stopped (TERM or timeout)"; exit 143' TERM

# Timeout: TERM to this script, and to what it waits for (the trap runs once that returns).
# (Without the lock's descriptor: nothing but this script may hold the lock.)
( exec 8>&-; sleep "$TIMEOUT"; say "timeout after ${TIMEOUT}s"; kill -TERM $$; pkill -TERM -P $$ ) 2>/dev/null &
WATCHDOG=$!

# --- the engine ----------------------------------------------------------------------------
ip link add "$BRIDGE" type bridge
ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
ip link set "$BRIDGE" up
say "starting dockerd (data root $CACHE/engine, socket $RUN/docker.sock, bridge $BRIDGE)"
dockerd --data-root "$CACHE/engine" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
  --host "$DOCKER_HOST" --bridge "$BRIDGE" --log-level warn > "$RUN/dockerd.log" 2>&1 8>&- &
DOCKERD_PID=$!
for _ in $(seq 1 300); do
  docker version >/dev/null 2>&1 && break
  kill -0 "$DOCKERD_PID" 2>/dev/null || break
  sleep 0.1
done
if ! docker version >/dev/null 2>&1; then
  tail -n 20 "$RUN/dockerd.log" >&2
  unavailable "dockerd did not start (log above)"
fi
say "dockerd $(docker version -f '{{.Server.Version}}') ready: $(docker info -f '{{.Driver}}, cgroup v{{.CgroupVersion}}, {{.CgroupDriver}}')"

# --- base images, cached --------------------------------------------------------------------
has_image() { docker image inspect "$1" >/dev/null 2>&1; }
DEBIAN_IMAGE=oj-local/debian:bookworm
if ! has_image "$DEBIAN_IMAGE"; then
  tarball=$CACHE/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    mirror=${OJ_DEBIAN_MIRROR:-$(grep -rhoE 'https?://deb\.debian\.org/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null | head -n 1 || :)}
    mirror=${mirror:-http://deb.debian.org/debian}
    say "debootstrap --variant=minbase bookworm from $mirror (once; cached in $tarball)"
    rootfs=$CACHE/rootfs.tmp
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$CACHE/debootstrap.log" 2>&1 \
      || { tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
    m=${mirror%/}
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' "$m" "$m" "$m" > "$rootfs/etc/apt/sources.list"
    # As Debian's official images: no recommends, no package caches kept.
    printf 'APT::Install-Recommends "false";\n' > "$rootfs/etc/apt/apt.conf.d/90oj-no-recommends"
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
    tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  docker import "$tarball" "$DEBIAN_IMAGE" >/dev/null
  say "imported $DEBIAN_IMAGE"
fi

# Node.js: the host's (the version the project is tested with), under /usr/local as in the
# official node images.
NODE_VERSION=$(node -p 'process.versions.node')
NODE_MAJOR=${NODE_VERSION%%.*}
# The host's CA bundle goes in too: where HTTPS goes through an intercepting proxy (as here),
# npm in the build trusts what the host trusts.
HOST_CA=${OJ_HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
[ -s "$HOST_CA" ] || HOST_CA=/dev/null
node_key=$(cat test/compose/node.Dockerfile "$HOST_CA" | sha256sum | cut -c1-12)
NODE_SLIM=oj-local/node:$NODE_VERSION-bookworm-slim-$node_key
NODE_FULL=oj-local/node:$NODE_VERSION-bookworm-$node_key
if ! has_image "$NODE_SLIM" || ! has_image "$NODE_FULL"; then
  ctx=$(mktemp -d)
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
  node_inc=$(cd "$(dirname "$node_bin")/../include/node" && pwd)
  mkdir -p "$ctx/node/bin" "$ctx/node/lib/node_modules" "$ctx/node/include"
  cp "$node_bin" "$ctx/node/bin/node"
  cp -a "$npm_dir" "$ctx/node/lib/node_modules/npm"
  cp -a "$node_inc" "$ctx/node/include/node"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ctx/node/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ctx/node/bin/npx"
  cp test/compose/node.Dockerfile "$ctx/Dockerfile"
  cp "$HOST_CA" "$ctx/host-ca-bundle.crt"
  say "building $NODE_SLIM and $NODE_FULL (host Node.js $NODE_VERSION on $DEBIAN_IMAGE)"
  docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" --target slim -t "$NODE_SLIM" "$ctx" >/dev/null
  docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" --target full -t "$NODE_FULL" "$ctx" >/dev/null
  rm -rf "$ctx"
  # Node bases of an older key (another host Node.js, CA bundle or node.Dockerfile) are unused.
  docker images --format '{{.Repository}}:{{.Tag}}' oj-local/node | grep -vxF -e "$NODE_SLIM" -e "$NODE_FULL" \
    | xargs -r "$DOCKER_CLI" rmi >/dev/null 2>&1 || :
fi
say "building the local PostgreSQL and Redis images"
docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t oj-local/postgres:test test/compose/postgres >/dev/null
docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t oj-local/redis:test test/compose/redis >/dev/null

# --- the project's images and the stack ---------------------------------------------------
export OJ_BUILD_IMAGE=$NODE_FULL OJ_RUNTIME_IMAGE=$NODE_SLIM OJ_NODE_MAJOR=$NODE_MAJOR
export ADMIN_TOKEN=${ADMIN_TOKEN:-compose-test-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
export PORT
say "building the gateway and judge images (Dockerfile on the local bases)"
t_build=$(date +%s)
compose build >"$RUN/build.log" 2>&1 || { tail -n 40 "$RUN/build.log" >&2; say "image build failed"; exit 1; }
say "images built in $(( $(date +%s) - t_build ))s"

STACK_UP=1
t_up=$(date +%s)
say "docker-compose up: postgres, redis, gateway, 2 judges (gateway on 127.0.0.1:$PORT)"
if ! compose up -d >"$RUN/up.log" 2>&1; then
  cat "$RUN/up.log" >&2
  compose logs --tail 40 >&2 || :
  say "docker-compose up failed"
  exit 1
fi
say "stack up in $(( $(date +%s) - t_up ))s"

export OJ_COMPOSE_URL=http://127.0.0.1:$PORT OJ_DOCKER_CLI=$DOCKER_CLI
# A look inside before the specs run (debugging): a shell command, with DOCKER_HOST and
# COMPOSE_* set.
[ -z "${OJ_COMPOSE_INSPECT:-}" ] || bash -c "$OJ_COMPOSE_INSPECT" >&2 || :
jest_args=(--selectProjects compose --runInBand)
[ -z "$JSON_OUT" ] || jest_args+=(--json --outputFile "$JSON_OUT")
status=0
npx jest "${jest_args[@]}" || status=$?
if [ $status -ne 0 ]; then
  say "tests failed; the containers' last log lines:"
  compose ps >&2 || :
  compose logs --tail 30 >&2 || :
fi
say "done in $(( $(date +%s) - T0 ))s"
exit $status
