#!/usr/bin/env bash
# The settings screen in the real kiosk, by keyboard alone: through the PIN,
# "Reports and settings" and the Settings tile, the text size and the
# language change, and the settings file is rewritten at once (atomically:
# no temporary file left) while the kiosk carries on.
source "$(dirname "$0")/lib.sh"
DB=$WORK/hearth.db
export XDG_CONFIG_HOME=$WORK/config
INI=$XDG_CONFIG_HOME/hearth/hearth.ini
echo 135790 | "$HEARTH" --db "$DB" pin set >/dev/null
start_xvfb 800x480
start_kiosk --db "$DB" --mute --windowed 800x480

keys Tab Tab Tab Return            # the door's Staff button, after "Talk to someone" and the language
type_text 135790; keys Return
keys Tab Tab Tab Tab Tab Return    # back, open, library, passes, "Reports and settings"
keys shift+Tab shift+Tab shift+Tab Return # Settings: before "Change the PIN" and "Leave the kiosk"
shot e2e-settings-800x480
[ ! -e "$INI" ] || fail "the settings file exists before any change"

keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Return   # back, 4 sections, 2 languages, 150 %
wait_until 30 grep -qx "text_size = 150" "$INI" || fail "text size not saved: $(cat "$INI" 2>&1)"
shot e2e-settings-150-800x480

keys shift+Tab shift+Tab shift+Tab Return             # Español, three back from 150 %
wait_until 30 grep -qx "language = es" "$INI" || fail "language not saved: $(cat "$INI")"
grep -qx "text_size = 150" "$INI" || fail "the earlier change was lost: $(cat "$INI")"
ls "$XDG_CONFIG_HOME/hearth" | grep -q '\.new$' && fail "a temporary file was left behind"
wait_sql "SELECT count(*) FROM audit WHERE action = 'settings.change'" 2 30
shot e2e-settings-es-800x480

kill -0 "$KIOSK_PID" || fail "the kiosk stopped"
stop_kiosk || fail "the kiosk exited with status $? on SIGTERM"
echo "ok"
