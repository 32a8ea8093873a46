#!/usr/bin/env bash
# The kiosk publishing by itself: the real binary under Xvfb with
# [program] server in its hearth.ini and a real PostgreSQL
# (tests/program/lib.sh). A week of sessions waits while the server is
# away: the door checks people in all the same and nothing leaves the
# outbox; once the server is back the kiosk's publisher (a thread of its
# own, trying again with a growing pause) publishes the week without
# anyone asking. Then two years wait, and people check in while the
# kiosk publishes them: each check-in is stored at once.
source "$(dirname "$0")/lib.sh"
if "$HEARTH" --help | grep -q "built without PostgreSQL"; then
  echo "SKIP: this Hearth is built without libpq"
  exit 0
fi
source "$(dirname "$0")/../program/lib.sh"
trap 'pg_cleanup; cleanup' EXIT
DB=$WORK/hearth.db

pg_setup "$WORK"
"$HEARTH" server init "$(pg_url postgres)" >/dev/null
pg_login door1 hearth_kiosk
printf '[program]\nserver = %s\nsite = Downtown\n' "$(pg_url door1)" >"$WORK/hearth.ini"
srv() { psql_admin hearth -At -c "$1"; }

"$HEARTH" --db "$DB" demo-data --weeks 1 --groups 3 >/dev/null
week=$(sql "SELECT count(*) FROM outbox")
[ "$week" -gt 5 ] || fail "only $week sessions wait"
"$HEARTH" --db "$DB" pass new --count 6 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "Tuesday group" >/dev/null
payload() { sed -n "${1}p" "$WORK/passes.txt" | cut -f1; }
OPEN_IN="SELECT count(*) FROM checkins c JOIN sessions s ON s.id = c.session_id
         WHERE s.closed IS NULL AND c.kind = 'in'"

# the server away: the door works, the week waits
pg_stop fast
start_xvfb 1280x800
start_kiosk --db "$DB" --config "$WORK/hearth.ini" --windowed 1280x800 --mute
# (type_until: a door still starting on a loaded machine drops a scan)
type_until "$OPEN_IN" 1 "$(payload 1)"
xdotool key Escape
[ "$(sql "SELECT count(*) FROM outbox")" = "$week" ] || fail "the outbox changed without a server"
# the publisher's thread tries on its own time: wait for its word
for _ in $(seq 300); do grep -q "Cannot reach the program's server" "$WORK/kiosk.err" && break; sleep 0.1; done
grep -q "Cannot reach the program's server" "$WORK/kiosk.err" || fail "no reason logged within 30 s"

# the server back: the kiosk catches up by itself
pg_start
wait_sql "SELECT count(*) FROM outbox" 0 60
[ "$(srv "SELECT count(*) FROM hearth.sessions WHERE site = 'Downtown'")" = "$week" ] ||
  fail "the server does not have the week"
echo "a week offline: $week sessions published by the kiosk once the server was back"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"

# two years waiting, and people at the door while they go out
"$HEARTH" --db "$DB" session close >/dev/null
DB=$WORK/big.db
"$HEARTH" --db "$DB" demo-data --weeks 104 --groups 5 >/dev/null
"$HEARTH" --db "$DB" pass new --count 6 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "Tuesday group" >/dev/null
total=$(sql "SELECT count(*) FROM outbox")
start_kiosk --db "$DB" --config "$WORK/hearth.ini" --windowed 1280x800 --mute
for i in 1 2 3; do
  t0=$(date +%s%N)
  type_until "$OPEN_IN" "$i" "$(payload $i)"
  t1=$(date +%s%N)
  left=$(sql "SELECT count(*) FROM outbox")
  echo "check-in $i stored in $(((t1 - t0) / 1000000)) ms (xdotool and polling included), $left of $total sessions still waiting"
  xdotool key Escape
  sleep 0.3
done
wait_sql "SELECT count(*) FROM outbox" 0 120
shot e2e-publish-door
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
echo "publishing end to end passed"
