#!/usr/bin/env bash
# A database damaged deep inside (a power cut tore its pages, the SD card
# failed) is found right after the kiosk's first frame, not only by
# `hearth db check`: the recovery screen names the file, and the file stays
# exactly as it was. (store_open leaves the whole-file check to the kiosk so
# the door lights up at once on years of data.)
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
"$HEARTH" --db "$DB" demo-data --weeks 8 --groups 2 >/dev/null
"$HEARTH" --db "$DB" db check >/dev/null || fail "the demo database is not healthy to start with"
rm -f "$DB-wal" "$DB-shm"
pages=$(( $(stat -c %s "$DB") / 4096 ))
[ "$pages" -gt 40 ] || fail "the demo database has only $pages pages"
# tear ten pages in the middle; the first pages (header, schema) stay whole
dd if=/dev/urandom of="$DB" bs=4096 seek=$((pages / 2)) count=10 conv=notrunc status=none
sum=$(md5sum <"$DB")

start_xvfb 1280x800
start_kiosk --db "$DB" --windowed 1280x800 --mute
for _ in $(seq 100); do grep -q "damaged" "$WORK/kiosk.err" && break; sleep 0.1; done
grep -q "$DB is damaged" "$WORK/kiosk.err" || fail "no word of the damage: $(cat "$WORK/kiosk.err")"
sleep 0.5
shot e2e-damaged-recovery
kill -0 "$KIOSK_PID" || fail "the kiosk exited instead of offering a recovery"
stop_kiosk || true
[ "$(md5sum <"$DB")" = "$sum" ] || fail "the damaged file was changed"
echo ok
