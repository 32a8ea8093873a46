#!/usr/bin/env bash
# The wrong person at the door: under a real window manager (openbox), the
# fullscreen kiosk survives Alt+F4, Ctrl+Q, Alt+Tab, Escape, Super and the
# window manager's own close; closing asks for the PIN, a wrong PIN is
# refused and audited, and only the right one lets Hearth leave. A crash
# leaves no dialog behind (systemd restarts the kiosk; see test_restart).
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
"$HEARTH" --db "$DB" pass new --count 2 >"$WORK/passes.txt"
"$HEARTH" --db "$DB" session open --group "Lockdown Group" >/dev/null
echo 135790 | "$HEARTH" --db "$DB" pin set 2>/dev/null
payload() { sed -n "${1}p" "$WORK/passes.txt" | cut -f1; }

start_xvfb 1280x800
command -v openbox >/dev/null || fail "openbox is missing (dev.sh installs it)"
openbox --sm-disable >"$WORK/openbox.log" 2>&1 &
WM_PID=$!
trap 'kill $WM_PID 2>/dev/null || true; cleanup' EXIT
# (a loaded machine took more than 10 s: the bound is generous, the wait not)
for _ in $(seq 600); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.1; done
wmctrl -m >/dev/null 2>&1 || fail "openbox did not start within a minute: $(cat "$WORK/openbox.log")"
start_kiosk --db "$DB" --mute   # fullscreen: the kiosk mode

alive() {
  kill -0 "$KIOSK_PID" 2>/dev/null || fail "the kiosk ended after $1"
  local geo
  geo=$(xwininfo -id "$WINDOW" 2>/dev/null | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w"x"h}')
  [ "$geo" = "1280x800" ] || fail "after $1 the window is '$geo', not the full screen"
}
for k in alt+F4 ctrl+q alt+Tab Escape super ctrl+w alt+F2 ctrl+alt+Delete; do
  xdotool key "$k"
  sleep 0.4
  alive "$k"
done
shot e2e-lockdown-after-shortcuts
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'kiosk.leave'")" = 0 ] ||
  fail "a shortcut left the kiosk"

# The door still works: a scan checks in.
type_until "SELECT count(*) FROM checkins" 1 "$(payload 1)"
xdotool key Escape; sleep 3

# The window manager's close button (what a stray mouse or a WM menu does):
# the PIN pad, never an exit.
wmctrl -i -c "$WINDOW"
sleep 1
alive "the window manager's close"
shot e2e-lockdown-close-asks-pin
xdotool type --delay 150 000000; xdotool key Return
wait_sql "SELECT count(*) FROM audit WHERE action = 'pin.refused'" 1
alive "a wrong PIN"
sql "SELECT detail FROM audit" | grep -q 000000 && fail "the audit log holds a PIN"
xdotool key Escape; sleep 0.5
alive "Escape on the PIN pad"

# The right PIN after a close request lets Hearth leave, audited. The close
# goes through the window manager, which a loaded machine may hold up past
# the first PIN: asked again (never for ever) until the kiosk has ended.
for _ in 1 2 3 4 5; do
  wmctrl -i -c "$WINDOW"; sleep 1
  xdotool type --delay 150 135790; xdotool key Return
  for _ in $(seq 50); do kill -0 "$KIOSK_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$KIOSK_PID" 2>/dev/null || break
  xdotool key Escape
done
kill -0 "$KIOSK_PID" 2>/dev/null && fail "the right PIN did not let the kiosk leave"
st=0; wait "$KIOSK_PID" || st=$?
KIOSK_PID=
[ "$st" = 0 ] || fail "leaving with the right PIN exited $st"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'kiosk.leave'")" = 1 ] || fail "leaving was not audited"

# A crash leaves nothing on screen: no dialog, no window of ours.
start_kiosk --db "$DB" --mute
kill -SEGV "$KIOSK_PID"
st=0; wait "$KIOSK_PID" || st=$?
KIOSK_PID=
[ "$st" -ge 128 ] || fail "the crashed kiosk exited $st"
sleep 0.5
left=$( (xdotool search --onlyvisible --name '.' 2>/dev/null || true) | wc -l)
[ "$left" = 0 ] || fail "$left window(s) left on screen after a crash"
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check failed"
echo ok
