#!/usr/bin/env bash
# Runs every libFuzzer target built in BUILD_DIR/tests for SECONDS each.
#
#   CC=clang cmake -S . -B build-fuzz -DHEARTH_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
#   cmake --build build-fuzz -j2
#   tests/fuzz/run.sh build-fuzz 60
#
# Each target starts from a copy of its seed corpus (tests/fuzz/corpus/NAME)
# in a temporary folder, so the committed corpus never changes. Crashes,
# leaks, timeouts and sanitizer reports make the script fail; the inputs
# that caused them are kept in BUILD_DIR/fuzz-artifacts/. Prints the
# executions per target.
set -euo pipefail

usage() { echo "usage: $0 BUILD_DIR SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
build=$1
seconds=$2
[[ $seconds =~ ^[1-9][0-9]*$ ]] || usage

here=$(cd "$(dirname "$0")" && pwd)
artifacts="$build/fuzz-artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/hearth-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Longest input per target: past PASS_INPUT_MAX (256) so the refusal of long
# input is exercised, and room for a few hundred scanner actions.
max_len_for() {
    case $1 in
    pass) echo 1024 ;;
    scanner) echo 4096 ;;
    merge) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

shopt -s nullglob
targets=()
for bin in "$build"/tests/fuzz_*; do
    [ -f "$bin" ] && [ -x "$bin" ] && targets+=("$bin")
done
if [ ${#targets[@]} -eq 0 ]; then
    echo "no fuzz_* programs in $build/tests: build with CC=clang and -DHEARTH_FUZZ=ON" >&2
    exit 1
fi

mkdir -p "$artifacts"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

failed=0
results=()
for bin in "${targets[@]}"; do
    name=$(basename "$bin")
    short=${name#fuzz_}
    corpus="$work/corpus-$short"
    mkdir -p "$corpus"
    if [ -d "$here/corpus/$short" ]; then
        cp -R "$here/corpus/$short/." "$corpus/"
    else
        echo "note: no seed corpus for $name in $here/corpus/$short" >&2
    fi
    log="$work/$name.log"
    echo "== $name: ${seconds}s, -max_len=$(max_len_for "$short")"
    status=0
    "$bin" "$corpus" \
        -max_total_time="$seconds" \
        -max_len="$(max_len_for "$short")" \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" \
        >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corpus_files=$(find "$corpus" -type f | wc -l)
    if [ "$status" -ne 0 ] || grep -qE '^==[0-9]+==ERROR|runtime error:|^SUMMARY: ' "$log"; then
        failed=1
        echo "!! $name failed (exit $status); the end of its log:" >&2
        tail -n 40 "$log" >&2
        echo "!! inputs kept in $artifacts/" >&2
        results+=("$(printf '%-16s FAILED  %14s executions' "$name" "${execs:-?}")")
    else
        results+=("$(printf '%-16s ok      %14s executions  %8s/s  corpus %s' \
            "$name" "${execs:-?}" "${speed:-?}" "$corpus_files")")
    fi
done

echo
echo "target           result      executions"
printf '%s\n' "${results[@]}"
exit "$failed"
