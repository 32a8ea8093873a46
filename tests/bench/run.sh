#!/usr/bin/env bash
# The performance benchmark (tests/bench/README.md): ./dev.sh bench builds
# and runs this. Never part of ./dev.sh test: the figures depend on the
# machine and on what else runs on it, so nothing here passes or fails.
#   tests/bench/run.sh BUILD_DIR      prints a Markdown table on stdout
#   BENCH_QUICK=1 tests/bench/run.sh build   every figure once, briefly
set -euo pipefail
BUILD=${1:-build}
exec python3 "$(dirname "$0")/bench.py" "$BUILD"
