#!/usr/bin/env bash
# The attacker of tests/attack/attack.c against the real binary's exports:
# demo data for three groups over twelve weeks, exported as JSON at K = 3,
# 5 and 11, whole, per group, and over many random windows (overlapping
# periods, one-day periods, per group and all groups), then every file of
# each K attacked together, and all of them together. Nothing from 1 to
# K - 1 may come out: no count at a scale point or between two, no
# attendance. The CSV and the PDF must say nothing the JSON does not.
#
# The control: exports that the previous version (schema 4, export format
# 1) wrote of the same kind of data, kept in tests/attack/fixtures/, fall
# to the same attacker: the attack can fail.
set -euo pipefail
HEARTH=${1:?usage: test_attack.sh path/to/hearth path/to/attack}
ATTACK=${2:?usage: test_attack.sh path/to/hearth path/to/attack}
FIXTURES=$(cd "$(dirname "$0")/../attack/fixtures" && pwd)
. "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db

# the control first: the old exports give answers and an attendance away
st=0
"$ATTACK" "$FIXTURES"/v1-demo-12-weeks.json >"$WORK/v1" || st=$?
[ "$st" = 1 ] || fail "the attacker found nothing in the old export (exit $st): $(tail -1 "$WORK/v1")"
grep -q "given away" "$WORK/v1" || fail "no detail from the attacker"
echo "old export: $(tail -1 "$WORK/v1")"
st=0
"$ATTACK" "$FIXTURES"/v1-window-a.json "$FIXTURES"/v1-window-b.json >"$WORK/v1w" || st=$?
[ "$st" = 1 ] && grep -q "attendance .*from the totals" "$WORK/v1w" ||
  fail "the attacker did not difference the old windows: $(cat "$WORK/v1w")"
echo "old windows: $(grep attendance "$WORK/v1w" | head -1)"

"$HEARTH" --db "$DB" demo-data --weeks 12 --groups 3 >/dev/null
"$HEARTH" --db "$DB" export --format json --out "$WORK/all.json" --min-cell 1 >/dev/null 2>&1
read -r first last groups < <(python3 - "$WORK/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["period"]["first_session"], d["period"]["last_session"],
      "|".join(g["name"] for g in d["groups"]))
PY
)
IFS='|' read -r -a names <<<"$groups"
rm "$WORK/all.json"

# random windows, the same for every K (a fixed seed: a failure can be rerun)
python3 - "$first" "$last" >"$WORK/windows" <<'PY'
import datetime as dt, random, sys
a = dt.date.fromisoformat(sys.argv[1]); b = dt.date.fromisoformat(sys.argv[2])
days = (b - a).days
rnd = random.Random(1303)
for _ in range(40):
    s = rnd.randint(0, days); e = min(days, s + rnd.choice([0, 0, 1, 2, 6, 13, rnd.randint(0, days)]))
    print(a + dt.timedelta(s), a + dt.timedelta(e))
PY

for k in 3 5 11; do
  mkdir -p "$WORK/k$k"
  n=0
  export_json() { n=$((n + 1)); "$HEARTH" --db "$DB" export --format json --min-cell "$k" \
                    --out "$WORK/k$k/$n.json" "$@" >/dev/null 2>&1 || true; }
  export_json
  for g in "${names[@]}"; do export_json --group "$g"; done
  i=0
  while read -r since until; do
    i=$((i + 1))
    export_json --since "$since" --until "$until"
    g=${names[$((i % ${#names[@]}))]}
    export_json --group "$g" --since "$since" --until "$until"
  done <"$WORK/windows"
  files=$(ls "$WORK/k$k"/*.json | wc -l)
  [ "$files" -ge 60 ] || fail "K $k: only $files exports were written"
  st=0
  "$ATTACK" "$WORK/k$k"/*.json >"$WORK/out$k" || st=$?
  cat "$WORK/out$k" >&2
  [ "$st" = 0 ] || fail "K $k: the exports give answers away"
  grep -q " 0 cells too large" "$WORK/out$k" || fail "K $k: the attacker could not finish every cell"
  echo "K $k: $(tail -1 "$WORK/out$k")"
done

# every file of every K together: nothing under the smallest K
st=0
"$ATTACK" "$WORK"/k*/*.json >"$WORK/outall" || st=$?
[ "$st" = 0 ] || { cat "$WORK/outall" >&2; fail "the exports of all thresholds together give answers away"; }
echo "all: $(tail -1 "$WORK/outall")"

# merged data: another kiosk merges the K 5 export and exports it again, at
# its own K of 3 and over windows: still nothing (what was withheld stays so)
B=$WORK/other.db
# demo data: a real kiosk takes it only when told to
"$HEARTH" --db "$B" merge --include-demo "$WORK/k5/1.json" >/dev/null
mkdir -p "$WORK/merged"
m=0
while read -r since until; do
  m=$((m + 1))
  "$HEARTH" --db "$B" export --format json --min-cell 3 --since "$since" --until "$until" \
    --out "$WORK/merged/$m.json" >/dev/null 2>&1 || true
done <"$WORK/windows"
"$HEARTH" --db "$B" export --format json --min-cell 3 --out "$WORK/merged/all.json" >/dev/null 2>&1
st=0
"$ATTACK" "$WORK"/k5/*.json "$WORK"/merged/*.json >"$WORK/outm" || st=$?
[ "$st" = 0 ] || { cat "$WORK/outm" >&2; fail "merged exports give answers away"; }
echo "merged: $(tail -1 "$WORK/outm")"

# the CSV publishes nothing the JSON does not: same cells, same figures
"$HEARTH" --db "$DB" export --format csv --out "$WORK/r.csv" >/dev/null 2>&1
"$HEARTH" --db "$DB" export --format json --out "$WORK/r.json" >/dev/null 2>&1
python3 - "$WORK/r.csv" "$WORK/r.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
d = json.load(open(sys.argv[2]))
cells = {}
for s in d["sessions"]:
    for c in s["cells"]:
        cells[(s["id"], c["instrument"], c["phase"], c["part"] or "")] = c
def same(a, b):
    return (a or "") == ("" if b is None else str(b))
for r in rows:
    if not r["instrument"]:
        continue
    c = cells[(r["session_id"], r["instrument"], r["phase"], r["part"])]
    for f in ("n", "median", "q1", "q3"):
        assert same(r[f], c[f]), (r, c)
    assert r["counts"] == "" and c["counts"] is None
print(f"csv: {len(rows)} rows, each the JSON's figures")
PY
# the PDF publishes nothing the JSON does not either: the same export as a
# PDF and as JSON, whole and over a few of the windows, and every figure
# of the PDF's sessions pages (attendance; n, middle answer and middle half
# on arrival and at check-out), its attendance average and its exercise
# ranking is one the JSON shows; a withheld set is "withheld" in both
pdfs=0
while read -r since until; do
  pdfs=$((pdfs + 1))
  [ $pdfs -le 6 ] || break
  for f in pdf json; do
    "$HEARTH" --db "$DB" export --format $f --since "$since" --until "$until" \
      --out "$WORK/w$pdfs.$f" >/dev/null 2>&1 || true
  done
done <"$WORK/windows"
"$HEARTH" --db "$DB" export --format pdf --out "$WORK/w0.pdf" >/dev/null 2>&1
"$HEARTH" --db "$DB" export --format json --out "$WORK/w0.json" >/dev/null 2>&1
for pdf in "$WORK"/w*.pdf; do
  pdftotext -layout "$pdf" "${pdf%.pdf}.txt"
  python3 - "${pdf%.pdf}.txt" "${pdf%.pdf}.json" <<'PY' || fail "$(basename "$pdf") shows what its JSON does not"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read().splitlines()
d = json.load(open(sys.argv[2]))
groups = {g["name"]: g for g in d["groups"]}
def shown(c):
    if c is None:
        return None
    if c["n"] is None:
        return "withheld"
    return f'{c["n"]}, {c["median"]}' + (f' ({c["q1"]}\u2013{c["q3"]})' if c["q1"] is not None else "")
sessions = {}
for s in d["sessions"]:
    trend = groups[s["group"]]["trend_instrument"]
    cells = {c["phase"]: c for c in s["cells"] if c["instrument"] == trend and c["part"] is None}
    sessions.setdefault((s["group"], s["date"]), []).append(
        ("withheld" if s["attendance"] is None else str(s["attendance"]),
         shown(cells.get("arrival")), shown(cells.get("checkout"))))
group, rows, checked = None, 0, 0
fig = re.compile(r"\d+, \d+(?: \(\d+\u2013\d+\))?|withheld")
for line in text:
    m = re.match(r"\s*Sessions of (.+?)\s{2,}", line)
    if m:
        group = m.group(1)
        continue
    m = re.match(r"\s*(\d{4}-\d\d-\d\d)\s+\d+\s+(\d+|withheld)\s+(.*)$", line)
    if not m or group is None:
        continue
    rows += 1
    figures = fig.findall(m.group(3))
    options = sessions.get((group, m.group(1)))
    assert options, f"{group} {m.group(1)}: a session the JSON does not have"
    ok = any(att == m.group(2) and all(f in (a, c) for f in figures) for att, a, c in options)
    assert ok, f"{group} {m.group(1)}: the PDF shows {m.group(2)} and {figures}, the JSON {options}"
    checked += len(figures)
    # an average of attendance over the sessions shown, made of them only
for line in text:
    m = re.search(r"([\d.]+) on average over the sessions shown", line)
    if m:
        avgs = {round(g["attendance_total"] / g["attendance_sessions"], 1)
                for g in d["groups"] if g["attendance_sessions"]}
        assert float(m.group(1)) in avgs, (m.group(1), avgs)
        checked += 1
# the exercise ranking: runs, runs withheld and the median change as the JSON has them
ranked = {(str(x["runs"]), str(x["runs_withheld"]), f'{x["median_change"]:+.1f}')
          for g in d["groups"] for x in g.get("exercises", []) if x["median_change"] is not None}
for line in text:
    m = re.search(r"\s(\d+) \(\+(\d+) withheld\)\s+([-+]\d+\.\d)\s*$", line) or \
        re.search(r"\s{2,}(\d+)()\s{2,}([-+]\d+\.\d)\s*$", line)
    if m:
        key = (m.group(1), m.group(2) or "0", m.group(3))
        assert key in ranked, (line.strip(), sorted(ranked))
        checked += 1
assert d["sessions"] == [] or rows > 0, "no session rows read from the PDF"
print(f"{sys.argv[1].split('/')[-1]}: {rows} session rows, {checked} figures, each the JSON's")
PY
done
echo "attack tests passed"
