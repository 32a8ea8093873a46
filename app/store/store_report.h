/* What trends and exports read, and what a merge writes: plain C rows, with
 * no statistics and no policy (app/export/report.c does both).
 *
 * A report reads the whole database in a few passes (one query per kind of
 * row, each over a covering index), handing every row to a callback, so five years of a clinic take well under a second and no
 * query runs per row. Rows of sessions that happened on this kiosk and of
 * sessions imported from other kiosks come through the same callbacks; the
 * imported ones carry the figures the other kiosk computed. Nothing here
 * ever reads or returns a pass hash: people appear only as pseudonyms, and
 * only when asked for. */
#ifndef HEARTH_STORE_REPORT_H
#define HEARTH_STORE_REPORT_H

#include "store/store.h"
#include "store/store_session.h"

#include <stdint.h>

/* One session, local or imported. */
typedef struct ReportSessionRow {
    char id[40];    /* its UUID, stable across kiosks */
    char kiosk[40]; /* the kiosk it happened on */
    char group[GROUP_NAME_SIZE];
    int64_t opened_ms;
    int attendance; /* people checked in; -1 when the other kiosk withheld it */
    bool imported;
} ReportSessionRow;

/* How many answers of one value a cell holds (local sessions, anonymous
 * and pseudonymous alike). A cell is one session's answers to one
 * instrument in one phase and part; a cell's rows may come in any order
 * and apart. */
typedef struct ReportCountRow {
    const char *session_id;
    const char *instrument;
    const char *phase;    /* "arrival", "pre", "post", "checkout", "round" */
    const char *part;     /* "" at the door; the exercise run's id for pre and
                           * post; the round's id for a round */
    const char *exercise; /* the run's exercise for pre and post, else NULL */
    int value;
    int count;
} ReportCountRow;

/* What another kiosk showed of one cell. n is -1 when it withheld the
 * cell; a figure it did not show is -1; counts is NULL unless it showed
 * the count at every scale point lo..hi (never, since merge refuses a file
 * that does; kept for databases merged before). */
typedef struct ReportImportedCell {
    const char *session_id;
    const char *instrument;
    const char *phase;
    const char *part;
    const char *exercise;
    int lo, hi;
    int n;
    int median, q1, q3;
    const int *counts;   /* hi - lo + 1 entries, or NULL */
} ReportImportedCell;

/* A pseudonymous person's check-in, or one of their answers (value >= 0
 * then), for per-person trends. */
typedef struct ReportPersonRow {
    const char *pseudonym;
    const char *session_id;
    const char *instrument; /* NULL for a check-in */
    const char *phase;
    int value;
} ReportPersonRow;

/* The callbacks a report gets its rows through, in this order: every
 * session (ordered by when it opened), then counts, imported cells, and
 * people when asked for.
 * A callback returning false stops the reading (out of memory); the read
 * then returns STORE_NOMEM. Any callback may be NULL. */
typedef struct ReportSink {
    void *ctx;
    bool (*session)(void *ctx, const ReportSessionRow *row);
    bool (*count)(void *ctx, const ReportCountRow *row);
    bool (*imported_cell)(void *ctx, const ReportImportedCell *row);
    bool (*person)(void *ctx, const ReportPersonRow *row);
} ReportSink;

/* Reads everything in one read transaction (a consistent picture even
 * while the door writes). people asks for per-person rows too. */
StoreResult store_report_read(Store *store, bool people, const ReportSink *sink);

/* The group names of local and imported sessions alike, alphabetically,
 * each once, from offset; returns how many were written (at most max),
 * negative on error. */
int store_report_groups(Store *store, char names[][GROUP_NAME_SIZE], int max, int offset);

/* --- merging another kiosk's export -------------------------------------- */

/* One imported session with its cells and runs, as a merge writes it. */
typedef struct ImportSession {
    char id[40];
    char kiosk[40];
    char group[GROUP_NAME_SIZE];
    char opened[32]; /* ISO 8601 UTC */
    int attendance;  /* -1 withheld */
    ReportImportedCell *cells;
    int ncells;
} ImportSession;

typedef struct ImportStats {
    int added;    /* sessions new to this database */
    int updated;  /* imported before: their figures replaced */
    int skipped;  /* sessions of this kiosk itself: its own data wins */
} ImportStats;

/* Writes the sessions of one export in a single transaction: each is
 * upserted by its UUID (its cells replaced), so merging the same
 * file twice changes nothing. A session that is this kiosk's own (its id
 * is in the sessions table, or its kiosk is this one) is skipped. On any
 * error nothing is written. */
StoreResult store_report_import(Store *store, const char *export_id, const ImportSession *sessions,
                                int n, int64_t wall_ms, ImportStats *stats);

/* --- demo data ---------------------------------------------------------- */

/* demo-data writes its rows with the ordinary store functions (groups,
 * passes, check-ins, ratings, runs) inside one transaction opened here, so
 * five years take seconds and a failure leaves nothing half-written. */
StoreResult store_demo_begin(Store *store);
StoreResult store_demo_commit(Store *store);
void store_demo_abort(Store *store);
/* A closed session of a group at a given time, on this kiosk. */
StoreResult store_demo_session(Store *store, const char *group_id, int64_t opened_ms,
                               int64_t closed_ms, char id_out[40]);

#endif
