/* Shared by the files under app/store/ only. */
#ifndef HEARTH_STORE_INTERNAL_H
#define HEARTH_STORE_INTERNAL_H

#include "core/model.h"
#include "store/store.h"

#include <sqlite3.h>

#define STORE_STMT_CACHE 96

struct Store {
    sqlite3 *db;
    char path[4096];
    char kiosk_id[40];
    char error[512];
    struct {
        const char *sql; /* the literal's address is the key */
        sqlite3_stmt *stmt;
    } stmts[STORE_STMT_CACHE];
    int nstmts;
    int tx_depth;        /* store_begin calls not yet committed or rolled back */
    bool tx_failed;      /* an inner part rolled back: the outer one must too */
    bool scrub_pending;  /* an anonymous write is in the WAL: truncate it */
};

/* A prepared statement for a SQL literal, prepared once and kept; reset and
 * with its bindings cleared. NULL on error (message set). */
sqlite3_stmt *store_stmt(Store *s, const char *sql);

/* Maps a SQLite result to a StoreResult and sets the message. */
StoreResult store_fail(Store *s, int rc, const char *doing);

/* Runs a statement that returns no rows: STORE_OK or an error. */
StoreResult store_step_done(Store *s, sqlite3_stmt *st, const char *doing);

/* Runs an UPDATE or DELETE meant to touch a row: STORE_OK when it did,
 * STORE_NOT_FOUND when no row matched, or an error. */
StoreResult store_step_change(Store *s, sqlite3_stmt *st, const char *doing);

/* Transactions (store.h: store_tx_begin...) under their internal names. */
#define store_begin store_tx_begin
#define store_commit store_tx_commit
#define store_rollback store_tx_rollback

/* Marks the transaction under way as holding an anonymous answer (or an
 * anonymous request): once it commits, the WAL is checkpointed and
 * truncated (store_scrub), so that no copy of the files orders it against
 * the check-ins around it. */
void store_mark_anonymous(Store *s);

/* Binds text that may be NULL, without a copy (so it cannot fail for want
 * of memory): the text must live until the statement has been stepped. */
void store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* Copies column text into out (empty string for NULL). */
void store_column_copy(sqlite3_stmt *st, int col, char *out, size_t n);

/* One page of names: runs sql, whose two parameters are LIMIT and OFFSET
 * and whose first column is a name, into names. Returns how many were
 * written (at most max), -1 on error (store_error says why). */
int store_names_page(Store *s, const char *sql, char names[][GROUP_NAME_SIZE], int max,
                     int offset);

/* Parses "3,0,12" (and answer_counts' fixed-width "0003,0000,...") into
 * want counts; false when malformed. */
bool store_parse_counts(const char *text, int *out, int want);

/* Current UTC time as ISO 8601 from the caller's wall clock. */
void store_time(int64_t wall_ms, char out[32]);
/* A time column (ISO 8601, UTC) as wall ms: 0 when NULL, empty or not a
 * time. Times leave the store as ms only (core/model.h). */
int64_t store_column_time(sqlite3_stmt *st, int col);

#endif
