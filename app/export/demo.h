/* hearth demo-data: realistic synthetic groups so a new user sees the
 * trends and the report at once. The groups' names begin with "Demo - "
 * and the setting demo_data = 1 marks the database, so the report says
 * "demo data" on its first page and no one takes it for real clients. */
#ifndef HEARTH_DEMO_H
#define HEARTH_DEMO_H

#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct DemoOptions {
    int weeks;      /* how far back the first session lies */
    int groups;     /* 1 to 20 */
    unsigned seed;  /* the same seed makes the same answers */
    int64_t now_ms; /* the last session is in the week before this */
} DemoOptions;

typedef struct DemoStats {
    int groups, sessions, ratings, passes;
} DemoStats;

/* Fills an empty database (one without groups) in one transaction:
 * several groups of 6 to 12 clients meeting 3 to 5 times a week, with
 * attendance gaps, arrival and check-out moods that improve over each
 * person's treatment and across a session, and exercise runs rated before
 * and after. Uses the catalog's instrument ids (mood, distress, helpful,
 * urge) and exercise ids. False with a sentence in err; nothing is written
 * then. */
bool demo_fill(Store *store, const DemoOptions *opt, DemoStats *stats, char *err, size_t errlen);

#endif
