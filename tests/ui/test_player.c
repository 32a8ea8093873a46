/* The skills library and the player: every step kind, paused, the pacer's
 * radius from pixels at known instants, the run recorded. */
#include "harness.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/exercise.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "ui/screens.h"
#include "ui/inspect.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The player's target ids (screen_player.c). */
enum { P_PREV = 1, P_PAUSE = 2, P_NEXT = 3, P_ADD = 4, P_PEEK = 5, P_END = 6, P_DONE = 7,
       P_HELP = 9 };
/* The help card's (screen_help.c). */
enum { H_CLOSE = 1 };

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

/* The exercise's page says how the room will rate, as it is for the open
 * session's group: anonymous, pseudonymous (passes), or no session yet. */
static void test_exercise_page_says_how_ratings_are_kept(void **state)
{
    (void)state;
    static const struct {
        const char *name, *says, *never;
        bool session, anonymous;
    } cases[] = {
        {"none", "once a session is open", "anonymously", false, true},
        {"anonymous", "anonymously", "pass", true, true},
        {"pseudonymous", "scans their pass", "anonymously", true, false},
    };
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t c = 0; c < 3; c++) {
        for (size_t z = 0; z < 2; z++) {
            Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
            if (cases[c].session) {
                SessionInfo sess;
                char gid[40];
                assert_int_equal(store_group_ensure(hx->app.store, "Group", HX_WALL_START, gid),
                                 STORE_OK);
                assert_int_equal(store_group_set_anonymous(hx->app.store, "Group",
                                                           cases[c].anonymous),
                                 STORE_OK);
                assert_int_equal(store_session_open(hx->app.store, "Group", HX_WALL_START, &sess),
                                 STORE_OK);
            }
            const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
            assert_non_null(e);
            app_push(&hx->app, exercise_screen_new(&hx->app, e));
            hx_frame(hx);
            const TextLog *log = exercise_screen_texts(app_top(&hx->app));
            const ScreenText *note = textlog_find(log, "before and after");
            assert_non_null(note);
            if (!strstr(note->text, cases[c].says) || strstr(note->text, cases[c].never))
                fail_msg("%s group: the page says \"%s\"", cases[c].name, note->text);
            /* drawn, and not shrunk past reading at arm's length */
            double ink = 1 - hx_share(hx, note->box, hx->app.theme.bg, 8);
            if (ink < 0.05)
                fail_msg("%s group: the note has %.3f ink", cases[c].name, ink);
            assert_true(note->px >= app_text_px(&hx->app, &hx->app.views[0], 3.0f));
            char name[96];
            snprintf(name, sizeof name, "player-exercise-%s-%s", cases[c].name, sizes[z].name);
            hx_screenshot(hx, name);
            hx_free(hx);
        }
    }
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

/* Share of a rectangle's pixels that are not the background: ink. */
static double ink(Harness *hx, SDL_Rect r) { return 1 - hx_share(hx, r, hx->app.theme.bg, 8); }

static bool disc_pixel(Harness *hx, int x, int y);

/* Share of the dial's pixels that belong to the pacer's disc. */
static double disc_share(Harness *hx, SDL_Rect dial)
{
    long n = 0, all = 0;
    for (int y = dial.y; y < dial.y + dial.h; y += 2)
        for (int x = dial.x; x < dial.x + dial.w; x += 2, all++)
            n += disc_pixel(hx, x, y);
    return all ? (double)n / (double)all : 0;
}

/* Share of the countdown ring, sampled along its middle, drawn in amber:
 * the part of the step still to run (grey when paused). */
static double ring_amber(Harness *hx, SDL_Rect dial)
{
    float r = (float)dial.w / 2, ring = fmaxf(4, r * 0.06f);
    float cx = (float)dial.x + r, cy = (float)dial.y + r;
    SDL_Color a = hx->app.theme.accent;
    int n = 0;
    for (int i = 0; i < 360; i++) {
        float th = (float)i * 3.14159265f / 180.0f;
        SDL_Color c = hx_pixel(hx, (int)(cx + cosf(th) * (r - ring / 2)),
                               (int)(cy + sinf(th) * (r - ring / 2)));
        n += abs(c.r - a.r) < 20 && abs(c.g - a.g) < 20 && abs(c.b - a.b) < 20;
    }
    return n / 360.0;
}

static int prompt_min(Harness *hx)
{
    View *v = &hx->app.views[0];
    return v->h > v->w ? app_text_px(&hx->app, v, 4.0f)
                       : (int)fmaxf((float)v->h / 20.0f, (float)app_text_px(&hx->app, v, 3.5f));
}

/* What every step kind shows: its prompt, large, and the ring counting
 * down; a breathe step the disc with its word and the time left under it,
 * the other kinds the time left in large figures and no disc. An untimed
 * step (a discussion the facilitator ends) counts up instead, says it has
 * no time limit, and its ring fills towards the planned time. */
static void check_step_signature(Harness *hx, const Exercise *e, int step, const char *size)
{
    Screen *s = app_top(&hx->app);
    const Theme *t = &hx->app.theme;
    const TextLog *log = player_screen_texts(s);
    SDL_Rect prompt, dial;
    float rmin, rmax;
    player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
    const ScreenText *p = textlog_find(log, e->steps[step].prompt.en);
    if (!p)
        fail_msg("%s: the prompt of step %d is not drawn", size, step);
    if (p->px < prompt_min(hx))
        fail_msg("%s: the prompt is %d px, under %d", size, p->px, prompt_min(hx));
    assert_true(hx_share(hx, p->box, t->text, 60) > 0.03);
    const ExercisePlayer *pe = player_screen_engine(s);
    bool up = exercise_step_untimed(pe);
    if (up ? ring_amber(hx, dial) > 0.1 : ring_amber(hx, dial) < 0.4)
        fail_msg("%s: the ring shows %.2f (%s)", size, ring_amber(hx, dial),
                 up ? "an untimed step's ring fills slowly" : "early: most of it to run");
    assert_true(up == (textlog_find(log, "No time limit") != NULL));
    char clock[16];
    int sec = up ? (int)(exercise_step_elapsed_ms(pe, hx->app.now) / 1000)
                 : (int)((exercise_step_remaining_ms(pe, hx->app.now) + 999) / 1000);
    snprintf(clock, sizeof clock, "%d:%02d", sec / 60, sec % 60);
    const ScreenText *c = textlog_find(log, clock);
    if (!c)
        fail_msg("%s: no countdown %s", size, clock);
    assert_true(ink(hx, c->box) > 0.05);
    assert_true(SDL_HasIntersection(&c->box, &dial));
    double disc = disc_share(hx, dial);
    if (e->steps[step].kind == STEP_BREATHE) {
        /* a box's marker and its lit side are less than a disc */
        double least = exercise_pacer_shape(e->steps[step].pattern) == PACER_SHAPE_BOX ? 0.002 : 0.05;
        if (disc < least)
            fail_msg("%s: a breathe step without its disc (%.3f)", size, disc);
        assert_true(textlog_find(log, "In") || textlog_find(log, "Hold") ||
                    textlog_find(log, "Out"));
        assert_true(c->px >= hx->surface->h / 25);
    } else {
        if (disc > 0.001)
            fail_msg("%s: a %d step shows a disc (%.3f)", size, e->steps[step].kind, disc);
        assert_true(c->px >= dial.w / 5); /* the time left fills the dial */
    }
    /* the countdown counts (up, on an untimed step) */
    hx_advance(hx, 1000);
    sec = up ? (int)(exercise_step_elapsed_ms(pe, hx->app.now) / 1000)
             : (int)((exercise_step_remaining_ms(pe, hx->app.now) + 999) / 1000);
    snprintf(clock, sizeof clock, "%d:%02d", sec / 60, sec % 60);
    assert_non_null(textlog_find(player_screen_texts(s), clock));
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
            int step = -1;
            const Exercise *e = find_with_kind(hx, kinds[k], &step);
            assert_non_null(e);
            start_player(hx, e, step);
            hx_advance(hx, 1500);
            char name[96];
            snprintf(name, sizeof name, "player-%s-%s", names[k], sizes[z].name);
            hx_screenshot(hx, name);
            snprintf(name, sizeof name, "%s %s", names[k], sizes[z].name);
            assert_int_equal(exercise_step_index(player_screen_engine(app_top(&hx->app))), step);
            check_step_signature(hx, e, step, name);
            if (kinds[k] == STEP_BREATHE || kinds[k] == STEP_READ) {
                hx_key(hx, SDLK_SPACE);
                assert_int_equal(hx->app.animating, 0); /* asleep when paused */
                snprintf(name, sizeof name, "player-%s-paused-%s", names[k], sizes[z].name);
                hx_screenshot(hx, name);
                Screen *s = app_top(&hx->app);
                assert_non_null(textlog_find(player_screen_texts(s), "Paused"));
                SDL_Rect prompt, dial;
                float rmin, rmax;
                player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
                /* the ring turns grey */
                assert_true(ring_amber(hx, dial) < 0.01);
                int64_t left = exercise_step_remaining_ms(player_screen_engine(s), hx->app.now);
                hx_advance(hx, 3000);
                assert_int_equal(exercise_step_remaining_ms(player_screen_engine(s), hx->app.now),
                                 left);
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
/* The disc's radius in pixels, walking down from above it to its centre,
 * never above top (the header, whose "Talk to someone" frame is bluish too,
 * lies above the dial). */
static int disc_radius_below(Harness *hx, int cx, int cy, int r_max, int top)
{
    int y = cy - r_max - 20 < top ? top : cy - r_max - 20;
    while (y < cy && !disc_pixel(hx, cx, y))
        y++;
    return cy - y;
}

static int disc_radius_at(Harness *hx, int cx, int cy, int r_max)
{
    return disc_radius_below(hx, cx, cy, r_max, 110);
}

static void test_pacer_radius_from_pixels(void **state)
{
    (void)state;
    Harness *hx = hx_new(1920, 1080, NULL);
    /* start straight on a breathe step, so it begins at a known instant */
    const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
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
    for (int y = 150; y < 1000 && !cx; y += 8) /* below the header and its buttons */
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
    /* the radii the dial laid out */
    SDL_Rect prompt, dial;
    float rmin, rmax;
    player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
    if (fabsf((float)r_small - rmin) > 2 || fabsf((float)r_full - rmax) > 2)
        fail_msg("radii %d and %d, laid out %.1f and %.1f", r_small, r_full, rmin, rmax);
    assert_true(r_full >= r_small * 4 / 3); /* it still breathes */

    /* paused: no animation, and the radius stays put */
    hx_key(hx, SDLK_SPACE);
    hx_advance(hx, 3000);
    assert_int_equal(hx->app.animating, 0);
    assert_true(abs(disc_radius_at(hx, cx, cy, r_full) - r_small) <= 1);
    hx_free(hx);
}

/* The distance from (cx, cy) to the farthest corner of r. */
static float farthest(float cx, float cy, SDL_Rect r)
{
    float dx = fmaxf(fabsf((float)r.x - cx), fabsf((float)(r.x + r.w) - cx));
    float dy = fmaxf(fabsf((float)r.y - cy), fabsf((float)(r.y + r.h) - cy));
    return sqrtf(dx * dx + dy * dy);
}

/* The ring's inner edge, from pixels: out along the horizontal from past
 * the fullest disc to the first pixel that is not the background (the
 * ring's track, amber or grey; no text sits on that line). */
static float ring_inner(Harness *hx, int cx, int cy, float from)
{
    const Theme *t = &hx->app.theme;
    for (int x = cx + (int)from + 2; x < hx->surface->w; x++) {
        SDL_Color c = hx_pixel(hx, x, cy);
        if (abs(c.r - t->bg.r) > 8 || abs(c.g - t->bg.g) > 8 || abs(c.b - t->bg.b) > 8)
            return (float)(x - cx);
    }
    return 0;
}

/* On a TV (1920x1080) and a tablet (800x480), in English and Spanish: the
 * pacer's word at least h/20, the count and the time left at least h/25,
 * the word and the count inside the smallest disc, the time left (and
 * "Paused") inside the ring and clear of the fullest disc. */
static void test_pacer_words_readable_and_inside(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{1920, 1080, "1920x1080"}, {800, 480, "800x480"}};
    static const char *const langs[] = {"en", "es"};
    for (size_t z = 0; z < 2; z++) {
        for (size_t li = 0; li < 2; li++) {
            Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
            /* the door goes back to the default language between people */
            snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", langs[li]);
            i18n_set_lang(langs[li]);
            const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
            int first = -1;
            for (int i = 0; i < e->nsteps && first < 0; i++)
                if (e->steps[i].kind == STEP_BREATHE)
                    first = i;
            Screen *s = player_screen_new(&hx->app, e, false, first, "");
            app_push(&hx->app, s);
            hx_frame(hx);
            SDL_Rect prompt, dial;
            float rmin, rmax;
            player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
            float cx = (float)dial.x + (float)dial.w / 2, cy = (float)dial.y + (float)dial.h / 2;
            int h = sizes[z].h;
            const int *pat = e->steps[first].pattern;
            /* every phase: In, Hold, Out (the widest words), Hold */
            uint64_t at[4] = {500, (uint64_t)pat[0] * 1000, (uint64_t)pat[1] * 1000,
                              (uint64_t)pat[2] * 1000};
            for (int ph = 0; ph < 4; ph++) {
                hx_advance(hx, at[ph]);
                if (ph == 2) {
                    hx_key(hx, SDLK_SPACE); /* paused, to see "Paused" too */
                    char name[96];
                    snprintf(name, sizeof name, "player-pacer-out-paused-%s-%s", langs[li],
                             sizes[z].name);
                    hx_screenshot(hx, name);
                }
                const TextLog *log = player_screen_texts(s);
                /* the log: word, count, time left (and "Paused"), in that order */
                int w = -1;
                for (int i = 2; i < log->n && w < 0; i++)
                    if (SDL_HasIntersection(&log->items[i].box, &dial) &&
                        strchr(log->items[i].text, ':'))
                        w = i - 2;
                assert_true(w >= 0);
                const ScreenText *word = &log->items[w], *count = &log->items[w + 1],
                                 *left = &log->items[w + 2];
                if (word->px < h / 20 || count->px < h / 25 || left->px < h / 25)
                    fail_msg("%s %s: word %d px, count %d px, time left %d px", langs[li],
                             sizes[z].name, word->px, count->px, left->px);
                float r_small = rmin, edge = ring_inner(hx, (int)cx, (int)cy, rmax);
                if (edge <= rmax)
                    fail_msg("%s %s: the ring from %.1f, the disc to %.1f", langs[li],
                             sizes[z].name, edge, rmax);
                if (farthest(cx, cy, word->box) > r_small || farthest(cx, cy, count->box) > r_small)
                    fail_msg("%s %s: \"%s\" or its count leaves the smallest disc", langs[li],
                             sizes[z].name, word->text);
                for (int i = w + 2; i < log->n; i++) {
                    SDL_Rect b = log->items[i].box;
                    if (i > w + 2 && strcmp(log->items[i].text, _("Paused")) != 0)
                        break;
                    if (farthest(cx, cy, b) > edge)
                        fail_msg("%s %s: \"%s\" touches the ring", langs[li], sizes[z].name,
                                 log->items[i].text);
                    float near = b.y > cy ? (float)b.y - cy : cy - (float)(b.y + b.h);
                    if (near < rmax)
                        fail_msg("%s %s: \"%s\" is under the fullest disc", langs[li],
                                 sizes[z].name, log->items[i].text);
                }
                if (ph == 2) {
                    const char *out = langs[li][0] == 'e' && langs[li][1] == 's' ? "Exhala" : "Out";
                    if (!textlog_find(log, out))
                        fail_msg("%s %s: no \"%s\" at %d ms; the word is \"%s\"", langs[li],
                                 sizes[z].name, out, (int)(at[0] + at[1] + at[2]), word->text);
                    hx_key(hx, SDLK_SPACE);
                }
            }
            i18n_set_lang("en");
            hx_free(hx);
        }
    }
}

/* The tops of the lines of text in r: runs of rows holding pixels of the
 * text colour, each run a line. Returns how many (at most max). */
static int line_tops(Harness *hx, SDL_Rect r, int *tops, int *heights, int max)
{
    const Theme *t = &hx->app.theme;
    int n = 0;
    bool in_line = false;
    for (int y = r.y; y < r.y + r.h; y++) {
        bool ink_row = false;
        for (int x = r.x; x < r.x + r.w && !ink_row; x++) {
            SDL_Color c = hx_pixel(hx, x, y);
            ink_row = abs(c.r - t->text.r) < 60 && abs(c.g - t->text.g) < 60 &&
                      abs(c.b - t->text.b) < 60;
        }
        if (ink_row && !in_line && n < max) {
            tops[n] = y;
            heights[n] = 0;
            n++;
        }
        if (ink_row && n)
            heights[n - 1] = y - tops[n - 1] + 1;
        in_line = ink_row;
    }
    return n;
}

/* The longest step prompt of the catalog in lang: its exercise and step. */
static const Exercise *longest_prompt(Harness *hx, const char *lang, int *step)
{
    const Exercise *best = NULL;
    size_t most = 0;
    for (int i = 0; i < catalog_exercise_count(hx->app.catalog); i++) {
        const Exercise *e = catalog_exercise_at(hx->app.catalog, i);
        for (int k = 0; k < e->nsteps; k++) {
            size_t n = strlen(text_in(&e->steps[k].prompt, lang));
            if (n > most) {
                most = n;
                best = e;
                *step = k;
            }
        }
    }
    return best;
}

/* Step prompts never render below h/20 on a landscape screen: the longest
 * prompt of the catalog, in English and in Spanish, measured on the
 * pixels (the pitch of its lines against the font's line height at h/20)
 * at every landscape size and at 150 % text on the smallest. */
static void test_longest_prompt_stays_large(void **state)
{
    (void)state;
    static const struct {
        int w, h, scale;
    } sizes[] = {{800, 480, 100}, {800, 480, 150}, {1280, 800, 100}, {1920, 1080, 100},
                 {1920, 1080, 150}};
    static const char *const langs[] = {"en", "es"};
    for (size_t li = 0; li < 2; li++) {
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
            hx->app.settings.text_scale = sizes[z].scale;
            /* the door goes back to the default language between people */
            snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", langs[li]);
            i18n_set_lang(langs[li]);
            hx_resize(hx, sizes[z].w, sizes[z].h);
            int step = 0;
            const Exercise *e = longest_prompt(hx, langs[li], &step);
            assert_non_null(e);
            /* long, as the longest prompts are written (the limit is 220) */
            assert_true(strlen(text_in(&e->steps[step].prompt, langs[li])) > 170);
            Screen *s = start_player(hx, e, step);
            assert_int_equal(exercise_step_index(player_screen_engine(s)), step);
            char size[64];
            snprintf(size, sizeof size, "%s-%dx%d-%d", langs[li], sizes[z].w, sizes[z].h,
                     sizes[z].scale);
            char name[96];
            snprintf(name, sizeof name, "player-longest-prompt-%s", size);
            hx_screenshot(hx, name);
            SDL_Rect prompt, dial;
            float rmin, rmax;
            player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
            int min_px = prompt_min(hx);
            assert_true(min_px >= sizes[z].h / 20);
            const ScreenText *p = textlog_find(player_screen_texts(s),
                                               text_in(&e->steps[step].prompt, langs[li]));
            if (!p)
                fail_msg("%s: the prompt of %s step %d was not drawn", size, e->id, step + 1);
            if (p->px < min_px)
                fail_msg("%s: the prompt was drawn at %d px, under %d", size, p->px, min_px);
            int tops[32], heights[32];
            int n = line_tops(hx, prompt, tops, heights, 32);
            if (n < 2)
                fail_msg("%s: %d lines of prompt found", size, n);
            float pitch = (float)(tops[n - 1] - tops[0]) / (float)(n - 1);
            int want = fontset_line_height(hx->app.fonts, FONT_REGULAR, min_px);
            if (pitch < (float)want * 0.95f)
                fail_msg("%s: lines %.1f px apart, under the %d px of %d px text", size, pitch,
                         want, min_px);
            /* and all of it shows: the last line ends inside the box */
            assert_true(tops[n - 1] + heights[n - 1] <= prompt.y + prompt.h);
            i18n_set_lang("en");
            hx_free(hx);
        }
    }
}

/* A prompt of the catalog's longest (220 characters) in wide letters: the
 * dial gives way so that the prompt keeps h/20, on every step alike. */
static void test_dial_gives_way_to_a_long_prompt(void **state)
{
    (void)state;
    static char wide[221];
    for (int i = 0; i < 220; i++)
        wide[i] = i % 7 == 6 ? ' ' : (i % 2 ? 'M' : 'W');
    wide[219] = '.';
    static Step steps[2];
    steps[0] = (Step){STEP_READ, 60, {{"Short.", "Corto."}}, {{"", ""}}, {0, 0, 0, 0}, false};
    steps[1] = (Step){STEP_READ, 60, {{wide, wide}}, {{"", ""}}, {0, 0, 0, 0}, false};
    static Exercise ex;
    hx_make_exercise(&ex, "wide", "Wide", steps, 2);
    Harness *hx = hx_new(800, 480, NULL);
    const Exercise *plain = catalog_exercise(hx->app.catalog, "grounding-54321");
    Screen *s = start_player(hx, plain, 0);
    SDL_Rect prompt, dial, dial_short;
    float rmin, rmax;
    player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
    int usual = dial.w;
    app_pop(&hx->app);
    s = start_player(hx, &ex, 0);
    player_screen_layout(&hx->app, s, &prompt, &dial_short, &rmin, &rmax);
    hx_key(hx, SDLK_RIGHT);
    hx_screenshot(hx, "player-wide-prompt-800x480");
    player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
    assert_int_equal(dial.w, dial_short.w); /* the same dial on every step */
    if (dial.w >= usual)
        fail_msg("the dial kept its %d px for a prompt that needs room", usual);
    const ScreenText *p = textlog_find(player_screen_texts(s), "WMWMWM");
    assert_non_null(p);
    assert_true(p->px >= prompt_min(hx));
    int tops[32], heights[32];
    int n = line_tops(hx, prompt, tops, heights, 32);
    assert_true(n >= 2);
    assert_true(tops[n - 1] + heights[n - 1] <= prompt.y + prompt.h);
    float pitch = (float)(tops[n - 1] - tops[0]) / (float)(n - 1);
    assert_true(pitch >= 0.95f * (float)fontset_line_height(hx->app.fonts, FONT_REGULAR,
                                                            prompt_min(hx)));
    hx_free(hx);
}

/* Reduced motion: the pacer steps once a second and never animates. */
static void test_reduced_motion_pacer_steps(void **state)
{
    (void)state;
    Harness *hx = hx_new(1920, 1080, NULL);
    hx->app.settings.reduced_motion = true;
    const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
    int first = -1;
    for (int i = 0; i < e->nsteps && first < 0; i++)
        if (e->steps[i].kind == STEP_BREATHE)
            first = i;
    const int *pat = e->steps[first].pattern;
    assert_true(pat[0] >= 3);
    Screen *s = player_screen_new(&hx->app, e, false, first, "");
    app_push(&hx->app, s);
    hx_frame(hx);
    assert_int_equal(hx->app.animating, 0);
    SDL_Rect prompt, dial;
    float rmin, rmax;
    player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
    int cx = dial.x + dial.w / 2, cy = dial.y + dial.h / 2;
    /* within each second of the in-breath the disc keeps one size; each
     * second it grows by a 1/n step: k/n of the way after k + 1 seconds
     * have begun (1/n during the first) */
    int prev = 0;
    for (int k = 1; k <= pat[0]; k++) {
        hx_advance(hx, k == 1 ? 200 : 400);
        int a = disc_radius_at(hx, cx, cy, (int)rmax);
        assert_int_equal(hx->app.animating, 0);
        hx_advance(hx, 500);
        int b = disc_radius_at(hx, cx, cy, (int)rmax);
        assert_int_equal(hx->app.animating, 0);
        if (a != b)
            fail_msg("second %d: the disc moved within the second (%d, %d)", k, a, b);
        float want = rmin + (rmax - rmin) * (float)k / (float)pat[0];
        if (fabsf((float)a - want) > 2)
            fail_msg("second %d: radius %d, expected %.1f", k, a, want);
        assert_true(a > prev);
        prev = a;
        hx_advance(hx, 100); /* to the next whole second */
    }
    hx_screenshot(hx, "player-reduced-motion-1920x1080");
    hx_free(hx);
}

/* The first breathe step of exercise id whose breath in lasts in_s. */
static Screen *start_breathing(Harness *hx, const char *id, int in_s, const int **pattern)
{
    const Exercise *e = catalog_exercise(hx->app.catalog, id);
    assert_non_null(e);
    int step = -1;
    for (int i = 0; i < e->nsteps && step < 0; i++)
        if (e->steps[i].kind == STEP_BREATHE && e->steps[i].pattern[0] == in_s)
            step = i;
    if (step < 0)
        fail_msg("%s has no breathe step of %d s in", id, in_s);
    *pattern = e->steps[step].pattern;
    Screen *s = player_screen_new(&hx->app, e, false, step, "");
    app_push(&hx->app, s);
    hx_frame(hx);
    return s;
}

/* The motion the room sees stays smooth though frames now come only when
 * something moves: over a whole cycle of the fastest disc (4-0-6-0) and
 * the slowest (5-0-7-0), at every size, the disc's radius measured from
 * the pixels at each 16 ms frame of a 60 Hz display never moves by more
 * than a pixel from one frame to the next, and covers the whole breath;
 * and the frames drawn are no more than the pixels it moved plus one a
 * second (the count and the time left), where the pacer used to draw all
 * sixty. (The box's marker: test_shapes.c.) */
static void test_pacer_moves_a_pixel_per_frame(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int in_s;
    } patterns[] = {{"paced-breathing", 4}, {"paced-breathing", 5}};
    for (int z = 0; z < hx_nsizes; z++) {
        for (int k = 0; k < 2; k++) {
            Harness *hx = hx_new(hx_sizes[z].w, hx_sizes[z].h, NULL);
            const int *pat;
            Screen *s = start_breathing(hx, patterns[k].id, patterns[k].in_s, &pat);
            SDL_Rect prompt, dial;
            float rmin, rmax;
            player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
            int cx = dial.x + dial.w / 2, cy = dial.y + dial.h / 2;
            int cycle_ms = (pat[0] + pat[1] + pat[2] + pat[3]) * 1000;
            int prev = disc_radius_below(hx, cx, cy, (int)rmax, dial.y), lo = prev, hi = prev;
            int moved = 0;
            unsigned long frames0 = hx->frames;
            for (int t = 0; t < cycle_ms; t += 16) {
                hx->app.now += 16;
                hx->app.wall += 16;
                hx_frame(hx); /* every frame, also under valgrind's sparse drawing */
                int r = disc_radius_below(hx, cx, cy, (int)rmax, dial.y);
                if (abs(r - prev) > 1)
                    fail_msg("%s %s at %d ms: the disc went from %d to %d px in one frame",
                             hx_sizes[z].name, patterns[k].id, t + 16, prev, r);
                moved += abs(r - prev);
                prev = r;
                lo = r < lo ? r : lo;
                hi = r > hi ? r : hi;
            }
            if (lo > (int)ceilf(rmin) + 1 || hi < (int)rmax - 1)
                fail_msg("%s %s: the disc went from %d to %d px, laid out %.1f to %.1f",
                         hx_sizes[z].name, patterns[k].id, lo, hi, rmin, rmax);
            unsigned long frames = hx->frames - frames0;
            unsigned long most = (unsigned long)(moved + cycle_ms / 1000 + 2);
            if (frames > most)
                fail_msg("%s %s: %lu frames for %d px of motion in %d s", hx_sizes[z].name,
                         patterns[k].id, frames, moved, cycle_ms / 1000);
            /* and they were partial: the last one drew around the dial */
            SDL_Rect clip = hx->app.views[0].clip;
            assert_true(clip.w <= dial.w + 8 && clip.h <= dial.h + 8);
            hx_free(hx);
        }
    }
}

/* A copy of the pixels as they are (no blending on the way). */
static void copy_pixels(SDL_Surface *to, SDL_Surface *from)
{
    for (int y = 0; y < from->h; y++)
        memcpy((Uint8 *)to->pixels + y * to->pitch, (const Uint8 *)from->pixels + y * from->pitch,
               (size_t)from->w * 4);
}

/* Pixels of a that differ from b by more than tol on a colour channel. */
static long pixels_apart(SDL_Surface *a, SDL_Surface *b, int tol, int *x_at, int *y_at)
{
    long n = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        for (int x = 0; x < a->w; x++) {
            if (pa[x] == pb[x])
                continue;
            bool far = false;
            for (int c = 0; c < 24; c += 8)
                far = far || abs((int)((pa[x] >> c) & 255) - (int)((pb[x] >> c) & 255)) > tol;
            if (far && n++ == 0) {
                *x_at = x;
                *y_at = y;
            }
        }
    }
    return n;
}

/* Frames that redraw only what moved leave the screen exactly as a whole
 * frame would draw it, at any instant: breathing in, holding, after the
 * ring and the clock ticked, on a step with a plain countdown, with the
 * alert banner showing. */
static void test_partial_frames_match_a_whole_one(void **state)
{
    (void)state;
    static const HxSize sizes[] = {
        {1280, 800, "1280x800"}, {800, 480, "800x480"}, {1280, 800, "1280x800-window"}};
    for (int z = 0; z < 3; z++) {
        /* the last on a window, drawn and presented as the kiosk does on X */
        Harness *hx = z == 2 ? hx_new_window(sizes[z].w, sizes[z].h)
                             : hx_new(sizes[z].w, sizes[z].h, NULL);
        assert_int_equal(hx->app.views[0].present, z == 2 ? PRESENT_WINDOW : PRESENT_SURFACE);
        if (z == 1)
            app_set_alert(&hx->app, "The storage is full.");
        const int *pat;
        start_breathing(hx, "box-breathing", 4, &pat);
        static const int at_ms[] = {1530, 2470, 5010, 6990, 9480, 13990, 16020};
        SDL_Surface *partial = SDL_CreateRGBSurfaceWithFormat(0, sizes[z].w, sizes[z].h, 32,
                                                              SDL_PIXELFORMAT_ARGB8888);
        int done = 0;
        for (size_t i = 0; i < sizeof at_ms / sizeof at_ms[0]; i++) {
            unsigned long f0 = hx->frames;
            hx_advance(hx, (uint64_t)(at_ms[i] - done));
            done = at_ms[i];
            assert_true(hx->frames > f0);
            copy_pixels(partial, hx->surface);
            hx->app.dirty = true;
            app_draw(&hx->app);
            int x = 0, y = 0;
            long n = pixels_apart(partial, hx->surface, 0, &x, &y);
            if (n) {
                char name[1024];
                snprintf(name, sizeof name, "player-partial-%s-%d", sizes[z].name, at_ms[i]);
                hx_screenshot(hx, name);
                snprintf(name, sizeof name, "%s/player-partial-%s-%d_err.png", tk_output_dir(),
                         sizes[z].name, at_ms[i]);
                IMG_SavePNG(partial, name);
                fail_msg("%s at %d ms: %ld pixels differ from a whole frame, first at %d,%d",
                         sizes[z].name, at_ms[i], n, x, y);
            }
        }
        /* a step with a plain countdown (silent practice), and an untimed
         * one whose clock counts up (a discussion): timers, a frame a
         * second, of their digits and the strip of ring that moved */
        for (int kind = 0; kind < 2; kind++) {
            app_pop(&hx->app);
            const Exercise *e = NULL;
            int step = -1;
            for (int i = 0; !e && i < catalog_exercise_count(hx->app.catalog); i++) {
                const Exercise *c = catalog_exercise_at(hx->app.catalog, i);
                for (int k = 0; k < c->nsteps && step < 0; k++)
                    if (c->steps[k].kind != STEP_BREATHE && c->steps[k].untimed == (kind == 1))
                        step = k;
                e = step >= 0 ? c : NULL;
            }
            assert_non_null(e);
            start_player(hx, e, step);
            assert_int_equal(exercise_step_untimed(player_screen_engine(app_top(&hx->app))),
                             kind == 1);
            hx_advance(hx, 2700);
            copy_pixels(partial, hx->surface);
            hx->app.dirty = true;
            app_draw(&hx->app);
            int x = 0, y = 0;
            long n = pixels_apart(partial, hx->surface, 0, &x, &y);
            if (n)
                fail_msg("%s, %s step: %ld pixels differ, first at %d,%d", sizes[z].name,
                         kind ? "an untimed" : "a timed", n, x, y);
            unsigned long f0 = hx->frames;
            hx_advance(hx, 5000);
            assert_true(hx->frames - f0 <= 6);
            SDL_Rect prompt, dial, clip = hx->app.views[0].clip;
            float rmin, rmax;
            player_screen_layout(&hx->app, app_top(&hx->app), &prompt, &dial, &rmin, &rmax);
            assert_true(clip.w * clip.h < dial.w * dial.h / 2);
            copy_pixels(partial, hx->surface);
            hx->app.dirty = true;
            app_draw(&hx->app);
            n = pixels_apart(partial, hx->surface, 0, &x, &y);
            if (n) {
                char name[1024];
                snprintf(name, sizeof name, "%s/player-partial-%s-timer%d_err.png",
                         tk_output_dir(), sizes[z].name, kind);
                IMG_SavePNG(partial, name);
                fail_msg("%s, %s step, 5 s on: %ld pixels differ, first at %d,%d", sizes[z].name,
                         kind ? "an untimed" : "a timed", n, x, y);
            }
        }
        SDL_FreeSurface(partial);
        hx_free(hx);
    }
}

static const ExercisePlayer *engine(Harness *hx)
{
    assert_string_equal(hx_top(hx), "player");
    return player_screen_engine(app_top(&hx->app));
}

static int64_t left_ms(Harness *hx) { return exercise_step_remaining_ms(engine(hx), hx->app.now); }

static void test_controls_and_the_record(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    SessionInfo sess;
    store_session_open(hx->app.store, "Group", HX_WALL_START, &sess);
    const Exercise *e = catalog_exercise(hx->app.catalog, "grounding-54321");
    assert_non_null(e);
    assert_true(e->nsteps >= 3);
    start_player(hx, e, 0);
    const int64_t len0 = e->steps[0].seconds * 1000LL, len1 = e->steps[1].seconds * 1000LL;
    assert_int_equal(exercise_step_index(engine(hx)), 0);
    assert_int_equal(left_ms(hx), len0);
    hx_advance(hx, 2000);
    assert_int_equal(left_ms(hx), len0 - 2000);
    /* by touch: next, back, +30 s, pause; each taps takes 80 ms of the
     * virtual clock between finger down and up, where it acts */
    assert_true(hx_tap_target(hx, P_NEXT));
    assert_int_equal(exercise_step_index(engine(hx)), 1);
    assert_int_equal(left_ms(hx), len1);
    assert_true(hx_tap_target(hx, P_PREV));
    assert_int_equal(exercise_step_index(engine(hx)), 0);
    assert_int_equal(left_ms(hx), len0); /* back to the start of the step */
    assert_true(hx_tap_target(hx, P_ADD));
    assert_int_equal(exercise_step_index(engine(hx)), 0);
    assert_int_equal(exercise_step_length_ms(engine(hx)), len0 + 30000);
    assert_int_equal(left_ms(hx), len0 + 30000 - 80);
    assert_true(hx_tap_target(hx, P_PAUSE));
    assert_true(exercise_is_paused(engine(hx)));
    int64_t frozen = left_ms(hx);
    assert_int_equal(frozen, len0 + 30000 - 160);
    hx_advance(hx, 10000);
    assert_int_equal(left_ms(hx), frozen); /* paused time counts nowhere */
    hx_screenshot(hx, "player-paused-1280x800");
    assert_true(hx_tap_target(hx, P_PAUSE));
    assert_false(exercise_is_paused(engine(hx)));
    assert_int_equal(left_ms(hx), frozen); /* still paused while the finger was down */
    hx_advance(hx, 1000);
    assert_int_equal(left_ms(hx), frozen - 1000);
    /* the keyboard does the same: Space, arrows, + */
    hx_key(hx, SDLK_SPACE);
    assert_true(exercise_is_paused(engine(hx)));
    hx_key(hx, SDLK_SPACE);
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(exercise_step_index(engine(hx)), 1);
    hx_key(hx, SDLK_PLUS);
    assert_int_equal(exercise_step_length_ms(engine(hx)), len1 + 30000);
    hx_key(hx, SDLK_LEFT);
    assert_int_equal(exercise_step_index(engine(hx)), 0);
    assert_int_equal(exercise_step_length_ms(engine(hx)), len0); /* added time went with its step */
    /* the step is kept for a restart */
    assert_int_equal(count_runs(hx, "step = 0 AND ended IS NULL"), 1);
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(count_runs(hx, "step = 1 AND ended IS NULL"), 1);
    hx_key(hx, SDLK_LEFT);
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
    assert_non_null(textlog_find(player_screen_texts(app_top(&hx->app)), "Facilitator notes"));
    SDL_Event up = down;
    up.type = SDL_MOUSEBUTTONUP;
    hx_event(hx, &up);
    assert_null(textlog_find(player_screen_texts(app_top(&hx->app)), "Facilitator notes"));
    /* let it run: the timed steps end by themselves, the closing
     * discussion waits for the facilitator however long it takes */
    assert_true(e->steps[e->nsteps - 1].untimed);
    hx_advance(hx, (uint64_t)e->total_seconds * 1000 + 60000);
    assert_string_equal(hx_top(hx), "player");
    assert_false(exercise_is_finished(engine(hx)));
    assert_int_equal(exercise_step_index(engine(hx)), e->nsteps - 1);
    assert_non_null(textlog_find(player_screen_texts(app_top(&hx->app)), "No time limit"));
    assert_false(hx_tap_target(hx, P_ADD)); /* no timer to lengthen */
    hx_screenshot(hx, "player-untimed-waits-1280x800");
    hx_key(hx, SDLK_RIGHT);
    assert_true(exercise_is_finished(engine(hx)));
    hx_screenshot(hx, "player-finished-1280x800");
    assert_int_equal(count_runs(hx, "completed = 1 AND ended IS NOT NULL AND session_id IS NOT NULL "
                                    "AND steps_skipped = 0"),
                     1);
    /* end a second run early, with Esc and the confirmation */
    assert_true(hx_tap_target(hx, P_DONE));
    start_player(hx, e, 0);
    hx_key(hx, SDLK_RIGHT);
    /* Esc is no way to end (a client's keyboard may be at the door) */
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "player");
    /* a tap on End is not enough either: it is held */
    assert_true(hx_tap_target(hx, 6));
    assert_string_equal(hx_top(hx), "player");
    assert_true(hx_hold_target(hx, 6, APP_HOLD_MS + 100));
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1)); /* end now */
    assert_int_equal(count_runs(hx, "completed = 0 AND ended IS NOT NULL AND steps_skipped = 1"),
                     1);
    hx_free(hx);
}

/* Ends the round on top: held down, then confirmed. */
static void end_round(Harness *hx)
{
    assert_true(hx_hold_target(hx, 101, APP_HOLD_MS + 100));
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1));
}

/* A run whose steps were all skipped is not completed; a run's start is
 * when its steps began, not when the rating before them did. */
static void test_run_record_start_and_completion(void **state)
{
    (void)state;
    Harness *hx = hx_new(1920, 1080, NULL);
    SessionInfo sess;
    store_session_open(hx->app.store, "Group", HX_WALL_START, &sess);
    const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
    assert_non_null(e);
    assert_true(e->rate_before && e->rate_after);
    char at_pre[32], at_steps[32];
    clock_iso8601(hx->app.wall, at_pre);
    app_push(&hx->app, player_screen_new(&hx->app, e, true, 0, NULL));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "round");
    /* five people rate, over a minute and a half */
    for (int i = 0; i < 5; i++) {
        assert_true(hx_tap_target(hx, 3 + i));
        hx_advance(hx, 18000);
    }
    end_round(hx);
    assert_true(hx_tap_target(hx, 103)); /* start the exercise */
    clock_iso8601(hx->app.wall, at_steps);
    assert_string_equal(hx_top(hx), "player");
    assert_true(strcmp(at_pre, at_steps) != 0);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM exercise_runs WHERE started = '%s'", at_steps);
    assert_int_equal(hx_count(hx, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM exercise_runs WHERE started = '%s'", at_pre);
    assert_int_equal(hx_count(hx, sql), 0);
    /* the facilitator taps through every step */
    for (int i = 0; i < e->nsteps; i++) {
        hx_advance(hx, 500);
        hx_key(hx, SDLK_RIGHT);
    }
    assert_string_equal(hx_top(hx), "round"); /* the rating after */
    end_round(hx);
    assert_true(hx_tap_target(hx, 103));
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM exercise_runs WHERE completed = 0 AND steps_skipped = %d AND "
             "ended IS NOT NULL",
             e->nsteps);
    assert_int_equal(hx_count(hx, sql), 1);
    assert_int_equal(count_runs(hx, "completed = 1"), 0);
    /* a run without ratings starts at once, and one step played makes it
     * completed even with the others skipped */
    assert_true(hx_tap_target(hx, P_DONE));
    clock_iso8601(hx->app.wall, at_steps);
    start_player(hx, e, 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM exercise_runs WHERE started = '%s'", at_steps);
    assert_int_equal(hx_count(hx, sql), 1);
    hx_advance(hx, e->steps[0].seconds * 1000ULL + 100);
    for (int i = 1; i < e->nsteps; i++)
        hx_key(hx, SDLK_RIGHT);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM exercise_runs WHERE completed = 1 AND steps_skipped = %d",
             e->nsteps - 1);
    assert_int_equal(hx_count(hx, sql), 1);
    hx_free(hx);
}

static void test_two_displays(void **state)
{
    (void)state;
    /* the facilitator's tablet and the room's TV */
    Harness *hx = hx_new(1280, 800, NULL);
    hx_add_room_view(hx, 1920, 1080);
    const Exercise *e = catalog_exercise(hx->app.catalog, "grounding-54321");
    assert_non_null(e);
    start_player(hx, e, 0);
    hx_advance(hx, 1000);
    hx_screenshot(hx, "player-two-displays-facilitator-1280x800");
    hx_screenshot_room(hx, "player-two-displays-room-1920x1080");
    /* the facilitator's view has no peek button: the notes are always
     * beside the exercise there */
    assert_false(hx_target(hx, P_PEEK, NULL));
    assert_true(hx_target(hx, P_PAUSE, NULL));
    /* the room sees no controls: no amber or raised buttons in its bottom
     * strip, only the exercise */
    SDL_Rect bottom = {0, 1080 - 120, 1920, 120};
    SDL_Surface *keep = hx->surface;
    hx->surface = hx->room_surface;
    double raised = hx_share(hx, bottom, hx->app.theme.surface_hi, 4);
    hx->surface = keep;
    assert_true(raised < 0.02);
    hx_free(hx);
}

/* The crisis card is one tap from the room's screen while an exercise
 * runs, in both languages: 988 with its Spanish option, and closing it
 * comes back to the exercise where it was (issue 15; the door's own is
 * test_door's test_talk_to_someone_at_any_time). */
static void test_crisis_card_one_tap_from_the_room(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "es"};
    for (int li = 0; li < 2; li++) {
        Harness *hx = hx_new(800, 480, NULL);
        i18n_set_lang(langs[li]);
        const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
        assert_non_null(e);
        start_player(hx, e, 0);
        hx_advance(hx, 1500);
        int step = exercise_step_index(player_screen_engine(app_top(&hx->app)));
        assert_true(hx_tap_target(hx, P_HELP));
        assert_string_equal(hx_top(hx), "help");
        const TextLog *card = help_screen_texts(app_top(&hx->app));
        assert_non_null(textlog_find(card, "988"));
        /* 988's Spanish option, as the crisis file words it in each language */
        assert_non_null(textlog_find(card, li ? "Para espa\xC3\xB1ol, oprime 2"
                                              : "Para espa\xC3\xB1ol, oprima 2"));
        char name[64];
        snprintf(name, sizeof name, "player-crisis-card-%s-800x480", langs[li]);
        hx_screenshot(hx, name);
        /* nobody was asked to come: only looking at the card asks nothing */
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests"), 0);
        assert_true(hx_tap_target(hx, H_CLOSE));
        assert_string_equal(hx_top(hx), "player");
        assert_int_equal(exercise_step_index(player_screen_engine(app_top(&hx->app))), step);
        i18n_set_lang("en");
        hx_free(hx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_to_player),
        cmocka_unit_test(test_exercise_page_says_how_ratings_are_kept),
        cmocka_unit_test(test_each_step_kind_and_pause),
        cmocka_unit_test(test_pacer_radius_from_pixels),
        cmocka_unit_test(test_pacer_words_readable_and_inside),
        cmocka_unit_test(test_reduced_motion_pacer_steps),
        cmocka_unit_test(test_pacer_moves_a_pixel_per_frame),
        cmocka_unit_test(test_partial_frames_match_a_whole_one),
        cmocka_unit_test(test_longest_prompt_stays_large),
        cmocka_unit_test(test_dial_gives_way_to_a_long_prompt),
        cmocka_unit_test(test_controls_and_the_record),
        cmocka_unit_test(test_run_record_start_and_completion),
        cmocka_unit_test(test_two_displays),
        cmocka_unit_test(test_crisis_card_one_tap_from_the_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
