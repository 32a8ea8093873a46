/* Exercise runs: one row per exercise played, kept up to date as it runs so
 * a restart after a power cut can resume it. The player and the kiosk's
 * start go through here. */
#ifndef HEARTH_SVC_RUN_H
#define HEARTH_SVC_RUN_H

#include "core/model.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* Starts a run of exercise in a session (NULL: none open); id_out gets its
 * id. */
StoreResult run_start(Store *store, const char *session_id, const char *exercise,
                      int64_t wall_ms, char id_out[40]);

/* The steps begin after the rating round before them: the run's start is
 * when the room started the exercise. */
StoreResult run_begin(Store *store, const char *run_id, int64_t wall_ms);

/* The step the run is at, and how many were skipped so far. */
StoreResult run_step(Store *store, const char *run_id, int step, int steps_skipped);

/* Ends a run, completed or not. */
StoreResult run_end(Store *store, const char *run_id, bool completed, int steps_skipped,
                    int64_t wall_ms);

/* The run of the session that never ended (the kiosk stopped while it
 * played), or STORE_NOT_FOUND. */
StoreResult run_unfinished(Store *store, const char *session_id, RunInfo *out);

#endif
