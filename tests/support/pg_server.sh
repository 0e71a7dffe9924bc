# Sourced by tests that need a PostgreSQL server: pg_start starts one from Debian's postgresql
# package in a temporary folder (initdb; as the postgres user when run as root, since the server
# refuses root), listening on a Unix socket in that folder only (listen_addresses = '', no TCP),
# and sets
#   pg_bindir  the server's bin folder      pg_dir   the temporary folder (socket, data, log)
#   pg_port    the socket's port number     pg_as    the command prefix to act as the server's user
#   pg_psql    psql with quiet, unaligned, tuples-only output that stops on the first error
#   pg_conn    "host=… port=… user=borehole" (append dbname=…)
# pg_url DB prints the postgresql:// URL of database DB; pg_stop stops the server (immediately)
# and removes the folder. pg_start returns 1 with the logs printed when the server cannot start,
# 2 when no server is installed (scripts/install-deps.sh installs postgresql).
pg_start() {
  pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bindir" ] || [ ! -x "$pg_bindir/initdb" ]; then
    echo "no PostgreSQL server under /usr/lib/postgresql (scripts/install-deps.sh installs postgresql)" >&2
    return 2
  fi
  pg_dir=$(mktemp -d /tmp/borehole-pg.XXXXXX)
  pg_as=()
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres > /dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  chmod 700 "$pg_dir"
  pg_port=${PG_TEST_PORT:-54329}
  pg_conn="host=$pg_dir port=$pg_port user=borehole"
  pg_psql=("$pg_bindir/psql" -X -q -t -A -v ON_ERROR_STOP=1)
  if ! "${pg_as[@]}" "$pg_bindir/initdb" -D "$pg_dir/data" -A trust -U borehole -E UTF8 \
         --no-locale --no-sync > "$pg_dir/initdb.log" 2>&1; then
    cat "$pg_dir/initdb.log" >&2
    return 1
  fi
  if ! "${pg_as[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
         -o "-c listen_addresses='' -k $pg_dir -p $pg_port -c fsync=off" start \
         > "$pg_dir/start.log" 2>&1; then
    cat "$pg_dir/start.log" "$pg_dir/server.log" >&2
    return 1
  fi
}
pg_url() { echo "postgresql:///$1?host=$pg_dir&port=$pg_port&user=borehole"; }
pg_stop() {
  if [ -n "${pg_dir:-}" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    "${pg_as[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m immediate -w stop > /dev/null 2>&1
  fi
  [ -n "${pg_dir:-}" ] && rm -rf "$pg_dir"
  return 0
}
