/* The outbox and what a closed session publishes. */
#include "store/store_publish.h"
#include "store/store_internal.h"

#include "core/clock.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

int store_outbox_next(Store *s, char ids[][40], int max)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT o.session_id FROM outbox o JOIN sessions s "
                                     "ON s.id = o.session_id ORDER BY s.opened, s.id LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, max);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        store_column_copy(st, 0, ids[n++], sizeof ids[0]);
    if (n < max && rc != SQLITE_DONE) {
        store_fail(s, rc, "reading what waits to be published");
        n = -1;
    }
    sqlite3_reset(st);
    return n;
}

StoreResult store_outbox_status(Store *s, int *waiting, char up_to[16])
{
    *waiting = 0;
    up_to[0] = '\0';
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*), (SELECT value FROM settings WHERE key = "
                                     "'program.published_up_to') FROM outbox");
    if (!st)
        return STORE_ERROR;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *waiting = sqlite3_column_int(st, 0);
        store_column_copy(st, 1, up_to, 16);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "reading what waits to be published");
}

/* Adds the rows of one query (instrument, phase, part, exercise, then
 * either counts text or a value and its count) to the aggregate. */
static StoreResult add_rows(Store *s, sqlite3_stmt *st, bool counted, SessionAggregate *a)
{
    int rc;
    StoreResult r = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char instrument[CATALOG_ID_MAX + 1], phase[12], part[40], exercise[CATALOG_ID_MAX + 1];
        store_column_copy(st, 0, instrument, sizeof instrument);
        store_column_copy(st, 1, phase, sizeof phase);
        store_column_copy(st, 2, part, sizeof part);
        store_column_copy(st, 3, exercise, sizeof exercise);
        int counts[STATS_VALUE_MAX + 1] = {0};
        if (counted) {
            const unsigned char *t = sqlite3_column_text(st, 4);
            if (!t || !store_parse_counts((const char *)t, counts, STATS_VALUE_MAX + 1))
                continue; /* a damaged row: integrity_check's business */
        } else {
            int v = sqlite3_column_int(st, 4);
            if (v < 0 || v > STATS_VALUE_MAX)
                continue; /* off every scale: no report places it either */
            counts[v] = sqlite3_column_int(st, 5);
        }
        for (int v = 0; v <= STATS_VALUE_MAX && r == STORE_OK; v++)
            if (counts[v] > 0 &&
                !aggregate_add(a, instrument, phase, part, exercise, v, counts[v])) {
                snprintf(s->error, sizeof s->error, "%s", _("Out of memory while reading a session."));
                r = STORE_NOMEM;
            }
        if (r != STORE_OK)
            break;
    }
    if (r == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = store_fail(s, rc, "reading a session to publish");
    sqlite3_reset(st);
    return r;
}

static StoreResult read_session(Store *s, const char *id, SessionAggregate *a)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT s.device, g.name, s.opened, (SELECT count(*) FROM checkins c "
           "WHERE c.session_id = s.id AND c.kind = 'in'), "
           "(SELECT value FROM settings WHERE key = 'demo_data') "
           "FROM sessions s JOIN groups g ON g.id = s.group_id "
           "WHERE s.id = ? AND s.closed IS NOT NULL");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    int rc = sqlite3_step(st);
    StoreResult r = STORE_OK;
    if (rc == SQLITE_ROW) {
        snprintf(a->id, sizeof a->id, "%s", id);
        store_column_copy(st, 0, a->kiosk, sizeof a->kiosk);
        store_column_copy(st, 1, a->group, sizeof a->group);
        char opened[32];
        store_column_copy(st, 2, opened, sizeof opened);
        int64_t ms = 0;
        if (!clock_parse_iso(opened, &ms))
            ms = 0;
        /* the date and nothing finer: no hour, no minute */
        clock_iso_date(ms, a->date);
        a->attendance = sqlite3_column_int(st, 3);
        char demo[8];
        store_column_copy(st, 4, demo, sizeof demo);
        a->demo = !strcmp(demo, "1");
    } else if (rc == SQLITE_DONE) {
        r = STORE_NOT_FOUND;
    } else {
        r = store_fail(s, rc, "reading a session to publish");
    }
    sqlite3_reset(st);
    if (r != STORE_OK)
        return r;

    /* the cells as a report counts them (store_report.c): anonymous
     * counts, and pseudonymous answers counted by the database; a round
     * before or after an exercise only with its run */
    st = store_stmt(s, "SELECT c.instrument, c.phase, c.part, r.exercise, c.counts "
                       "FROM answer_counts c LEFT JOIN exercise_runs r ON r.id = c.run_id "
                       "WHERE c.session_id = ? AND (c.phase NOT IN ('pre', 'post') "
                       "OR r.id IS NOT NULL) ORDER BY c.instrument, c.phase, c.part");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    r = add_rows(s, st, true, a);
    if (r != STORE_OK)
        return r;
    st = store_stmt(s, "SELECT t.instrument, t.phase, "
                       "CASE WHEN t.phase IN ('pre', 'post') THEN coalesce(t.run_id, '') "
                       "WHEN t.phase = 'round' THEN coalesce(t.round_id, '') ELSE '' END AS part, "
                       "r.exercise, t.value, count(*) FROM ratings t "
                       "LEFT JOIN exercise_runs r ON r.id = t.run_id "
                       "WHERE t.session_id = ? AND (t.phase NOT IN ('pre', 'post') "
                       "OR r.id IS NOT NULL) GROUP BY t.instrument, t.phase, part, t.value "
                       "ORDER BY t.instrument, t.phase, part, t.value");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    return add_rows(s, st, false, a);
}

StoreResult store_publish_read(Store *s, const char *session_id, SessionAggregate *out)
{
    memset(out, 0, sizeof *out);
    /* one read transaction: the session and its cells as of one moment */
    sqlite3_stmt *begin = store_stmt(s, "BEGIN");
    if (!begin)
        return STORE_ERROR;
    StoreResult r = store_step_done(s, begin, "reading a session to publish");
    if (r != STORE_OK)
        return r;
    r = read_session(s, session_id, out);
    sqlite3_stmt *end = store_stmt(s, "COMMIT");
    StoreResult e = end ? store_step_done(s, end, "reading a session to publish") : STORE_ERROR;
    if (e != STORE_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (r == STORE_OK)
        r = e;
    if (r != STORE_OK)
        aggregate_free(out);
    return r;
}

StoreResult store_outbox_done(Store *s, const char *session_id, const char *date)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM outbox WHERE session_id = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    StoreResult r = store_step_change(s, st, "noting what was published");
    if (r != STORE_OK)
        return r;
    st = store_stmt(s, "INSERT INTO settings (key, value) VALUES ('program.published_up_to', ?1) "
                       "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, date);
    return store_step_done(s, st, "noting what was published");
}
