/* The console behind the PIN: it closes itself when left alone, so an
 * unattended tablet at the door is never an open console; and starting
 * something for the room closes it at once. */
#include "harness.h"

#include "core/catalog.h"
#include "store/store_session.h"
#include "core/i18n.h"
#include "store/store_pass.h"
#include "svc/gate.h"
#include "svc/session.h"
#include "ui/console.h"
#include "ui/screens.h"
#include "ui/textlog.h"

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

/* The console's tiles (ids 100.. and "Reports and settings", 5) where
 * they are drawn now: every rect into out, how many. */
static int tile_rects(Harness *hx, SDL_Rect *out)
{
    Screen *s = app_top(&hx->app);
    Target t[APP_MAX_TARGETS];
    int nt = s->cls->targets(&hx->app, s, &hx->app.views[0], t, APP_MAX_TARGETS), n = 0;
    /* disabled ones too: a tile needing a session stays in its slot */
    for (int id = 0; id <= console_tile_count; id++) {
        int want = id < console_tile_count ? 100 + id : 5;
        bool found = false;
        for (int i = 0; i < nt && !found; i++)
            if (t[i].id == want) {
                out[n++] = t[i].rect;
                found = true;
            }
        if (!found)
            fail_msg("tile %d is not there", want);
    }
    return n;
}

/* The console polls the store every two seconds. */
static void poll(Harness *hx)
{
    hx_advance(hx, 2100);
    hx_frame(hx);
}

/* Every text the console draws now is whole: none cut at its box, no
 * word sticking out, none over another. */
static void whole_text(Harness *hx, const char *when)
{
    const TextLog *drawn = hx_drawn(hx, false);
    for (int i = 0; i < drawn->n; i++) {
        const ScreenText *t = &drawn->items[i];
        if (t->cut || t->wide_word)
            fail_msg("%s: \"%s\" is cut", when, t->text);
        for (int k = i + 1; k < drawn->n; k++) {
            SDL_Rect o;
            if (SDL_IntersectRect(&t->box, &drawn->items[k].box, &o) && o.w > 1 && o.h > 1)
                fail_msg("%s: \"%s\" overlaps \"%s\"", when, t->text, drawn->items[k].text);
        }
    }
}

static void same_tiles(Harness *hx, const SDL_Rect *want, int n, const char *when)
{
    SDL_Rect now[CONSOLE_MAX_TILES + 1];
    assert_int_equal(tile_rects(hx, now), n);
    for (int i = 0; i < n; i++)
        if (memcmp(&now[i], &want[i], sizeof now[i]) != 0)
            fail_msg("%s: tile %d moved from %d,%d %dx%d to %d,%d %dx%d", when, i, want[i].x,
                     want[i].y, want[i].w, want[i].h, now[i].x, now[i].y, now[i].w, now[i].h);
}

/* A tap aimed at a tile lands on that tile whatever happened meanwhile:
 * the tiles have fixed slots and the alert from the door its own band,
 * at every size; none is cut by the alert or off the screen. */
static void test_tiles_keep_their_places(void **state)
{
    (void)state;
    static const struct {
        int w, h, scale;
        const char *lang;
    } sizes[] = {{1280, 800, 100, "en"}, {800, 480, 150, "es"}, {480, 800, 150, "en"},
                 {1920, 1080, 125, "es"}, {800, 480, 100, "en"}};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        Harness *hx = hx_new(800, 480, NULL);
        hx->app.settings.text_scale = sizes[z].scale;
        i18n_set_lang(sizes[z].lang);
        snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", sizes[z].lang);
        hx_resize(hx, sizes[z].w, sizes[z].h);
        SessionInfo s;
        assert_int_equal(
            store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START, &s), STORE_OK);
        app_push(&hx->app, console_screen_new(&hx->app));
        hx_frame(hx);
        SDL_Rect want[CONSOLE_MAX_TILES + 1];
        int n = tile_rects(hx, want);
        for (int i = 0; i < n; i++)
            assert_true(want[i].x >= 0 && want[i].y >= 0 && want[i].x + want[i].w <= sizes[z].w &&
                        want[i].y + want[i].h <= sizes[z].h);
        char when[160];
        snprintf(when, sizeof when, "%dx%d %d%% %s", sizes[z].w, sizes[z].h, sizes[z].scale,
                 sizes[z].lang);

        /* someone at the door asks for a staff member: the alert shows in
         * its band, the tiles stay */
        assert_int_equal(store_staff_request_add(hx->app.store, s.id, NULL, hx->app.wall),
                         STORE_OK);
        poll(hx);
        SDL_Rect seen;
        assert_true(hx_target(hx, 6, &seen)); /* "Seen": the alert is up */
        same_tiles(hx, want, n, when);
        whole_text(hx, when);
        char shot[64];
        snprintf(shot, sizeof shot, "console-alert-%dx%d-%d", sizes[z].w, sizes[z].h,
                 sizes[z].scale);
        hx_screenshot(hx, shot);
        /* seen: gone, the tiles stay */
        assert_true(hx_tap_target(hx, 6));
        hx_frame(hx);
        assert_false(hx_target(hx, 6, &seen));
        same_tiles(hx, want, n, when);
        /* the session closes: the tiles stay */
        assert_int_equal(session_finish(hx->app.store, hx->app.wall, NULL), STORE_OK);
        poll(hx);
        SDL_Rect open;
        assert_true(hx_target(hx, 2, &open)); /* "Open a session" */
        same_tiles(hx, want, n, when);
        whole_text(hx, when);
        snprintf(shot, sizeof shot, "console-closed-%dx%d-%d", sizes[z].w, sizes[z].h,
                 sizes[z].scale);
        hx_screenshot(hx, shot);
        /* a new session opens: still there */
        assert_int_equal(
            store_session_open(hx->app.store, "DBT Skills - Tue AM", hx->app.wall, &s), STORE_OK);
        poll(hx);
        same_tiles(hx, want, n, when);
        i18n_set_lang("en");
        hx_free(hx);
    }
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
        cmocka_unit_test(test_tiles_keep_their_places),
        cmocka_unit_test(test_locks_when_left_alone),
        cmocka_unit_test(test_the_room_closes_the_console),
        cmocka_unit_test(test_change_the_pin),
        cmocka_unit_test(test_group_privacy),
        cmocka_unit_test(test_many_groups_page_through),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
