#!/usr/bin/env bash
# The two commands of the README, on a fresh Debian 12 or Raspberry Pi OS:
#   ./dev.sh run [hearth options]   install what is missing, build, start the kiosk
#   ./dev.sh test                   install what is missing, build, run every test
#                                   (with a cross-built arm64 Hearth under qemu-user)
# and, for developers:
#   ./dev.sh bench                  the performance benchmark (tests/bench)
#   ./dev.sh arm64                  the arm64 build's every unit and UI test under qemu-user
set -euo pipefail
cd "$(dirname "$0")"

# What building and running need (Debian package names).
RUN_PACKAGES=(build-essential cmake pkg-config gettext
  libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libcjson-dev
  libsodium-dev libfontconfig-dev libcairo2-dev libinih-dev libsystemd-dev
  libzbar-dev libpq-dev libjsmn-dev fonts-inter fonts-dejavu-core)
# What the tests need besides.
TEST_PACKAGES=(dpkg-dev file libcmocka-dev libsdl2-image-dev clang libclang-rt-14-dev valgrind
  xvfb xauth xdotool x11-utils openbox wmctrl imagemagick zbar-tools poppler-utils sqlite3 ccache
  python3 postgresql)
# What ./dev.sh bench needs besides: the browser kiosk it compares with, and
# the profiler its README points to.
BENCH_PACKAGES=(chromium linux-perf)
# The arm64 build (a Raspberry Pi's): Debian's cross compiler and qemu-user
# on this machine; the arm64 libraries go into a sysroot in the build tree
# (arm64_sysroot), never onto the machine, where -dev packages of two
# architectures can displace each other.
CROSS_PACKAGES=(gcc-aarch64-linux-gnu qemu-user-static)
ARM64_PACKAGES=(libc6-dev libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libcjson-dev
  libsodium-dev libfontconfig-dev libcairo2-dev libinih-dev libsystemd-dev libcmocka-dev
  libsdl2-image-dev)
# The UI tests ./dev.sh test runs under qemu-user, a few minutes' worth:
# the door with its rating, the console, a damaged database, a full disk and
# the display's choices. ./dev.sh arm64 runs them all (the door, the player
# and the round take ten minutes or more each under qemu).
ARM64_UI_QUICK='ui/test_(door_rating|console|recovery|fulldisk|display)$'

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

jobs() { nproc 2>/dev/null || echo 2; }

build() { # build <dir> [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$(jobs)"
}

# arm64_sysroot DIR: DIR/sysroot holds ARM64_PACKAGES and everything they
# depend on, for arm64, unpacked. An apt of its own (its lists and cache in
# DIR/apt, an empty dpkg status) downloads them; made again only when the
# list changes.
arm64_sysroot() {
  local dir=$PWD/$1 # apt takes its folders from /, not from here
  local root=$dir/apt sys=$dir/sysroot stamp="${ARM64_PACKAGES[*]}"
  if [ -f "$sys/.packages" ] && [ "$(cat "$sys/.packages")" = "$stamp" ]; then
    return 0
  fi
  echo "== arm64 sysroot: downloading ${#ARM64_PACKAGES[@]} -dev packages and what they need"
  rm -rf "$root" "$sys"
  mkdir -p "$root/state/lists/partial" "$root/cache/archives/partial" "$sys"
  : >"$root/state/status"
  local opts=(-q -o Dir::State="$root/state" -o Dir::State::status="$root/state/status"
    -o Dir::Cache="$root/cache" -o APT::Architecture=arm64 -o APT::Architectures::=arm64
    -o Debug::NoLocking=1 -o Acquire::Languages=none)
  apt-get "${opts[@]}" update >/dev/null
  apt-get "${opts[@]}" -y --download-only --no-install-recommends install "${ARM64_PACKAGES[@]}" \
    >/dev/null
  local deb
  for deb in "$root"/cache/archives/*.deb; do dpkg -x "$deb" "$sys"; done
  # links to absolute paths mean the arm64 root: make them point into it
  find "$sys" -type l -lname '/*' | while read -r link; do
    ln -sfn "$sys$(readlink "$link")" "$link"
  done
  # fonts and their configuration come from this machine (qemu-user falls
  # back to it for what the sysroot lacks): the tests pin the fonts
  rm -rf "$sys/etc/fonts" "$sys/usr/share/fonts" "$sys/usr/share/doc" "$sys/usr/share/man" \
    "$root/cache/archives"
  echo "$stamp" >"$sys/.packages"
}

# arm64_test LABEL_REGEX [NAME_REGEX]: cross-builds into build-arm64 and
# runs those tests under qemu-user (CMAKE_CROSSCOMPILING_EMULATOR).
arm64_test() {
  arm64_sysroot build-arm64
  build build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
    -DHEARTH_ARM64_SYSROOT="$PWD/build-arm64/sysroot" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHEARTH_WERROR=ON
  (cd build-arm64 && ctest --output-on-failure -j "$(jobs)" -L "$1" ${2:+-R "$2"})
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_missing "${RUN_PACKAGES[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    exec ./build/hearth "$@"
    ;;
  test)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${CROSS_PACKAGES[@]}"
    echo "== normal build, warnings as errors"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_WERROR=ON
    (cd build && ctest --output-on-failure -j "$(jobs)" -LE valgrind)
    echo "== headless UI tests under valgrind (memcheck; alone: ctest --test-dir build -L valgrind)"
    if [ -n "${HEARTH_VALGRIND_ALL:-}" ]; then
      (cd build && ctest --output-on-failure -j "$(jobs)" -L valgrind)
    else
      (cd build && ctest --output-on-failure -j "$(jobs)" -L valgrind -LE valgrind-slow)
    fi
    echo "== AddressSanitizer and UndefinedBehaviorSanitizer build"
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DHEARTH_WERROR=ON -DHEARTH_SANITIZE=ON
    (cd build-asan && ctest --output-on-failure -j "$(jobs)" -LE 'e2e|valgrind|attack')
    echo "== the Debian package, installed with apt and removed again"
    build build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF
    tests/package.sh build-pkg
    if [ -d tests/fuzz ] && ls tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
      echo "== fuzzing every parser of outside input (bounded time)"
      CC=clang build build-fuzz -DCMAKE_BUILD_TYPE=Debug -DHEARTH_FUZZ=ON -DHEARTH_WERROR=ON
      tests/fuzz/run.sh build-fuzz "${HEARTH_FUZZ_SECONDS:-20}"
    fi
    echo "== arm64: cross-built, every unit test and the main UI tests under qemu-user (all: ./dev.sh arm64)"
    arm64_test unit
    arm64_test ui "$ARM64_UI_QUICK"
    echo "== all tests passed"
    ;;
  arm64)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${CROSS_PACKAGES[@]}"
    arm64_test 'unit|ui'
    ;;
  bench)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    exec tests/bench/run.sh build "$@"
    ;;
  *)
    echo "usage: ./dev.sh run [hearth options] | ./dev.sh test | ./dev.sh bench | ./dev.sh arm64" >&2
    exit 2
    ;;
esac
