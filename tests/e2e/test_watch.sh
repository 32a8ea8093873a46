#!/usr/bin/env bash
# The door follows the database file as another process changes it: a
# session opened from a terminal shows on the door at once. The kiosk
# watches the file (ui/watch.h) and reads it only then, so with the watcher
# up its own poll is once a minute: a door that changes within 15 s here
# was woken by the watcher (bench: idle CPU on the door).
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
"$HEARTH" --db "$DB" pass new --count 1 >/dev/null
echo 135790 | "$HEARTH" --db "$DB" pin set 2>/dev/null

start_xvfb 1280x800
start_kiosk --db "$DB" --windowed 1280x800 --mute
sleep 3 # the first frame, the whole-file check, then the watcher
grep -q "cannot watch" "$WORK/kiosk.err" && fail "no watcher: $(cat "$WORK/kiosk.err")"

# changed pixels between the door now and before, in thousandths of the
# screen (compare prints a whole screen as 1.024e+06: awk reads that too)
changed() {
  shot e2e-watch-now
  local ae
  ae=$(compare -metric AE "$before" "$OUT/e2e-watch-now.png" null: 2>&1 >/dev/null || true)
  awk -v ae="$ae" 'BEGIN { printf "%d\n", ae * 1000 / (1280 * 800) }'
}

# the door at rest: a loaded machine may still be drawing it after 3 s, and
# its clock may turn between two shots, so it is looked at until two shots
# half a second apart agree
before=$OUT/e2e-watch-no-session.png
shot e2e-watch-no-session
rest=
for _ in $(seq 20); do
  sleep 0.5
  if [ "$(changed)" -lt 5 ]; then rest=1; break; fi
  cp "$OUT/e2e-watch-now.png" "$before"
done
[ -n "$rest" ] || fail "the door changed with nothing changed in the file"

# not near a minute's turn: the door reads the file when its clock turns
# too, and that must not be what shows the session here; the door as it is
# now is what the session must change
while s=$(date +%S); [ "${s#0}" -lt 2 ] || [ "${s#0}" -gt 40 ]; do sleep 1; done
shot e2e-watch-no-session
"$HEARTH" --db "$DB" session open --group "Watched Group" >/dev/null
shown=
for _ in $(seq 30); do
  sleep 0.5
  if [ "$(changed)" -ge 20 ]; then shown=1; break; fi
done
[ -n "$shown" ] || fail "the door did not show the session opened from a terminal within 15 s"
shot e2e-watch-session
kill -0 "$KIOSK_PID" || fail "the kiosk died"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
