/* The skills library and the player: every step kind, paused, the pacer's
 * radius from pixels at known instants, the run recorded. */
#include "harness.h"

#include "core/catalog.h"
#include "core/exercise.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "ui/screens.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The player's target ids (screen_player.c). */
enum { P_PREV = 1, P_PAUSE = 2, P_NEXT = 3, P_ADD = 4, P_PEEK = 5, P_END = 6, P_DONE = 7 };

static const Exercise *find_with_kind(Harness *hx, StepKind kind, int *step)
{
    for (int i = 0; i < catalog_exercise_count(hx->app.catalog); i++) {
        const Exercise *e = catalog_exercise_at(hx->app.catalog, i);
        for (int k = 0; k < e->nsteps; k++) {
            if (e->steps[k].kind == kind) {
                *step = k;
                return e;
            }
        }
    }
    return NULL;
}

static int count_runs(Harness *hx, const char *where)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM exercise_runs WHERE %s", where);
    return hx_count(hx, sql);
}

static void test_library_to_player(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    assert_true(catalog_exercise_count(hx->app.catalog) >= 16);
    app_push(&hx->app, library_screen_new(&hx->app));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "library");
    for (int i = 0; i < hx_nsizes; i++) {
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        char name[64];
        snprintf(name, sizeof name, "player-library-%s", hx_sizes[i].name);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 1280, 800);
    /* filter by a module: distress tolerance (module index 1, target 12) */
    assert_true(hx_tap_target(hx, 12));
    hx_screenshot(hx, "player-library-distress-1280x800");
    /* open the first card */
    assert_true(hx_tap_target(hx, 100));
    assert_string_equal(hx_top(hx), "exercise");
    hx_screenshot(hx, "player-exercise-1280x800");
    hx_resize(hx, 800, 480);
    hx_screenshot(hx, "player-exercise-800x480");
    hx_resize(hx, 1280, 800);
    /* start without ratings (target 3) or plainly (target 2) */
    if (!hx_tap_target(hx, 3))
        assert_true(hx_tap_target(hx, 2));
    assert_string_equal(hx_top(hx), "player");
    assert_int_equal(count_runs(hx, "ended IS NULL"), 1);
    hx_free(hx);
}

static Screen *start_player(Harness *hx, const Exercise *e, int step)
{
    Screen *s = player_screen_new(&hx->app, e, false, 0, NULL);
    app_push(&hx->app, s);
    hx_frame(hx);
    for (int i = 0; i < step; i++)
        hx_key(hx, SDLK_RIGHT);
    return s;
}

static void test_each_step_kind_and_pause(void **state)
{
    (void)state;
    static const StepKind kinds[] = {STEP_READ, STEP_BREATHE, STEP_SILENT, STEP_PAIRS, STEP_GROUP};
    static const char *const names[] = {"read", "breathe", "silent", "pairs", "group"};
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"},
                                   {3840, 2160, "3840x2160"}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
            int step;
            const Exercise *e = find_with_kind(hx, kinds[k], &step);
            assert_non_null(e);
            start_player(hx, e, step);
            hx_advance(hx, 1500);
            char name[96];
            snprintf(name, sizeof name, "player-%s-%s", names[k], sizes[z].name);
            hx_screenshot(hx, name);
            if (kinds[k] == STEP_BREATHE || kinds[k] == STEP_READ) {
                hx_key(hx, SDLK_SPACE);
                assert_int_equal(hx->app.animating, 0); /* asleep when paused */
                snprintf(name, sizeof name, "player-%s-paused-%s", names[k], sizes[z].name);
                hx_screenshot(hx, name);
            }
            hx_free(hx);
        }
    }
}

/* The pacer's disc is the only bluish, mid-bright thing on the screen:
 * not the amber ring, not the dark track, not white or dark text. */
static bool disc_pixel(Harness *hx, int x, int y)
{
    SDL_Color c = hx_pixel(hx, x, y);
    return c.b > 95 && c.r < 180 && c.b > c.r + 20;
}

/* Along a line through (x, y) in direction (dx, dy): the run of disc
 * pixels containing the point, bridging gaps of up to 24 px (the words
 * drawn on the disc). */
static void disc_run(Harness *hx, int x, int y, int dx, int dy, int *lo, int *hi)
{
    int n = dx ? hx->surface->w : hx->surface->h;
    int at = dx ? x : y;
    int a = at, b = at, gap = 0;
    for (int i = at - 1; i >= 0 && gap <= 24; i--) {
        if (disc_pixel(hx, dx ? i : x, dy ? i : y)) {
            a = i;
            gap = 0;
        } else {
            gap++;
        }
    }
    gap = 0;
    for (int i = at + 1; i < n && gap <= 24; i++) {
        if (disc_pixel(hx, dx ? i : x, dy ? i : y)) {
            b = i;
            gap = 0;
        } else {
            gap++;
        }
    }
    *lo = a;
    *hi = b;
}

/* The disc's exact centre from the full disc: chords that miss the words
 * drawn on it (a column right of centre, a row above it) have their
 * midpoints on the centre lines. */
static void disc_centre(Harness *hx, int *cx, int *cy, int *r)
{
    int lo, hi;
    for (int pass = 0; pass < 3; pass++) {
        disc_run(hx, *cx, *cy, 0, 1, &lo, &hi);
        *cy = (lo + hi) / 2;
        disc_run(hx, *cx, *cy, 1, 0, &lo, &hi);
        *cx = (lo + hi) / 2;
    }
    *r = (hi - lo + 1) / 2;
    int col = *cx + *r * 6 / 10, row = *cy - *r * 55 / 100;
    disc_run(hx, col, *cy, 0, 1, &lo, &hi);
    *cy = (lo + hi) / 2;
    disc_run(hx, *cx, row, 1, 0, &lo, &hi);
    *cx = (lo + hi) / 2;
}

/* The radius: from the centre up to the disc's top edge, scanning down
 * from above the largest disc (the words sit near the centre, never at the
 * top edge). */
static int disc_radius_at(Harness *hx, int cx, int cy, int r_max)
{
    int y = cy - r_max - 20 < 0 ? 0 : cy - r_max - 20;
    while (y < cy && !disc_pixel(hx, cx, y))
        y++;
    return cy - y;
}

static void test_pacer_radius_from_pixels(void **state)
{
    (void)state;
    Harness *hx = hx_new(1920, 1080, NULL);
    /* start straight on a breathe step, so it begins at a known instant */
    const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
    assert_non_null(e);
    int first = -1;
    for (int i = 0; i < e->nsteps && first < 0; i++)
        if (e->steps[i].kind == STEP_BREATHE)
            first = i;
    assert_true(first >= 0);
    Screen *s = player_screen_new(&hx->app, e, false, first, "");
    app_push(&hx->app, s);
    hx_frame(hx);
    assert_true(hx->app.animating > 0);
    const int *pat = e->steps[first].pattern;
    int64_t cycle = (pat[0] + pat[1] + pat[2] + pat[3]) * 1000;

    /* at the end of the in-breath the disc is full; find it */
    hx_advance(hx, (uint64_t)pat[0] * 1000);
    int cx = 0, cy = 0;
    for (int y = 100; y < 1000 && !cx; y += 8)
        for (int x = 960; x < 1900 && !cx; x += 8)
            if (disc_pixel(hx, x, y)) {
                cx = x + 40;
                cy = y + 40;
            }
    assert_true(cx > 0);
    int r_guess;
    disc_centre(hx, &cx, &cy, &r_guess);
    int r_full = disc_radius_at(hx, cx, cy, 500);
    assert_true(r_full > r_guess / 2 && r_full > 100);
    hx_screenshot(hx, "player-pacer-full-1920x1080");

    /* a whole cycle later, the same instant of the pattern: the same
     * radius, so the pacer never drifts */
    hx_advance(hx, (uint64_t)cycle);
    int r_again = disc_radius_at(hx, cx, cy, r_full);
    if (abs(r_again - r_full) > 1)
        fail_msg("a cycle later the radius is %d, not %d", r_again, r_full);

    /* halfway through the out-breath, the cosine ease is at 0.5 */
    hx_advance(hx, (uint64_t)(pat[1] * 1000 + pat[2] * 500));
    hx_screenshot(hx, "player-pacer-half-1920x1080");
    int r_half = disc_radius_at(hx, cx, cy, r_full);
    /* the end of the out-breath: the smallest */
    hx_advance(hx, (uint64_t)(pat[2] * 500));
    hx_screenshot(hx, "player-pacer-small-1920x1080");
    int r_small = disc_radius_at(hx, cx, cy, r_full);
    if (!(r_small < r_half && r_half < r_full))
        fail_msg("radii: small %d, half %d, full %d", r_small, r_half, r_full);
    int expect_half = (r_small + r_full) / 2;
    if (abs(r_half - expect_half) > 3)
        fail_msg("half-way radius %d, expected about %d (small %d, full %d)", r_half, expect_half,
                 r_small, r_full);
    /* the smallest disc is a third of the full one (rmin = 0.32 of the
     * inner radius, rmax = 0.98) */
    assert_true(abs(r_small * 98 - r_full * 32) <= 3 * 98);

    /* paused: no animation, and the radius stays put */
    hx_key(hx, SDLK_SPACE);
    hx_advance(hx, 3000);
    assert_int_equal(hx->app.animating, 0);
    assert_true(abs(disc_radius_at(hx, cx, cy, r_full) - r_small) <= 1);
    hx_free(hx);
}

static void test_controls_and_the_record(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    SessionInfo sess;
    store_session_open(hx->app.store, "Group", HX_WALL_START, &sess);
    const Exercise *e = catalog_exercise(hx->app.catalog, "grounding-54321");
    assert_non_null(e);
    start_player(hx, e, 0);
    /* by touch: next, back, +30 s, pause */
    assert_true(hx_tap_target(hx, P_NEXT));
    assert_true(hx_tap_target(hx, P_PREV));
    assert_true(hx_tap_target(hx, P_ADD));
    assert_true(hx_tap_target(hx, P_PAUSE));
    hx_screenshot(hx, "player-paused-1280x800");
    assert_true(hx_tap_target(hx, P_PAUSE));
    /* hold for notes */
    SDL_Rect peek;
    assert_true(hx_target(hx, P_PEEK, &peek));
    SDL_Event down = {0};
    down.type = SDL_MOUSEBUTTONDOWN;
    down.button.button = SDL_BUTTON_LEFT;
    down.button.x = peek.x + 5;
    down.button.y = peek.y + 5;
    hx_event(hx, &down);
    hx_screenshot(hx, "player-notes-peek-1280x800");
    SDL_Event up = down;
    up.type = SDL_MOUSEBUTTONUP;
    hx_event(hx, &up);
    /* let it run to the end */
    hx_advance(hx, (uint64_t)e->total_seconds * 1000 + 60000);
    assert_string_equal(hx_top(hx), "player");
    hx_screenshot(hx, "player-finished-1280x800");
    assert_int_equal(count_runs(hx, "completed = 1 AND ended IS NOT NULL AND session_id IS NOT NULL"),
                     1);
    /* end a second run early, with Esc and the confirmation */
    assert_true(hx_tap_target(hx, P_DONE));
    start_player(hx, e, 0);
    hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1)); /* end now */
    assert_int_equal(count_runs(hx, "completed = 0 AND ended IS NOT NULL AND steps_skipped = 1"),
                     1);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_to_player),
        cmocka_unit_test(test_each_step_kind_and_pause),
        cmocka_unit_test(test_pacer_radius_from_pixels),
        cmocka_unit_test(test_controls_and_the_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
