/* Ratings and exercise runs. */
#ifndef HEARTH_STORE_RATING_H
#define HEARTH_STORE_RATING_H

#include "store/store.h"

typedef enum RatingPhase {
    PHASE_ARRIVAL,  /* at the door, after checking in */
    PHASE_PRE,      /* before an exercise */
    PHASE_POST,     /* after an exercise */
    PHASE_CHECKOUT, /* at the door, leaving */
    PHASE_ROUND     /* a round the facilitator started */
} RatingPhase;

/* The stable name stored and exported: "arrival", "pre"... */
const char *rating_phase_name(RatingPhase phase);
/* Parses a stored name; false when unknown. */
bool rating_phase_parse(const char *name, RatingPhase *out);

typedef struct RatingRow {
    const char *session_id;
    const char *instrument; /* an instrument's id from data/instruments */
    const char *item;       /* NULL or "" for single-item instruments */
    RatingPhase phase;
    int value;
    const char *pass_id;  /* NULL in anonymous groups: linked to nobody */
    const char *run_id;   /* the exercise run, for pre and post */
    const char *round_id; /* the round, for pre, post and round */
    int64_t wall_ms;      /* kept only with a pass: an anonymous answer has no
                           * time, or it could be matched to a check-in */
} RatingRow;

/* Stores one answer; id_out (may be NULL) receives its id for an undo. */
StoreResult store_rating_add(Store *store, const RatingRow *row, char id_out[40]);

/* Removes an answer (the same person's undo within a few seconds). */
StoreResult store_rating_remove(Store *store, const char *id);

/* The values of a round (or of a phase in a session when round_id is NULL),
 * into values; returns how many (negative on error). */
int store_rating_values(Store *store, const char *session_id, const char *instrument,
                        RatingPhase phase, const char *round_id, int *values, int max);

/* Exercise runs: one row per exercise played, kept up to date as it runs so
 * a restart after a power cut can resume it. */
StoreResult store_run_start(Store *store, const char *session_id, const char *exercise,
                            int64_t wall_ms, char id_out[40]);
/* The steps begin after the rating round before them: the run's start is
 * when the room started the exercise, not when the round began (the row
 * had to exist earlier, for the round's answers to point at it). */
StoreResult store_run_begin(Store *store, const char *run_id, int64_t wall_ms);
StoreResult store_run_step(Store *store, const char *run_id, int step, int steps_skipped);
StoreResult store_run_end(Store *store, const char *run_id, bool completed, int steps_skipped,
                          int64_t wall_ms);

typedef struct RunInfo {
    char id[40];
    char exercise[64];
    int step;
    int steps_skipped;
} RunInfo;

/* The run of the open session that never ended (the kiosk stopped while it
 * played), or STORE_NOT_FOUND. */
StoreResult store_run_unfinished(Store *store, const char *session_id, RunInfo *out);

#endif
