# syntax=docker/dockerfile:1
#
# Images of the online judge, one Dockerfile with two runtime targets:
#
#   docker build --target gateway -t oj-gateway .   REST + WebSocket (node dist/apps/gateway/main.js)
#   docker build --target judge   -t oj-judge   .   sandboxed judge  (node dist/apps/judge/main.js)
#
# docker-compose.yml builds both; docs/deployment.md explains what the judge container needs.
# Needs BuildKit (the default builder since Docker Engine 23 and of `docker compose`): the
# `syntax` line above, the npm cache mount and the judge's here-document entrypoint use it.

ARG NODE_VERSION=20

# ---------------------------------------------------------------------------------------------
# build: install every dependency, compile both apps with the Nest CLI (webpack), then drop the
# dev dependencies so that node_modules is what the runtime images need.
# ---------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# package.json's allowScripts (install scripts of better-sqlite3 and msgpackr-extract yes,
# @scarf/scarf no) is a policy of npm 11.16+; node:20 ships npm 10, which runs every install
# script, so scarf's analytics are switched off by its own variable.
# Native addons are compiled here with node-gyp (python3, make and g++ are in the bookworm
# image) against the headers of this very Node (/usr/local/include/node), instead of fetching
# prebuilt binaries or header tarballs: the build needs nothing but the npm registry. They link
# against bookworm's glibc, the same as the bookworm-slim runtime images below.
ENV SCARF_ANALYTICS=false \
    npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci \
 && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
COPY . .
RUN npm run build \
 && npm prune --omit=dev \
 && test -f dist/apps/gateway/main.js \
 && test -f dist/apps/judge/main.js

# ---------------------------------------------------------------------------------------------
# runtime: what both apps need at run time. The webpack bundles keep node_modules external.
# ---------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# ---------------------------------------------------------------------------------------------
# gateway: REST under /api/v1, WebSocket at /ws. Imports the problem packages of PROBLEMS_DIRS
# (default examples/problems, relative to /app) on start. Runs as the unprivileged `node` user.
# ---------------------------------------------------------------------------------------------
FROM runtime AS gateway
COPY --from=build /app/examples/problems ./examples/problems
# DATA_DIR (./data) holds the SQLite file when DATABASE_URL is unset; writable by `node`.
RUN mkdir -p /app/data && chown node:node /app/data
ENV PORT=3000
EXPOSE 3000
USER node
CMD ["node", "dist/apps/gateway/main.js"]

# ---------------------------------------------------------------------------------------------
# judge: the toolchains from Debian and bubblewrap; gcc also builds the sandbox's box-init. It runs
# as root: for every run the sandbox creates namespaces (bwrap) and a cgroup as root, then box-init drops to an
# unprivileged box uid (JUDGE_BOX_UID + slot, 60000+) with no capabilities and no-new-privs.
# The container must be started privileged or with the equivalent rights: docs/deployment.md.
# ---------------------------------------------------------------------------------------------
FROM runtime AS judge
# Everything lands under /usr, the only tree a box sees (the registry resolves the
# /etc/alternatives links of javac, java and cc to their real paths).
# /usr/share/man/man1 is missing from slim images; openjdk's postinst registers man pages
# with update-alternatives and fails without it.
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        bubblewrap util-linux tini \
        gcc g++ libc6-dev \
        python3 \
        openjdk-17-jdk-headless \
        rustc; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -m 0711 -p /tmp/oj-judge; \
    bwrap --version; gcc --version; g++ --version; python3 --version; \
    javac -version; java -version; rustc --version

# More languages: LANGUAGES=all installs every toolchain the registry knows (scripts/setup-languages.sh,
# the one list of Debian packages per language), or a list of ids: LANGUAGES=go,kotlin,haskell.
# The default keeps the image to the six above.
ARG LANGUAGES=default
COPY scripts/setup-languages.sh /usr/local/lib/oj/setup-languages.sh
RUN if [ "$LANGUAGES" != default ]; then \
      apt-get update; \
      if [ "$LANGUAGES" = all ]; then bash /usr/local/lib/oj/setup-languages.sh; \
      else bash /usr/local/lib/oj/setup-languages.sh $(echo "$LANGUAGES" | tr ',' ' '); fi; \
      rm -rf /var/lib/apt/lists/*; \
    fi

# Runs before the judge (see the comments inside); tini is PID 1 and reaps the orphans that
# killed boxes leave behind.
COPY --chmod=0755 <<'EOF' /usr/local/bin/oj-judge-entrypoint
#!/bin/sh
# Prepares the judge container, then runs the command (the judge) in its place.
#
# 1. cgroup v2 with a private cgroup namespace (the container's cgroup is "/"): moves every
#    process of the root cgroup into /init and enables the memory, pids and cpu controllers
#    for its children, so that the judge can create one cgroup per box beside /init. The kernel
#    refuses controllers below a cgroup that itself holds processes ("no internal processes").
#    A read-only /sys/fs/cgroup (container not privileged) is remounted read-write first,
#    which needs CAP_SYS_ADMIN and AppArmor unconfined.
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
      say "warning: $CG is read-only: the judge runs without cgroups (memory not measured, CPU time per process); run the container privileged (docs/deployment.md)"
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
EOF

ENV JUDGE_WORK_DIR=/tmp/oj-judge
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/oj-judge-entrypoint"]
CMD ["node", "dist/apps/judge/main.js"]
