# Images of the online judge, one Dockerfile with two runtime targets:
#
#   docker build --target gateway -t oj-gateway .   REST + WebSocket (node dist/apps/gateway/main.js)
#   docker build --target judge   -t oj-judge   .   sandboxed judge  (node dist/apps/judge/main.js)
#
# docker-compose.yml builds both; docs/deployment.md explains what the judge container needs.
# Needs BuildKit (the default builder since Docker Engine 23; with Docker 20.10 set
# DOCKER_BUILDKIT=1, and COMPOSE_DOCKER_CLI_BUILD=1 for docker-compose 1.x) for the npm cache
# mount. No `# syntax=` line on purpose: it would make every build fetch the Dockerfile frontend
# from Docker Hub; the frontend built into BuildKit (Docker 20.10 and later) is enough, so the
# images also build where no registry is reachable (test/compose/run.sh does exactly that).

ARG NODE_VERSION=20
# The two base images: Node.js on Debian 12 with a C/C++ toolchain and python3 (build) and
# without (runtime), with a `node` user of uid 1000. Any images of that shape will do, e.g.
# ones built locally from `debootstrap` (test/compose/node.Dockerfile) where no registry is
# reachable: --build-arg BUILD_IMAGE=... --build-arg RUNTIME_IMAGE=...
ARG BUILD_IMAGE=node:${NODE_VERSION}-bookworm
ARG RUNTIME_IMAGE=node:${NODE_VERSION}-bookworm-slim

# ---------------------------------------------------------------------------------------------
# build: install every dependency, compile both apps with the Nest CLI (webpack), then drop the
# dev dependencies so that node_modules is what the runtime images need.
# ---------------------------------------------------------------------------------------------
FROM ${BUILD_IMAGE} AS build
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
FROM ${RUNTIME_IMAGE} AS runtime
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
# The container needs CAP_SYS_ADMIN and CAP_NET_ADMIN, no seccomp filter and no AppArmor profile
# (not privileged): docs/deployment.md.
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

# Runs before the judge (see the comments inside docker/judge-entrypoint.sh); tini is PID 1 and
# reaps the orphans that killed boxes leave behind.
COPY docker/judge-entrypoint.sh /usr/local/bin/oj-judge-entrypoint

ENV JUDGE_WORK_DIR=/tmp/oj-judge
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/oj-judge-entrypoint"]
CMD ["node", "dist/apps/judge/main.js"]
