#!/usr/bin/env bash
# hearth demo-data, export and merge through the real binary: the CSV parses
# with consistent columns, the JSON parses and states its threshold, every
# export says in both languages that its instruments are not validated
# measures and none speaks of a cutoff or a reliable change, the PDF
# opens and renders with the chart's line in the chart, no pass secret,
# short code or hash is in any export, merging twice changes nothing, and a
# broken file changes nothing.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
. "$(dirname "$0")/lib.sh"
DB=$WORK/a.db
q() { sqlite3 "$1" "$2"; }

expect 0 "$HEARTH" --db "$DB" demo-data --weeks 12 --groups 3
grep -q "Demo - " "$WORK/out" || fail "demo-data: $(cat "$WORK/out")"
[ "$(q "$DB" "SELECT count(*) FROM groups WHERE name NOT LIKE 'Demo - %'")" = 0 ] ||
  fail "a demo group without the Demo mark"
[ "$(q "$DB" "SELECT value FROM settings WHERE key = 'demo_data'")" = 1 ] || fail "no demo setting"
# demo data never goes into a database that already has groups
expect 1 "$HEARTH" --db "$DB" demo-data --weeks 2

# passes, one checked in to a pseudonymous group: their secrets must not leak
expect 0 "$HEARTH" --db "$DB" pass new --count 3
cp "$WORK/out" "$WORK/passes"
expect 0 "$HEARTH" --db "$DB" session open --group "Demo - DBT Skills - Mon AM"
expect 0 "$HEARTH" --db "$DB" checkin "$(head -n 1 "$WORK/passes" | cut -f2)"
expect 0 "$HEARTH" --db "$DB" session close

for f in csv json pdf; do
  (umask 022; expect 0 "$HEARTH" --db "$DB" export --format $f --out "$WORK/r.$f")
  # a report stays with staff: private whatever the umask
  [ "$(stat -c %a "$WORK/r.$f")" = 600 ] || fail "r.$f has mode $(stat -c %a "$WORK/r.$f")"
done
expect 0 "$HEARTH" --db "$DB" export --format csv --out "$WORK/p.csv" --per-person
expect 0 "$HEARTH" --db "$DB" export --format json --out "$WORK/p.json" --per-person --min-cell 11
expect 0 "$HEARTH" --db "$DB" export --format csv --out "$WORK/k1.csv" --min-cell 1
grep -q "suppression is off" "$WORK/err" || fail "--min-cell 1 said nothing"
expect 0 "$HEARTH" --db "$DB" export --format csv --out "$WORK/g.csv" \
  --group "Demo - Emotion Regulation - Wed" --since 2026-01-01 --until 2030-12-31

# usage and runtime errors
expect 2 "$HEARTH" --db "$DB" export --format xml --out "$WORK/x"
expect 2 "$HEARTH" --db "$DB" export --format pdf --out "$WORK/x" --per-person
expect 2 "$HEARTH" --db "$DB" export --format csv
expect 2 "$HEARTH" --db "$DB" export --format csv --out "$WORK/x" --since yesterday
expect 2 "$HEARTH" --db "$DB" export --format csv --out "$WORK/x" --min-cell 0
expect 2 "$HEARTH" --db "$DB" export --format csv --out "$WORK/x" --min-cell 2
# the clinic's threshold in hearth.ini is the command line's too
printf '[privacy]\nmin_cell = 11\n' >"$WORK/k11.ini"
expect 0 "$HEARTH" --config "$WORK/k11.ini" --db "$DB" export --format json --out "$WORK/ini.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['min_cell'] == 11, d['min_cell']" \
  "$WORK/ini.json" || fail "the export ignored [privacy] min_cell"
# a hearth.ini that cannot be read (a FIFO, a folder) is no reason to
# export at the default K: the clinic's 11 may be in it. Refused, no file;
# a K given on the command line needs no settings.
mkfifo "$WORK/k11.fifo"
mkdir "$WORK/k11.dir"
for ini in "$WORK/k11.fifo" "$WORK/k11.dir"; do
  expect 1 "$HEARTH" --config "$ini" --db "$DB" export --format json --out "$WORK/noini.json"
  grep -q "min_cell" "$WORK/err" || fail "the refusal does not name the threshold: $(cat "$WORK/err")"
  [ ! -e "$WORK/noini.json" ] || fail "exported at the default K without the clinic's settings"
done
expect 0 "$HEARTH" --config "$WORK/k11.fifo" --db "$DB" export --format json --out "$WORK/noini.json" \
  --min-cell 11
expect 1 "$HEARTH" --db "$DB" export --format csv --out "$WORK/x" --group "No such group"

# the audit log: every export, the unsuppressed one said so
[ "$(q "$DB" "SELECT count(*) FROM audit WHERE action = 'export'")" -ge 6 ] || fail "exports not audited"
[ "$(q "$DB" "SELECT count(*) FROM audit WHERE action = 'export' AND detail LIKE '%suppression off%'")" = 1 ] ||
  fail "--min-cell 1 not in the audit log"

python3 - "$WORK" <<'PY'
import csv, json, sys
w = sys.argv[1]
def rows(name):
    with open(f"{w}/{name}", newline="") as f:
        return list(csv.reader(f))
for name, first in (("r.csv", "kiosk_id"), ("k1.csv", "kiosk_id"), ("p.csv", "pseudonym")):
    t = rows(name)
    assert t[0][0] == first, (name, t[0])
    widths = {len(r) for r in t}
    assert len(widths) == 1, (name, widths)
    assert len(t) > 10, (name, len(t))
t = rows("r.csv")
head = t[0]
col = {h: i for i, h in enumerate(head)}
assert all(r[col["min_cell"]] == "5" for r in t[1:])
sup = [r for r in t[1:] if r[col["suppressed"]] == "1"]
assert sup and all(r[col["n"]] == "" and r[col["median"]] == "" for r in sup), "a withheld row shows figures"
assert all(int(r[col["n"]]) >= 5 for r in t[1:] if r[col["n"]])
import re
assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r[col["date"]]) for r in t[1:])
assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r[col["opened"]]) for r in t[1:])
assert "mean" not in col and "sd" not in col, "a mean or sd column: they can give answers away"
assert not any(r[col["counts"]] for r in t[1:]), "counts shown under K 5"
k1 = rows("k1.csv")
kc = {h: i for i, h in enumerate(k1[0])}
assert all(r[kc["min_cell"]] == "1" for r in k1[1:]) and not any(r[kc["suppressed"]] == "1" for r in k1[1:])
assert any(r[kc["counts"]] for r in k1[1:]), "suppression off shows no counts"
p = rows("p.csv")
assert all(re.fullmatch(r"P-[0-9A-Z]{4}", r[0]) for r in p[1:])
assert not any(re.search(r"\d{4}-\d\d-\d\d", ",".join(r)) for r in p), "a date in per-person rows"
d = json.load(open(f"{w}/r.json"))
for k in ("format", "version", "export_id", "kiosk_id", "generated_at", "period", "min_cell", "sessions"):
    assert k in d, k
assert d["format"] == "hearth-trends" and d["min_cell"] == 5 and d["demo"] is True
assert len(d["sessions"]) == len(d["sessions"]) and d["sessions"][0]["cells"]
pj = json.load(open(f"{w}/p.json"))
assert pj["format"] == "hearth-people" and pj["people"] and "pseudonym" in pj["people"][0]
# no calendar date or time anywhere in a per-person file
assert "sessions" not in pj and "generated_at" not in pj and "period" not in pj
# (ids are random hex and may hold "2031", a pseudonym is random and may be
# "P-2031": each is checked for its own shape, every other value for a year)
RANDOM = {"export_id": r"[0-9a-f-]{36}", "kiosk_id": r"[0-9a-f-]{36}", "pseudonym": r"P-[0-9A-Z]{4}"}
def values(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in RANDOM:
                assert re.fullmatch(RANDOM[k], str(x)), (k, x)
            else:
                yield from values(x)
    elif isinstance(v, list):
        for x in v:
            yield from values(x)
    else:
        yield str(v)
assert not any(re.search(r"20\d\d", x) for x in values(pj)), "a year in the per-person JSON"
assert all(c["n"] is None or c["n"] >= 5 for s in d["sessions"] for c in s["cells"])
assert all("mean" not in c and "sd" not in c for s in d["sessions"] for c in s["cells"])
PY

# every instrument says in every export that it is not a validated measure
# (issue 15), in the export's language: the CSV's new last column (the
# older columns keep their places), the JSON's instruments, the PDF under
# its chart; and no export calls a line a cutoff or a change reliable
expect 0 "$HEARTH" --db "$DB" --lang es export --format csv --out "$WORK/es.csv"
expect 0 "$HEARTH" --db "$DB" --lang es export --format csv --out "$WORK/pes.csv" --per-person
expect 0 "$HEARTH" --db "$DB" --lang es export --format json --out "$WORK/es.json"
expect 0 "$HEARTH" --db "$DB" --lang es export --format pdf --out "$WORK/es.pdf"
for f in r es; do pdftotext "$WORK/$f.pdf" - | tr '\n' ' ' >"$WORK/$f.pdf.flat"; done
python3 - "$WORK" <<'PY'
import csv, json, re, sys
w = sys.argv[1]
NOT = {"en": "Not a validated measure: ", "es": "No es una medida validada: "}
OLD = ["kiosk_id", "session_id", "group", "date", "opened", "week", "attendance", "instrument",
       "phase", "exercise", "part", "n", "median", "q1", "q3", "counts", "suppressed",
       "min_cell", "source"]
OLD_P = ["pseudonym", "group", "week_of_treatment", "instrument", "phase", "n", "mean", "min_cell"]
for name, lang, old in (("r.csv", "en", OLD), ("k1.csv", "en", OLD), ("es.csv", "es", OLD),
                        ("p.csv", "en", OLD_P), ("pes.csv", "es", OLD_P)):
    t = list(csv.reader(open(f"{w}/{name}", newline="")))
    assert t[0] == old + ["validity"], (name, t[0])
    ins = t[0].index("instrument")
    rated = [r for r in t[1:] if r[ins]]
    assert rated, name
    bad = [r for r in rated if not r[-1].startswith(NOT[lang])]
    assert not bad, (name, bad[0])
    assert all(r[-1] == "" for r in t[1:] if not r[ins]), name
    # one statement per instrument, the same on all its rows
    assert len({(r[ins], r[-1]) for r in rated}) == len({r[ins] for r in rated}), name
for name, lang in (("r.json", "en"), ("es.json", "es"), ("p.json", "en")):
    d = json.load(open(f"{w}/{name}"))
    ins = {i["instrument"]: i for i in d["instruments"]}
    assert {"mood", "distress", "urge"} <= set(ins), (name, sorted(ins))
    assert all(i["validity"].startswith(NOT[lang]) and i["source"] is None
               for i in ins.values()), name
    used = {c["instrument"] for s in d.get("sessions", []) for c in s["cells"]}
    used |= {p["instrument"] for p in d.get("people", [])}
    assert used and used <= set(ins), (name, used - set(ins))
for name, lang in (("r.pdf.flat", "en"), ("es.pdf.flat", "es")):
    text = open(f"{w}/{name}").read()
    assert NOT[lang] in text, (name, text[:300])
BANNED = re.compile(r"reliable change|cut-?off|clinical|cambio (con)?fiable|punto de corte|"
                    r"cl\u00ednico", re.I)
for name in ("r.csv", "es.csv", "p.csv", "pes.csv", "r.json", "es.json", "p.json",
             "r.pdf.flat", "es.pdf.flat"):
    hit = BANNED.search(open(f"{w}/{name}").read())
    assert not hit, (name, hit.group(0))
PY

# the PDF: opens, has a page per group and its sessions, and the chart's
# arrival line (#1f5fa8) is drawn in the chart's part of page one
pdfinfo "$WORK/r.pdf" >"$WORK/info" || fail "pdfinfo cannot read the report"
pages=$(sed -n 's/^Pages: *//p' "$WORK/info")
[ "$pages" -ge 6 ] || fail "the report has $pages pages"
pdftoppm -r 72 -f 1 -l 1 "$WORK/r.pdf" "$WORK/page" || fail "pdftoppm cannot render it"
pdftotext "$WORK/r.pdf" "$WORK/r.txt"
grep -q "Demo data" "$WORK/r.txt" || fail "the report does not say it is demo data"
grep -q "fewer than 5 answers" "$WORK/r.txt" || fail "the report does not state its threshold"
python3 - "$WORK"/page-1.ppm <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)
assert parts[0] == b"P6"
w, h = int(parts[1]), int(parts[2])
px = parts[4]
def share(x0, y0, x1, y1, rgb, tol=40):
    hit = tot = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            i = (y * w + x) * 3
            tot += 1
            hit += all(abs(px[i + k] - rgb[k]) <= tol for k in range(3))
    return hit / tot
blue = (0x1f, 0x5f, 0xa8)
chart = share(60, 190, 570, 390, blue)   # the trend chart (points at 72 dpi)
top = share(40, 30, 570, 100, blue)      # the title: no chart colour
assert chart > 0.005, f"the chart line covers {chart:.4f} of the chart"
assert top < 0.001, top
PY

# no secret, code or hash anywhere
for f in r.csv r.json r.pdf p.csv p.json k1.csv; do
  [ -f "$WORK/$f.txt" ] || { [ "${f##*.}" = pdf ] && pdftotext "$WORK/$f" "$WORK/$f.txt" || cp "$WORK/$f" "$WORK/$f.txt"; }
done
while IFS=$'\t' read -r payload code _pseudonym; do
  grep -l -F -e "$payload" -e "$code" -e "${code//-/}" "$WORK"/*.txt "$WORK"/r.* "$WORK"/p.* && fail "a pass secret is in an export"
done <"$WORK/passes"
for h in $(q "$DB" "SELECT lower(hex(hash)) FROM passes LIMIT 50"); do
  grep -l -i -F "$h" "$WORK"/*.txt "$WORK"/r.* "$WORK"/p.* && fail "a pass hash is in an export"
  grep -l -i -F "${h:0:16}" "$WORK"/*.txt && fail "part of a pass hash is in an export"
done
true

# merge: into a second kiosk, twice; the same numbers each time
B=$WORK/b.db
# an export of demo data into a kiosk that is not a demo: refused unless asked
expect 1 "$HEARTH" --db "$B" merge "$WORK/r.json"
grep -q "demo data.*--include-demo" "$WORK/err" || fail "demo into real: $(cat "$WORK/err")"
[ "$(q "$B" "SELECT count(*) FROM imported_sessions")" = 0 ] || fail "a refused demo merge stored sessions"
expect 0 "$HEARTH" --db "$B" merge "$WORK/r.json" --include-demo
n1=$(q "$B" "SELECT count(*) FROM imported_sessions")
c1=$(q "$B" "SELECT count(*), total(n), total(median) FROM imported_cells")
[ "$n1" = "$(q "$DB" "SELECT count(*) FROM sessions")" ] || fail "merged $n1 sessions"
expect 0 "$HEARTH" --db "$B" merge --include-demo "$WORK/r.json"
[ "$(q "$B" "SELECT count(*) FROM imported_sessions")" = "$n1" ] || fail "merging twice added sessions"
[ "$(q "$B" "SELECT count(*), total(n), total(median) FROM imported_cells")" = "$c1" ] ||
  fail "merging twice changed the figures"
[ "$(q "$B" "SELECT count(*) FROM audit WHERE action = 'merge'")" = 2 ] || fail "merge not audited"
# the merged trends export the same sessions
expect 0 "$HEARTH" --db "$B" export --format csv --out "$WORK/b.csv"
# (the source column, by name: validity comes after it)
python3 -c "
import csv, sys
t = list(csv.DictReader(open(sys.argv[1], newline='')))
assert t and all(r['source'] == 'imported' for r in t), {r['source'] for r in t}" \
  "$WORK/b.csv" || fail "merged rows not marked imported"
[ "$(wc -l <"$WORK/b.csv")" = "$(wc -l <"$WORK/r.csv")" ] || fail "the merged export has other rows"
# a broken file: "file: what is wrong", exit 1, nothing changed
sed 's/"scale":\[1,5\]/"scale":[1,50]/' "$WORK/r.json" >"$WORK/broken.json"
expect 1 "$HEARTH" --db "$B" merge "$WORK/broken.json"
grep -q "broken.json: sessions\[[0-9]*\].cells\[[0-9]*\].scale" "$WORK/err" || fail "broken: $(cat "$WORK/err")"
[ "$(q "$B" "SELECT count(*), total(n), total(median) FROM imported_cells")" = "$c1" ] ||
  fail "a broken file changed the figures"
head -c 5000 "$WORK/r.json" >"$WORK/cut.json"
expect 1 "$HEARTH" --db "$B" merge "$WORK/cut.json"
grep -q "cut.json: line" "$WORK/err" || fail "cut: $(cat "$WORK/err")"
expect 1 "$HEARTH" --db "$B" merge "$WORK/missing.json"
expect 2 "$HEARTH" --db "$B" merge
# the retention purge takes merged sessions too (issue 13: they stayed for
# ever), their figures with them, and says how many went
old=$(q "$B" "SELECT count(*) FROM imported_sessions WHERE opened < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 month')")
[ "$old" -gt 0 ] || fail "no merged session older than a month to purge"
expect 0 "$HEARTH" --db "$B" db purge --months 1
grep -q "Also $old sessions merged from other kiosks" "$WORK/out" || fail "purge: $(cat "$WORK/out")"
[ "$(q "$B" "SELECT count(*) FROM imported_sessions")" = $((n1 - old)) ] || fail "merged sessions stayed"
[ "$(q "$B" "SELECT count(*) FROM imported_cells WHERE session_id NOT IN (SELECT id FROM imported_sessions)")" = 0 ] ||
  fail "figures of purged sessions stayed"
q "$B" "SELECT detail FROM audit WHERE action = 'db.purge'" | grep -q "$old merged sessions" ||
  fail "the purge's audit row does not count the merged sessions"
echo "export tests passed"
