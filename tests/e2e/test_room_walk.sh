#!/usr/bin/env bash
# A curious client at the room's screen, in the real kiosk under Xvfb. Staff
# open the console with the PIN and start an exercise for the room; then a
# client presses every key a keyboard at the door can send and taps all over
# the screen, again and again, through the exercise, its end, the door and
# the PIN pad. The console must never show again (the kiosk logs each screen
# that comes on top, HEARTH_LOG=debug), and a scan in the middle of it all
# still checks someone in.
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
"$HEARTH" --db "$DB" pass new --count 2 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "DBT Skills - Tue AM" >/dev/null
echo 135790 | "$HEARTH" --db "$DB" pin set 2>/dev/null
payload() { sed -n "${1}p" "$WORK/passes.txt" | cut -f1; }

W=1280 H=800
start_xvfb ${W}x${H}
HEARTH_LOG=debug start_kiosk --db "$DB" --windowed ${W}x${H} --mute

# the screen on top now, from the kiosk's log
top() { grep -o 'screen: [a-z_]*' "$WORK/kiosk.err" | tail -n1 | cut -d' ' -f2; }
expect_top() {
  local want=$1
  for _ in $(seq 50); do [ "$(top)" = "$want" ] && return 0; sleep 0.1; done
  fail "expected the $want screen on top, the log says '$(top)'"
}
tab() { for _ in $(seq "$1"); do xdotool key Tab; done; sleep 0.2; }

# --- staff: the PIN, the skills library, the first exercise, Start ------------
# The door's targets in order: talk to someone, type my code, language, staff.
tab 4; keys Return
expect_top pin
type_text 135790 120; keys Return
expect_top console
# back, check-out, close, today's plan, then the skills library
tab 5; keys Return
expect_top library
# back, eight module filters, search, then the first exercise
tab 11; keys Return
expect_top exercise
# the last target is "Start" (with ratings where the exercise has them)
xdotool key shift+Tab; keys Return
# (polled: a loaded machine may take longer than a fixed pause to start it)
for _ in $(seq 100); do grep -q 'screen: player' "$WORK/kiosk.err" && break; sleep 0.1; done
grep -q 'screen: player' "$WORK/kiosk.err" || fail "the exercise did not start"
shot e2e-walk-started
mark=$(wc -l <"$WORK/kiosk.err")
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'console.lock' AND detail = 'room'")" = 1 ] ||
  fail "starting the exercise did not close the console"

# --- a client: every key, then taps everywhere, several times over ------------
every_key() {
  for k in Escape Return KP_Enter Tab shift+Tab BackSpace Delete Insert Home End Prior Next \
           Left Right Up Down space plus minus equal n N q z ctrl+z ctrl+q ctrl+w alt+F4 \
           F1 F2 F3 F5 F10 F11 F12 0 1 2 3 4 5 6 7 8 9 a b c x y Menu super; do
    xdotool key --delay 40 "$k" 2>/dev/null || true
  done
  sleep 0.3
}
taps() {
  for y in $(seq 40 90 $((H - 20))); do
    for x in $(seq 40 110 $((W - 20))); do
      xdotool mousemove "$x" "$y" click 1
    done
  done
  sleep 0.3
}
# a long press where "Hold to end" is: a client may hold it too, and then
# the way on leads to the door, never to the console
hold_end() {
  xdotool mousemove $((W * 905 / 1000)) $((H * 91 / 100)) mousedown 1
  sleep 2.6
  xdotool mouseup 1
  sleep 0.5
}
for round in 1 2 3 4; do
  every_key
  hold_end
  # the client says yes to whatever was asked (from the second time on)
  [ "$round" -gt 1 ] && keys Return Return
  taps
  # what a client sees and does next: Done, End, back, whatever is there
  keys Escape Escape Return
  kill -0 "$KIOSK_PID" || fail "the kiosk died during the walk"
  shot "e2e-walk-$round"
done
# a scanner in the middle of it all still checks in
xdotool type --delay 4 "$(payload 1)"; xdotool key Return
wait_sql "SELECT count(*) FROM checkins WHERE kind = 'in'" 1
every_key
taps

if tail -n +"$mark" "$WORK/kiosk.err" | grep -q 'screen: \(console\|tools\|library\|exercise\|passes\|settings\|trends\|groups\|problems\|plan\)$'; then
  tail -n +"$mark" "$WORK/kiosk.err" | grep 'screen:' | tr '\n' ' ' >&2
  fail "a client reached a staff screen"
fi
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'console.enter'")" = 1 ] ||
  fail "the console was entered again"
echo "screens the client saw: $(tail -n +"$mark" "$WORK/kiosk.err" | grep -o 'screen: [a-z_]*' |
  cut -d' ' -f2 | sort | uniq -c | tr '\n' ' ')"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check failed"
echo ok
