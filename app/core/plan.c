#include "core/plan.h"

#include <string.h>

#define MINUTE_MS 60000

bool plan_position(const Plan *plan, int block, int64_t started_ms, const PlanRecord *rec,
                   int64_t now_ms, PlanPosition *out)
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
    out->done = rec && rec->done;

    /* Earlier blocks: what was recorded, or unknown (0). */
    for (int i = 0; i < block; i++) {
        out->block_start_ms[i] = rec ? rec->started_ms[i] : 0;
        out->skipped[i] = rec && rec->skipped[i];
    }
    out->block_start_ms[block] = started_ms;
    /* Later ones: at plan pace from now; a finished or overrun block is
     * taken to end now. */
    int64_t t = out->over || out->done ? now_ms : started_ms + out->planned_ms;
    for (int i = block + 1; i < plan->nblocks; i++) {
        out->block_start_ms[i] = t;
        t += (int64_t)plan->blocks[i].minutes * MINUTE_MS;
    }
    out->ends_at_ms = t;
    return true;
}

void plan_record_begin(PlanRecord *rec, int64_t now_ms)
{
    memset(rec, 0, sizeof *rec);
    rec->started_ms[0] = now_ms;
}

int64_t plan_record_move(PlanRecord *rec, int from, int to, int64_t now_ms)
{
    if (from < 0)
        from = 0;
    if (from >= CATALOG_MAX_BLOCKS)
        from = CATALOG_MAX_BLOCKS - 1;
    if (to < 0)
        to = 0;
    if (to >= CATALOG_MAX_BLOCKS)
        to = CATALOG_MAX_BLOCKS - 1;
    rec->done = false;
    if (to > from) {
        if (rec->started_ms[from] && !rec->ended_ms[from])
            rec->ended_ms[from] = now_ms;
        for (int i = from + 1; i < to; i++)
            if (!rec->started_ms[i])
                rec->skipped[i] = true;
    } else if (to < from) {
        for (int i = to + 1; i < CATALOG_MAX_BLOCKS; i++) {
            rec->started_ms[i] = rec->ended_ms[i] = 0;
            rec->skipped[i] = false;
        }
    }
    if (!rec->started_ms[to])
        rec->started_ms[to] = now_ms;
    rec->ended_ms[to] = 0;
    rec->skipped[to] = false;
    return rec->started_ms[to];
}
