#!/usr/bin/env python3
"""Hearth's performance benchmark (tests/bench/README.md): the budget of
DESIGN.md measured on the real binary and the real code paths, beside the
kiosk a clinic would otherwise run (a web page in Chromium's kiosk mode).

    tests/bench/run.sh BUILD_DIR        (./dev.sh bench does this)

Prints a Markdown table on standard output and what it is doing on stderr.
BENCH_QUICK=1 runs every figure once and briefly (to try the benchmark
itself, not to quote); BENCH_ONLY=startup,door,pacer,frames,scan,export,browser
runs only those groups. Never part of the test suite: figures depend on the
machine and on what else runs on it.
"""
import ctypes
import ctypes.util
import glob
import os
import platform
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build"))
HEARTH = os.path.join(BUILD, "hearth")
DRIVERS = os.path.join(BUILD, "tests", "bench")
QUICK = os.environ.get("BENCH_QUICK") == "1"
SCREEN = os.environ.get("BENCH_SCREEN", "1280x800")  # with BENCH_DISPLAY: that screen's size

STARTS = 2 if QUICK else 10          # start-up runs, each figure
LONG_RUNS = 1 if QUICK else 3        # runs of the minute-long figures
SETTLE_S = 10 if QUICK else 60       # "after a minute on the door screen"
IDLE_S = 5 if QUICK else 30          # the window idle CPU is measured over
FRAME_S = 5 if QUICK else 30        # seconds of the pacer per frame-time run (virtual)
COMMITS = 100 if QUICK else 1000     # bare durable SQLite commits
SCANS = 50 if QUICK else 1000        # scans through the C driver
XSCANS = 10 if QUICK else 50         # scans typed into the real kiosk under Xvfb
EXPORT_REPEATS = 2 if QUICK else 5

BUDGET = {
    "first": 100.0,      # ms, start to first frame
    "ready": 60.0,       # ms, start to door ready to scan (median)
    "ready_after": 10.0, # ms, door ready after the first frame
    "pss": 30.0,         # MB
    "idle": 0.02,        # % of a core, on the door with the real audio (issue 19)
    "paused": 0.5,       # % of a core
    "pacer": 2.0,        # % of a core while the pacer animates at 1280x800
    "pacer1080": 4.0,    # the same at 1920x1080
    "frame1080": 2.0,    # ms, p99
    "scan": 30.0,        # ms, p99
    "scan_floor": 2.0,   # scan p99 / a bare durable commit's p99
    "export": 1000.0,    # ms
}


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def mono_us():
    return time.monotonic_ns() // 1000


def pct(values, p):
    """The p-th percentile, nearest rank (p99 of 10 values is the largest)."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def med(values):
    return statistics.median(values) if values else float("nan")


# --- processes: memory and CPU from /proc ------------------------------------

def smaps_kb(pid, field):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def status_kb(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_ns(pids):
    """CPU time of every thread of pids, in ns (schedstat: exact, where
    utime+stime counts in 10 ms ticks)."""
    total = 0
    for pid in pids:
        for task in glob.glob("/proc/%d/task/*/schedstat" % pid):
            try:
                with open(task) as f:
                    total += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
    return total


def thread_wakeups(pids):
    """Voluntary context switches of every thread (how often it slept and
    woke), by thread: {(pid, tid): (name, count)}."""
    out = {}
    for pid in pids:
        for task in glob.glob("/proc/%d/task/*" % pid):
            try:
                with open(task + "/comm") as f:
                    name = f.read().strip()
                with open(task + "/status") as f:
                    for line in f:
                        if line.startswith("voluntary_ctxt_switches:"):
                            out[(pid, task)] = (name, int(line.split()[1]))
            except OSError:
                pass
    return out


def idle_cpu(pids_fn, seconds):
    """% of one core used over the window, wakeups per second in all, and
    wakeups per second of each thread by name (threads of one name summed;
    one that came or went meanwhile counts what it did in the window)."""
    pids = pids_fn()
    c0, w0, t0 = cpu_ns(pids), thread_wakeups(pids), time.monotonic()
    time.sleep(seconds)
    pids = pids_fn()
    c1, w1, t1 = cpu_ns(pids), thread_wakeups(pids), time.monotonic()
    per = {}
    for key, (name, n) in w1.items():
        per[name] = per.get(name, 0) + n - w0.get(key, (name, 0))[1]
    dt = t1 - t0
    return (100.0 * (c1 - c0) / (dt * 1e9), sum(per.values()) / dt,
            {name: n / dt for name, n in per.items()})


# --- X: a private Xvfb, its windows, and keys through XTest -------------------

X_ERROR_HANDLER = None  # Xlib's error handler (X.__init__)


class X:
    def __init__(self, size):
        self.tmp = tempfile.mkdtemp(prefix="hearth-bench-x-")
        self.proc = None
        if os.environ.get("BENCH_DISPLAY"):
            # a real screen (a Pi on its TV, with its GPU): the kiosk draws
            # as it would there; nothing else should be on that screen
            num = os.environ["BENCH_DISPLAY"].lstrip(":")
        else:
            rfd, wfd = os.pipe()
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(wfd), "-screen", "0", size + "x24", "-nolisten",
                 "tcp"], pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(wfd)
            with os.fdopen(rfd) as f:
                num = f.readline().strip()
            if not num:
                raise SystemExit("bench: Xvfb did not start")
        self.display = ":" + num
        os.environ["DISPLAY"] = self.display
        self.xlib = ctypes.CDLL(ctypes.util.find_library("X11"))
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst"))
        x = self.xlib
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                 ctypes.POINTER(ctypes.c_uint)]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        # Windows come and go under our feet (Chromium's helpers): an X
        # error about one that vanished is no reason to end the run.
        # The handler is Xlib's, for the whole process: one callback that
        # lives as long as the process, never one per X, which Python frees
        # with its X while Xlib still calls it (a segfault in libffi when a
        # window vanished after a second screen's X was dropped).
        global X_ERROR_HANDLER
        if X_ERROR_HANDLER is None:
            handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
            X_ERROR_HANDLER = handler_type(lambda dpy, ev: 0)
            x.XSetErrorHandler.argtypes = [handler_type]
            x.XSetErrorHandler(X_ERROR_HANDLER)
        self.dpy = x.XOpenDisplay(self.display.encode())
        if not self.dpy:
            raise SystemExit("bench: cannot open the X display")
        self.root = x.XDefaultRootWindow(self.dpy)

    class Attrs(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                    ("height", ctypes.c_int), ("border_width", ctypes.c_int),
                    ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                    ("root", ctypes.c_ulong), ("class_", ctypes.c_int),
                    ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                    ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                    ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                    ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                    ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                    ("your_event_mask", ctypes.c_long),
                    ("do_not_propagate_mask", ctypes.c_long),
                    ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]

    def windows(self):
        """(name, width, height) of the viewable top-level windows; with no
        window manager they are the root's children."""
        x = self.xlib
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        kids = ctypes.POINTER(ctypes.c_ulong)()
        n = ctypes.c_uint()
        out = []
        if not x.XQueryTree(self.dpy, self.root, ctypes.byref(root), ctypes.byref(parent),
                            ctypes.byref(kids), ctypes.byref(n)):
            return out
        for i in range(n.value):
            a = X.Attrs()
            if not x.XGetWindowAttributes(self.dpy, kids[i], ctypes.byref(a)):
                continue
            if a.map_state != 2:  # IsViewable
                continue
            title = self.prop(kids[i], "_NET_WM_NAME") or self.prop(kids[i], "WM_NAME")
            out.append((title, a.width, a.height))
        if kids:
            x.XFree(kids)
        return out

    def prop(self, win, name):
        """A text property of a window (any type: SDL and Chromium write
        UTF8_STRING, which XFetchName does not return)."""
        x = self.xlib
        atom = x.XInternAtom(self.dpy, name.encode(), 0)
        typ, fmt = ctypes.c_ulong(), ctypes.c_int()
        n, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ubyte)()
        if x.XGetWindowProperty(self.dpy, win, atom, 0, 1024, 0, 0, ctypes.byref(typ),
                                ctypes.byref(fmt), ctypes.byref(n), ctypes.byref(after),
                                ctypes.byref(data)) != 0 or not data:
            return ""
        text = bytes(data[:n.value]).decode("utf-8", "replace") if fmt.value == 8 else ""
        x.XFree(data)
        return text

    def wait_window(self, pred, timeout_s=30):
        """Polls every 2 ms for a viewable window matching pred; returns the
        monotonic time in us it was first seen, or None."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if any(pred(w) for w in self.windows()):
                return mono_us()
            time.sleep(0.002)
        return None

    def key(self, keysym, shift=False):
        x, t = self.xlib, self.xtst
        code = x.XKeysymToKeycode(self.dpy, x.XStringToKeysym(keysym.encode()))
        sh = x.XKeysymToKeycode(self.dpy, x.XStringToKeysym(b"Shift_L"))
        if shift:
            t.XTestFakeKeyEvent(self.dpy, sh, 1, 0)
        t.XTestFakeKeyEvent(self.dpy, code, 1, 0)
        t.XTestFakeKeyEvent(self.dpy, code, 0, 0)
        if shift:
            t.XTestFakeKeyEvent(self.dpy, sh, 0, 0)
        x.XFlush(self.dpy)

    def type_text(self, text, delay_s=0.004):
        for ch in text:
            if ch == "-":
                self.key("minus")
            elif ch.isalpha():
                self.key(ch.upper() if ch.isupper() else ch, shift=ch.isupper())
            else:
                self.key(ch)
            time.sleep(delay_s)

    def sync(self):
        self.xlib.XSync(self.dpy, 0)

    def close(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- Hearth -----------------------------------------------------------------

class Kiosk:
    """The real binary, fullscreen on the Xvfb screen, with the benchmark's
    log on a pipe (HEARTH_BENCH_LOG, core/benchlog.h). As it runs in a
    clinic: its sound on, SDL's own choice of audio driver (no dummy), so
    what the audio costs is measured too; on this machine without a sound
    card, as on a board whose HDMI carries no sound."""

    def __init__(self, db):
        rfd, wfd = os.pipe()
        env = dict(os.environ, HEARTH_BENCH_LOG=str(wfd))
        env.pop("SDL_AUDIODRIVER", None)
        self.t0 = mono_us()
        self.proc = subprocess.Popen([HEARTH, "--db", db], env=env, pass_fds=(wfd,),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(wfd)
        self.log = rfd
        self.pending = b""

    def renderer(self):
        """What the kiosk said it draws with (its first lines on stderr)."""
        import select
        text = b""
        end = time.monotonic() + 2
        while time.monotonic() < end and b"drawing with" not in text:
            if not select.select([self.proc.stderr], [], [], 0.2)[0]:
                continue
            chunk = os.read(self.proc.stderr.fileno(), 4096)
            if not chunk:
                break
            text += chunk
        m = re.search(rb"drawing with ([^\n]*)", text)
        return m.group(1).decode() if m else ""

    def mark(self, name, timeout_s=30):
        """Waits for the next mark called name; its time in us. Reads the
        pipe unbuffered: a buffered reader would hide lines from select."""
        import select
        end = time.monotonic() + timeout_s
        while True:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                parts = line.decode().split()
                if len(parts) == 2 and parts[0] == name:
                    return int(parts[1])
            left = end - time.monotonic()
            r = select.select([self.log], [], [], left)[0] if left > 0 else []
            chunk = os.read(self.log, 4096) if r else b""
            if not chunk:
                break
            self.pending += chunk
        err = self.proc.stderr.read().decode() if self.proc.poll() is not None else ""
        raise SystemExit("bench: the kiosk never said %s. %s" % (name, err))

    def pids(self):
        return [self.proc.pid]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.log)


def hearth(*args, check=True, capture=True):
    r = subprocess.run([HEARTH] + list(args), capture_output=capture, text=True,
                       input="135790\n" if args[-2:] == ("pin", "set") else None)
    if check and r.returncode != 0:
        raise SystemExit("bench: hearth %s failed: %s" % (" ".join(args), r.stderr))
    return r


def make_door_db(path, passes=0):
    for f in (path, path + "-wal", path + "-shm"):
        if os.path.exists(f):
            os.unlink(f)
    out = hearth("--db", path, "pass", "new", "--count", str(max(passes, 1))).stdout
    hearth("--db", path, "session", "open", "--group", "DBT Skills - Tue AM")
    hearth("--db", path, "pin", "set")
    return [line.split("\t")[0] for line in out.splitlines() if "\t" in line]


def resume_breathing(db):
    """An unfinished run of paced breathing on its first breathing step, as a
    power cut would leave it: the kiosk starts straight into the player
    there (kiosk.c, resume_exercise), with no key pressed."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE exercise_runs SET ended = strftime('%Y-%m-%dT%H:%M:%SZ') "
                    "WHERE ended IS NULL")
        sid = con.execute("SELECT id FROM sessions WHERE closed IS NULL").fetchone()[0]
        con.execute("INSERT INTO exercise_runs (id, session_id, exercise, started, step) "
                    "VALUES (lower(hex(randomblob(16))), ?, 'paced-breathing', "
                    "strftime('%Y-%m-%dT%H:%M:%SZ'), 1)", (sid,))
    con.close()


# --- Chromium ---------------------------------------------------------------

def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, binary, page, work):
        self.profile = tempfile.mkdtemp(prefix="profile-", dir=work)
        self.t0 = mono_us()
        self.proc = subprocess.Popen(
            [binary, "--no-sandbox", "--kiosk", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + self.profile,
             # with no window manager --kiosk cannot go fullscreen: the
             # same pixels as Hearth's window, so both draw as much
             "--window-position=0,0", "--window-size=" + SCREEN.replace("x", ","),
             "file://" + page],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def pids(self):
        """Every process of this browser: its session, and any helper that
        left it but names the profile (the crash handler)."""
        sid = os.getsid(self.proc.pid) if self.proc.poll() is None else -1
        out = []
        for d in glob.glob("/proc/[0-9]*"):
            pid = int(d[6:])
            try:
                with open(d + "/stat") as f:
                    st = f.read().rsplit(")", 1)[1].split()
                if int(st[3]) == sid:
                    out.append(pid)
                    continue
                with open(d + "/cmdline", "rb") as f:
                    if self.profile.encode() in f.read():
                        out.append(pid)
            except (OSError, IndexError, ValueError):
                pass
        return out

    def pss_kb(self):
        return sum(smaps_kb(p, "Pss") for p in self.pids())

    def stop(self):
        pids = self.pids()
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        for p in pids:  # helpers outside the group, by their own pid
            try:
                os.kill(p, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


# --- the figures --------------------------------------------------------------

def covers_screen(w):
    sw, sh = (int(v) for v in SCREEN.split("x"))
    return w[1] >= sw and w[2] >= sh


RENDERER = [""]


# The kiosk's marks on its way to the first frame (ui/kiosk.c), in order:
# what each step took is the time from the one before (the first from the
# moment the benchmark started the process: exec and the shared libraries).
START_STEPS = [("start_main", "exec, libraries, settings, database"),
               ("start_display", "SDL and the display"),
               ("start_window", "window and renderer"),
               ("start_fonts_content", "fonts and clinical content"),
               ("start_screens", "camera probe, the door's state"),
               ("first_present", "the first frame drawn and presented")]
STEP_MS = {}  # step name -> [ms, ...] over every start of bench_startup


def bench_startup(x, db, runs=STARTS):
    first, ready, window, after = [], [], [], []
    for i in range(runs):
        k = Kiosk(db)
        seen = x.wait_window(lambda w: w[0] == "Hearth")
        prev = k.t0
        for name, _ in START_STEPS:
            t = k.mark(name)
            STEP_MS.setdefault(name, []).append((t - prev) / 1000.0)
            prev = t
        f = prev
        r = k.mark("door_ready")
        if i == 0:
            RENDERER[0] = k.renderer()
        first.append((f - k.t0) / 1000.0)
        ready.append((r - k.t0) / 1000.0)
        after.append((r - f) / 1000.0)
        if seen:
            window.append((seen - k.t0) / 1000.0)
        k.stop()
        time.sleep(0.3)
    log("start-up: first frame %s ms, door ready %s ms" % (["%.0f" % v for v in first],
                                                           ["%.0f" % v for v in ready]))
    log("start-up steps, median ms: %s" % ", ".join(
        "%s %.1f" % (label, med(STEP_MS[name][-runs:])) for name, label in START_STEPS))
    return first, ready, window, after


def bench_door(x, db):
    pss, hwm, idle, wake, threads = [], [], [], [], {}
    for i in range(LONG_RUNS):
        k = Kiosk(db)
        k.mark("door_ready")
        time.sleep(SETTLE_S - IDLE_S)
        c, w, per = idle_cpu(k.pids, IDLE_S)
        idle.append(c)
        wake.append(w)
        for name, rate in per.items():
            threads.setdefault(name, []).append(rate)
        pss.append(smaps_kb(k.proc.pid, "Pss") / 1024.0)
        hwm.append(status_kb(k.proc.pid, "VmHWM") / 1024.0)
        k.stop()
    log("door: PSS %s MB, idle %s %%, threads %s" % (
        ["%.1f" % v for v in pss], ["%.3f" % v for v in idle],
        {n: ["%.1f" % v for v in r] for n, r in threads.items()}))
    return pss, hwm, idle, wake, threads


def bench_exercise(x, db):
    pss, hwm, anim, paused, wake = [], [], [], [], []
    for i in range(LONG_RUNS):
        resume_breathing(db)
        k = Kiosk(db)
        k.mark("first_present")
        time.sleep(2)
        c, _, _ = idle_cpu(k.pids, SETTLE_S - 2)  # the pacer animating
        anim.append(c)
        pss.append(smaps_kb(k.proc.pid, "Pss") / 1024.0)
        hwm.append(status_kb(k.proc.pid, "VmHWM") / 1024.0)
        x.key("space")  # pause
        time.sleep(2)
        c, w, _ = idle_cpu(k.pids, IDLE_S)
        paused.append(c)
        wake.append(w)
        k.stop()
    log("exercise: PSS %s MB, animating %s %%, paused %s %%" % (
        ["%.1f" % v for v in pss], ["%.2f" % v for v in anim], ["%.2f" % v for v in paused]))
    return pss, hwm, anim, paused, wake


def bench_pacer_at(size, db):
    """CPU while the pacer animates on a screen of another size (its own
    Xvfb), the same way as bench_exercise."""
    display = os.environ.get("DISPLAY")
    x = X(size)
    anim = []
    try:
        for i in range(LONG_RUNS):
            resume_breathing(db)
            k = Kiosk(db)
            k.mark("first_present")
            time.sleep(2)
            c, _, _ = idle_cpu(k.pids, SETTLE_S - 2)
            anim.append(c)
            k.stop()
    finally:
        x.close()
        os.environ["DISPLAY"] = display
    log("pacer at %s: %s %%" % (size, ["%.2f" % v for v in anim]))
    return anim


def driver(name, *args, summary=None):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               HEARTH_SOURCE_DIR=SRC, HEARTH_TEST_NO_FONTS_DIR="1", LC_ALL="C.UTF-8")
    env.pop("DISPLAY", None)
    r = subprocess.run([os.path.join(DRIVERS, name)] + [str(a) for a in args], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("bench: %s failed: %s" % (name, r.stderr))
    last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else name
    log(last)
    if summary is not None:
        summary.append(last)
    return [int(v) / 1000.0 for v in r.stdout.split()]


def bench_frames():
    """Frame times of the pacer, and how many frames a second it drew."""
    out, rate, cpu_p99 = {}, {}, {}
    for size in ("800x480", "1280x800", "1920x1080"):
        samples, lines = [], []
        for i in range(LONG_RUNS):
            samples += driver("bench_frames", size, FRAME_S, summary=lines)
        out[size] = samples
        rate[size] = [float(re.search(r"\(([0-9.]+) a second", l).group(1)) for l in lines]
        cpu_p99[size] = [float(re.search(r"p99 of a frame ([0-9.]+) ms", l).group(1))
                         for l in lines]
    return out, rate, cpu_p99


def bench_commit(work):
    """The physical floor of a check-in: a bare durable SQLite commit (WAL,
    synchronous=FULL, one small row a transaction) on the same disk as the
    scans' database, in ms."""
    db = os.path.join(work, "floor.db")
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")
    times = []
    for i in range(COMMITS):
        t = time.monotonic()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t (at, v) VALUES (?, ?)", (i, "x" * 40))
        con.execute("COMMIT")
        times.append((time.monotonic() - t) * 1000.0)
        time.sleep(0.002)
    con.close()
    log("bare durable commit: median %.2f ms, p99 %.2f ms" % (med(times), pct(times, 99)))
    return times


def bench_scan_driver(work):
    return driver("bench_scan", os.path.join(work, "scan.db"), SCREEN, SCANS)


def bench_scan_xvfb(x, work):
    """The same, end to end: keys into the real kiosk's window through
    XTest, the latency from Enter sent to the mark of the frame presented."""
    db = os.path.join(work, "xscan.db")
    payloads = make_door_db(db, XSCANS)
    k = Kiosk(db)
    k.mark("door_ready")
    time.sleep(0.5)
    lat = []
    for p in payloads:
        x.type_text(p)
        t = mono_us()
        x.key("Return")
        lat.append((k.mark("checkin_present", 10) - t) / 1000.0)
        time.sleep(0.2)
    k.stop()
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM checkins").fetchone()[0]
    con.close()
    if stored != len(payloads):
        raise SystemExit("bench: %d of %d typed scans were stored" % (stored, len(payloads)))
    return lat


def bench_export(work):
    """hearth demo-data and hearth export, when this build has them."""
    db = os.path.join(work, "export.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.unlink(f)
    r = hearth("--db", db, "demo-data", "--weeks", "260", "--groups", "5", check=False)
    if r.returncode != 0:
        if "unknown command" in r.stderr or r.returncode == 2:
            return None, "not measured: hearth demo-data is not in this build"
        return None, "not measured: hearth demo-data failed: %s" % r.stderr.strip()
    rows = {}
    for fmt in ("csv", "json", "pdf"):
        out = os.path.join(work, "export." + fmt)
        times = []
        for i in range(EXPORT_REPEATS):
            t = time.monotonic()
            r = hearth("--db", db, "export", "--format", fmt, "--out", out, check=False)
            times.append((time.monotonic() - t) * 1000.0)
            if r.returncode != 0:
                return None, "not measured: hearth export --format %s failed: %s" % (
                    fmt, r.stderr.strip())
        rows[fmt] = (times, os.path.getsize(out))
    return rows, db


def bench_browser(x, work):
    binary = chromium_binary()
    if not binary:
        return None
    page = os.path.join(work, "kiosk-page.html")
    shutil.copy(os.path.join(SRC, "tests", "bench", "kiosk-page.html"), page)
    window, shown, pss, idle = [], [], [], []
    for i in range(STARTS):
        b = Browser(binary, page, work)
        w = x.wait_window(lambda w: True, 60)
        s = x.wait_window(lambda w: "Hearth door ready" in w[0], 60)
        if w:
            window.append((w - b.t0) / 1000.0)
        if s:
            shown.append((s - b.t0) / 1000.0)
        if i < LONG_RUNS:
            time.sleep(max(0, SETTLE_S - IDLE_S - (mono_us() - b.t0) / 1e6))
            c, _, _ = idle_cpu(b.pids, IDLE_S)
            idle.append(c)
            pss.append(b.pss_kb() / 1024.0)
        b.stop()
        time.sleep(1)
    # the pacer as a web page, animating
    pacer_page = os.path.join(work, "kiosk-pacer.html")
    shutil.copy(os.path.join(SRC, "tests", "bench", "kiosk-pacer.html"), pacer_page)
    pacer = []
    for i in range(LONG_RUNS):
        b = Browser(binary, pacer_page, work)
        x.wait_window(lambda w: "Hearth pacer" in w[0], 60)
        time.sleep(2)
        c, _, _ = idle_cpu(b.pids, SETTLE_S - 2)
        pacer.append(c)
        b.stop()
        time.sleep(1)
    log("chromium: window %s ms, page %s ms, PSS %s MB, pacer %s %%" % (
        ["%.0f" % v for v in window], ["%.0f" % v for v in shown], ["%.0f" % v for v in pss],
        ["%.1f" % v for v in pacer]))
    return {"binary": binary, "window": window, "shown": shown, "pss": pss, "idle": idle,
            "pacer": pacer}


# --- the table ----------------------------------------------------------------

def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    distro = platform.platform()
    try:
        with open("/etc/os-release") as f:
            distro = re.search(r'PRETTY_NAME="([^"]*)"', f.read()).group(1)
    except (OSError, AttributeError):
        pass
    virt = ""
    try:
        with open("/proc/cpuinfo") as f:
            if " hypervisor" in f.read():
                virt = ", virtual machine"
    except OSError:
        pass
    return "%s, %d cores, %.0f GB%s; %s, Linux %s" % (model, os.cpu_count(), mem, virt, distro,
                                                      platform.release())


def row(figure, budget, values, unit, fmt="%.1f", p99=True, ok=None, note=""):
    m, p = med(values), pct(values, 99)
    within = ""
    if ok is not None:
        within = "yes" if ok(m, p) else "**no**"
    cells = [figure, budget, (fmt % m) + " " + unit, (fmt % p) + " " + unit if p99 else "",
             str(len(values)), within]
    line = "| " + " | ".join(cells) + " |"
    return line + (" " + note if note else "")


def want(group):
    """BENCH_ONLY=startup,door,pacer,frames,scan,export,browser runs only
    those groups of figures (all when unset)."""
    only = os.environ.get("BENCH_ONLY", "")
    return not only or group in [g.strip() for g in only.split(",")]


def main():
    for tool in ("Xvfb",):
        if not shutil.which(tool):
            raise SystemExit("bench: %s is missing (./dev.sh bench installs it)" % tool)
    for f in (HEARTH, os.path.join(DRIVERS, "bench_frames"), os.path.join(DRIVERS, "bench_scan")):
        if not os.path.exists(f):
            raise SystemExit("bench: %s is missing: build first (./dev.sh bench)" % f)
    work = tempfile.mkdtemp(prefix="bench-", dir=BUILD)
    os.environ["XDG_CONFIG_HOME"] = os.path.join(work, "config")
    os.environ["XDG_DATA_HOME"] = os.path.join(work, "data")
    os.environ["HOME"] = work
    x = X(SCREEN)
    startup = door = ex = pacer1080 = frames = scans = xscans = floor = None
    exports, export_note, big, browser = None, "not measured (BENCH_ONLY)", None, None
    try:
        log("Xvfb %s on %s; %s" % (SCREEN, x.display, "quick run" if QUICK else "full run"))
        door_db = os.path.join(work, "door.db")
        make_door_db(door_db, 8)
        if want("startup"):
            startup = bench_startup(x, door_db)
        if want("door"):
            door = bench_door(x, door_db)
        if want("pacer"):
            ex = bench_exercise(x, door_db)
            pacer1080 = bench_pacer_at("1920x1080", door_db)
        if want("frames"):
            log("frame time: %d s of the pacer x %d runs at 800x480, 1280x800 and 1920x1080" % (
                FRAME_S, LONG_RUNS))
            frames = bench_frames()
        if want("scan"):
            log("scan latency: %d scans through the C driver" % SCANS)
            scans = bench_scan_driver(work)
            log("scan latency: %d scans typed into the kiosk under Xvfb" % XSCANS)
            xscans = bench_scan_xvfb(x, work)
            log("the floor: %d bare durable SQLite commits on the same disk" % COMMITS)
            floor = bench_commit(work)
        if want("export"):
            log("export: five years of demo data for five groups")
            exports, export_note = bench_export(work)
            if exports is not None:
                log("start-up on the five-year database")
                big = bench_startup(x, export_note, 3 if QUICK else 5)
        if want("browser"):
            log("Chromium kiosk")
            browser = bench_browser(x, work)
    finally:
        x.close()
        if not os.environ.get("HEARTH_KEEP_TMP"):
            shutil.rmtree(work, ignore_errors=True)

    out = []
    screen = ("display %s, %s" % (os.environ["BENCH_DISPLAY"], SCREEN)
              if os.environ.get("BENCH_DISPLAY") else "Xvfb %s" % SCREEN)
    out.append("Machine: %s. %s, renderer %s, the kiosk's sound on (no dummy drivers), %s." % (
        machine(), screen, RENDERER[0] or "as the kiosk chose", time.strftime("%Y-%m-%d")))
    out.append("")
    out.append("| figure | budget | median | p99 | runs | within budget |")
    out.append("|---|---|---|---|---|---|")
    if startup:
        first, ready, window, after = startup
        out.append(row("start to first frame presented", "< 100 ms", first, "ms", "%.0f",
                       ok=lambda m, p: m < BUDGET["first"]))
        out.append(row("start to door ready to scan", "< 60 ms", ready, "ms", "%.0f",
                       ok=lambda m, p: m < BUDGET["ready"]))
        out.append(row("door ready after the first frame", "< 10 ms", after, "ms", "%.0f",
                       ok=lambda m, p: p < BUDGET["ready_after"]))
    if big is not None:
        out.append(row("start to first frame, five-year database (demo data)", "< 100 ms",
                       big[0], "ms", "%.0f", ok=lambda m, p: m < BUDGET["first"]))
    if door:
        pss_door, hwm_door, idle_door, wake_door, threads = door
        out.append(row("PSS after a minute on the door", "< 30 MB", pss_door, "MB",
                       ok=lambda m, p: p < BUDGET["pss"]))
        out.append(row("peak RSS, door", "", hwm_door, "MB"))
        out.append(row("CPU idle on the door (%d s)" % IDLE_S, "< 0.02 %", idle_door, "%", "%.3f",
                       ok=lambda m, p: m < BUDGET["idle"]))
        out.append(row("wakeups idle on the door, all threads", "", wake_door, "/s", "%.1f"))
        for name, rates in sorted(threads.items()):
            out.append(row("wakeups idle on the door, thread `%s`" % name, "<= 1 /s", rates, "/s",
                           "%.2f", ok=lambda m, p: p <= 1.0))
    if ex:
        pss_ex, hwm_ex, anim_ex, paused_ex, wake_ex = ex
        out.append(row("PSS after a minute of the breathing pacer", "< 30 MB", pss_ex, "MB",
                       ok=lambda m, p: p < BUDGET["pss"]))
        out.append(row("peak RSS, breathing exercise", "", hwm_ex, "MB"))
        out.append(row("CPU on a paused exercise (%d s)" % IDLE_S, "< 0.5 %", paused_ex, "%",
                       "%.2f", ok=lambda m, p: p < BUDGET["paused"]))
        out.append(row("CPU while the pacer animates, %s" % SCREEN, "< 2 %", anim_ex, "%", "%.2f",
                       ok=lambda m, p: m < BUDGET["pacer"]))
        out.append(row("CPU while the pacer animates, 1920x1080", "< 4 %", pacer1080, "%", "%.2f",
                       ok=lambda m, p: m < BUDGET["pacer1080"]))
    if frames:
        times, rate, cpu_p99 = frames
        for size in ("800x480", "1280x800"):
            out.append(row("breathing frame, %s" % size, "", times[size], "ms", "%.2f"))
        out.append(row("breathing frame, 1920x1080", "p99 < 2 ms", times["1920x1080"], "ms",
                       "%.2f", ok=lambda m, p: p < BUDGET["frame1080"]))
        out.append(row("breathing frame, 1920x1080, the thread's CPU time (p99 of each run: "
                       "what other programs on the machine do not lengthen)", "p99 < 2 ms",
                       cpu_p99["1920x1080"], "ms", "%.2f",
                       ok=lambda m, p: p < BUDGET["frame1080"]))
        for size in ("800x480", "1280x800", "1920x1080"):
            out.append(row("frames a second the pacer draws, %s" % size, "", rate[size], "/s",
                           "%.1f", p99=False))
    if scans:
        out.append(row("scanner Enter to confirmation frame, commit included (driver, %s)" %
                       SCREEN, "p99 < 30 ms", scans, "ms", "%.1f",
                       ok=lambda m, p: p < BUDGET["scan"]))
        out.append(row("the same, typed into the kiosk under Xvfb (XTest)", "p99 < 30 ms", xscans,
                       "ms", "%.1f", ok=lambda m, p: p < BUDGET["scan"]))
        out.append(row("a bare durable SQLite commit, same disk (the floor)", "", floor, "ms",
                       "%.1f"))
        ratio_p99 = pct(scans, 99) / pct(floor, 99) if pct(floor, 99) > 0 else float("nan")
        out.append("| scan p99 / bare commit p99 | < 2 | %.2f | | | %s |" % (
            ratio_p99, "yes" if ratio_p99 < BUDGET["scan_floor"] else "**no**"))
    if exports is None:
        if want("export"):
            out.append("| trends export, five years, five groups | < 1 s | %s | | | |" %
                       export_note)
    else:
        for fmt, (times, size) in exports.items():
            out.append(row("`hearth export --format %s`, five years, five groups (%d kB)" % (
                fmt, size // 1024), "< 1 s", times, "ms", "%.0f",
                ok=lambda m, p: p < BUDGET["export"]))
    out.append("")
    if STEP_MS:
        out.append("Where start-up goes (median of every start above, ms): %s." % "; ".join(
            "%s %.1f" % (label, med(STEP_MS[name])) for name, label in START_STEPS))
        out.append("")
    if browser is None:
        if want("browser"):
            out.append("Browser kiosk: not measured, Chromium is not installed (Debian's "
                       "chromium package; ./dev.sh bench installs it).")
    else:
        def ratio(a, b):
            return "%.0f x" % (b / a) if a > 0 and b == b else ""

        def cell(v, fmt):
            return fmt % v if v == v else "not measured"
        nan = float("nan")
        hw = med(startup[2]) if startup and startup[2] else nan
        first_m = med(startup[0]) if startup else nan
        ready_m = med(startup[1]) if startup else nan
        pss_m = med(door[0]) if door else nan
        idle_m = med(door[2]) if door else nan
        anim_m = med(ex[2]) if ex else nan
        out.append("| against a browser kiosk (same page in Chromium, same Xvfb) | Hearth | "
                   "Chromium | Chromium / Hearth |")
        out.append("|---|---|---|---|")
        rows = [("time to window", hw, med(browser["window"]), "%.0f ms"),
                ("time to the page or door on screen", first_m, med(browser["shown"]), "%.0f ms"),
                ("ready to scan (Hearth: door ready; Chromium: page painted)", ready_m,
                 med(browser["shown"]), "%.0f ms"),
                ("memory (PSS, summed over its processes)", pss_m, med(browser["pss"]),
                 "%.1f MB"),
                ("CPU idle", idle_m, med(browser["idle"]), "%.3f %%"),
                ("CPU while the breathing pacer animates", anim_m, med(browser["pacer"]),
                 "%.2f %%")]
        for name, h, c, fmt in rows:
            out.append("| %s | %s | %s | %s |" % (name, cell(h, fmt), cell(c, fmt), ratio(h, c)))
        version = subprocess.run([browser["binary"], "--version"], capture_output=True,
                                 text=True).stdout.strip()
        out.append("")
        out.append("Chromium: %s, flags --no-sandbox --kiosk --no-first-run "
                   "--disable-background-networking --disable-component-update --disable-sync, "
                   "a fresh profile each start; tests/bench/kiosk-page.html and "
                   "kiosk-pacer.html." % version)
    print("\n".join(out))


if __name__ == "__main__":
    main()
