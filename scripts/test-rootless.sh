#!/usr/bin/env bash
# The judge not as root: runs the sandbox-mode e2e spec as the unprivileged system user oj-e2e
# (created when missing) with its own jest cache and work folders. Without a delegated cgroup v2
# subtree the judge runs boxes in a user namespace with rlimits only, and must say so in
# judge.status (mode rootless, cgroups none). Needs root to create the user and switch to it;
# the user needs read access to the checkout (and its node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[rootless]\033[0m %s\n' "$*"; }
[ "$(id -u)" = 0 ] || { say "run as root (it creates the user oj-e2e and switches to it)"; exit 1; }
id oj-e2e >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin oj-e2e
if ! setpriv --reuid=oj-e2e --regid=oj-e2e --clear-groups test -r node_modules/.bin/jest; then
  say "oj-e2e cannot read $(pwd)/node_modules: the checkout must be readable by other users"; exit 1
fi
home=$(mktemp -d /tmp/oj-rootless.XXXXXX)
chown oj-e2e:oj-e2e "$home"
trap 'rm -rf "$home"' EXIT
cache=/tmp/oj-rootless-jest-cache   # kept across runs: the TypeScript compile is the slow part
mkdir -p "$cache" && chown oj-e2e:oj-e2e "$cache"
say "as oj-e2e (uid $(id -u oj-e2e)): apps/judge/test/sandbox-mode.e2e-spec.ts"
setpriv --reuid=oj-e2e --regid=oj-e2e --clear-groups env -i PATH="$PATH" HOME="$home" NPM_CONFIG_UPDATE_NOTIFIER=false TMPDIR="$home" LANG=C.UTF-8 \
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" E2E_EXPECT_MODE=rootless E2E_EXPECT_CGROUPS="${E2E_EXPECT_CGROUPS:-none}" ${CI:+CI=$CI} \
  npx jest --selectProjects e2e --runInBand --ci --cacheDirectory "$cache" apps/judge/test/sandbox-mode.e2e-spec.ts "$@"
