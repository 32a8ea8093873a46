#!/usr/bin/env bash
# The kiosk starts (after a power cut, say) on a device whose storage is
# already full, so SQLite cannot open the database. It stays up and says so
# on screen instead of exiting into systemd's restart loop with nothing to
# see; once staff free space it goes on to the door by itself, the
# check-in stored before is there, and a scan checks in. A real full file
# system: a 1 MiB tmpfs (root only; elsewhere the same screen is tested on
# the fault VFS by ui/test_fulldisk).
source "$(dirname "$0")/lib.sh"
MNT=$WORK/mnt
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=1m,mode=0700 tmpfs "$MNT" 2>"$WORK/mount.err"; then
  echo "NOTE: cannot mount a tiny tmpfs here ($(tr -d '\n' <"$WORK/mount.err")); ui/test_fulldisk covers the screen"
  exit 0
fi
# the kiosk first (it holds the database open), then the mount, then the rest
finish() {
  if [ -n "$KIOSK_PID" ]; then kill "$KIOSK_PID" 2>/dev/null || true; wait "$KIOSK_PID" 2>/dev/null || true; KIOSK_PID=; fi
  umount "$MNT" 2>/dev/null || true
  cleanup
}
trap finish EXIT
DB=$MNT/hearth.db
payload() { sed -n "${1}p" "$WORK/passes.txt" | cut -f1; }
"$HEARTH" --db "$DB" pass new --count 2 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "Full Start Group" >/dev/null
"$HEARTH" --db "$DB" checkin "$(payload 1)" >/dev/null || fail "the first check-in failed"
[ ! -e "$DB-shm" ] || fail "the command line left a -shm file behind"
dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true # until the disk is full
sum=$(md5sum <"$DB")

start_xvfb 1280x800
start_kiosk --db "$DB" --windowed 1280x800 --mute
for _ in $(seq 300); do grep -q "storage is full" "$WORK/kiosk.err" && break; sleep 0.1; done
grep -q "storage is full" "$WORK/kiosk.err" || fail "no word of the full storage: $(cat "$WORK/kiosk.err")"
sleep 6 # more than one try
kill -0 "$KIOSK_PID" || fail "the kiosk exited on a full disk: $(cat "$WORK/kiosk.err")"
shot e2e-nospace
[ "$(md5sum <"$DB")" = "$sum" ] || fail "the database changed while the disk was full"
# the screen is up and says so: not the bare background
colors=$(convert "$OUT/e2e-nospace.png" -format %k info:)
[ "$colors" -gt 8 ] || fail "the screen shows nothing ($colors colours)"

# staff free space: the kiosk goes on to the door by itself
rm -f "$MNT/filler"
# (it tries every 5 s; 30 s leaves room for a loaded machine)
for _ in $(seq 300); do grep -q "there is room again" "$WORK/kiosk.err" && break; sleep 0.1; done
grep -q "there is room again" "$WORK/kiosk.err" || fail "the kiosk did not go on once there was room"
sleep 1
shot e2e-nospace-door
# the door may still be on its way up: scan again until it is stored
type_until "SELECT count(*) FROM checkins" 2 "$(payload 2)"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check failed"
echo ok
