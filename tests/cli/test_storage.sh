#!/usr/bin/env bash
# A real full disk (a tiny tmpfs) and a damaged file, from the command line:
# "storage is full" on stderr and exit 1, nothing stored before is lost,
# and the same check-in works once space is freed; a damaged database is
# named, kept, and restored from its newest backup with `hearth db restore`.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
. "$(dirname "$0")/lib.sh"
payload() { sed -n "${1}p" "$WORK/passes.txt" | cut -f1; }

# --- a full disk -----------------------------------------------------------
mkdir -p "$MNT"
if mount -t tmpfs -o size=1m,mode=0700 tmpfs "$MNT" 2>"$WORK/mount.err"; then
  mounted=1
  DB=$MNT/hearth.db
  "$HEARTH" --db "$DB" pass new --count 3 >"$WORK/passes.txt"
  "$HEARTH" --db "$DB" session open --group "Full Disk Group" >/dev/null
  "$HEARTH" --db "$DB" checkin "$(payload 1)" >/dev/null || fail "the first check-in failed"
  dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true # until the disk is full
  st=0; "$HEARTH" --db "$DB" checkin "$(payload 2)" >"$WORK/out" 2>"$WORK/err" || st=$?
  [ "$st" = 1 ] || fail "a check-in on a full disk exited $st, expected 1"
  grep -q "storage is full" "$WORK/err" || fail "no 'storage is full' on stderr: $(cat "$WORK/err")"
  grep -q "Staff must free space" "$WORK/err" || fail "the message does not say what to do"
  [ ! -s "$WORK/out" ] || fail "a refused check-in printed a success: $(cat "$WORK/out")"
  rm -f "$MNT/filler"
  "$HEARTH" --db "$DB" checkin "$(payload 2)" >/dev/null || fail "after freeing space the check-in failed"
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM checkins")" = 2 ] || fail "a check-in was lost"
  [ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check failed"
  echo "full disk: a 1 MiB tmpfs filled to the last block; refused with exit 1, nothing lost"
else
  # Not root, or a container that may not mount: say so, and test the same
  # path through SQLite's page limit and the fault VFS instead.
  echo "NOTE: cannot mount a tiny tmpfs here ($(tr -d '\n' <"$WORK/mount.err")); testing the page-limit and fault-VFS paths instead"
  dir=$(dirname "$HEARTH")/tests
  "$dir/unit_test_store" >/dev/null || fail "the page-limit test failed"
  "$dir/ui_test_fulldisk" >/dev/null || fail "the full-disk door test failed"
fi

# --- a damaged file, restored from its backup --------------------------------
DB=$WORK/damaged/hearth.db
"$HEARTH" --db "$DB" session open --group "Kept Group" >/dev/null
"$HEARTH" --db "$DB" db backup >"$WORK/out" || fail "db backup failed"
backup=$(sed -n 's/^Backed up to \(.*\)\.$/\1/p' "$WORK/out")
[ -f "$backup" ] || fail "no backup file at '$backup'"
[ "$(stat -c %a "$backup")" = 600 ] || fail "the backup is not private (mode $(stat -c %a "$backup"))"
st=0; "$HEARTH" --db "$DB" db restore >/dev/null 2>"$WORK/err" || st=$?
[ "$st" = 1 ] || fail "restoring over a healthy database without --force exited $st"
dd if=/dev/urandom of="$DB" bs=4096 seek=1 count=8 conv=notrunc 2>/dev/null
cp "$DB" "$WORK/damaged.copy"
st=0; "$HEARTH" --db "$DB" db check >/dev/null 2>"$WORK/err" || st=$?
[ "$st" = 1 ] || fail "db check of a damaged file exited $st"
grep -q "$DB" "$WORK/err" || fail "the message does not name the file"
grep -q "db restore" "$WORK/err" || fail "the message does not say how to restore"
cmp -s "$DB" "$WORK/damaged.copy" || fail "db check changed the damaged file"
"$HEARTH" --db "$DB" db restore >"$WORK/out" || fail "db restore failed"
kept=$(sed -n 's/^The previous file is kept as \(.*\)\.$/\1/p' "$WORK/out")
cmp -s "$kept" "$WORK/damaged.copy" || fail "the damaged file was not kept as it was"
"$HEARTH" --db "$DB" db check >/dev/null || fail "the restored database is not healthy"
[ "$(sqlite3 "$DB" "SELECT name FROM groups")" = "Kept Group" ] || fail "the restore lost the group"
echo ok
