#include "store/store_rating.h"
#include "store/store_internal.h"

#include "core/uuid.h"

#include <stdio.h>
#include <string.h>

static const char *const phase_names[] = {"arrival", "pre", "post", "checkout", "round"};

const char *rating_phase_name(RatingPhase phase)
{
    return (unsigned)phase < 5 ? phase_names[phase] : "round";
}

bool rating_phase_parse(const char *name, RatingPhase *out)
{
    for (int i = 0; i < 5; i++) {
        if (!strcmp(name, phase_names[i])) {
            *out = (RatingPhase)i;
            return true;
        }
    }
    return false;
}

StoreResult store_rating_add(Store *s, const RatingRow *row, char id_out[40])
{
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO ratings (id, session_id, instrument, item, phase, value, pass_id, "
           "run_id, round_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, row->session_id);
    store_bind_text(st, 3, row->instrument);
    store_bind_text(st, 4, row->item ? row->item : "");
    store_bind_text(st, 5, rating_phase_name(row->phase));
    sqlite3_bind_int(st, 6, row->value);
    store_bind_text(st, 7, row->pass_id);
    store_bind_text(st, 8, row->run_id);
    store_bind_text(st, 9, row->round_id);
    if (row->pass_id) {
        store_time(row->wall_ms, at);
        store_bind_text(st, 10, at);
    } else {
        sqlite3_bind_null(st, 10);
    }
    StoreResult r = store_step_done(s, st, "saving an answer");
    if (r == STORE_OK && id_out)
        snprintf(id_out, 40, "%s", id);
    return r;
}

StoreResult store_rating_remove(Store *s, const char *id)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM ratings WHERE id = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    return store_step_change(s, st, "taking back an answer");
}

int store_rating_values(Store *s, const char *session_id, const char *instrument,
                        RatingPhase phase, const char *round_id, int *values, int max)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT value FROM ratings WHERE session_id = ? AND instrument = ? AND phase = ? "
           "AND (?4 IS NULL OR round_id = ?4) ORDER BY value");
    if (!st)
        return -1;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, instrument);
    store_bind_text(st, 3, rating_phase_name(phase));
    store_bind_text(st, 4, round_id);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
        values[n++] = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, rc, "reading answers");
    return n;
}

StoreResult store_run_start(Store *s, const char *session_id, const char *exercise,
                            int64_t wall_ms, char id_out[40])
{
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO exercise_runs (id, session_id, exercise, started) VALUES (?, ?, ?, ?)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, session_id);
    store_bind_text(st, 3, exercise);
    store_bind_text(st, 4, at);
    StoreResult r = store_step_done(s, st, "starting an exercise");
    if (r == STORE_OK)
        snprintf(id_out, 40, "%s", id);
    return r;
}

StoreResult store_run_step(Store *s, const char *run_id, int step, int steps_skipped)
{
    sqlite3_stmt *st = store_stmt(
        s, "UPDATE exercise_runs SET step = ?, steps_skipped = ? WHERE id = ? AND ended IS NULL");
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, step);
    sqlite3_bind_int(st, 2, steps_skipped);
    store_bind_text(st, 3, run_id);
    return store_step_done(s, st, "saving the exercise's progress");
}

StoreResult store_run_begin(Store *s, const char *run_id, int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st =
        store_stmt(s, "UPDATE exercise_runs SET started = ? WHERE id = ? AND ended IS NULL");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    store_bind_text(st, 2, run_id);
    return store_step_change(s, st, "starting the exercise's steps");
}

StoreResult store_run_end(Store *s, const char *run_id, bool completed, int steps_skipped,
                          int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(s, "UPDATE exercise_runs SET ended = ?, completed = ?, "
                                     "steps_skipped = ? WHERE id = ? AND ended IS NULL");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    sqlite3_bind_int(st, 2, completed ? 1 : 0);
    sqlite3_bind_int(st, 3, steps_skipped);
    store_bind_text(st, 4, run_id);
    return store_step_change(s, st, "ending the exercise");
}

StoreResult store_run_unfinished(Store *s, const char *session_id, RunInfo *out)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT id, exercise, step, steps_skipped FROM exercise_runs "
           "WHERE session_id = ? AND ended IS NULL ORDER BY started DESC LIMIT 1");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    int rc = sqlite3_step(st);
    StoreResult r = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        store_column_copy(st, 0, out->id, sizeof out->id);
        store_column_copy(st, 1, out->exercise, sizeof out->exercise);
        out->step = sqlite3_column_int(st, 2);
        out->steps_skipped = sqlite3_column_int(st, 3);
        r = STORE_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(s, rc, "looking for an unfinished exercise");
    }
    sqlite3_reset(st);
    return r;
}
