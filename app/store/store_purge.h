/* Retention: answers and attendance older than the clinic keeps them. */
#ifndef HEARTH_STORE_PURGE_H
#define HEARTH_STORE_PURGE_H

#include "store/store.h"

typedef struct PurgeCounts {
    int sessions, checkins, ratings, staff_requests, exercise_runs;
    int imported_sessions; /* other kiosks' sessions merged here */
    char cutoff[32]; /* ISO 8601: what closed before this went */
    bool removed;    /* anything went */
    bool reclaimed;  /* the file was compacted afterwards (VACUUM) */
} PurgeCounts;

/* Deletes, in one transaction (or as part of the caller's), what belongs
 * to sessions closed more than `months` calendar
 * months before wall_ms (their answers, linked or counted, check-ins, staff
 * requests and exercise runs, then the sessions), exercise runs outside
 * any session started before then, and other kiosks' sessions merged here
 * that opened before then (ratings counts every answer, linked or not).
 * Never the open session; passes and groups stay (they hold no answers).
 * months must be positive. store_compact then gives the space back. */
StoreResult store_purge(Store *store, int months, int64_t wall_ms, PurgeCounts *out);

/* Rewrites the file without the free pages a purge left (VACUUM, outside
 * any transaction) and empties the WAL. False when there was no room for
 * it; nothing is lost then. */
bool store_compact(Store *store);

#endif
