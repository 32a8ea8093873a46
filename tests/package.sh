#!/usr/bin/env bash
# The Debian package: build it with cpack, install it with apt as a clinic
# would, check the installed kiosk runs from any folder with its data,
# translations, desktop entry, man page and service unit, then remove it.
# Usage: tests/package.sh BUILD_DIR   (the build must use -DCMAKE_INSTALL_PREFIX=/usr)
set -euo pipefail
BUILD=${1:?usage: package.sh BUILD_DIR}
fail() { echo "FAIL: $*" >&2; exit 1; }
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)

log=$(mktemp)
(cd "$BUILD" && rm -f hearth_*.deb && cpack -G DEB >"$log" 2>&1) || { cat "$log" >&2; fail "cpack"; }
rm -f "$log"
# apt takes a file only by a path with a slash in front ("./x.deb" or "/x.deb").
deb=$(realpath "$(ls "$BUILD"/hearth_*.deb)")
depends=$(dpkg-deb -f "$deb" Depends)
libs=(libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libqrencode4 libsodium23 libcairo2)
for lib in "${libs[@]}"; do
  grep -q "$lib" <<<"$depends" || fail "the package does not depend on $lib (Depends: $depends)"
done
# what the kiosk opens only when needed (app/core/dynlib.h) comes along as
# recommended: ZBar when built with camera check-in, libpq with publishing
recommends=$(dpkg-deb -f "$deb" Recommends)
grep -qa libzbar.so.0 "$BUILD/hearth" && { grep -q libzbar0 <<<"$recommends" ||
  fail "the package does not recommend libzbar0 (Recommends: $recommends)"; }
grep -qa libpq.so.5 "$BUILD/hearth" && { grep -q libpq5 <<<"$recommends" ||
  fail "the package does not recommend libpq5 (Recommends: $recommends)"; }
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/hearth ./usr/share/hearth/data/exercises/paced-breathing.json \
         ./usr/share/applications/hearth.desktop ./usr/share/man/man1/hearth.1 \
         ./usr/lib/systemd/user/hearth.service ./usr/share/icons/hicolor/scalable/apps/hearth.svg; do
  grep -qx -- "$f" <<<"$contents" || fail "$f is not in the package"
done
if ls app/po/*.po >/dev/null 2>&1; then
  grep -q "./usr/share/locale/es/LC_MESSAGES/hearth.mo" <<<"$contents" || fail "no Spanish catalog"
fi

# (a fresh machine's apt-daily may hold dpkg's lock for a while: wait for it)
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -o DPkg::Lock::Timeout=300 -y -qq "$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -o DPkg::Lock::Timeout=300 -y -qq hearth >/dev/null || true' EXIT
work=$(mktemp -d)
cd "$work"
# the defaults under test are HOME's, whatever the caller's environment names
unset XDG_DATA_HOME XDG_CONFIG_HOME HEARTH_DB
[ "$(command -v hearth)" = /usr/bin/hearth ] || fail "hearth is not on the PATH"
hearth --version | grep -q '^hearth ' || fail "--version"
out=$(hearth catalog check) || fail "the installed data does not check: $out"
HOME=$work hearth session open --group "Package check" >/dev/null || fail "cannot open a session"
[ -f "$work/.local/share/hearth/hearth.db" ] || fail "the default database is not under ~/.local/share"
# The suite's switch to cheap PIN hashes is not in the package: an installed
# kiosk hashes with its own cost whatever its environment says.
echo 246810 | HOME=$work HEARTH_TEST_CHEAP_PIN=1 hearth pin set >/dev/null || fail "cannot set a PIN"
hash=$(sqlite3 "$work/.local/share/hearth/hearth.db" "SELECT value FROM settings WHERE key = 'pin.hash'")
grep -q '^\$argon2id\$v=19\$m=16384,t=3,' <<<"$hash" ||
  fail "HEARTH_TEST_CHEAP_PIN changed the installed kiosk's PIN hash: $hash"
if [ -e /usr/share/locale/es/LC_MESSAGES/hearth.mo ]; then
  hearth --lang es --help | grep -qi "uso" || fail "the installed Spanish catalog is not used"
fi
cd / && rm -rf "$work"
echo "package ok: $(basename "$deb")"
