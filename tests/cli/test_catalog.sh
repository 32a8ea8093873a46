#!/usr/bin/env bash
# hearth catalog check and list on the shipped content and on broken files:
# the shipped data/ checks clean, and each content check of issue 15 (a
# line called clinical without a source, a timed discussion too short for
# a room, personal material without the disclosure note, a plan whose
# blocks do not fit its minutes or its exercises) refuses its file with
# file:line and exit 1, in English and in Spanish.
set -euo pipefail
HEARTH=${1:?usage: test.sh path/to/hearth}
SRC=${HEARTH_SOURCE_DIR:?}
. "$(dirname "$0")/lib.sh"

# The shipped content: clean, at least 33 exercises, the crisis card there.
expect 0 "$HEARTH" --data "$SRC/data" catalog check
grep -q "; 0 problems" "$WORK/out" || fail "catalog check: $(cat "$WORK/out")"
[ ! -s "$WORK/err" ] || fail "catalog check wrote: $(cat "$WORK/err")"
expect 0 "$HEARTH" --data "$SRC/data" catalog list
n=$(wc -l <"$WORK/out")
[ "$n" -ge 33 ] || fail "catalog list shows $n exercises, fewer than 33"
for id in safety-plan radical-acceptance halt-triggers refusal-pairs crisis-kit \
          weighing-change problem-solving lapse-plan fast-validation naming-emotions; do
  grep -q "^$id	" "$WORK/out" || fail "catalog list has no $id"
done
expect 0 "$HEARTH" --data "$SRC/data" --lang es catalog list
grep -q "	Mi plan de seguridad$" "$WORK/out" || fail "no Spanish title for the safety plan"
grep -q "988" "$SRC/data/crisis.json" || fail "the crisis card does not name 988"
grep -q "oprima 2" "$SRC/data/crisis.json" || fail "the crisis card has no Spanish option"
# no instrument calls anything a clinical cutoff or a reliable change
! grep -rqiE '"(cutoff|reliable_change)"|clinical cutoff' "$SRC/data" ||
  fail "data/ still says cutoff or reliable change"

# A copy of the shipped content with one broken file per check: each is
# refused where it is wrong, the rest still loads, exit 1.
cp -r "$SRC/data" "$WORK/data"
D=$WORK/data
python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
def edit(path, f):
    p = f"{d}/{path}"
    j = json.load(open(p))
    f(j)
    open(p, "w").write(json.dumps(j, ensure_ascii=False, indent=1))
edit("instruments/mood.json", lambda j: j.update(
    reference_label={"en": "Clinical cutoff", "es": "Punto de corte clínico"}))
def short_talk(j):
    s = j["steps"][-1]
    s.pop("untimed")
    s["seconds"] = 90
edit("exercises/wise-mind.json", short_talk)
edit("exercises/give-pairs.json", lambda j: j.pop("disclosure"))
edit("plans/skills-group-90.json", lambda j: j.update(minutes=95))
def small_block(j):
    j["blocks"][3]["minutes"] = 8  # the practice of opposite action
    j["blocks"][4]["minutes"] += 7  # the break takes the rest
edit("plans/iop-three-hours.json", small_block)
PY
expect 1 "$HEARTH" --data "$D" catalog check
grep -q "instruments/mood.json:[0-9]*: the reference line is labelled with \"clinical\"" "$WORK/err" ||
  fail "a clinical line without a source was not refused: $(cat "$WORK/err")"
grep -q "exercises/wise-mind.json:[0-9]*: step 6 is a group discussion timed to 90 seconds" "$WORK/err" ||
  fail "a 90-second discussion was not refused"
grep -q "exercises/give-pairs.json:[0-9]*: the exercise invites personal material" "$WORK/err" ||
  fail "personal material without the disclosure note was not refused"
grep -q "plans/skills-group-90.json:[0-9]*: the plan lasts 95 minutes, but its blocks add up to 90" "$WORK/err" ||
  fail "a plan that does not add up was not refused"
grep -q "plans/iop-three-hours.json:[0-9]*: block 4 gives \"opposite-action\" 8 minutes" "$WORK/err" ||
  fail "a block too short for its exercise was not refused"
# the mood instrument is gone, so the door has no mood; the others load
grep -q "31 exercises, 6 instruments, 1 plan;" "$WORK/out" || fail "counts: $(cat "$WORK/out")"
# in Spanish too: the counts line, the problems (for maintainers) in English
expect 1 "$HEARTH" --data "$D" --lang es catalog check
grep -q "31 ejercicios, 6 instrumentos, 1 plan;" "$WORK/out" || fail "es counts: $(cat "$WORK/out")"

# Without crisis.json: said, exit 1, everything else loads.
rm "$D/crisis.json"
expect 1 "$HEARTH" --data "$D" catalog check
grep -q "crisis.json: this file is missing" "$WORK/err" || fail "a missing crisis card was not said"
echo "catalog check: ok"
