#include "svc/run.h"

#include "store/store_rating.h"

StoreResult run_start(Store *s, const char *session_id, const char *exercise, int64_t wall_ms,
                      char id_out[40])
{
    return store_run_start(s, session_id, exercise, wall_ms, id_out);
}

StoreResult run_begin(Store *s, const char *run_id, int64_t wall_ms)
{
    return store_run_begin(s, run_id, wall_ms);
}

StoreResult run_step(Store *s, const char *run_id, int step, int steps_skipped)
{
    return store_run_step(s, run_id, step, steps_skipped);
}

StoreResult run_end(Store *s, const char *run_id, bool completed, int steps_skipped,
                    int64_t wall_ms)
{
    return store_run_end(s, run_id, completed, steps_skipped, wall_ms);
}

StoreResult run_unfinished(Store *s, const char *session_id, RunInfo *out)
{
    return store_run_unfinished(s, session_id, out);
}
