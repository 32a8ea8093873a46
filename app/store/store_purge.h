/* Retention: answers and attendance older than the clinic keeps them. */
#ifndef HEARTH_STORE_PURGE_H
#define HEARTH_STORE_PURGE_H

#include "store/store.h"

typedef struct PurgeCounts {
    int sessions, checkins, ratings, staff_requests, exercise_runs;
    int imported_sessions; /* other kiosks' sessions merged here */
    char cutoff[32]; /* ISO 8601: what closed before this went */
    bool reclaimed;  /* the file was compacted afterwards (VACUUM) */
} PurgeCounts;

/* Deletes what belongs to sessions closed more than `months` calendar
 * months before wall_ms (their answers, linked or counted, check-ins, staff
 * requests and exercise runs, then the sessions), exercise runs outside
 * any session started before then, and other kiosks' sessions merged here
 * that opened before then (ratings counts every answer, linked or not); all in one transaction, then reclaims the space
 * (VACUUM) when anything went. Never the open session; passes and groups
 * stay (they hold no answers). months must be positive. */
StoreResult store_purge(Store *store, int months, int64_t wall_ms, PurgeCounts *out);

#endif
