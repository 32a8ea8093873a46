/* Backups through SQLite's online backup API, restoring one, and keeping a
 * damaged file aside. Nothing here deletes a database a person may need:
 * only backups beyond the newest seven, and half-made copies. */
#include "store/store_backup.h"
#include "store/store_output.h"
#include "store/store_internal.h"
#include "store/store_session.h"

#include "core/clock.h"
#include "core/file.h"
#include "core/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAMP_LEN 16 /* YYYYMMDDTHHMMSSZ */
#define KEY_LAST "backup.last"
#define KEY_FROM "restore.from"

static void stamp(int64_t wall_ms, char out[STAMP_LEN + 1])
{
    char iso[32];
    clock_iso8601(wall_ms, iso); /* 2026-11-24T09:00:00Z */
    snprintf(out, STAMP_LEN + 1, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11,
             iso + 14, iso + 17);
}

static bool parse_stamp(const char *s, int64_t *out)
{
    if (strlen(s) != STAMP_LEN || s[8] != 'T' || s[15] != 'Z')
        return false;
    char iso[32];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6, s + 9, s + 11,
             s + 13);
    return clock_parse_iso(iso, out);
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void remove_db_files(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[1100];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
}

static StoreResult sqlite_error(int rc, const char *doing, const char *path, char *err,
                                size_t errlen)
{
    doing = _(doing); /* extracted for translation at every call */
    int primary = rc & 0xff;
    if (primary == SQLITE_FULL) {
        snprintf(err, errlen,
                 _("The storage is full: could not finish %s (%s). Staff must free space on the "
                   "device; nothing saved before is lost."),
                 doing, path);
        return STORE_FULL;
    }
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        snprintf(err, errlen, _("%s is damaged (%s) and cannot be used for %s."), path,
                 sqlite3_errstr(rc), doing);
        return STORE_CORRUPT;
    }
    snprintf(err, errlen, _("Could not finish %s (%s): %s."), doing, path, sqlite3_errstr(rc));
    return primary == SQLITE_NOMEM ? STORE_NOMEM : STORE_ERROR;
}

/* Copies the database src (an open connection) into a new private file at
 * dest through the online backup API, as a self-contained file (rollback
 * journal, so reading it later makes no -wal beside it), synced: written
 * by SQLite into a store_output temporary, then put in place. from, when
 * set, is recorded in the copy's settings. */
static StoreResult copy_into(sqlite3 *src, const char *dest, const char *from, char *err,
                             size_t errlen)
{
    StoreOutput *file;
    StoreResult r = store_output_begin(dest, NULL, &file, err, errlen);
    if (r != STORE_OK)
        return r;
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(store_output_temp_path(file), &dst,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
        if (!b) {
            rc = sqlite3_extended_errcode(dst);
        } else {
            rc = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? fin : rc;
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (rc == SQLITE_OK && from) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(dst,
                                "INSERT INTO settings (key, value) VALUES ('" KEY_FROM "', ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(dst);
        }
        sqlite3_finalize(st);
    }
    int closed = sqlite3_close(dst);
    if (rc == SQLITE_OK)
        rc = closed;
    if (rc != SQLITE_OK) {
        store_output_abort(file);
        return sqlite_error(rc, "a copy of the database", dest, err, errlen);
    }
    return store_output_commit(file, err, errlen);
}

static int compare_newest_first(const void *a, const void *b)
{
    const BackupInfo *x = a, *y = b;
    return x->taken_ms < y->taken_ms ? 1 : x->taken_ms > y->taken_ms ? -1 : 0;
}

int store_backup_list(const char *db_path, BackupInfo *out, int max)
{
    char dir[1024], prefix[600];
    snprintf(dir, sizeof dir, "%s", db_path);
    char *slash = strrchr(dir, '/');
    const char *base = db_path;
    if (slash) {
        *slash = '\0';
        base = db_path + (slash + 1 - dir);
        if (!dir[0])
            snprintf(dir, sizeof dir, "/");
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    snprintf(prefix, sizeof prefix, "%s.backup-", base);
    size_t plen = strlen(prefix);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        int64_t t;
        if (strncmp(e->d_name, prefix, plen) != 0 || !parse_stamp(e->d_name + plen, &t))
            continue;
        int w = snprintf(out[n].path, sizeof out[n].path, "%s/%s", dir, e->d_name);
        if (w < 0 || (size_t)w >= sizeof out[n].path)
            continue;
        out[n].taken_ms = t;
        n++;
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, compare_newest_first);
    return n;
}

StoreResult store_backup_now(Store *s, int64_t wall_ms, char *out, size_t n)
{
    char st[STAMP_LEN + 1], path[1024];
    stamp(wall_ms, st);
    snprintf(path, sizeof path, "%s.backup-%s", s->path, st);
    StoreResult r = copy_into(s->db, path, NULL, s->error, sizeof s->error);
    if (r != STORE_OK)
        return r;
    if (out)
        snprintf(out, n, "%s", path);
    /* the newest seven stay; older ones go */
    BackupInfo *all = calloc(64, sizeof *all);
    if (all) {
        int count = store_backup_list(s->path, all, 64);
        for (int i = STORE_BACKUPS_KEPT; i < count; i++)
            unlink(all[i].path);
        free(all);
    }
    return store_setting_set_int(s, KEY_LAST, wall_ms);
}

StoreResult store_backup_if_due(Store *s, int64_t wall_ms, char *out, size_t n)
{
    int64_t last = store_setting_int(s, KEY_LAST, 0);
    /* a clock set back by more than a day counts as due, or backups would
     * stop until it caught up */
    bool due = last <= 0 || wall_ms - last >= STORE_BACKUP_EVERY_MS ||
               last - wall_ms > STORE_BACKUP_EVERY_MS;
    if (!due || store_session_current(s, NULL) == STORE_OK)
        return STORE_NOT_FOUND;
    return store_backup_now(s, wall_ms, out, n);
}

/* The schema version in a file's header (user_version, offset 60). */
static int file_schema_version(const char *path)
{
    unsigned char head[64];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, head, sizeof head);
    close(fd);
    if (got != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return -1;
    return (int)((uint32_t)head[60] << 24 | (uint32_t)head[61] << 16 | (uint32_t)head[62] << 8 |
                 head[63]);
}

int store_backup_upgrade(const char *db_path)
{
    BackupInfo b[STORE_BACKUPS_KEPT * 2];
    int n = store_backup_list(db_path, b, (int)(sizeof b / sizeof b[0]));
    int done = 0;
    for (int i = 0; i < n; i++) {
        int v = file_schema_version(b[i].path);
        if (v < 0 || v >= STORE_SCHEMA_VERSION)
            continue;
        StoreOpenOptions opts = {.create = false};
        Store *old = store_open(b[i].path, &opts, NULL, NULL, 0);
        if (old) {
            done += store_schema_version(old) == STORE_SCHEMA_VERSION;
            store_close(old);
        }
        /* closing the last connection checkpoints and removes its WAL */
    }
    return done;
}

StoreResult store_file_check(const char *path, char *err, size_t errlen)
{
    char head[16] = {0};
    bool missing;
    int fd = file_open_regular(path, &missing, err, errlen);
    if (fd < 0)
        return missing ? STORE_NOT_FOUND : STORE_ERROR;
    ssize_t got = read(fd, head, sizeof head);
    close(fd);
    if (got != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
        snprintf(err, errlen, _("%s is not a Hearth database."), path);
        return STORE_CORRUPT;
    }
    char uri[1200];
    snprintf(uri, sizeof uri, "file:%s?mode=ro", path);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    StoreResult r = STORE_OK;
    const char *checks[] = {"PRAGMA application_id", "PRAGMA user_version",
                            "SELECT count(*) FROM kiosk", "PRAGMA quick_check(1)"};
    for (size_t i = 0; rc == SQLITE_OK && r == STORE_OK && i < 4; i++) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db, checks[i], -1, &st, NULL);
        if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
            int v = sqlite3_column_int(st, 0);
            const char *t = (const char *)sqlite3_column_text(st, 0);
            bool good = i == 0   ? v == 0x48525448
                        : i == 1 ? v >= 1 && v <= STORE_SCHEMA_VERSION
                        : i == 2 ? v == 1
                                 : t && !strcmp(t, "ok");
            if (!good) {
                snprintf(err, errlen,
                         i == 1 && v > STORE_SCHEMA_VERSION
                             ? "%s was written by a newer Hearth."
                             : "%s is damaged or not a Hearth database.",
                         path);
                r = STORE_CORRUPT;
            }
        } else if (rc == SQLITE_OK) {
            rc = sqlite3_extended_errcode(db);
        }
        sqlite3_finalize(st);
    }
    if (r == STORE_OK && rc != SQLITE_OK) {
        r = sqlite_error(rc, "reading it", path, err, errlen);
        if (r == STORE_ERROR)
            r = STORE_CORRUPT;
    }
    sqlite3_close(db);
    return r;
}

/* Keeps a copy of db under kept: a hard link when the file system has them
 * (instant, and db stays where it is until replaced), else a byte copy
 * written as any output file is. */
static StoreResult keep_copy(const char *db, const char *kept, char *err, size_t errlen)
{
    if (link(db, kept) == 0)
        return STORE_OK;
    int in = open(db, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0) {
        snprintf(err, errlen, _("Cannot keep a copy of %s as %s: %s. Nothing was changed."), db,
                 kept, strerror(errno));
        return STORE_ERROR;
    }
    StoreOutput *out;
    StoreResult r = store_output_begin(kept, NULL, &out, err, errlen);
    char buf[65536];
    ssize_t got = 0;
    while (r == STORE_OK && (got = read(in, buf, sizeof buf)) > 0)
        if (!store_output_write(out, buf, (size_t)got))
            break;
    int saved = errno;
    close(in);
    if (r != STORE_OK)
        return r;
    if (got < 0) {
        store_output_abort(out);
        snprintf(err, errlen, _("Cannot keep a copy of %s as %s: %s. Nothing was changed."), db,
                 kept, strerror(saved));
        return STORE_ERROR;
    }
    return store_output_commit(out, err, errlen);
}

/* Keeps db as "<db>.damaged-<stamp>" (its -wal beside it), leaving db in
 * place. */
static StoreResult keep_aside(const char *db, int64_t wall_ms, char *kept, size_t n, char *err,
                              size_t errlen)
{
    char st[STAMP_LEN + 1], name[1024];
    stamp(wall_ms, st);
    snprintf(name, sizeof name, "%s.damaged-%s", db, st);
    for (int i = 2; exists(name) && i < 100; i++)
        snprintf(name, sizeof name, "%s.damaged-%s-%d", db, st, i);
    StoreResult r = keep_copy(db, name, err, errlen);
    if (r != STORE_OK)
        return r;
    /* the log belongs to the kept file: never to what comes in its place */
    char from[1100], to[1100];
    snprintf(from, sizeof from, "%s-wal", db);
    snprintf(to, sizeof to, "%s-wal", name);
    if (exists(from) && rename(from, to) != 0) {
        snprintf(err, errlen, _("Cannot keep %s: %s."), from, strerror(errno));
        return STORE_ERROR;
    }
    snprintf(from, sizeof from, "%s-shm", db);
    unlink(from); /* rebuilt from the log when the kept file is opened */
    store_output_sync_folder(db);
    snprintf(kept, n, "%s", name);
    return STORE_OK;
}

StoreResult store_set_aside(const char *db_path, int64_t wall_ms, char *kept, size_t n,
                            char *err, size_t errlen)
{
    if (!exists(db_path)) {
        snprintf(err, errlen, _("The database %s does not exist."), db_path);
        return STORE_NOT_FOUND;
    }
    StoreResult r = keep_aside(db_path, wall_ms, kept, n, err, errlen);
    if (r != STORE_OK)
        return r;
    if (unlink(db_path) != 0) {
        snprintf(err, errlen, _("Cannot move %s aside: %s."), db_path, strerror(errno));
        return STORE_ERROR;
    }
    store_output_sync_folder(db_path);
    return STORE_OK;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* True when candidate is a copy of backup made earlier, still healthy. */
static bool candidate_matches(const char *candidate, const char *backup)
{
    char err[256];
    if (!exists(candidate))
        return false;
    StoreOpenOptions o = {.create = false};
    Store *c = store_open(candidate, &o, NULL, err, sizeof err);
    if (!c)
        return false;
    char from[600] = "";
    bool same = store_setting_get(c, KEY_FROM, from, sizeof from) == STORE_OK &&
                !strcmp(from, base_name(backup));
    store_close(c);
    return same;
}

StoreResult store_restore_prepare(const char *db_path, const char *backup_path, char *candidate,
                                  size_t n, char *err, size_t errlen)
{
    snprintf(candidate, n, "%s.restoring", db_path);
    if (candidate_matches(candidate, backup_path))
        return STORE_OK;
    remove_db_files(candidate);
    StoreResult r = store_file_check(backup_path, err, errlen);
    if (r != STORE_OK)
        return r;
    char uri[1200];
    snprintf(uri, sizeof uri, "file:%s?mode=ro", backup_path);
    sqlite3 *src = NULL;
    int rc = sqlite3_open_v2(uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc != SQLITE_OK) {
        r = sqlite_error(rc, "reading the backup", backup_path, err, errlen);
        sqlite3_close(src);
        return r;
    }
    r = copy_into(src, candidate, base_name(backup_path), err, errlen);
    sqlite3_close(src);
    return r;
}

StoreResult store_restore_commit(const char *db_path, const char *candidate, int64_t wall_ms,
                                 char *kept, size_t n, char *err, size_t errlen)
{
    kept[0] = '\0';
    /* A copy that was opened in WAL mode is folded back into one file, so
     * no log has to travel with it. */
    char wal[1100];
    snprintf(wal, sizeof wal, "%s-wal", candidate);
    if (exists(wal)) {
        sqlite3 *db = NULL;
        int rc = sqlite3_open_v2(candidate, &db, SQLITE_OPEN_READWRITE, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        sqlite3_close(db);
        if (rc != SQLITE_OK)
            return sqlite_error(rc, "restoring", candidate, err, errlen);
    }
    if (exists(db_path)) {
        StoreResult r = keep_aside(db_path, wall_ms, kept, n, err, errlen);
        if (r != STORE_OK)
            return r;
    }
    /* atomic: db_path is the old file or the restored one, never neither */
    if (rename(candidate, db_path) != 0) {
        snprintf(err, errlen, _("Cannot put the backup in place of %s: %s."), db_path,
                 strerror(errno));
        return STORE_ERROR;
    }
    char shm[1100];
    snprintf(shm, sizeof shm, "%s-shm", candidate);
    unlink(shm);
    store_output_sync_folder(db_path);
    return STORE_OK;
}

StoreResult store_restore(const char *db_path, const char *backup_path, int64_t wall_ms,
                          char *kept, size_t n, char *err, size_t errlen)
{
    char candidate[1100];
    StoreResult r =
        store_restore_prepare(db_path, backup_path, candidate, sizeof candidate, err, errlen);
    if (r == STORE_OK)
        r = store_restore_commit(db_path, candidate, wall_ms, kept, n, err, errlen);
    return r;
}

void store_restore_abandon(const char *candidate) { remove_db_files(candidate); }
