#!/usr/bin/env bash
# Every string a person reads is in the Spanish catalog, translated and not
# fuzzy: a screen or a message added without its translation fails here
# (app/po/update.sh --check extracts the strings afresh from app/).
set -euo pipefail
cd "${HEARTH_SOURCE_DIR:?}"
app/po/update.sh --check
