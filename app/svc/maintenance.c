#include "svc/maintenance.h"

#include "core/log.h"
#include "core/paths.h"
#include "store/store_output.h"

#include <stdio.h>
#include <string.h>

#define KEY_PURGE_LAST "purge.last"
#define DAY_MS (24LL * 3600 * 1000)

StoreResult maintenance_purge(Store *s, int months, int64_t wall_ms, PurgeCounts *out)
{
    /* the purge, its audit row and its time: all or nothing */
    StoreResult r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_purge(s, months, wall_ms, out);
    if (r == STORE_OK) {
        char detail[160];
        snprintf(detail, sizeof detail,
                 "older than %s: %d answers, %d check-ins, %d staff requests, %d exercise runs, "
                 "%d sessions, %d merged sessions",
                 out->cutoff, out->ratings, out->checkins, out->staff_requests,
                 out->exercise_runs, out->sessions, out->imported_sessions);
        r = store_audit(s, wall_ms, "db.purge", detail);
    }
    if (r == STORE_OK)
        r = store_setting_set_int(s, KEY_PURGE_LAST, wall_ms);
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    r = store_tx_commit(s);
    if (r == STORE_OK && out->removed)
        out->reclaimed = store_compact(s);
    return r;
}

static void audit_backup(Store *s, int64_t wall_ms, const char *path)
{
    /* after the copy: the backup itself is made outside any transaction,
     * and a backup without its audit row is still a backup */
    const char *slash = strrchr(path, '/');
    store_audit(s, wall_ms, "db.backup", slash ? slash + 1 : path);
}

StoreResult maintenance_backup(Store *s, int64_t wall_ms, char *path, size_t n)
{
    char made[1024];
    StoreResult r = store_backup_now(s, wall_ms, made, sizeof made);
    if (r == STORE_OK) {
        audit_backup(s, wall_ms, made);
        if (path)
            snprintf(path, n, "%s", made);
    }
    return r;
}

void maintenance_run(Store *s, int months, int64_t wall_ms, MaintenanceReport *out)
{
    memset(out, 0, sizeof *out);
    out->purge = STORE_NOT_FOUND;
    int64_t last = store_setting_int(s, KEY_PURGE_LAST, 0);
    bool purge_due = last <= 0 || wall_ms - last >= DAY_MS || last - wall_ms > DAY_MS;
    /* The purge first: a backup then keeps only what the clinic keeps. */
    if (months > 0 && purge_due)
        out->purge = maintenance_purge(s, months, wall_ms, &out->purged);
    out->backup = maintenance_backup_if_due(s, wall_ms, out->backup_path,
                                            sizeof out->backup_path);
    /* backups from before schema 5 would keep answers in the order they came */
    out->backups_upgraded = store_backup_upgrade(store_path(s));
}

StoreResult maintenance_backup_if_due(Store *s, int64_t wall_ms, char *path, size_t n)
{
    char made[1024];
    StoreResult r = store_backup_if_due(s, wall_ms, made, sizeof made);
    if (r == STORE_OK) {
        audit_backup(s, wall_ms, made);
        if (path)
            snprintf(path, n, "%s", made);
    }
    return r;
}

int maintenance_clean_unfinished(const char *db_path)
{
    char dir[HEARTH_PATH_MAX], exports[HEARTH_PATH_MAX + 16];
    if (!paths_folder_of(db_path, dir, sizeof dir))
        return 0;
    int n = store_output_clean(dir);
    if (paths_join(exports, sizeof exports, dir, "exports"))
        n += store_output_clean(exports);
    if (n > 0)
        log_info("removed %d unfinished temporary file%s left by an earlier run", n,
                 n == 1 ? "" : "s");
    return n;
}
