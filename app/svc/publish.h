/* Publishing to the program's server ([program] server in hearth.ini):
 * each closed session's counts (core/aggregate.h), taken from the outbox
 * (store/store_publish.h). One use case for `hearth publish` and the
 * kiosk's publisher thread (svc/publisher.h).
 *
 * Nothing acknowledged is lost and nothing is counted twice: a session
 * leaves the outbox only after the server committed it, and the server
 * keeps a session's first copy (its UUID is the key), so a publish cut
 * off anywhere, run twice, or run again from a restored backup changes
 * nothing there. */
#ifndef HEARTH_SVC_PUBLISH_H
#define HEARTH_SVC_PUBLISH_H

#include "program/program.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct PublishOutcome {
    ProgramResult result; /* PROGRAM_OK, or what stopped it */
    int published;        /* sessions the server took */
    int already;          /* sessions it had already: nothing changed there */
    int waiting;          /* sessions left in the outbox */
    char up_to[16];       /* the date of the newest session published; "" none */
} PublishOutcome;

/* Connects (even when nothing waits, so trouble with the server is told
 * at once) and publishes up to max sessions of the outbox (0: all),
 * oldest first, each
 * in its own server transaction; once the server has one, it leaves the
 * outbox in one transaction with its audit row. Stops at the first
 * failure; what is left waits. True when nothing failed; else false with
 * a sentence in err, and out->result says whether trying again later
 * helps (PROGRAM_UNREACHABLE) or someone must act. */
bool publish_pending(Store *store, const char *server, const char *site, int max,
                     int64_t wall_ms, PublishOutcome *out, char *err, size_t errlen);

/* How many sessions wait and the date published up to, from the store
 * alone (no server). */
StoreResult publish_waiting(Store *store, int *waiting, char up_to[16]);

/* How long to wait after failures in a row before trying again: 5 s,
 * doubling each time, at most 10 minutes. */
int64_t publish_backoff_ms(int failures);

/* The console's line about publishing, in the current language:
 * "Published up to November 24, 2026; 2 sessions waiting.", and a short
 * sentence when the last try failed (last: its result). */
void publish_status_text(const char *up_to, int waiting, ProgramResult last, char *out,
                         size_t n);

#endif
