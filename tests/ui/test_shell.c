/* The kiosk shell on the dummy driver: first start, door, PIN pad, console,
 * group picker and text entry, at every size, by touch, mouse and keys. */
#include "harness.h"

#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <string.h>

/* Every target lies inside the view, is at least 9 mm on each side, and
 * no two overlap: a finger always knows what it hits. */
static void check_targets(Harness *hx, const char *where)
{
    Screen *s = app_top(&hx->app);
    View *v = &hx->app.views[0];
    Target t[APP_MAX_TARGETS];
    int n = s->cls->targets ? s->cls->targets(&hx->app, s, v, t, APP_MAX_TARGETS) : 0;
    int min = widget_min_touch(v);
    for (int i = 0; i < n; i++) {
        SDL_Rect r = t[i].rect;
        if (r.w == 0 && r.h == 0)
            continue; /* hidden: does not fit */
        if (r.x < 0 || r.y < 0 || r.x + r.w > v->w || r.y + r.h > v->h)
            fail_msg("%s: target %d (%d,%d %dx%d) leaves the %dx%d view", where, t[i].id, r.x,
                     r.y, r.w, r.h, v->w, v->h);
        if (r.w < min || r.h < min)
            fail_msg("%s: target %d is %dx%d px, under 9 mm (%d px)", where, t[i].id, r.w, r.h,
                     min);
        for (int j = i + 1; j < n; j++) {
            SDL_Rect o;
            if (t[j].rect.w && SDL_IntersectRect(&r, &t[j].rect, &o))
                fail_msg("%s: targets %d and %d overlap", where, t[i].id, t[j].id);
        }
    }
}

static void shoot_everywhere(Harness *hx, const char *screen)
{
    for (int i = 0; i < hx_nsizes; i++) {
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        char name[128];
        snprintf(name, sizeof name, "shell-%s-%s", screen, hx_sizes[i].name);
        check_targets(hx, name);
        hx_screenshot(hx, name);
        /* Something was drawn besides the background. */
        SDL_Rect all = {0, 0, hx_sizes[i].w, hx_sizes[i].h};
        double bg = hx_share(hx, all, hx->app.theme.bg, 2);
        /* (a full console leaves a quarter of a portrait screen bare) */
        if (bg > 0.97 || bg < 0.2)
            fail_msg("%s: background covers %.0f%% of the screen", name, bg * 100);
    }
    hx_resize(hx, 1280, 800);
}

static void test_first_start_shows_setup(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    app_push(&hx->app, setup_screen_new(&hx->app));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "setup");
    shoot_everywhere(hx, "setup");
    /* the primary button is amber */
    SDL_Rect start;
    assert_true(hx_target(hx, 1, &start));
    assert_true(hx_share(hx, rect_inset(start, 4), hx->app.theme.accent, 6) > 0.5);
    hx_tap_target(hx, 1);
    assert_string_equal(hx_top(hx), "pin");
    hx_type(hx, "2468", 150);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "pin"); /* too short: still choosing */
    for (int i = 0; i < 4; i++)
        hx_key(hx, SDLK_BACKSPACE);
    hx_type(hx, "246810", 150);
    hx_key(hx, SDLK_RETURN);
    hx_screenshot(hx, "shell-pin-confirm-1280x800");
    hx_type(hx, "246810", 150);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    GateState gs;
    assert_int_equal(gate_state(hx->app.store, &gs), GATE_OK);
    assert_true(gs.pin_set);
    /* the setup screen is gone: back from the console is the door */
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "door");
    hx_free(hx);
}

static void test_door_without_and_with_a_session(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    assert_string_equal(hx_top(hx), "door");
    shoot_everywhere(hx, "door-closed");
    SessionInfo info;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START,
                                        &info),
                     STORE_OK);
    /* the door notices within its two-second poll, no restart needed */
    hx_advance(hx, 2100);
    shoot_everywhere(hx, "door-open");
    hx_free(hx);
}

static void enter_console(Harness *hx, const char *pin)
{
    assert_true(hx_tap_target(hx, 1)); /* Staff */
    assert_string_equal(hx_top(hx), "pin");
    hx_type(hx, pin, 120);
    hx_key(hx, SDLK_RETURN);
}

static void test_pin_pad_by_touch_and_lockout(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    assert_int_equal(gate_set_pin(hx->app.store, "135790", HX_WALL_START), GATE_OK);
    assert_true(hx_tap_target(hx, 1));
    assert_string_equal(hx_top(hx), "pin");
    shoot_everywhere(hx, "pin");
    /* by touch: wrong PIN */
    const char *wrong = "000000";
    for (const char *c = wrong; *c; c++)
        assert_true(hx_tap_target(hx, *c - '0'));
    assert_true(hx_tap_target(hx, 11)); /* OK */
    assert_string_equal(hx_top(hx), "pin");
    /* four more wrong tries lock the pad */
    for (int i = 0; i < 4; i++) {
        hx_type(hx, "111111", 50);
        hx_key(hx, SDLK_RETURN);
    }
    assert_false(hx_target(hx, 5, NULL)); /* keys disabled while locked */
    hx_screenshot(hx, "shell-pin-locked-800x480");
    hx_type(hx, "135790", 50);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "pin");
    hx_advance(hx, 30000);
    assert_true(hx_target(hx, 5, NULL));
    /* the right PIN by touch */
    for (const char *c = "135790"; *c; c++)
        assert_true(hx_tap_target(hx, *c - '0'));
    assert_true(hx_tap_target(hx, 11));
    assert_string_equal(hx_top(hx), "console");
    shoot_everywhere(hx, "console-closed");
    hx_free(hx);
}

static void test_open_a_session_from_the_console(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    enter_console(hx, "135790");
    assert_string_equal(hx_top(hx), "console");
    assert_true(hx_tap_target(hx, 2)); /* Open a session */
    assert_string_equal(hx_top(hx), "grouppick");
    assert_true(hx_tap_target(hx, 2)); /* A new group... */
    assert_string_equal(hx_top(hx), "textentry");
    /* on-screen keys: "D", "b" ... then a real keyboard for the rest */
    assert_true(hx_tap_target(hx, 22)); /* d (row 3, col 3), capitalised first */
    assert_true(hx_tap_target(hx, 1002)); /* space */
    hx_type(hx, "Skills", 100);
    shoot_everywhere(hx, "textentry");
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    SessionInfo info;
    assert_int_equal(store_session_current(hx->app.store, &info), STORE_OK);
    assert_string_equal(info.group_name, "D Skills");
    shoot_everywhere(hx, "console-open");
    /* next time, the group is offered by name */
    assert_true(hx_tap_target(hx, 4)); /* Close the session */
    assert_string_equal(hx_top(hx), "confirm");
    hx_screenshot(hx, "shell-confirm-close-1280x800");
    assert_true(hx_tap_target(hx, 1)); /* yes */
    assert_int_equal(store_session_current(hx->app.store, &info), STORE_NOT_FOUND);
    assert_true(hx_tap_target(hx, 2));
    assert_string_equal(hx_top(hx), "grouppick");
    assert_true(hx_tap_target(hx, 10)); /* the first known group */
    assert_int_equal(store_session_current(hx->app.store, &info), STORE_OK);
    assert_string_equal(info.group_name, "D Skills");
    AuditEntry e[8];
    int n = store_audit_latest(hx->app.store, e, 8);
    assert_true(n >= 4);
    assert_string_equal(e[0].action, "session.open");
    hx_free(hx);
}

static void test_every_group_can_be_picked(void **state)
{
    (void)state;
    /* The picker once held twelve groups and hid what did not fit: the
     * thirteenth could never be picked. Thirty groups on the smallest
     * screen: the pages turn until the last one shows, and it opens. */
    Harness *hx = hx_new(800, 480, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    char id[40];
    for (int i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "Group %02d", i + 1);
        assert_int_equal(store_group_ensure(hx->app.store, name, HX_WALL_START, id), STORE_OK);
    }
    enter_console(hx, "135790");
    assert_true(hx_tap_target(hx, 2)); /* Open a session */
    assert_string_equal(hx_top(hx), "grouppick");
    assert_false(hx_target(hx, 10 + 29, NULL));
    hx_screenshot(hx, "grouppick-page1-800x480");
    int turns = 0;
    while (!hx_target(hx, 10 + 29, NULL) && turns < 30) {
        assert_true(hx_tap_target(hx, 4)); /* More groups */
        turns++;
    }
    assert_true(turns > 0 && turns < 30);
    hx_screenshot(hx, "grouppick-last-page-800x480");
    assert_true(hx_tap_target(hx, 10 + 29));
    SessionInfo info;
    assert_int_equal(store_session_current(hx->app.store, &info), STORE_OK);
    assert_string_equal(info.group_name, "Group 30");
    hx_free(hx);
}

static void test_keyboard_alone(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    /* Tab to "Talk to someone", the language button, then to Staff, Enter */
    hx_key(hx, SDLK_TAB);
    assert_int_equal(hx->app.focus_id, 11);
    hx_key(hx, SDLK_TAB);
    assert_int_equal(hx->app.focus_id, 2);
    hx_key(hx, SDLK_TAB);
    assert_int_equal(hx->app.focus_id, 1);
    hx_screenshot(hx, "shell-door-focus-1280x800");
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "pin");
    hx_type(hx, "135790", 100);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    hx_key(hx, SDLK_TAB); /* back */
    hx_key(hx, SDLK_TAB); /* open a session */
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "grouppick");
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "console");
    /* leave: Shift+Tab to the last target ("reports and settings"), Enter,
     * there the last is "leave the kiosk", Enter, then confirm with Enter */
    hx_key_mod(hx, SDLK_TAB, KMOD_LSHIFT);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "tools");
    hx_key_mod(hx, SDLK_TAB, KMOD_LSHIFT);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "confirm");
    hx->app.focus_visible = false;
    hx_key(hx, SDLK_RETURN);
    assert_true(hx->app.quit);
    hx_free(hx);
}

static void test_language_button_switches_at_once(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    assert_string_equal(i18n_lang(), "en");
    assert_true(hx_tap_target(hx, 2));
    assert_string_equal(i18n_lang(), "es");
    hx_screenshot(hx, "shell-door-es-800x480");
    assert_true(hx_tap_target(hx, 2));
    assert_string_equal(i18n_lang(), "en");
    hx_free(hx);
}

static void test_idle_door_does_not_redraw(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    hx_advance(hx, 100);
    TextCacheStats before = text_cache_stats(hx->app.views[0].text);
    /* a minute of nothing: at most one redraw, for the clock's minute */
    int draws = 0;
    for (int i = 0; i < 60; i++) {
        hx->app.now += 1000;
        hx->app.wall += 1000;
        app_update(&hx->app);
        if (app_draw(&hx->app))
            draws++;
    }
    assert_true(draws <= 1);
    assert_int_equal(hx->app.animating, 0);
    TextCacheStats after = text_cache_stats(hx->app.views[0].text);
    /* a redraw copies cached labels; it renders only the new time */
    if (after.renders - before.renders > 2)
        fail_msg("a minute's redraw rendered %d texts", (int)(after.renders - before.renders));
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_start_shows_setup),
        cmocka_unit_test(test_door_without_and_with_a_session),
        cmocka_unit_test(test_pin_pad_by_touch_and_lockout),
        cmocka_unit_test(test_open_a_session_from_the_console),
        cmocka_unit_test(test_every_group_can_be_picked),
        cmocka_unit_test(test_keyboard_alone),
        cmocka_unit_test(test_language_button_switches_at_once),
        cmocka_unit_test(test_idle_door_does_not_redraw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
