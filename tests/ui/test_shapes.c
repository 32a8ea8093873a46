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
        cmocka_unit_test(test_keyboard_types_spanish),
        cmocka_unit_test(test_keyboard_accent_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
