/* The rows of trends and exports, merging, and demo data's transaction. */
#include "store/store_report.h"
#include "store/store_internal.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

/* Each exercise run's exercise, by the run's id, so that rounds before
 * and after a run name it without a join per row. */
typedef struct RunName {
    char id[40];
    char exercise[64];
} RunName;

typedef struct Reading {
    const ReportSink *sink;
    RunName *runs;
    int nruns, cap;
} Reading;

/* Steps through a query; rows go to fn. STORE_NOMEM when fn said stop. */
typedef bool (*RowFn)(sqlite3_stmt *st, Reading *rd);

static StoreResult each_row(Store *s, const char *sql, RowFn fn, Reading *sink)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    int rc;
    StoreResult r = STORE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!fn(st, sink)) {
            r = STORE_NOMEM;
            snprintf(s->error, sizeof s->error, _("Out of memory while reading the trends."));
            break;
        }
    }
    if (r == STORE_OK && rc != SQLITE_DONE)
        r = store_fail(s, rc, "reading the trends");
    sqlite3_reset(st);
    return r;
}

static bool row_session(sqlite3_stmt *st, Reading *rd)
{
    const ReportSink *k = rd->sink;
    ReportSessionRow row = {0};
    snprintf(row.id, sizeof row.id, "%s", col_text(st, 0));
    snprintf(row.kiosk, sizeof row.kiosk, "%s", col_text(st, 1));
    snprintf(row.group, sizeof row.group, "%s", col_text(st, 2));
    if (!clock_parse_iso(col_text(st, 3), &row.opened_ms))
        row.opened_ms = 0;
    row.attendance = sqlite3_column_int(st, 4);
    row.imported = sqlite3_column_int(st, 5) != 0;
    return k->session(k->ctx, &row);
}

static bool row_run(sqlite3_stmt *st, Reading *rd)
{
    if (rd->nruns == rd->cap) {
        int cap = rd->cap ? rd->cap * 2 : 256;
        RunName *p = realloc(rd->runs, (size_t)cap * sizeof *p);
        if (!p)
            return false;
        rd->runs = p;
        rd->cap = cap;
    }
    RunName *r = &rd->runs[rd->nruns++];
    snprintf(r->id, sizeof r->id, "%s", col_text(st, 0));
    snprintf(r->exercise, sizeof r->exercise, "%s", col_text(st, 1));
    return true;
}

static int cmp_run_names(const void *a, const void *b)
{
    return strcmp(((const RunName *)a)->id, ((const RunName *)b)->id);
}

/* The exercise of the run a before or after round belongs to, or NULL
 * when the round is not one (or its run is gone: then it is no cell). */
static bool run_of(const Reading *rd, const char *phase, const char *part, const char **exercise)
{
    *exercise = NULL;
    if (strcmp(phase, "pre") && strcmp(phase, "post"))
        return true;
    RunName key;
    snprintf(key.id, sizeof key.id, "%s", part);
    const RunName *r = rd->nruns ? bsearch(&key, rd->runs, (size_t)rd->nruns, sizeof *rd->runs,
                                           cmp_run_names)
                                 : NULL;
    if (!r)
        return false;
    *exercise = r->exercise;
    return true;
}

static bool row_count(sqlite3_stmt *st, Reading *rd)
{
    const char *exercise;
    if (!run_of(rd, col_text(st, 2), col_text(st, 3), &exercise))
        return true;
    ReportCountRow row = {col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
                          exercise, sqlite3_column_int(st, 4), sqlite3_column_int(st, 5)};
    return rd->sink->count(rd->sink->ctx, &row);
}

/* "3,0,12": the counts of every scale point; false when malformed. Both
 * the imported cells' form and answer_counts' fixed-width "0003,0000,..."
 * read this way. */
bool store_parse_counts(const char *text, int *out, int want)
{
    int got = 0;
    const char *p = text;
    while (*p && got < want) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0 || v > 1000000)
            return false;
        out[got++] = (int)v;
        p = *end == ',' ? end + 1 : end;
    }
    return got == want && *p == '\0';
}

/* An anonymous cell's counts, one row per answer given at least once. */
static bool row_counted(sqlite3_stmt *st, Reading *rd)
{
    int counts[11];
    const char *exercise;
    if (!store_parse_counts(col_text(st, 4), counts, 11) ||
        !run_of(rd, col_text(st, 2), col_text(st, 3), &exercise))
        return true; /* a damaged row is integrity_check's business */
    for (int v = 0; v <= 10; v++) {
        if (!counts[v])
            continue;
        ReportCountRow row = {col_text(st, 0), col_text(st, 1), col_text(st, 2),
                              col_text(st, 3), exercise, v, counts[v]};
        if (!rd->sink->count(rd->sink->ctx, &row))
            return false;
    }
    return true;
}

static int col_int_or(sqlite3_stmt *st, int col, int fallback)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? fallback : sqlite3_column_int(st, col);
}

static bool row_imported_cell(sqlite3_stmt *st, Reading *rd)
{
    const ReportSink *k = rd->sink;
    int counts[11];
    ReportImportedCell row = {
        col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3),
        sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : col_text(st, 4),
        sqlite3_column_int(st, 5), sqlite3_column_int(st, 6), col_int_or(st, 7, -1),
        col_int_or(st, 8, -1), col_int_or(st, 9, -1), col_int_or(st, 10, -1), NULL};
    int want = row.hi - row.lo + 1;
    if (sqlite3_column_type(st, 11) != SQLITE_NULL && want >= 1 && want <= 11 &&
        store_parse_counts(col_text(st, 11), counts, want))
        row.counts = counts;
    return k->imported_cell(k->ctx, &row);
}

static StoreResult report_read(Store *s, bool people, Reading *rd);

static bool row_person(sqlite3_stmt *st, Reading *rd)
{
    const ReportSink *k = rd->sink;
    bool answer = sqlite3_column_type(st, 2) != SQLITE_NULL;
    ReportPersonRow row = {col_text(st, 0), col_text(st, 1), answer ? col_text(st, 2) : NULL,
                           answer ? col_text(st, 3) : NULL,
                           answer ? sqlite3_column_int(st, 4) : -1};
    return k->person(k->ctx, &row);
}

StoreResult store_report_read(Store *s, bool people, const ReportSink *k)
{
    /* One pass over years of rows: mapped, the pages are read without a
     * system call each. Only for the read; the kiosk's memory goes back to
     * what the door needs afterwards. */
    sqlite3_exec(s->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
    Reading rd = {k, NULL, 0, 0};
    StoreResult r = report_read(s, people, &rd);
    sqlite3_exec(s->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
    free(rd.runs);
    return r;
}

static StoreResult report_read(Store *s, bool people, Reading *rd)
{
    const ReportSink *k = rd->sink;
    sqlite3_stmt *begin = store_stmt(s, "BEGIN");
    if (!begin)
        return STORE_ERROR;
    StoreResult r = store_step_done(s, begin, "reading the trends");
    if (r != STORE_OK)
        return r;
    /* Attendance is counted by the database in the same statement (the
     * index on checkins answers it), never by a query per session. */
    if (k->session)
        r = each_row(s,
                     "SELECT s.id, s.device, g.name, s.opened, (SELECT count(*) FROM checkins c "
                     "WHERE c.session_id = s.id AND c.kind = 'in'), 0 "
                     "FROM sessions s JOIN groups g ON g.id = s.group_id "
                     "UNION ALL SELECT id, kiosk_id, group_name, opened, "
                     "coalesce(attendance, -1), 1 FROM imported_sessions ORDER BY 4, 1",
                     row_session, rd);
    /* Anonymous cells as their counts; pseudonymous answers counted by
     * the database over its covering index; the rounds of a run named by
     * the run's exercise from a map read once. Rows come in no promised
     * order: the report finds each row's cell itself. */
    if (r == STORE_OK && k->count)
        r = each_row(s, "SELECT id, exercise FROM exercise_runs WHERE session_id IS NOT NULL",
                     row_run, rd);
    if (r == STORE_OK && rd->nruns > 1)
        qsort(rd->runs, (size_t)rd->nruns, sizeof *rd->runs, cmp_run_names);
    if (r == STORE_OK && k->count)
        r = each_row(s, "SELECT session_id, instrument, phase, part, counts FROM answer_counts",
                     row_counted, rd);
    if (r == STORE_OK && k->count)
        r = each_row(s,
                     "SELECT session_id, instrument, phase, part, value, count(*) FROM ratings "
                     "GROUP BY session_id, instrument, phase, part, value",
                     row_count, rd);
    if (r == STORE_OK && k->imported_cell)
        r = each_row(s,
                     "SELECT session_id, instrument, phase, part, exercise, lo, hi, n, median, "
                     "q1, q3, counts FROM imported_cells",
                     row_imported_cell, rd);
    if (r == STORE_OK && people && k->person) {
        r = each_row(s,
                     "SELECT p.pseudonym, c.session_id, NULL, NULL, NULL FROM checkins c "
                     "JOIN passes p ON p.id = c.pass_id WHERE c.kind = 'in'",
                     row_person, rd);
        if (r == STORE_OK)
            r = each_row(s,
                         "SELECT p.pseudonym, t.session_id, t.instrument, t.phase, t.value "
                         "FROM ratings t JOIN passes p ON p.id = t.pass_id "
                         "WHERE t.pass_id IS NOT NULL",
                         row_person, rd);
    }
    if (r == STORE_OK) {
        sqlite3_stmt *end = store_stmt(s, "COMMIT");
        r = end ? store_step_done(s, end, "reading the trends") : STORE_ERROR;
    }
    if (r != STORE_OK)
        store_rollback(s);
    return r;
}

int store_report_groups(Store *s, char names[][GROUP_NAME_SIZE], int max, int offset)
{
    return store_names_page(
        s, "SELECT name FROM (SELECT name FROM groups UNION SELECT group_name FROM "
           "imported_sessions) ORDER BY name COLLATE NOCASE, name LIMIT ? OFFSET ?",
        names, max, offset);
}

static void bind_n(sqlite3_stmt *st, int idx, int n)
{
    if (n >= 0)
        sqlite3_bind_int(st, idx, n);
    else
        sqlite3_bind_null(st, idx);
}

/* 1 when the session is known here (local or imported), 0 when not. */
static int exists(Store *s, const char *sql, const char *id, StoreResult *r)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st) {
        *r = STORE_ERROR;
        return 0;
    }
    store_bind_text(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *r = store_fail(s, rc, "merging");
    return rc == SQLITE_ROW;
}

static StoreResult import_one(Store *s, const char *export_id, const ImportSession *is,
                              const char *now)
{
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO imported_sessions (id, kiosk_id, group_name, opened, attendance, "
           "export_id, imported) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
           "kiosk_id = excluded.kiosk_id, group_name = excluded.group_name, "
           "opened = excluded.opened, attendance = excluded.attendance, "
           "export_id = excluded.export_id, imported = excluded.imported");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, is->id);
    store_bind_text(st, 2, is->kiosk);
    store_bind_text(st, 3, is->group);
    store_bind_text(st, 4, is->opened);
    bind_n(st, 5, is->attendance);
    store_bind_text(st, 6, export_id);
    store_bind_text(st, 7, now);
    StoreResult r = store_step_done(s, st, "merging a session");
    static const char *const clear[] = {"DELETE FROM imported_cells WHERE session_id = ?"};
    for (int i = 0; i < 1 && r == STORE_OK; i++) {
        st = store_stmt(s, clear[i]);
        if (!st)
            return STORE_ERROR;
        store_bind_text(st, 1, is->id);
        r = store_step_done(s, st, "merging a session");
    }
    for (int i = 0; i < is->ncells && r == STORE_OK; i++) {
        const ReportImportedCell *c = &is->cells[i];
        st = store_stmt(s, "INSERT INTO imported_cells (session_id, instrument, phase, part, "
                           "exercise, lo, hi, n, median, q1, q3, counts) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                           "exercise = excluded.exercise, lo = excluded.lo, hi = excluded.hi, "
                           "n = excluded.n, median = excluded.median, q1 = excluded.q1, "
                           "q3 = excluded.q3, counts = excluded.counts");
        if (!st)
            return STORE_ERROR;
        store_bind_text(st, 1, is->id);
        store_bind_text(st, 2, c->instrument);
        store_bind_text(st, 3, c->phase);
        store_bind_text(st, 4, c->part ? c->part : "");
        store_bind_text(st, 5, c->exercise);
        sqlite3_bind_int(st, 6, c->lo);
        sqlite3_bind_int(st, 7, c->hi);
        bind_n(st, 8, c->n);
        bind_n(st, 9, c->median);
        bind_n(st, 10, c->q1);
        bind_n(st, 11, c->q3);
        char counts[11 * 8] = "";
        if (c->counts && c->n >= 0) {
            size_t used = 0;
            for (int v = 0; v <= c->hi - c->lo && used < sizeof counts; v++)
                used += (size_t)snprintf(counts + used, sizeof counts - used, "%s%d",
                                         v ? "," : "", c->counts[v]);
        }
        store_bind_text(st, 12, counts[0] ? counts : NULL);
        r = store_step_done(s, st, "merging a session's figures");
    }
    return r;
}

StoreResult store_report_import(Store *s, const char *export_id, const ImportSession *sessions,
                                int n, int64_t wall_ms, ImportStats *stats)
{
    ImportStats local = {0};
    char now[32];
    store_time(wall_ms, now);
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < n && r == STORE_OK; i++) {
        const ImportSession *is = &sessions[i];
        if (!strcmp(is->kiosk, s->kiosk_id) ||
            exists(s, "SELECT 1 FROM sessions WHERE id = ?", is->id, &r)) {
            local.skipped++;
            continue;
        }
        if (r != STORE_OK)
            break;
        if (exists(s, "SELECT 1 FROM imported_sessions WHERE id = ?", is->id, &r))
            local.updated++;
        else
            local.added++;
        if (r == STORE_OK)
            r = import_one(s, export_id, is, now);
    }
    if (r != STORE_OK) {
        store_rollback(s);
        return r;
    }
    r = store_commit(s);
    if (r == STORE_OK && stats)
        *stats = local;
    return r;
}

StoreResult store_demo_begin(Store *s) { return store_begin(s); }
StoreResult store_demo_commit(Store *s) { return store_commit(s); }
void store_demo_abort(Store *s) { store_rollback(s); }

StoreResult store_demo_session(Store *s, const char *group_id, int64_t opened_ms,
                               int64_t closed_ms, char id_out[40])
{
    char opened[32], closed[32];
    uuid_new(id_out);
    store_time(opened_ms, opened);
    store_time(closed_ms, closed);
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO sessions (id, group_id, opened, closed, device, anonymous) "
           "SELECT ?1, ?2, ?3, ?4, ?5, anonymous FROM groups WHERE id = ?2");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id_out);
    store_bind_text(st, 2, group_id);
    store_bind_text(st, 3, opened);
    store_bind_text(st, 4, closed);
    store_bind_text(st, 5, s->kiosk_id);
    return store_step_done(s, st, "saving a demo session");
}
