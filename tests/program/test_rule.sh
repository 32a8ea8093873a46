#!/usr/bin/env bash
# The program's server applies the same disclosure rule as the kiosk:
# 20000 random pools (one to five parts, small and large, on scales of
# two to eleven points, at K 3, 5 and 11) through the server's
# hearth.disclose and through core/stats.h (rule_cases): every figure the
# same, and every withheld one withheld by both.
set -euo pipefail
HEARTH=${1:?usage: test_rule.sh hearth attack rule_cases}
RULE=${3:?usage: test_rule.sh hearth attack rule_cases}
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/hearth-rule-XXXXXX)
trap 'pg_cleanup; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pg_setup "$WORK"
"$HEARTH" server init "$(pg_url postgres)" >/dev/null

python3 - >"$WORK/cases" <<'PY'
import random
rnd = random.Random(2026)
for _ in range(20000):
    k = rnd.choice([3, 5, 5, 11])
    lo = rnd.choice([0, 0, 1]); hi = rnd.choice([1, 4, 4, 5, 10])
    if hi <= lo: hi = lo + 1
    counts = [0] * 11; parts = []
    for _ in range(rnd.choice([1, 1, 2, 2, 3, 5])):
        size = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20])
        for _ in range(size):
            counts[rnd.randint(lo, hi)] += 1
        parts.append(size)
    print(f"{k}|{','.join(map(str, counts))}|{','.join(map(str, parts))}")
PY
"$RULE" <"$WORK/cases" >"$WORK/c.out"
# the same cases through the server's function, in order
awk -F'|' '{ printf "%d\t{%s}\t{%s}\t%d\n", NR, $2, $3, $1 }' "$WORK/cases" >"$WORK/cases.tsv"
psql_admin hearth -At -F'|' <<SQL >"$WORK/sql.out"
CREATE TEMP TABLE cases (i integer, counts bigint[], parts integer[], k integer);
\copy cases FROM '$WORK/cases.tsv'
SELECT coalesce(d.n::text, ''), coalesce(d.median::text, ''), coalesce(d.q1::text, ''),
       coalesce(d.q3::text, '')
FROM cases c, hearth.disclose(c.counts, c.parts, c.k) d ORDER BY c.i;
SQL
lines=$(wc -l <"$WORK/c.out")
[ "$lines" = 20000 ] || fail "rule_cases answered $lines cases"
if ! diff -q "$WORK/c.out" "$WORK/sql.out" >/dev/null; then
  diff "$WORK/c.out" "$WORK/sql.out" | head -20 >&2
  fail "the server's rule differs from core/stats.h"
fi
shown=$(grep -vc '^|' "$WORK/c.out" || true)
echo "rule: 20000 pools, $shown shown, the server and core/stats.h agree on every figure"
