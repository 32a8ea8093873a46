/* Ratings and exercise runs. */
#ifndef HEARTH_STORE_RATING_H
#define HEARTH_STORE_RATING_H

#include "core/model.h"
#include "store/store.h"

typedef struct RatingRow {
    const char *session_id;
    const char *instrument; /* an instrument's id from data/instruments */
    const char *item;       /* NULL or "" for single-item instruments */
    RatingPhase phase;
    int value;              /* 0 to 10 */
    const char *pass_id;    /* the person, in a pseudonymous session; in an
                             * anonymous one it is never stored */
    const char *run_id;     /* the exercise run, for pre and post */
    const char *round_id;   /* the round, for pre, post and round */
    int64_t wall_ms;        /* kept only with a pass */
} RatingRow;

/* Stores one answer, committed before it returns (or as part of the
 * caller's transaction). The session decides how: in an anonymous session
 * the answer adds one to a count of its cell (row->pass_id is ignored: the
 * store cannot link it, whoever calls) and the WAL is truncated after the
 * commit (store.h, store_scrub); in a pseudonymous one it is a row with
 * the pass and its time, and a missing pass is refused. receipt (may be
 * NULL) receives what store_answer_take_back needs. */
StoreResult store_answer_add(Store *store, const RatingRow *row, AnswerReceipt *receipt);

/* Takes back an answer (its own person's undo): removes the row, or takes
 * one from its count. STORE_NOT_FOUND when there is nothing to take back.
 * The receipt is emptied either way. */
StoreResult store_answer_take_back(Store *store, AnswerReceipt *receipt);

/* The number of answers of each value (counts[v], v in 0..10) of a cell:
 * a session's answers in a phase (part "" for arrival and check-out, the
 * run's id for pre and post, the round's for a round), anonymous or not.
 * For a kiosk that restarts during a round. */
StoreResult store_answer_counts(Store *store, const char *session_id, const char *instrument,
                                RatingPhase phase, const char *part, int counts[11]);

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

/* The run of the open session that never ended (the kiosk stopped while it
 * played), or STORE_NOT_FOUND. */
StoreResult store_run_unfinished(Store *store, const char *session_id, RunInfo *out);

#endif
