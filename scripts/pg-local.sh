#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 server for benchmarks and tests, in a directory of its own.
#
#   scripts/pg-local.sh start DIR    prints the connection URL (postgresql://postgres@127.0.0.1:PORT/landbank)
#   scripts/pg-local.sh stop DIR
#   scripts/pg-local.sh url DIR      prints the URL of a running one
#
# start installs postgresql-15-postgis-3 from Debian when missing (apt-get update first), initialises a cluster in
# DIR/data (as the postgres user when run as root: PostgreSQL refuses to run as root), starts it listening on
# loopback only, on a free port, with its unix socket in DIR too, jit=off (JIT compilation costs more than it saves
# on short spatial queries and makes timings noisy), creates the database `landbank` with CREATE EXTENSION postgis,
# and prints the URL. Authentication is `trust`: the server is throwaway and reachable from this machine only;
# never point it at data that matters. Starting an already running cluster just prints its URL again; stop is
# a fast shutdown (the data directory stays; delete DIR to drop it). Server log: DIR/server.log.
set -euo pipefail

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
ACTION=$1
DIR=$2
PGBIN=/usr/lib/postgresql/15/bin
SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo

# Run a PostgreSQL program as the cluster's owner: postgres when we are root, ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/landbank"; }

running() { [[ -e $DIR/data/PG_VERSION ]] && as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

install_postgis() {
    [[ -e /usr/share/postgresql/15/extension/postgis.control && -x $PGBIN/initdb ]] && return
    echo "installing postgresql-15-postgis-3 ..." >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    install_postgis
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    if running; then url; return; fi
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$DIR"
        # The postgres user must be able to reach DIR through its parents.
        runuser -u postgres -- test -x "$DIR" || {
            echo "$0: the postgres user cannot enter $DIR (check the permissions of its parent directories)" >&2
            exit 1
        }
    fi
    if [[ ! -e $DIR/data/PG_VERSION ]]; then
        as_owner "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
            echo "$0: initdb failed, see $DIR/initdb.log" >&2; exit 1
        }
    fi
    # A new free port on every start: the last one may have been taken meanwhile.
    free_port >"$DIR/port"
    cat >"$DIR/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $(cat "$DIR/port")
unix_socket_directories = '$DIR'
jit = off
EOF
    chown --reference="$DIR/data" "$DIR/data/postgresql.auto.conf" "$DIR/port"
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null || {
        echo "$0: the server did not start, see $DIR/server.log" >&2; exit 1
    }
    local psql=(as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$(cat "$DIR/port")" -U postgres)
    if [[ -z $("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'landbank'") ]]; then
        "${psql[@]}" -d postgres -c "CREATE DATABASE landbank"
    fi
    "${psql[@]}" -d landbank -c "CREATE EXTENSION IF NOT EXISTS postgis"
    url
}

stop() {
    [[ -e $DIR/data/PG_VERSION ]] || { echo "$0: no cluster in $DIR" >&2; exit 1; }
    if running; then as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
}

case $ACTION in
    start) start ;;
    stop) stop ;;
    url) running || { echo "$0: no server running in $DIR" >&2; exit 1; }; url ;;
    *) usage ;;
esac
