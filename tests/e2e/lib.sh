# Shared by the end-to-end tests: a private Xvfb, the real binary in a real
# window, xdotool to type into it. Source this file; it cleans up on exit.
set -euo pipefail

HEARTH=${1:?usage: test.sh path/to/hearth}
OUT=${HEARTH_TEST_OUT:-$PWD/test-output}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/hearth-e2e-XXXXXX)
XVFB_PID=
KIOSK_PID=

cleanup() {
  [ -n "$KIOSK_PID" ] && kill "$KIOSK_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  [ -n "${HEARTH_KEEP_TMP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# start_xvfb WIDTHxHEIGHT: a private X server. Xvfb picks a free display
# number itself (-displayfd), so tests running side by side never collide.
start_xvfb() {
  local size=$1
  # -noreset: an X server resets when its last client leaves, and refuses
  # connections while it does; a probe (xdpyinfo, xdotool search) that
  # leaves just as the kiosk connects made the kiosk find no display
  # ("the kiosk exited early", now and then in CI)
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$WORK/display" \
    >"$WORK/xvfb.log" 2>&1 &
  XVFB_PID=$!
  # (bounds here and below are generous: a loaded CI machine is slow to start
  # things, and a start that comes sooner costs nothing)
  # The number is whole once its line ends, and the server is taken as up
  # only once a client gets an answer from it.
  for _ in $(seq 300); do
    if [ "$(tail -c1 "$WORK/display" 2>/dev/null | od -An -c | tr -d ' ')" = '\n' ]; then
      export DISPLAY=":$(head -n1 "$WORK/display")"
      xdpyinfo >/dev/null 2>&1 && return 0
    fi
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/xvfb.log" >&2
  fail "could not start Xvfb (or it never answered on ${DISPLAY:-its display})"
}

# start_kiosk ARGS...: the real binary; waits for its window.
start_kiosk() {
  "$HEARTH" "$@" >"$WORK/kiosk.out" 2>"$WORK/kiosk.err" &
  KIOSK_PID=$!
  for _ in $(seq 300); do
    WINDOW=$(xdotool search --onlyvisible --classname '^hearth$' 2>/dev/null | tail -n1 || true)
    if [ -n "$WINDOW" ]; then
      # SDL may map a short-lived probe window first: keep the window once
      # it has stayed the same for a few looks.
      local same=0 now
      for _ in $(seq 20); do
        sleep 0.1
        now=$(xdotool search --onlyvisible --classname '^hearth$' 2>/dev/null | tail -n1 || true)
        if [ -n "$now" ] && [ "$now" = "$WINDOW" ]; then
          same=$((same + 1))
          [ "$same" -ge 3 ] && return 0
        else
          same=0
          WINDOW=$now
        fi
      done
      [ -n "$WINDOW" ] && return 0
    fi
    if ! kill -0 "$KIOSK_PID" 2>/dev/null; then
      local st=0
      wait "$KIOSK_PID" || st=$?
      cat "$WORK/kiosk.err" >&2
      fail "the kiosk exited early (status $st; above, what it printed)"
    fi
    sleep 0.1
  done
  fail "no Hearth window appeared"
}

# stop_kiosk: SIGTERM, as systemd stops it; returns its exit status.
stop_kiosk() {
  kill -TERM "$KIOSK_PID"
  local st=0
  wait "$KIOSK_PID" || st=$?
  KIOSK_PID=
  return $st
}

# keys KEY...: key presses into the kiosk's window.
keys() { xdotool key --delay 80 "$@"; sleep 0.3; }

# type_text TEXT [DELAY_MS]: typed as a keyboard (or scanner, with a small delay).
type_text() { xdotool type --delay "${2:-60}" -- "$1"; sleep 0.3; }

shot() { import -window root "$OUT/$1.png"; }

sql() { sqlite3 -cmd '.timeout 5000' "$DB" "$1"; }

# wait_sql QUERY EXPECTED [SECONDS]: polls the database until the query
# returns EXPECTED (the kiosk may be slow on a loaded machine); fails after
# SECONDS (default 15).
wait_sql() {
  local q=$1 want=$2 t=${3:-15} got=
  for _ in $(seq $((t * 10))); do
    got=$(sql "$q" 2>/dev/null || true)
    [ "$got" = "$want" ] && return 0
    sleep 0.1
  done
  fail "waited ${t}s for '$q' to be $want; it is '$got'"
}

# wait_until SECONDS CMD...: polls CMD until it succeeds (what the kiosk
# writes after a key comes when it comes on a loaded machine); returns 1
# once SECONDS have passed without.
wait_until() {
  local t=$1; shift
  for _ in $(seq $((t * 10))); do
    "$@" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# type_until QUERY EXPECTED TEXT [DELAY_MS]: types TEXT and Enter until the
# query returns EXPECTED, polling 3 s after each try (5 tries): a screen
# still on its way back to the door drops keys on a loaded machine, and
# scanning the same pass again changes nothing, so trying again is safe
# where a fixed sleep is a guess.
type_until() {
  local q=$1 want=$2 text=$3 delay=${4:-4} got=
  for _ in 1 2 3 4 5; do
    xdotool type --delay "$delay" -- "$text"; xdotool key Return
    for _ in $(seq 30); do
      got=$(sql "$q" 2>/dev/null || true)
      [ "$got" = "$want" ] && return 0
      sleep 0.1
    done
  done
  fail "typed '$text' five times and '$q' is '$got', not $want"
}
