/* Today's plan on the console: choose it, see the current block and its
 * time, move on, start what the block offers, and correct a block tapped
 * too early; at every size, by touch and by keys. */
#include "harness.h"

#include "core/catalog.h"
#include "store/store_session.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <string.h>

/* the console's and the plan screen's target ids (screen_console.c,
 * screen_plan.c) */
enum { C_PLAN = 7, C_NEXT_BLOCK = 8, C_BLOCK_ACTION = 9 };
enum { P_NONE = 2, P_LATER = 4, P_ACTION = 5, P_PLAN0 = 100, P_BLOCK0 = 200 };

#define MIN 60000

static Harness *console_with_session(int w, int h)
{
    Harness *hx = hx_new(w, h, NULL);
    SessionInfo s;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START, &s),
                     STORE_OK);
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "console");
    return hx;
}

static int plan_index(Harness *hx, const char *id)
{
    for (int i = 0; i < catalog_plan_count(hx->app.catalog); i++)
        if (!strcmp(catalog_plan_at(hx->app.catalog, i)->id, id))
            return i;
    fail_msg("no plan %s in data/plans", id);
    return -1;
}

/* Time passes on both clocks (minutes at once: nothing animates here). */
static void pass_minutes(Harness *hx, int minutes)
{
    hx->app.now += (uint64_t)minutes * MIN;
    hx->app.wall += (int64_t)minutes * MIN;
    /* the facilitator has been using the console meanwhile (it locks when
     * left alone: test_console) */
    hx->app.last_input = hx->app.now;
    hx_advance(hx, 100);
}

static void shoot(Harness *hx, const char *what)
{
    for (int i = 0; i < hx_nsizes; i++) {
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        Screen *s = app_top(&hx->app);
        View *v = &hx->app.views[0];
        Target t[APP_MAX_TARGETS];
        int n = s->cls->targets(&hx->app, s, v, t, APP_MAX_TARGETS);
        for (int k = 0; k < n; k++) {
            SDL_Rect r = t[k].rect;
            if (!r.w && !r.h)
                continue;
            if (r.x < 0 || r.y < 0 || r.x + r.w > v->w || r.y + r.h > v->h)
                fail_msg("%s at %s: target %d leaves the view", what, hx_sizes[i].name, t[k].id);
            if (r.w < widget_min_touch(v) || r.h < widget_min_touch(v))
                fail_msg("%s at %s: target %d under 9 mm", what, hx_sizes[i].name, t[k].id);
            for (int j = k + 1; j < n; j++) {
                SDL_Rect o;
                if (t[j].rect.w && SDL_IntersectRect(&r, &t[j].rect, &o))
                    fail_msg("%s at %s: targets %d and %d overlap", what, hx_sizes[i].name,
                             t[k].id, t[j].id);
            }
        }
        char name[128];
        snprintf(name, sizeof name, "plan-%s-%s", what, hx_sizes[i].name);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 1280, 800);
}

static void test_choose_a_plan_and_follow_it(void **state)
{
    (void)state;
    Harness *hx = console_with_session(1280, 800);
    /* no plan yet: the card says so, no "next block" */
    assert_false(hx_target(hx, C_NEXT_BLOCK, NULL));
    shoot(hx, "console-none");
    assert_true(hx_tap_target(hx, C_PLAN));
    assert_string_equal(hx_top(hx), "plan");
    shoot(hx, "choose");
    int iop = plan_index(hx, "iop-three-hours");
    assert_true(hx_tap_target(hx, P_PLAN0 + iop));
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM sessions WHERE plan = 'iop-three-hours' "
                                  "AND plan_block = 0 AND closed IS NULL"),
                     1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'plan.choose'"), 1);
    /* choosing the same plan again keeps its place */
    pass_minutes(hx, 2);
    assert_true(hx_tap_target(hx, P_PLAN0 + iop));
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'plan.choose'"), 1);
    /* the first block is a mood round: the plan screen offers to start it */
    assert_true(hx_target(hx, P_ACTION, NULL));
    shoot(hx, "agenda");
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "console");

    /* the console shows the block, its minutes and what it offers */
    assert_true(hx_target(hx, C_BLOCK_ACTION, NULL));
    assert_true(hx_target(hx, C_NEXT_BLOCK, NULL));
    shoot(hx, "console-block1");
    assert_true(hx_tap_target(hx, C_BLOCK_ACTION));
    assert_string_equal(hx_top(hx), "round");
    /* the round for the room closed the console: held, confirmed and done,
     * it leads to the door; staff come back with the PIN */
    assert_null(app_find(&hx->app, &console_screen_class));
    assert_true(hx_hold_target(hx, 101, APP_HOLD_MS + 100));
    assert_true(hx_tap_target(hx, 1)); /* end the round */
    assert_true(hx_tap_target(hx, 103)); /* done */
    assert_string_equal(hx_top(hx), "door");
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);

    /* next, next, next: the fourth block suggests paced breathing */
    for (int i = 0; i < 3; i++) {
        pass_minutes(hx, 3);
        assert_true(hx_tap_target(hx, C_NEXT_BLOCK));
    }
    assert_int_equal(hx_count(hx, "SELECT plan_block FROM sessions WHERE closed IS NULL"), 3);
    /* it runs past its ten minutes: the card says so in the warm colour */
    pass_minutes(hx, 12);
    shoot(hx, "console-over");
    assert_true(hx_tap_target(hx, C_BLOCK_ACTION));
    assert_string_equal(hx_top(hx), "exercise");
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "console");

    /* a block tapped too early is put right on the plan screen */
    assert_true(hx_tap_target(hx, C_NEXT_BLOCK));
    assert_int_equal(hx_count(hx, "SELECT plan_block FROM sessions WHERE closed IS NULL"), 4);
    assert_true(hx_tap_target(hx, C_PLAN));
    assert_true(hx_tap_target(hx, P_BLOCK0 + 3));
    assert_int_equal(hx_count(hx, "SELECT plan_block FROM sessions WHERE closed IS NULL"), 3);
    hx_free(hx);
}

static void test_the_plan_survives_a_restart(void **state)
{
    (void)state;
    Harness *hx = console_with_session(800, 480);
    char path[512];
    snprintf(path, sizeof path, "%s", hx->db_path);
    assert_true(hx_tap_target(hx, C_PLAN));
    assert_true(hx_tap_target(hx, P_PLAN0 + plan_index(hx, "skills-group-90")));
    hx_key(hx, SDLK_ESCAPE);
    assert_true(hx_tap_target(hx, C_NEXT_BLOCK));
    hx_free(hx);

    /* the kiosk starts again: the console comes back on the same block */
    hx = hx_new(800, 480, path);
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    assert_int_equal(hx_count(hx, "SELECT plan_block FROM sessions WHERE closed IS NULL"), 1);
    assert_true(hx_target(hx, C_NEXT_BLOCK, NULL));
    hx_free(hx);
}

static void test_keyboard_alone(void **state)
{
    (void)state;
    Harness *hx = console_with_session(1920, 1080);
    /* Tab to the plan card and open it with Enter, choose by Tab and Enter */
    for (int i = 0; i < 12 && strcmp(hx_top(hx), "plan") != 0; i++) {
        hx_key(hx, SDLK_TAB);
        if (hx->app.focus_id == C_PLAN)
            hx_key(hx, SDLK_RETURN);
    }
    assert_string_equal(hx_top(hx), "plan");
    int want = P_PLAN0 + plan_index(hx, "relapse-prevention-60");
    for (int i = 0; i < 12 && hx->app.focus_id != want; i++)
        hx_key(hx, SDLK_TAB);
    assert_int_equal(hx->app.focus_id, want);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(
        hx_count(hx, "SELECT count(*) FROM sessions WHERE plan = 'relapse-prevention-60'"), 1);
    /* "no plan" clears it */
    assert_true(hx_tap_target(hx, P_NONE));
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM sessions WHERE plan IS NULL"), 1);
    hx_free(hx);
}

/* Share of the strip at the top of the facilitator's notes card drawn in
 * the muted text colour: the session block's line, when there is one. */
static double block_line_ink(Harness *hx)
{
    View *v = &hx->app.views[0];
    SDL_Rect strip = {v->w * 2 / 3, v->h / 8, v->w / 3 - 10, v->h / 8};
    return hx_share(hx, strip, hx->app.theme.text_muted, 30) +
           hx_share(hx, strip, hx->app.theme.attention, 30);
}

static void test_the_player_shows_the_block_time(void **state)
{
    (void)state;
    /* the facilitator's tablet and the room's TV, a plan on its fourth block */
    Harness *hx = console_with_session(1280, 800);
    hx_add_room_view(hx, 1920, 1080);
    const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
    assert_non_null(e);
    app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
    hx_advance(hx, 500);
    hx_screenshot(hx, "plan-player-no-plan-1280x800");
    double without = block_line_ink(hx);
    app_pop(&hx->app);

    assert_int_equal(store_session_set_plan(hx->app.store, "iop-three-hours", hx->app.wall),
                     STORE_OK);
    assert_int_equal(store_session_set_block(hx->app.store, 3, hx->app.wall), STORE_OK);
    pass_minutes(hx, 6);
    app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
    hx_advance(hx, 500);
    hx_screenshot(hx, "plan-player-block-1280x800");
    hx_screenshot_room(hx, "plan-player-block-room-1920x1080");
    double with = block_line_ink(hx);
    if (!(with > without + 0.01))
        fail_msg("no block line on the notes: %.3f of the strip inked, %.3f without a plan",
                 with, without);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose_a_plan_and_follow_it),
        cmocka_unit_test(test_the_plan_survives_a_restart),
        cmocka_unit_test(test_keyboard_alone),
        cmocka_unit_test(test_the_player_shows_the_block_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
