#include "store/store_purge.h"
#include "store/store_internal.h"

#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What goes, child rows first. ?1 is the cutoff (ISO 8601, compared as
 * text: every time is stored in that one format). */
#define OLD_SESSIONS "(SELECT id FROM sessions WHERE closed IS NOT NULL AND closed < ?1)"
#define OLD_LOOSE_RUNS "(SELECT id FROM exercise_runs WHERE session_id IS NULL AND started < ?1)"

static const char *const purge_sql[] = {
    "DELETE FROM ratings WHERE session_id IN " OLD_SESSIONS " OR run_id IN " OLD_LOOSE_RUNS,
    "DELETE FROM answer_counts WHERE session_id IN " OLD_SESSIONS " OR run_id IN " OLD_LOOSE_RUNS,
    "DELETE FROM checkins WHERE session_id IN " OLD_SESSIONS,
    "DELETE FROM staff_requests WHERE session_id IN " OLD_SESSIONS,
    "DELETE FROM plan_blocks WHERE session_id IN " OLD_SESSIONS,
    "DELETE FROM exercise_runs WHERE session_id IN " OLD_SESSIONS
    " OR (session_id IS NULL AND started < ?1)",
    "DELETE FROM sessions WHERE closed IS NOT NULL AND closed < ?1",
    /* their cells go with them (ON DELETE CASCADE) */
    "DELETE FROM imported_sessions WHERE opened < ?1",
};

/* How many anonymous answers the cells about to go hold. */
static StoreResult counted_answers(Store *s, const char *cutoff, int *out)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT counts FROM answer_counts WHERE session_id IN "
                                     OLD_SESSIONS " OR run_id IN " OLD_LOOSE_RUNS);
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, cutoff);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        for (const unsigned char *p = t; p && *p;) {
            *out += atoi((const char *)p);
            const unsigned char *comma = (const unsigned char *)strchr((const char *)p, ',');
            p = comma ? comma + 1 : NULL;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "removing old answers");
}

StoreResult store_purge(Store *s, int months, int64_t wall_ms, PurgeCounts *out)
{
    memset(out, 0, sizeof *out);
    if (months <= 0) {
        snprintf(s->error, sizeof s->error, _("internal: a retention of %d months"), months);
        return STORE_ERROR;
    }
    /* calendar months, in UTC, by SQLite's date arithmetic */
    sqlite3_stmt *st = store_stmt(
        s, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?1 / 1000, 'unixepoch', '-' || ?2 || ' months')");
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int64(st, 1, wall_ms);
    sqlite3_bind_int(st, 2, months);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return store_fail(s, rc, "working out what is old");
    }
    store_column_copy(st, 0, out->cutoff, sizeof out->cutoff);
    sqlite3_reset(st);

    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    int counted = 0;
    r = counted_answers(s, out->cutoff, &counted);
    int cells = 0, blocks = 0; /* go with their session, not counted apart */
    int *counts[] = {&out->ratings,        &cells,   &out->checkins,
                     &out->staff_requests, &blocks,  &out->exercise_runs,
                     &out->sessions,       &out->imported_sessions};
    _Static_assert(sizeof counts / sizeof counts[0] == sizeof purge_sql / sizeof purge_sql[0],
                   "one count per statement");
    for (size_t i = 0; r == STORE_OK && i < sizeof purge_sql / sizeof purge_sql[0]; i++) {
        st = store_stmt(s, purge_sql[i]);
        if (!st) {
            r = STORE_ERROR;
            break;
        }
        store_bind_text(st, 1, out->cutoff);
        r = store_step_done(s, st, "removing old answers");
        if (r == STORE_OK)
            *counts[i] = sqlite3_changes(s->db);
    }
    if (r != STORE_OK) {
        store_rollback(s);
        return r;
    }
    r = store_commit(s);
    if (r != STORE_OK)
        return r;
    out->ratings += counted;
    out->removed = out->ratings + cells + out->checkins + out->staff_requests +
                   out->exercise_runs + out->sessions + out->imported_sessions > 0;
    return STORE_OK;
}

bool store_compact(Store *s)
{
    /* Deleted rows leave their bytes in free pages (zeroed: secure_delete):
     * VACUUM rewrites the file without them, and the checkpoint hands the
     * space back. A VACUUM that fails (it needs room for a second copy)
     * loses nothing: the rows are gone all the same, the file stays as
     * big. */
    bool ok = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        store_fail(s, sqlite3_extended_errcode(s->db), "reclaiming the space");
    sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    return ok;
}
