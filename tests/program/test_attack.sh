#!/usr/bin/env bash
# The attacker of tests/attack/attack.c against a program's reports laid
# beside the kiosks' own exports. Three kiosks with demo data of the same
# groups and days, and a fourth that took a few answers of those same
# sessions (one to four, as a second door would), publish to a real
# PostgreSQL. The program's JSON reports (whole, per group, over random
# windows, at K 5 and 11) and every kiosk's own exports (K 3 and 5) are
# attacked together: for each pooled cell the attacker takes away every
# part a kiosk's file shows and works on what is left. Nothing from 1 to
# K - 1 may come out.
#
# The control: the same server with the pooled guard taken out (a pool
# shown whenever it holds K answers, as a naive server would) gives the
# fourth kiosk's answers away to the same attacker.
set -euo pipefail
HEARTH=${1:?usage: test_attack.sh hearth attack rule_cases}
ATTACK=${2:?usage: test_attack.sh hearth attack rule_cases}
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/hearth-pattack-XXXXXX)
trap 'pg_cleanup; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$WORK"
sqlite3() { command sqlite3 -cmd ".timeout 5000" "$@"; }

pg_setup "$WORK"
"$HEARTH" server init "$(pg_url postgres)" >/dev/null
for r in door1 door2 door3 door4; do pg_login "$r" hearth_kiosk; done
pg_login quality hearth_reader

i=0
for k in a b c; do
  i=$((i + 1))
  "$HEARTH" --db $k.db demo-data --weeks 12 --groups 3 --seed $i >/dev/null
  "$HEARTH" --db $k.db publish --server "$(pg_url door$i)" >/dev/null
done

# kiosk d: a second door at some of the same sessions, a few answers each
"$HEARTH" --db d.db pass new --count 4 >/dev/null
python3 - a.db d.db <<'PY' | command sqlite3 d.db
import random, sqlite3, sys, uuid
a = sqlite3.connect(sys.argv[1]); d = sqlite3.connect(sys.argv[2])
kiosk = d.execute("SELECT id FROM kiosk").fetchone()[0]
passes = [r[0] for r in d.execute("SELECT id FROM passes")]
rnd = random.Random(7)
print("BEGIN;")
groups = {}
for name, opened, closed in a.execute(
        "SELECT g.name, s.opened, s.closed FROM sessions s JOIN groups g ON g.id = s.group_id"
        " ORDER BY g.name, s.opened"):  # (ids are random: without an order the seed means nothing)
    if name not in groups:
        groups[name] = str(uuid.uuid4())
        print(f"INSERT INTO groups (id, name, created) VALUES ('{groups[name]}', '{name}', '{opened}');")
    if rnd.random() < 0.5:
        continue
    sid = str(uuid.uuid4())
    print(f"INSERT INTO sessions (id, group_id, opened, closed, device, anonymous) VALUES "
          f"('{sid}', '{groups[name]}', '{opened}', '{closed}', '{kiosk}', 1);")
    came = rnd.choice([1, 1, 2, 2, 3, 4])
    for p in passes[:came]:
        print(f"INSERT INTO checkins (id, session_id, pass_id, kind, at) VALUES "
              f"('{uuid.uuid4()}', '{sid}', '{p}', 'in', '{opened}');")
    for phase in ("arrival", "checkout"):
        counts = [0] * 11
        for _ in range(rnd.randint(1, came)):
            counts[rnd.randint(0, 4)] += 1
        text = ",".join(f"{c:04d}" for c in counts)
        print(f"INSERT INTO answer_counts (session_id, instrument, phase, counts) VALUES "
              f"('{sid}', 'mood', '{phase}', '{text}');")
print("COMMIT;")
PY
"$HEARTH" --db d.db publish --server "$(pg_url door4)" >/dev/null
[ "$(sqlite3 d.db "SELECT count(*) FROM outbox")" = 0 ] || fail "kiosk d did not publish"

read -r first last < <(python3 -c "
import sqlite3; a = sqlite3.connect('a.db')
print(*[x[:10] for x in a.execute('SELECT min(opened), max(opened) FROM sessions').fetchone()])")
groups=$(sqlite3 a.db "SELECT group_concat(name, '|') FROM groups")
IFS='|' read -r -a names <<<"$groups"
python3 - "$first" "$last" >windows <<'PY'
import datetime as dt, random, sys
a = dt.date.fromisoformat(sys.argv[1]); b = dt.date.fromisoformat(sys.argv[2])
rnd = random.Random(2020)
for _ in range(12):
    s = rnd.randint(0, (b - a).days); e = min((b - a).days, s + rnd.choice([0, 1, 6, 20]))
    print(a + dt.timedelta(s), a + dt.timedelta(e))
PY

# exports DIR K WHO: WHO is a kiosk's database, or "program". The clinic's
# hearth.ini says 3, the floor: the command line can only raise it.
printf '[privacy]\nmin_cell = 3\n' >"$WORK/k3.ini"
# exports DIR K WHO: WHO is a kiosk's database, or "program"
exports() {
  local dir=$1 k=$2 who=$3 n=0
  mkdir -p "$dir"
  one() {
    n=$((n + 1))
    if [ "$who" = program ]; then
      "$HEARTH" --config "$WORK/k3.ini" export --from "$(pg_url quality)" --format json --min-cell "$k" \
        --out "$dir/$n.json" "$@" >/dev/null 2>&1 || true
    else
      "$HEARTH" --config "$WORK/k3.ini" --db "$who" export --format json --min-cell "$k" --out "$dir/$n.json" "$@" \
        >/dev/null 2>&1 || true
    fi
  }
  one
  for g in "${names[@]}"; do one --group "$g"; done
  while read -r since until; do one --since "$since" --until "$until"; done <windows
}

for k in a b c d; do
  exports kiosk5/$k 5 $k.db
  exports kiosk3/$k 3 $k.db
done
exports program5 5 program
exports program11 11 program
# every export was written (a refused K would leave the attacker less to read)
for d in kiosk5/a kiosk3/a program5 program11; do
  [ "$(ls "$d" | wc -l)" -ge 5 ] || fail "$d: only $(ls "$d" | wc -l) exports were written"
done
python3 -c "
import json; d = json.load(open('program5/1.json'))
assert d['program'] and d['sessions'], 'no program report'
print('program report:', len(d['sessions']), 'pooled sessions,',
      sum(c['n'] is not None for s in d['sessions'] for c in s['cells']), 'cells shown')"

attack() { # attack NAME FILES...: must find nothing, and lay pools beside parts
  local name=$1; shift
  local st=0
  "$ATTACK" "$@" >"out.$name" || st=$?
  cat "out.$name" >&2
  [ "$st" = 0 ] || fail "$name: the exports give answers away"
  grep -q " 0 cells too large" "out.$name" || fail "$name: the attacker could not finish"
  grep -Eq " [1-9][0-9]* pools laid beside" "out.$name" || fail "$name: no pool was attacked"
  echo "$name: $(tail -1 "out.$name")"
}
attack "program K 5 with the kiosks' K 5" program5/*.json kiosk5/*/*.json
attack "program K 5 and 11 with the kiosks' K 3" program5/*.json program11/*.json kiosk3/*/*.json

# the control: a server that shows a pool whenever it holds K answers
psql_admin hearth -c "CREATE OR REPLACE FUNCTION hearth.pool_shown(total bigint, parts integer[],
  k integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS \$\$ SELECT total = 0 OR total >= k \$\$" \
  >/dev/null
exports naive5 5 program
st=0
"$ATTACK" naive5/*.json kiosk5/*/*.json >out.naive || st=$?
[ "$st" = 1 ] && grep -q "not shown apart\|answered" out.naive ||
  { cat out.naive >&2; fail "the attacker found nothing on a naive server"; }
echo "naive server (control): $(tail -1 out.naive)"
grep "given away" out.naive | head -3
# hearth server init puts the rule back
"$HEARTH" server init "$(pg_url postgres)" >/dev/null
exports again5 5 program
cmp -s program5/1.json again5/1.json ||
  python3 -c "
import json
a = json.load(open('program5/1.json')); b = json.load(open('again5/1.json'))
assert a['sessions'] == b['sessions'], 'init did not put the rule back'"
echo "program attack tests passed"
