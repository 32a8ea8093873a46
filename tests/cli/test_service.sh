#!/usr/bin/env bash
# Hearth as a systemd service, without systemd: the unit restarts it
# however often and has a watchdog; the kiosk tells the notify socket
# READY=1 after its first frame and WATCHDOG=1 from its main loop at half
# WATCHDOG_USEC; a hung kiosk (SIGSTOP) goes quiet, which is what makes
# systemd restart it. A small datagram listener plays systemd's part.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
SRC=${HEARTH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$(dirname "$0")/lib.sh"

unit=$SRC/app/dist/hearth.service
grep -qx 'Restart=always' "$unit" || fail "the unit does not restart always"
grep -qx 'StartLimitIntervalSec=0' "$unit" || fail "the unit has a start limit that gives up"
grep -qx 'Type=notify' "$unit" || fail "the unit does not wait for READY=1"
grep -qE '^WatchdogSec=[1-9]' "$unit" || fail "the unit has no watchdog"
if [ -d /run/systemd/system ] && command -v systemd-run >/dev/null; then
  echo "note: systemd runs here; the listener below still plays its part"
else
  echo "note: no systemd on this machine: a listener on NOTIFY_SOCKET plays its part"
fi

python3 - "$HEARTH" "$WORK" <<'PY'
import os, signal, socket, subprocess, sys, time
hearth, work = sys.argv[1], sys.argv[2]
path = os.path.join(work, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="2000000",
           SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
env.pop("WATCHDOG_PID", None)
kiosk = subprocess.Popen([hearth, "--db", os.path.join(work, "hearth.db"), "--mute",
                          "--windowed", "800x480"], env=env,
                         stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "err"), "w"))
def fail(msg):
    kiosk.kill()
    sys.stderr.write("FAIL: %s\n%s" % (msg, open(os.path.join(work, "err")).read()))
    sys.exit(1)
def receive(seconds):
    sock.settimeout(seconds)
    try:
        return sock.recv(4096).decode()
    except socket.timeout:
        return None
ready, pings, deadline = False, 0, time.monotonic() + 120
while (not ready or pings < 3) and time.monotonic() < deadline:
    msg = receive(5)
    if msg is None:
        if kiosk.poll() is not None:
            fail("the kiosk exited with %s" % kiosk.returncode)
        continue
    for line in msg.split("\n"):
        ready = ready or line == "READY=1"
        pings += line == "WATCHDOG=1"
if not ready:
    fail("no READY=1 on the notify socket")
if pings < 3:
    fail("only %d watchdog pings" % pings)
# A hang: the process stops, the pings stop (this is what systemd sees).
kiosk.send_signal(signal.SIGSTOP)
time.sleep(0.5)
while receive(0.1) is not None:  # drain what was sent before the stop
    pass
quiet = receive(3)
if quiet is not None:
    fail("a stopped kiosk still pinged: %r" % quiet)
kiosk.send_signal(signal.SIGCONT)
if receive(30) is None:
    fail("no ping after the kiosk went on")
kiosk.send_signal(signal.SIGTERM)
if kiosk.wait(30) != 0:
    fail("SIGTERM exit status %d" % kiosk.returncode)
print("service: READY=1, %d watchdog pings, silent while hung, clean stop" % pings)
PY
echo ok
