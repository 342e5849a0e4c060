#!/bin/sh
# First start: initdb with POSTGRES_USER as the superuser and POSTGRES_PASSWORD as its password,
# then POSTGRES_DB owned by it (single-user mode: no server is listening meanwhile, so a
# healthcheck never sees a half-initialised database). Then the server as user postgres.
set -eu
if [ "${1:-}" = postgres ]; then
  : "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then echo "postgres: POSTGRES_PASSWORD is required" >&2; exit 1; fi
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres "$PGDATA" /run/postgresql
  chmod 0700 "$PGDATA"
  as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pw=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pw"
    chown postgres "$pw"
    as_postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pw" \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pw"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$POSTGRES_DB" != postgres ]; then
      echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
        | as_postgres postgres --single -D "$PGDATA" -j postgres >/dev/null
    fi
    echo "postgres: initialised $PGDATA (user $POSTGRES_USER, database $POSTGRES_DB)" >&2
  fi
  shift
  exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" "$@"
fi
exec "$@"
