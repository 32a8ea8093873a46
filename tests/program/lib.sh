# A private PostgreSQL for one test, sourced by tests/program/test_*.sh: its
# own cluster in the test's temporary folder, listening only on a Unix
# socket there, started from Debian's packages (postgresql) as an
# unprivileged user, since PostgreSQL refuses to run as root and CI runs
# as root. Passwords live in a pgpass file (PGPASSFILE), as on a kiosk.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || { echo "FAIL: PostgreSQL's server is not installed (apt-get install postgresql)" >&2; exit 1; }

# pg_setup DIR: a new cluster in DIR/data, started, with the superuser
# "postgres" and a database "hearth".
pg_setup() {
  PGDIR=$1
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    PG_AS=(runuser -u nobody --)
    chmod 0755 "$PGDIR"
    mkdir -p "$PGDIR/pg" && chown nobody "$PGDIR/pg"
  else
    mkdir -p "$PGDIR/pg"
  fi
  PGSOCK=$PGDIR/pg
  echo "admin-secret" >"$PGDIR/pw"
  chmod 0644 "$PGDIR/pw"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PGSOCK/data" -U postgres --pwfile="$PGDIR/pw" \
    -A scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 ||
    { cat "$PGDIR/initdb.log" >&2; echo "FAIL: initdb" >&2; exit 1; }
  rm -f "$PGDIR/pw"
  export PGPASSFILE=$PGDIR/pgpass
  echo "*:*:*:postgres:admin-secret" >"$PGPASSFILE"
  chmod 0600 "$PGPASSFILE"
  pg_start
  psql_admin postgres -c "CREATE DATABASE hearth" >/dev/null
}

pg_start() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGSOCK/data" -l "$PGSOCK/log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories=$PGSOCK -c fsync=off" start >/dev/null ||
    { cat "$PGSOCK/log" >&2; echo "FAIL: PostgreSQL did not start" >&2; exit 1; }
}

# pg_stop [fast|immediate]
pg_stop() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGSOCK/data" -m "${1:-fast}" -w stop >/dev/null 2>&1 || true
}

# pg_url ROLE [DB]: the libpq address a kiosk puts in hearth.ini (no password)
pg_url() { echo "postgresql://$1@/${2:-hearth}?host=$PGSOCK"; }

# psql_admin DB ARGS...: psql as the superuser
psql_admin() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 "$(pg_url postgres "$db")" "$@"; }

# psql_as ROLE ARGS...: psql as ROLE on the hearth database
psql_as() { local role=$1; shift; psql -X -q -v ON_ERROR_STOP=1 "$(pg_url "$role")" "$@"; }

# pg_login ROLE GROUP: a login for a kiosk (GROUP hearth_kiosk) or a
# reader (hearth_reader), its password in the pgpass file
pg_login() {
  psql_admin hearth -c "CREATE ROLE $1 LOGIN PASSWORD '$1-secret' IN ROLE $2" >/dev/null
  echo "*:*:*:$1:$1-secret" >>"$PGPASSFILE"
}

pg_cleanup() { [ -n "${PGSOCK:-}" ] && pg_stop immediate; }
