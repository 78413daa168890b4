#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 + PostGIS cluster of its own, then stops and removes it.
#   tests/pg/with_cluster.sh COMMAND [ARG...]
# The cluster lives in a temporary folder (TMPDIR): initdb'd there as the `postgres` system user when we are root
# (PostgreSQL refuses to run as root), as ourselves otherwise. It listens on a Unix socket in that folder and on
# 127.0.0.1 at a free port; the socket trusts its local users, TCP asks for a password (scram-sha-256), so a test
# can try a wrong one. One database, `bordermap`, with PostGIS. The command runs with PGHOST (the socket folder),
# PGPORT, PGDATABASE and PGUSER set, plus BM_PG_TCP_PORT and BM_PG_PASSWORD_USER/BM_PG_PASSWORD (a role that
# logs in over TCP with that password) and BM_PG_DIR (the folder, for a test's own files). The cluster is stopped and
# removed when the command ends, fails, or this script is interrupted (EXIT, INT, TERM). Exits with the command's
# status, or 1 when the cluster cannot be made. Each run has its own folder and port, so tests may run in parallel.
set -euo pipefail

pg_bin=${BM_PG_BIN:-/usr/lib/postgresql/15/bin}
say() { printf 'with_cluster: %s\n' "$*" >&2; }
[[ $# -ge 1 ]] || { say "usage: with_cluster.sh COMMAND [ARG...]"; exit 2; }
[[ -x $pg_bin/initdb ]] || { say "no PostgreSQL at $pg_bin (install postgresql-15 and postgresql-15-postgis-3)"; exit 1; }

# Unix socket paths are limited to about 100 bytes, so the folder stays short: /tmp/bm-pg.XXXXXX.
dir=$(mktemp -d "${TMPDIR:-/tmp}/bm-pg.XXXXXX")
data=$dir/data
log=$dir/server.log
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
fi
started=
child=

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $child ]]; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    if [[ -n $started ]]; then
        # "immediate" takes no checkpoint: the data is thrown away next.
        "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_owner() { (cd "$dir" && "${as_owner[@]}" "$@"); }

if ! run_owner "$pg_bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    say "initdb failed:"; tail -n 5 "$dir/initdb.log" >&2; exit 1
fi
cat >"$data/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 scram-sha-256
EOF

# A free port: the kernel's pick for a socket bound to port 0. Another process may take it before the server does,
# so a failed start tries again with another.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=
for _ in 1 2 3 4 5; do
    port=$(free_port)
    if run_owner "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 -s \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c password_encryption=scram-sha-256" \
        start >/dev/null 2>&1; then
        started=1
        break
    fi
    port=
done
[[ -n $port ]] || { say "the server did not start:"; tail -n 5 "$log" >&2; exit 1; }

export PGHOST=$dir PGPORT=$port PGDATABASE=bordermap PGUSER=postgres
unset PGPASSWORD PGSERVICE PGSERVICEFILE PGPASSFILE
export BM_PG_DIR=$dir BM_PG_TCP_PORT=$port BM_PG_PASSWORD_USER=analyst BM_PG_PASSWORD=s3cret-Pw0rd

psql_q() { "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
if ! { psql_q -d postgres -c "CREATE DATABASE bordermap" &&
       psql_q -c "CREATE EXTENSION postgis" &&
       psql_q -c "CREATE ROLE $BM_PG_PASSWORD_USER LOGIN PASSWORD '$BM_PG_PASSWORD'" &&
       psql_q -c "GRANT ALL ON SCHEMA public TO $BM_PG_PASSWORD_USER"; } >"$dir/setup.log" 2>&1; then
    say "setting up the database failed:"; tail -n 5 "$dir/setup.log" >&2; exit 1
fi

# In the background and waited for, so that a signal to this script runs the cleanup at once (bash runs a trap only
# after a foreground command ends), which stops the command too.
"$@" &
child=$!
rc=0
wait "$child" || rc=$?
child=
exit "$rc"
