#include "svc/session.h"

#include "core/names.h"
#include "store/store_report.h"
#include "svc/maintenance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs a change and its audit row as one transaction. */
static StoreResult audited(Store *s, StoreResult r, int64_t wall_ms, const char *action,
                           const char *detail)
{
    if (r == STORE_OK)
        r = store_audit(s, wall_ms, action, detail);
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    return store_tx_commit(s);
}

StoreResult session_start(Store *s, const char *group, int64_t wall_ms, SessionInfo *out)
{
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_session_open(s, group, wall_ms, out);
    if (r == STORE_EXISTS) {
        store_tx_rollback(s);
        return r;
    }
    return audited(s, r, wall_ms, "session.open", out->group_name);
}

StoreResult session_finish(Store *s, int64_t wall_ms, SessionInfo *closed)
{
    SessionInfo info;
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_session_current(s, &info);
    if (r == STORE_OK)
        r = store_session_close(s, wall_ms);
    if (r == STORE_NOT_FOUND) {
        store_tx_rollback(s);
        return r;
    }
    r = audited(s, r, wall_ms, "session.close", info.group_name);
    if (r == STORE_OK && closed)
        *closed = info;
    /* the daily backup waited for this moment (store_backup_if_due); a
     * failed one is the next maintenance's business, the session is closed */
    if (r == STORE_OK)
        maintenance_backup_if_due(s, wall_ms, NULL, 0);
    return r;
}

StoreResult session_begin_checkout(Store *s, int64_t wall_ms)
{
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_session_start_checkout(s, wall_ms);
    if (r == STORE_NOT_FOUND) {
        store_tx_rollback(s);
        return r;
    }
    return audited(s, r, wall_ms, "session.checkout", "");
}

StoreResult session_choose_plan(Store *s, const char *plan_id, int64_t wall_ms)
{
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_session_set_plan(s, plan_id, wall_ms);
    if (r == STORE_NOT_FOUND) {
        store_tx_rollback(s);
        return r;
    }
    /* A plan new to the session begins its own record at its first block;
     * a plan followed earlier in it goes on from the last block it began,
     * as it was. Either way what happened under another plan stays: the
     * past is never rewritten, by a change of plan or by none. */
    SessionInfo info;
    bool none = !plan_id || !*plan_id;
    if (r == STORE_OK && !none)
        r = store_session_current(s, &info);
    PlanRecord rec;
    if (r == STORE_OK && !none)
        r = store_plan_record_load(s, info.id, plan_id, &rec);
    if (r == STORE_OK && !none) {
        int last = -1;
        for (int b = 0; b < CATALOG_MAX_BLOCKS; b++)
            if (rec.started_ms[b])
                last = b;
        if (last < 0) {
            plan_record_begin(&rec, wall_ms);
            r = store_plan_record_save(s, info.id, plan_id, &rec);
        } else {
            r = store_session_set_block(s, last, rec.started_ms[last]);
        }
    }
    return audited(s, r, wall_ms, "plan.choose", plan_id ? plan_id : "");
}

StoreResult session_move_block(Store *s, int block, int64_t wall_ms)
{
    if (block < 0 || block >= CATALOG_MAX_BLOCKS)
        return STORE_NOT_FOUND;
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    SessionInfo info;
    PlanRecord rec;
    r = store_session_current(s, &info);
    if (r == STORE_OK && !info.plan[0])
        r = STORE_NOT_FOUND;
    if (r == STORE_OK)
        r = store_plan_record_load(s, info.id, info.plan, &rec);
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    /* a plan followed before the record existed: its current block's start
     * is known, nothing earlier */
    if (!rec.started_ms[info.plan_block] && info.plan_block_started > 0)
        rec.started_ms[info.plan_block] = info.plan_block_started;
    int64_t began = plan_record_move(&rec, info.plan_block, block, wall_ms);
    r = store_plan_record_save(s, info.id, info.plan, &rec);
    if (r == STORE_OK)
        r = store_session_set_block(s, block, began);
    char detail[64];
    snprintf(detail, sizeof detail, "%d -> %d", info.plan_block + 1, block + 1);
    return audited(s, r, wall_ms, "plan.block", detail);
}

StoreResult session_plan_record(Store *s, const SessionInfo *sess, const Plan *plan,
                                PlanRecord *rec)
{
    StoreResult r = sess->plan[0] ? store_plan_record_load(s, sess->id, sess->plan, rec) : STORE_OK;
    if (!sess->plan[0])
        memset(rec, 0, sizeof *rec);
    if (r != STORE_OK || !plan || sess->plan_block < 0 || sess->plan_block >= plan->nblocks)
        return r;
    const PlanBlock *b = &plan->blocks[sess->plan_block];
    int64_t since = rec->started_ms[sess->plan_block] ? rec->started_ms[sess->plan_block]
                                                      : sess->plan_block_started;
    if (since <= 0)
        return r;
    if (b->exercise[0])
        r = store_run_completed_since(s, sess->id, b->exercise, since, &rec->done);
    else if (b->kind == BLOCK_RATING && b->instrument[0])
        r = store_round_ended_since(s, b->instrument, since, &rec->done);
    return r;
}

StoreResult group_set_ratings(Store *s, const char *group, bool anonymous, int64_t wall_ms)
{
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_group_set_anonymous(s, group, anonymous);
    if (r == STORE_NOT_FOUND) {
        store_tx_rollback(s);
        return r;
    }
    char detail[GROUP_NAME_MAX * 4 + 32];
    snprintf(detail, sizeof detail, "%s: %s", group, anonymous ? "anonymous" : "pseudonymous");
    return audited(s, r, wall_ms, "group.ratings", detail);
}

StoreResult session_current(Store *s, SessionInfo *out) { return store_session_current(s, out); }

int session_count(Store *s, const char *session_id, CheckinKind kind)
{
    return store_session_count(s, session_id, kind);
}

int session_requests_open(Store *s, const char *session_id, StaffRequest *out, int max)
{
    return store_staff_requests_open(s, session_id, out, max);
}

StoreResult session_request_seen(Store *s, const char *request_id, int64_t wall_ms)
{
    return store_staff_request_seen(s, request_id, wall_ms);
}

int group_list(Store *s, char names[][GROUP_NAME_SIZE], int max, int offset)
{
    return store_group_list(s, names, max, offset);
}

StoreResult group_info(Store *s, const char *name, bool *anonymous, int *sessions)
{
    return store_group_info(s, name, anonymous, sessions);
}

/* Reads every name a paged list gives, PAGE at a time. */
static int read_all(Store *s, int (*list)(Store *, char (*)[GROUP_NAME_SIZE], int, int),
                    char (**names)[GROUP_NAME_SIZE])
{
    enum { PAGE = 64 };
    char (*all)[GROUP_NAME_SIZE] = NULL;
    int n = 0, got;
    *names = NULL;
    do {
        char (*grown)[GROUP_NAME_SIZE] = realloc(all, (size_t)(n + PAGE) * sizeof *all);
        if (!grown) {
            free(all);
            return -1;
        }
        all = grown;
        got = list(s, all + n, PAGE, n);
        if (got < 0) {
            free(all);
            return -1;
        }
        n += got;
    } while (got == PAGE);
    if (n == 0) {
        free(all);
        all = NULL;
    }
    *names = all;
    return n;
}

int group_list_all(Store *s, char (**names)[GROUP_NAME_SIZE])
{
    return read_all(s, store_group_list, names);
}

int report_groups_all(Store *s, char (**names)[GROUP_NAME_SIZE])
{
    return read_all(s, store_report_groups, names);
}

StoreResult group_find_near_miss(Store *s, const char *name, bool *exists,
                                 char near[GROUP_NAME_SIZE])
{
    *exists = false;
    near[0] = '\0';
    StoreResult r = store_group_info(s, name, NULL, NULL);
    if (r == STORE_OK)
        *exists = true;
    if (r != STORE_NOT_FOUND)
        return r == STORE_OK ? STORE_NOT_FOUND : r;
    char (*names)[GROUP_NAME_SIZE];
    int n = group_list_all(s, &names), best = -1, best_d = 0;
    if (n < 0)
        return STORE_ERROR;
    for (int i = 0; i < n; i++) {
        if (!names_near_miss(names[i], name))
            continue;
        int d = names_distance(names[i], name);
        if (best < 0 || d < best_d)
            best = i, best_d = d;
    }
    if (best >= 0)
        snprintf(near, GROUP_NAME_SIZE, "%s", names[best]);
    free(names);
    return best >= 0 ? STORE_OK : STORE_NOT_FOUND;
}
