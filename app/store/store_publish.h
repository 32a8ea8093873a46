/* The outbox of what the program's server does not have yet, and what a
 * closed session publishes (core/aggregate.h). svc/publish.c drives both;
 * nothing here speaks to the server. */
#ifndef HEARTH_STORE_PUBLISH_H
#define HEARTH_STORE_PUBLISH_H

#include "core/aggregate.h"
#include "store/store.h"

/* Up to max sessions waiting in the outbox, oldest first (by when they
 * opened), into ids. Returns how many, or -1 on error (store_error()). */
int store_outbox_next(Store *store, char ids[][40], int max);

/* How many sessions wait, and the date of the newest session published
 * so far ("" when none yet). */
StoreResult store_outbox_status(Store *store, int *waiting, char up_to[16]);

/* Reads what one closed session publishes: its group, UTC date,
 * attendance and each cell's counts (anonymous counts and pseudonymous
 * answers alike, counted), in one read transaction. The site is left for
 * the caller. STORE_NOT_FOUND when the session is gone or still open. */
StoreResult store_publish_read(Store *store, const char *session_id, SessionAggregate *out);

/* The server has the session: it leaves the outbox, and the date of the
 * newest session published moves up to its date when later. Part of the
 * caller's transaction when there is one (svc/publish.c adds the audit
 * row). STORE_NOT_FOUND when it was not waiting. */
StoreResult store_outbox_done(Store *store, const char *session_id, const char *date);

#endif
