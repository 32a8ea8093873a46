/* The player and the breathing pacer, on a virtual clock. */
#include "testkit.h"

#include "core/exercise.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define T0 1000000u /* a monotonic clock does not start at 0 */

static const int p478[4] = {4, 7, 8, 0};

static Step make_step(StepKind kind, int seconds, int in, int hold, int out, int hold2)
{
    Step s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.seconds = seconds;
    s.prompt = (Text){{"Prompt", "Indicación"}};
    s.notes = (Text){{"", ""}};
    s.pattern[0] = in;
    s.pattern[1] = hold;
    s.pattern[2] = out;
    s.pattern[3] = hold2;
    return s;
}

/* An exercise of n read steps of the given lengths. */
static Step steps_buf[EXERCISE_MAX_STEPS];
static Exercise ex_buf;

static const Exercise *make_exercise(int n, const int *seconds)
{
    memset(&ex_buf, 0, sizeof ex_buf);
    snprintf(ex_buf.id, sizeof ex_buf.id, "test");
    for (int i = 0; i < n; i++) {
        steps_buf[i] = make_step(STEP_READ, seconds[i], 0, 0, 0, 0);
        ex_buf.total_seconds += seconds[i];
    }
    ex_buf.steps = steps_buf;
    ex_buf.nsteps = n;
    return &ex_buf;
}

static const Exercise *make_breathing(int seconds, const int pattern[4])
{
    static const int lens[2] = {10, 10};
    make_exercise(2, lens);
    steps_buf[0] = make_step(STEP_BREATHE, seconds, pattern[0], pattern[1], pattern[2],
                             pattern[3]);
    steps_buf[1] = make_step(STEP_READ, 30, 0, 0, 0, 0);
    return &ex_buf;
}

static PacerPhase phase_at(int64_t t)
{
    Pacer pc;
    exercise_pacer_at(p478, t, false, &pc);
    return pc.phase;
}

static void test_pacer_478_boundaries_over_ten_cycles(void **state)
{
    (void)state;
    for (int k = 0; k < 10; k++) {
        int64_t base = (int64_t)k * 19000;
        assert_int_equal(phase_at(base), PACER_IN);
        assert_int_equal(phase_at(base + 3999), PACER_IN);
        assert_int_equal(phase_at(base + 4000), PACER_HOLD_IN);
        assert_int_equal(phase_at(base + 10999), PACER_HOLD_IN);
        assert_int_equal(phase_at(base + 11000), PACER_OUT);
        assert_int_equal(phase_at(base + 18999), PACER_OUT);
        /* The zero-length hold after breathing out is skipped. */
        assert_int_equal(phase_at(base + 19000), PACER_IN);
        Pacer pc;
        exercise_pacer_at(p478, base + 18999, false, &pc);
        assert_int_equal(pc.cycle, k);
        assert_int_equal(pc.phase_left_ms, 1);
        exercise_pacer_at(p478, base + 19000, false, &pc);
        assert_int_equal(pc.cycle, k + 1);
        assert_int_equal(pc.phase_ms, 4000);
        assert_int_equal(pc.phase_left_ms, 4000);
    }
}

/* The shape comes from the numbers: every breathe pattern of the catalog
 * and the classic ones map to the shape their holds call for. */
static void test_pacer_shape_from_the_pattern(void **state)
{
    (void)state;
    static const int box[4] = {4, 4, 4, 4}, uneven_box[4] = {4, 2, 6, 2}, plain[4] = {4, 0, 6, 0},
                     after_out[4] = {4, 0, 6, 3};
    assert_int_equal(exercise_pacer_shape(box), PACER_SHAPE_BOX);
    assert_int_equal(exercise_pacer_shape(uneven_box), PACER_SHAPE_BOX);
    assert_int_equal(exercise_pacer_shape(p478), PACER_SHAPE_HOLD);
    assert_int_equal(exercise_pacer_shape(after_out), PACER_SHAPE_HOLD);
    assert_int_equal(exercise_pacer_shape(plain), PACER_SHAPE_DISC);
    /* travel: linear through the phase, or whole seconds when stepwise */
    Pacer pc;
    exercise_pacer_at(box, 5000, false, &pc);
    assert_int_equal(pc.phase, PACER_HOLD_IN);
    assert_true(fabs(pc.travel - 0.25) < 1e-9);
    exercise_pacer_at(box, 5000, true, &pc);
    assert_true(fabs(pc.travel - 0.5) < 1e-9); /* the second second of four */
}

static void test_pacer_through_the_player_is_anchored_at_the_step(void **state)
{
    (void)state;
    const Exercise *ex = make_breathing(190, p478);
    ExercisePlayer p;
    uint64_t start = T0 + 123; /* an odd instant: nothing may assume round numbers */
    exercise_start(&p, ex, start, 0);
    Pacer pc;
    for (int k = 0; k < 10; k++) {
        uint64_t base = start + (uint64_t)k * 19000;
        assert_true(exercise_pacer(&p, base + 3999, false, &pc));
        assert_int_equal(pc.phase, PACER_IN);
        exercise_pacer(&p, base + 4000, false, &pc);
        assert_int_equal(pc.phase, PACER_HOLD_IN);
        exercise_pacer(&p, base + 10999, false, &pc);
        assert_int_equal(pc.phase, PACER_HOLD_IN);
        exercise_pacer(&p, base + 11000, false, &pc);
        assert_int_equal(pc.phase, PACER_OUT);
        exercise_pacer(&p, base + 18999, false, &pc);
        assert_int_equal(pc.phase, PACER_OUT);
        assert_int_equal(pc.cycle, k);
    }
    /* Ten cycles of 19 s fill the 190-second step exactly. */
    assert_int_equal(exercise_next_deadline(&p), start + 190000);
    assert_int_equal(exercise_update(&p, start + 190000), EXERCISE_STEP_CHANGED);
    assert_false(exercise_pacer(&p, start + 190000, false, &pc)); /* a read step */
}

static void test_pacer_sizes_follow_a_cosine(void **state)
{
    (void)state;
    Pacer pc;
    exercise_pacer_at(p478, 0, false, &pc);
    assert_int_equal(pc.phase, PACER_IN);
    assert_true(pc.size == 0.0);
    assert_true(pc.progress == 0.0);
    exercise_pacer_at(p478, 2000, false, &pc); /* halfway through breathing in */
    assert_float_equal(pc.size, 0.5, 1e-12);
    assert_float_equal(pc.progress, 0.5, 1e-12);
    exercise_pacer_at(p478, 1000, false, &pc);
    assert_float_equal(pc.size, (1.0 - cos(3.14159265358979323846 / 4)) / 2, 1e-12);
    exercise_pacer_at(p478, 3999, false, &pc);
    assert_true(pc.size > 0.999999 && pc.size < 1.0);
    exercise_pacer_at(p478, 4000, false, &pc); /* the end of the breath in */
    assert_true(pc.size == 1.0);
    exercise_pacer_at(p478, 7500, false, &pc); /* holding: stays full */
    assert_true(pc.size == 1.0);
    assert_float_equal(pc.progress, 0.5, 1e-12);
    exercise_pacer_at(p478, 11000, false, &pc);
    assert_true(pc.size == 1.0);
    exercise_pacer_at(p478, 15000, false, &pc); /* halfway through breathing out */
    assert_float_equal(pc.size, 0.5, 1e-12);
    exercise_pacer_at(p478, 18999, false, &pc);
    assert_true(pc.size < 1e-6);
    /* With a hold after breathing out, the shape stays small through it. */
    const int box[4] = {4, 4, 4, 4};
    exercise_pacer_at(box, 12000, false, &pc);
    assert_int_equal(pc.phase, PACER_HOLD_OUT);
    assert_true(pc.size == 0.0);
    exercise_pacer_at(box, 15999, false, &pc);
    assert_int_equal(pc.phase, PACER_HOLD_OUT);
    assert_true(pc.size == 0.0);
    exercise_pacer_at(box, 16000, false, &pc);
    assert_int_equal(pc.phase, PACER_IN);
    assert_int_equal(pc.cycle, 1);
}

static void test_pacer_skips_zero_holds(void **state)
{
    (void)state;
    const int p[4] = {4, 0, 6, 0};
    Pacer pc;
    exercise_pacer_at(p, 3999, false, &pc);
    assert_int_equal(pc.phase, PACER_IN);
    exercise_pacer_at(p, 4000, false, &pc);
    assert_int_equal(pc.phase, PACER_OUT);
    assert_true(pc.size == 1.0);
    exercise_pacer_at(p, 9999, false, &pc);
    assert_int_equal(pc.phase, PACER_OUT);
    exercise_pacer_at(p, 10000, false, &pc);
    assert_int_equal(pc.phase, PACER_IN);
    assert_int_equal(pc.cycle, 1);
    assert_true(pc.size == 0.0);
    /* A hold only after breathing out. */
    const int q[4] = {3, 0, 3, 2};
    exercise_pacer_at(q, 3000, false, &pc);
    assert_int_equal(pc.phase, PACER_OUT);
    exercise_pacer_at(q, 6000, false, &pc);
    assert_int_equal(pc.phase, PACER_HOLD_OUT);
    exercise_pacer_at(q, 8000, false, &pc);
    assert_int_equal(pc.phase, PACER_IN);
}

static void test_pacer_stepwise_moves_once_a_second(void **state)
{
    (void)state;
    Pacer pc;
    const struct {
        int64_t t;
        PacerPhase phase;
        double size;
        int second;
    } want[] = {
        {0, PACER_IN, 0.25, 1},        {999, PACER_IN, 0.25, 1},
        {1000, PACER_IN, 0.5, 2},      {2999, PACER_IN, 0.75, 3},
        {3000, PACER_IN, 1.0, 4},      {3999, PACER_IN, 1.0, 4},
        {4000, PACER_HOLD_IN, 1.0, 1}, {10999, PACER_HOLD_IN, 1.0, 7},
        {11000, PACER_OUT, 0.875, 1},  {11999, PACER_OUT, 0.875, 1},
        {12000, PACER_OUT, 0.75, 2},   {18000, PACER_OUT, 0.0, 8},
        {18999, PACER_OUT, 0.0, 8},    {19000, PACER_IN, 0.25, 1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        exercise_pacer_at(p478, want[i].t, true, &pc);
        assert_int_equal(pc.phase, want[i].phase);
        assert_float_equal(pc.size, want[i].size, 1e-12);
        assert_int_equal(pc.second, want[i].second);
    }
    /* Within a second, nothing moves. */
    double first = -1;
    for (int64_t t = 12000; t < 13000; t += 7) {
        exercise_pacer_at(p478, t, true, &pc);
        if (first < 0)
            first = pc.size;
        assert_true(pc.size == first);
    }
}

static void test_pacer_next_change_for_reduced_motion(void **state)
{
    (void)state;
    const Exercise *ex = make_breathing(19 * 2, p478);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_pacer_next_change(&p, T0), T0 + 1000);
    assert_int_equal(exercise_pacer_next_change(&p, T0 + 999), T0 + 1000);
    assert_int_equal(exercise_pacer_next_change(&p, T0 + 1000), T0 + 2000);
    assert_int_equal(exercise_pacer_next_change(&p, T0 + 37500), T0 + 38000);
    exercise_pause(&p, T0 + 1500);
    assert_int_equal(exercise_pacer_next_change(&p, T0 + 1500), 0);
    exercise_resume(&p, T0 + 5500);
    assert_int_equal(exercise_pacer_next_change(&p, T0 + 5500), T0 + 6000);
}

static void test_pause_resumes_the_phase_exactly(void **state)
{
    (void)state;
    const Exercise *ex = make_breathing(190, p478);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    Pacer before, after;
    exercise_pacer(&p, T0 + 2500, false, &before); /* mid breath in */
    assert_int_equal(exercise_pause(&p, T0 + 2500), 0);
    assert_true(exercise_is_paused(&p));
    assert_int_equal(exercise_next_deadline(&p), 0);
    /* Ten seconds paused: the pacer and the clocks stand still. */
    exercise_pacer(&p, T0 + 9000, false, &after);
    assert_int_equal(after.phase, before.phase);
    assert_true(after.size == before.size);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 12500), 2500);
    assert_int_equal(exercise_total_elapsed_ms(&p, T0 + 12500), 2500);
    assert_int_equal(exercise_update(&p, T0 + 500000), 0); /* nothing ends while paused */
    assert_int_equal(exercise_step_index(&p), 0);

    assert_int_equal(exercise_resume(&p, T0 + 12500), 0);
    exercise_pacer(&p, T0 + 12500, false, &after);
    assert_int_equal(after.phase, PACER_IN);
    assert_float_equal(after.progress, 0.625, 1e-12);
    assert_true(after.size == before.size);
    /* Every boundary moved by exactly the ten seconds. */
    exercise_pacer(&p, T0 + 13999, false, &after);
    assert_int_equal(after.phase, PACER_IN);
    exercise_pacer(&p, T0 + 14000, false, &after);
    assert_int_equal(after.phase, PACER_HOLD_IN);
    exercise_pacer(&p, T0 + 21000, false, &after);
    assert_int_equal(after.phase, PACER_OUT);
    assert_int_equal(exercise_next_deadline(&p), T0 + 200000);
    assert_int_equal(exercise_step_remaining_ms(&p, T0 + 12500), 187500);

    /* Pausing twice is pausing once; resuming when running does nothing. */
    exercise_pause(&p, T0 + 20000);
    exercise_pause(&p, T0 + 25000);
    exercise_resume(&p, T0 + 30000);
    assert_int_equal(exercise_resume(&p, T0 + 40000), 0);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 40000), 2500 + 7500 + 10000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 210000);
}

static void test_add_thirty_seconds(void **state)
{
    (void)state;
    const int lens[] = {60, 20};
    const Exercise *ex = make_exercise(2, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_add_time(&p, T0 + 10000, 30000), 0);
    assert_int_equal(exercise_step_length_ms(&p), 90000);
    assert_int_equal(exercise_step_remaining_ms(&p, T0 + 10000), 80000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 90000);
    assert_int_equal(exercise_total_remaining_ms(&p, T0 + 10000), 80000 + 20000);
    exercise_add_time(&p, T0 + 20000, 30000); /* twice: a minute more */
    assert_int_equal(exercise_next_deadline(&p), T0 + 120000);
    assert_int_equal(exercise_update(&p, T0 + 119999), 0);
    assert_int_equal(exercise_update(&p, T0 + 120000), EXERCISE_STEP_CHANGED);
    /* The added time belonged to that step only. */
    assert_int_equal(exercise_step_index(&p), 1);
    assert_int_equal(exercise_step_length_ms(&p), 20000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 140000);
    assert_int_equal(exercise_steps_skipped(&p), 0);
}

static void test_taking_time_off_ends_the_step(void **state)
{
    (void)state;
    const int lens[] = {60, 20};
    const Exercise *ex = make_exercise(2, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_add_time(&p, T0 + 10000, -20000), 0);
    assert_int_equal(exercise_next_deadline(&p), T0 + 40000);
    /* More than is left: the step ends now (its time was run, not skipped). */
    assert_int_equal(exercise_add_time(&p, T0 + 15000, -600000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 1);
    assert_int_equal(exercise_next_deadline(&p), T0 + 35000);
    assert_int_equal(exercise_steps_skipped(&p), 0);
}

static void test_next_prev_and_skips(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30};
    const Exercise *ex = make_exercise(3, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_next(&p, T0 + 5000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 1);
    assert_int_equal(exercise_steps_skipped(&p), 1);
    assert_int_equal(exercise_next_deadline(&p), T0 + 25000);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 5000), 0);

    /* Back to the first step, which then runs its full time: it no longer
     * counts as skipped. */
    assert_int_equal(exercise_prev(&p, T0 + 6000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 0);
    assert_int_equal(exercise_next_deadline(&p), T0 + 16000);
    assert_int_equal(exercise_update(&p, T0 + 16000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_steps_skipped(&p), 0);

    /* prev on the first step restarts it. */
    exercise_prev(&p, T0 + 17000);
    exercise_prev(&p, T0 + 17000);
    assert_int_equal(exercise_step_index(&p), 0);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 18000), 1000);

    /* Skipping the same step twice counts it once. */
    exercise_next(&p, T0 + 18000);
    exercise_prev(&p, T0 + 18000);
    exercise_next(&p, T0 + 18000);
    assert_int_equal(exercise_steps_skipped(&p), 0); /* step 0 ran its time before */
    exercise_next(&p, T0 + 19000);                   /* step 1 left early */
    exercise_prev(&p, T0 + 19000);
    exercise_next(&p, T0 + 19000);
    assert_int_equal(exercise_steps_skipped(&p), 1);

    /* next on the last step finishes the run, completed, with the skip. */
    assert_int_equal(exercise_step_index(&p), 2);
    assert_int_equal(exercise_next(&p, T0 + 20000), EXERCISE_FINISHED);
    assert_true(exercise_is_finished(&p));
    assert_true(exercise_is_completed(&p));
    assert_int_equal(exercise_steps_skipped(&p), 2);
    assert_int_equal(exercise_total_elapsed_ms(&p, T0 + 99000), 20000);
}

static void test_next_when_time_is_already_up_is_no_skip(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30};
    const Exercise *ex = make_exercise(3, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    /* No update ran since the first step ended at T0 + 10 s: the action
     * first lets time run, so step 1 began at its deadline and is what
     * the facilitator leaves (early, after 2 s). */
    int ev = exercise_next(&p, T0 + 12000);
    assert_int_equal(ev, EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 2);
    assert_int_equal(exercise_steps_skipped(&p), 1);
    assert_int_equal(exercise_next_deadline(&p), T0 + 42000);
}

static void test_several_steps_in_one_update(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30};
    const Exercise *ex = make_exercise(3, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_update(&p, T0 + 35000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 2);
    /* The third step began at its deadline, not at the late update. */
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 35000), 5000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 60000);
    assert_int_equal(exercise_steps_skipped(&p), 0);

    ExercisePlayer q;
    exercise_start(&q, ex, T0, 0);
    assert_int_equal(exercise_update(&q, T0 + 3600000),
                     EXERCISE_STEP_CHANGED | EXERCISE_FINISHED);
    assert_true(exercise_is_completed(&q));
    assert_int_equal(exercise_total_elapsed_ms(&q, T0 + 3600000), 60000);
    assert_int_equal(exercise_step_index(&q), 2);
    assert_int_equal(exercise_step_remaining_ms(&q, T0 + 3600000), 0);
}

static void test_no_drift_with_irregular_updates(void **state)
{
    (void)state;
    int lens[40];
    for (int i = 0; i < 40; i++)
        lens[i] = 5 + (i * 37) % 50;
    const Exercise *ex = make_exercise(40, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    uint32_t seed = 12345;
    uint64_t now = T0;
    int changes = 0, finished = 0;
    while (!exercise_is_finished(&p)) {
        seed = seed * 1103515245u + 12345u;
        now += 1 + (seed >> 16) % 9000; /* 1 ms to 9 s between frames */
        int ev = exercise_update(&p, now);
        changes += (ev & EXERCISE_STEP_CHANGED) != 0;
        finished += (ev & EXERCISE_FINISHED) != 0;
        if (exercise_is_finished(&p))
            break;
        /* The step's start is the exact sum of the lengths before it. */
        int64_t sum = 0;
        for (int i = 0; i < exercise_step_index(&p); i++)
            sum += (int64_t)lens[i] * 1000;
        assert_int_equal(exercise_step_elapsed_ms(&p, now), (int64_t)(now - T0) - sum);
        assert_int_equal(exercise_next_deadline(&p),
                         T0 + (uint64_t)sum + (uint64_t)lens[exercise_step_index(&p)] * 1000);
    }
    assert_int_equal(finished, 1);
    assert_true(changes > 0);
    assert_int_equal(exercise_total_elapsed_ms(&p, now), (int64_t)ex->total_seconds * 1000);
}

static void test_finish_is_reported_once(void **state)
{
    (void)state;
    const int lens[] = {10, 10};
    const Exercise *ex = make_exercise(2, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    int total = 0;
    for (uint64_t t = T0; t < T0 + 60000; t += 250)
        total += (exercise_update(&p, t) & EXERCISE_FINISHED) != 0;
    assert_int_equal(total, 1);
    assert_int_equal(exercise_next(&p, T0 + 70000), 0);
    assert_int_equal(exercise_prev(&p, T0 + 70000), 0);
    assert_int_equal(exercise_end(&p, T0 + 70000), 0);
    assert_int_equal(exercise_pause(&p, T0 + 70000), 0);
    assert_int_equal(exercise_resume(&p, T0 + 70000), 0);
    assert_int_equal(exercise_add_time(&p, T0 + 70000, 30000), 0);
    assert_int_equal(exercise_next_deadline(&p), 0);
    assert_true(exercise_is_completed(&p));
    assert_false(exercise_is_paused(&p));
}

static void test_end_early(void **state)
{
    (void)state;
    const int lens[] = {10, 10};
    const Exercise *ex = make_exercise(2, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    exercise_pause(&p, T0 + 4000);
    assert_int_equal(exercise_end(&p, T0 + 9000), EXERCISE_FINISHED);
    assert_true(exercise_is_finished(&p));
    assert_false(exercise_is_completed(&p));
    assert_false(exercise_is_paused(&p));
    assert_int_equal(exercise_total_elapsed_ms(&p, T0 + 50000), 4000);
    assert_int_equal(exercise_end(&p, T0 + 50000), 0);
    assert_int_equal(exercise_update(&p, T0 + 50000), 0);
}

static void test_next_deadline_values(void **state)
{
    (void)state;
    const int lens[] = {10, 20};
    const Exercise *ex = make_exercise(2, lens);
    ExercisePlayer p;
    memset(&p, 0, sizeof p);
    assert_int_equal(exercise_next_deadline(&p), 0); /* never started */
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_next_deadline(&p), T0 + 10000);
    exercise_pause(&p, T0 + 2000);
    assert_int_equal(exercise_next_deadline(&p), 0);
    exercise_resume(&p, T0 + 7000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 15000);
    exercise_update(&p, T0 + 15000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 35000);
    exercise_update(&p, T0 + 35000);
    assert_int_equal(exercise_next_deadline(&p), 0);
}

static void test_next_while_paused_waits_at_the_start(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30};
    const Exercise *ex = make_exercise(3, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    exercise_pause(&p, T0 + 3000);
    assert_int_equal(exercise_next(&p, T0 + 8000), EXERCISE_STEP_CHANGED);
    assert_true(exercise_is_paused(&p));
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 60000), 0);
    exercise_resume(&p, T0 + 60000);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 61000), 1000);
    assert_int_equal(exercise_next_deadline(&p), T0 + 80000);
    assert_int_equal(exercise_total_elapsed_ms(&p, T0 + 61000), 4000);
}

static void test_resume_from_step_n(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30, 40};
    const Exercise *ex = make_exercise(4, lens);
    ExercisePlayer p;
    assert_true(exercise_start(&p, ex, T0, 2));
    assert_int_equal(exercise_step_index(&p), 2);
    assert_ptr_equal(exercise_current_step(&p), &ex->steps[2]);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0), 0);
    assert_int_equal(exercise_next_deadline(&p), T0 + 30000);
    assert_int_equal(exercise_total_remaining_ms(&p, T0), 70000);
    assert_int_equal(exercise_steps_skipped(&p), 0);
    assert_int_equal(exercise_update(&p, T0 + 70000), EXERCISE_STEP_CHANGED | EXERCISE_FINISHED);
    assert_true(exercise_is_completed(&p));

    /* A stored step the exercise no longer has: clamped, and said so. */
    assert_false(exercise_start(&p, ex, T0, 9));
    assert_int_equal(exercise_step_index(&p), 3);
    assert_false(exercise_start(&p, ex, T0, -1));
    assert_int_equal(exercise_step_index(&p), 0);
}

static void test_completed_needs_a_step_played(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30};
    const Exercise *ex = make_exercise(3, lens);
    ExercisePlayer p;
    /* Next through every step: the end is reached, nothing was done. */
    exercise_start(&p, ex, T0, 0);
    exercise_next(&p, T0 + 1000);
    exercise_next(&p, T0 + 2000);
    assert_int_equal(exercise_next(&p, T0 + 3000), EXERCISE_FINISHED);
    assert_true(exercise_is_finished(&p));
    assert_int_equal(exercise_steps_skipped(&p), 3);
    assert_false(exercise_is_completed(&p));

    /* One step played to its end, the others skipped: completed. */
    exercise_start(&p, ex, T0, 0);
    exercise_next(&p, T0 + 1000);
    exercise_update(&p, T0 + 21000); /* step 1 runs out */
    exercise_next(&p, T0 + 22000);
    assert_true(exercise_is_finished(&p));
    assert_int_equal(exercise_steps_skipped(&p), 2);
    assert_true(exercise_is_completed(&p));

    /* A skipped step gone back to and played to its end counts as played. */
    exercise_start(&p, ex, T0, 0);
    exercise_next(&p, T0 + 1000);
    exercise_prev(&p, T0 + 1000);
    exercise_update(&p, T0 + 11000);
    exercise_next(&p, T0 + 12000);
    exercise_next(&p, T0 + 13000);
    assert_int_equal(exercise_steps_skipped(&p), 2);
    assert_true(exercise_is_completed(&p));

    /* Ended early is never completed, however much was played. */
    exercise_start(&p, ex, T0, 0);
    exercise_update(&p, T0 + 30000);
    exercise_end(&p, T0 + 31000);
    assert_false(exercise_is_completed(&p));
}

static void test_resumed_run_carries_its_skips(void **state)
{
    (void)state;
    const int lens[] = {10, 20, 30, 40};
    const Exercise *ex = make_exercise(4, lens);
    ExercisePlayer p;
    /* Steps 0 and 1 skipped before the power cut, 2 and 3 after: all 4. */
    exercise_start(&p, ex, T0, 2);
    exercise_carry_skipped(&p, 2);
    assert_int_equal(exercise_steps_skipped(&p), 2);
    exercise_next(&p, T0 + 1000);
    exercise_next(&p, T0 + 2000);
    assert_true(exercise_is_finished(&p));
    assert_int_equal(exercise_steps_skipped(&p), 4);
    assert_false(exercise_is_completed(&p));

    /* One of the first two was played before the cut: completed. */
    exercise_start(&p, ex, T0, 2);
    exercise_carry_skipped(&p, 1);
    exercise_next(&p, T0 + 1000);
    exercise_next(&p, T0 + 2000);
    assert_int_equal(exercise_steps_skipped(&p), 3);
    assert_true(exercise_is_completed(&p));

    /* Skipped before and again after going back: never more than the steps. */
    exercise_start(&p, ex, T0, 1);
    exercise_carry_skipped(&p, 4);
    exercise_prev(&p, T0);
    exercise_next(&p, T0 + 100);
    assert_int_equal(exercise_steps_skipped(&p), 4);
    exercise_carry_skipped(&p, -3); /* a damaged row */
    assert_int_equal(exercise_steps_skipped(&p), 1);
}

static void test_clock_running_back_is_harmless(void **state)
{
    (void)state;
    const int lens[] = {10};
    const Exercise *ex = make_exercise(1, lens);
    ExercisePlayer p;
    exercise_start(&p, ex, T0, 0);
    assert_int_equal(exercise_update(&p, T0 - 5000), 0);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 - 5000), 0);
    assert_int_equal(exercise_step_remaining_ms(&p, T0 - 5000), 10000);
    exercise_pause(&p, T0 + 1000);
    exercise_resume(&p, T0 + 500);
    assert_int_equal(exercise_step_elapsed_ms(&p, T0 + 1500), 1500);
}


/* An untimed step (a group discussion) waits for the facilitator however
 * long it runs; its seconds are a guide. */
static void test_untimed_step_waits_for_next(void **state)
{
    (void)state;
    static const int lens[3] = {10, 300, 20};
    make_exercise(3, lens);
    steps_buf[1].kind = STEP_GROUP;
    steps_buf[1].untimed = true;
    ExercisePlayer p;
    exercise_start(&p, &ex_buf, T0, 0);
    assert_false(exercise_step_untimed(&p));
    assert_int_equal(exercise_update(&p, T0 + 10000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_step_index(&p), 1);
    assert_true(exercise_step_untimed(&p));
    /* No deadline, so the main loop need not wake for it. */
    assert_int_equal(exercise_next_deadline(&p), 0);
    /* An hour later it is still the current step, the clock counting on
     * past the guide, nothing left to count down. */
    uint64_t hour = T0 + 10000 + 3600000;
    assert_int_equal(exercise_update(&p, hour), 0);
    assert_int_equal(exercise_step_index(&p), 1);
    assert_int_equal(exercise_step_elapsed_ms(&p, hour), 3600000);
    assert_int_equal(exercise_step_remaining_ms(&p, hour), 0);
    assert_int_equal(exercise_total_remaining_ms(&p, hour), 20000);
    /* +30 s has no timer to lengthen. */
    assert_int_equal(exercise_add_time(&p, hour, 30000), 0);
    assert_int_equal(exercise_step_length_ms(&p), 300000);
    /* Pausing still stops its clock. */
    exercise_pause(&p, hour);
    assert_int_equal(exercise_step_elapsed_ms(&p, hour + 60000), 3600000);
    exercise_resume(&p, hour + 60000);
    /* The facilitator moves on: done, not skipped; the next step is timed. */
    assert_int_equal(exercise_next(&p, hour + 60000), EXERCISE_STEP_CHANGED);
    assert_int_equal(exercise_steps_skipped(&p), 0);
    assert_false(exercise_step_untimed(&p));
    assert_int_equal(exercise_next_deadline(&p), hour + 60000 + 20000);
    assert_int_equal(exercise_update(&p, hour + 80000), EXERCISE_FINISHED);
    assert_true(exercise_is_completed(&p));
}

/* Moved on from before half its guide, an untimed step was skipped; after,
 * it was done. */
static void test_untimed_step_skipped_only_before_half_its_guide(void **state)
{
    (void)state;
    static const int lens[2] = {300, 300};
    make_exercise(2, lens);
    steps_buf[0].untimed = true;
    steps_buf[1].untimed = true;
    ExercisePlayer p;
    exercise_start(&p, &ex_buf, T0, 0);
    assert_int_equal(exercise_step_remaining_ms(&p, T0 + 100000), 200000);
    exercise_next(&p, T0 + 149999);
    assert_int_equal(exercise_steps_skipped(&p), 1);
    exercise_next(&p, T0 + 149999 + 150000);
    assert_int_equal(exercise_steps_skipped(&p), 1);
    assert_true(exercise_is_finished(&p));
    /* The last step, untimed, ended by Next: the run reached its end. */
    assert_true(exercise_is_completed(&p));
}

/* Resumed after a power cut on an untimed step, it waits again. */
static void test_untimed_step_after_a_restart(void **state)
{
    (void)state;
    static const int lens[2] = {30, 300};
    make_exercise(2, lens);
    steps_buf[1].untimed = true;
    ExercisePlayer p;
    assert_true(exercise_start(&p, &ex_buf, T0, 1));
    assert_int_equal(exercise_update(&p, T0 + 10000000), 0);
    assert_false(exercise_is_finished(&p));
    assert_int_equal(exercise_end(&p, T0 + 10000000), EXERCISE_FINISHED);
    assert_false(exercise_is_completed(&p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pacer_478_boundaries_over_ten_cycles),
        cmocka_unit_test(test_pacer_shape_from_the_pattern),
        cmocka_unit_test(test_pacer_through_the_player_is_anchored_at_the_step),
        cmocka_unit_test(test_pacer_sizes_follow_a_cosine),
        cmocka_unit_test(test_pacer_skips_zero_holds),
        cmocka_unit_test(test_pacer_stepwise_moves_once_a_second),
        cmocka_unit_test(test_pacer_next_change_for_reduced_motion),
        cmocka_unit_test(test_pause_resumes_the_phase_exactly),
        cmocka_unit_test(test_add_thirty_seconds),
        cmocka_unit_test(test_taking_time_off_ends_the_step),
        cmocka_unit_test(test_next_prev_and_skips),
        cmocka_unit_test(test_next_when_time_is_already_up_is_no_skip),
        cmocka_unit_test(test_several_steps_in_one_update),
        cmocka_unit_test(test_no_drift_with_irregular_updates),
        cmocka_unit_test(test_finish_is_reported_once),
        cmocka_unit_test(test_end_early),
        cmocka_unit_test(test_next_deadline_values),
        cmocka_unit_test(test_next_while_paused_waits_at_the_start),
        cmocka_unit_test(test_resume_from_step_n),
        cmocka_unit_test(test_clock_running_back_is_harmless),
        cmocka_unit_test(test_completed_needs_a_step_played),
        cmocka_unit_test(test_resumed_run_carries_its_skips),
        cmocka_unit_test(test_untimed_step_waits_for_next),
        cmocka_unit_test(test_untimed_step_skipped_only_before_half_its_guide),
        cmocka_unit_test(test_untimed_step_after_a_restart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
