/* Where a session stands in its plan: the arithmetic the console and the
 * player show, and the block kept in the database across a restart. */
#include "testkit.h"

#include "core/plan.h"
#include "store/store_session.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>

#define MIN 60000LL
#define T0 1764000000000LL /* a wall clock, 2025-11 */

static PlanBlock blocks[4];
static Plan plan;

static const Plan *make_plan(void)
{
    static const int minutes[4] = {10, 20, 15, 5};
    memset(blocks, 0, sizeof blocks);
    for (int i = 0; i < 4; i++) {
        blocks[i].kind = BLOCK_PRACTICE;
        blocks[i].minutes = minutes[i];
        blocks[i].title = (Text){{"Block", "Bloque"}};
    }
    memset(&plan, 0, sizeof plan);
    plan.blocks = blocks;
    plan.nblocks = 4;
    plan.total_minutes = 50;
    return &plan;
}

static void test_first_block_on_time(void **state)
{
    (void)state;
    PlanPosition p;
    assert_true(plan_position(make_plan(), 0, T0, NULL, T0 + 4 * MIN, &p));
    assert_int_equal(p.block, 0);
    assert_ptr_equal(p.current, &blocks[0]);
    assert_ptr_equal(p.next, &blocks[1]);
    assert_int_equal(p.elapsed_ms, 4 * MIN);
    assert_int_equal(p.planned_ms, 10 * MIN);
    assert_false(p.over);
    /* on plan: the whole 50 minutes from the start */
    assert_int_equal(p.ends_at_ms, T0 + 50 * MIN);
    assert_int_equal(p.block_start_ms[1], T0 + 10 * MIN);
    assert_int_equal(p.block_start_ms[3], T0 + 45 * MIN);
}

static void test_a_block_past_its_time_pushes_the_rest(void **state)
{
    (void)state;
    PlanPosition p;
    /* block 1 (20 min) started at T0 and has run 26 minutes */
    assert_true(plan_position(make_plan(), 1, T0, NULL, T0 + 26 * MIN, &p));
    assert_true(p.over);
    assert_int_equal(p.elapsed_ms, 26 * MIN);
    /* the rest starts now: 15 + 5 minutes from here */
    assert_int_equal(p.block_start_ms[2], T0 + 26 * MIN);
    assert_int_equal(p.ends_at_ms, T0 + 46 * MIN);
    /* the block before: with no record its start is unknown, never made
     * up from the planned minutes */
    assert_int_equal(p.block_start_ms[0], 0);
    /* exactly on its planned length is not over */
    assert_true(plan_position(make_plan(), 1, T0, NULL, T0 + 20 * MIN, &p));
    assert_false(p.over);
}

static void test_last_block_and_clamping(void **state)
{
    (void)state;
    PlanPosition p;
    assert_true(plan_position(make_plan(), 9, T0, NULL, T0 + MIN, &p));
    assert_int_equal(p.block, 3);
    assert_null(p.next);
    assert_int_equal(p.ends_at_ms, T0 + 5 * MIN);
    assert_true(plan_position(make_plan(), -2, T0, NULL, T0, &p));
    assert_int_equal(p.block, 0);
    /* an unknown start (0) or one in the future counts as now */
    assert_true(plan_position(make_plan(), 0, 0, NULL, T0, &p));
    assert_int_equal(p.elapsed_ms, 0);
    assert_true(plan_position(make_plan(), 0, T0 + MIN, NULL, T0, &p));
    assert_int_equal(p.elapsed_ms, 0);
    assert_false(plan_position(NULL, 0, T0, NULL, T0, &p));
    Plan empty = {0};
    assert_false(plan_position(&empty, 0, T0, NULL, T0, &p));
}

static void test_the_block_survives_a_restart(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    SessionInfo info;
    /* no session: nothing to set */
    assert_int_equal(store_session_set_plan(s, "iop-three-hours", T0), STORE_NOT_FOUND);
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", T0, &info), STORE_OK);
    assert_string_equal(info.plan, "");
    /* no plan yet: no block to move to */
    assert_int_equal(store_session_set_block(s, 2, T0), STORE_NOT_FOUND);
    assert_int_equal(store_session_set_plan(s, "iop-three-hours", T0 + MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_string_equal(info.plan, "iop-three-hours");
    assert_int_equal(info.plan_block, 0);
    assert_int_equal(info.plan_block_started, T0 + MIN);
    assert_int_equal(store_session_set_block(s, 3, T0 + 30 * MIN), STORE_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s", store_path(s));
    store_close(s);

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_int_equal(info.plan_block, 3);
    assert_int_equal(info.plan_block_started, T0 + 30 * MIN);
    /* another plan starts again at its first block; none clears it */
    assert_int_equal(store_session_set_plan(s, "skills-group-90", T0 + 40 * MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_int_equal(info.plan_block, 0);
    assert_int_equal(store_session_set_plan(s, NULL, T0 + 41 * MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_string_equal(info.plan, "");
    assert_int_equal(info.plan_block_started, 0);
    store_close(s);
}

/* Moving on records what happened: earlier starts stay as they were,
 * blocks gone past unstarted are skipped, and a block tapped too early is
 * put right without making up a start. */
static void test_moving_on_keeps_the_past(void **state)
{
    (void)state;
    PlanRecord rec;
    plan_record_begin(&rec, T0);
    /* block 0 ran 12 minutes; then straight to block 2: 1 is skipped */
    assert_int_equal(plan_record_move(&rec, 0, 2, T0 + 12 * MIN), T0 + 12 * MIN);
    assert_int_equal(rec.started_ms[0], T0);
    assert_int_equal(rec.ended_ms[0], T0 + 12 * MIN);
    assert_true(rec.skipped[1]);
    assert_int_equal(rec.started_ms[1], 0);
    PlanPosition p;
    assert_true(plan_position(make_plan(), 2, T0 + 12 * MIN, &rec, T0 + 20 * MIN, &p));
    assert_int_equal(p.block_start_ms[0], T0); /* not 2 x planned minutes back */
    assert_true(p.skipped[1]);
    assert_false(p.skipped[0]);
    /* 3 tapped too early, then back to 2: 2 keeps its start, 3 is to come */
    plan_record_move(&rec, 2, 3, T0 + 21 * MIN);
    assert_int_equal(plan_record_move(&rec, 3, 2, T0 + 22 * MIN), T0 + 12 * MIN);
    assert_int_equal(rec.ended_ms[2], 0);
    assert_int_equal(rec.started_ms[3], 0);

    /* the same through the service, kept in the database */
    Store *s = tk_store_new();
    SessionInfo info;
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", T0, &info), STORE_OK);
    assert_int_equal(session_move_block(s, 2, T0), STORE_NOT_FOUND); /* no plan */
    assert_int_equal(session_choose_plan(s, "iop-three-hours", T0), STORE_OK);
    assert_int_equal(session_move_block(s, 1, T0 + 5 * MIN), STORE_OK);
    assert_int_equal(session_move_block(s, 4, T0 + 9 * MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_int_equal(info.plan_block, 4);
    assert_int_equal(info.plan_block_started, T0 + 9 * MIN);
    assert_int_equal(session_plan_record(s, &info, NULL, &rec), STORE_OK);
    assert_int_equal(rec.started_ms[0], T0);
    assert_int_equal(rec.ended_ms[0], T0 + 5 * MIN);
    assert_int_equal(rec.started_ms[1], T0 + 5 * MIN);
    assert_true(rec.skipped[2] && rec.skipped[3]);
    assert_false(rec.skipped[1] || rec.skipped[4]);
    assert_false(rec.done);
    /* another plan starts a record of its own */
    assert_int_equal(session_choose_plan(s, "skills-group-90", T0 + 30 * MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_int_equal(session_plan_record(s, &info, NULL, &rec), STORE_OK);
    assert_int_equal(rec.started_ms[0], T0 + 30 * MIN);
    assert_false(rec.skipped[2]);
    /* ...and what happened under the first stays as it was */
    assert_int_equal(store_plan_record_load(s, info.id, "iop-three-hours", &rec), STORE_OK);
    assert_int_equal(rec.started_ms[0], T0);
    assert_int_equal(rec.started_ms[4], T0 + 9 * MIN);
    assert_true(rec.skipped[2] && rec.skipped[3]);
    /* no plan for a while, then back to the first: it goes on from the
     * block it had begun, with that block's own start; nothing rewritten */
    assert_int_equal(session_choose_plan(s, NULL, T0 + 40 * MIN), STORE_OK);
    assert_int_equal(store_plan_record_load(s, info.id, "skills-group-90", &rec), STORE_OK);
    assert_int_equal(rec.started_ms[0], T0 + 30 * MIN);
    assert_int_equal(session_choose_plan(s, "iop-three-hours", T0 + 50 * MIN), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_int_equal(info.plan_block, 4);
    assert_int_equal(info.plan_block_started, T0 + 9 * MIN);
    assert_int_equal(session_plan_record(s, &info, NULL, &rec), STORE_OK);
    assert_int_equal(rec.started_ms[0], T0);
    assert_int_equal(rec.ended_ms[0], T0 + 5 * MIN);
    assert_true(rec.skipped[2] && rec.skipped[3]);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_block_on_time),
        cmocka_unit_test(test_a_block_past_its_time_pushes_the_rest),
        cmocka_unit_test(test_last_block_and_clamping),
        cmocka_unit_test(test_the_block_survives_a_restart),
        cmocka_unit_test(test_moving_on_keeps_the_past),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
