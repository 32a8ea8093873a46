#!/usr/bin/env bash
# Every file Hearth writes and reads, attacked through the real binary the
# way someone with a shell on the kiosk would: exports and pass sheets
# aimed at the database, its -wal and its backups (by name, through a link,
# through x/../); a device, a FIFO and a folder as the target; a link
# planted at the temporary file's name; an export killed half-way; a FIFO
# given as the database, a data file, a merge file and the settings (each
# under `timeout`, so a hang fails instead of hanging the run); merge files
# with hidden characters, a NUL, a key twice, a date from 1970 and demo
# data; a pass sheet that cannot be written; a database in a read-only
# folder.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
. "$(dirname "$0")/lib.sh"
exec </dev/null # nothing here reads a terminal: no command may wait on one
says() { grep -q -- "$1" "$WORK/err" || fail "stderr does not say '$1': $(cat "$WORK/err")"; }
q() { sqlite3 "$DB" "$1"; }
# the kiosk with no display: it does what it does at start, then says so
nodisplay=(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER)
fingerprint() { sha256sum "$DB" | cut -c1-64; }

DB=$WORK/kiosk/hearth.db
mkdir -p "$WORK/kiosk"
expect 0 "$HEARTH" --db "$DB" demo-data --weeks 4 --groups 2
expect 0 "$HEARTH" --db "$DB" db backup
BACKUP=$(ls "$WORK"/kiosk/hearth.db.backup-*)
expect 0 "$HEARTH" --db "$DB" db check
BEFORE=$(fingerprint)
PASSES=$(q "SELECT count(*) FROM passes")

# --- outputs aimed at the database's own files -------------------------------
mkdir -p "$WORK/kiosk/sub" "$WORK/elsewhere"
ln -s "$DB" "$WORK/elsewhere/report.csv"
ln -s "$DB-wal" "$WORK/elsewhere/wal.json"
ln "$DB" "$WORK/elsewhere/hard.pdf"
for target in "$DB" "$WORK/kiosk/sub/../hearth.db" "$DB-wal" "$DB-shm" "$BACKUP" \
  "$WORK/elsewhere/report.csv" "$WORK/elsewhere/wal.json" "$WORK/elsewhere/hard.pdf"; do
  for f in csv json pdf; do
    expect 1 "$HEARTH" --db "$DB" export --format $f --out "$target"
    says "database $DB"
  done
  expect 1 "$HEARTH" --db "$DB" pass new --count 2 --pdf "$target"
  says "database $DB"
  says "No pass was issued"
done
[ "$(fingerprint)" = "$BEFORE" ] || fail "the database changed"
[ "$(q "PRAGMA integrity_check")" = ok ] || fail "the database is damaged"
[ "$(q "SELECT count(*) FROM passes")" = "$PASSES" ] || fail "passes were stored"
[ -L "$WORK/elsewhere/report.csv" ] || fail "the link to the database was replaced"
echo "the database, -wal, -shm, a backup, x/../, a link and a hard link: refused, unchanged"

# --- targets that are not regular files --------------------------------------
mkfifo "$WORK/fifo.csv"
mkdir "$WORK/folder.csv"
for target in "$WORK/fifo.csv" "$WORK/folder.csv" "$WORK/folder.csv/"; do
  expect 1 "$HEARTH" --db "$DB" export --format csv --out "$target"
  says "not a regular file"
  expect 1 "$HEARTH" --db "$DB" pass new --pdf "$target"
done
[ -p "$WORK/fifo.csv" ] && [ -d "$WORK/folder.csv" ] || fail "a FIFO or a folder was replaced"
if [ "$(id -u)" -eq 0 ]; then
  # as root nothing stops a write but the check: the old code replaced the
  # device node with a regular file, and chmod-ed it to 0600 for a PDF
  for dev in /dev/full /dev/null; do
    was=$(stat -c '%F %a %t:%T' "$dev")
    expect 1 "$HEARTH" --db "$DB" export --format pdf --out "$dev"
    says "is a device"
    expect 1 "$HEARTH" --db "$DB" pass new --pdf "$dev"
    [ "$(stat -c '%F %a %t:%T' "$dev")" = "$was" ] || fail "$dev became $(stat -c '%F %a' "$dev")"
  done
  echo "/dev/full and /dev/null as root: refused, still the same devices"
else
  echo "SKIP: /dev/full and /dev/null as targets need root (a non-root write fails anyway)"
fi
[ "$(q "SELECT count(*) FROM passes")" = "$PASSES" ] || fail "passes were stored"

# --- a link planted at the temporary file's name -----------------------------
echo "keep me" >"$WORK/victim"
chmod 644 "$WORK/victim"
mkdir "$WORK/dest"
# the old code's name, and the first name this process will try (exec keeps
# the shell's pid)
ln -s "$WORK/victim" "$WORK/dest/r.csv.part"
expect 0 sh -c 'ln -s "$1" "$2/.r.csv.hearth-tmp-$$-0" && exec "$3" --db "$4" export --format csv --out "$2/r.csv"' \
  sh "$WORK/victim" "$WORK/dest" "$HEARTH" "$DB"
[ "$(cat "$WORK/victim")" = "keep me" ] || fail "the planted link was followed"
[ "$(stat -c %a "$WORK/victim")" = 644 ] || fail "the planted link's target was chmod-ed"
[ -f "$WORK/dest/r.csv" ] && [ ! -L "$WORK/dest/r.csv" ] || fail "no report"
head -n 1 "$WORK/dest/r.csv" | grep -q "session" || fail "the report is not a CSV"
[ "$(stat -c %a "$WORK/dest/r.csv")" = 600 ] || fail "the report is not private"
echo "a link planted at the temporary name: not followed, the report written"

# --- kill -9 in the middle of an export; the next start cleans up -------------
BIG=$WORK/big/hearth.db
mkdir -p "$WORK/big/exports"
expect 0 "$HEARTH" --db "$BIG" demo-data --weeks 52 --groups 5
caught=
for try in 1 2 3 4 5 6 7 8; do
  "$HEARTH" --db "$BIG" export --format pdf --out "$WORK/big/exports/r.pdf" >/dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    if compgen -G "$WORK/big/exports/.r.pdf.hearth-tmp-$pid-*" >/dev/null; then
      kill -9 $pid 2>/dev/null && caught=1
      break
    fi
  done
  wait $pid 2>/dev/null || true
  [ -n "$caught" ] && compgen -G "$WORK/big/exports/.r.pdf.hearth-tmp-*" >/dev/null && break
  caught=
  rm -f "$WORK/big/exports/r.pdf"
done
[ -n "$caught" ] || fail "could not kill an export in the middle in 8 tries"
[ ! -e "$WORK/big/exports/r.pdf" ] || fail "a killed export left a report in place"
# the kiosk's next start (no display here: it still cleans before it looks)
expect 1 "${nodisplay[@]}" "$HEARTH" --db "$BIG" --mute
says "No display was found"
! compgen -G "$WORK/big/exports/.*hearth-tmp-*" >/dev/null || fail "the next start left the temporary"
grep -q "removed 1 unfinished" "$WORK/err" || fail "the start did not say it cleaned: $(cat "$WORK/err")"
# and the next write into the folder, when a kill left one again
"$HEARTH" --db "$BIG" export --format pdf --out "$WORK/big/exports/r.pdf" >/dev/null 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
  compgen -G "$WORK/big/exports/.r.pdf.hearth-tmp-$pid-*" >/dev/null && { kill -9 $pid 2>/dev/null || true; break; }
done
wait $pid 2>/dev/null || true
expect 0 "$HEARTH" --db "$BIG" export --format csv --out "$WORK/big/exports/r.csv"
! compgen -G "$WORK/big/exports/.*hearth-tmp-*" >/dev/null || fail "the next write left the temporary"
echo "kill -9 mid-export (try $try): the next start, and the next write, removed what it left"

# --- a full disk ---------------------------------------------------------------
mkdir -p "$MNT"
if mount -t tmpfs -o size=256k,mode=0700 tmpfs "$MNT" 2>/dev/null; then
  mounted=1
  echo "the old report" >"$MNT/r.pdf"
  dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
  expect 1 "$HEARTH" --db "$BIG" export --format pdf --out "$MNT/r.pdf"
  says "storage is full"
  [ "$(cat "$MNT/r.pdf")" = "the old report" ] || fail "a failed export changed the old report"
  ! compgen -G "$MNT/.*hearth-tmp-*" >/dev/null || fail "a failed export left its temporary"
  umount "$MNT" && mounted=
  echo "a full disk: refused with 'storage is full', the old report intact, nothing left"
else
  echo "SKIP: cannot mount a tmpfs here (not root, or a container that may not mount)"
fi

# --- inputs that are not regular files ---------------------------------------
expect 0 "$HEARTH" --db "$DB" db check
BEFORE=$(fingerprint)
mkfifo "$WORK/db.fifo" "$WORK/merge.fifo" "$WORK/ini.fifo"
expect 1 "$HEARTH" --db "$WORK/db.fifo" db check
says "named pipe"
expect 1 "$HEARTH" --db "$WORK/db.fifo" checkin ABCD-EFGH-JKMN-PQRS
says "named pipe"
expect 1 "${nodisplay[@]}" "$HEARTH" --db "$WORK/db.fifo" --mute
says "named pipe"
expect 1 "$HEARTH" --db /dev/zero db check
says "is a device"
expect 1 "$HEARTH" --db "$DB" merge "$WORK/merge.fifo"
says "named pipe"
expect 1 "$HEARTH" --db "$DB" merge /dev/zero
says "is a device"
expect 1 "$HEARTH" --db "$DB" db restore "$WORK/merge.fifo" --force
says "named pipe"
expect 1 "${nodisplay[@]}" "$HEARTH" --db "$DB" --config "$WORK/ini.fifo" --mute
says "named pipe"
expect 1 "$HEARTH" --db "$DB" --config "$WORK/ini.fifo" db purge
says "named pipe"
cp -r "$(dirname "$0")/../../data" "$WORK/data"
mkfifo "$WORK/data/exercises/zz-fifo.json"
expect 1 "$HEARTH" --data "$WORK/data" catalog check
grep -q "zz-fifo.json:1: this is not a regular file" "$WORK/out" "$WORK/err" ||
  fail "the FIFO among the data files is not named"
[ "$(fingerprint)" = "$BEFORE" ] || fail "the database changed"
echo "a FIFO or a device as --db, merge file, restore, --config and data file: refused at once"

# --- merge files made to lie ---------------------------------------------------
expect 0 "$HEARTH" --db "$DB" export --format json --out "$WORK/real.json"
# the export is of demo data; make it look like a real kiosk's
sed 's/"demo":true/"demo":false/' "$WORK/real.json" >"$WORK/base.json"
R=$WORK/r/hearth.db
mkdir -p "$WORK/r"
expect 0 "$HEARTH" --db "$R" session open --group "Real Group"
expect 0 "$HEARTH" --db "$R" session close
group=$(grep -o '"group":"[^"]*"' "$WORK/base.json" | head -n 1)
attack() { # NAME SED-EXPRESSION WHAT-STDERR-SAYS
  sed "$2" "$WORK/base.json" >"$WORK/$1.json"
  cmp -s "$WORK/$1.json" "$WORK/base.json" && fail "$1: the sed changed nothing"
  expect 1 "$HEARTH" --db "$R" merge "$WORK/$1.json"
  says "^hearth: $WORK/$1.json: "
  says "$3"
  [ "$(sqlite3 "$R" "SELECT count(*) FROM imported_sessions")" = 0 ] || fail "$1: sessions were merged"
}
attack rlo "s/$group/\"group\":\"DBT \\\\u202eMA euT\"/" "U+202E"
attack zwsp "s/$group/\"group\":\"DBT\\\\u200bSkills\"/" "U+200B"
attack c1 "s/$group/\"group\":\"DBT\\\\u0085Skills\"/" "U+0085"
attack nul "s/$group/\"group\":\"DBT\\\\u0000 hidden\"/" "NUL"
attack twice "s/$group/$group,\"group\":\"Another\"/" "has the key \"group\" twice"
attack y1970 "0,/\"opened\":\"[^\"]*\"/s//\"opened\":\"1970-01-01T00:00:00Z\"/" "before the year 2000"
attack y2083 "0,/\"opened\":\"[^\"]*\"/s//\"opened\":\"2083-01-01T00:00:00Z\"/" "more than a day from now"
attack demo "s/\"demo\":false/\"demo\":true/" "--include-demo"
expect 0 "$HEARTH" --db "$R" merge "$WORK/demo.json" --include-demo
expect 0 "$HEARTH" --db "$R" merge "$WORK/base.json"
echo "merge: U+202E, ZWSP, C1, \\u0000, a key twice, 1970, 2083 and demo data refused whole"

# --- group names typed on the command line -------------------------------------
expect 2 "$HEARTH" --db "$R" session open --group $'DBT \u202eMA euT'
expect 2 "$HEARTH" --db "$R" session open --group $'DBT\u200bSkills'
[ "$(sqlite3 "$R" "SELECT count(*) FROM groups WHERE name LIKE 'DBT%'")" = 0 ] ||
  fail "a hidden character entered a group name"

# --- a pass sheet that cannot be written stores no pass ------------------------
expect 1 "$HEARTH" --db "$DB" pass new --count 3 --pdf /no/such/dir/x.pdf
says "/no/such/dir does not exist"
says "No pass was issued"
[ "$(q "SELECT count(*) FROM passes")" = "$PASSES" ] || fail "passes were stored without their sheet"
expect 0 "$HEARTH" --db "$DB" pass new --count 3 --pdf "$WORK/dest/passes.pdf"
[ "$(wc -l <"$WORK/out")" = 3 ] || fail "pass new printed $(wc -l <"$WORK/out") lines"
[ "$(q "SELECT count(*) FROM passes")" = $((PASSES + 3)) ] || fail "the printed passes were not stored"
echo "pass new --pdf into no folder: exit 1, no pass stored; into a folder: 3 stored"

# --- a database in a read-only folder is blamed on the folder -----------------
mkdir -p "$WORK/ro"
chmod 755 "$WORK"
cp "$DB" "$WORK/ro/hearth.db"
as_other=()
if [ "$(id -u)" -eq 0 ]; then
  as_other=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  chown -R nobody "$WORK/ro"
fi
chmod 555 "$WORK/ro"
expect 1 "${as_other[@]}" "$HEARTH" --db "$WORK/ro/hearth.db" checkin ABCD-EFGH-JKMN-PQRS
says "its folder $WORK/ro is read-only"
expect 1 "${as_other[@]}" "$HEARTH" --db "$WORK/ro/new.db" pass new
says "its folder $WORK/ro is read-only"
chmod 755 "$WORK/ro"
chmod 700 "$WORK"
echo "a read-only folder: named as the problem"
echo "outputs tests passed"
