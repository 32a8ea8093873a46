/* Where a session stands in its plan: the current block, how long it has
 * run against its planned minutes, and when the session would end if the
 * rest keeps to plan. Pure arithmetic over wall-clock milliseconds, so the
 * console and the player show the same figures and tests can pin them. */
#ifndef HEARTH_PLAN_H
#define HEARTH_PLAN_H

#include "core/catalog.h"

#include <stdbool.h>
#include <stdint.h>

/* What happened to each block of today's plan, as it happened: when it
 * began and ended (0 when it has not), and whether the room went past it
 * without starting it. Only moves forward write the past; nothing here is
 * ever made up from the planned minutes. */
typedef struct PlanRecord {
    int64_t started_ms[CATALOG_MAX_BLOCKS];
    int64_t ended_ms[CATALOG_MAX_BLOCKS];
    bool skipped[CATALOG_MAX_BLOCKS];
    bool done;  /* the current block's exercise was completed since it began */
} PlanRecord;

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
                                                 * would begin; 0 for an
                                                 * earlier block whose start
                                                 * is not known */
    bool skipped[CATALOG_MAX_BLOCKS]; /* earlier blocks the room went past */
    bool done;              /* the current block's exercise is finished */
} PlanPosition;

/* Computes the position for block (clamped into the plan) started at
 * started_ms (0 when unknown: taken as now) at now_ms. Blocks before the
 * current one take their start and skipped mark from rec (NULL: unknown,
 * shown as such, never counted back from the plan). False when there is no
 * plan or it has no blocks. */
bool plan_position(const Plan *plan, int block, int64_t started_ms, const PlanRecord *rec,
                   int64_t now_ms, PlanPosition *out);

/* Starts the plan's first block at now_ms, forgetting any earlier record. */
void plan_record_begin(PlanRecord *rec, int64_t now_ms);

/* Moves the record from block from to block to at now_ms and returns when
 * block to began. Forward: from ends now, the blocks in between that never
 * began are marked skipped, to begins now (or resumes, if it had begun).
 * Back (putting right a block tapped too early): to resumes from when it
 * began (now if never), and the blocks after it are to come again. */
int64_t plan_record_move(PlanRecord *rec, int from, int to, int64_t now_ms);

#endif
