#!/bin/sh
# Prepares the judge container, then runs the command (the judge) in its place.
#
# 1. cgroup v2 with a private cgroup namespace (the container's cgroup is "/"): moves every
#    process of the root cgroup into /init and enables the memory, pids and cpu controllers
#    for its children, so that the judge can create one cgroup per box beside /init. The kernel
#    refuses controllers below a cgroup that itself holds processes ("no internal processes").
#    A read-only /sys/fs/cgroup (container not privileged) is remounted read-write first,
#    which needs CAP_SYS_ADMIN and AppArmor unconfined. cgroup v1: the memory, pids and cpuacct
#    hierarchies are remounted read-write the same way when they are read-only.
# 2. When /run/oj-box-uids is mounted (a volume shared by every judge container on the host),
#    claims a free slot there with flock and moves this judge's box uids to
#    JUDGE_BOX_UID + 256 * slot, so that two judge containers never run boxes as the same host
#    uid: RLIMIT_NPROC and signal rights are per uid across the whole kernel.
set -eu

say() { echo "oj-judge-entrypoint: $*" >&2; }

CG=/sys/fs/cgroup
if [ -f "$CG/cgroup.controllers" ]; then
  if [ "$(cat /proc/self/cgroup)" != "0::/" ]; then
    say "warning: no private cgroup namespace ($(cat /proc/self/cgroup)): box cgroups would be created beside this container's cgroup; run it with cgroup: private"
  elif ! grep -qw memory "$CG/cgroup.controllers"; then
    say "warning: the memory controller is not available: the judge runs without cgroups (memory not measured)"
  else
    if ! mkdir -p "$CG/init" 2>/dev/null; then
      if mount -o remount,rw "$CG" 2>/dev/null; then mkdir -p "$CG/init" 2>/dev/null || :; fi
    fi
    if [ ! -d "$CG/init" ]; then
      say "warning: $CG is read-only: the judge runs without cgroups (memory not measured, CPU time per process); give the container CAP_SYS_ADMIN and no AppArmor profile (docs/deployment.md)"
    else
      # This shell first (what it starts from now on is born in /init), then the rest (tini).
      if ! echo $$ > "$CG/init/cgroup.procs"; then
        say "cannot move into $CG/init"
        exit 1
      fi
      for attempt in 1 2 3; do
        for pid in $(cat "$CG/cgroup.procs"); do echo "$pid" > "$CG/init/cgroup.procs" 2>/dev/null || :; done
        if [ -z "$(cat "$CG/cgroup.procs")" ]; then break; fi
      done
      for c in memory pids cpu; do
        if grep -qw "$c" "$CG/cgroup.controllers" && ! echo "+$c" > "$CG/cgroup.subtree_control"; then
          say "cannot enable the $c controller in $CG/cgroup.subtree_control: the judge could not limit its boxes"
          exit 1
        fi
      done
      say "cgroup v2: processes moved to /init; box cgroups get: $(cat "$CG/cgroup.subtree_control")"
    fi
  fi
elif [ -d "$CG/memory" ]; then
  # cgroup v1: the judge makes box cgroups in the memory, pids and cpuacct hierarchies, below
  # this container's own cgroup (what Docker mounts there). Read-only when the container is not
  # privileged: remounted read-write (CAP_SYS_ADMIN, no AppArmor mount denial).
  rw=""
  for c in memory pids cpuacct; do
    d=$(readlink -f "$CG/$c")
    if [ ! -d "$d" ]; then say "warning: no $c hierarchy at $CG/$c"; continue; fi
    # Docker bind-mounts each v1 hierarchy (this container's cgroup in it): a bind remount.
    if [ ! -w "$d" ] && ! err=$(mount -o remount,bind,rw "$d" 2>&1); then
      say "warning: $d is read-only and cannot be remounted ($err): the judge runs without cgroups (memory not measured); docs/deployment.md"
      continue
    fi
    rw="$rw $c"
  done
  say "cgroup v1: writable hierarchies:${rw:- none}"
fi

SLOTS=/run/oj-box-uids
if [ -d "$SLOTS" ]; then
  base="${JUDGE_BOX_UID:-60000}"
  slot=0
  while :; do
    if [ "$slot" -ge 16 ]; then
      say "all 16 box uid slots in $SLOTS are taken by running judges: stop one, or give this judge its own JUDGE_BOX_UID without the volume"
      exit 1
    fi
    exec 9>>"$SLOTS/slot-$slot.lock"
    if flock -n 9; then break; fi
    exec 9>&-
    slot=$((slot + 1))
  done
  # The lock lasts as long as some process holds the descriptor: a sleeper that lives as long
  # as the container. The judge itself must not inherit it (bwrap would pass it into boxes).
  sleep infinity &
  exec 9>&-
  JUDGE_BOX_UID=$((base + 256 * slot))
  export JUDGE_BOX_UID
  say "box uid slot $slot: boxes run as uids $JUDGE_BOX_UID..$((JUDGE_BOX_UID + 255))"
fi

exec "$@"
