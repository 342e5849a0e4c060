#!/usr/bin/env bash
# Installs what the stack and its tests need on a fresh machine, and starts the services that do
# not answer: node modules (npm ci), bubblewrap, Chromium and redis-server (apt, as root), Redis and PostgreSQL when their
# servers are installed here. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node modules (npm ci; better-sqlite3 builds from source, about a minute)"
  npm ci --no-audit --no-fund
fi

if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing bubblewrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
  else
    echo "bubblewrap (bwrap) is missing: install it (Debian/Ubuntu: sudo apt-get install bubblewrap)" >&2
    exit 1
  fi
fi

# Chromium for the browser tests (the web app, apps/web/test; the API docs, apps/gateway/test/swagger-ui.e2e-spec.ts),
# driven by playwright-core; CHROMIUM_PATH points at another build.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium (browser tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1200 install -y -qq chromium >/dev/null
  else
    echo "chromium is missing (browser tests): install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# redis-server and redis-cli themselves, even with an external Redis: the e2e specs start their own
# servers (a restart, a 6-node Redis Cluster, a master with sentinels: apps/*/test/redis-*.e2e-spec.ts).
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing redis-server (redis-server, redis-cli, sentinel mode for the e2e specs)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1200 install -y -qq redis-server >/dev/null
  else
    echo "redis-server and redis-cli are missing (the e2e specs start their own): install them (Debian: sudo apt-get install redis-server)" >&2
    exit 1
  fi
fi

redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
redis_port=$(node -e 'console.log(new URL(process.argv[1]).port || 6379)' "$redis_url")
redis_host=$(node -e 'console.log(new URL(process.argv[1]).hostname || "127.0.0.1")' "$redis_url")
if ! node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>{s.write("PING\r\n")});s.on("data",d=>process.exit(/PONG/.test(d)?0:1));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),2000)' "$redis_host" "$redis_port"; then
  if command -v redis-server >/dev/null 2>&1 && [ "$redis_host" = 127.0.0.1 ]; then
    say "starting redis-server on port $redis_port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir /tmp
    sleep 0.5
  else
    echo "Redis does not answer at $redis_url and no local redis-server can be started (apt-get install redis-server)" >&2
    exit 1
  fi
fi

# PostgreSQL for the e2e spec that runs the stack on it (E2E_POSTGRES_URL): started when its
# cluster is installed here but down, and its database created when missing.
if [ "${SKIP_POSTGRES:-}" != 1 ]; then
  pg_url="${E2E_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
  pg_host=$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$pg_url")
  pg_port=$(node -e 'console.log(new URL(process.argv[1]).port || 5432)' "$pg_url")
  pg_db=$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1) || "postgres")' "$pg_url")
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      say "starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      for _ in $(seq 20); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 0.5; done
    fi
  fi
  if command -v psql >/dev/null 2>&1 && pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; then
    admin_url=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.href)' "$pg_url")
    if [ "$(psql "$admin_url" -Atc "SELECT 1 FROM pg_database WHERE datname = '$pg_db'" 2>/dev/null)" != 1 ]; then
      say "creating PostgreSQL database $pg_db"
      psql "$admin_url" -qc "CREATE DATABASE \"$pg_db\"" || true
    fi
  fi
fi
