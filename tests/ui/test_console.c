/* The console behind the PIN: it closes itself when left alone, so an
 * unattended tablet at the door is never an open console; and starting
 * something for the room closes it at once. */
#include "harness.h"

#include "core/catalog.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "ui/console.h"
#include "ui/screens.h"

#include <string.h>

#define MIN 60000u

/* Time passes with nobody touching anything. */
static void idle(Harness *hx, uint64_t ms)
{
    hx->app.now += ms;
    hx->app.wall += (int64_t)ms;
    hx_frame(hx);
}

static Harness *console(void)
{
    Harness *hx = hx_new(1280, 800, NULL);
    SessionInfo s;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START, &s),
                     STORE_OK);
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    return hx;
}

static void test_locks_when_left_alone(void **state)
{
    (void)state;
    Harness *hx = console();
    idle(hx, 4 * MIN);
    assert_string_equal(hx_top(hx), "console");
    /* the kiosk is asked to wake for the lock, not left to poll */
    assert_true(hx->app.wake_at > 0 && hx->app.wake_at <= hx->app.now + MIN);
    /* a touch starts the five minutes again, on any screen above it */
    assert_true(hx_tap_target(hx, 7)); /* today's plan */
    assert_string_equal(hx_top(hx), "plan");
    idle(hx, 4 * MIN);
    assert_string_equal(hx_top(hx), "plan");
    idle(hx, MIN);
    assert_string_equal(hx_top(hx), "door");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'console.lock'"), 1);
    /* the session is untouched */
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM sessions WHERE closed IS NULL"), 1);
    hx_free(hx);
}

static void test_the_room_closes_the_console(void **state)
{
    (void)state;
    /* Staff start an exercise for the room: the console closes first
     * (audited), so nothing a client does on the room's screen can lead
     * back into it, and it never stays open behind the room. */
    Harness *hx = console();
    const Exercise *e = catalog_exercise(hx->app.catalog, "progressive-muscle-relaxation");
    assert_non_null(e);
    app_push(&hx->app, exercise_screen_new(&hx->app, e));
    hx_frame(hx);
    assert_true(hx_tap_target(hx, 2)); /* start */
    assert_non_null(app_find(&hx->app, &player_screen_class));
    assert_null(app_find(&hx->app, &console_screen_class));
    assert_string_equal(hx->app.stack[1]->cls->name, "player"); /* right on the door */
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'console.lock' "
                                  "AND detail = 'room'"),
                     1);
    hx_free(hx);
}

static void test_change_the_pin(void **state)
{
    (void)state;
    /* Reports and settings > Change the PIN: the current PIN first, a weak
     * new one refused with the reason, then the new one twice. */
    Harness *hx = console();
    assert_int_equal(gate_set_pin(hx->app.store, "135790", HX_WALL_START), GATE_OK);
    assert_true(hx_tap_target(hx, 5)); /* reports and settings */
    int tile = -1;
    for (int i = 0; i < console_more_tile_count; i++)
        if (console_more_tiles[i] == &pin_tile)
            tile = i;
    assert_true(tile >= 0);
    assert_true(hx_tap_target(hx, 100 + tile));
    assert_string_equal(hx_top(hx), "pin");
    hx_screenshot(hx, "pin-change-old-1280x800");
    hx_type(hx, "135790", 150);
    hx_key(hx, SDLK_RETURN);
    hx_type(hx, "123456", 150);
    hx_key(hx, SDLK_RETURN);
    hx_screenshot(hx, "pin-change-weak-1280x800");
    hx_type(hx, "975310", 150);
    hx_key(hx, SDLK_RETURN);
    hx_type(hx, "975310", 150);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "tools");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'pin.changed'"), 1);
    assert_int_equal(gate_try(hx->app.store, "975310", HX_WALL_START), GATE_OK);
    hx_free(hx);
}

/* Reports and settings > Groups: a group's answers are linked to passes
 * only after a confirmation, and back to anonymous at once. */
static void test_group_privacy(void **state)
{
    (void)state;
    Harness *hx = console();
    assert_true(hx_tap_target(hx, 5)); /* reports and settings */
    assert_string_equal(hx_top(hx), "tools");
    assert_true(hx_tap_target(hx, 101)); /* groups */
    assert_string_equal(hx_top(hx), "groups");
    hx_screenshot(hx, "console-groups-1280x800");
    assert_true(hx_tap_target(hx, 100)); /* the first group's mode */
    assert_string_equal(hx_top(hx), "confirm");
    hx_screenshot(hx, "console-groups-confirm-1280x800");
    assert_true(hx_tap_target(hx, 2)); /* keep anonymous */
    assert_int_equal(hx_count(hx, "SELECT anonymous FROM groups"), 1);
    assert_true(hx_tap_target(hx, 100));
    assert_true(hx_tap_target(hx, 1)); /* link to passes */
    assert_string_equal(hx_top(hx), "groups");
    assert_int_equal(hx_count(hx, "SELECT anonymous FROM groups"), 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'group.ratings'"), 1);
    for (int i = 0; i < hx_nsizes; i++) {
        char name[96];
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        snprintf(name, sizeof name, "console-groups-linked-%s", hx_sizes[i].name);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 1280, 800);
    assert_true(hx_tap_target(hx, 100)); /* back to anonymous: no question */
    assert_string_equal(hx_top(hx), "groups");
    assert_int_equal(hx_count(hx, "SELECT anonymous FROM groups"), 1);
    hx_free(hx);
}

/* A program with many groups over the years: every one of them is on the
 * Groups screen, page after page, and the last one can be switched (the
 * screen once listed the first 64 alphabetically and no more). */
static void test_many_groups_page_through(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    SessionInfo s;
    for (int i = 0; i < 90; i++) {
        char name[32];
        snprintf(name, sizeof name, "Group %03d", i);
        assert_int_equal(store_session_open(hx->app.store, name, HX_WALL_START + i, &s), STORE_OK);
        assert_int_equal(store_session_close(hx->app.store, HX_WALL_START + i), STORE_OK);
    }
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    assert_true(hx_tap_target(hx, 5)); /* reports and settings */
    assert_true(hx_tap_target(hx, 101)); /* groups */
    assert_string_equal(hx_top(hx), "groups");
    int pages = 0;
    SDL_Rect r;
    while (!hx_target(hx, 100 + 89, &r) && pages < 90) {
        assert_true(hx_tap_target(hx, 3)); /* more groups */
        pages++;
    }
    assert_true(pages > 1 && pages < 45); /* a page at a time, not three rows */
    hx_screenshot(hx, "console-groups-last-page-800x480");
    assert_true(hx_tap_target(hx, 100 + 89));
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1)); /* link to passes */
    assert_int_equal(hx_count(hx, "SELECT anonymous FROM groups WHERE name = 'Group 089'"), 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM groups WHERE anonymous = 0"), 1);
    /* and back to the first page */
    while (!hx_target(hx, 100, &r) && pages-- > 0)
        assert_true(hx_tap_target(hx, 2)); /* earlier groups */
    assert_true(hx_target(hx, 100, &r));
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locks_when_left_alone),
        cmocka_unit_test(test_the_room_closes_the_console),
        cmocka_unit_test(test_change_the_pin),
        cmocka_unit_test(test_group_privacy),
        cmocka_unit_test(test_many_groups_page_through),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
