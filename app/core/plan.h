/* Where a session stands in its plan: the current block, how long it has
 * run against its planned minutes, and when the session would end if the
 * rest keeps to plan. Pure arithmetic over wall-clock milliseconds, so the
 * console and the player show the same figures and tests can pin them. */
#ifndef HEARTH_PLAN_H
#define HEARTH_PLAN_H

#include "core/catalog.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct PlanPosition {
    int block;              /* the current block, within the plan */
    const PlanBlock *current;
    const PlanBlock *next;  /* the block after it, or NULL at the last */
    int64_t elapsed_ms;     /* time spent in the current block (>= 0) */
    int64_t planned_ms;     /* the current block's planned minutes */
    bool over;              /* it has run past its planned minutes */
    int64_t ends_at_ms;     /* when the last block would end, at plan pace
                             * from here: a block past its time is taken
                             * to end now */
    int64_t block_start_ms[CATALOG_MAX_BLOCKS]; /* when each block began or
                                                 * would begin */
} PlanPosition;

/* Computes the position for block (clamped into the plan) started at
 * started_ms (0 when unknown: taken as now) at now_ms. Blocks before the
 * current one are given their planned length back from its start. False
 * when there is no plan or it has no blocks. */
bool plan_position(const Plan *plan, int block, int64_t started_ms, int64_t now_ms,
                   PlanPosition *out);

#endif
