#include "store/store_rating.h"
#include "store/store_internal.h"

#include "core/i18n.h"
#include "core/uuid.h"

#include <stdio.h>
#include <string.h>

/* The cell an answer belongs to, within its session, instrument and phase:
 * the exercise run for pre and post, the round for a round, none at the
 * door. Cells never overlap, so what one shows never helps undo another. */
static const char *answer_part(const RatingRow *row)
{
    const char *part = NULL;
    if (row->phase == PHASE_PRE || row->phase == PHASE_POST)
        part = row->run_id;
    else if (row->phase == PHASE_ROUND)
        part = row->round_id;
    return part ? part : "";
}

#define COUNTS_TEXT_LEN 54 /* eleven "%04d" and ten commas */

static bool counts_parse(const char *text, int counts[11])
{
    if (!text || strlen(text) != COUNTS_TEXT_LEN)
        return false;
    for (int v = 0; v <= 10; v++) {
        const char *p = text + v * 5;
        counts[v] = 0;
        for (int i = 0; i < 4; i++) {
            if (p[i] < '0' || p[i] > '9')
                return false;
            counts[v] = counts[v] * 10 + (p[i] - '0');
        }
    }
    return true;
}

static void counts_format(const int counts[11], char out[COUNTS_TEXT_LEN + 1])
{
    for (int v = 0; v <= 10; v++)
        snprintf(out + v * 5, 6, v < 10 ? "%04d," : "%04d", counts[v]);
}

/* 1 anonymous, 0 pseudonymous, -1 no such session (or an error, set). */
static int session_anonymous(Store *s, const char *session_id)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT anonymous FROM sessions WHERE id = ?");
    if (!st)
        return -1;
    store_bind_text(st, 1, session_id);
    int rc = sqlite3_step(st);
    int anonymous = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_fail(s, rc, "saving an answer");
    else if (rc == SQLITE_DONE)
        snprintf(s->error, sizeof s->error, "%s", _("This answer belongs to no known session."));
    return anonymous;
}

/* Binds a cell's key, the first five parameters of both statements that
 * find or make it. */
static void bind_cell(sqlite3_stmt *st, const char *session_id, const char *instrument,
                      const char *item, RatingPhase phase, const char *part)
{
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, instrument);
    store_bind_text(st, 3, item);
    store_bind_text(st, 4, rating_phase_name(phase));
    store_bind_text(st, 5, part);
}

/* Adds delta to one count of a cell, creating the cell at its first answer
 * with every count in place, so that later answers only rewrite digits. */
static StoreResult count_add(Store *s, const char *session_id, const char *instrument,
                             const char *item, RatingPhase phase, const char *part,
                             const char *run_id, int value, int delta)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, counts FROM answer_counts WHERE session_id = ? "
                                     "AND instrument = ? AND item = ? AND phase = ? AND part = ?");
    if (!st)
        return STORE_ERROR;
    bind_cell(st, session_id, instrument, item, phase, part);
    int counts[11] = {0};
    sqlite3_int64 id = 0;
    int rc = sqlite3_step(st);
    bool found = rc == SQLITE_ROW;
    bool ok = true;
    if (found) {
        id = sqlite3_column_int64(st, 0);
        ok = counts_parse((const char *)sqlite3_column_text(st, 1), counts);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, rc, "saving an answer");
    if (!ok) {
        snprintf(s->error, sizeof s->error, _("The database %s is damaged (%s). It has not been changed."),
                 s->path, "answer_counts");
        return STORE_CORRUPT;
    }
    if (!found && delta < 0)
        return STORE_NOT_FOUND;
    if (counts[value] + delta < 0)
        return STORE_NOT_FOUND;
    if (counts[value] + delta > 9999) {
        snprintf(s->error, sizeof s->error, "%s", _("This round has taken all the answers it can hold."));
        return STORE_ERROR;
    }
    counts[value] += delta;
    char text[COUNTS_TEXT_LEN + 1];
    counts_format(counts, text);
    if (found) {
        st = store_stmt(s, "UPDATE answer_counts SET counts = ? WHERE id = ?");
        if (!st)
            return STORE_ERROR;
        store_bind_text(st, 1, text);
        sqlite3_bind_int64(st, 2, id);
    } else {
        st = store_stmt(s, "INSERT INTO answer_counts (session_id, instrument, item, phase, "
                           "part, run_id, counts) VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!st)
            return STORE_ERROR;
        bind_cell(st, session_id, instrument, item, phase, part);
        store_bind_text(st, 6, run_id);
        store_bind_text(st, 7, text);
    }
    return store_step_done(s, st, delta > 0 ? "saving an answer" : "taking back an answer");
}

static StoreResult row_add(Store *s, const RatingRow *row, char id_out[40])
{
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    store_time(row->wall_ms, at);
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO ratings (id, session_id, instrument, item, phase, value, pass_id, "
           "run_id, round_id, at, part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    store_bind_text(st, 10, at);
    store_bind_text(st, 11, answer_part(row));
    StoreResult r = store_step_done(s, st, "saving an answer");
    if (r == STORE_OK)
        snprintf(id_out, 40, "%s", id);
    return r;
}

StoreResult store_answer_add(Store *s, const RatingRow *row, AnswerReceipt *receipt)
{
    if (receipt)
        memset(receipt, 0, sizeof *receipt);
    if (row->value < 0 || row->value > 10) {
        snprintf(s->error, sizeof s->error, _("An answer of %d is not on any scale."), row->value);
        return STORE_ERROR;
    }
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    int anonymous = session_anonymous(s, row->session_id);
    AnswerReceipt rc = {.valid = true, .phase = row->phase, .value = row->value};
    if (anonymous < 0) {
        r = STORE_ERROR;
    } else if (anonymous) {
        rc.counted = true;
        r = count_add(s, row->session_id, row->instrument, row->item ? row->item : "", row->phase,
                      answer_part(row), row->run_id, row->value, +1);
        if (r == STORE_OK)
            store_mark_anonymous(s);
    } else if (!row->pass_id) {
        snprintf(s->error, sizeof s->error, "%s",
                 _("This group's answers are linked to passes: scan your pass first."));
        r = STORE_ERROR;
    } else {
        r = row_add(s, row, rc.row_id);
    }
    if (r != STORE_OK) {
        store_rollback(s);
        return r;
    }
    r = store_commit(s);
    if (r == STORE_OK && receipt) {
        snprintf(rc.session_id, sizeof rc.session_id, "%s", row->session_id);
        snprintf(rc.instrument, sizeof rc.instrument, "%s", row->instrument);
        snprintf(rc.item, sizeof rc.item, "%s", row->item ? row->item : "");
        snprintf(rc.part, sizeof rc.part, "%s", answer_part(row));
        *receipt = rc;
    }
    return r;
}

StoreResult store_answer_take_back(Store *s, AnswerReceipt *receipt)
{
    AnswerReceipt rc = *receipt;
    memset(receipt, 0, sizeof *receipt);
    if (!rc.valid)
        return STORE_NOT_FOUND;
    if (!rc.counted) {
        sqlite3_stmt *st = store_stmt(s, "DELETE FROM ratings WHERE id = ?");
        if (!st)
            return STORE_ERROR;
        store_bind_text(st, 1, rc.row_id);
        return store_step_change(s, st, "taking back an answer");
    }
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    r = count_add(s, rc.session_id, rc.instrument, rc.item, rc.phase, rc.part, NULL, rc.value, -1);
    if (r != STORE_OK) {
        store_rollback(s);
        return r;
    }
    store_mark_anonymous(s);
    return store_commit(s);
}

StoreResult store_answer_counts(Store *s, const char *session_id, const char *instrument,
                                RatingPhase phase, const char *part, int counts[11])
{
    memset(counts, 0, 11 * sizeof counts[0]);
    sqlite3_stmt *st = store_stmt(s, "SELECT counts FROM answer_counts WHERE session_id = ? "
                                     "AND instrument = ? AND phase = ? AND part = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, instrument);
    store_bind_text(st, 3, rating_phase_name(phase));
    store_bind_text(st, 4, part ? part : "");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int c[11];
        if (counts_parse((const char *)sqlite3_column_text(st, 0), c))
            for (int v = 0; v <= 10; v++)
                counts[v] += c[v];
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, rc, "reading answers");
    st = store_stmt(s, "SELECT value, count(*) FROM ratings WHERE session_id = ?1 AND "
                       "instrument = ?2 AND phase = ?3 AND part = ?4 GROUP BY value");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, instrument);
    store_bind_text(st, 3, rating_phase_name(phase));
    store_bind_text(st, 4, part ? part : "");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int v = sqlite3_column_int(st, 0);
        if (v >= 0 && v <= 10)
            counts[v] += sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "reading answers");
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
