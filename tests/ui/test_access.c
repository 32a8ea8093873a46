/* Accessibility, screen by screen: every target reached with Tab alone,
 * every target at least 9 mm on real screens' densities (a 7-inch Raspberry
 * Pi display, 10-inch tablets, a portrait tablet), and nothing flashing
 * more than three times a second (WCAG 2.3.1), in motion and in reduced
 * motion. */
#include "harness.h"

#include "core/catalog.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "svc/gate.h"
#include "ui/console.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* --- the screens --------------------------------------------------------------- */

typedef void (*Visit)(Harness *hx, const char *screen, void *ctx);

/* Brings up every screen in turn and calls visit on each; the kiosk is
 * left at the door. */
static void every_screen(Harness *hx, Visit visit, void *ctx)
{
    app_push(&hx->app, setup_screen_new(&hx->app));
    hx_frame(hx);
    visit(hx, "setup", ctx);
    app_pop(&hx->app);

    visit(hx, "door-closed", ctx);
    hx_open_session(hx);
    hx_advance(hx, 2100);
    visit(hx, "door-welcome", ctx);
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    visit(hx, "door-rating", ctx);
    assert_true(hx_tap_target(hx, 200)); /* the lowest face */
    visit(hx, "door-ask-staff", ctx);
    assert_true(hx_tap_target(hx, 6)); /* no, thank you */
    assert_true(hx_tap_target(hx, 3)); /* type my code */
    visit(hx, "door-keypad", ctx);
    hx_key(hx, SDLK_ESCAPE);

    if (gate_set_pin(hx->app.store, "135790", HX_WALL_START) != GATE_OK)
        fail_msg("cannot set the PIN");
    assert_true(hx_tap_target(hx, 1));
    visit(hx, "pin", ctx);
    hx_type(hx, "135790", 50);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    visit(hx, "console", ctx);

    app_push(&hx->app, library_screen_new(&hx->app));
    hx_frame(hx);
    visit(hx, "library", ctx);
    const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
    assert_non_null(e);
    app_push(&hx->app, exercise_screen_new(&hx->app, e));
    hx_frame(hx);
    visit(hx, "exercise", ctx);
    app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
    hx_frame(hx);
    visit(hx, "player", ctx);
    assert_true(hx_hold_target(hx, 6, APP_HOLD_MS + 100)); /* End, held */
    visit(hx, "confirm", ctx);
    app_pop(&hx->app);
    app_pop(&hx->app);
    app_pop(&hx->app);
    app_pop(&hx->app);

    const Instrument *in = catalog_instrument(hx->app.catalog, "distress");
    app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_ROUND, NULL, NULL, NULL));
    hx_frame(hx);
    visit(hx, "round", ctx);
    app_pop(&hx->app);

    app_push(&hx->app, passes_screen_new(&hx->app));
    hx_frame(hx);
    visit(hx, "passes", ctx);
    app_push(&hx->app, textentry_screen_new(&hx->app, "Revoke a pass", "Scan the pass.", 32,
                                            NULL, NULL));
    hx_frame(hx);
    visit(hx, "textentry", ctx);
    app_pop(&hx->app);
    app_pop(&hx->app);

    /* "Reports and settings", and each of its tiles */
    assert_true(hx_tap_target(hx, 5));
    assert_string_equal(hx_top(hx), "tools");
    visit(hx, "tools", ctx);
    for (int i = 0; i < console_more_tile_count; i++) {
        if (console_more_tiles[i] == &settings_tile)
            continue; /* below, section by section */
        assert_true(hx_tap_target(hx, 100 + i));
        char name[64];
        snprintf(name, sizeof name, "tools-%d-%s", i, hx_top(hx));
        visit(hx, name, ctx);
        while (strcmp(hx_top(hx), "tools") != 0)
            app_pop(&hx->app);
    }
    app_pop(&hx->app);

    app_push(&hx->app, settings_screen_new(&hx->app));
    hx_frame(hx);
    for (int sec = 0; sec < 4; sec++) {
        assert_true(hx_tap_target(hx, 10 + sec));
        char name[32];
        snprintf(name, sizeof name, "settings-%d", sec);
        visit(hx, name, ctx);
    }
    app_pop(&hx->app);
    app_pop(&hx->app); /* the console */
    assert_string_equal(hx_top(hx), "door");
}

/* --- keyboard ------------------------------------------------------------------ */

static void tab_reaches_everything(Harness *hx, const char *screen, void *ctx)
{
    (void)ctx;
    Screen *s = app_top(&hx->app);
    Target t[APP_MAX_TARGETS];
    int n = s->cls->targets(&hx->app, s, &hx->app.views[0], t, APP_MAX_TARGETS);
    bool reached[APP_MAX_TARGETS] = {false};
    int enabled = 0;
    for (int i = 0; i < n; i++)
        enabled += !t[i].disabled && t[i].rect.w > 0;
    for (int k = 0; k < enabled + 2; k++) {
        hx_key(hx, SDLK_TAB);
        for (int i = 0; i < n; i++)
            if (t[i].id == hx->app.focus_id)
                reached[i] = true;
    }
    for (int i = 0; i < n; i++)
        if (!t[i].disabled && t[i].rect.w > 0 && !reached[i])
            fail_msg("%s: Tab never reaches target %d", screen, t[i].id);
    /* and the focus shows */
    if (enabled > 0)
        assert_true(hx->app.focus_visible);
    /* leave the focus as a finger would, for the next step of the tour */
    hx->app.focus_id = -1;
    hx->app.focus_visible = false;
}

static void test_tab_reaches_every_target(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    every_screen(hx, tab_reaches_everything, NULL);
    hx_free(hx);
}

static void test_esc_goes_back_everywhere(void **state)
{
    (void)state;
    /* Esc leaves every screen behind the door for the one below it (the
     * round and the player never end by Esc); at the door it never leaves. */
    Harness *hx = hx_new(800, 480, NULL);
    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    assert_true(hx_tap_target(hx, 1));
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "door");
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "door");
    assert_true(hx_tap_target(hx, 1));
    hx_type(hx, "135790", 50);
    hx_key(hx, SDLK_RETURN);
    /* a round never ends by Esc (a client's keyboard may be at the door) */
    static const char *const below[] = {"console", "console", "console", "round"};
    Screen *screens[4] = {library_screen_new(&hx->app), passes_screen_new(&hx->app),
                          settings_screen_new(&hx->app),
                          round_screen_new(&hx->app,
                                           catalog_instrument(hx->app.catalog, "distress"),
                                           PHASE_ROUND, NULL, NULL, NULL)};
    for (int i = 0; i < 4; i++) {
        app_push(&hx->app, screens[i]);
        hx_frame(hx);
        const char *name = hx_top(hx);
        for (int k = 0; k < 2 && !strcmp(hx_top(hx), name); k++)
            hx_key(hx, SDLK_ESCAPE);
        if (strcmp(hx_top(hx), below[i]) != 0)
            fail_msg("Esc on %s went to %s, expected %s", name, hx_top(hx), below[i]);
    }
    app_pop(&hx->app);
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "door");
    hx_free(hx);
}

/* --- touch targets at real densities ----------------------------------------- */

typedef struct Density {
    int w, h;
    float dpi;
    int scale;
    const char *lang, *what;
} Density;

static void targets_are_9mm(Harness *hx, const char *screen, void *ctx)
{
    const Density *d = ctx;
    View *v = &hx->app.views[0];
    assert_true(widget_min_touch(v) >= (int)(9.0f * d->dpi / 25.4f));
    char where[128];
    snprintf(where, sizeof where, "%s on %s", screen, d->what);
    hx_check_targets(hx, where);
    char name[128];
    snprintf(name, sizeof name, "access-%s-%s", d->what, screen);
    hx_screenshot(hx, name);
}

static void test_targets_9mm_on_real_screens(void **state)
{
    (void)state;
    static const Density screens[] = {
        /* the official 7-inch Raspberry Pi display: 155 x 86 mm */
        {800, 480, 131.0f, 100, "en", "pi7"},
        {800, 480, 131.0f, 150, "es", "pi7-es150"},
        /* a 10.1-inch 1280x800 panel, and a 10-inch 1920x1200 tablet */
        {1280, 800, 149.0f, 125, "en", "10in"},
        {1920, 1080, 220.0f, 100, "en", "10in-hd"},
        /* an 8-inch portrait tablet */
        {800, 1280, 189.0f, 150, "es", "8in-portrait-es150"},
    };
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        Harness *hx = hx_new(800, 480, NULL);
        hx->app.views[0].px_per_mm = screens[i].dpi / 25.4f;
        hx->app.settings.text_scale = screens[i].scale;
        i18n_set_lang(screens[i].lang);
        snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", screens[i].lang);
        hx_resize(hx, screens[i].w, screens[i].h);
        every_screen(hx, targets_are_9mm, (void *)&screens[i]);
        i18n_set_lang("en");
        hx_free(hx);
    }
}

static void test_density_from_the_display(void **state)
{
    (void)state;
    /* measured: taken as is (the larger of the two axes) */
    assert_float_equal(widget_px_per_mm(131.0f, 131.0f, 800, 480), 131.0f / 25.4f, 0.01f);
    assert_float_equal(widget_px_per_mm(140.0f, 150.0f, 800, 480), 150.0f / 25.4f, 0.01f);
    /* not measured (none, absurd, or X's stand-in 96): no larger than a
     * 7-inch screen, so at least the real density of the Pi's display */
    float pi = widget_px_per_mm(0, 0, 800, 480);
    assert_true(pi >= 131.0f / 25.4f);
    assert_true(widget_px_per_mm(96.0f, 96.0f, 800, 480) >= 131.0f / 25.4f);
    assert_true(widget_px_per_mm(20.0f, 20.0f, 800, 480) >= 131.0f / 25.4f);
    /* a large mode with no report: capped, so layouts still fit */
    assert_float_equal(widget_px_per_mm(0, 0, 3840, 2160), 300.0f / 25.4f, 0.01f);
    /* nothing known at all: the 96 dpi floor */
    assert_float_equal(widget_px_per_mm(0, 0, 0, 0), 96.0f / 25.4f, 0.01f);
}

/* --- flashing -------------------------------------------------------------------- */

/* WCAG 2.3.1: a flash is a pair of opposing changes in relative luminance
 * of 0.1 or more where the darker state is below 0.8. Measured on a grid
 * of cells (each well under the 10-degree area WCAG allows), frame by
 * frame on the virtual clock. */
#define CELLS_X 8
#define CELLS_Y 6

typedef struct FlashMeter {
    float extreme[CELLS_Y][CELLS_X]; /* the brightest or darkest since the last turn */
    int dir[CELLS_Y][CELLS_X];       /* +1 getting brighter, -1 darker, 0 not yet moved */
    uint64_t at[CELLS_Y][CELLS_X][16]; /* the latest transitions, a ring */
    int count[CELLS_Y][CELLS_X];
    int worst; /* most transitions of one cell within one second */
    bool started;
} FlashMeter;

static float linear(Uint8 c)
{
    float s = (float)c / 255.0f;
    return s <= 0.04045f ? s / 12.92f : powf((s + 0.055f) / 1.055f, 2.4f);
}

static float cell_luminance(Harness *hx, int cx, int cy)
{
    SDL_Surface *sf = hx->surface;
    float sum = 0;
    int n = 0;
    int x0 = cx * sf->w / CELLS_X, x1 = (cx + 1) * sf->w / CELLS_X;
    int y0 = cy * sf->h / CELLS_Y, y1 = (cy + 1) * sf->h / CELLS_Y;
    for (int y = y0; y < y1; y += 4)
        for (int x = x0; x < x1; x += 4) {
            SDL_Color c = hx_pixel(hx, x, y);
            sum += 0.2126f * linear(c.r) + 0.7152f * linear(c.g) + 0.0722f * linear(c.b);
            n++;
        }
    return n ? sum / (float)n : 0;
}

/* A swing of 0.1 or more (the darker side below 0.8) against the last
 * direction is a transition; two make a flash. */
static void meter_sample(FlashMeter *m, Harness *hx)
{
    for (int cy = 0; cy < CELLS_Y; cy++) {
        for (int cx = 0; cx < CELLS_X; cx++) {
            float l = cell_luminance(hx, cx, cy);
            float *ext = &m->extreme[cy][cx];
            int *dir = &m->dir[cy][cx];
            if (!m->started) {
                *ext = l;
                continue;
            }
            bool turn = false;
            if (*dir >= 0 && l > *ext && *dir == 1) {
                *ext = l;
            } else if (*dir <= 0 && l < *ext && *dir == -1) {
                *ext = l;
            } else if (fabsf(l - *ext) >= 0.1f && fminf(l, *ext) < 0.8f) {
                turn = true;
                *dir = l > *ext ? 1 : -1;
                *ext = l;
            }
            if (!turn)
                continue;
            int k = m->count[cy][cx]++ % 16;
            m->at[cy][cx][k] = hx->app.now;
            int within = 0;
            for (int j = 0; j < 16 && j < m->count[cy][cx]; j++)
                within += hx->app.now - m->at[cy][cx][j] < 1000;
            if (within > m->worst)
                m->worst = within;
        }
    }
    m->started = true;
}

/* Runs the kiosk for ms on the virtual clock, sampling every frame; fails
 * when any cell flashed more than three times in a second (six
 * transitions). */
static void assert_no_flashing(Harness *hx, uint64_t ms, const char *what)
{
    static FlashMeter m;
    memset(&m, 0, sizeof m);
    for (uint64_t t = 0; t < ms; t += 16) {
        hx_advance(hx, 16);
        meter_sample(&m, hx);
    }
    if (m.worst > 6)
        fail_msg("%s: %d changes of brightness within a second, more than three flashes", what,
                 m.worst);
}

static void test_nothing_flashes(void **state)
{
    (void)state;
    for (int reduced = 0; reduced <= 1; reduced++) {
        Harness *hx = hx_new(800, 480, NULL);
        hx->app.settings.reduced_motion = reduced;
        const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
        app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
        hx_frame(hx);
        assert_no_flashing(hx, 3000, reduced ? "the player, reduced motion" : "the player");
        hx_key(hx, SDLK_RIGHT); /* the breathing step, the pacer moving */
        assert_no_flashing(hx, 20000, reduced ? "the pacer, reduced motion" : "the pacer");
        hx_screenshot(hx, reduced ? "access-pacer-reduced" : "access-pacer");
        hx_free(hx);
    }
    /* the door through a check-in, its outcome and question, and back */
    Harness *hx = hx_new(800, 480, NULL);
    hx_open_session(hx);
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    assert_no_flashing(hx, 2500, "the door");
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    assert_no_flashing(hx, 30000, "the door's outcome and question");
    assert_string_equal(door_state_name(app_top(&hx->app)), "welcome");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tab_reaches_every_target),
        cmocka_unit_test(test_esc_goes_back_everywhere),
        cmocka_unit_test(test_density_from_the_display),
        cmocka_unit_test(test_targets_9mm_on_real_screens),
        cmocka_unit_test(test_nothing_flashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
