/* The kiosk's publisher: a thread with its own database connection that
 * publishes the outbox (svc/publish.h) off the main loop, so the door
 * and every frame go on while it waits for a server. After a failure it
 * tries again with a growing pause (publish_backoff_ms); once the outbox
 * is empty it looks again every minute, or at once when nudged (a
 * session closed). The main loop only starts it, nudges it, reads its
 * status and stops it. */
#ifndef HEARTH_SVC_PUBLISHER_H
#define HEARTH_SVC_PUBLISHER_H

#include "program/program.h"
#include "store/store.h"

#include <stdbool.h>

typedef struct Publisher Publisher;

typedef struct PublisherStatus {
    bool known;           /* the thread has looked at the outbox once */
    int waiting;          /* sessions not yet published */
    char up_to[16];       /* the newest session's date published; "" none */
    ProgramResult last;   /* how the last try ended */
    int failures;         /* tries failed in a row */
    char error[512];      /* the last failure's sentence, for the log */
} PublisherStatus;

/* Starts publishing the kiosk's database to server (a libpq connection
 * string) with the kiosk's site, through a second connection to store
 * (store_open_sibling) that only the thread uses. NULL when the thread
 * cannot start (the reason logged); a build without libpq starts none and
 * returns NULL too (program_built()). */
Publisher *publisher_start(const Store *store, const char *server, const char *site);

/* Publish soon: a session was closed. */
void publisher_nudge(Publisher *p);

/* A copy of the status, under the lock. */
void publisher_status(Publisher *p, PublisherStatus *out);

/* Stops the thread, waiting up to wait_ms for a publish under way to end
 * (a server that does not answer leaves the thread behind: the process is
 * ending anyway, and the outbox keeps what was not confirmed). NULL is
 * fine. */
void publisher_stop(Publisher *p, int wait_ms);

#endif
