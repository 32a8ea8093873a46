/* What the kiosk does on its own, at start and once a day while it runs:
 * the retention purge and the daily backup. The command line runs the
 * same code (hearth db purge, hearth db backup). */
#ifndef HEARTH_MAINTENANCE_H
#define HEARTH_MAINTENANCE_H

#include "store/store_backup.h"
#include "store/store_purge.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct MaintenanceReport {
    StoreResult purge;   /* STORE_NOT_FOUND: not due, or retention is off */
    PurgeCounts purged;
    StoreResult backup;  /* STORE_NOT_FOUND: not due */
    char backup_path[1024];
    int backups_upgraded; /* backups written before schema 5, migrated */
} MaintenanceReport;

/* Purges what is older than retention_months (0 keeps everything) when the
 * last purge is a day old, then makes the daily backup when due; each is
 * audited. Errors are in the report (and store_error()); nothing stops. */
void maintenance_run(Store *store, int retention_months, int64_t wall_ms,
                     MaintenanceReport *out);

/* Purges now (the command line); audited. */
StoreResult maintenance_purge(Store *store, int retention_months, int64_t wall_ms,
                              PurgeCounts *out);

/* Backs up when a backup is due and no session is open; audited. */
StoreResult maintenance_backup_if_due(Store *store, int64_t wall_ms, char *path, size_t n);

/* Backs up now (the command line); audited. */
StoreResult maintenance_backup(Store *store, int64_t wall_ms, char *path, size_t n);

/* Removes the half-written files of a process that was killed (an export,
 * a backup, a pass sheet: store/store_output.h) from the database's folder
 * and the exports folder beside it; a USB stick's go at the next write to
 * it. Returns how many went. The kiosk runs it at start. */
int maintenance_clean_unfinished(const char *db_path);

#endif
