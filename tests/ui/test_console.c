/* The console behind the PIN: it closes itself when left alone, so an
 * unattended tablet at the door is never an open console; never while the
 * room is in an exercise or a round started from it. */
#include "harness.h"

#include "core/catalog.h"
#include "store/store_session.h"
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

static void test_never_during_an_exercise(void **state)
{
    (void)state;
    Harness *hx = console();
    const Exercise *e = catalog_exercise(hx->app.catalog, "progressive-muscle-relaxation");
    assert_non_null(e);
    app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
    hx_frame(hx);
    for (int i = 0; i < 8; i++)
        idle(hx, MIN);
    assert_string_equal(hx_top(hx), "player");
    assert_non_null(app_find(&hx->app, &console_screen_class));
    /* once the room is done and back on the console, the clock runs */
    app_pop(&hx->app);
    assert_string_equal(hx_top(hx), "console");
    hx_key(hx, SDLK_TAB);
    idle(hx, 5 * MIN);
    assert_string_equal(hx_top(hx), "door");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locks_when_left_alone),
        cmocka_unit_test(test_never_during_an_exercise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
