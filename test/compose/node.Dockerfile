# Local stand-ins for the public node:20-bookworm-slim (target `slim`) and node:20-bookworm
# (target `full`) images, for hosts that reach no image registry (test/compose/run.sh).
# Base: a Debian 12 minbase root made by debootstrap and `docker import`ed (DEBIAN_IMAGE).
# Node.js: the host's own Node 20 (binary, npm, headers), laid out under /usr/local as in the
# official images; run.sh puts it in the build context as node/, with the host's CA bundle.
ARG DEBIAN_IMAGE=oj-local/debian:bookworm

FROM ${DEBIAN_IMAGE} AS slim
COPY node/ /usr/local/
# The host's CA bundle (run.sh copies it in; empty when the host has none), added to Node's
# own CAs: HTTPS through the host's network (npm ci in the build) then works as on the host.
COPY host-ca-bundle.crt /usr/local/share/oj-host-ca-bundle.crt
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/oj-host-ca-bundle.crt
RUN set -eux; \
    groupadd --gid 1000 node; \
    useradd --uid 1000 --gid node --shell /bin/bash --create-home node; \
    node --version; npm --version
CMD ["node"]

# The official full image is buildpack-deps: what node-gyp needs to compile native addons.
FROM slim AS full
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates python3 make g++; \
    rm -rf /var/lib/apt/lists/*
