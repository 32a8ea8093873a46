# The command-line tests' common ground, sourced by each of them after
# `set -euo pipefail`: a work folder that goes at exit (and the tmpfs on
# $MNT with it, when a test mounted one and set mounted=1), and the three
# ways they check what hearth did.
WORK=$(mktemp -d "/tmp/hearth-$(basename "$0" .sh)-XXXXXX")
MNT=$WORK/mnt
mounted=
cleanup() {
  [ -n "$mounted" ] && umount "$MNT" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect STATUS CMD...: runs CMD with a time limit (a FIFO or a prompt must
# never make it wait for ever), stdout and stderr to $WORK/out and
# $WORK/err, and checks its exit status. Its stdin is the test's (a PIN is
# piped in: `echo 135790 | expect 0 ...`).
expect() {
  local want=$1; shift
  local st=0
  timeout 90 "$@" >"$WORK/out" 2>"$WORK/err" || st=$?
  [ "$st" != 124 ] || fail "'$*' hung (killed after 90 s)"
  [ "$st" = "$want" ] || { cat "$WORK/err" >&2; fail "'$*' exited $st, expected $want"; }
}

# on_tty CMD...: runs CMD on a terminal (as a person would), its output on
# stdout without the terminal's carriage returns.
on_tty() { script -qec "$(printf '%q ' "$@")" /dev/null | tr -d '\r'; }
