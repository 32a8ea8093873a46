/* Shapes that carry meaning without colour or words: the five mood faces
 * told apart by shape alone at the door's smallest size, each breathing
 * pattern on its own path, and the on-screen keyboard's Spanish letters. */
#include "harness.h"

#include "core/catalog.h"
#include "core/exercise.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widget.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* --- faces ------------------------------------------------------------------- */

/* Face value drawn at side px into a fresh surface: 1 where the pixel is
 * nearer ink than fill, 0 elsewhere (the shape, whatever the colours). */
static void face_mask(int value, int side, SDL_Color fill, SDL_Color ink, unsigned char *mask)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    draw_clear(r, fill);
    draw_face(r, (SDL_Rect){0, 0, side, side}, value, fill, ink);
    SDL_RenderPresent(r);
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
            Uint8 cr, cg, cb;
            SDL_GetRGB(p, s->format, &cr, &cg, &cb);
            int dink = abs(cr - ink.r) + abs(cg - ink.g) + abs(cb - ink.b);
            int dfill = abs(cr - fill.r) + abs(cg - fill.g) + abs(cb - fill.b);
            mask[y * side + x] = dink < dfill;
        }
    }
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Every two faces of the 1-5 scale differ in at least an eighteenth of the
 * disc's area at the door's minimum of 15 mm on 800x480, in both themes:
 * told apart by shape alone (the old 4 and 5 differed only in how much one
 * line bent, 3.5 % of the disc; 2 and 3, 3 and 4 hardly more). */
static void test_faces_differ_by_shape(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    int side = widget_mm(&hx->app.views[0], 15.0f);
    fprintf(stderr, "a 15 mm face at 800x480: %d px\n", side);
    assert_true(side >= 40 && side <= 100);
    float rad = (float)side * 0.46f;
    int disc = (int)(3.14159f * rad * rad);
    unsigned char *m[6];
    for (int hc = 0; hc < 2; hc++) {
        Theme t;
        theme_for(&t, hc);
        /* as the door draws them: features in text on the raised surface */
        for (int v = 1; v <= 5; v++) {
            m[v] = malloc((size_t)side * (size_t)side);
            face_mask(v, side, t.surface_hi, t.text, m[v]);
        }
        for (int a = 1; a <= 5; a++) {
            for (int b = a + 1; b <= 5; b++) {
                int diff = 0;
                for (int i = 0; i < side * side; i++)
                    diff += m[a][i] != m[b][i];
                fprintf(stderr, "faces %d and %d (%s, %d px): %d pixels differ (%.1f %% of the disc)\n",
                        a, b, hc ? "high contrast" : "default", side, diff,
                        100.0 * diff / disc);
                assert_true(diff * 18 >= disc);
            }
        }
        for (int v = 1; v <= 5; v++)
            free(m[v]);
    }
    /* a sheet to look at: both themes, at 15 mm and at three times that */
    int big = side * 3, pad = side / 4;
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, 5 * (big + pad) + pad,
                                                        2 * (big + side + pad * 2) + pad, 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(sheet);
    for (int hc = 0; hc < 2; hc++) {
        Theme t;
        theme_for(&t, hc);
        int y0 = pad + hc * (big + side + pad * 2);
        draw_rect(r, (SDL_Rect){0, y0 - pad, sheet->w, big + side + pad * 2}, t.bg);
        for (int v = 1; v <= 5; v++) {
            int x0 = pad + (v - 1) * (big + pad);
            draw_face(r, (SDL_Rect){x0, y0, big, big}, v, t.surface_hi, t.text);
            draw_face(r, (SDL_Rect){x0 + (big - side) / 2, y0 + big + pad, side, side}, v,
                      t.surface_hi, t.text);
        }
    }
    SDL_RenderPresent(r);
    char path[512];
    snprintf(path, sizeof path, "%s/shapes-faces.png", tk_output_dir());
    IMG_SavePNG(sheet, path);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(sheet);
    hx_free(hx);
}


/* --- breathing patterns, each its own shape ------------------------------- */

static bool near(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* The centre of the pixels of colour c in r (the box's marker is the only
 * thing in the pacer's full colour); false when there are too few. */
static bool centroid(Harness *hx, SDL_Rect r, SDL_Color c, float *x, float *y)
{
    double sx = 0, sy = 0;
    long n = 0;
    for (int yy = r.y; yy < r.y + r.h; yy++)
        for (int xx = r.x; xx < r.x + r.w; xx++)
            if (near(hx_pixel(hx, xx, yy), c, 6)) {
                sx += xx;
                sy += yy;
                n++;
            }
    if (n < 20)
        return false;
    *x = (float)(sx / (double)n);
    *y = (float)(sy / (double)n);
    return true;
}

static Screen *start_step(Harness *hx, const Exercise *e, int step)
{
    Screen *s = player_screen_new(&hx->app, e, false, step, "");
    app_push(&hx->app, s);
    hx_frame(hx);
    return s;
}

static int first_breathe(const Exercise *e)
{
    for (int i = 0; i < e->nsteps; i++)
        if (e->steps[i].kind == STEP_BREATHE)
            return i;
    fail_msg("%s has no breathe step", e->id);
    return -1;
}

/* Box breathing, chosen by its pattern (4-4-4-4: a hold after each
 * breath): the marker starts at the bottom left corner, is halfway up the
 * left side halfway through breathing in, at the top left corner when the
 * hold begins, and so on round a square of four equal sides; smoothly, a
 * pixel a frame at most, or a second at a time with reduced motion. */
static void test_box_breathing_goes_round_a_square(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"},
                                   {480, 800, "480x800"}};
    for (int stepwise = 0; stepwise < 2; stepwise++) {
        for (int z = 0; z < 3; z++) {
            Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
            hx->app.settings.reduced_motion = stepwise;
            const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
            int step = first_breathe(e);
            const int *pat = e->steps[step].pattern;
            assert_int_equal(exercise_pacer_shape(pat), PACER_SHAPE_BOX);
            Screen *s = start_step(hx, e, step);
            SDL_Rect prompt, dial;
            float rmin, rmax;
            player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
            SDL_Color info = hx->app.theme.info;
            /* corners at each phase's start, the middle of each side half
             * way through it (a second at a time: the second that covers
             * half the side) */
            float cx[4], cy[4], mx[4], my[4];
            for (int k = 0; k < 4; k++) {
                int64_t start = 0;
                for (int i = 0; i < k; i++)
                    start += pat[i] * 1000;
                int64_t corner_at = start, mid_at = start + pat[k] * 500;
                if (stepwise) {
                    /* travel is j/n in the j-th second: a phase's corner
                     * shows in the last second of the phase before it */
                    corner_at = (start + 15500) % 16000;
                    mid_at = start + (pat[k] / 2 - 1) * 1000 + 500;
                }
                /* a fresh start for each phase, instants in their order */
                app_pop(&hx->app);
                s = start_step(hx, e, step);
                int64_t at[2] = {corner_at, mid_at}, done = 0;
                int first = corner_at <= mid_at ? 0 : 1;
                for (int j = 0; j < 2; j++) {
                    int which = j == 0 ? first : 1 - first;
                    hx_advance(hx, (uint64_t)(at[which] - done));
                    done = at[which];
                    float *x = which == 0 ? &cx[k] : &mx[k], *y = which == 0 ? &cy[k] : &my[k];
                    if (!centroid(hx, dial, info, x, y))
                        fail_msg("%s: no marker at %lld ms", sizes[z].name, (long long)done);
                    if (stepwise)
                        assert_int_equal(hx->app.animating, 0);
                }
                char name[96];
                snprintf(name, sizeof name, "shapes-box-%s-%d%s", sizes[z].name, k,
                         stepwise ? "-stepwise" : "");
                hx_screenshot(hx, name);
            }
            /* corners: bottom left, top left, top right, bottom right */
            float side_l = cy[0] - cy[1], side_t = cx[2] - cx[1];
            float side_r = cy[3] - cy[2], side_b = cx[3] - cx[0];
            fprintf(stderr, "%s%s: sides %.1f %.1f %.1f %.1f\n", sizes[z].name,
                    stepwise ? " stepwise" : "", side_l, side_t, side_r, side_b);
            assert_true(side_l > 30);
            assert_true(fabsf(cx[0] - cx[1]) <= 1.5f && fabsf(cy[1] - cy[2]) <= 1.5f);
            assert_true(fabsf(cx[2] - cx[3]) <= 1.5f && fabsf(cy[3] - cy[0]) <= 1.5f);
            assert_true(fabsf(side_t - side_l) <= 2 && fabsf(side_r - side_l) <= 2 &&
                        fabsf(side_b - side_l) <= 2);
            /* the middles of the sides: left, top, right, bottom */
            float want_x[4] = {cx[0], (cx[1] + cx[2]) / 2, cx[2], (cx[3] + cx[0]) / 2};
            float want_y[4] = {(cy[0] + cy[1]) / 2, cy[1], (cy[2] + cy[3]) / 2, cy[3]};
            for (int k = 0; k < 4; k++)
                if (fabsf(mx[k] - want_x[k]) > 2.5f || fabsf(my[k] - want_y[k]) > 2.5f)
                    fail_msg("%s%s: phase %d's middle at %.1f,%.1f, expected %.1f,%.1f",
                             sizes[z].name, stepwise ? " stepwise" : "", k, mx[k], my[k],
                             want_x[k], want_y[k]);
            /* smooth: from frame to frame of a 60 Hz display the marker
             * moves no more than its pace (a side in four seconds) and a
             * pixel, all the way round */
            if (!stepwise) {
                app_pop(&hx->app);
                s = start_step(hx, e, step);
                float most = side_l / ((float)pat[0] * 1000) * 16 + 1.01f;
                float px = 0, py = 0;
                assert_true(centroid(hx, dial, info, &px, &py));
                for (int t = 16; t < 16000; t += 16) {
                    hx_advance(hx, 16);
                    float x, y;
                    assert_true(centroid(hx, dial, info, &x, &y));
                    if (fabsf(x - px) > most || fabsf(y - py) > most)
                        fail_msg("%s at %d ms: the marker jumped from %.1f,%.1f to %.1f,%.1f",
                                 sizes[z].name, t, px, py, x, y);
                    px = x;
                    py = y;
                }
            }
            hx_free(hx);
        }
    }
}

static bool ring_at(Harness *hx, float cx, float cy, float from, float to, float turns,
                    SDL_Color c)
{
    float a = turns * 2 * 3.14159265f;
    for (float d = from; d < to; d += 1) {
        int x = (int)lroundf(cx + sinf(a) * d), y = (int)lroundf(cy - cosf(a) * d);
        if (near(hx_pixel(hx, x, y), c, 6))
            return true;
    }
    return false;
}

/* 4-7-8 (a hold after breathing in only): the disc is held full and a
 * ring round it fills a seventh each second of the hold; no ring while
 * breathing. A plain pattern (4-0-6-0) keeps its plain disc. */
static void test_478_shows_its_hold(void **state)
{
    (void)state;
    const Exercise *ex478 = hx_exercise_478();
    assert_int_equal(exercise_pacer_shape(ex478->steps[0].pattern), PACER_SHAPE_HOLD);
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (int z = 0; z < 2; z++) {
        Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
        Screen *s = start_step(hx, ex478, 0);
        SDL_Rect prompt, dial;
        float rmin, rmax;
        player_screen_layout(&hx->app, s, &prompt, &dial, &rmin, &rmax);
        assert_int_equal(dial.w, dial.h);
        float cx = (float)dial.x + (float)dial.w / 2, cy = (float)dial.y + (float)dial.h / 2;
        SDL_Color info = hx->app.theme.info;
        /* whether a pixel of the ring's colour lies outside the fullest
         * disc, inside the countdown ring, on the ray at a turns from 12 */
        float reach = (float)dial.w / 2 * 0.8f;
        #define RING_AT(a) ring_at(hx, cx, cy, rmax + 2, reach, (a), info)
        /* breathing in: no ring */
        hx_advance(hx, 2000);
        for (int k = 0; k < 8; k++)
            assert_false(RING_AT((float)k / 8));
        /* the third second of the hold: three sevenths of the ring */
        hx_advance(hx, 4500);
        char name[64];
        snprintf(name, sizeof name, "shapes-478-hold-%s", sizes[z].name);
        hx_screenshot(hx, name);
        assert_true(RING_AT(0.5f / 7));
        assert_true(RING_AT(2.5f / 7));
        assert_false(RING_AT(3.5f / 7));
        assert_false(RING_AT(6.5f / 7));
        /* its last second: the whole ring */
        hx_advance(hx, 4000);
        assert_true(RING_AT(6.5f / 7));
        /* breathing out: gone */
        hx_advance(hx, 2000);
        for (int k = 0; k < 8; k++)
            assert_false(RING_AT((float)k / 8));
        #undef RING_AT
        hx_free(hx);
    }
}

/* The three shapes at 800x480 in Spanish at 150 % and in the high-contrast
 * theme, each in the middle of a hold: the words in the pacer and the
 * time left stay apart from the ring, to look at. */
static void test_shapes_at_large_text(void **state)
{
    (void)state;
    const Exercise *ex478 = hx_exercise_478();
    for (int hc = 0; hc < 2; hc++) {
        Harness *hx = hx_new(800, 480, NULL);
        hx->app.settings.text_scale = 150;
        hx->app.settings.high_contrast = hc;
        theme_for(&hx->app.theme, hc);
        i18n_set_lang("es");
        snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "es");
        const char *ids[3] = {"box-breathing", "paced-breathing", NULL};
        for (int k = 0; k < 3; k++) {
            const Exercise *e = ids[k] ? catalog_exercise(hx->app.catalog, ids[k]) : ex478;
            start_step(hx, e, first_breathe(e));
            hx_advance(hx, 6500);
            char name[96];
            snprintf(name, sizeof name, "shapes-%s-800x480-es-150%s", ids[k] ? ids[k] : "478",
                     hc ? "-hc" : "");
            hx_screenshot(hx, name);
            app_pop(&hx->app);
        }
        i18n_set_lang("en");
        hx_free(hx);
    }
}

/* 0-10 scales keep numbered keys (rating.c): to look at, at the door's
 * size in Spanish at 150 % and on a TV, the distress scale's eleven keys
 * each at least 9 mm. */
static void test_eleven_point_scale(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480-es-150"}, {1920, 1080, "1920x1080"}};
    for (int z = 0; z < 2; z++) {
        Harness *hx = hx_new(sizes[z].w, sizes[z].h, NULL);
        if (z == 0) {
            hx->app.settings.text_scale = 150;
            i18n_set_lang("es");
            snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "es");
        }
        SessionInfo sess;
        char gid[40];
        assert_int_equal(store_group_ensure(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START, gid),
                         STORE_OK);
        assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START,
                                            &sess),
                         STORE_OK);
        const Instrument *in = catalog_instrument(hx->app.catalog, "distress");
        assert_non_null(in);
        app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_PRE, NULL, NULL, NULL));
        hx_frame(hx);
        hx_check_targets(hx, sizes[z].name);
        char name[64];
        snprintf(name, sizeof name, "shapes-eleven-%s", sizes[z].name);
        hx_screenshot(hx, name);
        i18n_set_lang("en");
        hx_free(hx);
    }
}

/* --- the on-screen keyboard ------------------------------------------------ */

/* The text entry's ids (screen_textentry.c): keys by row and column from
 * 0, the accent layer's switch, space, done. */
enum { TE_SHIFT = 1001, TE_SPACE = 1002, TE_DONE = 1004, TE_ACCENTS = 1005 };

/* Taps the letter key c (a-z, ñ as 'N'), or '-' and '.'. */
static void tap_letter(Harness *hx, char c)
{
    static const char *const rows[3] = {"qwertyuiop", "asdfghjklN", "zxcvbnm-."};
    for (int r = 0; r < 3; r++) {
        const char *at = strchr(rows[r], c);
        if (at) {
            assert_true(hx_tap_target(hx, (r + 1) * 10 + (int)(at - rows[r])));
            return;
        }
    }
    fail_msg("no key for %c", c);
}

/* The accent layer's keys, in the digits' row: á é í ó ú ü ¿ ? ¡ ! */
enum { ACC_A, ACC_E, ACC_I, ACC_O, ACC_U, ACC_UU, ACC_OPEN_Q, ACC_Q, ACC_OPEN_X, ACC_X };

/* A new group named by touch alone: console, "Open a session", "A new
 * group...", keys, Done; the session's group name is what was tapped. */
static void open_group_by_touch(Harness *hx, const int *taps, int n, const char *want,
                                const char *shot)
{
    assert_true(hx_tap_target(hx, 1)); /* Staff */
    hx_type(hx, "135790", 120);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    assert_true(hx_tap_target(hx, 2)); /* Open a session */
    assert_true(hx_tap_target(hx, 2)); /* A new group... */
    assert_string_equal(hx_top(hx), "textentry");
    for (int i = 0; i < n; i++) {
        if (taps[i] < 0)
            tap_letter(hx, (char)-taps[i]);
        else
            assert_true(hx_tap_target(hx, taps[i]));
    }
    hx_check_targets(hx, "textentry with accents");
    if (shot) {
        static const int sizes[3][2] = {{800, 480}, {1920, 1080}, {480, 800}};
        for (int z = 0; z < 3; z++) {
            hx_resize(hx, sizes[z][0], sizes[z][1]);
            hx_check_targets(hx, shot);
            char name[96];
            snprintf(name, sizeof name, "%s-%dx%d", shot, sizes[z][0], sizes[z][1]);
            hx_screenshot(hx, name);
        }
        hx_resize(hx, 800, 480);
    }
    assert_true(hx_tap_target(hx, TE_DONE));
    assert_string_equal(hx_top(hx), "console");
    SessionInfo info;
    assert_int_equal(store_session_current(hx->app.store, &info), STORE_OK);
    assert_string_equal(info.group_name, want);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM groups WHERE name = '%s'", want);
    assert_int_equal(hx_count(hx, sql), 1);
}

#define L(c) (-(int)(c))

/* "Miércoles" and "¿Qué tal?" typed by touch at 800x480: the accent layer
 * in the digits' row, the letters where they were, a capital after ¿. */
static void test_keyboard_types_spanish(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    const int miercoles[] = {TE_SHIFT, L('m'), L('i'), TE_ACCENTS, ACC_E, L('r'), L('c'), L('o'),
                             L('l'), L('e'), L('s')};
    /* a word starts with a capital unless shift asks for the other case */
    const int grupo[] = {L('g'), L('r'), L('u'), L('p'), L('o'), TE_SPACE};
    int taps[32], n = 0;
    for (size_t i = 0; i < sizeof grupo / sizeof *grupo; i++)
        taps[n++] = grupo[i];
    for (size_t i = 0; i < sizeof miercoles / sizeof *miercoles; i++)
        taps[n++] = miercoles[i];
    open_group_by_touch(hx, taps, n, "Grupo mi\xC3\xA9rcoles", NULL);
    hx_free(hx);

    hx = hx_new(800, 480, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    const int que_tal[] = {TE_ACCENTS, ACC_OPEN_Q, L('q'), L('u'), ACC_E, TE_SPACE, TE_SHIFT, L('t'), L('a'),
                           L('l'), ACC_Q, TE_SPACE, ACC_OPEN_X, L('s'), L('i'), ACC_X};
    open_group_by_touch(hx, que_tal, (int)(sizeof que_tal / sizeof *que_tal),
                        "\xC2\xBFQu\xC3\xA9 tal? \xC2\xA1Si!", "shapes-keyboard-en");
    hx_free(hx);
}

/* Every accented letter, the other case after shift, and the digits back when
 * the layer is switched off; shown at 800x480 in Spanish at 150 %. */
static void test_keyboard_accent_layer(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    hx->app.settings.text_scale = 150;
    i18n_set_lang("es");
    snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "es");
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    const int taps[] = {TE_ACCENTS, ACC_A,   ACC_E, ACC_I,   ACC_O, ACC_U,      ACC_UU,
                        TE_SHIFT,   ACC_A,   TE_SHIFT, ACC_UU, L('N'), TE_SHIFT, L('N'),
                        TE_ACCENTS, 1, 0};
    open_group_by_touch(hx, taps, (int)(sizeof taps / sizeof *taps),
                        "\xC3\x81\xC3\xA9\xC3\xAD\xC3\xB3\xC3\xBA\xC3\xBC\xC3\x81"
                        "\xC3\x9C\xC3\xB1\xC3\x91" "21", "shapes-keyboard-es-150");
    i18n_set_lang("en");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faces_differ_by_shape),
        cmocka_unit_test(test_box_breathing_goes_round_a_square),
        cmocka_unit_test(test_478_shows_its_hold),
        cmocka_unit_test(test_shapes_at_large_text),
        cmocka_unit_test(test_eleven_point_scale),
        cmocka_unit_test(test_keyboard_types_spanish),
        cmocka_unit_test(test_keyboard_accent_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
