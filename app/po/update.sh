#!/usr/bin/env bash
# Extracts every translatable string of app/ into app/po/hearth.pot and
# merges it into each language's .po, keeping what is translated.
#   app/po/update.sh            update the template and the catalogs
#   app/po/update.sh --check    fail if a catalog is out of date, has an
#                               untranslated or fuzzy string (used by tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot" "$pot".*' EXIT
find app -name '*.c' | LC_ALL=C sort | xargs xgettext --from-code=UTF-8 --language=C \
  --keyword=_ --keyword=N_ --keyword=P_:1,2 --add-comments=TRANSLATORS \
  --keyword=store_fail:3 --keyword=store_step_done:3 --keyword=store_step_change:3 \
  --keyword=exec:3 --keyword=update_open:4 --keyword=sqlite_error:2 \
  --keyword=exec_step:3 --keyword=fail_stmt:3 \
  --package-name=hearth --msgid-bugs-address=hearth@localhost --no-location \
  --sort-output -o "$pot"
sed -i -e "s/charset=CHARSET/charset=UTF-8/" -e "/^\"POT-Creation-Date:/d" "$pot"
if [ "${1:-}" = --check ]; then
  status=0
  for po in app/po/*.po; do
    merged="$pot.$(basename "$po")"
    msgmerge --quiet --no-fuzzy-matching --no-location "$po" "$pot" -o "$merged"
    stats=$(msgfmt --check --statistics -o /dev/null "$merged" 2>&1)
    echo "$(basename "$po"): $stats"
    if grep -Eq 'untranslated|fuzzy' <<<"$stats"; then
      msgattrib --untranslated --only-fuzzy "$merged" 2>/dev/null | head -40 >&2 || true
      msgattrib --untranslated "$merged" | grep '^msgid' | head -40 >&2 || true
      status=1
    fi
  done
  exit $status
fi
cp "$pot" app/po/hearth.pot
for po in app/po/*.po; do
  [ -e "$po" ] || continue
  msgmerge --quiet --update --backup=none --no-location --sort-output "$po" app/po/hearth.pot
done
echo "app/po/hearth.pot: $(grep -c '^msgid ' app/po/hearth.pot) strings"
