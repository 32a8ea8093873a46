/* The type scale, measured on what the screens really draw: for each
 * screen, size, language and text size, every text recorded by the text
 * cache (not the theme's list of pairs) is in a role of the scale, at
 * least its role's minimum in millimetres, whole (not cut at its box, no
 * word sticking out), clear of every other text, and at 7:1 or more
 * against the pixels behind it; every role at 150 % is at least its size
 * at 100 %; every target is at least 9 mm (hx_check_targets). One contact
 * sheet per size, language and text size (every screen in one PNG) goes
 * to the test output.
 *
 * The run measures every screen listed in shots[] (the door and its
 * states, the console and what it opens, rounds, trends, the first
 * start, the recovery and full-storage screens) over the whole matrix: 800x480,
 * 1280x800, 1920x1080 and 480x800 portrait, English and Spanish, 100, 125
 * and 150 %, both themes (about 15 s). Under valgrind (which would take
 * many minutes over it) HEARTH_TYPESCALE_SMALL=1 keeps a subset drawing
 * the same code: the door over every size and language at 100 and 150 %
 * (both themes on two sizes), then every screen for whole text (none cut,
 * no word sticking out) at the two sizes the contact sheets are looked
 * at, 1920x1080 English at 100 % and 800x480 Spanish at 150 %. */
#include "harness.h"

#include "core/i18n.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/type.h"
#include "ui/widget.h"

#include "core/catalog.h"
#include "core/exercise.h"
#include "export/demo.h"
#include "ui/console.h"
#include "ui/plan.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Shot {
    const char *name;
    Screen *(*make)(App *app); /* NULL: the door, the harness's first screen */
    int tap;                   /* on the door: a target tapped first (0: none) */
    /* or a way there by touch, as people go (make and tap unused); the
     * screens it opens are closed after, and the door goes back to its
     * welcome */
    void (*go)(Harness *hx);
    int wait_ms;               /* the virtual clock advanced before measuring */
} Shot;

static Screen *exercise_shot(App *app)
{
    return exercise_screen_new(app, catalog_exercise(app->catalog, "box-breathing"));
}

static Screen *player_shot(App *app)
{
    return player_screen_new(app, catalog_exercise(app->catalog, "box-breathing"), false, 0,
                             NULL);
}

/* The door's, the round's and the plan screen's targets (screen_door.c,
 * screen_round.c, screen_plan.c, screen_grouppick.c). */
enum { D_YES = 5, D_HELP = 11, D_FACE0 = 200 };
enum { R_VALUE0 = 0, R_END = 101, R_REVEAL = 102 };
enum { P_PLAN0 = 100 };
enum { GP_NEW = 2 };

/* Goes on only when the screen on top is the one wanted. */
static void expect_top(Harness *hx, const char *name)
{
    if (strcmp(hx_top(hx), name) != 0)
        fail_msg("the screen on top is \"%s\", not \"%s\"", hx_top(hx), name);
}

/* A pass scanned at the door, as a USB scanner types it. */
static void scan_new_pass(Harness *hx)
{
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    hx_advance(hx, 400);
}

static void door_rating_shot(Harness *hx)
{
    scan_new_pass(hx);
    expect_top(hx, "door");
    if (strcmp(door_state_name(app_top(&hx->app)), "rating") != 0)
        fail_msg("the door shows \"%s\" after a scan", door_state_name(app_top(&hx->app)));
}

static void door_thanks_shot(Harness *hx)
{
    door_rating_shot(hx);
    assert_true(hx_tap_target(hx, D_FACE0 + 3));
    hx_advance(hx, 300);
}

/* the lowest face: the door offers a staff member */
static void door_ask_staff_shot(Harness *hx)
{
    door_rating_shot(hx);
    assert_true(hx_tap_target(hx, D_FACE0));
    hx_advance(hx, 300);
}

/* ... and yes: the help card says someone is coming */
static void help_asked_shot(Harness *hx)
{
    door_ask_staff_shot(hx);
    assert_true(hx_tap_target(hx, D_YES));
    hx_advance(hx, 400);
    expect_top(hx, "help");
}

/* "Talk to someone", always on the door */
static void help_shot(Harness *hx)
{
    assert_true(hx_tap_target(hx, D_HELP));
    hx_advance(hx, 400);
    expect_top(hx, "help");
}

/* something scanned that is not a pass */
static void door_refused_shot(Harness *hx)
{
    hx_type(hx, "NOT-A-PASS-1234", 4);
    hx_key(hx, SDLK_RETURN);
    hx_advance(hx, 400);
}

static void pin_shot(Harness *hx)
{
    screens_open_console(&hx->app);
    hx_advance(hx, 400);
    expect_top(hx, "pin");
}

static void round_of(Harness *hx, const char *instrument)
{
    const Instrument *in = catalog_instrument(hx->app.catalog, instrument);
    assert_non_null(in);
    app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_ROUND, NULL, NULL, NULL));
    hx_advance(hx, 400);
    expect_top(hx, "round");
}

/* the mood question with its faces */
static void round_faces_shot(Harness *hx) { round_of(hx, "mood"); }

/* a 0-10 scale, 7 chosen by its key */
static void round_scale_shot(Harness *hx)
{
    round_of(hx, "distress");
    hx_type(hx, "7", 300);
}

/* eight answers, the round ended and its result revealed (with the
 * middle half's band, which shows from seven) */
static void round_result_shot(Harness *hx)
{
    round_of(hx, "mood");
    static const int answers[8] = {1, 3, 3, 4, 4, 5, 2, 4};
    for (int i = 0; i < 8; i++) {
        assert_true(hx_tap_target(hx, R_VALUE0 + answers[i] - 1));
        hx_advance(hx, 2600);
    }
    assert_true(hx_hold_target(hx, R_END, APP_HOLD_MS + 100));
    expect_top(hx, "confirm");
    assert_true(hx_tap_target(hx, 1)); /* end it */
    assert_true(hx_tap_target(hx, R_REVEAL));
    hx_advance(hx, 400);
}

static void trends_shot(Harness *hx)
{
    trends_tile.run(&hx->app);
    hx_advance(hx, 400);
    expect_top(hx, "trends");
    /* the next group: one of the demo's, with weeks of sessions */
    assert_true(hx_tap_target(hx, 3));
    hx_advance(hx, 400);
}

/* today's plan chosen: its first block runs */
static void plan_shot(Harness *hx)
{
    app_push(&hx->app, plan_screen_new(&hx->app));
    hx_advance(hx, 400);
    int iop = -1;
    for (int i = 0; i < catalog_plan_count(hx->app.catalog); i++)
        if (!strcmp(catalog_plan_at(hx->app.catalog, i)->id, "iop-three-hours"))
            iop = i;
    assert_true(iop >= 0);
    assert_true(hx_tap_target(hx, P_PLAN0 + iop));
    hx_advance(hx, 60000);
}

static void picked_nothing(App *app, const char *group)
{
    (void)app;
    (void)group;
}

static void grouppick_shot(Harness *hx)
{
    app_push(&hx->app, grouppick_screen_new(&hx->app, picked_nothing));
    hx_advance(hx, 400);
}

static void new_group_shot(Harness *hx)
{
    grouppick_shot(hx);
    assert_true(hx_tap_target(hx, GP_NEW));
    hx_advance(hx, 400);
    expect_top(hx, "textentry");
}

static void close_session_no(App *app, void *ctx)
{
    (void)app;
    (void)ctx;
}

/* the console's question before it closes the session */
static Screen *confirm_shot(App *app)
{
    return confirm_screen_new(app, _("Close this session?"),
                              _("The door stops checking people in until a new session opens."),
                              _("Close the session"), _("Keep it open"), close_session_no, NULL);
}

static void groups_shot(Harness *hx)
{
    groups_tile.run(&hx->app);
    hx_advance(hx, 400);
}

static void roundpick_shot(Harness *hx)
{
    round_tile.run(&hx->app);
    hx_advance(hx, 400);
}

static void problems_shot(Harness *hx)
{
    problems_tile.run(&hx->app);
    hx_advance(hx, 400);
}

/* what store_open says of a damaged file, and of a full disk */
static const char damaged[] = "The database /var/lib/hearth/hearth.db is "
                              "damaged: file is not a database.";
static const char disk_full[] = "The database /var/lib/hearth/hearth.db could "
                                "not be opened: database or disk is full.";

static Screen *recovery_shot(App *app)
{
    return recovery_screen_new(app, "/nonexistent/hearth.db", damaged);
}
static Screen *nospace_shot(App *app)
{
    return nospace_screen_new(app, "/nonexistent/hearth.db", disk_full);
}

static int first_breathe(const Exercise *e)
{
    for (int i = 0; i < e->nsteps; i++)
        if (e->steps[i].kind == STEP_BREATHE)
            return i;
    return 0;
}

/* Box breathing's first breathing step: measured in the middle of its
 * first hold (wait_ms), the pacer's word and count inside the square, the
 * time left under it. */
static Screen *player_box_shot(App *app)
{
    const Exercise *e = catalog_exercise(app->catalog, "box-breathing");
    return player_screen_new(app, e, false, first_breathe(e), "");
}

/* 4-7-8 (no such exercise in the catalogue: made here, as in
 * test_shapes.c), measured in its hold: the held disc, its ring, the
 * word, the count and the time left. */
static Screen *player_478_shot(App *app)
{
    return player_screen_new(app, hx_exercise_478(), false, 0, "");
}

static const Shot shots[] = {
    {"door", NULL, 0, NULL, 0},
    {"console", console_screen_new, 0, NULL, 0},
    {"library", library_screen_new, 0, NULL, 0},
    {"settings", settings_screen_new, 0, NULL, 0},
    {"exercise", exercise_shot, 0, NULL, 0},
    {"player", player_shot, 0, NULL, 0},
    {"player-box-hold", player_box_shot, 0, NULL, 6100},
    {"player-478-hold", player_478_shot, 0, NULL, 6100},
    {"player-box-paused", player_box_shot, 2, NULL, 6100}, /* Pause: "Paused" by the clock */
    {"passes", passes_screen_new, 0, NULL, 0},
    {"door-keypad", NULL, 3, NULL, 0}, /* "Type my code" */
    {"door-rating", NULL, 0, door_rating_shot, 0},
    {"door-thanks", NULL, 0, door_thanks_shot, 0},
    {"door-ask-staff", NULL, 0, door_ask_staff_shot, 0},
    {"door-refused", NULL, 0, door_refused_shot, 0},
    {"help", NULL, 0, help_shot, 0},
    {"pin", NULL, 0, pin_shot, 0},
    {"pin-change", pin_change_screen_new, 0, NULL, 0},
    {"setup", setup_screen_new, 0, NULL, 0},
    {"tools", tools_screen_new, 0, NULL, 0},
    {"grouppick", NULL, 0, grouppick_shot, 0},
    {"new-group", NULL, 0, new_group_shot, 0},
    {"groups", NULL, 0, groups_shot, 0},
    {"confirm", confirm_shot, 0, NULL, 0},
    {"roundpick", NULL, 0, roundpick_shot, 0},
    {"round-faces", NULL, 0, round_faces_shot, 0},
    {"round-scale", NULL, 0, round_scale_shot, 0},
    {"round-result", NULL, 0, round_result_shot, 0},
    {"trends", NULL, 0, trends_shot, 0},
    {"problems", NULL, 0, problems_shot, 0},
    {"recovery", recovery_shot, 0, NULL, 0},
    {"nospace", nospace_shot, 0, NULL, 0},
    {"plan", NULL, 0, plan_shot, 0},
    /* last: the staff request it stores raises the alert on every screen */
    {"help-asked", NULL, 0, help_asked_shot, 0},
};
#define NSHOTS (int)(sizeof shots / sizeof shots[0])
/* the screens measured over the matrix: all, or the door alone in the
 * small run */
static int nshots = NSHOTS;

static TextLog drawn;
static int problems;
/* only whole text counts (cut, a word sticking out, off the screen): the
 * small run's check of every screen at the two sizes looked at */
static bool whole_only;

static void problem(const char *where, const ScreenText *t, const char *what)
{
    static int shown = -1;
    if (shown < 0)
        shown = getenv("HEARTH_TYPESCALE_ALL") ? 1 << 30 : 60;
    if (problems < shown)
        fprintf(stderr, "%s: \"%.60s\" (%s, %d px): %s\n", where, t->text, type_role_name(t->role),
                t->px, what);
    problems++;
}

static bool overlap(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect o;
    return SDL_IntersectRect(&a, &b, &o) && o.w > 1 && o.h > 1;
}

/* Draws the screen whole with the record attached and checks each text.
 * role_px[r] gets the largest size role r was drawn at. */
static void measure(Harness *hx, const char *where, int scale, bool contrast, int *role_px)
{
    View *v = &hx->app.views[0];
    textlog_clear(&drawn);
    drawn.measure = contrast;
    text_cache_set_log(v->text, &drawn);
    hx->app.dirty = true;
    app_draw(&hx->app);
    text_cache_set_log(v->text, NULL);
    if (drawn.full)
        fprintf(stderr, "%s: more texts than the record holds\n", where);
    for (int i = 0; i < drawn.n; i++) {
        const ScreenText *t = &drawn.items[i];
        char why[160];
        if (t->role == TYPE_NONE || t->role >= TYPE_ROLES) {
            problem(where, t, "drawn outside the type scale");
            continue;
        }
        if (whole_only) {
            if (t->cut)
                problem(where, t, "cut at its box");
            if (t->wide_word)
                problem(where, t, "a word sticks out of its box");
            continue;
        }
        if (t->px < type_min_px(v, t->role, scale)) {
            snprintf(why, sizeof why, "under the role's minimum of %d px (%.1f mm)",
                     type_min_px(v, t->role, scale), (double)type_min_mm(t->role));
            problem(where, t, why);
        }
        if (t->cut)
            problem(where, t, "cut at its box");
        if (t->wide_word)
            problem(where, t, "a word sticks out of its box");
        if (t->box.x < 0 || t->box.y < 0 || t->box.x + t->box.w > v->w ||
            t->box.y + t->box.h > v->h)
            problem(where, t, "leaves the screen");
        if (contrast && t->contrast < 7.0) {
            snprintf(why, sizeof why, "%.2f:1 against #%02x%02x%02x behind it", t->contrast,
                     t->behind.r, t->behind.g, t->behind.b);
            problem(where, t, why);
        }
        for (int k = i + 1; k < drawn.n; k++)
            if (overlap(t->box, drawn.items[k].box)) {
                snprintf(why, sizeof why, "overlaps \"%.40s\"", drawn.items[k].text);
                problem(where, t, why);
            }
        if (role_px && t->px > role_px[t->role])
            role_px[t->role] = t->px;
    }
    if (!whole_only)
        hx_check_targets(hx, where);
}

/* The contact sheet's grid: SHEET_COLS screens a row, each at its size,
 * or at half its size on a screen over 1000 px wide (so a sheet of every
 * screen stays a picture a viewer opens). */
#define SHEET_COLS 4
static int sheet_div(int w) { return w > 1000 ? 2 : 1; }

/* Copies the view into the sheet at cell i. */
static void paste(SDL_Surface *sheet, SDL_Surface *shot, int i)
{
    int d = sheet_div(shot->w), cw = shot->w / d, ch = shot->h / d;
    SDL_Rect dst = {(i % SHEET_COLS) * cw, (i / SHEET_COLS) * ch, cw, ch};
    if (d == 1)
        SDL_BlitSurface(shot, NULL, sheet, &dst);
    else
        SDL_BlitScaled(shot, NULL, sheet, &dst);
}

static void run(int w, int h, const char *lang, int scale, bool high_contrast, int *role_px,
                bool sheet)
{
    Harness *hx = hx_new(800, 480, NULL);
    hx->app.settings.text_scale = scale;
    hx->app.settings.high_contrast = high_contrast;
    theme_for(&hx->app.theme, high_contrast);
    i18n_set_lang(lang);
    snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", lang);
    hx_resize(hx, w, h);
    /* a kiosk in use: weeks of sessions behind the open one, so trends
     * has charts and a summary to draw */
    DemoOptions demo = {6, 2, 1, HX_WALL_START};
    DemoStats demo_stats;
    char err[256];
    if (!demo_fill(hx->app.store, &demo, &demo_stats, err, sizeof err))
        fail_msg("demo data: %s", err);
    hx_open_session(hx);
    hx_advance(hx, 2100);
    /* a pass issued, so the passes screen has a row to measure */
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    SDL_Surface *all = NULL;
    if (sheet)
        all = SDL_CreateRGBSurfaceWithFormat(0, w / sheet_div(w) * SHEET_COLS,
                                             h / sheet_div(w) *
                                                 ((NSHOTS + SHEET_COLS - 1) / SHEET_COLS),
                                             32, SDL_PIXELFORMAT_ARGB8888);
    /* HEARTH_TYPESCALE_ONLY=name,name: only those screens (while fixing) */
    const char *only = getenv("HEARTH_TYPESCALE_ONLY");
    for (int s = 0; s < nshots; s++) {
        char key[64];
        snprintf(key, sizeof key, ",%s,", shots[s].name);
        char list[512];
        snprintf(list, sizeof list, ",%s,", only ? only : "");
        if (only && !strstr(list, key))
            continue;
        if (shots[s].go)
            shots[s].go(hx);
        if (shots[s].make) {
            app_push(&hx->app, shots[s].make(&hx->app));
            hx_advance(hx, 400);
        }
        if (shots[s].wait_ms)
            hx_advance(hx, (uint64_t)shots[s].wait_ms);
        if (shots[s].tap) {
            if (!hx_tap_target(hx, shots[s].tap))
                fail_msg("%s: target %d is not there", shots[s].name, shots[s].tap);
            hx_advance(hx, 400);
        }
        char where[160];
        snprintf(where, sizeof where, "%s %dx%d %s %d%%%s", shots[s].name, w, h, lang, scale,
                 high_contrast ? " high-contrast" : "");
        measure(hx, where, scale, true, role_px ? role_px + s * TYPE_ROLES : NULL);
        if (all)
            paste(all, hx->surface, s);
        if (w == 1920 && scale == 100 && !high_contrast && !strcmp(lang, "en")) {
            /* each screen on its own at full size too: the README's
             * screenshots are taken from these */
            char one[1024];
            snprintf(one, sizeof one, "%s/typescale-%s-1920x1080.png", tk_output_dir(),
                     shots[s].name);
            IMG_SavePNG(hx->surface, one);
        }
        if (shots[s].make)
            app_pop(&hx->app);
        if (shots[s].tap)
            hx_key(hx, SDLK_ESCAPE);
        if (shots[s].go) {
            /* back to the door's welcome, as the next person finds it */
            app_pop_to(&hx->app, 1);
            for (int k = 0; k < 40 && strcmp(door_state_name(app_top(&hx->app)), "welcome"); k++) {
                hx_key(hx, SDLK_ESCAPE);
                hx_advance(hx, 500);
            }
        }
        hx_advance(hx, 100);
    }
    if (all) {
        char path[1024];
        snprintf(path, sizeof path, "%s/typescale-%dx%d-%s-%d%s.png", tk_output_dir(), w, h, lang,
                 scale, high_contrast ? "-hc" : "");
        IMG_SavePNG(all, path);
        SDL_FreeSurface(all);
    }
    i18n_set_lang("en");
    hx_free(hx);
}

static const struct {
    int w, h;
} sizes[] = {{800, 480}, {1280, 800}, {1920, 1080}, {480, 800}};

static void test_type_scale_measured(void **state)
{
    (void)state;
    const char *small_env = getenv("HEARTH_TYPESCALE_SMALL");
    bool full = !(small_env && small_env[0] == '1');
    nshots = full ? NSHOTS : 1;
    static const char *const langs[] = {"en", "es"};
    static const int scales[] = {100, 125, 150};
    problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (int li = 0; li < 2; li++)
            for (int hc = 0; hc < 2; hc++) {
                /* the small run: the door at every size once in each
                 * language at 100 and 150 %; the whole run adds 125 % */
                int at100[NSHOTS * TYPE_ROLES] = {0}, at150[NSHOTS * TYPE_ROLES] = {0};
                for (int k = 0; k < 3; k++) {
                    if (!full && scales[k] == 125)
                        continue;
                    if (!full && hc && (z == 1 || z == 3))
                        continue;
                    bool sheet = !hc && ((z == 0 && li == 1 && scales[k] == 150) ||
                                         (z == 2 && li == 0 && scales[k] == 100) || full);
                    run(sizes[z].w, sizes[z].h, langs[li], scales[k], hc != 0,
                        scales[k] == 100 ? at100 : scales[k] == 150 ? at150 : NULL, sheet);
                }
                for (int i = 0; i < NSHOTS * TYPE_ROLES; i++)
                    if (at100[i] && at150[i] && at150[i] < at100[i]) {
                        fprintf(stderr, "%s %dx%d %s: %s is %d px at 150 %%, %d px at 100 %%\n",
                                shots[i / TYPE_ROLES].name, sizes[z].w, sizes[z].h, langs[li],
                                type_role_name((TypeRole)(i % TYPE_ROLES)), at150[i], at100[i]);
                        problems++;
                    }
            }
    /* every screen listed, whole (nothing cut), at the two sizes the
     * contact sheets are looked at: 1920x1080 English at 100 % and
     * 800x480 Spanish at 150 % */
    if (!full) {
        nshots = NSHOTS;
        whole_only = true;
        run(1920, 1080, "en", 100, false, NULL, true);
        run(800, 480, "es", 150, false, NULL, true);
        whole_only = false;
    }
    if (problems)
        fail_msg("%d problems in the drawn text (the first are listed above)", problems);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_scale_measured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
