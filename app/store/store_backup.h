/* Backups, restoring one, and keeping a damaged file.
 *
 * A backup is a copy made through SQLite's online backup API (consistent
 * while the kiosk keeps writing), beside the database as
 * "<db>.backup-YYYYMMDDTHHMMSSZ", mode 0600, the newest STORE_BACKUPS_KEPT
 * kept. A damaged or replaced database is never deleted: it is kept as
 * "<db>.damaged-YYYYMMDDTHHMMSSZ" (with its -wal) and only when someone
 * chose to restore or to start empty. */
#ifndef HEARTH_STORE_BACKUP_H
#define HEARTH_STORE_BACKUP_H

#include "store/store.h"

#define STORE_BACKUPS_KEPT 7
#define STORE_BACKUP_EVERY_MS (24LL * 3600 * 1000)

typedef struct BackupInfo {
    char path[1024];
    int64_t taken_ms; /* when it was made (from its name) */
} BackupInfo;

/* Makes a backup now and removes all but the newest STORE_BACKUPS_KEPT;
 * records the time in the setting "backup.last". out (may be NULL)
 * receives the new file's path. */
StoreResult store_backup_now(Store *store, int64_t wall_ms, char *out, size_t n);

/* Makes a backup when the last one is a day old (or there is none) and no
 * session is open: STORE_OK when one was made, STORE_NOT_FOUND when none
 * was due. A copy made between two people's answers, laid beside the
 * session's end, would tell the answers before from those after; so the
 * daily backup waits for the session to close (svc/session.c makes it
 * then). */
StoreResult store_backup_if_due(Store *store, int64_t wall_ms, char *out, size_t n);

/* Backups written before schema 5 hold anonymous answers as rows in the
 * order they came: migrates each to the current schema in place (counts,
 * the file rewritten, see store.c), keeping what it holds. Returns how
 * many were migrated; a backup that cannot be is left as it was. */
int store_backup_upgrade(const char *db_path);

/* The backups beside db_path, newest first; returns how many. */
int store_backup_list(const char *db_path, BackupInfo *out, int max);

/* Reads a file without changing it: STORE_OK when it is a healthy Hearth
 * database, else STORE_CORRUPT (or another error) with a sentence in err. */
StoreResult store_file_check(const char *path, char *err, size_t errlen);

/* Keeps the database file (and its -wal) under a new name with the time,
 * so that a new one can be made or restored in its place. kept receives
 * the new name. STORE_NOT_FOUND when there is no file. */
StoreResult store_set_aside(const char *db_path, int64_t wall_ms, char *kept, size_t n,
                            char *err, size_t errlen);

/* Step one of a restore: a checked copy of the backup as "<db>.restoring",
 * the original never touched. A copy of the same backup made before (an
 * earlier start) is used again, with what it recorded since (such as
 * wrong PIN tries). candidate receives its path. */
StoreResult store_restore_prepare(const char *db_path, const char *backup_path, char *candidate,
                                  size_t n, char *err, size_t errlen);

/* Step two: keeps the current database (if any) with store_set_aside and
 * puts the prepared copy in its place. kept receives the kept name, or ""
 * when there was no file. */
StoreResult store_restore_commit(const char *db_path, const char *candidate, int64_t wall_ms,
                                 char *kept, size_t n, char *err, size_t errlen);

/* Both steps: what `hearth db restore` does. */
StoreResult store_restore(const char *db_path, const char *backup_path, int64_t wall_ms,
                          char *kept, size_t n, char *err, size_t errlen);

/* Removes a prepared copy that will not be used. */
void store_restore_abandon(const char *candidate);

#endif
