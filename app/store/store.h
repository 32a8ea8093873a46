/* The database. All SQL lives under app/store/; nothing else sees SQLite.
 *
 * Every function that writes commits before it returns STORE_OK, so a caller
 * may acknowledge what it stored (the screen's "checked in", exit 0). */
#ifndef HEARTH_STORE_H
#define HEARTH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Store Store;

/* Results. Errors are negative; store_error() has a sentence for people. */
typedef enum StoreResult {
    STORE_OK = 0,
    STORE_NOT_FOUND = 1,  /* the row asked for is not there */
    STORE_EXISTS = 2,     /* a row of that identity already exists */
    STORE_ERROR = -1,     /* anything else: message in store_error() */
    STORE_FULL = -2,      /* the disk (or the page limit) is full */
    STORE_CORRUPT = -3,   /* the file is damaged or not a Hearth database */
    STORE_BUSY = -4,      /* another process held the lock too long */
    STORE_READONLY = -5,  /* the file or its folder cannot be written */
    STORE_NOMEM = -6
} StoreResult;

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 8

typedef struct StoreOpenOptions {
    bool create;         /* create the file when it does not exist */
    bool skip_check;     /* leave the whole-file check to the caller
                          * (store_quick_check), unless a migration is due */
    int target_version;  /* migrate only this far (tests); 0 = latest */
} StoreOpenOptions;

/* Opens (and when asked creates, mode 0600 in a 0700 folder) the database,
 * checks that it is a healthy Hearth database, applies migrations, and sets
 * WAL, synchronous=FULL, foreign keys and a busy timeout. On failure returns
 * NULL, *result tells why and err holds a sentence naming the file. A file
 * that is not a Hearth database is never modified. */
Store *store_open(const char *path, const StoreOpenOptions *opts, StoreResult *result,
                  char *err, size_t errlen);
void store_close(Store *store);

/* A second connection to a database this process already has open, for a
 * thread of its own (svc/publisher.h): the same file, settings and kiosk,
 * with no header read, check or migration. Never store_open it again
 * instead: its header check opens and closes the file by hand, and a
 * close() drops every POSIX lock this process holds on it, so another
 * process closing the database could take itself for the last one and
 * delete the WAL under the kiosk. NULL with a sentence in err. */
Store *store_open_sibling(const Store *open, char *err, size_t errlen);

/* The last error as a sentence for people, and the file's path. */
const char *store_error(const Store *store);
const char *store_path(const Store *store);

/* PRAGMA quick_check, as store_open does unless told to skip it: STORE_OK
 * when healthy, STORE_CORRUPT (a sentence naming the file in
 * store_error()) when damaged, or the error that stopped the check. */
StoreResult store_quick_check(Store *store);

/* PRAGMA integrity_check. STORE_OK when healthy, else STORE_CORRUPT with
 * the first problems in store_error(). */
StoreResult store_check(Store *store);

/* This device's stable id (a UUID made when the database was created). */
const char *store_kiosk_id(const Store *store);

/* The schema version of the open file. */
int store_schema_version(Store *store);

/* A number that changes whenever the file's contents may have changed, by
 * this connection or by any other process or connection, since the last
 * call (one cheap statement, no table read): a screen that shows what is
 * stored reads it again only when the stamp moved. Negative on error. */
int64_t store_change_stamp(Store *store);

/* Settings: small text values by key. get copies into out (truncating) and
 * returns STORE_NOT_FOUND when absent. */
StoreResult store_setting_get(Store *store, const char *key, char *out, size_t n);
StoreResult store_setting_set(Store *store, const char *key, const char *value);
int64_t store_setting_int(Store *store, const char *key, int64_t fallback);
StoreResult store_setting_set_int(Store *store, const char *key, int64_t value);

/* Sets n settings in one transaction: all or none. kv holds key, value,
 * key, value... */
StoreResult store_setting_set_many(Store *store, int n, const char *const kv[]);

/* Transactions, for a use case that writes several things (app/svc): all
 * or nothing. BEGIN IMMEDIATE, so writers queue on the busy timeout rather
 * than fail half-way. They nest: only the outermost commit commits, and a
 * rollback anywhere inside makes the outermost commit fail (STORE_ERROR)
 * and roll back. Every store function that writes may be called inside
 * one; outside one, each commits on its own before it returns. */
StoreResult store_tx_begin(Store *store);
StoreResult store_tx_commit(Store *store);
void store_tx_rollback(Store *store);

/* Anonymous answers leave no order behind. After a transaction that
 * stored an anonymous answer or request commits, the store checkpoints
 * the WAL into the main file and truncates it (secure_delete is on, and a
 * count is rewritten in place), so neither the file, nor its -wal, nor a
 * backup shows in which order answers came. When another connection held
 * the WAL at that moment, the truncation waits: store_scrub retries it
 * (the kiosk calls it on its idle ticks) and returns STORE_OK once
 * nothing is pending, STORE_BUSY while it must wait. */
StoreResult store_scrub(Store *store);
bool store_scrub_pending(const Store *store);

/* Appends to the audit log: what a facilitator did (action) with a detail
 * that must never hold a secret. */
StoreResult store_audit(Store *store, int64_t wall_ms, const char *action, const char *detail);

typedef struct AuditEntry {
    int64_t at_ms;
    char action[48];
    char detail[160];
} AuditEntry;

/* The latest audit entries, newest first; returns how many were written,
 * negative on error. */
int store_audit_latest(Store *store, AuditEntry *out, int max);

/* Test hook: limits the database to this many pages (PRAGMA max_page_count)
 * so a test can make the disk "full". 0 lifts the limit. */
StoreResult store_set_page_limit(Store *store, int pages);

#endif
