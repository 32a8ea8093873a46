#include "store/store_pass.h"
#include "store/store_internal.h"

#include "core/uuid.h"

#include <stdio.h>
#include <string.h>

static void read_pass(sqlite3_stmt *st, PassInfo *out)
{
    memset(out, 0, sizeof *out);
    store_column_copy(st, 0, out->id, sizeof out->id);
    store_column_copy(st, 1, out->pseudonym, sizeof out->pseudonym);
    out->issued_ms = store_column_time(st, 2);
    out->revoked_ms = store_column_time(st, 3);
}

StoreResult store_pass_add(Store *s, const unsigned char hash[PASS_HASH_BYTES],
                           const char *pseudonym, int64_t wall_ms, PassInfo *out)
{
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    store_time(wall_ms, at);
    sqlite3_stmt *st =
        store_stmt(s, "INSERT INTO passes (id, hash, pseudonym, issued) VALUES (?, ?, ?, ?)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    sqlite3_bind_blob(st, 2, hash, PASS_HASH_BYTES, SQLITE_STATIC);
    store_bind_text(st, 3, pseudonym);
    store_bind_text(st, 4, at);
    StoreResult r = store_step_done(s, st, "issuing a pass");
    if (r == STORE_OK && out) {
        memset(out, 0, sizeof *out);
        snprintf(out->id, sizeof out->id, "%s", id);
        snprintf(out->pseudonym, sizeof out->pseudonym, "%s", pseudonym);
        out->issued_ms = wall_ms / 1000 * 1000; /* as stored: to the second */
    }
    return r;
}

static StoreResult find_one(Store *s, sqlite3_stmt *st, PassInfo *out)
{
    int rc = sqlite3_step(st);
    StoreResult r = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        if (out)
            read_pass(st, out);
        r = STORE_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_fail(s, rc, "looking up a pass");
    }
    sqlite3_reset(st);
    return r;
}

StoreResult store_pass_find(Store *s, const unsigned char hash[PASS_HASH_BYTES], PassInfo *out)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, pseudonym, issued, coalesce(revoked, '') "
                                     "FROM passes WHERE hash = ?");
    if (!st)
        return STORE_ERROR;
    sqlite3_bind_blob(st, 1, hash, PASS_HASH_BYTES, SQLITE_STATIC);
    return find_one(s, st, out);
}

StoreResult store_pass_find_pseudonym(Store *s, const char *pseudonym, PassInfo *out)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, pseudonym, issued, coalesce(revoked, '') "
                                     "FROM passes WHERE pseudonym = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, pseudonym);
    return find_one(s, st, out);
}

StoreResult store_pass_revoke(Store *s, const char *pass_id, int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st = store_stmt(s, "UPDATE passes SET revoked = ? WHERE id = ? AND revoked IS NULL");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    store_bind_text(st, 2, pass_id);
    StoreResult r = store_step_done(s, st, "revoking a pass");
    if (r != STORE_OK || sqlite3_changes(s->db) > 0)
        return r;
    sqlite3_stmt *q = store_stmt(s, "SELECT 1 FROM passes WHERE id = ?");
    if (!q)
        return STORE_ERROR;
    store_bind_text(q, 1, pass_id);
    r = sqlite3_step(q) == SQLITE_ROW ? STORE_EXISTS : STORE_NOT_FOUND;
    sqlite3_reset(q);
    return r;
}

int store_pass_list(Store *s, PassInfo *out, int max, int offset)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, pseudonym, issued, coalesce(revoked, '') "
                                     "FROM passes ORDER BY issued DESC, pseudonym LIMIT ? OFFSET ?");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, max);
    sqlite3_bind_int(st, 2, offset);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
        read_pass(st, &out[n++]);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : (store_fail(s, rc, "listing the passes"), -1);
}

int store_pass_count(Store *s, bool include_revoked)
{
    sqlite3_stmt *st = store_stmt(s, include_revoked
                                         ? "SELECT count(*) FROM passes"
                                         : "SELECT count(*) FROM passes WHERE revoked IS NULL");
    if (!st)
        return -1;
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

StoreResult store_checkin_add(Store *s, const char *session_id, const char *pass_id,
                              CheckinKind kind, int64_t wall_ms, int64_t *earlier_ms)
{
    const char *k = kind == CHECKIN_OUT ? "out" : "in";
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    store_time(wall_ms, at);
    /* One statement: the unique (session, pass, kind) constraint decides,
     * so two doors or the command line at once cannot both "win". */
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO checkins (id, session_id, pass_id, kind, at) "
                                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, session_id);
    store_bind_text(st, 3, pass_id);
    store_bind_text(st, 4, k);
    store_bind_text(st, 5, at);
    StoreResult r = store_step_done(s, st, "checking in");
    if (r != STORE_OK)
        return r;
    if (sqlite3_changes(s->db) > 0)
        return STORE_OK;
    sqlite3_stmt *q = store_stmt(
        s, "SELECT at FROM checkins WHERE session_id = ? AND pass_id = ? AND kind = ?");
    if (!q)
        return STORE_ERROR;
    store_bind_text(q, 1, session_id);
    store_bind_text(q, 2, pass_id);
    store_bind_text(q, 3, k);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && earlier_ms)
        *earlier_ms = store_column_time(q, 0);
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? STORE_EXISTS : store_fail(s, rc, "checking in");
}

StoreResult store_checkin_find(Store *s, const char *session_id, const char *pass_id,
                               CheckinKind kind, int64_t *at_ms)
{
    sqlite3_stmt *q = store_stmt(
        s, "SELECT at FROM checkins WHERE session_id = ? AND pass_id = ? AND kind = ?");
    if (!q)
        return STORE_ERROR;
    store_bind_text(q, 1, session_id);
    store_bind_text(q, 2, pass_id);
    store_bind_text(q, 3, kind == CHECKIN_OUT ? "out" : "in");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && at_ms)
        *at_ms = store_column_time(q, 0);
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? STORE_OK
           : rc == SQLITE_DONE ? STORE_NOT_FOUND
                               : store_fail(s, rc, "looking up a check-in");
}

StoreResult store_staff_request_add(Store *s, const char *session_id, const char *pass_id,
                                    int64_t wall_ms)
{
    char id[UUID_STR_LEN], at[32];
    uuid_new(id);
    store_time(wall_ms, at);
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    /* In an anonymous session neither the pass nor the moment is kept,
     * whoever calls: joined with the check-ins' times they would tell who
     * asked. The session's opening stands in for the moment, and the WAL
     * is truncated after the commit, as after an anonymous answer. */
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO staff_requests (id, session_id, pass_id, at) SELECT ?1, ?2, "
           "CASE WHEN anonymous THEN NULL ELSE ?3 END, "
           "CASE WHEN anonymous THEN opened ELSE ?4 END FROM sessions WHERE id = ?2 "
           "RETURNING pass_id IS NULL");
    if (!st) {
        store_rollback(s);
        return STORE_ERROR;
    }
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, session_id);
    store_bind_text(st, 3, pass_id);
    store_bind_text(st, 4, at);
    int rc = sqlite3_step(st);
    bool anonymous = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        r = rc == SQLITE_ROW ? STORE_ERROR : store_fail(s, rc, "asking for a staff member");
        store_rollback(s);
        return r;
    }
    if (anonymous)
        store_mark_anonymous(s);
    return store_commit(s);
}

int store_staff_requests_open(Store *s, const char *session_id, StaffRequest *out, int max)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT r.id, CASE WHEN r.pass_id IS NULL THEN '' ELSE r.at END, "
           "coalesce(p.pseudonym, '') FROM staff_requests r "
           "LEFT JOIN passes p ON p.id = r.pass_id "
           "WHERE r.session_id = ? AND r.seen IS NULL ORDER BY r.rowid LIMIT ?");
    if (!st)
        return -1;
    store_bind_text(st, 1, session_id);
    sqlite3_bind_int(st, 2, max);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
        store_column_copy(st, 0, out[n].id, sizeof out[n].id);
        out[n].at_ms = store_column_time(st, 1);
        store_column_copy(st, 2, out[n].pseudonym, sizeof out[n].pseudonym);
        n++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? n
                                                : (store_fail(s, rc, "listing the requests"), -1);
}

StoreResult store_staff_request_seen(Store *s, const char *id, int64_t wall_ms)
{
    char at[32];
    store_time(wall_ms, at);
    /* the moment it was seen would narrow down when it was asked */
    sqlite3_stmt *st = store_stmt(s, "UPDATE staff_requests SET seen = CASE WHEN pass_id IS NULL "
                                     "THEN at ELSE ? END WHERE id = ? AND seen IS NULL");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    store_bind_text(st, 2, id);
    return store_step_change(s, st, "noting a request as seen");
}

StoreResult store_pass_add_many(Store *s, const unsigned char (*hashes)[PASS_HASH_BYTES],
                                const char (*pseudonyms)[PSEUDONYM_MAX], int n, int64_t wall_ms,
                                const char *detail, PassInfo *out)
{
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    for (int i = 0; i < n && r == STORE_OK; i++)
        r = store_pass_add(s, hashes[i], pseudonyms[i], wall_ms, out ? &out[i] : NULL);
    if (r == STORE_OK)
        r = store_audit(s, wall_ms, "pass.issue", detail);
    if (r == STORE_OK)
        return store_commit(s);
    store_rollback(s);
    return r;
}

StoreResult store_pass_remove_unused(Store *s, const PassInfo *passes, int n, int64_t wall_ms,
                                     const char *detail)
{
    StoreResult r = store_begin(s);
    if (r != STORE_OK)
        return r;
    /* the foreign keys of check-ins, answers and requests refuse the
     * removal of a pass that was used */
    for (int i = 0; i < n && r == STORE_OK; i++) {
        sqlite3_stmt *st = store_stmt(s, "DELETE FROM passes WHERE id = ?");
        if (!st) {
            r = STORE_ERROR;
            break;
        }
        store_bind_text(st, 1, passes[i].id);
        r = store_step_change(s, st, "removing a pass nobody holds");
    }
    if (r == STORE_OK)
        r = store_audit(s, wall_ms, "pass.unissue", detail);
    if (r == STORE_OK)
        return store_commit(s);
    store_rollback(s);
    return r;
}
