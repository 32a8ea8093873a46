#!/usr/bin/env bash
# The command line as staff meet it: the usage lines, --help, the man page
# and the README agree on every verb and option; a group name typed a
# little wrong does not start a second group; listings are tables for
# people and tab-separated lines for scripts; verbs that read never create
# a database; every pass printed or shown names its pseudonym.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
SRC=${HEARTH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/lib.sh"

# on_tty COMMAND...: runs it with standard output on a terminal (script(1))

# --- usage lines, --help, the man page and the README agree ---------------
# Every usage line a verb can print is collected by asking each verb and
# each of its sub-verbs (as --help lists them) for an option that does not
# exist; a database that is not there stays not there.
NODB=$WORK/never/hearth.db
"$HEARTH" --help >"$WORK/help"
python3 - "$HEARTH" "$NODB" "$WORK/help" "$SRC/app/dist/hearth.1" "$SRC/README.md" <<'EOF'
import re, subprocess, sys
hearth, nodb, help_path, man_path, readme_path = sys.argv[1:]
help_text = open(help_path).read()
problems = []

# --help: the verbs' lines and the global options
verbs_part = help_text.split("Verbs:")[1].split("Options:")[0]
options_part = help_text.split("Options:")[1]
help_lines = {}
for line in verbs_part.splitlines():
    if line.startswith("  ") and line.strip():
        help_lines.setdefault(line.split()[0], []).append(line)
global_options = set(re.findall(r"^  (--[a-z-]+)", options_part, re.M))
opt = re.compile(r"--[a-z][a-z-]*")

# usage lines: each verb and sub-verb asked for an option it does not have
usage = {}
def ask(args, db=nodb):
    p = subprocess.run([hearth, "--db", db] + args, capture_output=True, text=True)
    for m in re.finditer(r"^usage: hearth (.*)$", p.stderr, re.M):
        line = m.group(1)
        verb = "" if line.startswith("[") else line.split()[0]
        usage.setdefault(verb, set()).update(opt.findall(line))
ask(["--no-such-option"])
for verb, lines in help_lines.items():
    # alone, some verbs do their work (demo-data): on a database that
    # cannot be made
    ask([verb], "/dev/null/hearth.db")
    ask([verb, "--no-such-option"])
    for line in lines:
        synopsis = re.split(r"\s{3,}", line.strip())[0]
        for alt in synopsis.split(" | "):
            words = alt.split()
            if len(words) > 1 and not words[1].startswith(("-", "[")) and words[1].islower():
                ask([words[0], words[1], "--no-such-option"])
if len(usage) < len(help_lines):
    problems.append("only %d verbs printed a usage line: %s" % (len(usage), sorted(usage)))

# the man page, its font escapes taken out: each verb's entries under VERBS
man = open(man_path).read()
man = re.sub(r"\\f[BIRP]", "", man).replace("\\-", "-").replace("\\e", "\\")
man_options = man.split(".SH OPTIONS")[1].split(".SH VERBS")[0]
man_verbs = man.split(".SH VERBS")[1].split(".SH EXIT STATUS")[0]
man_entries = {}
for entry in man_verbs.split(".TP\n")[1:]:
    head = entry.splitlines()[0]
    for alt in head[3:].split("|"):
        words = alt.split()
        if words:
            man_entries.setdefault(words[0], []).append(entry)

# the README's command-line table, and the section around it
readme = open(readme_path).read()
section = readme.split("## Command line")[1].split("\n## ")[0]
rows = {}
for row in section.splitlines():
    for m in re.finditer(r"`hearth ([a-z-]+)", row):
        rows.setdefault(m.group(1), []).append(row)

for verb, options in sorted(usage.items()):
    if verb == "":
        for o in sorted(options):
            if o not in global_options:
                problems.append("--help's options lack %s (in the usage line)" % o)
        continue
    helped = " ".join(help_lines.get(verb, []))
    manned = " ".join(man_entries.get(verb, []))
    readme_rows = " ".join(rows.get(verb, []))
    if not helped:
        problems.append("--help has no line for '%s'" % verb)
    if not manned:
        problems.append("the man page has no entry for '%s'" % verb)
    if not readme_rows:
        problems.append("the README's table has no row for 'hearth %s'" % verb)
    for o in sorted(options | set(opt.findall(helped))):
        for where, text in (("--help", helped), ("the man page", manned),
                            ("the README", readme_rows)):
            if text and o not in opt.findall(text):
                problems.append("%s: %s %s is in the usage or --help but not in %s"
                                % (verb, verb, o, where))
for o in sorted(global_options):
    if o not in opt.findall(man_options):
        problems.append("the man page's OPTIONS lack %s" % o)
    if o not in opt.findall(section):
        problems.append("the README's command-line section lacks %s" % o)
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print("usage, --help, man page and README agree on %d verbs" % (len(usage) - 1))
EOF
[ ! -e "$NODB" ] || fail "asking for usage created a database"

# --- a group name typed a little wrong ------------------------------------
DB=$WORK/hearth.db
expect 0 "$HEARTH" --db "$DB" session open --group "DBT Skills - Tue AM"
grep -q "New group: DBT Skills - Tue AM" "$WORK/out" || fail "a new group is not announced: $(cat "$WORK/out")"
expect 0 "$HEARTH" --db "$DB" session close
for typo in "dbt skills - tue am" "DBT  Skills - Tue AM" "DBT Skils - Tue AM" "DBT Skills - Tue PM"; do
  expect 1 "$HEARTH" --db "$DB" session open --group "$typo"
  grep -q "'DBT Skills - Tue AM'" "$WORK/err" || fail "'$typo': the message does not name the group: $(cat "$WORK/err")"
  grep -q -- "--new" "$WORK/err" || fail "'$typo': the message does not say --new: $(cat "$WORK/err")"
done
[ "$(sqlite3 "$DB" "SELECT count(*) FROM groups")" = 1 ] || fail "a typo made a group"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sessions WHERE closed IS NULL")" = 0 ] || fail "a typo opened a session"
# the same name opens without a word about a new group
expect 0 "$HEARTH" --db "$DB" session open --group "DBT Skills - Tue AM"
grep -q "New group" "$WORK/out" && fail "an existing group is called new"
expect 0 "$HEARTH" --db "$DB" session close
# --new says it is meant
expect 0 "$HEARTH" --db "$DB" session open --group "DBT Skills - Tue PM" --new
grep -q "New group: DBT Skills - Tue PM" "$WORK/out" || fail "--new: $(cat "$WORK/out")"
expect 0 "$HEARTH" --db "$DB" session close
# a name far from every group needs no --new
expect 0 "$HEARTH" --db "$DB" session open --group "Relapse prevention"
expect 0 "$HEARTH" --db "$DB" session close
[ "$(sqlite3 "$DB" "SELECT count(*) FROM groups")" = 3 ] || fail "groups: $(sqlite3 "$DB" "SELECT name FROM groups")"

# --- passes: three columns, printed or shown; a table on a terminal --------
expect 0 "$HEARTH" --db "$DB" pass new --count 2
awk -F'\t' 'NF != 3 || $3 !~ /^P-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]$/ { exit 1 }' "$WORK/out" ||
  fail "pass new: $(cat "$WORK/out")"
expect 0 "$HEARTH" --db "$DB" pass new --count 2 --pdf "$WORK/sheet.pdf"
awk -F'\t' 'NF != 3 || $3 !~ /^P-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]$/ { exit 1 }' "$WORK/out" ||
  fail "pass new --pdf: $(cat "$WORK/out")"
revoked=$(head -1 "$WORK/out" | cut -f3)
expect 0 "$HEARTH" --db "$DB" pass revoke "$revoked"
# piped: today's lines, no header
expect 0 "$HEARTH" --db "$DB" pass list
[ "$(wc -l <"$WORK/out")" = 4 ] || fail "pass list piped: $(cat "$WORK/out")"
awk -F'\t' 'NF != 3 || $1 !~ /^P-/ || $2 !~ /^20[0-9-]+T[0-9:]+Z$/ { exit 1 }' "$WORK/out" ||
  fail "pass list piped: $(cat "$WORK/out")"
grep -q "^$revoked	.*Z	20.*Z$" "$WORK/out" || fail "the revoked pass: $(cat "$WORK/out")"
[ "$(grep -c '	-$' "$WORK/out")" = 3 ] || fail "passes in use: $(cat "$WORK/out")"
# on a terminal: a header, aligned columns, local times, no tabs
on_tty "$HEARTH" --db "$DB" pass list >"$WORK/tty"
head -1 "$WORK/tty" | grep -Eq '^Pass +Issued +Revoked$' || fail "pass list on a terminal: $(cat "$WORK/tty")"
[ "$(wc -l <"$WORK/tty")" = 5 ] || fail "pass list on a terminal: $(cat "$WORK/tty")"
grep -q '	' "$WORK/tty" && fail "tabs on a terminal"
grep -Eq '[0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' "$WORK/tty" && fail "UTC times for people: $(cat "$WORK/tty")"
col=$(head -1 "$WORK/tty" | awk '{ print index($0, "Issued") }')
awk -v c="$col" 'NR > 1 && substr($0, c - 2, 2) != "  " { exit 1 }' "$WORK/tty" ||
  fail "columns not aligned: $(cat "$WORK/tty")"
"$HEARTH" --db "$WORK/nopass.db" session open --group X >/dev/null
on_tty "$HEARTH" --db "$WORK/nopass.db" pass list | grep -q "No passes yet" ||
  fail "an empty pass list says nothing on a terminal"

# --- the pass sheet: each card names its pseudonym, no type under 8 pt ----
for paper in letter a4; do
  expect 0 "$HEARTH" --db "$WORK/sheet-$paper.db" pass new --count 10 --paper "$paper" --pdf "$WORK/$paper.pdf"
  cut -f3 "$WORK/out" | sort >"$WORK/pseudonyms"
  pdftotext -bbox "$WORK/$paper.pdf" "$WORK/$paper.html"
  grep -o '>P-[0-9A-Z]*<' "$WORK/$paper.html" | tr -d '<>' | sort >"$WORK/printed"
  cmp -s "$WORK/pseudonyms" "$WORK/printed" ||
    fail "$paper: the cards' pseudonyms: $(tr '\n' ' ' <"$WORK/printed") for $(tr '\n' ' ' <"$WORK/pseudonyms")"
  # a word's box is 1.21 times its size in points for this font: 8 pt
  # makes 9.68; the old sheet's instructions were 6.4 (5.3 pt)
  python3 - "$WORK/$paper.html" <<'EOF2'
import re, sys
words = re.findall(r'yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)<', open(sys.argv[1]).read())
small = [(w, round((float(b) - float(a)) / 1.21, 1)) for a, b, w in words if (float(b) - float(a)) / 1.21 < 7.95]
if not words or small:
    sys.exit("type under 8 pt: %s" % small[:6])
EOF2
  # every card's QR code, cut out on its own at 150 dpi (zbar misses a code
  # now and then among many on a page, the old sheet's too)
  cut -f1 "$WORK/out" | sort >"$WORK/payloads"
  if [ "$paper" = a4 ]; then pw=595.28; ph=841.89; rows=5; else pw=612; ph=792; rows=4; fi
  : >"$WORK/scanned"
  for i in $(seq 0 9); do
    read -r page x y w h < <(awk -v i="$i" -v pw="$pw" -v ph="$ph" -v rows="$rows" 'BEGIN {
      cw = 85.6 * 72 / 25.4; ch = 53.98 * 72 / 25.4; s = 150 / 72; per = rows * 2
      slot = i % per; x0 = (pw - 2 * cw) / 2 + (slot % 2) * cw; y0 = (ph - rows * ch) / 2 + int(slot / 2) * ch
      printf "%d %d %d %d %d\n", int(i / per) + 1, x0 * s, y0 * s, cw * s, ch * s }')
    pdftoppm -r 150 -png -f "$page" -l "$page" -x "$x" -y "$y" -W "$w" -H "$h" -singlefile \
      "$WORK/$paper.pdf" "$WORK/card"
    zbarimg -q --raw "$WORK/card.png" 2>/dev/null >>"$WORK/scanned" || true
  done
  sort -o "$WORK/scanned" "$WORK/scanned"
  cmp -s "$WORK/payloads" "$WORK/scanned" ||
    fail "$paper: $(wc -l <"$WORK/scanned") of 10 cards' QR codes scan to their passes"
done

# --- the catalog: module names and minutes for people ---------------------
expect 0 "$HEARTH" catalog list
n=$(wc -l <"$WORK/out")
grep -q "^box-breathing	distress_tolerance	[0-9]*	Box breathing$" "$WORK/out" ||
  fail "catalog list piped changed: $(grep box "$WORK/out")"
on_tty "$HEARTH" catalog list >"$WORK/tty"
head -1 "$WORK/tty" | grep -Eq '^Exercise +Module +Minutes +Id$' || fail "catalog header: $(head -1 "$WORK/tty")"
[ "$(wc -l <"$WORK/tty")" = $((n + 1)) ] || fail "catalog on a terminal: $(wc -l <"$WORK/tty") lines"
grep -E '^Box breathing +Distress tolerance +[0-9]{1,2} +box-breathing$' "$WORK/tty" >/dev/null ||
  fail "catalog row: $(grep -i box "$WORK/tty")"
grep -q "distress_tolerance\|cbt_behavioural" "$WORK/tty" && fail "module ids shown to people"
on_tty "$HEARTH" --lang es catalog list | head -1 | grep -q "Ejercicio" ||
  fail "the header is not translated"

# --- verbs that read never create a database ------------------------------
MISSING=$WORK/missing/hearth.db
for verb in "pass list" "group list" "export --format csv --out $WORK/r.csv" "db check" \
            "db backup" "pass revoke P-ABCD" "checkin ABCD-EFGH-JKMN-PQRS" "session close" \
            "group set X --ratings anonymous" "db purge --months 3"; do
  # shellcheck disable=SC2086
  st=0; "$HEARTH" --db "$MISSING" $verb >"$WORK/out" 2>"$WORK/err" || st=$?
  [ "$st" != 0 ] || fail "'$verb' on a missing database exited 0"
  grep -q "does not exist" "$WORK/err" || fail "'$verb': $(cat "$WORK/err")"
  [ ! -e "$MISSING" ] && [ ! -e "$WORK/missing" ] || fail "'$verb' created a database"
done
# a merge whose file is not there says so before making a database
expect 1 "$HEARTH" --db "$MISSING" merge "$WORK/nothing.json"
grep -q "nothing.json" "$WORK/err" || fail "merge: $(cat "$WORK/err")"
[ ! -e "$MISSING" ] || fail "a failed merge created a database"

# --- the scanner's settings read one way in a clinic ----------------------
grep -q 'msgid "Patient"' "$SRC/app/po/hearth.pot" && fail "the scanner is still 'Patient'"
grep -q 'msgid "Slow scanner"' "$SRC/app/po/hearth.pot" || fail "no 'Slow scanner' label"
echo ok
