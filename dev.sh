#!/usr/bin/env bash
# The two commands of the README, on a fresh Debian 12 or Raspberry Pi OS:
#   ./dev.sh run [hearth options]   install what is missing, build, start the kiosk
#   ./dev.sh test                   install what is missing, build, run every test
# and, for developers:
#   ./dev.sh bench                  the performance benchmark (tests/bench)
set -euo pipefail
cd "$(dirname "$0")"

# What building and running need (Debian package names).
RUN_PACKAGES=(build-essential cmake pkg-config gettext
  libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libcjson-dev
  libsodium-dev libfontconfig-dev libcairo2-dev libinih-dev libsystemd-dev
  libzbar-dev libjsmn-dev fonts-inter fonts-dejavu-core)
# What the tests need besides.
TEST_PACKAGES=(dpkg-dev file libcmocka-dev libsdl2-image-dev clang libclang-rt-14-dev valgrind
  xvfb xauth xdotool x11-utils openbox wmctrl imagemagick zbar-tools poppler-utils sqlite3 ccache
  python3)
# What ./dev.sh bench needs besides: the browser kiosk it compares with, and
# the profiler its README points to.
BENCH_PACKAGES=(chromium linux-perf)

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

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_missing "${RUN_PACKAGES[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    exec ./build/hearth "$@"
    ;;
  test)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
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
    echo "== all tests passed"
    ;;
  bench)
    install_missing "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    exec tests/bench/run.sh build "$@"
    ;;
  *)
    echo "usage: ./dev.sh run [hearth options] | ./dev.sh test | ./dev.sh bench" >&2
    exit 2
    ;;
esac
