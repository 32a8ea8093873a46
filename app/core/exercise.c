#include "core/exercise.h"

#include "core/log.h"

#include <math.h>
#include <string.h>

#define PI 3.14159265358979323846
#define MAX_ADDED_MS (24LL * 3600 * 1000) /* far past any session */

/* The player's own clock: it stops while paused and at the end. */
static uint64_t clock_at(const ExercisePlayer *p, uint64_t now_ms)
{
    if (p->finished)
        return p->finished_at;
    return p->paused ? p->paused_at : now_ms;
}

static int64_t since(uint64_t origin, uint64_t t)
{
    return t > origin ? (int64_t)(t - origin) : 0; /* a clock never runs back */
}

static int64_t base_ms(const ExercisePlayer *p, int step)
{
    return (int64_t)p->ex->steps[step].seconds * 1000;
}

int64_t exercise_step_length_ms(const ExercisePlayer *p)
{
    if (!p->ex)
        return 0;
    int64_t len = base_ms(p, p->step) + p->added_ms;
    return len > 0 ? len : 0;
}

static bool untimed(const ExercisePlayer *p)
{
    return p->ex && p->ex->steps[p->step].untimed;
}

static void go_to(ExercisePlayer *p, int step, uint64_t at)
{
    p->step = step;
    p->step_origin = at;
    p->added_ms = 0;
}

static int finish(ExercisePlayer *p, uint64_t at, bool reached_end)
{
    p->finished = true;
    p->reached_end = reached_end;
    p->finished_at = at;
    p->paused = false;
    return EXERCISE_FINISHED;
}

bool exercise_start(ExercisePlayer *p, const Exercise *ex, uint64_t now_ms, int first_step)
{
    hearth_expect(ex && ex->nsteps >= 1 && ex->nsteps <= EXERCISE_MAX_STEPS);
    memset(p, 0, sizeof *p);
    p->ex = ex;
    p->run_origin = now_ms;
    bool in_range = first_step >= 0 && first_step < ex->nsteps;
    if (first_step < 0)
        first_step = 0;
    if (first_step >= ex->nsteps)
        first_step = ex->nsteps - 1;
    go_to(p, first_step, now_ms);
    return in_range;
}

int exercise_update(ExercisePlayer *p, uint64_t now_ms)
{
    if (!p->ex || p->finished || p->paused)
        return 0;
    int events = 0;
    for (;;) {
        /* An untimed step waits for the facilitator, however long it runs. */
        if (untimed(p))
            break;
        /* Each step ends at its own deadline, and the next starts there:
         * never at now_ms, so that late updates do not drift. */
        uint64_t end = p->step_origin + (uint64_t)exercise_step_length_ms(p);
        if (now_ms < end)
            break;
        p->done_mask |= 1ULL << p->step;
        if (p->step == p->ex->nsteps - 1) {
            events |= finish(p, end, true);
            break;
        }
        go_to(p, p->step + 1, end);
        events |= EXERCISE_STEP_CHANGED;
    }
    return events;
}

int exercise_pause(ExercisePlayer *p, uint64_t now_ms)
{
    int events = exercise_update(p, now_ms);
    if (p->ex && !p->finished && !p->paused) {
        p->paused = true;
        p->paused_at = now_ms;
    }
    return events;
}

int exercise_resume(ExercisePlayer *p, uint64_t now_ms)
{
    if (!p->ex || p->finished || !p->paused)
        return 0;
    uint64_t away = (uint64_t)since(p->paused_at, now_ms);
    p->step_origin += away;
    p->run_origin += away;
    p->paused = false;
    return exercise_update(p, now_ms);
}

int exercise_next(ExercisePlayer *p, uint64_t now_ms)
{
    int events = exercise_update(p, now_ms);
    if (!p->ex || p->finished)
        return events;
    uint64_t at = clock_at(p, now_ms);
    uint64_t bit = 1ULL << p->step;
    /* An untimed step's seconds are only a guide: moved on from after half
     * of them, it was done (the talk ran its course), before that, skipped. */
    int64_t needed = untimed(p) ? exercise_step_length_ms(p) / 2 : exercise_step_length_ms(p);
    if (since(p->step_origin, at) < needed)
        p->skipped_mask |= bit;
    else
        p->done_mask |= bit;
    if (p->step == p->ex->nsteps - 1)
        return events | finish(p, at, true);
    go_to(p, p->step + 1, at);
    return events | EXERCISE_STEP_CHANGED;
}

int exercise_prev(ExercisePlayer *p, uint64_t now_ms)
{
    int events = exercise_update(p, now_ms);
    if (!p->ex || p->finished)
        return events;
    go_to(p, p->step > 0 ? p->step - 1 : 0, clock_at(p, now_ms));
    return events | EXERCISE_STEP_CHANGED;
}

int exercise_add_time(ExercisePlayer *p, uint64_t now_ms, int64_t ms)
{
    int events = exercise_update(p, now_ms);
    if (!p->ex || p->finished || untimed(p))
        return events; /* no timer to lengthen: the facilitator moves on */
    /* Never shorter than the time already run: cutting a step short ends
     * it now, not at a deadline already past (the next step would start
     * in the past and be partly gone). */
    int64_t base = base_ms(p, p->step);
    int64_t floor = since(p->step_origin, clock_at(p, now_ms)) - base;
    int64_t added = p->added_ms;
    if (ms > MAX_ADDED_MS - added)
        added = MAX_ADDED_MS;
    else
        added += ms;
    p->added_ms = added < floor ? floor : added;
    return events | exercise_update(p, now_ms);
}

int exercise_end(ExercisePlayer *p, uint64_t now_ms)
{
    int events = exercise_update(p, now_ms);
    if (!p->ex || p->finished)
        return events;
    return events | finish(p, clock_at(p, now_ms), false);
}

const Step *exercise_current_step(const ExercisePlayer *p)
{
    return p->ex ? &p->ex->steps[p->step] : NULL;
}

int exercise_step_index(const ExercisePlayer *p) { return p->step; }

int64_t exercise_step_elapsed_ms(const ExercisePlayer *p, uint64_t now_ms)
{
    if (!p->ex)
        return 0;
    int64_t e = since(p->step_origin, clock_at(p, now_ms));
    int64_t len = exercise_step_length_ms(p);
    return e < len || untimed(p) ? e : len;
}

int64_t exercise_step_remaining_ms(const ExercisePlayer *p, uint64_t now_ms)
{
    if (!p->ex || p->finished)
        return 0;
    int64_t left = exercise_step_length_ms(p) - exercise_step_elapsed_ms(p, now_ms);
    return left > 0 ? left : 0;
}

bool exercise_step_untimed(const ExercisePlayer *p)
{
    return untimed(p);
}

int64_t exercise_total_elapsed_ms(const ExercisePlayer *p, uint64_t now_ms)
{
    return p->ex ? since(p->run_origin, clock_at(p, now_ms)) : 0;
}

int64_t exercise_total_remaining_ms(const ExercisePlayer *p, uint64_t now_ms)
{
    if (!p->ex || p->finished)
        return 0;
    int64_t left = exercise_step_remaining_ms(p, now_ms);
    for (int i = p->step + 1; i < p->ex->nsteps; i++)
        left += base_ms(p, i);
    return left;
}

bool exercise_is_paused(const ExercisePlayer *p) { return p->paused; }
bool exercise_is_finished(const ExercisePlayer *p) { return p->finished; }
bool exercise_is_completed(const ExercisePlayer *p)
{
    return p->reached_end && exercise_steps_skipped(p) < p->ex->nsteps;
}

int exercise_steps_skipped(const ExercisePlayer *p)
{
    uint64_t m = p->skipped_mask & ~p->done_mask;
    int n = p->skipped_before;
    for (; m; m &= m - 1)
        n++;
    /* A step skipped before the restart and again after it, once gone
     * back to, is counted twice above; never more than there are. */
    return p->ex && n > p->ex->nsteps ? p->ex->nsteps : n;
}

void exercise_carry_skipped(ExercisePlayer *p, int steps_skipped)
{
    p->skipped_before = steps_skipped > 0 ? steps_skipped : 0;
}

uint64_t exercise_next_deadline(const ExercisePlayer *p)
{
    if (!p->ex || p->finished || p->paused || untimed(p))
        return 0;
    return p->step_origin + (uint64_t)exercise_step_length_ms(p);
}

/* --- the breathing pacer ------------------------------------------------- */

static double ease(double x)
{
    return (1.0 - cos(PI * x)) / 2.0;
}

void exercise_pacer_at(const int pattern[4], int64_t t_ms, bool stepwise, Pacer *out)
{
    memset(out, 0, sizeof *out);
    int64_t len[4], cycle = 0;
    for (int i = 0; i < 4; i++) {
        len[i] = pattern[i] > 0 ? (int64_t)pattern[i] * 1000 : 0;
        cycle += len[i];
    }
    if (cycle == 0 || len[PACER_IN] == 0) {
        out->second = 1; /* not a pattern the catalog lets through */
        return;
    }
    if (t_ms < 0)
        t_ms = 0;
    out->cycle = (int)(t_ms / cycle);
    int64_t t = t_ms % cycle;
    /* Walk the phases; zero-length holds take no time and are never the
     * answer, since t < the sum of what comes before plus their length. */
    int phase = 0;
    while (t >= len[phase]) {
        t -= len[phase];
        phase++;
    }
    out->phase = (PacerPhase)phase;
    out->phase_ms = len[phase];
    out->phase_left_ms = len[phase] - t;
    out->progress = (double)t / (double)len[phase];
    out->second = (int)(t / 1000) + 1;
    int seconds = (int)(len[phase] / 1000);
    double x = stepwise ? (double)out->second / seconds : ease(out->progress);
    out->travel = stepwise ? (double)out->second / seconds : out->progress;
    switch (out->phase) {
    case PACER_IN:
        out->size = x;
        break;
    case PACER_HOLD_IN:
        out->size = 1.0;
        break;
    case PACER_OUT:
        out->size = 1.0 - x;
        break;
    case PACER_HOLD_OUT:
        out->size = 0.0;
        break;
    }
}

PacerShape exercise_pacer_shape(const int pattern[4])
{
    bool after_in = pattern[PACER_HOLD_IN] > 0, after_out = pattern[PACER_HOLD_OUT] > 0;
    return after_in && after_out ? PACER_SHAPE_BOX
           : after_in || after_out ? PACER_SHAPE_HOLD
                                   : PACER_SHAPE_DISC;
}

bool exercise_pacer(const ExercisePlayer *p, uint64_t now_ms, bool stepwise, Pacer *out)
{
    const Step *s = exercise_current_step(p);
    if (!s || p->finished || s->kind != STEP_BREATHE)
        return false;
    exercise_pacer_at(s->pattern, exercise_step_elapsed_ms(p, now_ms), stepwise, out);
    return true;
}

uint64_t exercise_pacer_next_change(const ExercisePlayer *p, uint64_t now_ms)
{
    const Step *s = exercise_current_step(p);
    if (!s || p->finished || p->paused || s->kind != STEP_BREATHE)
        return 0;
    /* Phases last whole seconds from the step's start, so the stepwise
     * pacer changes only on the step's whole seconds. */
    int64_t next = (exercise_step_elapsed_ms(p, now_ms) / 1000 + 1) * 1000;
    int64_t len = exercise_step_length_ms(p);
    return p->step_origin + (uint64_t)(next < len ? next : len);
}
