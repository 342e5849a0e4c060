#!/usr/bin/env bash
# The cgroup-v2 suite. On the host (what scripts/test.sh calls): boots the guest of
# scripts/vm/run.sh with the checkout and the jest cache on virtio disks, and runs this script
# again inside it. In the guest (root, unified cgroup v2, no network but loopback):
#   1. a redis-server of its own (the host's binary); SQLite for the database;
#   2. as root, from a cgroup like a systemd service's with Delegate=yes (not the root cgroup,
#      so the judge must move itself out of its subtree's root): the sandbox e2e suite, hostile
#      programs included, and the sandbox-mode spec expecting mode root, cgroups v2;
#   3. as the unprivileged user oj-e2e with a delegated subtree (a cgroup chown'd to it, as
#      systemd's Delegate=yes does): the sandbox-mode spec expecting mode rootless, cgroups v2.
# Time limits and timeouts are scaled by E2E_TIME_SCALE (default here 15: emulation is 13–19×
# slower than the host, and more on a loaded host); see test/support/time-scale.ts.
#
#   scripts/vm/test-cgroup-v2.sh [--kvm] [--rootless | JEST SPEC PATHS…]
#     (default: steps 1-2; spec paths: only those, as root; --rootless: only step 3, which
#     does not pass yet: see the note at step 3)
set -uo pipefail
cd "$(dirname "$0")/../.."

if [ "${OJ_VM_GUEST:-}" != 1 ]; then
  vm_args=()
  [ "${1:-}" = --kvm ] && { vm_args+=(--kvm); shift; }
  cache=$(npx jest --showConfig 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).configs[0].cacheDirectory))')
  mkdir -p "$cache"
  exec bash scripts/vm/run.sh "${vm_args[@]+"${vm_args[@]}"}" --copy . --copy "$cache" --timeout "${OJ_VM_TIMEOUT:-2700}" \
    --env OJ_VM_GUEST=1 --env TERM=dumb --env E2E_TIME_SCALE="${E2E_TIME_SCALE:-15}" -- bash scripts/vm/test-cgroup-v2.sh "$@"
fi

say() { printf '\033[1m[cgroup-v2 guest]\033[0m %s\n' "$*"; }
[ -f /sys/fs/cgroup/cgroup.controllers ] || { say "not a cgroup-v2 guest"; exit 1; }
say "kernel $(uname -r), cgroup2 controllers: $(cat /sys/fs/cgroup/cgroup.subtree_control), E2E_TIME_SCALE=$E2E_TIME_SCALE"
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp >/dev/null || { say "cannot start redis-server"; exit 1; }
for _ in $(seq 50); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.2; done
cache=$(npx jest --showConfig 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).configs[0].cacheDirectory))')

status=0
rootless_only=0
[ "${1:-}" = --rootless ] && { rootless_only=1; shift; }
root_specs=("$@")
[ ${#root_specs[@]} -gt 0 ] || root_specs=(apps/judge/test/sandbox-mode.e2e-spec.ts apps/judge/test/sandbox.e2e-spec.ts)

# 2. root, in a service-like cgroup.
if [ $rootless_only = 0 ]; then
  mkdir -p /sys/fs/cgroup/oj-test.service
  echo $$ > /sys/fs/cgroup/oj-test.service/cgroup.procs
  say "as root in /oj-test.service: ${root_specs[*]}"
  E2E_EXPECT_MODE=root E2E_EXPECT_CGROUPS=v2 npx jest --selectProjects e2e --runInBand --ci "${root_specs[@]}" || status=1
fi

# 3. rootless, in a subtree delegated to the user (cgroup.procs, cgroup.subtree_control and
# cgroup.threads chown'd with the folder, as the kernel's delegation model says).
# Not in the default run yet: the guest runs the command chrooted, and a chrooted process may
# not create user namespaces, so rootless bwrap fails there (needs switch_root in vm-init.sh).
if [ $rootless_only = 1 ]; then
  id oj-e2e >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin oj-e2e
  d=/sys/fs/cgroup/oj-rootless.service
  mkdir -p $d
  chown oj-e2e:oj-e2e $d $d/cgroup.procs $d/cgroup.subtree_control $d/cgroup.threads
  chmod -R a+rwX "$cache"   # the guest's throw-away copy of the jest cache: share it
  say "as oj-e2e (uid $(id -u oj-e2e)) in /oj-rootless.service, delegated: sandbox-mode spec"
  (
    echo "$BASHPID" > $d/cgroup.procs
    exec setpriv --reuid=oj-e2e --regid=oj-e2e --clear-groups env HOME=/tmp NPM_CONFIG_UPDATE_NOTIFIER=false E2E_EXPECT_MODE=rootless E2E_EXPECT_CGROUPS=v2 \
      npx jest --selectProjects e2e --runInBand --ci --cacheDirectory "$cache" apps/judge/test/sandbox-mode.e2e-spec.ts
  ) || status=1
fi
exit $status
