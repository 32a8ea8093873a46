#include "store/store_session.h"
#include "store/store_internal.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/uuid.h"

#include <stdio.h>
#include <string.h>

StoreResult store_group_ensure(Store *s, const char *name, int64_t wall_ms, char id_out[40])
{
    if (!group_name_valid(name)) {
        snprintf(s->error, sizeof s->error,
                 _("A group name needs 1 to %d readable characters."), GROUP_NAME_MAX);
        return STORE_ERROR;
    }
    sqlite3_stmt *st = store_stmt(s, "SELECT id FROM groups WHERE name = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        store_column_copy(st, 0, id_out, 40);
        sqlite3_reset(st);
        return STORE_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, rc, "looking up the group");

    char at[32];
    uuid_new(id_out);
    store_time(wall_ms, at);
    st = store_stmt(s, "INSERT INTO groups (id, name, created) VALUES (?, ?, ?)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id_out);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, at);
    return store_step_done(s, st, "saving the group");
}

StoreResult store_group_set_anonymous(Store *s, const char *group_name, bool anonymous)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE groups SET anonymous = ? WHERE name = ?");
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, anonymous ? 1 : 0);
    store_bind_text(st, 2, group_name);
    return store_step_change(s, st, "saving the group's setting");
}

StoreResult store_group_info(Store *s, const char *name, bool *anonymous, int *sessions)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT g.anonymous, (SELECT count(*) FROM sessions "
                                     "WHERE group_id = g.id) FROM groups g WHERE g.name = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    StoreResult r = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        if (anonymous)
            *anonymous = sqlite3_column_int(st, 0) != 0;
        if (sessions)
            *sessions = sqlite3_column_int(st, 1);
        r = STORE_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(s, rc, "looking up the group");
    }
    sqlite3_reset(st);
    return r;
}

int store_group_list(Store *s, char names[][GROUP_NAME_SIZE], int max, int offset)
{
    return store_names_page(
        s, "SELECT name FROM groups ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?", names, max,
        offset);
}

StoreResult store_session_current(Store *s, SessionInfo *out)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT s.id, g.id, g.name, s.anonymous, s.opened, s.checkout_started IS NOT NULL, "
           "coalesce(s.plan, ''), s.plan_block, s.plan_block_started "
           "FROM sessions s JOIN groups g ON g.id = s.group_id "
           "WHERE s.closed IS NULL AND s.device = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, s->kiosk_id);
    int rc = sqlite3_step(st);
    StoreResult r = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        if (out) {
            memset(out, 0, sizeof *out);
            store_column_copy(st, 0, out->id, sizeof out->id);
            store_column_copy(st, 1, out->group_id, sizeof out->group_id);
            store_column_copy(st, 2, out->group_name, sizeof out->group_name);
            out->anonymous = sqlite3_column_int(st, 3) != 0;
            out->opened_ms = store_column_time(st, 4);
            out->checkout = sqlite3_column_int(st, 5) != 0;
            store_column_copy(st, 6, out->plan, sizeof out->plan);
            out->plan_block = sqlite3_column_int(st, 7);
            out->plan_block_started = store_column_time(st, 8);
        }
        r = STORE_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(s, rc, "looking up the open session");
    }
    sqlite3_reset(st);
    return r;
}

StoreResult store_session_open(Store *s, const char *group_name, int64_t wall_ms,
                               SessionInfo *out)
{
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_session_current(s, out);
    if (r == STORE_OK) {
        store_rollback(s);
        return STORE_EXISTS;
    }
    if (r != STORE_NOT_FOUND)
        goto fail;

    char group_id[40], id[UUID_STR_LEN], at[32];
    r = store_group_ensure(s, group_name, wall_ms, group_id);
    if (r != STORE_OK)
        goto fail;
    uuid_new(id);
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO sessions (id, group_id, opened, device, anonymous) "
           "SELECT ?1, ?2, ?3, ?4, anonymous FROM groups WHERE id = ?2");
    if (!st) {
        r = STORE_ERROR;
        goto fail;
    }
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, group_id);
    store_bind_text(st, 3, at);
    store_bind_text(st, 4, s->kiosk_id);
    r = store_step_done(s, st, "opening the session");
    if (r != STORE_OK)
        goto fail;
    r = store_commit(s);
    if (r != STORE_OK)
        return r;
    return store_session_current(s, out);
fail:
    store_rollback(s);
    return r;
}

static StoreResult update_open(Store *s, const char *sql, int64_t wall_ms, const char *doing)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    store_bind_text(st, 2, s->kiosk_id);
    return store_step_change(s, st, doing);
}

StoreResult store_session_close(Store *s, int64_t wall_ms)
{
    return update_open(s, "UPDATE sessions SET closed = ? WHERE closed IS NULL AND device = ?",
                       wall_ms, "closing the session");
}

StoreResult store_session_start_checkout(Store *s, int64_t wall_ms)
{
    return update_open(s,
                       "UPDATE sessions SET checkout_started = coalesce(checkout_started, ?) "
                       "WHERE closed IS NULL AND device = ?",
                       wall_ms, "starting check-out");
}

StoreResult store_session_set_plan(Store *s, const char *plan_id, int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(s, "UPDATE sessions SET plan = ?, plan_block = 0, "
                                     "plan_block_started = ? WHERE closed IS NULL AND device = ?");
    if (!st)
        return STORE_ERROR;
    bool none = !plan_id || !*plan_id;
    store_bind_text(st, 1, none ? NULL : plan_id);
    store_bind_text(st, 2, none ? NULL : at);
    store_bind_text(st, 3, s->kiosk_id);
    return store_step_change(s, st, "saving the plan");
}

StoreResult store_session_set_block(Store *s, int block, int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(s, "UPDATE sessions SET plan_block = ?, plan_block_started = ? "
                                     "WHERE closed IS NULL AND device = ? AND plan IS NOT NULL");
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_int(st, 1, block < 0 ? 0 : block);
    store_bind_text(st, 2, at);
    store_bind_text(st, 3, s->kiosk_id);
    return store_step_change(s, st, "moving to the next block");
}

int store_session_count(Store *s, const char *session_id, CheckinKind kind)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT count(*) FROM checkins WHERE session_id = ? AND kind = ?");
    if (!st)
        return -1;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, kind == CHECKIN_OUT ? "out" : "in");
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

StoreResult store_plan_record_load(Store *s, const char *session_id, const char *plan_id,
                                   PlanRecord *rec)
{
    memset(rec, 0, sizeof *rec);
    sqlite3_stmt *st = store_stmt(s, "SELECT block, started, ended, skipped FROM plan_blocks "
                                     "WHERE session_id = ? AND plan = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, plan_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int b = sqlite3_column_int(st, 0);
        if (b < 0 || b >= CATALOG_MAX_BLOCKS)
            continue;
        const char *started = (const char *)sqlite3_column_text(st, 1);
        const char *ended = (const char *)sqlite3_column_text(st, 2);
        if (!started || !clock_parse_iso(started, &rec->started_ms[b]))
            rec->started_ms[b] = 0;
        if (!ended || !clock_parse_iso(ended, &rec->ended_ms[b]))
            rec->ended_ms[b] = 0;
        rec->skipped[b] = sqlite3_column_int(st, 3) != 0;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "reading the plan");
}

StoreResult store_plan_record_save(Store *s, const char *session_id, const char *plan_id,
                                   const PlanRecord *rec)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM plan_blocks WHERE session_id = ? AND plan = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, plan_id);
    StoreResult r = store_step_done(s, st, "saving the plan");
    for (int b = 0; r == STORE_OK && b < CATALOG_MAX_BLOCKS; b++) {
        if (!rec->started_ms[b] && !rec->skipped[b])
            continue;
        st = store_stmt(s, "INSERT INTO plan_blocks (session_id, plan, block, started, ended, "
                           "skipped) VALUES (?, ?, ?, ?, ?, ?)");
        if (!st)
            return STORE_ERROR;
        char started[32], ended[32];
        store_time(rec->started_ms[b], started);
        store_time(rec->ended_ms[b], ended);
        store_bind_text(st, 1, session_id);
        store_bind_text(st, 2, plan_id);
        sqlite3_bind_int(st, 3, b);
        store_bind_text(st, 4, rec->started_ms[b] ? started : NULL);
        store_bind_text(st, 5, rec->ended_ms[b] ? ended : NULL);
        sqlite3_bind_int(st, 6, rec->skipped[b]);
        r = store_step_done(s, st, "saving the plan");
    }
    return r;
}

StoreResult store_run_completed_since(Store *s, const char *session_id, const char *exercise,
                                      int64_t since_ms, bool *done)
{
    *done = false;
    char since[32];
    store_time(since_ms, since);
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM exercise_runs WHERE session_id = ? "
                                     "AND exercise = ? AND completed = 1 AND started >= ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, exercise);
    store_bind_text(st, 3, since);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *done = sqlite3_column_int(st, 0) > 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "reading the plan");
}

StoreResult store_round_ended_since(Store *s, const char *instrument, int64_t since_ms,
                                    bool *done)
{
    *done = false;
    char since[32];
    store_time(since_ms, since);
    /* newest first, stopping at the block's start: the rows read are the
     * block's own few, however long the log has grown */
    sqlite3_stmt *st = store_stmt(s, "SELECT at, action = 'round.end' AND detail = ? "
                                     "FROM audit ORDER BY id DESC");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, instrument);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *at = (const char *)sqlite3_column_text(st, 0);
        if (!at || strcmp(at, since) < 0)
            break;
        if (sqlite3_column_int(st, 1)) {
            *done = true;
            break;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "reading the plan");
}
