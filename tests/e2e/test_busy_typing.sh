#!/usr/bin/env bash
# A person types their short code at the door at 150 ms a key while the
# machine is starved: busy loops keep both cores at work, and the kiosk is
# held still now and then for over a second (as a long stall would), so
# the keys it missed arrive in one clump that looks like a scanner's burst.
# The code must still check in with its Enter, and nothing may be submitted
# before it: a half code would be refused and the rest typed anew.
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
"$HEARTH" --db "$DB" pass new --count 2 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "DBT Skills - Tue AM" >/dev/null
code() { sed -n "${1}p" "$WORK/passes.txt" | cut -f2; }

BUSY=()
stop_busy() {
  for p in "${BUSY[@]}"; do kill "$p" 2>/dev/null || true; done
  BUSY=()
  [ -n "${KIOSK_PID:-}" ] && kill -CONT "$KIOSK_PID" 2>/dev/null || true
}
trap 'stop_busy; cleanup' EXIT

start_xvfb 1280x800
HEARTH_BENCH_LOG=$WORK/bench.log start_kiosk --db "$DB" --windowed 1280x800 --mute

cores=$(nproc)
for _ in $(seq $((cores * 2))); do
  nice -n -5 sh -c 'while :; do :; done' &
  BUSY+=($!)
done

typed_under_load() {
  local c=$1
  # stalls of 1.3 s: at 150 ms a key, eight or more keys wait in the queue
  ( for _ in 1 2 3; do
      sleep 0.4; kill -STOP "$KIOSK_PID" 2>/dev/null || exit 0
      sleep 1.3; kill -CONT "$KIOSK_PID" 2>/dev/null || exit 0
    done ) &
  local staller=$!
  BUSY+=("$staller")
  xdotool type --delay 150 -- "$c"
  wait "$staller" 2>/dev/null || true
  kill -CONT "$KIOSK_PID"
  sleep 1.5 # longer than any scanner's silence: nothing may have gone in
  [ "$(sql "SELECT count(*) FROM checkins")" = "$2" ] ||
    fail "the code was submitted before Enter (check-ins: $(sql "SELECT count(*) FROM checkins"))"
  xdotool key Return
}

# with dashes, as printed on the card, and without
typed_under_load "$(code 1)" 0
wait_sql "SELECT count(*) FROM checkins WHERE kind = 'in'" 1 60
sleep 1; xdotool key Escape; sleep 1
typed_under_load "$(code 2 | tr -d '-' | tr 'A-Z' 'a-z')" 1
wait_sql "SELECT count(*) FROM checkins WHERE kind = 'in'" 2 60
shot e2e-busy-typing
stop_busy
# the kiosk put up one outcome per code, no refusal between
n=$(grep -c checkin_present "$WORK/bench.log" || true)
[ "$n" = 2 ] || fail "the door showed $n outcomes for two codes typed"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
echo ok
