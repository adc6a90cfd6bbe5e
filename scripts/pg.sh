# Sourced by test.sh and bench.sh: start and stop a throwaway PostgreSQL cluster in a temporary
# folder, with the server programs installed on the machine (as the postgres user when root,
# since PostgreSQL refuses to run as root).
#   pg_cluster_start "-c name=value ..."   sets PGDIR, PGPORT, PG_BIN, PG_AS, PG_URL (a server URL
#                                          without a database name, over loopback TCP) and
#                                          PG_SOCKET_URL (the same through the cluster's Unix
#                                          socket: a third faster for a chatty test suite);
#                                          trap pg_cluster_stop
#   pg_cluster_stop

find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

pg_cluster_start() {  # $1: extra server options
  PG_BIN=$(find_pg_bin) || return 1
  [ -n "$PG_BIN" ] || return 1
  PGDIR=$(mktemp -d /tmp/hearth-pg.XXXXXX)
  PGPORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGDIR"
    PG_AS=(runuser -u postgres --)
  fi
  echo "==> Starting a throwaway PostgreSQL cluster ($("$PG_BIN/postgres" --version)) on port $PGPORT"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 \
    || { cat "$PGDIR/initdb.log"; return 1; }
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDIR $1" start >/dev/null \
    || { cat "$PGDIR/server.log"; return 1; }
  PG_URL="postgres://postgres@127.0.0.1:$PGPORT"
  PG_SOCKET_URL="postgres://postgres@$(.venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PGDIR"):$PGPORT"
}

pg_cluster_stop() {
  [ -n "${PGDIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PGDIR"
}
