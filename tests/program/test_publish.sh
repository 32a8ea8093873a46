#!/usr/bin/env bash
# Kiosks publishing to a real PostgreSQL (tests/program/lib.sh), with the
# real binary:
#  - two kiosks publishing at once: every session once, its counts and
#    attendance exactly the kiosk's; publishing again, or from a restored
#    backup, changes nothing;
#  - a kiosk's role cannot read, change or add to another kiosk's rows;
#    hearth_reader reads the views and is refused the raw tables;
#  - a kiosk offline for a week: publishing fails with the reason and
#    keeps everything, then catches up;
#  - the server stopped in the middle of a publish, and the publisher
#    killed in the middle of one: nothing lost, nothing doubled;
#  - a session merged by USB into another kiosk counted once;
#  - a newer server schema, and a password in hearth.ini, refused;
#  - the program's report in every format (a PNG of the PDF's first page
#    in the test output).
set -euo pipefail
HEARTH=${1:?usage: test_publish.sh hearth attack rule_cases}
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/hearth-publish-XXXXXX)
trap 'pg_cleanup; rm -rf "$WORK"' EXIT
OUT=${HEARTH_TEST_OUT:-$WORK}/program
mkdir -p "$OUT"
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$WORK"

pg_setup "$WORK"
"$HEARTH" server init "$(pg_url postgres)" >init.out
grep -q "Created the Hearth schema (version 1)" init.out || fail "init: $(cat init.out)"
"$HEARTH" server init "$(pg_url postgres)" >init.out
grep -q "up to date" init.out || fail "a second init"
for r in door1 door2 door3 door4 door5 door6; do pg_login "$r" hearth_kiosk; done
pg_login quality hearth_reader

# kiosk NAME ROLE [demo-data options]: a database with demo data and its ini
kiosk() {
  local name=$1 role=$2; shift 2
  "$HEARTH" --db "$name.db" demo-data "$@" >/dev/null
  printf '[program]\nserver = %s\n' "$(pg_url "$role")" >"$name.ini"
}
publish() { local name=$1; shift; "$HEARTH" --db "$name.db" --config "$name.ini" publish "$@"; }
srv() { psql_admin hearth -At -c "$1"; }
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }
waiting() { sqlite3 "$1.db" "SELECT count(*) FROM outbox"; }
closed() { sqlite3 "$1.db" "SELECT count(*) FROM sessions WHERE closed IS NOT NULL"; }

# every closed session of the kiosk, its attendance and how many answers
# it holds, as the kiosk has them and as the server has them: the same
same_as_kiosk() {
  local name=$1 kid
  kid=$(sqlite3 "$name.db" "SELECT id FROM kiosk")
  sqlite3 -separator ' ' "$name.db" "
    WITH RECURSIVE v(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM v WHERE v < 10),
    a AS (SELECT session_id, sum(CAST(substr(counts, v * 5 + 1, 4) AS INTEGER)) AS n
          FROM answer_counts, v GROUP BY session_id
          UNION ALL SELECT session_id, count(*) FROM ratings GROUP BY session_id)
    SELECT s.id, (SELECT count(*) FROM checkins c WHERE c.session_id = s.id AND c.kind = 'in'),
           coalesce((SELECT sum(n) FROM a WHERE a.session_id = s.id), 0)
    FROM sessions s WHERE s.closed IS NOT NULL ORDER BY s.id" >"$name.kiosk"
  psql_admin hearth -At -F' ' -c "
    SELECT s.id, s.attendance, coalesce((SELECT sum(x) FROM hearth.cells c, unnest(c.counts) x
                                          WHERE c.session_id = s.id), 0)
    FROM hearth.sessions s WHERE s.kiosk_id = '$kid' ORDER BY s.id::text COLLATE \"C\"" \
    >"$name.server"
  diff -q "$name.kiosk" "$name.server" >/dev/null ||
    { diff "$name.kiosk" "$name.server" | head >&2; fail "$name: the server's copy differs"; }
}

kiosk a door1 --weeks 8 --groups 3 --seed 1
kiosk b door2 --weeks 8 --groups 3 --seed 2
sqlite3 a.db ".backup a-before.db"

# --- two kiosks at once ----------------------------------------------------
publish a >a.out 2>&1 &
pa=$!
publish b >b.out 2>&1 &
pb=$!
wait $pa || fail "kiosk a: $(cat a.out)"
wait $pb || fail "kiosk b: $(cat b.out)"
grep -q "Published $(closed a) sessions" a.out || fail "a: $(cat a.out)"
grep -q "0 sessions waiting" b.out || fail "b: $(cat b.out)"
same_as_kiosk a
same_as_kiosk b
sessions_ab=$(srv "SELECT count(*) FROM hearth.sessions")
[ "$sessions_ab" = $(($(closed a) + $(closed b))) ] || fail "$sessions_ab sessions on the server"
echo "two kiosks at once: $sessions_ab sessions, each once, the kiosks' counts exactly"

# publishing again, and from a restored backup, changes nothing
publish a >a.out && grep -q "0 sessions waiting" a.out || fail "a second publish"
cp a.ini a-before.ini
out=$(publish a-before)
echo "$out" | grep -q "$(closed a) sessions were on the server already" ||
  fail "a restored backup: $out"
[ "$(srv "SELECT count(*) FROM hearth.sessions")" = "$sessions_ab" ] || fail "a backup added rows"
same_as_kiosk a
sqlite3 a.db "SELECT count(*) FROM audit WHERE action = 'publish'" | grep -qx "$(closed a)" ||
  fail "one audit row per session published"
echo "again and from a backup: nothing changed"

# --- roles ----------------------------------------------------------------
as() { local role=$1; shift; psql_as "$role" -At -c "$1" 2>&1 || true; }
mine=$(as door2 "SELECT count(*) FROM hearth.sessions")
[ "$mine" = "$(closed b)" ] || fail "door2 sees $mine sessions, not its $(closed b)"
as door2 "SELECT count(*) FROM hearth.cells WHERE kiosk_role <> 'door2'" | grep -qx 0 ||
  fail "door2 sees another kiosk's cells"
a_session=$(sqlite3 a.db "SELECT id FROM sessions WHERE closed IS NOT NULL LIMIT 1")
for sql in "UPDATE hearth.sessions SET attendance = 0" "DELETE FROM hearth.cells" \
           "DELETE FROM hearth.sessions WHERE id = '$a_session'" "TRUNCATE hearth.cells"; do
  as door2 "$sql" | grep -q "permission denied" || fail "door2 may: $sql"
done
as door2 "INSERT INTO hearth.cells (session_id, instrument, phase, counts) VALUES
          ('$a_session', 'mood', 'round', '{9,0,0,0,0,0,0,0,0,0,0}')" |
  grep -q "row-level security" || fail "door2 added a cell to door1's session"
as door2 "INSERT INTO hearth.sessions (id, kiosk_id, kiosk_role, group_name, session_date,
          attendance) VALUES (gen_random_uuid(), gen_random_uuid(), 'door1', 'G', '2026-01-01', 9)" |
  grep -q "row-level security" || fail "door2 wrote a row as door1"
# the one thing a kiosk learns of others: that a session's id is taken
as door2 "INSERT INTO hearth.sessions (id, kiosk_id, group_name, session_date, attendance)
          VALUES ('$a_session', gen_random_uuid(), 'G', '2026-01-01', 9)
          ON CONFLICT DO NOTHING RETURNING id" | grep -q . &&
  fail "door2 replaced door1's session"
as door2 "SELECT count(*) FROM hearth.program_cells" | grep -q "permission denied" ||
  fail "a kiosk reads the program's views"
for t in sessions cells; do
  as quality "SELECT count(*) FROM hearth.$t" | grep -q "permission denied for table $t" ||
    fail "hearth_reader reads the raw $t"
done
as quality "INSERT INTO hearth.sessions (id, kiosk_id, group_name, session_date, attendance)
            VALUES (gen_random_uuid(), gen_random_uuid(), 'G', '2026-01-01', 9)" |
  grep -q "permission denied" || fail "hearth_reader writes"
for v in program_sessions program_cells program_runs; do
  n=$(as quality "SELECT count(*) FROM hearth.$v")
  [ "$n" -gt 0 ] 2>/dev/null || fail "hearth_reader cannot read $v: $n"
done
as quality "SELECT count(*) FROM hearth.program_cells_at(3) WHERE n < 5" | grep -qx 0 ||
  fail "a K below the server's was honoured"
echo "roles: each kiosk its own rows, INSERT only; hearth_reader the views only"

# --- a kiosk offline for a week --------------------------------------------
kiosk c door3 --weeks 1 --groups 3 --seed 3
pg_stop fast
st=0
publish c >c.out 2>&1 || st=$?
[ "$st" = 1 ] || fail "publishing with the server away exited $st"
grep -q "Cannot reach the program's server" c.out || fail "no reason given: $(cat c.out)"
[ "$(waiting c)" = "$(closed c)" ] || fail "the outbox lost sessions while offline"
pg_start
publish c >c.out 2>&1 || fail "catching up: $(cat c.out)"
grep -q "Published $(closed c) sessions" c.out && grep -q "0 sessions waiting" c.out ||
  fail "catching up: $(cat c.out)"
same_as_kiosk c
echo "a week offline: $(closed c) sessions kept, then published"

# --- the server stopped in the middle of a publish ------------------------
kiosk d door4 --weeks 40 --groups 4 --seed 4
total=$(closed d)
kid=$(sqlite3 d.db "SELECT id FROM kiosk")
publish d >d.out 2>&1 &
pd=$!
for _ in $(seq 1 400); do
  n=$(srv "SELECT count(*) FROM hearth.sessions WHERE kiosk_id = '$kid'")
  [ "$n" -gt 0 ] && break
  sleep 0.02
done
pg_stop immediate
st=0
wait $pd || st=$?
[ "$st" = 1 ] || fail "the publish cut off exited $st: $(cat d.out)"
grep -Eq "Lost the program's server|Cannot reach" d.out || fail "no reason: $(cat d.out)"
pg_start
on_server=$(srv "SELECT count(*) FROM hearth.sessions WHERE kiosk_id = '$kid'")
left=$(waiting d)
[ "$on_server" -gt 0 ] && [ "$left" -gt 0 ] || fail "not cut in the middle ($on_server, $left)"
# every session is on the server or waits (one committed but not yet
# acknowledged may be both)
[ $((on_server + left)) -ge "$total" ] || fail "lost: $on_server + $left < $total"
publish d >d.out 2>&1 || fail "after the restart: $(cat d.out)"
same_as_kiosk d
echo "server stopped mid-publish: $on_server of $total were in, $left waited; then all, once"

# the publisher killed mid-publish (between the server's commit and the
# kiosk's own, as likely as anywhere)
kiosk e door5 --weeks 40 --groups 4 --seed 5
kid=$(sqlite3 e.db "SELECT id FROM kiosk")
"$HEARTH" --db e.db --config e.ini publish >e.out 2>&1 & # the binary itself, to kill it
pe=$!
for _ in $(seq 1 400); do
  n=$(srv "SELECT count(*) FROM hearth.sessions WHERE kiosk_id = '$kid'")
  [ "$n" -gt 0 ] && break
  sleep 0.02
done
{ kill -9 $pe && wait $pe; } 2>/dev/null || true
killed_at=$(srv "SELECT count(*) FROM hearth.sessions WHERE kiosk_id = '$kid'")
publish e >e.out 2>&1 || fail "after kill -9: $(cat e.out)"
same_as_kiosk e
echo "publisher killed after $killed_at sessions: then all, once"

# --- a session merged by USB, published by its own kiosk -----------------
"$HEARTH" --db a.db export --format json --out a.json >/dev/null 2>&1
"$HEARTH" --db b.db merge a.json --include-demo >/dev/null
publish b >b.out && grep -q "0 sessions waiting" b.out || fail "b publishes what it merged"
[ "$(srv "SELECT count(*) FROM hearth.sessions WHERE id::text IN
          ($(sqlite3 a.db "SELECT group_concat(quote(id)) FROM sessions"))")" = "$(closed a)" ] ||
  fail "a's sessions are not each on the server once"
# the program's report: each pool's attendance is its kiosks' sessions,
# each counted once
"$HEARTH" export --from "$(pg_url quality)" --format json --min-cell 5 --out program.json \
  >export.out || fail "export --from: $(cat export.out)"
srv "SELECT group_name || '|' || session_date || '|' || sum(attendance)
     FROM hearth.sessions WHERE site = '' GROUP BY group_name, session_date ORDER BY 1" \
  >pools.server
python3 - program.json pools.server <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
truth = {}
for line in open(sys.argv[2]):
    g, day, n = line.rstrip("\n").rsplit("|", 2)
    truth[(g, day)] = int(n)
assert d["program"] is True and d["min_cell"] == 5, d["min_cell"]
assert len(d["sessions"]) == len(truth), (len(d["sessions"]), len(truth))
shown = 0
for s in d["sessions"]:
    att = s["attendance"]
    if att is not None:
        assert att == truth[(s["group"], s["date"])], (s["group"], s["date"], att)
        shown += 1
print(f"program report: {len(truth)} pooled sessions, {shown} attendances shown, each the "
      "sum of its kiosks' sessions counted once")
PY
st=0
"$HEARTH" --db b.db merge program.json 2>merge.err || st=$?
[ "$st" = 1 ] && grep -q "program's report" merge.err || fail "a program's report was merged"

# --- the program's report in every format -----------------------------------
"$HEARTH" export --from "$(pg_url quality)" --format pdf --out program.pdf >/dev/null
"$HEARTH" export --from "$(pg_url quality)" --format csv --out program.csv >/dev/null
[ "$(pdfinfo program.pdf | awk '/^Pages:/ {print $2}')" -ge 3 ] || fail "the PDF is short"
pdftotext program.pdf program.txt
grep -q "Hearth program report" program.txt || fail "the PDF says not what it is"
pdftoppm -png -r 60 -f 1 -l 2 program.pdf "$OUT/program-report"
tr -d "\r" <program.csv >program.lf
grep -q ",program," program.lf || fail "the CSV's source column"
"$HEARTH" export --from "$(pg_url quality)" --format json --group "Demo - DBT Skills - Mon AM" \
  --since 2000-01-01 --out group.json >/dev/null
python3 -c "
import json; d = json.load(open('group.json'))
assert {s['group'] for s in d['sessions']} == {'Demo - DBT Skills - Mon AM'}, d['sessions'][:1]
assert d['group'] == 'Demo - DBT Skills - Mon AM'"
st=0
"$HEARTH" export --from "$(pg_url quality)" --format json --per-person --out x.json 2>err || st=$?
[ "$st" = 2 ] || fail "--per-person with --from exited $st"
st=0
"$HEARTH" export --from "$(pg_url door1)" --format json --out x.json 2>err || st=$?
[ "$st" = 1 ] && grep -q "permission denied" err || fail "a kiosk's role read the report"
echo "program report: PDF ($(pdfinfo program.pdf | awk '/^Pages:/ {print $2}') pages), CSV, JSON"

# --- a site of its own ------------------------------------------------------
kiosk f door6 --weeks 2 --groups 1 --seed 6
printf 'site = North\n' >>f.ini
publish f >/dev/null
"$HEARTH" export --from "$(pg_url quality)" --format json --site North --out north.json >/dev/null
python3 -c "
import json; d = json.load(open('north.json'))
assert d['sessions'] and all(s['group'].endswith(' (North)') for s in d['sessions'])"

# --- refusals -----------------------------------------------------------------
srv "UPDATE hearth.meta SET value = '99' WHERE key = 'schema_version'" >/dev/null
for cmd in "publish a" "init" "export"; do
  st=0
  case $cmd in
    init) "$HEARTH" server init "$(pg_url postgres)" >x.out 2>&1 || st=$? ;;
    export) "$HEARTH" export --from "$(pg_url quality)" --format csv --out x.csv >x.out 2>&1 || st=$? ;;
    *) $cmd >x.out 2>&1 || st=$? ;;
  esac
  [ "$st" = 1 ] || fail "$cmd with a newer schema exited $st"
  grep -q "schema version 99, newer than this Hearth knows (1)" x.out || fail "$cmd: $(cat x.out)"
done
[ "$(srv "SELECT value FROM hearth.meta WHERE key = 'schema_version'")" = 99 ] ||
  fail "init changed a newer schema"
srv "UPDATE hearth.meta SET value = '1' WHERE key = 'schema_version'" >/dev/null
echo "a newer schema: refused by publish, init and export, and left as it was"

printf '[program]\nserver = postgresql://door1:hunter2@/hearth?host=%s\n' "$PGSOCK" >pw.ini
st=0
"$HEARTH" --db a.db --config pw.ini publish >x.out 2>&1 || st=$?
[ "$st" = 1 ] && grep -q "pgpass" x.out || fail "a password in hearth.ini: $(cat x.out)"
grep -q hunter2 x.out && fail "the password was shown"
"$HEARTH" --help >help.out
grep -q "publish \[--server URL\]" help.out || fail "--help lacks publish"
grep -q "server init URL" help.out || fail "--help lacks server init"
echo "program publishing tests passed"
