#!/usr/bin/env bash
# The real kiosk under Xvfb: fullscreen with no window manager, the PIN set on
# first entry, a session opened by keyboard alone, and SIGTERM exits cleanly.
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
start_xvfb 1280x800
start_kiosk --db "$DB" --mute

# Fullscreen with no window manager: the window covers the whole screen.
geo=$(xwininfo -id "$WINDOW" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w"x"h}')
[ "$geo" = "1280x800" ] || fail "window is $geo, not the full 1280x800 screen"
shot e2e-shell-setup

# First start: the set-up screen. Tab to "Set up this kiosk" (after the
# language button) and choose a PIN, twice.
keys Tab Tab Return
type_text 246810; keys Return
type_text 246810; keys Return
shot e2e-shell-console
wait_sql "SELECT count(*) FROM settings WHERE key = 'pin.hash'" 1 30
sql "SELECT value FROM settings WHERE key = 'pin.hash'" | grep -q '^\$argon2id\$' ||
  fail "the PIN is not stored as an Argon2id hash"
sql "SELECT count(*) FROM settings WHERE value LIKE '%246810%'" | grep -qx 0 ||
  fail "the PIN appears in clear"

# Open a session for a new group, by keyboard alone.
keys Tab Tab Return      # back, "Open a session"
keys Tab Tab Return      # back, "A new group..."
type_text "Evening Skills"
keys Return
wait_sql "SELECT g.name FROM sessions s JOIN groups g ON g.id = s.group_id WHERE s.closed IS NULL" \
  "Evening Skills" 30
shot e2e-shell-session

# Back to the door: it shows the open session.
keys Escape
shot e2e-shell-door

# Escape and Alt+F4 at the door lead nowhere: the kiosk stays.
keys Escape alt+F4 ctrl+q
kill -0 "$KIOSK_PID" || fail "a keyboard shortcut ended the kiosk"

# SIGTERM (systemd stopping the service) exits cleanly.
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
sqlite3 "$DB" "PRAGMA integrity_check" | grep -qx ok || fail "integrity check failed"
echo "ok"
