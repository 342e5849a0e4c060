#!/usr/bin/env bash
# The cgroup-v2 suite. On the host (what scripts/test.sh calls): boots the guest of
# scripts/vm/run.sh with the checkout and the jest cache on virtio disks, and runs this script
# again inside it. In the guest (root, unified cgroup v2, no network but loopback):
#   1. a redis-server of its own (the host's binary); SQLite for the database;
#   2. as root, from a cgroup like a systemd service's with Delegate=yes (not the root cgroup,
#      so the judge must move itself out of its subtree's root): the sandbox e2e suite, hostile
#      programs included, and the sandbox-mode spec expecting mode root, cgroups v2;
#   3. as the unprivileged user oj-e2e with a delegated subtree (a cgroup chown'd to it, as
#      systemd's Delegate=yes does): the sandbox-mode spec expecting mode rootless, cgroups v2,
#      so boxes in a user namespace, limited by the cgroups the judge makes in that subtree
#      (MLE at memory.max, memory.peak, pids.max);
#   4. as root: the demo (scripts/demo.mjs) on the problems of DEMO_PROBLEMS (default
#      "aplusb guess kattis-oddecho": every expected verdict AC WA TLE RE CE and a partial
#      score, an interactive problem and a Kattis package) in the languages of DEMO_LANGUAGES
#      (default c,cpp,python3,javascript,rust), every time limit × E2E_TIME_SCALE (at most the
#      API's 15000 ms). Not Java: the JVM's start-up alone costs 9-16 s of CPU under emulation,
#      at that cap (Java is judged in the guest by the sandbox suite). The full demo (~190
#      submissions) would take hours under emulation.
# Time limits and timeouts are scaled by E2E_TIME_SCALE (default here 15: emulation is 13–19×
# slower than the host, and more on a loaded host); see test/support/time-scale.ts.
#
#   scripts/vm/test-cgroup-v2.sh [--kvm] [--rootless | --demo | JEST SPEC PATHS…]
#     (default: steps 1-4; --rootless or --demo: step 1 and that step only; spec paths: only
#     those, as root)
set -uo pipefail
cd "$(dirname "$0")/../.."

if [ "${OJ_VM_GUEST:-}" != 1 ]; then
  vm_args=()
  [ "${1:-}" = --kvm ] && { vm_args+=(--kvm); shift; }
  [ -n "${DEMO_PROBLEMS:-}" ] && vm_args+=(--env "DEMO_PROBLEMS=$DEMO_PROBLEMS")
  [ -n "${DEMO_LANGUAGES:-}" ] && vm_args+=(--env "DEMO_LANGUAGES=$DEMO_LANGUAGES")
  cache=$(npx jest --showConfig 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).configs[0].cacheDirectory))')
  mkdir -p "$cache"
  exec bash scripts/vm/run.sh "${vm_args[@]+"${vm_args[@]}"}" --copy . --copy "$cache" --timeout "${OJ_VM_TIMEOUT:-4500}" \
    --env OJ_VM_GUEST=1 --env TERM=dumb --env E2E_TIME_SCALE="${E2E_TIME_SCALE:-15}" -- bash scripts/vm/test-cgroup-v2.sh "$@"
fi

say() { printf '\033[1m[cgroup-v2 guest]\033[0m %s\n' "$*"; }
[ -f /sys/fs/cgroup/cgroup.controllers ] || { say "not a cgroup-v2 guest"; exit 1; }
say "kernel $(uname -r), cgroup2 controllers: $(cat /sys/fs/cgroup/cgroup.subtree_control), E2E_TIME_SCALE=$E2E_TIME_SCALE"
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp >/dev/null || { say "cannot start redis-server"; exit 1; }
for _ in $(seq 50); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.2; done
cache=$(npx jest --showConfig 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).configs[0].cacheDirectory))')

status=0
only=""
case "${1:-}" in --rootless | --demo) only=${1#--}; shift ;; esac
root_specs=("$@")
[ ${#root_specs[@]} -gt 0 ] && only=root
[ ${#root_specs[@]} -gt 0 ] || root_specs=(apps/judge/test/sandbox-mode.e2e-spec.ts apps/judge/test/sandbox.e2e-spec.ts apps/judge/test/warm-boxes.e2e-spec.ts)
step() { [ -z "$only" ] || [ "$only" = "$1" ]; }
secs() { echo $(( $(date +%s) - $1 )); }
summary=""

# 2. root, in a service-like cgroup.
mkdir -p /sys/fs/cgroup/oj-test.service
echo $$ > /sys/fs/cgroup/oj-test.service/cgroup.procs
if step root; then
  t=$(date +%s)
  say "as root in /oj-test.service: ${root_specs[*]}"
  if E2E_EXPECT_MODE=root E2E_EXPECT_CGROUPS=v2 npx jest --selectProjects e2e --runInBand --ci "${root_specs[@]}"; then r=passed; else r=FAILED; status=1; fi
  summary+="root: $r ($(secs "$t") s); "
fi

# 3. rootless, in a subtree delegated to the user (cgroup.procs, cgroup.subtree_control and
# cgroup.threads chown'd with the folder, as the kernel's delegation model says; the parent
# enables memory, pids and cpu for it). The guest's command runs in a real root (vm-init.sh
# switch_root), so an unprivileged user may create the user namespaces bwrap needs.
if step rootless; then
  t=$(date +%s)
  id oj-e2e >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin oj-e2e
  d=/sys/fs/cgroup/oj-rootless.service
  mkdir -p $d
  chown oj-e2e:oj-e2e $d $d/cgroup.procs $d/cgroup.subtree_control $d/cgroup.threads
  chmod -R a+rwX "$cache"   # the guest's throw-away copy of the jest cache: share it
  say "as oj-e2e (uid $(id -u oj-e2e)) in /oj-rootless.service, delegated: sandbox-mode spec"
  if (
    echo "$BASHPID" > $d/cgroup.procs
    exec setpriv --reuid=oj-e2e --regid=oj-e2e --clear-groups env HOME=/tmp NPM_CONFIG_UPDATE_NOTIFIER=false E2E_EXPECT_MODE=rootless E2E_EXPECT_CGROUPS=v2 \
      npx jest --selectProjects e2e --runInBand --ci --cacheDirectory "$cache" apps/judge/test/sandbox-mode.e2e-spec.ts
  ); then r=passed; else r=FAILED; status=1; fi
  summary+="rootless, delegated subtree: $r ($(secs "$t") s); "
fi

# 4. the demo's bounded form, as root (the judge in /oj-test.service like the suite above).
if step demo; then
  t=$(date +%s)
  read -ra problems <<< "${DEMO_PROBLEMS:-aplusb guess kattis-oddecho}"
  languages=${DEMO_LANGUAGES:-c,cpp,python3,javascript,rust}
  say "demo, time limits × $E2E_TIME_SCALE: ${problems[*]} in $languages"
  if START_WAIT_MS=900000 node scripts/demo.mjs --quiet --time-scale "$E2E_TIME_SCALE" --timeout 2400 --languages "$languages" "${problems[@]}"; then r=passed; else r=FAILED; status=1; fi
  summary+="demo (${problems[*]}): $r ($(secs "$t") s); "
fi
say "${summary%; }"
exit $status
