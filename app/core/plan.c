#include "core/plan.h"

#include <string.h>

#define MINUTE_MS 60000

bool plan_position(const Plan *plan, int block, int64_t started_ms, int64_t now_ms,
                   PlanPosition *out)
{
    memset(out, 0, sizeof *out);
    if (!plan || plan->nblocks <= 0)
        return false;
    if (block < 0)
        block = 0;
    if (block >= plan->nblocks)
        block = plan->nblocks - 1;
    if (started_ms <= 0 || started_ms > now_ms)
        started_ms = now_ms;
    out->block = block;
    out->current = &plan->blocks[block];
    out->next = block + 1 < plan->nblocks ? &plan->blocks[block + 1] : NULL;
    out->elapsed_ms = now_ms - started_ms;
    out->planned_ms = (int64_t)out->current->minutes * MINUTE_MS;
    out->over = out->elapsed_ms > out->planned_ms;

    /* Earlier blocks: their planned lengths, counted back from this one. */
    int64_t t = started_ms;
    for (int i = block - 1; i >= 0; i--) {
        t -= (int64_t)plan->blocks[i].minutes * MINUTE_MS;
        out->block_start_ms[i] = t;
    }
    out->block_start_ms[block] = started_ms;
    t = out->over ? now_ms : started_ms + out->planned_ms;
    for (int i = block + 1; i < plan->nblocks; i++) {
        out->block_start_ms[i] = t;
        t += (int64_t)plan->blocks[i].minutes * MINUTE_MS;
    }
    out->ends_at_ms = t;
    return true;
}
